-- How many of the filtered massacres fall in each size bin (killed per massacre), per
-- perpetrator. SNHR counts an attack as a massacre when it kills 5 or more civilians; an
-- incident under 5 is kept in its own bin so that none is silently dropped. Every bin is
-- listed for every perpetrator present, so an empty bin is a real zero.
WITH bins (bin, bin_order, low, high) AS (
    VALUES ('under 5', 0, 0, 4), ('5–9', 1, 5, 9), ('10–19', 2, 10, 19), ('20–49', 3, 20, 49), ('50+', 4, 50, NULL)
),
counts AS (  -- one pass, each incident binned by the same bounds as `bins` (a range join took 4x longer)
    SELECT
        perpetrator,
        CASE WHEN killed < 5 THEN 0 WHEN killed < 10 THEN 1 WHEN killed < 20 THEN 2 WHEN killed < 50 THEN 3 ELSE 4 END
            AS bin_order,
        count(*)    AS massacres,
        sum(killed) AS killed
    FROM filtered
    GROUP BY ALL
),
parties AS (
    SELECT DISTINCT perpetrator FROM counts
)
SELECT
    b.bin,
    b.bin_order,
    p.perpetrator,
    coalesce(c.massacres, 0)            AS massacres,
    coalesce(c.killed, 0)::BIGINT       AS killed
FROM bins AS b
CROSS JOIN parties AS p
LEFT JOIN counts AS c ON c.perpetrator = p.perpetrator AND c.bin_order = b.bin_order
ORDER BY b.bin_order, p.perpetrator
