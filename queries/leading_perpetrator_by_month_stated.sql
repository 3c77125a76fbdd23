-- The perpetrator with the most massacres in each report whose whole month lies in the date
-- range, by the report's own figures (a percentage-only report: that percentage of its total).
-- Tied leaders each get a row. `percent` is the leader's share of the report's massacres.
WITH per_report AS (
    SELECT
        r.month,
        r.total_massacres,
        s.key                                                                     AS perpetrator,
        coalesce(CAST(s.massacres AS DOUBLE), s.percent * r.total_massacres / 100.0) AS exact,
        s.massacres IS NULL AND s.percent IS NOT NULL                             AS converted
    FROM stated_figures AS s
    JOIN covered_reports AS r ON r.month = s.report_month
    WHERE s.dimension = 'perpetrator'
      AND ($perpetrators IS NULL OR list_contains($perpetrators, s.key))
),
ranked AS (
    SELECT *, max(exact) OVER (PARTITION BY month) AS top
    FROM per_report
    WHERE exact IS NOT NULL
)
SELECT
    month,
    perpetrator,
    CAST(round(exact) AS INTEGER)                        AS massacres,
    100.0 * exact / total_massacres                      AS percent,
    converted,
    count(*) OVER (PARTITION BY month) > 1               AS tied
FROM ranked
WHERE exact = top
ORDER BY month, perpetrator
