"""Massacres in Syria from SNHR's monthly reports: file -> parse -> locate -> store -> queries -> pages.

The package is layered; a module may import from its own layer and the layers below it, never above
(tests/test_layers.py checks it):

    errors       the one exception for input the project cannot accept
    reports/     reading a report: text from the file, layout, numbers, summary figures, incidents
    places/      placing an incident on the map: gazetteer, geocoder, governorate boundaries
    store/       the DuckDB file: schema, atomic writes, read-only access, the SQL in queries/
    pipeline     the one path a report takes: read and parse -> locate -> (the caller) store
    dashboard/   what the Streamlit pages share: filters and URL state, palette, tables, charts, exports
    cli          the `massacres` command
"""
