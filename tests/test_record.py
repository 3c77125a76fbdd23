"""The incident record declared once (massacres/reports/record.py): every list of its fields agrees."""

from __future__ import annotations

import duckdb

from massacres.dashboard import downloads, upload
from massacres.reports import record
from massacres.reports.parse import INCIDENT_FIELDS
from massacres.store import db, queries
from massacres.store.writes import schema_sql


def _schema_columns(table: str) -> list[str]:
    con = duckdb.connect()
    try:
        con.execute(schema_sql())
        rows = con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        return [r[0] for r in rows]
    finally:
        con.close()


def test_the_schema_declares_the_record_in_its_order():
    assert _schema_columns("incidents") == list(record.stored())


def test_the_parser_gives_the_paragraph_fields_and_nothing_located():
    assert record.parsed() == INCIDENT_FIELDS
    assert "point_lat" not in INCIDENT_FIELDS and "killed" in INCIDENT_FIELDS and "paragraph" in INCIDENT_FIELDS


def test_an_upload_compares_what_the_report_says_not_where_rows_sit():
    assert record.compared() == upload.COMPARED_FIELDS
    assert {"seq", "line", "point_lat", "incident_month"}.isdisjoint(upload.COMPARED_FIELDS)
    assert {"killed", "children", "coord_source", "map_link_name"} <= set(upload.COMPARED_FIELDS)


def test_the_downloads_carry_every_exported_field_the_search_query_gives(built_db):
    con = db.connect_readonly(built_db)  # as the app reads it: `incidents` with the reviewers' corrections
    try:
        params = {
            "start": "2017-01-01",
            "end": "2017-12-31",
            "perpetrators": None,
            "governorates": None,
            "areas": None,
            "weapons": None,
            "min_killed": 0,
            "include_uncertain": True,
            "reviewed_only": False,
            "search": None,
        }
        table = downloads.rows(con, params, limit=3)
    finally:
        con.close()
    assert table.column_names == list(record.exported())
    # the located point is exported under the plain names, the report's own link is not
    assert {"lat", "lon", "location_precision", "attribution_note", "party", "source_file"} <= set(table.column_names)
    assert "point_lat" not in table.column_names and "perpetrator_note" not in table.column_names
    assert queries.parameters("incidents_by_search") >= {"search", "limit", "offset"}


def test_the_report_record_is_declared_once():
    from massacres.reports.parse import REPORT_FIELDS
    from massacres.reports.summary import REPORT_KEYS

    assert record.report_summary() == REPORT_KEYS and record.report_json() == REPORT_FIELDS
    assert record.report_compared() == upload.REPORT_FIGURES
    # The store's reports table holds every field of the record.
    assert set(f.name for f in record.REPORT) <= set(_schema_columns("reports"))
    # details_complete comes from the details, ytd_period_text is the period as written (not in --json).
    assert "details_complete" not in REPORT_KEYS and "ytd_period_text" not in REPORT_FIELDS
