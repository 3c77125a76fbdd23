"""Reading a report: a file's text -> the report's month, kind, title, stated figures and incidents.

Owns the grammar of the series (layout, numbers, summary sentences, incident paragraphs) and the
reviewed vocabularies (`vocab/*.csv`). Imports nothing from massacres but `errors`: reading a report
never needs the map, the database or the dashboard.
"""
