-- The filtered incidents that match the search text (case-insensitive, literal: no wildcards)
-- in place, site, perpetrator heading and note, governorate (as words) or paragraph; a NULL
-- search matches all. One page at a time ($limit rows from $offset) in date order, with the
-- report each comes from and its source paragraph.
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
    r.source_file,
    f.line,
    f.paragraph
FROM filtered AS f
JOIN reports AS r ON r.month = f.report_month
WHERE $search IS NULL
   OR contains(lower(concat_ws(' ', f.place, f.parent_place, f.site, f.perpetrator_text, f.perpetrator_note,
                               replace(f.governorate, '_', ' '), f.paragraph)), lower($search))
ORDER BY f.date, f.report_month, f.seq
LIMIT $limit OFFSET $offset
