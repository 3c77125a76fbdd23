-- The killed of the filtered incidents per month of the incident's own date and victim
-- category (`victim_categories`). A month with no incident has no row: a gap, not a zero.
WITH sums AS (
    SELECT
        month,
        CAST(date_trunc('month', min(date)) AS DATE) AS month_start,
        count(*) AS massacres,
        count_if(without_breakdown) AS incidents_without_breakdown,
        sum(children)::BIGINT AS children,
        sum(women)::BIGINT AS women,
        sum(fetuses)::BIGINT AS fetuses,
        sum(others)::BIGINT AS others,
        sum(breakdown_not_given)::BIGINT AS breakdown_not_given
    FROM victim_categories
    GROUP BY month
)
SELECT month, month_start, massacres, incidents_without_breakdown, category, killed
FROM sums
UNPIVOT (killed FOR category IN (children, women, fetuses, others, breakdown_not_given))
ORDER BY month, category
