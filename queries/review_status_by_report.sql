-- For each report the range touches (reports_in_range.sql): how many items the review queue holds
-- (review_items.sql: incidents and the report's own stated figures), and how many of them are open,
-- confirmed and corrected; `returned` counts the open ones whose review no longer applies (the
-- parsed value changed since); `figures` and `open_figures` count the stated figures among the items.
-- One row per report, in month order.
SELECT
    r.month                                         AS report_month,
    count(q.report_month)                           AS items,
    count_if(q.status = 'open')::BIGINT             AS open,
    count_if(q.status = 'confirmed')::BIGINT        AS confirmed,
    count_if(q.status = 'corrected')::BIGINT        AS corrected,
    count_if(q.returned)::BIGINT                    AS returned,
    count(q.figure)                                 AS figures,
    count_if(q.figure IS NOT NULL AND q.status = 'open')::BIGINT AS open_figures
FROM reports_in_range AS r
LEFT JOIN review_items AS q ON q.report_month = r.month
GROUP BY r.month
ORDER BY r.month
