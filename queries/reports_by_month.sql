-- Each report with its stated totals beside what its incident details add up to.
SELECT
    r.month,
    r.title,
    r.published,
    r.total_massacres                      AS stated_massacres,
    r.incident_count                       AS documented_massacres,
    r.victims_total                        AS stated_killed,
    coalesce(sum(i.killed), 0)             AS documented_killed,
    r.victims_children                     AS stated_children,
    r.victims_women                        AS stated_women,
    r.ytd_massacres,
    r.ytd_period,
    r.details_complete,
    r.source_file
FROM reports AS r
LEFT JOIN incidents AS i ON i.report_month = r.month
GROUP BY ALL
ORDER BY r.month
