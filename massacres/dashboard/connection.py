"""The dashboard's read-only connection to the data (the DuckDB file or a Parquet export), kept
per file identity, and the named queries cached by their parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from massacres.store import db, queries


@st.cache_resource
def _connection(path: str, identity: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    # Keyed on the file's identity: a rebuilt database (os.replace) gets a new connection.
    return db.connect_readonly(db.db_path())


# The identity of the last file each path opened well, shared by every session: when the file
# is replaced by something unreadable (a half-copied file, another program's data), pages keep
# serving the connection still open on the last good one, with a notice, instead of failing.
_LAST_GOOD: dict[str, tuple[int, int]] = {}


def _identity_now(path: Path) -> tuple[int, int]:
    try:
        return db.file_identity(path)
    except FileNotFoundError:
        if (folder := db.parquet_dir()) is not None:
            db.read_manifest(folder)  # raises DataUnavailable saying what the folder lacks
        raise db.DataUnavailable(f"No database at {path}. Build it with `make build` (or `massacres build`).") from None


def _serve() -> tuple[duckdb.DuckDBPyConnection, tuple[int, int], str | None]:
    """(connection, identity of the file it reads, a notice when that is not the current file)."""
    path = db.db_path()
    try:
        ident = _identity_now(path)
        con = _connection(str(path), ident)
    except (OSError, db.DataUnavailable) as exc:
        last = _LAST_GOOD.get(str(path))
        if last is None:
            raise
        # A cache hit on the last good identity: the connection opened then still reads that file.
        # Once it has been dropped (a write from this app clears it), this raises in turn.
        return _connection(str(path), last), last, str(exc)
    _LAST_GOOD[str(path)] = ident
    return con, ident, None


def connection() -> duckdb.DuckDBPyConnection:
    """The database connection, or a stop with a message (never a traceback) when there is no
    readable database: the last good file is served, with a notice, while one is still open."""
    path = db.db_path()
    try:
        con, ident, notice = _serve()
    except (OSError, db.DataUnavailable) as exc:
        st.error(f"The data cannot be read: {exc}", icon=":material/error:")
        st.stop()
    if notice:
        st.warning(
            f"The data file has changed and cannot be read ({notice}). Showing the data as it was "
            "when last read; rebuild the database (`make build`) to fix it.",
            icon=":material/warning:",
        )
    missing = _missing_tables(str(path), ident)
    if missing:
        st.error(
            f"The database at {path} predates this version (it lacks {', '.join(missing)}). "
            "Rebuild it with `make build`."
        )
        st.stop()
    return con


@st.cache_data(show_spinner=False, max_entries=16)
def _missing_tables(path: str, ident: tuple[int, int]) -> list[str]:
    # Asked once per database file (DuckDB's information_schema takes 20-60 ms): a rebuilt or
    # written file has a new identity and is asked again.
    return db.missing_tables(_connection(path, ident))


def serving_last_good() -> bool:
    """True while pages read the last good file because the current one cannot be read."""
    return _serve()[2] is not None


def identity() -> tuple[int, int]:
    """The identity of the file the pages are reading (the last good one while the current is unreadable)."""
    return _serve()[1]


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, params: tuple[tuple[str, Any], ...], ident: tuple[int, int]) -> pd.DataFrame:
    # The connection of the file `ident` names (connection() at the page's top has said why
    # when it is not the current file); no element is drawn inside a cached function.
    return queries.run(
        _connection(str(db.db_path()), ident), name, {k: (list(v) if isinstance(v, tuple) else v) for k, v in params}
    )


def query(name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """A named query's result, cached by its parameters and the database file's identity."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in (params or {}).items()))
    return _cached(name, frozen, identity()).copy()
