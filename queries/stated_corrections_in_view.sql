-- The reviewers' corrections applied to the stated figures a view shows: for the reports whose
-- whole month lies in the date range (covered_reports.sql), each field of a report's own figure
-- corrected (status 'corrected', not stale: what the view `stated_figures` applies), of the
-- dimensions $dimensions lists ('total', 'perpetrator', ...), with the parsed value, the value in
-- force, the reason and the reviewer: what a reader quoting a stated figure must be told.
SELECT
    c.report_month                      AS month,
    s.dimension,
    s.key,
    c.field,
    c.parsed,
    c.value,
    c.reason,
    c.reviewer,
    c."at"
FROM corrections AS c
JOIN covered_reports AS r ON r.month = c.report_month
JOIN parsed_stated_figures AS s ON s.report_month = c.report_month AND s.dimension || ':' || s.key = c.figure
WHERE c.figure IS NOT NULL AND c.status = 'corrected' AND NOT c.stale
  AND list_contains($dimensions, s.dimension)
ORDER BY c.report_month,
         CASE s.dimension WHEN 'total' THEN 0 WHEN 'perpetrator' THEN 1 ELSE 2 END,
         s.dimension, s.key,
         list_position(['massacres', 'killed', 'children', 'women'], c.field)
