-- For each report with incidents in the filtered set: how many of them the filters keep, how
-- many the report details, the massacres it states, and whether its details are complete.
SELECT
    r.month,
    count(*)              AS documented_massacres,
    r.incident_count,
    r.total_massacres     AS stated_massacres,
    r.details_complete
FROM filtered AS f
JOIN reports AS r ON r.month = f.report_month
GROUP BY ALL
ORDER BY r.month
