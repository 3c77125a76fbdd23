-- Each report's stated figures per perpetrator (massacres where counted, else percent).
SELECT
    s.report_month AS month,
    s.key          AS perpetrator,
    s.massacres,
    s.percent,
    s.killed,
    s.children,
    s.women
FROM stated_figures AS s
JOIN covered_reports AS r ON r.month = s.report_month
WHERE s.dimension = 'perpetrator'
  AND ($perpetrators IS NULL OR list_contains($perpetrators, s.key))
ORDER BY s.report_month, coalesce(s.massacres, 0) DESC, coalesce(s.percent, 0) DESC, s.key
