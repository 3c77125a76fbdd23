-- Massacres and victims in the filtered incidents, with how many lack a breakdown.
SELECT
    count(*)                                        AS massacres,
    coalesce(sum(killed), 0)                        AS killed,
    coalesce(sum(children), 0)                      AS children,
    coalesce(sum(women), 0)                         AS women,
    coalesce(sum(fetuses), 0)                       AS fetuses,
    count(*) FILTER (WHERE children IS NULL)        AS no_breakdown,
    coalesce(sum(killed) FILTER (WHERE children IS NULL), 0) AS killed_without_breakdown
FROM filtered
