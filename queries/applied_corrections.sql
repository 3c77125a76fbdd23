-- One row per reviewed incident: its reviews' values by field (a has_<field> flag, since a value
-- can be a correction to none), whether every review of it still applies (`reviewed`), and the
-- fields corrected ('; '-separated, NULL when none). A stale review (its parsed value changed
-- since) is not applied. Made once per database file (store/db.py materialises it beside the
-- view `incidents`, corrected_incidents.sql): corrections are few, incidents are many.
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
