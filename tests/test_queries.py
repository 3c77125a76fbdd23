"""massacres/store/queries.py: the shared parts (`filtered`, `month_axis`) put in front of the queries
that read them, and the month axis the monthly charts share."""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from massacres.store import queries


def test_a_query_gets_each_shared_part_it_reads_once_in_front():
    sql = queries.prepare("heatmap_massacres_by_governorate_and_month")
    assert sql.startswith("WITH filtered AS (\n")
    assert sql.count("filtered AS (") == 1 and sql.count("month_axis AS (") == 1
    assert sql.index("month_axis AS (") < sql.index("govs AS (")  # its own CTEs follow


def test_a_query_without_shared_parts_is_left_as_written():
    assert queries.prepare("date_bounds") == queries._body(queries.load("date_bounds"))


def test_a_shared_part_is_not_put_in_front_of_itself():
    assert "filtered AS (" not in queries.prepare("filtered_incidents")
    assert "month_axis AS (" not in queries.prepare("month_axis")


def test_names_that_are_not_identifiers_are_refused():
    with pytest.raises(ValueError):
        queries.load("../schema")


def _axis(db, start: dt.date, end: dt.date) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        df = queries.run(con, "month_axis", {"month_start": start, "month_end": end})
    finally:
        con.close()
    return [d.strftime("%Y-%m") for d in df["month_start"]]


def test_the_month_axis_spans_reports_and_late_reported_incidents(built_db):
    # September and October 2017 are reported; September's report also records two massacres
    # of early August (lines 259 and 265), so August is on the axis, as a month without a report.
    assert _axis(built_db, dt.date(2011, 1, 1), dt.date(2030, 12, 1)) == ["2017-08", "2017-09", "2017-10"]
    assert _axis(built_db, dt.date(2017, 9, 1), dt.date(2017, 9, 1)) == ["2017-09"]
    assert _axis(built_db, dt.date(2018, 1, 1), dt.date(2018, 12, 1)) == []


def test_any_sql_reading_filtered_gets_the_filters_and_their_parameters():
    sql = queries.with_shared("SELECT count(*) FROM filtered")
    assert sql.startswith("WITH filtered AS (\n") and sql.endswith("\nSELECT count(*) FROM filtered")
    assert queries.parameters_in(sql) == queries.parameters("filtered_incidents")
