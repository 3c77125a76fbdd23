-- The filtered incidents that match the search (queries/search_matches.sql: place spellings, then
-- words of the text; a NULL $search matches all). One page at a time ($limit rows from $offset; a
-- NULL $limit: every row, for the downloads): place matches first, then text matches, each in the
-- order $sort names ('date' oldest first, 'date_desc' newest first, 'killed' most killed first,
-- 'place' by place name; ties in date order), with the incident's stable ID (report month and its
-- order in the report's details, '2017-09-12'), the report each comes from and its source paragraph.
SELECT
    f.report_month || '-' || f.seq AS incident_id,
    f.report_month,
    f.seq,
    f.date,
    f.perpetrator,
    f.attribution_uncertain,
    f.perpetrator_note          AS attribution_note,
    f.governorate,
    f.place,
    f.place_type,
    f.parent_place,
    f.site,
    f.killed,
    f.killed_is_lower_bound,
    f.children,
    f.women,
    f.fetuses,
    f.wounded,
    f.wounded_qualifier,
    f.same_family,
    f.idps,
    f.weapon,
    f.target,
    f.area_of_control,
    f.precision                 AS location_precision,
    f.point_lat                 AS lat,
    f.point_lon                 AS lon,
    r.source_file,
    f.line,
    f.paragraph,
    s.rank                      AS search_rank
FROM filtered AS f
JOIN reports AS r ON r.month = f.report_month
LEFT JOIN search_matches AS s ON s.report_month = f.report_month AND s.seq = f.seq
WHERE $search IS NULL OR s.rank IS NOT NULL
ORDER BY s.rank,
         CASE WHEN $sort = 'killed' THEN f.killed END DESC,
         CASE WHEN $sort = 'date_desc' THEN f.date END DESC,
         CASE WHEN $sort = 'place' THEN lower(f.place) END,
         f.date, f.report_month, f.seq
LIMIT $limit OFFSET $offset
