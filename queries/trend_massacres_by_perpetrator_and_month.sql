-- Massacres and victims per perpetrator and month (incident date) in the filtered incidents.
-- Only pairs with incidents; the month axis and its gaps come from trend_massacres_by_month.
SELECT
    month,
    perpetrator,
    count(*)                         AS massacres,
    CAST(sum(killed) AS INTEGER)     AS killed,
    CAST(sum(children) AS INTEGER)   AS children,
    CAST(sum(women) AS INTEGER)      AS women
FROM filtered
GROUP BY month, perpetrator
ORDER BY month, perpetrator
