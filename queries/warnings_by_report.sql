-- Parser warnings of the reports in the range, in the order they were raised.
SELECT w.report_month, w.n, w.code, w.line, w.seq, w.message
FROM warnings AS w
JOIN reports AS r ON r.month = w.report_month
WHERE r.month_start BETWEEN $month_start AND $month_end
ORDER BY w.report_month, w.n
