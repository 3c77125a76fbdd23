-- One report's file as stored ($report_month): its name and hash (the Review page reads the summary
-- lines a stated figure comes from in the file kept beside the database, when its bytes are still
-- these), and the lines its incident paragraphs start on (not summary lines).
SELECT
    r.source_file,
    r.sha256,
    coalesce((SELECT list(DISTINCT i.line) FROM parsed_incidents AS i WHERE i.report_month = r.month), [])
                                        AS incident_lines
FROM parsed_reports AS r
WHERE r.month = $report_month
