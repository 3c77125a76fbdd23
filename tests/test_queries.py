"""massacres/store/queries.py: the shared parts (`filtered`, `month_axis`, `reports_in_range`,
`documented_by_dimension`, `compared_figures`) put in front of the queries that read them, and
the month axis the monthly charts share."""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pytest

from massacres.store import queries


def test_a_query_gets_each_shared_part_it_reads_once_in_front():
    sql = queries.prepare("heatmap_massacres_by_governorate_and_month")
    # month_axis reads reports_in_range: a part a shared part reads comes first
    assert sql.startswith("WITH reports_in_range AS (\n")
    assert sql.count("filtered AS (") == 1 and sql.count("month_axis AS (") == 1
    assert sql.count("reports_in_range AS (") == 1
    assert sql.index("reports_in_range AS (") < sql.index("month_axis AS (") < sql.index("govs AS (")


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


def test_the_report_month_range_is_written_once():
    """ "The range touches the report's month" is reports_in_range.sql and "the range covers the whole
    month" covered_reports.sql; no other query spells either."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in queries.QUERY_DIR.glob("*.sql")}
    assert [n for n, sql in texts.items() if "month_start BETWEEN $month_start" in sql] == ["reports_in_range.sql"]
    assert [n for n, sql in texts.items() if re.search(r"last_day\(\w*\.?month_start\) <= \$end", sql)] == [
        "covered_reports.sql"
    ]


def test_has_breakdown_has_one_meaning():
    """Both children and women known: defined in filtered_incidents.sql, and no query of the incidents
    spells it again (the stated figures' own breakdown, victims_by_perpetrator_stated.sql, is another thing)."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in queries.QUERY_DIR.glob("*.sql")}
    spelled = sorted(
        name
        for name, sql in texts.items()
        if re.search(r"\b(filtered|incidents)\b", sql)
        and "stated_figures" not in sql
        and re.search(r"\bchildren IS (NOT )?NULL", sql)
    )
    assert spelled == ["filtered_incidents.sql"]


def test_the_documented_rule_gives_the_same_sums_in_sql_and_python(built_db):
    """documented_by_dimension (SQL) and documented.totals (the parser's stated_differs check) are
    derived from one declaration; on both samples they must agree row for row."""
    from conftest import REPORTS

    from massacres.reports import documented
    from massacres.reports.parse import parse_file

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        rows = con.execute(queries.with_shared("SELECT * FROM documented_by_dimension")).df()
    finally:
        con.close()
    for name in ("snhr-2017-09-massacres", "snhr-2017-10-massacres"):
        parsed = parse_file(REPORTS / f"{name}.txt")
        month = parsed.report["month"]
        in_sql = {
            (r.dimension, r.key): {
                m: int(getattr(r, m)) for m in ("massacres", "killed", "children", "women", "fetuses")
            }
            for r in rows[rows["report_month"] == month].itertuples()
        }
        assert in_sql == documented.totals(parsed.incidents)
    # By hand from September's details: Russia, 14 massacres, 152 killed; the joint Syrian-Russian
    # figure counts the regime's 18 and Russia's 14.
    sept = rows[rows["report_month"] == "2017-09"].set_index(["dimension", "key"])
    assert (
        int(sept.loc[("perpetrator", "russia"), "massacres"]),
        int(sept.loc[("perpetrator", "russia"), "killed"]),
    ) == (14, 152)
    assert int(sept.loc[("joint_perpetrator", "syrian_russian_alliance"), "massacres"]) == 32
