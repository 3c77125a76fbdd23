"""Issue 12, points 1 and 5: an export never destroys what it did not write, and the app reads
only the files an export's manifest lists, checks their rows, and refuses anything else."""

from __future__ import annotations

import hashlib
import json
import shutil

import duckdb
import pytest
from conftest import REPORTS

from massacres.cli import EXIT_BAD_INPUT, EXIT_OK, main
from massacres.store import db


def _tree(path) -> dict[str, str]:
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def test_export_refuses_a_directory_that_is_not_an_export(tmp_path, built_db, capsys):
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    shutil.copy(built_db, data / "massacres.duckdb")
    shutil.copy(REPORTS / "snhr-2017-09-massacres.txt", data / "reports")
    before = _tree(data)
    assert main(["export", "--db", str(data / "massacres.duckdb"), "--parquet", str(data)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {data}: the directory is not empty and holds no previous export") and "\n" not in err
    assert _tree(data) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_refuses_a_file(tmp_path, built_db):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    assert main(["export", "--db", str(built_db), "--parquet", str(target)]) == EXIT_BAD_INPUT
    assert target.read_text() == "mine"


def test_export_into_an_empty_directory(tmp_path, built_db):
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", "--db", str(built_db), "--parquet", str(out)]) == EXIT_OK
    assert (out / db.MANIFEST).exists()


def test_export_again_keeps_files_it_did_not_write(tmp_path, built_db):
    out = tmp_path / "out"
    assert main(["export", "--db", str(built_db), "--parquet", str(out)]) == EXIT_OK
    (out / "README.txt").write_text("notes about this export")
    (out / "incidents" / "mine.csv").write_text("a,b\n")
    assert main(["export", "--db", str(built_db), "--parquet", str(out)]) == EXIT_OK
    assert (out / "README.txt").read_text() == "notes about this export"
    assert (out / "incidents" / "mine.csv").exists()
    manifest = json.loads((out / db.MANIFEST).read_text())
    assert sorted(f for files in manifest["files"].values() for f in files) == sorted(
        str(p.relative_to(out)) for p in out.rglob("*.parquet")
    )


def _export(tmp_path, built_db, name: str):
    out = tmp_path / name
    assert main(["export", "--db", str(built_db), "--parquet", str(out)]) == EXIT_OK
    return out


def test_glob_characters_in_the_path_read_that_directory_only(tmp_path, built_db):
    _export(tmp_path, built_db, "exports[1]")
    decoy = tmp_path / "exports1"
    decoy.mkdir()
    (decoy / db.MANIFEST).write_text("{}")  # what an unquoted [1] would have matched
    con = db.connect_readonly(tmp_path / "exports[1]" / db.MANIFEST)
    assert con.execute("SELECT count(*) FROM incidents").fetchone()[0] == 62
    star = _export(tmp_path, built_db, "a*b?")
    assert db.connect_readonly(star / db.MANIFEST).execute("SELECT count(*) FROM reports").fetchone()[0] == 2


def test_a_parquet_file_dropped_into_the_export_is_not_read(tmp_path, built_db):
    out = _export(tmp_path, built_db, "out")
    extra = out / "incidents" / "year=2017" / "month=9" / "fabricated.parquet"
    # A copy of September's rows, written by pyarrow: no SQL built from a path.
    import pyarrow.parquet as pq

    september = sorted((out / "incidents" / "year=2017" / "month=9").glob("*.parquet"))
    pq.write_table(pq.read_table(september[0]), extra)
    con = db.connect_readonly(out / db.MANIFEST)
    assert con.execute("SELECT count(*) FROM incidents").fetchone()[0] == 62


def test_rows_that_differ_from_the_manifest_are_refused(tmp_path, built_db):
    out = _export(tmp_path, built_db, "out")
    manifest = json.loads((out / db.MANIFEST).read_text())
    manifest["rows"]["incidents"] = 63
    (out / db.MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(db.DataUnavailable, match="62 rows of incidents where its manifest says 63"):
        db.connect_readonly(out / db.MANIFEST)


@pytest.mark.parametrize("manifest", [None, "not json", '{"rows": {}}'])
def test_an_empty_or_foreign_directory_is_refused_with_a_message(tmp_path, manifest):
    out = tmp_path / "out"
    out.mkdir()
    if manifest is not None:
        (out / db.MANIFEST).write_text(manifest)
    with pytest.raises(db.DataUnavailable):
        db.connect_readonly(out / db.MANIFEST)


def test_the_app_on_an_empty_parquet_directory_shows_a_message(tmp_path, monkeypatch):
    import streamlit as st
    from apptest import run_page

    out = tmp_path / "empty"
    out.mkdir()
    monkeypatch.delenv("MASSACRES_DB", raising=False)
    monkeypatch.setenv("MASSACRES_PARQUET", str(out))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = run_page("overview")
    assert not at.exception
    assert any("holds no Parquet export" in e.value for e in at.error)


def test_an_empty_table_is_exported_and_read_as_empty(tmp_path, built_db):
    con = duckdb.connect(str(built_db))
    con.execute("DELETE FROM warnings")
    con.close()
    out = _export(tmp_path, built_db, "out")
    assert json.loads((out / db.MANIFEST).read_text())["rows"]["warnings"] == 0
    ro = db.connect_readonly(out / db.MANIFEST)
    assert ro.execute("SELECT count(*) FROM warnings").fetchone()[0] == 0
    assert "code" in [d[0] for d in ro.execute("SELECT * FROM warnings").description]
