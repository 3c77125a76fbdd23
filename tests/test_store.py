"""The DuckDB file: schema constraints, replacement instead of duplicates, determinism."""

from __future__ import annotations

import duckdb
import pytest
from conftest import REPORTS

from massacres.cli import main
from massacres.reports.parse import parse_file
from massacres.store import writes as store


def _count(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_build_holds_both_reports(built_db):
    assert _count(built_db, "SELECT count(*) FROM reports") == 2
    assert _count(built_db, "SELECT count(*) FROM incidents") == 62
    assert _count(built_db, "SELECT sum(killed) FROM incidents WHERE report_month = '2017-09'") == 430
    assert _count(built_db, "SELECT count(*) FROM stated_figures") == 33
    assert _count(built_db, "SELECT source_form FROM reports WHERE month = '2017-10'") == "pdf_text"


def test_ingesting_again_replaces_never_duplicates(built_db):
    before = store.table_checksums(built_db)
    for _ in range(2):
        assert main(["ingest", str(REPORTS / "snhr-2017-09-massacres.txt"), "--db", str(built_db)]) == 0
    assert _count(built_db, "SELECT count(*) FROM incidents") == 62
    assert store.table_checksums(built_db) == before


def test_a_new_version_of_a_month_replaces_the_old(built_db, tmp_path):
    text = (REPORTS / "snhr-2017-10-massacres.txt").read_text(encoding="utf-8")
    cut = text.index("Thursday, October 12, 2017")  # drop the Hasaka incident and its heading's paragraph
    end = text.index("D. International coalition forces")
    revised = tmp_path / "snhr-2017-10-revised.txt"
    revised.write_text(text[:cut] + text[end - 1 :], encoding="utf-8")
    assert main(["ingest", str(revised), "--db", str(built_db)]) == 0
    assert _count(built_db, "SELECT count(*) FROM incidents WHERE report_month = '2017-10'") == 18
    assert _count(built_db, "SELECT source_file FROM reports WHERE month = '2017-10'") == "snhr-2017-10-revised.txt"
    assert _count(built_db, "SELECT count(*) FROM incidents WHERE report_month = '2017-09'") == 43


def test_rebuild_is_deterministic(tmp_path, reports_dir):
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    for db in (a, b):
        assert main(["build", "--reports", str(reports_dir), "--db", str(db)]) == 0
    assert store.table_checksums(a) == store.table_checksums(b)


def test_constraints_reject_a_breakdown_larger_than_the_toll(built_db, tmp_path):
    db = tmp_path / "copy.duckdb"
    db.write_bytes(built_db.read_bytes())
    con = duckdb.connect(str(db))
    with pytest.raises(duckdb.ConstraintException):
        con.execute("UPDATE incidents SET children = killed + 1 WHERE report_month = '2017-09' AND seq = 1")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("UPDATE incidents SET date = DATE '1999-01-01' WHERE seq = 1")
    con.close()


def test_no_temporary_files_left_behind(built_db):
    assert sorted(p.name for p in built_db.parent.iterdir() if p.name.startswith(".")) == []


def test_stored_incidents_equal_parsed(built_db):
    parsed = parse_file(REPORTS / "snhr-2017-10-massacres.txt")
    con = duckdb.connect(str(built_db), read_only=True)
    rows = con.execute(
        "SELECT seq, place, killed, children, women, lat, lon, paragraph FROM incidents "
        "WHERE report_month = '2017-10' ORDER BY seq"
    ).fetchall()
    con.close()
    assert rows == [
        (i["seq"], i["place"], i["killed"], i["children"], i["women"], i["lat"], i["lon"], i["paragraph"])
        for i in parsed.incidents
    ]


# Incidents carry a copy of their location (the dashboard's scan needs no join): the copy must
# never drift from `locations`, whichever write made it.
_POINT_DRIFT = """
SELECT count(*) FROM incidents AS i FULL JOIN locations AS l USING (report_month, seq)
WHERE i.point_lat IS DISTINCT FROM l.lat OR i.point_lon IS DISTINCT FROM l.lon
   OR i.precision IS DISTINCT FROM l.precision OR i.iso_code IS DISTINCT FROM l.iso_code
   OR i.matched_name IS DISTINCT FROM l.matched_name
"""


def test_incidents_carry_their_location_and_month(built_db):
    assert _count(built_db, "SELECT count(*) FROM incidents WHERE point_lat IS NULL") == 0
    assert _count(built_db, _POINT_DRIFT) == 0
    assert _count(built_db, "SELECT count(*) FROM incidents WHERE incident_month <> strftime(date, '%Y-%m')") == 0
    # late-reported incidents keep their own month: the September report's Raqqa paragraphs of
    # August 4 and August 2, 2017 (lines 259 and 265 of the web text)
    assert _count(built_db, "SELECT list(line ORDER BY line) FROM incidents WHERE incident_month = '2017-08'") == [
        259,
        265,
    ]


def test_ingest_and_regeocode_keep_the_copy_in_step(built_db):
    con = duckdb.connect(str(built_db))
    con.execute(
        "UPDATE incidents SET point_lat = NULL, point_lon = NULL, precision = NULL, iso_code = NULL, "
        "matched_name = NULL"
    )
    con.close()
    assert _count(built_db, _POINT_DRIFT) == 62
    assert main(["ingest", str(REPORTS / "snhr-2017-09-massacres.txt"), "--db", str(built_db)]) == 0
    assert _count(built_db, _POINT_DRIFT) == 62 - 43  # the month written is copied; October untouched
    from massacres import pipeline

    pipeline.relocate(built_db)
    assert _count(built_db, _POINT_DRIFT) == 0


def test_a_database_from_an_older_version_is_named_as_such(built_db, tmp_path):
    from massacres.store import db

    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    con.execute("ATTACH ? AS new (READ_ONLY)", [str(built_db)])
    for t in ("reports", "stated_figures", "warnings", "locations"):
        con.execute(f"CREATE TABLE {t} AS SELECT * FROM new.{t}")
    con.execute(
        "CREATE TABLE incidents AS SELECT * EXCLUDE (point_lat, point_lon, precision, iso_code, "
        "matched_name, incident_month) FROM new.incidents"
    )
    con.close()
    ro = db.connect_readonly(old)
    try:
        # Made before the search index, too: its two tables are named first.
        assert db.missing_tables(ro) == [
            "search_terms",
            "search_postings",
            "incidents.point_lat",
            "incidents.point_lon",
            "incidents.precision",
            "incidents.iso_code",
            "incidents.matched_name",
            "incidents.incident_month",
        ]
    finally:
        ro.close()
