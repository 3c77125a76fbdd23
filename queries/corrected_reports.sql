-- The reports every page and export reads (store/db.py makes this the view `reports` when a stated
-- figure is corrected): the parsed rows (`parsed_reports`), whose totals (total_massacres,
-- victims_total, victims_children, victims_women) are the report's stated figure total:all, with a
-- reviewer's correction of that figure in place. Read from the corrected `stated_figures`
-- (corrected_stated_figures.sql), so one view applies every correction of a report's own figures;
-- a total no review corrected is the parsed one, as it was.
SELECT
    r.* REPLACE (
        CASE WHEN list_contains(t.fields, 'massacres') THEN t.massacres ELSE r.total_massacres END AS total_massacres,
        CASE WHEN list_contains(t.fields, 'killed') THEN t.killed ELSE r.victims_total END         AS victims_total,
        CASE WHEN list_contains(t.fields, 'children') THEN t.children ELSE r.victims_children END  AS victims_children,
        CASE WHEN list_contains(t.fields, 'women') THEN t.women ELSE r.victims_women END           AS victims_women
    )
FROM parsed_reports AS r
LEFT JOIN (
    SELECT report_month, massacres, killed, children, women, string_split(corrected, '; ') AS fields
    FROM stated_figures
    WHERE dimension = 'total' AND key = 'all' AND corrected IS NOT NULL
) AS t ON t.report_month = r.month
