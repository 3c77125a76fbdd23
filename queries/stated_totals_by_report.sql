-- The reports whose whole month lies in the date range, with their stated totals and
-- what their incident details add up to.
SELECT
    r.month,
    r.total_massacres,
    r.victims_total,
    r.victims_children,
    r.victims_women,
    r.ytd_massacres,
    r.ytd_period,
    r.details_complete,
    r.incident_count
FROM reports AS r
WHERE r.month_start >= $start AND last_day(r.month_start) <= $end
ORDER BY r.month
