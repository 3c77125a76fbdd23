-- Geocoder warnings for the filtered incidents, one row per warning, in report order (an
-- incident's warnings in the order the geocoder raised them): one page at a time ($limit rows
-- from $offset). geocoding_warnings_by_kind.sql counts them all.
WITH warned AS (
    SELECT f.report_month, f.seq, f.date, f.place, f.governorate, f.precision,
           unnest(l.warning_codes) AS code, unnest(l.warnings) AS warning, generate_subscripts(l.warnings, 1) AS k
    FROM filtered AS f
    JOIN locations AS l USING (report_month, seq)
    WHERE len(l.warnings) > 0
)
SELECT report_month, seq, date, place, governorate, precision, code, warning
FROM warned
ORDER BY report_month, seq, k
LIMIT $limit OFFSET $offset
