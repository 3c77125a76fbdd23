"""SQL lives in queries/*.sql, one question a file; this loads and runs them with parameters.

Two files are shared parts rather than questions: a query that reads `filtered` gets
queries/filtered_incidents.sql as a common table expression (the dashboard's filters written
once, in SQL, applied in DuckDB), and one that reads `month_axis` gets queries/month_axis.sql
(the months every monthly chart shares, gaps included).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

QUERY_DIR = Path(__file__).resolve().parents[2] / "queries"
FILTERED = "filtered_incidents"
MONTH_AXIS = "month_axis"
SEARCH_MATCHES = "search_matches"
# CTE name -> the file that defines it
SHARED = {"filtered": FILTERED, "month_axis": MONTH_AXIS, "search_matches": SEARCH_MATCHES}
_NAME = re.compile(r"^[a-z0-9_]+$")


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
    """The SQL to run for `name`, with each shared CTE it reads (`filtered`, `month_axis`) in front."""
    return with_shared(_body(load(name)), name)


def with_shared(sql: str, name: str | None = None) -> str:
    """`sql` with each shared CTE it reads in front; `name` is the file it came from, so that a
    shared part is not put in front of itself."""
    ctes = [f"{cte} AS (\n{_body(load(file))}\n)" for cte, file in SHARED.items()
            if file != name and re.search(rf"\b{cte}\b", sql)]
    if not ctes:
        return sql
    front = "WITH " + ",\n".join(ctes)
    if re.match(r"(?i)with\s", sql):
        return f"{front},\n{sql[4:].lstrip()}"
    return f"{front}\n{sql}"


def parameters(name: str) -> set[str]:
    return parameters_in(prepare(name))


def parameters_in(sql: str) -> set[str]:
    """The $names a piece of SQL takes."""
    return set(re.findall(r"\$([a-z_]+)", sql))


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
