-- The incidents the dashboard's filters select, with their location. Every chart that
-- reads `filtered` gets this as a common table expression.
SELECT
    i.*,
    l.lat AS point_lat,
    l.lon AS point_lon,
    l.precision,
    l.iso_code,
    l.matched_name,
    strftime(i.date, '%Y-%m') AS month
FROM incidents AS i
LEFT JOIN locations AS l USING (report_month, seq)
WHERE i.date BETWEEN $start AND $end
  AND ($perpetrators IS NULL OR list_contains($perpetrators, i.perpetrator))
  AND ($governorates IS NULL OR list_contains($governorates, i.governorate))
  AND ($areas IS NULL OR list_contains($areas, i.area_of_control))
  AND ($weapons IS NULL OR list_contains($weapons, i.weapon))
  AND i.killed >= $min_killed
  AND ($include_uncertain OR NOT i.attribution_uncertain)
