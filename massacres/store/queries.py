"""SQL lives in queries/*.sql, one question a file; this loads and runs them with parameters.

Rules several questions share are written once, as common table expressions put in front of
every query that reads them (and of each other, dependencies first):

- `filtered` (queries/filtered_incidents.sql): the incidents the dashboard's filters select;
- `month_axis` (queries/month_axis.sql): the months every monthly chart shares, gaps included;
- `victim_categories` (queries/victim_categories.sql): each incident's killed by victim category;
- `reports_in_range` (queries/reports_in_range.sql): the reports whose month the range touches;
- `covered_reports` (queries/covered_reports.sql): the reports whose whole month lies in the
  range, the months whose stated figures a view can show;
- `documented_by_dimension` (massacres/reports/documented.py, the rule the parser's
  stated_differs check also reads): what the incident details add up to, per stated figure;
- `compared_figures` (the same module): every stated figure the details can be compared
  with, beside its documented value, and whether they differ.
- `review_items` (queries/review_items.sql): the review queue's items and their status.
- `search_matches` (queries/search_matches.sql): the incidents a search text matches, and how.
  `run` computes it first, on its own, and gives the query its rows as a table (COMPUTED_FIRST).

One more file is not a CTE: queries/corrected_incidents.sql (over applied_corrections.sql) is
what store/db.py makes the view `incidents`, the parsed rows with the reviewers' corrections.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from massacres.reports import documented

QUERY_DIR = Path(__file__).resolve().parents[2] / "queries"
FILTERED = "filtered_incidents"
MONTH_AXIS = "month_axis"
SEARCH_MATCHES = "search_matches"
# CTE name -> the file that defines it, or the function that writes it; in dependency order.
SHARED: dict[str, str | Callable[[], str]] = {
    "reports_in_range": "reports_in_range",
    "covered_reports": "covered_reports",
    "filtered": FILTERED,
    "month_axis": MONTH_AXIS,
    "victim_categories": "victim_categories",
    "documented_by_dimension": documented.sql,
    "compared_figures": documented.compared_sql,
    "review_items": "review_items",
    "search_matches": SEARCH_MATCHES,
}
# Shared parts `run` computes on their own and hands to the query as a table of rows. DuckDB
# cannot estimate how few incidents a search matches: inlined, it built its join on the million
# filtered incidents instead of the few thousand matches (40 of a search's 90 ms at 1M incidents).
# Such a part has no rows when every parameter it takes is NULL (no search text: no match), and
# then its empty table is given without running it (3 of the 10 ms a count without search took).
COMPUTED_FIRST = (SEARCH_MATCHES,)
_EMPTY: dict[str, Any] = {}  # part -> its empty table (an Arrow table), kept from its first run
_NAME = re.compile(r"^[a-z0-9_]+$")


@cache
def load(name: str) -> str:
    """The text of queries/<name>.sql; names are fixed identifiers, never user input."""
    if not _NAME.match(name):
        raise ValueError(f"bad query name {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8").strip().rstrip(";")


def corrections_ddl() -> str:
    """The corrections table's statement in store/schema.sql, for a connection whose data has none."""
    text = (Path(__file__).resolve().parent / "schema.sql").read_text(encoding="utf-8")
    found = re.search(r"^CREATE TABLE IF NOT EXISTS corrections \(.*?^\);", text, re.S | re.M)
    if found is None:
        raise RuntimeError("schema.sql has no corrections table")
    return found.group(0)


def _body(sql: str) -> str:
    return "\n".join(ln for ln in sql.splitlines() if not ln.lstrip().startswith("--")).strip()


@cache
def prepare(name: str) -> str:
    """The SQL for `name`, with each shared CTE it reads (`filtered`, `month_axis`) in front: one
    statement that answers the question on its own (`run` computes COMPUTED_FIRST parts apart)."""
    return with_shared(_body(load(name)), name)


@cache
def _plan(name: str) -> tuple[tuple[str, ...], str]:
    """The COMPUTED_FIRST parts `name` reads, and its SQL with every other shared CTE in front."""
    body = _body(load(name))
    first = tuple(p for p in COMPUTED_FIRST if p != name and p in _needed(body, name))
    return first, with_shared(body, name, skip=first)


def with_shared(sql: str, name: str | None = None, skip: tuple[str, ...] = ()) -> str:
    """`sql` with each shared CTE it reads in front; `name` is the file it came from, so that a
    shared part is not put in front of itself; the parts in `skip` are left for the caller to give."""
    needed = _needed(sql, name, skip)
    ctes = [f"{cte} AS (\n{_shared_body(cte)}\n)" for cte in SHARED if cte in needed]
    if not ctes:
        return sql
    front = "WITH " + ",\n".join(ctes)
    if re.match(r"(?i)with\s", sql):
        return f"{front},\n{sql[4:].lstrip()}"
    return f"{front}\n{sql}"


def _needed(sql: str, name: str | None, skip: tuple[str, ...] = ()) -> set[str]:
    """The shared parts `sql` reads, and those they read in turn (none of `skip`, nor `name`)."""
    needed: set[str] = set()
    frontier = [sql]
    while frontier:
        text = frontier.pop()
        for cte, source in SHARED.items():
            if cte not in needed and cte not in skip and source != name and re.search(rf"\b{cte}\b", text):
                needed.add(cte)
                frontier.append(_shared_body(cte))
    return needed


def _shared_body(cte: str) -> str:
    source = SHARED[cte]
    return source() if callable(source) else _body(load(source))


def parameters(name: str) -> frozenset[str]:
    return parameters_in(prepare(name))


@cache  # every query asks for its parts' names on each run: the texts are the few query files
def parameters_in(sql: str) -> frozenset[str]:
    """The $names a piece of SQL takes."""
    return frozenset(re.findall(r"\$([a-z_]+)", sql))


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run a named query on its own cursor (connections are shared across Streamlit's threads).
    Only the parameters the query names are passed; a missing one is an error."""
    cur = con.cursor()
    try:
        return execute(cur, name, params).df()
    finally:
        cur.close()


def execute(cur: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> duckdb.DuckDBPyRelation:
    """A named query on `cur` (a cursor of its caller's own), as a relation to fetch with `.df()`
    or `.to_arrow_table()`. The COMPUTED_FIRST parts it reads are run first, each with its
    own parameters, and registered on `cur` under their CTE's name, so the query reads their rows."""
    wanted = parameters(name)
    given = {k: v for k, v in (params or {}).items() if k in wanted}
    missing = wanted - set(given)
    if missing:
        raise KeyError(f"query {name} needs parameters {sorted(missing)}")
    first, sql = _plan(name)
    for part in first:
        part_sql = prepare(part)
        part_params = {k: v for k, v in given.items() if k in parameters_in(part_sql)}
        nothing = all(v is None for v in part_params.values())
        if nothing and part in _EMPTY:
            rows = _EMPTY[part]
        else:
            rows = cur.sql(part_sql, params=part_params).to_arrow_table()
            if nothing:
                if rows.num_rows:
                    raise AssertionError(f"{part} has rows when its parameters are all NULL")
                _EMPTY[part] = rows
        cur.register(part, rows)
    return cur.sql(sql, params={k: v for k, v in given.items() if k in parameters_in(sql)})
