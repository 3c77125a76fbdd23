-- The incidents every page and export reads: the parsed rows (`parsed_incidents`) no review touches,
-- as they are, and the reviewed ones as reviewed_incidents.sql gives them (made before this is
-- read: a table of a few rows). `reviewed` and `corrected`: see applied_corrections.sql.
-- The rows no review touches pass through as they are, so the filters on them still reach the
-- scan (a CASE over every row would hide the date from DuckDB's pruning). Where it is read from:
-- store/corrected_copy.py keeps this in the database file, written with the data, so the pages
-- read it as a plain table; store/db.py reads this view itself only when the file has no current
-- copy (a Parquet export, a file written by an older version).
SELECT i.*, false AS reviewed, CAST(NULL AS VARCHAR) AS corrected
FROM parsed_incidents AS i
ANTI JOIN reviewed_incidents AS r ON r.report_month = i.report_month AND r.seq = i.seq
UNION ALL BY NAME
SELECT * FROM reviewed_incidents
