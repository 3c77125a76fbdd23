-- One row per filtered incident for the map: where its point is, how precisely it is located,
-- and what the tooltip and the selected-incident panel show. Largest first, so that the page
-- draws small circles over large ones. An incident without a location has NULL point_lat.
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
ORDER BY killed DESC, date, report_month, seq
