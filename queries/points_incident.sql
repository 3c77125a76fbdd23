-- The incident clicked on the map, for the selected-incident panel: every detail and the
-- source paragraph. No row when it is outside the current filters.
SELECT
    report_month,
    seq,
    strftime(date, '%Y-%m-%d') AS date,
    place,
    place_type,
    parent_place,
    site,
    governorate,
    perpetrator,
    attribution_uncertain,
    perpetrator_note,
    killed,
    killed_is_lower_bound,
    children,
    women,
    fetuses,
    area_of_control,
    point_lat,
    point_lon,
    precision,
    matched_name,
    paragraph
FROM filtered
WHERE report_month = $report_month AND seq = $seq
