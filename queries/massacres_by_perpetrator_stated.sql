-- Massacres per perpetrator as the reports state them, for the reports whose whole month lies
-- in the date range. A report that states a count gives it; one that states only a percentage
-- (October 2017) gives that percentage of its total_massacres: `massacres` rounds it per report,
-- `massacres_exact` keeps it unrounded for the share. `percent` is the share of all the covered
-- reports' massacres (every party's, whichever perpetrators are selected).
WITH covered AS (
    SELECT month, total_massacres
    FROM covered_reports
),
per_report AS (
    SELECT
        s.report_month                                                        AS month,
        s.key                                                                 AS perpetrator,
        coalesce(CAST(s.massacres AS DOUBLE), s.percent * c.total_massacres / 100.0) AS exact,
        s.massacres IS NULL AND s.percent IS NOT NULL AND c.total_massacres IS NOT NULL AS converted
    FROM stated_figures AS s
    JOIN covered AS c ON c.month = s.report_month
    WHERE s.dimension = 'perpetrator'
      AND ($perpetrators IS NULL OR list_contains($perpetrators, s.key))
)
SELECT
    perpetrator,
    CAST(sum(round(exact)) AS INTEGER)                                  AS massacres,
    sum(exact)                                                          AS massacres_exact,
    100.0 * sum(exact) / (SELECT sum(total_massacres) FROM covered)     AS percent,
    coalesce(list(month ORDER BY month) FILTER (WHERE converted), [])   AS converted_months,
    coalesce(list(month ORDER BY month) FILTER (WHERE exact IS NULL), []) AS unstated_months
FROM per_report
GROUP BY perpetrator
ORDER BY massacres_exact DESC NULLS LAST, perpetrator
