-- The filtered, located incidents aggregated into square cells of $cell degrees (latitude
-- and longitude), for the map when there are too many incidents to draw one point each.
-- A cell is (cell_row, cell_col) = (floor(lat / $cell), floor(lon / $cell)): its south-west
-- corner is (cell_row * $cell, cell_col * $cell). Per cell: incidents, killed, how many of
-- them are located only to a city or a governorate, and the leading perpetrator and area of
-- control (most incidents; ties to the first key alphabetically) with their counts.
-- One row per non-empty cell: a few thousand at most over Syria at 0.1 degrees. One pass over
-- the incidents (grouping sets: per cell and perpetrator, per cell and area), then the small
-- result is folded into one row per cell.
WITH located AS (
    SELECT
        floor(point_lat / $cell)::INTEGER AS cell_row,
        floor(point_lon / $cell)::INTEGER AS cell_col,
        perpetrator,
        coalesce(area_of_control, '') AS area_of_control,
        killed,
        precision
    FROM filtered
    WHERE point_lat IS NOT NULL AND point_lon IS NOT NULL
),
parts AS (
    SELECT
        cell_row,
        cell_col,
        perpetrator,
        area_of_control,
        grouping(perpetrator) = 0                                       AS by_perpetrator,
        count(*)                                                        AS n,
        sum(killed)                                                     AS killed,
        count(*) FILTER (WHERE precision IN ('city', 'governorate'))    AS approximate
    FROM located
    GROUP BY GROUPING SETS ((cell_row, cell_col, perpetrator), (cell_row, cell_col, area_of_control))
)
SELECT
    cell_row,
    cell_col,
    sum(n) FILTER (WHERE by_perpetrator)::BIGINT                                   AS incidents,
    coalesce(sum(killed) FILTER (WHERE by_perpetrator), 0)::BIGINT                 AS killed,
    sum(approximate) FILTER (WHERE by_perpetrator)::BIGINT                         AS approximate,
    first(perpetrator ORDER BY n DESC, perpetrator) FILTER (WHERE by_perpetrator)  AS perpetrator,
    max(n) FILTER (WHERE by_perpetrator)                                           AS perpetrator_incidents,
    first(area_of_control ORDER BY n DESC, area_of_control) FILTER (WHERE NOT by_perpetrator) AS area_of_control,
    max(n) FILTER (WHERE NOT by_perpetrator)                                       AS area_incidents
FROM parts
GROUP BY cell_row, cell_col
ORDER BY cell_row, cell_col
