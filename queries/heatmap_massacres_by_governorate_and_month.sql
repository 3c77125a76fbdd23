-- Massacres per governorate (heading) and month (incident date) in the filtered incidents, for
-- every governorate in $governorate_keys (in that order) on the month axis (month_axis.sql).
-- A month with a report counts from 0; in a month with no report a governorate without
-- incidents is a gap (NULL), never 0.
WITH govs AS (
    SELECT unnest($governorate_keys) AS governorate, unnest(generate_series(1, len($governorate_keys))) AS ord
),
counts AS (
    SELECT month, governorate, count(*) AS massacres
    FROM filtered
    GROUP BY month, governorate
)
SELECT
    strftime(a.month_start, '%Y-%m')                                          AS month,
    r.month IS NOT NULL                                                       AS has_report,
    coalesce(r.incident_count = 0 AND NOT r.details_complete, false)        AS summary_only,
    g.governorate,
    CASE WHEN r.month IS NOT NULL AND (r.incident_count > 0 OR r.details_complete) THEN coalesce(c.massacres, 0) ELSE c.massacres END AS massacres
FROM month_axis AS a
CROSS JOIN govs AS g
LEFT JOIN reports AS r ON r.month_start = a.month_start
LEFT JOIN counts AS c ON c.month = strftime(a.month_start, '%Y-%m') AND c.governorate = g.governorate
ORDER BY g.ord, a.month_start
