"""Issue 12, points 2 and 3: every accepted report's file is kept, so a rebuild reproduces the
database (and a rebuild that cannot refuses, naming the month); two sessions saving the same
month at once never replace each other silently."""

from __future__ import annotations

import hashlib
import shutil

import duckdb
import pytest
import streamlit as st
from conftest import REPORTS, ROOT
from streamlit.testing.v1 import AppTest
from test_upload import revised_october

from massacres.cli import EXIT_BAD_INPUT, EXIT_OK, main
from massacres.dashboard import upload
from massacres.store import writes as store

SEPTEMBER, OCTOBER = REPORTS / "snhr-2017-09-massacres.txt", REPORTS / "snhr-2017-10-massacres.txt"


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _log(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT action, file_name, report_month FROM ingest_log ORDER BY id").fetchall()
    finally:
        con.close()


def test_an_uploaded_revision_survives_a_rebuild(built_db, reports_dir):
    assert store.sources_dir(built_db) == reports_dir.resolve()
    data = revised_october()
    pv = upload.preview(data, "snhr-2017-10-revised.txt")
    upload.commit(built_db, pv.parsed, pv.file_name, data=data)
    assert (reports_dir / "snhr-2017-10-revised.txt").read_bytes() == data
    before = store.table_checksums(built_db)
    # What `make run` does when a report file is newer than the database, or schema.sql changed.
    assert main(["build", "--reports", str(reports_dir), "--db", str(built_db)]) == EXIT_OK
    assert store.table_checksums(built_db) == before  # the revision, not the original October
    log = _log(built_db)
    assert log[:3] == [
        ("build", "snhr-2017-09-massacres.txt", "2017-09"),
        ("build", "snhr-2017-10-massacres.txt", "2017-10"),
        ("upload", "snhr-2017-10-revised.txt", "2017-10"),
    ]  # the log survives too
    assert log[3:] == [
        ("build", "snhr-2017-09-massacres.txt", "2017-09"),
        ("build", "snhr-2017-10-revised.txt", "2017-10"),
    ]


def test_an_ingested_file_from_elsewhere_is_kept_and_a_rebuild_that_would_drop_it_refuses(tmp_path, capsys):
    only_october = tmp_path / "only-october"
    only_october.mkdir()
    shutil.copy(OCTOBER, only_october)
    db = tmp_path / "site" / "massacres.duckdb"
    assert main(["build", "--reports", str(only_october), "--db", str(db)]) == EXIT_OK
    elsewhere = tmp_path / "downloads" / "september.txt"
    elsewhere.parent.mkdir()
    shutil.copy(SEPTEMBER, elsewhere)
    assert main(["ingest", str(elsewhere), "--db", str(db)]) == EXIT_OK
    kept = tmp_path / "site" / "reports" / "september.txt"
    assert kept.read_bytes() == SEPTEMBER.read_bytes()
    capsys.readouterr()
    before = _digest(db)
    assert main(["build", "--reports", str(only_october), "--db", str(db)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {db}: a rebuild from {only_october} would drop 2017-09 (stored from september.txt)")
    assert "\n" not in err and _digest(db) == before
    shutil.copy(kept, only_october)
    assert main(["build", "--reports", str(only_october), "--db", str(db)]) == EXIT_OK


def test_a_kept_file_never_overwrites_another_with_the_same_name(built_db, reports_dir):
    data = revised_october()
    pv = upload.preview(data, "snhr-2017-10-massacres.txt")  # the name of the stored original
    upload.commit(built_db, pv.parsed, pv.file_name, data=data)
    assert (reports_dir / "snhr-2017-10-massacres.txt").read_bytes() == OCTOBER.read_bytes()
    kept = reports_dir / f"snhr-2017-10-massacres-{pv.parsed.sha256[:8]}.txt"
    assert kept.read_bytes() == data
    assert _log(built_db)[-1] == ("upload", kept.name, "2017-10")


def test_a_failed_write_keeps_no_file(built_db, reports_dir, monkeypatch):
    data = revised_october()
    pv = upload.preview(data, "revised.txt")
    monkeypatch.setattr(store, "copy_points", lambda *a, **k: (_ for _ in ()).throw(duckdb.IOException("disk full")))
    with pytest.raises(duckdb.IOException):
        upload.commit(built_db, pv.parsed, pv.file_name, data=data)
    assert sorted(p.name for p in reports_dir.iterdir()) == ["snhr-2017-09-massacres.txt", "snhr-2017-10-massacres.txt"]


# --- point 3 -----------------------------------------------------------------------------------


@pytest.fixture()
def september_only(tmp_path, monkeypatch):
    d = tmp_path / "reports"
    d.mkdir()
    shutil.copy(SEPTEMBER, d)
    db = tmp_path / "massacres.duckdb"
    assert main(["build", "--reports", str(d), "--db", str(db)]) == EXIT_OK
    monkeypatch.setenv("MASSACRES_DB", str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    return db


def test_the_second_of_two_saves_of_a_new_month_is_refused(september_only):
    first, second = upload.preview(OCTOBER.read_bytes(), "a.txt"), upload.preview(revised_october(), "b.txt")
    for pv in (first, second):
        assert not upload.diff(september_only, pv.parsed).stored  # both were shown "a new month"
    upload.commit(september_only, first.parsed, "a.txt", expect_stored=None)
    before = _digest(september_only)
    with pytest.raises(store.MonthChanged, match="2017-10 was written by someone else meanwhile"):
        upload.commit(september_only, second.parsed, "b.txt", expect_stored=None)
    assert _digest(september_only) == before


def _uploaded(name: str, data: bytes) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "7_Add_report.py"), default_timeout=60).run()
    at.file_uploader[0].upload(name, data, "text/plain").run()
    assert "not in the database yet" in at.info[0].value
    return at


def test_two_sessions_saving_the_same_new_month(september_only, monkeypatch):
    bob = _uploaded("october-revised.txt", revised_october())
    real = upload.commit

    def alice_lands_first(*args, **kwargs):
        # Alice's save of October lands while Bob's click is on its way: after his page listed
        # October as a new month, before his write takes the lock.
        monkeypatch.setattr(upload, "commit", real)
        alice = upload.preview(OCTOBER.read_bytes(), "october.txt")
        real(september_only, alice.parsed, "october.txt", expect_stored=None)
        return real(*args, **kwargs)

    monkeypatch.setattr(upload, "commit", alice_lands_first)
    bob.button[0].click().run()
    assert not bob.exception and not bob.success
    assert any("2017-10 was written by someone else meanwhile" in w.value for w in bob.warning)
    con = duckdb.connect(str(september_only), read_only=True)
    assert con.execute("SELECT source_file FROM reports WHERE month = '2017-10'").fetchone()[0] == "october.txt"
    con.close()
    # Bob now sees the replacement he would make, behind its confirmation.
    assert any((c.key or "").startswith("understood_") for c in bob.checkbox)
    assert bob.button[0].label == "Replace October 2017" and bob.button[0].disabled
