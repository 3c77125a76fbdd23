-- The month axis of the monthly charts (trends, cumulative, heatmap): every month from the
-- first to the last month in [$month_start, $month_end] that has a report or an incident, so
-- that the charts agree on which months exist and a month with neither is a gap, not absent.
-- Not a chart of its own: a query that reads `month_axis` gets this as a common table expression.
WITH span AS (
    -- min/max of the date, not a month per row: zone maps answer it without a full scan
    SELECT least(r.lo, i.lo) AS lo, greatest(r.hi, i.hi) AS hi
    FROM (SELECT min(month_start) AS lo, max(month_start) AS hi
          FROM reports_in_range) AS r,
         (SELECT CAST(date_trunc('month', min(date)) AS DATE) AS lo, CAST(date_trunc('month', max(date)) AS DATE) AS hi
          FROM incidents
          WHERE date >= $month_start AND date < $month_end + INTERVAL 1 MONTH) AS i
)
SELECT CAST(unnest(generate_series(lo, hi, INTERVAL 1 MONTH)) AS DATE) AS month_start
FROM span
