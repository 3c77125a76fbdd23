-- The largest filtered incidents in one map grid cell (the cell clicked), as grid_cells.sql
-- defines cells: floor(lat / $cell) = $cell_row and floor(lon / $cell) = $cell_col. At most
-- $limit rows, largest first.
SELECT
    report_month,
    seq,
    strftime(date, '%Y-%m-%d') AS date,
    place,
    governorate,
    perpetrator,
    killed,
    killed_is_lower_bound,
    area_of_control,
    precision
FROM filtered
WHERE point_lat IS NOT NULL AND point_lon IS NOT NULL
  AND floor(point_lat / $cell)::INTEGER = $cell_row
  AND floor(point_lon / $cell)::INTEGER = $cell_col
ORDER BY killed DESC, date, report_month, seq
LIMIT $limit
