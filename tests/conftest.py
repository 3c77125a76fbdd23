from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
EXPECTED = Path(__file__).resolve().parent / "fixtures" / "expected"
SAMPLES = ("snhr-2017-09-massacres", "snhr-2017-10-massacres")
sys.path.insert(0, str(ROOT / "bench"))  # the synthetic report generator lives with the benchmarks


def stored(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of a database file as written (no corrected view), read-only."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def sha(path: Path) -> str:
    """A file's SHA-256: that a refused write left it byte for byte as it was."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def expected_incidents(name: str) -> list[dict]:
    return json.loads((EXPECTED / f"{name}.incidents.json").read_text(encoding="utf-8"))


def expected_report(name: str) -> dict:
    return json.loads((EXPECTED / f"{name}.report.json").read_text(encoding="utf-8"))


@pytest.fixture()
def reports_dir(tmp_path: Path) -> Path:
    d = tmp_path / "reports"
    d.mkdir()
    for name in SAMPLES:
        shutil.copy(REPORTS / f"{name}.txt", d)
    return d


@pytest.fixture()
def built_db(tmp_path: Path, reports_dir: Path) -> Path:
    from massacres.cli import main

    db = tmp_path / "massacres.duckdb"
    assert main(["build", "--reports", str(reports_dir), "--db", str(db)]) == 0
    return db


@pytest.fixture()
def app_db(built_db, monkeypatch):
    """A built database the app reads (MASSACRES_DB), with Streamlit's caches cleared."""
    import streamlit as st

    monkeypatch.setenv("MASSACRES_DB", str(built_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    return built_db
