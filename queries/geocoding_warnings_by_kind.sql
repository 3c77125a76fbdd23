-- How many geocoder warnings of each code the filtered incidents carry, and on how many
-- incidents; the most frequent code first (codes: massacres/places/geocode.py WARNINGS).
WITH warned AS (
    SELECT f.report_month, f.seq, unnest(l.warning_codes) AS code
    FROM filtered AS f
    JOIN locations AS l USING (report_month, seq)
    WHERE len(l.warnings) > 0
)
SELECT code, count(*) AS warnings, count(DISTINCT (report_month, seq)) AS incidents
FROM warned
GROUP BY code
ORDER BY warnings DESC, code
