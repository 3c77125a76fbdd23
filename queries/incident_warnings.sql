-- The parser's warnings about one incident: those it tied to the incident, and those about the
-- incident's own line of the report, in the order written.
SELECT n, code, message, line
FROM warnings
WHERE report_month = $report_month
  AND (seq = $seq OR (seq IS NULL AND line = $line))
ORDER BY n
