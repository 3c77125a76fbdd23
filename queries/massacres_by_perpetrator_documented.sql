-- Massacres per perpetrator in the filtered incidents (the reports' incident details).
SELECT perpetrator, count(*) AS massacres
FROM filtered
GROUP BY perpetrator
ORDER BY massacres DESC, perpetrator
