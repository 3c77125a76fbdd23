-- One report's stated figures ($report_month, when its month is in the range) beside what its
-- incident details add up to, with the reason for a difference where the data can tell it.
-- quality_summary_by_report.sql counts the same comparison for every report in the range.
WITH documented AS (
    SELECT report_month, 'total' AS dimension, 'all' AS key,
           count(*) AS massacres, sum(killed) AS killed, sum(children) AS children,
           sum(women) AS women, sum(fetuses) AS fetuses
    FROM incidents WHERE report_month = $report_month GROUP BY report_month
    UNION ALL
    SELECT report_month, 'perpetrator', perpetrator,
           count(*), sum(killed), sum(children), sum(women), sum(fetuses)
    FROM incidents WHERE report_month = $report_month GROUP BY report_month, perpetrator
    UNION ALL
    SELECT report_month, 'governorate', governorate,
           count(*), sum(killed), sum(children), sum(women), sum(fetuses)
    FROM incidents WHERE report_month = $report_month AND governorate IS NOT NULL
    GROUP BY report_month, governorate
    UNION ALL
    -- A joint "Syrian-Russian" figure counts either party's massacres and the two together's.
    SELECT report_month, 'joint_perpetrator', 'syrian_russian_alliance',
           count(*), sum(killed), sum(children), sum(women), sum(fetuses)
    FROM incidents WHERE report_month = $report_month AND perpetrator IN ('syrian_regime', 'russia', 'syrian_russian_alliance')
    GROUP BY report_month
    UNION ALL
    SELECT report_month,
           CASE WHEN perpetrator = 'syrian_regime' THEN 'regime_area_of_control'
                ELSE perpetrator || '_area_of_control' END,
           area_of_control,
           count(*), sum(killed), sum(children), sum(women), sum(fetuses)
    FROM incidents WHERE report_month = $report_month AND area_of_control IS NOT NULL GROUP BY ALL
),
conflicts AS (
    SELECT report_month, governorate AS key, count(*) AS n
    FROM incidents
    WHERE report_month = $report_month
      AND governorate_in_text IS NOT NULL AND governorate_in_text <> governorate
    GROUP BY ALL
),
joined AS (
    SELECT
        s.report_month, s.dimension, s.key,
        s.massacres AS stated_massacres, coalesce(d.massacres, 0) AS documented_massacres,
        s.percent AS stated_percent,
        round(100.0 * coalesce(d.massacres, 0) / nullif(r.incident_count, 0), 1) AS documented_percent,
        s.killed AS stated_killed, coalesce(d.killed, 0) AS documented_killed,
        s.children AS stated_children, coalesce(d.children, 0) AS documented_children,
        s.women AS stated_women, coalesce(d.women, 0) AS documented_women,
        coalesce(d.fetuses, 0) AS documented_fetuses,
        r.details_complete,
        r.incident_count = 0 AND NOT r.details_complete AS summary_only,
        c.n AS heading_text_conflicts
    FROM stated_figures AS s
    JOIN reports AS r ON r.month = s.report_month
    LEFT JOIN documented AS d USING (report_month, dimension, key)
    LEFT JOIN conflicts AS c ON c.report_month = s.report_month AND s.dimension = 'governorate' AND c.key = s.key
    WHERE s.report_month = $report_month
      AND s.dimension <> 'victims_share'
      AND NOT starts_with(s.dimension, 'ytd_') AND NOT starts_with(s.dimension, 'civilians_')  -- year-to-date tolls, all civilians killed: not the month's massacres
      AND r.month_start BETWEEN $month_start AND $month_end
)
SELECT
    *,
    NOT summary_only AND (
    (stated_massacres IS NOT NULL AND stated_massacres <> documented_massacres)
      OR (stated_killed IS NOT NULL AND stated_killed <> documented_killed)
      OR (stated_children IS NOT NULL AND stated_children <> documented_children)
      OR (stated_women IS NOT NULL AND stated_women <> documented_women)) AS differs,
    concat_ws('; ',
        CASE WHEN summary_only THEN 'a summary only: no details to compare with'
             WHEN NOT details_complete THEN 'the details list only the most notable massacres' END,
        CASE WHEN stated_children IS NOT NULL AND documented_fetuses > 0
                  AND stated_children = documented_children + documented_fetuses
             THEN 'the report counts ' || documented_fetuses || ' fetuses among children' END,
        CASE WHEN heading_text_conflicts > 0
             THEN heading_text_conflicts || ' incident(s) under this heading name another governorate in their text' END
    ) AS explanation
FROM joined
ORDER BY report_month,
         CASE dimension WHEN 'total' THEN 0 WHEN 'perpetrator' THEN 1 WHEN 'governorate' THEN 3 ELSE 2 END,
         dimension, key
