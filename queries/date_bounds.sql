-- The first and last day the data covers: incident dates and whole report months.
SELECT
    least(min(i.date), min(r.month_start))                                   AS first_day,
    greatest(max(i.date), max(last_day(r.month_start)))                      AS last_day
FROM reports AS r
LEFT JOIN incidents AS i ON i.report_month = r.month
