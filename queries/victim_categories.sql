-- Each filtered incident's killed by victim category: children, women, fetuses (apart from
-- children), others or unspecified, and the killed of an incident whose paragraph gives no
-- breakdown of children and women ("breakdown_not_given": unknown, never counted as zero
-- children or women). An incident's categories add up to its killed. Not a question of its
-- own: a query that reads `victim_categories` gets this as a common table expression.
SELECT
    month,
    date,
    perpetrator,
    NOT has_breakdown                                                      AS without_breakdown,
    CASE WHEN has_breakdown THEN children ELSE 0 END                       AS children,
    CASE WHEN has_breakdown THEN women ELSE 0 END                          AS women,
    CASE WHEN has_breakdown THEN coalesce(fetuses, 0) ELSE 0 END           AS fetuses,
    CASE WHEN has_breakdown THEN killed - children - women - coalesce(fetuses, 0) ELSE 0 END AS others,
    CASE WHEN has_breakdown THEN 0 ELSE killed END                         AS breakdown_not_given
FROM filtered
