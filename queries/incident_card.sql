-- One incident by its stable ID (report month and its order in the report's details), whatever
-- the filters: every stored field, where it was located and how, and the report it comes from.
SELECT
    i.report_month || '-' || i.seq AS incident_id,
    i.*,
    r.title          AS report_title,
    r.kind           AS report_kind,
    r.published      AS report_published,
    r.source_file,
    r.source_form,
    l.method         AS location_method,
    l.matched_id     AS location_matched_id,
    l.score          AS location_score,
    l.point_governorate,
    l.warnings       AS location_warnings
FROM incidents AS i
JOIN reports AS r ON r.month = i.report_month
LEFT JOIN locations AS l ON l.report_month = i.report_month AND l.seq = i.seq
WHERE i.report_month = $report_month AND i.seq = $seq
