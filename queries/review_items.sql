-- The review queue's items: every incident the parser or the geocoder warned about (a parser
-- warning naming it, a geocoder warning, a point only at governorate level), every stated figure of
-- a report the parser warned about (below), and every item a reviewer has reviewed; with why it is
-- flagged and its status: open (never reviewed, or `returned`: a review whose parsed value has
-- changed since, which is not applied), confirmed (every field reviewed as parsed), corrected (a
-- field corrected). An incident's item has its `seq` (figure NULL); a stated figure's its `figure`,
-- 'dimension:key' (seq NULL).
-- A report's warning names the stated figure it is about:
--   - "<dimension> <key>: ..." (stated_differs, victims_breakdown_exceeds, percent_mismatch of a party,
--     constraint_negative_count and constraint_percent of a figure): that figure;
--   - the month's total against its title, a second statement of it, or a list that does not add up
--     to it (title_disagrees, stated_twice, perpetrator_sum_differs, governorate_sum_differs), and the
--     women-and-children share against the counts (percent_mismatch without a figure): total:all;
--   - a party's area-of-control list against its count (area_sum_differs): that party's figure.
-- A warning about a figure the report does not state (dropped, skipped) names no item.
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
    SELECT report_month, seq, CAST(NULL AS VARCHAR) AS figure, list(why ORDER BY ord, why) AS why
    FROM flags
    GROUP BY report_month, seq
),
figure_flags AS (
    SELECT
        report_month,
        CASE
            WHEN code IN ('stated_differs', 'victims_breakdown_exceeds', 'percent_mismatch',
                          'constraint_negative_count', 'constraint_percent')
                 AND regexp_matches(message, '^[a-z_]+ [a-z0-9_]+: ')
                THEN regexp_replace(message, '^([a-z_]+) ([a-z0-9_]+): .*$', '\1:\2', 's')
            WHEN code IN ('title_disagrees', 'stated_twice', 'perpetrator_sum_differs', 'governorate_sum_differs',
                          'percent_mismatch')
                THEN 'total:all'
            WHEN code = 'area_sum_differs'
                THEN 'perpetrator:' || regexp_extract(message, 'list of ([a-z0-9_]+) adds up', 1)
        END                                                 AS figure,
        code || ': ' || message                             AS why,
        n                                                   AS ord
    FROM warnings
    WHERE seq IS NULL
),
flagged_figures AS (
    SELECT f.report_month, CAST(NULL AS INTEGER) AS seq, f.figure, list(f.why ORDER BY f.ord, f.why) AS why
    FROM figure_flags AS f
    SEMI JOIN stated_figures AS s ON s.report_month = f.report_month AND s.dimension || ':' || s.key = f.figure
    GROUP BY f.report_month, f.figure
),
reviews AS (
    SELECT report_month, seq, figure,
           bool_or(stale)                                   AS returned,
           bool_or(status = 'corrected' AND NOT stale)      AS has_correction
    FROM corrections
    GROUP BY report_month, seq, figure
),
items AS (
    SELECT * FROM flagged
    UNION ALL
    SELECT * FROM flagged_figures
)
SELECT
    coalesce(f.report_month, r.report_month)                AS report_month,
    coalesce(f.seq, r.seq)                                  AS seq,
    coalesce(f.figure, r.figure)                            AS figure,
    coalesce(f.why, [])                                     AS why,
    CASE WHEN r.report_month IS NULL OR r.returned THEN 'open'
         WHEN r.has_correction THEN 'corrected'
         ELSE 'confirmed' END                               AS status,
    coalesce(r.returned, false)                             AS returned
FROM items AS f
FULL JOIN reviews AS r
       ON r.report_month = f.report_month AND r.seq IS NOT DISTINCT FROM f.seq
      AND r.figure IS NOT DISTINCT FROM f.figure
