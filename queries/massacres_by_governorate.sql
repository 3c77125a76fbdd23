-- Massacres and killed per governorate (the report's governorate heading, the key the
-- governorate filter uses) in the filtered range; the map joins these to the polygons on `key`.
SELECT
    governorate,
    count(*) AS massacres,
    sum(killed) AS killed
FROM filtered
GROUP BY governorate
ORDER BY governorate
