-- Victims per perpetrator in the filtered incidents: killed, children, women, fetuses (apart),
-- and how many incidents give no breakdown (their children and women are unknown, not zero).
SELECT
    perpetrator,
    CAST(sum(killed) AS INTEGER)                       AS killed,
    CAST(sum(children) AS INTEGER)                     AS children,
    CAST(sum(women) AS INTEGER)                        AS women,
    CAST(coalesce(sum(fetuses), 0) AS INTEGER)         AS fetuses,
    count(*) FILTER (WHERE NOT has_breakdown)          AS no_breakdown
FROM filtered
GROUP BY perpetrator
ORDER BY killed DESC, perpetrator
