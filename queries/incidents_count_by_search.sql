-- How many filtered incidents match the search (queries/search_matches.sql; a NULL $search
-- matches every filtered incident), their killed, and how many of them match by a place name.
SELECT
    count(*)                         AS incidents,
    coalesce(sum(f.killed), 0)::BIGINT AS killed,
    count(*) FILTER (WHERE s.rank = 0) AS place_matches
FROM filtered AS f
LEFT JOIN search_matches AS s ON s.report_month = f.report_month AND s.seq = f.seq
WHERE $search IS NULL OR s.rank IS NOT NULL
