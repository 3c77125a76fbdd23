-- The reports whose whole month lies in the date range, with their stated totals, the
-- women-and-children share each states in its own words (null when it states none), and
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
    r.incident_count,
    s.percent AS victims_share_stated
FROM covered_reports AS r
LEFT JOIN stated_figures AS s
       ON s.report_month = r.month AND s.dimension = 'victims_share' AND s.key = 'women_and_children'
ORDER BY r.month
