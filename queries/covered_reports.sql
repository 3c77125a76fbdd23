-- The reports whose month lies in the range: [$month_start, $month_end] are the first days of
-- the range's first and last months. Not a question of its own: a query that reads
-- `covered_reports` gets this as a common table expression.
SELECT * FROM reports WHERE month_start BETWEEN $month_start AND $month_end
