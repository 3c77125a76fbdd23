-- Massacres accumulated within each year, month by month: the filtered incidents (incident
-- date, counted from the first month on the axis) and, where a report in the date range states
-- it, the report's own year-to-date toll placed at the last month of its period. The axis is
-- month_axis.sql, as for trend_massacres_by_month, with the same gaps: a gap month has no
-- cumulative value.
WITH monthly AS (
    SELECT month, count(*) AS massacres
    FROM filtered
    GROUP BY month
),
ytd AS (
    SELECT split_part(ytd_period, '/', 2) AS period_end, ytd_massacres, ytd_period, month AS report_month
    FROM reports_in_range
    WHERE ytd_massacres IS NOT NULL
),
valued AS (
    SELECT
        a.month_start,
        strftime(a.month_start, '%Y-%m')                                         AS month,
        r.month IS NOT NULL                                                      AS has_report,
        coalesce(r.incident_count = 0 AND NOT r.details_complete, false)       AS summary_only,
        CASE WHEN r.month IS NOT NULL AND (r.incident_count > 0 OR r.details_complete) THEN coalesce(m.massacres, 0) ELSE m.massacres END AS massacres
    FROM month_axis AS a
    LEFT JOIN reports AS r ON r.month_start = a.month_start
    LEFT JOIN monthly AS m ON m.month = strftime(a.month_start, '%Y-%m')
)
SELECT
    v.month,
    v.has_report,
    v.massacres,
    CASE WHEN v.massacres IS NOT NULL
         THEN CAST(sum(coalesce(v.massacres, 0)) OVER (PARTITION BY year(v.month_start) ORDER BY v.month_start) AS INTEGER)
    END                                                                          AS cumulative,
    y.ytd_massacres                                                              AS stated_ytd,
    y.ytd_period                                                                 AS stated_ytd_period,
    y.report_month                                                               AS stated_ytd_report
FROM valued AS v
LEFT JOIN ytd AS y ON y.period_end = v.month
ORDER BY v.month_start
