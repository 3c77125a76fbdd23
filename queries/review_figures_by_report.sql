-- One report's review queue of its own stated figures ($report_month): the figure items of
-- review_items.sql, open ones first, then the month's total, then the parties, most killed first;
-- each with the line the report first states it on, its parsed counts (`parsed_stated_figures`), the
-- counts in force (`stated_figures`: corrections applied), the share it states, and what the
-- report's incident details add up to for it (compared_figures; NULL for a figure the details are
-- not compared with). An item whose figure a rebuild no longer gives keeps its row, with no counts.
SELECT
    q.figure,
    split_part(q.figure, ':', 1)        AS dimension,
    split_part(q.figure, ':', 2)        AS key,
    q.status,
    q.returned,
    q.why,
    p.line,
    p.massacres                         AS parsed_massacres,
    p.killed                            AS parsed_killed,
    p.children                          AS parsed_children,
    p.women                             AS parsed_women,
    p.percent,
    s.massacres,
    s.killed,
    s.children,
    s.women,
    s.corrected,
    c.documented_massacres,
    c.documented_killed,
    c.documented_children,
    c.documented_women
FROM review_items AS q
LEFT JOIN parsed_stated_figures AS p ON p.report_month = q.report_month AND p.dimension || ':' || p.key = q.figure
LEFT JOIN stated_figures AS s ON s.report_month = q.report_month AND s.dimension || ':' || s.key = q.figure
LEFT JOIN compared_figures AS c ON c.report_month = q.report_month AND c.dimension || ':' || c.key = q.figure
WHERE q.report_month = $report_month AND q.figure IS NOT NULL
ORDER BY q.status <> 'open',
         CASE split_part(q.figure, ':', 1) WHEN 'total' THEN 0 WHEN 'perpetrator' THEN 1 ELSE 2 END,
         s.killed DESC NULLS LAST, s.massacres DESC NULLS LAST, q.figure
