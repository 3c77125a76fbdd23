-- The days the data covers: first_day..last_day, every incident date and whole report month
-- (the date picker's limits), and report_first_day..report_last_day, the reports' own months
-- (the default range: an incident reported late, dated before the first report's month,
-- counts in its own month when a range takes it in, but does not stretch every view).
SELECT
    least(min(i.date), min(r.month_start))                                   AS first_day,
    greatest(max(i.date), max(last_day(r.month_start)))                      AS last_day,
    min(r.month_start)                                                       AS report_first_day,
    max(last_day(r.month_start))                                             AS report_last_day
FROM reports AS r
LEFT JOIN incidents AS i ON i.report_month = r.month
