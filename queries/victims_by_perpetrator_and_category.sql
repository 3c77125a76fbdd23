-- The killed of the filtered incidents per perpetrator and victim category: children, women,
-- fetuses (apart from children), others or unspecified, and the killed of incidents whose
-- paragraph gives no breakdown of children and women ("breakdown_not_given": unknown, never
-- counted as zero children or women). The categories of one perpetrator add up to its killed.
WITH sums AS (
    SELECT
        perpetrator,
        count(*) AS massacres,
        count(*) FILTER (WHERE NOT has_breakdown) AS incidents_without_breakdown,
        coalesce(sum(children) FILTER (WHERE has_breakdown), 0)::BIGINT AS children,
        coalesce(sum(women) FILTER (WHERE has_breakdown), 0)::BIGINT AS women,
        coalesce(sum(coalesce(fetuses, 0)) FILTER (WHERE has_breakdown), 0)::BIGINT
            AS fetuses,
        coalesce(sum(killed - children - women - coalesce(fetuses, 0))
                 FILTER (WHERE has_breakdown), 0)::BIGINT AS others,
        coalesce(sum(killed) FILTER (WHERE NOT has_breakdown), 0)::BIGINT AS breakdown_not_given
    FROM filtered
    GROUP BY perpetrator
)
SELECT perpetrator, massacres, incidents_without_breakdown, category, killed
FROM sums
UNPIVOT (killed FOR category IN (children, women, fetuses, others, breakdown_not_given))
ORDER BY perpetrator, category
