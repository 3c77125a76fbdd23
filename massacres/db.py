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
