"""Streamlit glue shared by every page: the cached read-only connection."""
from __future__ import annotations

import duckdb
import streamlit as st

from . import db


@st.cache_resource
def _connection(path: str, identity: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    # Keyed on the file's identity: a rebuilt database (os.replace) gets a new connection.
    return db.connect_readonly(db.db_path())


def connection() -> duckdb.DuckDBPyConnection:
    """The database connection, or a stop with instructions when there is no database yet."""
    path = db.db_path()
    if not path.exists():
        st.error(f"No database at {path}. Build it with `make build` (or `massacres build`).")
        st.stop()
    return _connection(str(path), db.file_identity(path))
