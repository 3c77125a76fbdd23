-- The reports whose month the range touches: [$month_start, $month_end] are the first days of
-- the range's first and last months (the Data quality page lists every report it touches).
-- Not a question of its own: a query that reads `reports_in_range` gets this as a common table
-- expression. Compare `covered_reports`: the months the range covers whole.
SELECT * FROM reports WHERE month_start BETWEEN $month_start AND $month_end
