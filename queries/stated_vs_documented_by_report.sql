-- One report's stated figures ($report_month, when its month is in the range) beside what its
-- incident details add up to, with the reason for a difference where the data can tell it.
-- quality_summary_by_report.sql counts the same comparison (`compared_figures`) for every report in the range.
WITH conflicts AS (
    SELECT report_month, governorate AS key, count(*) AS n
    FROM incidents
    WHERE report_month = $report_month
      AND governorate_in_text IS NOT NULL AND governorate_in_text <> governorate
    GROUP BY ALL
),
joined AS (
    SELECT c.*, h.n AS heading_text_conflicts
    FROM compared_figures AS c
    JOIN reports_in_range AS r ON r.month = c.report_month
    LEFT JOIN conflicts AS h ON h.report_month = c.report_month AND c.dimension = 'governorate' AND h.key = c.key
    WHERE c.report_month = $report_month
)
SELECT
    * EXCLUDE (line, differs),
    differs,
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
