-- Every report in the range at a glance: the massacres it states and the incidents it details,
-- how many figures it states that the details can be compared with, how many of them its
-- details do not add up to (`compared_figures`, the comparison stated_vs_documented_by_report.sql
-- shows figure by figure), and how many parser warnings it raised. One row per report, in month order.
WITH figures AS (
    SELECT report_month, count(*) AS stated_figures, count_if(differs)::BIGINT AS differing_figures
    FROM compared_figures GROUP BY report_month
),
detailed AS (
    SELECT report_month, massacres FROM documented_by_dimension WHERE dimension = 'total'
),
warned AS (
    SELECT report_month, count(*) AS n FROM warnings GROUP BY report_month
)
SELECT
    r.month                                      AS report_month,
    r.details_complete,
    r.total_massacres                            AS stated_massacres,
    coalesce(t.massacres, 0)                     AS documented_massacres,
    coalesce(f.stated_figures, 0)                AS stated_figures,
    coalesce(f.differing_figures, 0)             AS differing_figures,
    coalesce(w.n, 0)                             AS parser_warnings
FROM reports_in_range AS r
LEFT JOIN figures AS f ON f.report_month = r.month
LEFT JOIN detailed AS t ON t.report_month = r.month
LEFT JOIN warned AS w ON w.report_month = r.month
ORDER BY r.month
