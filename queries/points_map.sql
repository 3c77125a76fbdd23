-- One row per filtered incident for the map's points: where it is drawn (NULL point_lat: no
-- location, not drawn), how precisely it is located, and what its tooltip shows. At most
-- $limit rows: the page asks only when the filtered count is within its limit, so the limit
-- is a guard, never a cut. Largest first, so that the page draws small circles over large
-- ones. The paragraph and the other details of the selected-incident panel are fetched for
-- the one incident clicked (points_incident.sql), never for every point.
-- The order is decided on the keys alone and the columns fetched for those rows only: sorting
-- every column of a million rows took 300 ms, the keys 50.
WITH largest AS (
    SELECT report_month, seq
    FROM filtered
    ORDER BY killed DESC, date, report_month, seq
    LIMIT $limit
)
SELECT
    report_month,
    seq,
    strftime(date, '%Y-%m-%d') AS date,
    place,
    site,
    governorate,
    perpetrator,
    attribution_uncertain,
    perpetrator_note,
    killed,
    killed_is_lower_bound,
    children,
    women,
    area_of_control,
    point_lat,
    point_lon,
    precision
FROM filtered
SEMI JOIN largest USING (report_month, seq)
ORDER BY killed DESC, filtered.date, report_month, seq
