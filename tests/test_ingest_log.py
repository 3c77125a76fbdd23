"""The ingest log: one row per report written by build, ingest or an upload, in the same atomic
write as the data; not data itself (checksums, Parquet export, required tables leave it out)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import duckdb
import pytest
from conftest import REPORTS, sha

from massacres.cli import main
from massacres.dashboard import upload
from massacres.pipeline import read_report as parse_file  # parsed and located, as the CLI does
from massacres.store import db
from massacres.store import writes as store

SEPTEMBER, OCTOBER = REPORTS / "snhr-2017-09-massacres.txt", REPORTS / "snhr-2017-10-massacres.txt"
COLUMNS = ("id", "at", "action", "file_name", "sha256", "report_month", "incidents", "warnings", "replaced")


def _log(path: Path) -> list[dict]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        cur = con.execute(
            'SELECT id, "at", action, file_name, sha256, report_month, incidents, warnings, replaced '
            "FROM ingest_log ORDER BY id"
        )
        return [dict(zip(COLUMNS, row)) for row in cur.fetchall()]
    finally:
        con.close()


def test_build_logs_one_row_per_report(built_db):
    rows = _log(built_db)
    assert [
        (r["id"], r["action"], r["file_name"], r["report_month"], r["incidents"], r["warnings"], r["replaced"])
        for r in rows
    ] == [
        (1, "build", "snhr-2017-09-massacres.txt", "2017-09", 43, 5, False),
        (2, "build", "snhr-2017-10-massacres.txt", "2017-10", 19, 17, False),
    ]
    assert [r["sha256"] for r in rows] == [sha(SEPTEMBER), sha(OCTOBER)]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert all(now - dt.timedelta(minutes=10) < r["at"] <= now for r in rows)  # UTC, just now


def test_ingest_and_upload_append(built_db, tmp_path):
    assert main(["ingest", str(OCTOBER), "--db", str(built_db)]) == 0
    upload.commit(built_db, parse_file(SEPTEMBER), "/some/where/september.txt")
    rows = _log(built_db)
    assert [(r["id"], r["action"], r["file_name"], r["report_month"], r["replaced"]) for r in rows[2:]] == [
        (3, "ingest", "snhr-2017-10-massacres.txt", "2017-10", True),
        (4, "upload", "september.txt", "2017-09", True),
    ]
    assert rows[2]["at"] <= rows[3]["at"]


def test_a_new_month_is_not_replaced(tmp_path):
    database = tmp_path / "m.duckdb"
    store.build(database, [parse_file(SEPTEMBER)])
    store.ingest(database, [parse_file(OCTOBER)])
    assert [(r["action"], r["report_month"], r["replaced"]) for r in _log(database)] == [
        ("build", "2017-09", False),
        ("ingest", "2017-10", False),
    ]


def test_the_log_stays_out_of_checksums_and_the_data_tables(built_db):
    before = store.table_checksums(built_db)
    assert "ingest_log" not in before and "ingest_log" not in store.TABLES
    assert main(["ingest", str(SEPTEMBER), "--db", str(built_db)]) == 0
    assert store.table_checksums(built_db) == before
    assert len(_log(built_db)) == 3
    assert "ingest_log" not in db.REQUIRED_TABLES


def test_a_failed_write_logs_nothing(built_db, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Shopping list\n\nMilk.\n", encoding="utf-8")
    before = sha(built_db)
    assert main(["ingest", str(bad), "--db", str(built_db)]) == 2
    assert sha(built_db) == before and len(_log(built_db)) == 2


def test_unknown_action_refused(built_db):
    before = sha(built_db)
    with pytest.raises(ValueError, match="unknown action"):
        store.ingest(built_db, [parse_file(OCTOBER)], action="delete")
    assert sha(built_db) == before


def test_schema_refuses_a_path_as_file_name(built_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(built_db.read_bytes())
    con = duckdb.connect(str(copy))
    try:
        for name in ("../etc/passwd.txt", "C:\\reports\\x.txt", "..", ""):
            with pytest.raises(duckdb.ConstraintException):
                con.execute(
                    "INSERT INTO ingest_log VALUES (99, now()::TIMESTAMP, 'ingest', ?, ?, '2017-10', 1, 0, false)",
                    [name, "0" * 64],
                )
        with pytest.raises(duckdb.ConstraintException):
            con.execute(
                "INSERT INTO ingest_log VALUES (99, now()::TIMESTAMP, 'delete', 'x.txt', ?, '2017-10', 1, 0, false)",
                ["0" * 64],
            )
    finally:
        con.close()


def test_a_database_made_before_the_log_keeps_working(built_db, monkeypatch):
    con = duckdb.connect(str(built_db))
    con.execute("DROP TABLE ingest_log")
    con.close()
    # The app reads it (the log is not a required table) ...
    ro = db.connect_readonly(built_db)
    try:
        assert db.missing_tables(ro) == []
    finally:
        ro.close()
    assert upload.recent_writes(built_db).empty
    # ... and its next write starts the log.
    assert main(["ingest", str(OCTOBER), "--db", str(built_db)]) == 0
    assert [(r["id"], r["action"], r["replaced"]) for r in _log(built_db)] == [(1, "ingest", True)]


def test_parquet_export_leaves_the_log_out(built_db, tmp_path):
    out = tmp_path / "parquet"
    counts = store.export_parquet(built_db, out)
    assert "ingest_log" not in counts and not (out / "ingest_log").exists()


def test_concurrent_writers_lose_no_write(tmp_path):
    """Two sessions uploading at once: writes are serialised, so neither report nor log row is lost."""
    database = tmp_path / "m.duckdb"
    store.build(database, [parse_file(SEPTEMBER)])
    september, october = parse_file(SEPTEMBER), parse_file(OCTOBER)
    errors: list[BaseException] = []

    def write(report, name):
        try:
            upload.commit(database, report, name)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(october, "october.txt")),
        threading.Thread(target=write, args=(september, "september.txt")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    rows = _log(database)
    assert sorted(r["file_name"] for r in rows[1:]) == ["october.txt", "september.txt"]
    assert [r["id"] for r in rows] == [1, 2, 3]
    con = duckdb.connect(str(database), read_only=True)
    try:
        assert con.execute("SELECT list(month ORDER BY month) FROM reports").fetchone()[0] == ["2017-09", "2017-10"]
    finally:
        con.close()
