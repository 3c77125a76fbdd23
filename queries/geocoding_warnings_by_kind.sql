-- How many geocoder warnings of each kind the filtered incidents carry, and on how many
-- incidents; the most frequent kind first. The kind is read from the start of the message
-- massacres/geocode.py writes: a message it does not recognise counts as 'other'.
WITH warned AS (
    SELECT f.report_month, f.seq, unnest(l.warnings) AS warning
    FROM filtered AS f
    JOIN locations AS l USING (report_month, seq)
    WHERE len(l.warnings) > 0
),
kinds AS (
    SELECT report_month, seq,
           CASE
               WHEN starts_with(warning, 'no gazetteer place for ') THEN 'no_gazetteer_place'
               WHEN starts_with(warning, 'the heading says ') THEN 'heading_text_conflict'
               WHEN starts_with(warning, 'the point falls ') THEN 'point_outside_heading'
               WHEN contains(warning, ', the governorate the paragraph names, not under the ') THEN 'found_in_named_governorate'
               ELSE 'other'
           END AS kind
    FROM warned
)
SELECT kind, count(*) AS warnings, count(DISTINCT (report_month, seq)) AS incidents
FROM kinds
GROUP BY kind
ORDER BY warnings DESC, kind
