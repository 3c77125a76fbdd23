-- How many of the filtered massacres fall in each size bin (killed per massacre), per
-- perpetrator. SNHR counts an attack as a massacre when it kills 5 or more civilians; an
-- incident under 5 is kept in its own bin so that none is silently dropped. Every bin is
-- listed for every perpetrator present, so an empty bin is a real zero.
WITH bins (bin, bin_order, low, high) AS (
    VALUES ('under 5', 0, 0, 4), ('5–9', 1, 5, 9), ('10–19', 2, 10, 19), ('20–49', 3, 20, 49), ('50+', 4, 50, NULL)
),
parties AS (
    SELECT DISTINCT perpetrator FROM filtered
)
SELECT
    b.bin,
    b.bin_order,
    p.perpetrator,
    count(f.seq)                       AS massacres,
    coalesce(sum(f.killed), 0)::BIGINT AS killed
FROM bins AS b
CROSS JOIN parties AS p
LEFT JOIN filtered AS f
       ON f.perpetrator = p.perpetrator
      AND f.killed >= b.low
      AND (b.high IS NULL OR f.killed <= b.high)
GROUP BY b.bin, b.bin_order, p.perpetrator
ORDER BY b.bin_order, p.perpetrator
