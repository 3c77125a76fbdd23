-- One row per reviewed stated figure (report_month, figure = 'dimension:key'): its reviews' values
-- by field (a has_<field> flag, since a value can be a correction to none), whether every review of
-- it still applies (`reviewed`), and the fields corrected ('; '-separated, NULL when none). A stale
-- review (its parsed value changed since) is not applied. Made once per database file (store/db.py
-- materialises it beside the view `stated_figures`, corrected_stated_figures.sql), as
-- applied_corrections.sql is for the incidents. Field names are corrections.FIGURE_FIELDS.
SELECT
    report_month,
    figure,
    bool_and(NOT stale)                                                           AS reviewed,
    nullif(array_to_string(list_sort(list(field) FILTER (WHERE status = 'corrected' AND NOT stale)), '; '), '')
                                                                                  AS corrected,
    count(*) FILTER (WHERE field = 'massacres' AND NOT stale) > 0                 AS has_massacres,
    any_value(value) FILTER (WHERE field = 'massacres' AND NOT stale)             AS massacres,
    count(*) FILTER (WHERE field = 'killed' AND NOT stale) > 0                    AS has_killed,
    any_value(value) FILTER (WHERE field = 'killed' AND NOT stale)                AS killed,
    count(*) FILTER (WHERE field = 'children' AND NOT stale) > 0                  AS has_children,
    any_value(value) FILTER (WHERE field = 'children' AND NOT stale)              AS children,
    count(*) FILTER (WHERE field = 'women' AND NOT stale) > 0                     AS has_women,
    any_value(value) FILTER (WHERE field = 'women' AND NOT stale)                 AS women
FROM corrections
WHERE figure IS NOT NULL
GROUP BY report_month, figure
