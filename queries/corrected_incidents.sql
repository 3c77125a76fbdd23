-- The incidents every page and export reads (store/db.py makes this the view `incidents`): the
-- parsed rows with the reviewers' corrections applied. A stale correction (its parsed value has
-- changed since it was made) is not applied. A corrected point is where the reviewer put it
-- ('exact' precision); a corrected date moves the incident's month with it.
-- reviewed: every review of the incident still applies (none stale); corrected: the fields
-- corrected, '; '-separated, NULL when none. Field names are those of store/corrections.py.
WITH c AS (
    SELECT
        report_month,
        seq,
        bool_and(NOT stale)                                                           AS reviewed,
        nullif(array_to_string(list_sort(list(field) FILTER (WHERE status = 'corrected' AND NOT stale)), '; '), '')
                                                                                      AS corrected,
        count(*) FILTER (WHERE field = 'killed' AND NOT stale) > 0                    AS has_killed,
        any_value(value) FILTER (WHERE field = 'killed' AND NOT stale)                AS killed,
        count(*) FILTER (WHERE field = 'children' AND NOT stale) > 0                  AS has_children,
        any_value(value) FILTER (WHERE field = 'children' AND NOT stale)              AS children,
        count(*) FILTER (WHERE field = 'women' AND NOT stale) > 0                     AS has_women,
        any_value(value) FILTER (WHERE field = 'women' AND NOT stale)                 AS women,
        count(*) FILTER (WHERE field = 'fetuses' AND NOT stale) > 0                   AS has_fetuses,
        any_value(value) FILTER (WHERE field = 'fetuses' AND NOT stale)               AS fetuses,
        count(*) FILTER (WHERE field = 'wounded' AND NOT stale) > 0                   AS has_wounded,
        any_value(value) FILTER (WHERE field = 'wounded' AND NOT stale)               AS wounded,
        count(*) FILTER (WHERE field = 'perpetrator' AND NOT stale) > 0               AS has_perpetrator,
        any_value(value) FILTER (WHERE field = 'perpetrator' AND NOT stale)           AS perpetrator,
        count(*) FILTER (WHERE field = 'date' AND NOT stale) > 0                      AS has_date,
        any_value(value) FILTER (WHERE field = 'date' AND NOT stale)                  AS date,
        count(*) FILTER (WHERE field = 'governorate' AND NOT stale) > 0               AS has_governorate,
        any_value(value) FILTER (WHERE field = 'governorate' AND NOT stale)           AS governorate,
        count(*) FILTER (WHERE field = 'place' AND NOT stale) > 0                     AS has_place,
        any_value(value) FILTER (WHERE field = 'place' AND NOT stale)                 AS place,
        count(*) FILTER (WHERE field = 'point' AND NOT stale) > 0                     AS has_point,
        any_value(value) FILTER (WHERE field = 'point' AND NOT stale)                 AS point,
        count(*) FILTER (WHERE field = 'area_of_control' AND NOT stale) > 0           AS has_area_of_control,
        any_value(value) FILTER (WHERE field = 'area_of_control' AND NOT stale)       AS area_of_control,
        count(*) FILTER (WHERE field = 'weapon' AND NOT stale) > 0                    AS has_weapon,
        any_value(value) FILTER (WHERE field = 'weapon' AND NOT stale)                AS weapon
    FROM corrections
    WHERE seq IS NOT NULL
    GROUP BY report_month, seq
)
SELECT
    i.* REPLACE (
        CASE WHEN c.has_killed THEN CAST(c.killed AS INTEGER) ELSE i.killed END                   AS killed,
        CASE WHEN c.has_children THEN CAST(c.children AS INTEGER) ELSE i.children END             AS children,
        CASE WHEN c.has_women THEN CAST(c.women AS INTEGER) ELSE i.women END                      AS women,
        CASE WHEN c.has_fetuses THEN CAST(c.fetuses AS INTEGER) ELSE i.fetuses END                AS fetuses,
        CASE WHEN c.has_wounded THEN CAST(c.wounded AS INTEGER) ELSE i.wounded END                AS wounded,
        CASE WHEN c.has_perpetrator THEN c.perpetrator ELSE i.perpetrator END                     AS perpetrator,
        CASE WHEN c.has_date THEN CAST(c.date AS DATE) ELSE i.date END                            AS date,
        CASE WHEN c.has_date THEN left(c.date, 7) ELSE i.incident_month END                       AS incident_month,
        CASE WHEN c.has_governorate THEN c.governorate ELSE i.governorate END                     AS governorate,
        CASE WHEN c.has_place THEN c.place ELSE i.place END                                       AS place,
        CASE WHEN c.has_point THEN CAST(split_part(c.point, ',', 1) AS DOUBLE) ELSE i.point_lat END AS point_lat,
        CASE WHEN c.has_point THEN CAST(split_part(c.point, ',', 2) AS DOUBLE) ELSE i.point_lon END AS point_lon,
        CASE WHEN c.has_point THEN (CASE WHEN c.point IS NULL THEN NULL ELSE 'exact' END)
             ELSE i.precision END                                                                 AS precision,
        CASE WHEN c.has_area_of_control THEN c.area_of_control ELSE i.area_of_control END         AS area_of_control,
        CASE WHEN c.has_weapon THEN c.weapon ELSE i.weapon END                                    AS weapon
    ),
    coalesce(c.reviewed, false)                                                                   AS reviewed,
    c.corrected                                                                                   AS corrected
FROM parsed_incidents AS i
LEFT JOIN c ON c.report_month = i.report_month AND c.seq = i.seq
