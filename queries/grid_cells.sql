-- The filtered, located incidents aggregated into square cells of $cell degrees (latitude
-- and longitude), for the map when there are too many incidents to draw one point each.
-- A cell is (cell_row, cell_col) = (floor(lat / $cell), floor(lon / $cell)): its south-west
-- corner is (cell_row * $cell, cell_col * $cell). Per cell: incidents, killed, how many of
-- them are located only to a city or a governorate, and the leading perpetrator and area of
-- control (most incidents; ties to the first key alphabetically) with their counts.
-- One row per non-empty cell: a few thousand at most over Syria at 0.1 degrees.
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
cells AS (
    SELECT
        cell_row,
        cell_col,
        count(*)                                                        AS incidents,
        coalesce(sum(killed), 0)::BIGINT                                AS killed,
        count(*) FILTER (WHERE precision IN ('city', 'governorate'))    AS approximate
    FROM located
    GROUP BY cell_row, cell_col
),
by_perpetrator AS (
    SELECT cell_row, cell_col, perpetrator, count(*) AS n
    FROM located
    GROUP BY cell_row, cell_col, perpetrator
),
by_area AS (
    SELECT cell_row, cell_col, area_of_control, count(*) AS n
    FROM located
    GROUP BY cell_row, cell_col, area_of_control
),
leading_perpetrator AS (
    SELECT cell_row, cell_col,
           first(perpetrator ORDER BY n DESC, perpetrator) AS perpetrator,
           max(n)                                           AS perpetrator_incidents
    FROM by_perpetrator
    GROUP BY cell_row, cell_col
),
leading_area AS (
    SELECT cell_row, cell_col,
           first(area_of_control ORDER BY n DESC, area_of_control) AS area_of_control,
           max(n)                                                   AS area_incidents
    FROM by_area
    GROUP BY cell_row, cell_col
)
SELECT
    c.cell_row,
    c.cell_col,
    c.incidents,
    c.killed,
    c.approximate,
    p.perpetrator,
    p.perpetrator_incidents,
    a.area_of_control,
    a.area_incidents
FROM cells AS c
JOIN leading_perpetrator AS p USING (cell_row, cell_col)
JOIN leading_area AS a USING (cell_row, cell_col)
ORDER BY c.cell_row, c.cell_col
