-- The killed of the filtered incidents per perpetrator and victim category
-- (`victim_categories`). The categories of one perpetrator add up to its killed.
WITH sums AS (
    SELECT
        perpetrator,
        count(*) AS massacres,
        count_if(without_breakdown) AS incidents_without_breakdown,
        sum(children)::BIGINT AS children,
        sum(women)::BIGINT AS women,
        sum(fetuses)::BIGINT AS fetuses,
        sum(others)::BIGINT AS others,
        sum(breakdown_not_given)::BIGINT AS breakdown_not_given
    FROM victim_categories
    GROUP BY perpetrator
)
SELECT perpetrator, massacres, incidents_without_breakdown, category, killed
FROM sums
UNPIVOT (killed FOR category IN (children, women, fetuses, others, breakdown_not_given))
ORDER BY perpetrator, category
