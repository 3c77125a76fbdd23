"""SQL lives in queries/*.sql, one question a file; this loads and runs them with parameters."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
_NAME = re.compile(r"^[a-z0-9_]+$")


@lru_cache(maxsize=None)
def load(name: str) -> str:
    """The text of queries/<name>.sql; names are fixed identifiers, never user input."""
    if not _NAME.match(name):
        raise ValueError(f"bad query name {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run a named query on its own cursor (connections are shared across Streamlit's threads)."""
    cur = con.cursor()
    try:
        return cur.execute(load(name), params or {}).df()
    finally:
        cur.close()
