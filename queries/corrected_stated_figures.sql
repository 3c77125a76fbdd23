-- The stated figures every page and export reads (store/db.py makes this the view `stated_figures`):
-- the parsed rows (`parsed_stated_figures`) with the reviewers' corrections of a report's own figures
-- applied, and `reviewed` and `corrected` as the incidents have them (applied_figure_corrections.sql).
-- A stale correction (its parsed value has changed since) is not applied. The report's totals in
-- `reports` are its figure total:all, read from here (corrected_reports.sql): one place applies them.
SELECT
    s.* REPLACE (
        CASE WHEN c.has_massacres THEN CAST(c.massacres AS INTEGER) ELSE s.massacres END AS massacres,
        CASE WHEN c.has_killed THEN CAST(c.killed AS INTEGER) ELSE s.killed END          AS killed,
        CASE WHEN c.has_children THEN CAST(c.children AS INTEGER) ELSE s.children END    AS children,
        CASE WHEN c.has_women THEN CAST(c.women AS INTEGER) ELSE s.women END             AS women
    ),
    coalesce(c.reviewed, false)                                                          AS reviewed,
    c.corrected                                                                          AS corrected
FROM parsed_stated_figures AS s
LEFT JOIN applied_figure_corrections AS c ON c.report_month = s.report_month AND c.figure = s.dimension || ':' || s.key
