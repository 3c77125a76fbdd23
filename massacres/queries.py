"""SQL lives in queries/*.sql, one question a file; this loads and runs them with parameters.

A query that reads `filtered` gets queries/filtered_incidents.sql as a common table
expression, so the dashboard's filters are written once, in SQL, and applied in DuckDB.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
FILTERED = "filtered_incidents"
_NAME = re.compile(r"^[a-z0-9_]+$")
_USES_FILTERED = re.compile(r"\bfiltered\b")


@lru_cache(maxsize=None)
def load(name: str) -> str:
    """The text of queries/<name>.sql; names are fixed identifiers, never user input."""
    if not _NAME.match(name):
        raise ValueError(f"bad query name {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8").strip().rstrip(";")


def _body(sql: str) -> str:
    return "\n".join(ln for ln in sql.splitlines() if not ln.lstrip().startswith("--")).strip()


@lru_cache(maxsize=None)
def prepare(name: str) -> str:
    """The SQL to run for `name`, with the filtered-incidents CTE in front when it reads `filtered`."""
    sql = _body(load(name))
    if name == FILTERED or not _USES_FILTERED.search(sql):
        return sql
    cte = f"filtered AS (\n{_body(load(FILTERED))}\n)"
    if re.match(r"(?i)with\s", sql):
        return f"WITH {cte},\n{sql[4:].lstrip()}"
    return f"WITH {cte}\n{sql}"


def parameters(name: str) -> set[str]:
    return set(re.findall(r"\$([a-z_]+)", prepare(name)))


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run a named query on its own cursor (connections are shared across Streamlit's threads).
    Only the parameters the query names are passed; a missing one is an error."""
    wanted = parameters(name)
    given = {k: v for k, v in (params or {}).items() if k in wanted}
    missing = wanted - set(given)
    if missing:
        raise KeyError(f"query {name} needs parameters {sorted(missing)}")
    cur = con.cursor()
    try:
        return cur.execute(prepare(name), given).df()
    finally:
        cur.close()
