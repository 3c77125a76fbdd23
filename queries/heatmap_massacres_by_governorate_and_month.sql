-- Massacres per governorate (heading) and month (incident date) in the filtered incidents, for
-- every governorate in $governorate_keys (in that order) on the month axis of
-- trend_massacres_by_month. A month with a report counts from 0; in a month with no report a
-- governorate without incidents is a gap (NULL), never 0.
WITH span AS (
    -- the first and last month in [$month_start, $month_end] with a report or an incident
    -- (min/max of the date, not a month per row: zone maps answer it without a full scan)
    SELECT least(r.lo, i.lo) AS lo, greatest(r.hi, i.hi) AS hi
    FROM (SELECT min(month_start) AS lo, max(month_start) AS hi
          FROM reports
          WHERE month_start BETWEEN $month_start AND $month_end) AS r,
         (SELECT CAST(date_trunc('month', min(date)) AS DATE) AS lo, CAST(date_trunc('month', max(date)) AS DATE) AS hi
          FROM incidents
          WHERE date >= $month_start AND date < $month_end + INTERVAL 1 MONTH) AS i
),
axis AS (
    SELECT CAST(unnest(generate_series(lo, hi, INTERVAL 1 MONTH)) AS DATE) AS month_start
    FROM span
),
govs AS (
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
    g.governorate,
    CASE WHEN r.month IS NOT NULL THEN coalesce(c.massacres, 0) ELSE c.massacres END AS massacres
FROM axis AS a
CROSS JOIN govs AS g
LEFT JOIN reports AS r ON r.month_start = a.month_start
LEFT JOIN counts AS c ON c.month = strftime(a.month_start, '%Y-%m') AND c.governorate = g.governorate
ORDER BY g.ord, a.month_start
