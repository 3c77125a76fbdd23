-- Victims per perpetrator as the reports state them (killed, and of them children and women),
-- for the reports whose whole month lies in the date range. A measure one of the covered reports
-- does not state for the party is NULL (unknown), never a partial sum; the months that lack it
-- are listed. `percent` is the party's share of all the covered reports' stated victims.
WITH covered AS (
    SELECT month, victims_total
    FROM covered_reports
),
per_report AS (
    SELECT s.report_month AS month, s.key AS perpetrator, s.killed, s.children, s.women
    FROM stated_figures AS s
    JOIN covered AS c ON c.month = s.report_month
    WHERE s.dimension = 'perpetrator'
      AND ($perpetrators IS NULL OR list_contains($perpetrators, s.key))
)
SELECT
    perpetrator,
    CASE WHEN count(killed) = count(*) THEN CAST(sum(killed) AS INTEGER) END       AS killed,
    CASE WHEN count(children) = count(*) THEN CAST(sum(children) AS INTEGER) END   AS children,
    CASE WHEN count(women) = count(*) THEN CAST(sum(women) AS INTEGER) END         AS women,
    CASE WHEN count(killed) = count(*)
         THEN 100.0 * sum(killed) / (SELECT sum(victims_total) FROM covered) END    AS percent,
    coalesce(list(month ORDER BY month) FILTER (WHERE killed IS NULL), [])         AS killed_unstated_months,
    coalesce(list(month ORDER BY month) FILTER (WHERE children IS NULL OR women IS NULL), []) AS breakdown_unstated_months
FROM per_report
GROUP BY perpetrator
ORDER BY killed DESC NULLS LAST, perpetrator
