-- The filtered incidents that match the search text (case-insensitive, literal: no wildcards)
-- in place, parent place, site, perpetrator heading and note, governorate (as words) or
-- paragraph, as if those were joined by spaces; a NULL search matches all. One page at a time
-- ($limit rows from $offset; a NULL $limit: every row, for the downloads) in date order, with
-- the report each comes from and its source paragraph.
--
-- How: text without a space that occurs in the joined columns lies inside one of them (they are
-- joined by spaces), so each column is searched on its own for the search's longest space-free
-- word (lower-cased; the whole search when it has no space), and only when the search has a
-- space are the incidents so found checked against the joined columns. The same answer as
-- contains(lower(concat_ws(' ', <the columns>)), lower($search)), three times faster at a
-- million incidents (tests/test_page_incidents.py compares the two).
SELECT
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
    f.corrected,                -- the fields a reviewer corrected ('killed; place'), NULL when none
    r.source_file,
    f.line,
    f.paragraph
FROM filtered AS f
JOIN reports AS r ON r.month = f.report_month
WHERE $search IS NULL
   OR (   contains(lower(f.place), list_reduce(string_split(lower($search), ' '), lambda a, b: CASE WHEN length(b) > length(a) THEN b ELSE a END))
       OR contains(lower(f.parent_place), list_reduce(string_split(lower($search), ' '), lambda a, b: CASE WHEN length(b) > length(a) THEN b ELSE a END))
       OR contains(lower(f.site), list_reduce(string_split(lower($search), ' '), lambda a, b: CASE WHEN length(b) > length(a) THEN b ELSE a END))
       OR contains(lower(f.perpetrator_text), list_reduce(string_split(lower($search), ' '), lambda a, b: CASE WHEN length(b) > length(a) THEN b ELSE a END))
       OR contains(lower(f.perpetrator_note), list_reduce(string_split(lower($search), ' '), lambda a, b: CASE WHEN length(b) > length(a) THEN b ELSE a END))
       OR contains(lower(replace(f.governorate, '_', ' ')), list_reduce(string_split(lower($search), ' '), lambda a, b: CASE WHEN length(b) > length(a) THEN b ELSE a END))
       OR contains(lower(f.paragraph), list_reduce(string_split(lower($search), ' '), lambda a, b: CASE WHEN length(b) > length(a) THEN b ELSE a END)))
      AND (NOT contains($search, ' ')
           OR contains(lower(concat_ws(' ', f.place, f.parent_place, f.site, f.perpetrator_text,
                                       f.perpetrator_note, replace(f.governorate, '_', ' '), f.paragraph)), lower($search)))
ORDER BY f.date, f.report_month, f.seq
LIMIT $limit OFFSET $offset
