-- How many parser warnings of each code the reports in the range raised, and in how many
-- reports; the most frequent code first.
SELECT w.code, count(*) AS warnings, count(DISTINCT w.report_month) AS reports
FROM warnings AS w
JOIN reports_in_range AS r ON r.month = w.report_month
GROUP BY w.code
ORDER BY warnings DESC, w.code
