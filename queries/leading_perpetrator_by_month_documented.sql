-- The perpetrator with the most filtered incidents in each month (incident date); tied leaders
-- each get a row. `percent` is the leader's share of the month's filtered incidents.
WITH counts AS (
    SELECT month, perpetrator, count(*) AS massacres
    FROM filtered
    GROUP BY month, perpetrator
),
ranked AS (
    SELECT *, max(massacres) OVER (PARTITION BY month) AS top, sum(massacres) OVER (PARTITION BY month) AS month_total
    FROM counts
)
SELECT
    month,
    perpetrator,
    massacres,
    100.0 * massacres / month_total              AS percent,
    false                                        AS converted,
    count(*) OVER (PARTITION BY month) > 1       AS tied
FROM ranked
WHERE massacres = top
ORDER BY month, perpetrator
