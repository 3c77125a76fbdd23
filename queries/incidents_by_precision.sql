-- How precisely the filtered incidents are located: incidents per precision and, for those
-- placed only at governorate level, how many distinct places that is and the first 50 of
-- them in alphabetical order (NULL and 0 for the other precisions).
SELECT
    precision,
    count(*) AS incidents,
    (list(DISTINCT place ORDER BY place) FILTER (WHERE precision = 'governorate'))[1:50] AS places,
    count(DISTINCT place) FILTER (WHERE precision = 'governorate') AS place_count
FROM filtered
GROUP BY precision
ORDER BY CASE precision WHEN 'exact' THEN 0 WHEN 'locality' THEN 1 WHEN 'city' THEN 2 ELSE 3 END
