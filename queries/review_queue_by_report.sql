-- One report's review queue of incidents ($report_month): its incident items (review_items.sql; its
-- stated figures' items are review_figures_by_report.sql), open ones first, then
-- by killed, most consequential first; with what the reader checks them against (the paragraph
-- and its line) and the values in force (`incidents`: corrections applied). An item whose
-- incident a rebuild no longer gives keeps its row, with no paragraph (never dropped).
SELECT
    q.seq,
    q.status,
    q.returned,
    q.why,
    i.date,
    i.perpetrator,
    i.governorate,
    i.place,
    i.killed,
    p.killed                    AS parsed_killed,
    i.corrected,
    p.line,
    p.paragraph
FROM review_items AS q
LEFT JOIN incidents AS i ON i.report_month = q.report_month AND i.seq = q.seq
LEFT JOIN parsed_incidents AS p ON p.report_month = q.report_month AND p.seq = q.seq
WHERE q.report_month = $report_month AND q.seq IS NOT NULL
ORDER BY q.status <> 'open', i.killed DESC NULLS FIRST, q.seq
