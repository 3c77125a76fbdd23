-- Every report in the range at a glance: the massacres it states and the incidents it details,
-- how many figures it states (victims' shares aside), how many of them its details do not add
-- up to (the comparison of stated_vs_documented_by_report.sql, counted), and how many parser
-- warnings it raised. One row per report, in month order.
WITH documented AS (
    SELECT report_month, 'total' AS dimension, 'all' AS key,
           count(*) AS massacres, sum(killed) AS killed, sum(children) AS children, sum(women) AS women
    FROM incidents GROUP BY report_month
    UNION ALL
    SELECT report_month, 'perpetrator', perpetrator, count(*), sum(killed), sum(children), sum(women)
    FROM incidents GROUP BY report_month, perpetrator
    UNION ALL
    SELECT report_month, 'governorate', governorate, count(*), sum(killed), sum(children), sum(women)
    FROM incidents WHERE governorate IS NOT NULL GROUP BY report_month, governorate
    UNION ALL
    -- A joint "Syrian-Russian" figure counts either party's massacres and the two together's.
    SELECT report_month, 'joint_perpetrator', 'syrian_russian_alliance',
           count(*), sum(killed), sum(children), sum(women)
    FROM incidents WHERE perpetrator IN ('syrian_regime', 'russia', 'syrian_russian_alliance')
    GROUP BY report_month
    UNION ALL
    SELECT report_month,
           CASE WHEN perpetrator = 'syrian_regime' THEN 'regime_area_of_control'
                ELSE perpetrator || '_area_of_control' END,
           area_of_control, count(*), sum(killed), sum(children), sum(women)
    FROM incidents WHERE area_of_control IS NOT NULL GROUP BY ALL
),
compared AS (
    SELECT
        s.report_month,
        -- a summary-only report has no details: its figures are not "different", there is nothing to compare
        (r.incident_count > 0 OR r.details_complete) AND (
        (s.massacres IS NOT NULL AND s.massacres <> coalesce(d.massacres, 0))
          OR (s.killed IS NOT NULL AND s.killed <> coalesce(d.killed, 0))
          OR (s.children IS NOT NULL AND s.children <> coalesce(d.children, 0))
          OR (s.women IS NOT NULL AND s.women <> coalesce(d.women, 0))) AS differs
    FROM stated_figures AS s
    JOIN reports AS r ON r.month = s.report_month
    LEFT JOIN documented AS d USING (report_month, dimension, key)
    WHERE s.dimension <> 'victims_share'
      AND NOT starts_with(s.dimension, 'ytd_') AND NOT starts_with(s.dimension, 'civilians_')  -- year-to-date tolls, all civilians killed: not the month's massacres
),
figures AS (
    SELECT report_month, count(*) AS stated_figures, count_if(differs)::BIGINT AS differing_figures
    FROM compared GROUP BY report_month
),
detailed AS (
    SELECT report_month, massacres FROM documented WHERE dimension = 'total'
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
FROM reports AS r
LEFT JOIN figures AS f ON f.report_month = r.month
LEFT JOIN detailed AS t ON t.report_month = r.month
LEFT JOIN warned AS w ON w.report_month = r.month
WHERE r.month_start BETWEEN $month_start AND $month_end
ORDER BY r.month
