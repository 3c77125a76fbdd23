-- Parser warnings, per report, in the order they were raised.
SELECT report_month, n, code, line, seq, message
FROM warnings
WHERE ($month IS NULL OR report_month = $month)
ORDER BY report_month, n
