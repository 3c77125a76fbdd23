-- The filtered incidents that match the search (queries/search_matches.sql: place spellings, then
-- words of the text; a NULL $search matches all). One page at a time ($limit rows from $offset; a
-- NULL $limit: every row, for the downloads): place matches first, then text matches, each in the
-- order $sort names ('date' oldest first, 'date_desc' newest first, 'killed' most killed first,
-- 'place' by place name; ties in date order), with the incident's stable ID (report month and its
-- order in the report's details, '2017-09-12'), the report each comes from and its source paragraph.
--
-- How: the page is chosen on the few columns the order needs, and only its rows are then read
-- whole (the paragraphs of a million incidents are never read to show 250 of them).
WITH page AS (
    SELECT f.report_month, f.seq, s.rank
    FROM filtered AS f
    LEFT JOIN search_matches AS s ON s.report_month = f.report_month AND s.seq = f.seq
    WHERE $search IS NULL OR s.rank IS NOT NULL
    ORDER BY s.rank,
             CASE WHEN $sort = 'killed' THEN f.killed END DESC,
             CASE WHEN $sort = 'date_desc' THEN f.date END DESC,
             CASE WHEN $sort = 'place' THEN lower(f.place) END,
             f.date, f.report_month, f.seq
    LIMIT $limit OFFSET $offset
)
SELECT
    i.report_month || '-' || i.seq AS incident_id,
    i.report_month,
    i.seq,
    i.date,
    i.perpetrator,
    i.attribution_uncertain,
    i.perpetrator_note          AS attribution_note,
    i.governorate,
    i.place,
    i.place_type,
    i.parent_place,
    i.site,
    i.killed,
    i.killed_is_lower_bound,
    i.children,
    i.women,
    i.fetuses,
    i.wounded,
    i.wounded_qualifier,
    i.same_family,
    i.idps,
    i.weapon,
    i.target,
    i.area_of_control,
    i.precision                 AS location_precision,
    i.point_lat                 AS lat,
    i.point_lon                 AS lon,
    i.corrected,                -- the fields a reviewer corrected ('killed; place'), NULL when none
    r.source_file,
    i.line,
    i.paragraph,
    p.rank                      AS search_rank
FROM page AS p
JOIN incidents AS i ON i.report_month = p.report_month AND i.seq = p.seq
JOIN reports AS r ON r.month = i.report_month
ORDER BY p.rank,
         CASE WHEN $sort = 'killed' THEN i.killed END DESC,
         CASE WHEN $sort = 'date_desc' THEN i.date END DESC,
         CASE WHEN $sort = 'place' THEN lower(i.place) END,
         i.date, i.report_month, i.seq
