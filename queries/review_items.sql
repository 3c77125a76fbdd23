-- The review queue's items, one row per incident: every incident the parser or the geocoder
-- warned about (a parser warning naming it, a geocoder warning, a point only at governorate
-- level) and every incident a reviewer has reviewed, with why it is flagged and its status:
-- open (never reviewed, or `returned`: a review whose parsed value has changed since, which is
-- not applied), confirmed (every field reviewed as parsed), corrected (a field corrected).
-- A shared part (store/queries.py): the Review page and the Data quality counts read it.
WITH flags AS (
    SELECT report_month, seq, code || ': ' || message AS why, n AS ord
    FROM warnings
    WHERE seq IS NOT NULL
    UNION ALL
    SELECT report_month, seq, 'geocoder: ' || unnest(warnings), 100000
    FROM locations
    UNION ALL
    SELECT report_month, seq, 'geocoder: located only at governorate level', 100000
    FROM locations
    WHERE precision = 'governorate' AND len(warnings) = 0
),
flagged AS (
    SELECT report_month, seq, list(why ORDER BY ord, why) AS why
    FROM flags
    GROUP BY report_month, seq
),
reviews AS (
    SELECT report_month, seq,
           bool_or(stale)                                   AS returned,
           bool_or(status = 'corrected' AND NOT stale)      AS has_correction
    FROM corrections
    WHERE seq IS NOT NULL
    GROUP BY report_month, seq
)
SELECT
    coalesce(f.report_month, r.report_month)                AS report_month,
    coalesce(f.seq, r.seq)                                  AS seq,
    coalesce(f.why, [])                                     AS why,
    CASE WHEN r.seq IS NULL OR r.returned THEN 'open'
         WHEN r.has_correction THEN 'corrected'
         ELSE 'confirmed' END                               AS status,
    coalesce(r.returned, false)                             AS returned
FROM flagged AS f
FULL JOIN reviews AS r ON r.report_month = f.report_month AND r.seq = f.seq
