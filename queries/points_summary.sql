-- What the map page needs to know before it fetches anything per incident: the filtered
-- incidents counted by location precision (NULL: no location), perpetrator and area of
-- control, with their killed. A few dozen rows at most, whatever the corpus size; the page
-- takes its totals, its precision line and its legend counts from it, and decides from the
-- total whether to draw each incident or a grid of cells.
SELECT
    precision,
    perpetrator,
    area_of_control,
    count(*)                          AS incidents,
    coalesce(sum(killed), 0)::BIGINT  AS killed
FROM filtered
GROUP BY ALL
ORDER BY ALL
