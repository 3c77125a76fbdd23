-- The reports a view draws on, for its citation: every report whose month overlaps the date
-- range (its stated figures), and every report that details a filtered incident (one confirmed
-- late may come from a report of a later month), with its title.
WITH months AS (
    SELECT month FROM reports WHERE month_start <= $end AND last_day(month_start) >= $start
    UNION
    SELECT DISTINCT report_month AS month FROM filtered
)
SELECT r.month, r.title
FROM reports AS r
SEMI JOIN months USING (month)
ORDER BY r.month
