-- How precisely the filtered incidents are located.
SELECT precision, count(*) AS incidents, list(DISTINCT place ORDER BY place) FILTER (WHERE precision = 'governorate') AS places
FROM filtered
GROUP BY precision
ORDER BY CASE precision WHEN 'exact' THEN 0 WHEN 'locality' THEN 1 WHEN 'city' THEN 2 ELSE 3 END
