-- One report's parser warnings ($report_month, when its month is in the range), in the order
-- they were raised: the first $limit of them (quality_summary_by_report.sql counts them all).
SELECT w.report_month, w.n, w.code, w.line, w.seq, w.message
FROM warnings AS w
JOIN reports_in_range AS r ON r.month = w.report_month
WHERE w.report_month = $report_month
ORDER BY w.n
LIMIT $limit
