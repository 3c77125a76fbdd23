-- The incidents the dashboard's filters select, with their location (copied into `incidents`
-- at ingest, so no join). `incidents` carries the reviewers' corrections (corrected_incidents.sql). Every chart that reads `filtered` gets this as a common table expression.
SELECT
    i.*,
    i.incident_month AS month,
    -- The incident gives a breakdown: both its children and its women are known (a paragraph
    -- naming only children gives women = 0, so a NULL is a count the text does not give). The
    -- only base a women-and-children share can have; one meaning everywhere.
    i.children IS NOT NULL AND i.women IS NOT NULL AS has_breakdown
FROM incidents AS i
WHERE i.date BETWEEN $start AND $end
  AND ($perpetrators IS NULL OR list_contains($perpetrators, i.perpetrator))
  AND ($governorates IS NULL OR list_contains($governorates, i.governorate))
  AND ($areas IS NULL OR list_contains($areas, i.area_of_control))
  AND ($weapons IS NULL OR list_contains($weapons, i.weapon))
  AND i.killed >= $min_killed
  AND ($include_uncertain OR NOT i.attribution_uncertain)
  AND (NOT $reviewed_only OR i.reviewed)
