-- The reports whose whole month lies inside [$start, $end]: the months whose stated figures a
-- view can show (a report's figures are for its whole month, never for part of it). Not a
-- question of its own: a query that reads `covered_reports` gets this as a common table expression.
SELECT * FROM reports WHERE month_start >= $start AND last_day(month_start) <= $end
