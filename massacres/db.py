"""Read-only access to the data for the dashboard: the DuckDB file, or a directory of
Parquet files written by `massacres export --parquet` (one setting, MASSACRES_PARQUET)."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

DB_ENV = "MASSACRES_DB"
PARQUET_ENV = "MASSACRES_PARQUET"
MANIFEST = "_manifest.json"  # rewritten by every export: its identity says the data changed
REQUIRED_TABLES = ("reports", "stated_figures", "incidents", "warnings", "locations")


def parquet_dir() -> Path | None:
    value = os.environ.get(PARQUET_ENV)
    return Path(value) if value else None


def db_path() -> Path:
    """What the app reads: the Parquet export's manifest when $MASSACRES_PARQUET is set, else
    $MASSACRES_DB, else data/massacres.duckdb beside the app."""
    pq = parquet_dir()
    if pq is not None:
        return pq / MANIFEST
    return Path(os.environ.get(DB_ENV) or Path(__file__).resolve().parent.parent / "data" / "massacres.duckdb")


def file_identity(path: Path) -> tuple[int, int]:
    """Changes when the file is replaced, so rebuilt data gets a fresh connection."""
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only view of the data at `path` (a DuckDB file, or a Parquet export's manifest)."""
    if path.name == MANIFEST:
        return connect_parquet(path.parent)
    # Not duckdb.connect(path): DuckDB keeps one database instance per path in a process, so
    # after the file is replaced a new connection would still see the old one while any
    # connection to it is open. Attaching into a fresh in-memory database opens the file anew.
    con = duckdb.connect(":memory:")
    con.execute("ATTACH " + _sql_string(str(path)) + " AS data (READ_ONLY)")
    present = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'data'").fetchall()}
    for table in REQUIRED_TABLES:
        if table in present:  # an older file lacks some: missing_tables() says which
            con.execute("CREATE VIEW " + table + " AS SELECT * FROM data." + table)
    return con


def connect_parquet(directory: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose tables are views over the hive-partitioned Parquet files.
    The same SQL runs unchanged; DuckDB prunes partitions and reads only the columns used."""
    con = duckdb.connect(":memory:")
    for table in REQUIRED_TABLES:
        # A view definition cannot take parameters: the path (the operator's setting, never a
        # user's input) goes in as a quoted SQL string literal; table names are our own.
        pattern = _sql_string(str(directory / table / "**" / "*.parquet"))
        partitions = "year" if table == "reports" else "year, month"  # reports.month is its own column
        con.execute("CREATE VIEW " + table + " AS SELECT * EXCLUDE (" + partitions + ") FROM read_parquet("
                    + pattern + ", hive_partitioning = true, hive_types_autocast = false, union_by_name = true)")
    return con


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# Columns the dashboard's queries need that older databases lack (added with the schema).
REQUIRED_COLUMNS = {"incidents": ("point_lat", "point_lon", "precision", "iso_code", "matched_name",
                                  "incident_month")}


def missing_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What a database made by an older version lacks: table names, and table.column for columns."""
    cur = con.cursor()
    try:
        have = {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        columns = {(r[0], r[1]) for r in cur.execute(
            "SELECT table_name, column_name FROM information_schema.columns").fetchall()}
    finally:
        cur.close()
    missing = [t for t in REQUIRED_TABLES if t not in have]
    missing += [f"{t}.{c}" for t, cols in REQUIRED_COLUMNS.items() if t in have
                for c in cols if (t, c) not in columns]
    return missing
