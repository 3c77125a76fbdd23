-- Geocoder warnings for the filtered incidents, one row per warning.
SELECT f.report_month, f.seq, f.date, f.place, f.governorate, f.precision, unnest(l.warnings) AS warning
FROM filtered AS f
JOIN locations AS l USING (report_month, seq)
WHERE len(l.warnings) > 0
ORDER BY f.report_month, f.seq
