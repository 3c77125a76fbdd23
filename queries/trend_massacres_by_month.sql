-- Massacres and victims per month (incident date) in the filtered incidents, on the month axis
-- (month_axis.sql: from the first to the last month, within the date range, that has a report
-- or any incident). A month with a report of its details counts from 0 (a summary-only report,
-- with no details, is a gap like a month with no report: its only figure is the stated one); a month with no report has only the
-- incidents later reports recorded, and with none it is a gap (NULL), never 0. The stated
-- totals are given for reports whose whole month lies in the date range.
WITH monthly AS (
    SELECT month, count(*) AS massacres, sum(killed) AS killed, sum(children) AS children, sum(women) AS women
    FROM filtered
    GROUP BY month
)
SELECT
    strftime(a.month_start, '%Y-%m')                                        AS month,
    r.month IS NOT NULL                                                     AS has_report,
    coalesce(r.incident_count = 0 AND NOT r.details_complete, false)      AS summary_only,
    r.details_complete,
    CASE WHEN r.month IS NOT NULL AND (r.incident_count > 0 OR r.details_complete) THEN coalesce(m.massacres, 0) ELSE m.massacres END AS massacres,
    CAST(CASE WHEN r.month IS NOT NULL AND (r.incident_count > 0 OR r.details_complete) THEN coalesce(m.killed, 0) ELSE m.killed END AS INTEGER) AS killed,
    CAST(m.children AS INTEGER)                                             AS children,
    CAST(m.women AS INTEGER)                                                AS women,
    c.total_massacres                                                       AS stated_massacres,
    c.victims_total                                                         AS stated_killed
FROM month_axis AS a
LEFT JOIN reports AS r ON r.month_start = a.month_start
LEFT JOIN covered_reports AS c ON c.month = r.month
LEFT JOIN monthly AS m ON m.month = strftime(a.month_start, '%Y-%m')
ORDER BY a.month_start
