"""Read-only access to the database file for the dashboard."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

DB_ENV = "MASSACRES_DB"


def db_path() -> Path:
    """The database the app reads: $MASSACRES_DB, else data/massacres.duckdb beside the app."""
    return Path(os.environ.get(DB_ENV) or Path(__file__).resolve().parent.parent / "data" / "massacres.duckdb")


def file_identity(path: Path) -> tuple[int, int]:
    """Changes when the file is replaced, so a rebuilt database gets a fresh connection."""
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True)


REQUIRED_TABLES = ("reports", "stated_figures", "incidents", "warnings", "locations")


def missing_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    cur = con.cursor()
    try:
        have = {r[0] for r in cur.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    finally:
        cur.close()
    return [t for t in REQUIRED_TABLES if t not in have]
