"""Read-only access to the data for the dashboard: the DuckDB file, or a directory of
Parquet files written by `massacres export --parquet` (one setting, MASSACRES_PARQUET)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import duckdb

DB_ENV = "MASSACRES_DB"
PARQUET_ENV = "MASSACRES_PARQUET"
MANIFEST = "_manifest.json"  # rewritten by every export: its identity says the data changed
REQUIRED_TABLES = (
    "reports",
    "stated_figures",
    "incidents",
    "warnings",
    "locations",
    "search_terms",
    "search_postings",
)  # the search index (store/search_index.py)
# Read when present: the log of writes, for a citation's build date (a Parquet export leaves it out).
OPTIONAL_TABLES = ("ingest_log",)


def scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The one value of an aggregate query (count, max): such a query always returns one row."""
    row = cur.execute(sql, params or []).fetchone()
    if row is None:
        raise RuntimeError(f"no row from an aggregate query: {sql[:60]}")
    return row[0]


def parquet_dir() -> Path | None:
    value = os.environ.get(PARQUET_ENV)
    return Path(value) if value else None


def db_path() -> Path:
    """What the app reads: the Parquet export's manifest when $MASSACRES_PARQUET is set, else
    $MASSACRES_DB, else data/massacres.duckdb beside the app."""
    pq = parquet_dir()
    if pq is not None:
        return pq / MANIFEST
    return Path(os.environ.get(DB_ENV) or Path(__file__).resolve().parents[2] / "data" / "massacres.duckdb")


def file_identity(path: Path) -> tuple[int, int]:
    """Changes when the file is replaced, so rebuilt data gets a fresh connection."""
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


class DataUnavailable(Exception):
    """The data cannot be read as this project's: a message for the reader, no traceback."""


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only view of the data at `path` (a DuckDB file, or a Parquet export's manifest).
    The connection can read nothing else: a database file holding a view that calls
    read_text('/etc/passwd') gets a permission error, not the file (external access is off and
    the setting locked). Raises DataUnavailable when `path` is not data of this project."""
    if path.name == MANIFEST:
        return connect_parquet(path.parent)
    # Not duckdb.connect(path): DuckDB keeps one database instance per path in a process, so
    # after the file is replaced a new connection would still see the old one while any
    # connection to it is open. Attaching into a fresh in-memory database opens the file anew.
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH " + _sql_string(str(path)) + " AS data (READ_ONLY)")
    except duckdb.Error as exc:
        con.close()
        raise DataUnavailable(
            f"{path} is not a DuckDB database this app can read "
            f"({type(exc).__name__}: {str(exc).splitlines()[0][:160]})"
        ) from None
    _lock_down(con)
    present = {
        r[0]
        for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_catalog = 'data'").fetchall()
    }
    for table in REQUIRED_TABLES + (CORRECTIONS,) + OPTIONAL_TABLES:
        if table in present:  # an older file lacks some: missing_tables() says which
            try:
                con.execute("CREATE VIEW " + _view_name(table) + " AS SELECT * FROM data." + table)
            except duckdb.Error as exc:  # a view in the file that reads other files, say
                con.close()
                raise DataUnavailable(
                    f"{path}: its {table} cannot be read ({type(exc).__name__}: {str(exc).splitlines()[0][:160]})"
                ) from None
    _apply_corrections(con, has_corrections=CORRECTIONS in present, present=present)
    return con


CORRECTIONS = "corrections"


# The parsed tables reviewers correct, read through the corrected views of the same names
# (_apply_corrections): the incidents, the reports' own stated figures, and the reports (whose
# totals are the stated figure total:all).
CORRECTED = ("incidents", "stated_figures", "reports")


def _view_name(table: str) -> str:
    return f"parsed_{table}" if table in CORRECTED else table


def _apply_corrections(con: duckdb.DuckDBPyConnection, has_corrections: bool, present: set[str]) -> None:
    """`incidents`, `stated_figures` and `reports`, as every query reads them: the parsed rows
    (`parsed_incidents`, `parsed_stated_figures`, `parsed_reports`) with the reviewers' corrections
    applied, and columns `reviewed` and `corrected` on the first two.
    - incidents: queries/corrected_incidents.sql over reviewed_incidents.sql and applied_corrections.sql,
      read from the copy the writer keeps in the file when it is current (store/corrected_copy.py);
    - stated_figures: queries/corrected_stated_figures.sql over applied_figure_corrections.sql;
    - reports: its totals are the stated figure total:all, read from the corrected stated_figures
      (queries/corrected_reports.sql), so a report's own figures are corrected in one view.
    The one place corrected values enter the dashboard. A file without corrections (none saved, or
    made before the table) gets the parsed rows as they are, with no join to pay for; an empty
    in-memory `corrections` table then stands in for the missing one. A file made by an older version
    that lacks a table gets no view of it (missing_tables() says which)."""
    # Imported here: db.py is imported by writes, queries and corrected_copy.
    from massacres.store import corrected_copy, queries

    if not has_corrections:
        con.execute(queries.corrections_ddl())
    if "incidents" in present:
        _correct_incidents(con, has_copy=corrected_copy.TABLE in present, has_log="ingest_log" in present)
    if "stated_figures" in present:
        _correct_stated_figures(con, has_reports="reports" in present)
    elif "reports" in present:
        con.execute("CREATE VIEW reports AS SELECT * FROM parsed_reports")


def _correct_incidents(con: duckdb.DuckDBPyConnection, has_copy: bool, has_log: bool) -> None:
    from massacres.store import corrected_copy, queries

    active = scalar(con, "SELECT count(*) FROM corrections WHERE seq IS NOT NULL AND NOT stale")
    if active and has_copy and corrected_copy.usable(con, has_log):
        # The corrected incidents as the writer keeps them in the file (store/corrected_copy.py):
        # read like the parsed table, at its speed.
        con.execute("CREATE VIEW incidents AS SELECT * FROM data." + corrected_copy.TABLE)
    elif active:
        # No current copy in the file (a Parquet export, a file an older version wrote to): the
        # same view, computed. Its few reviewed rows are made once for this file (the connection is
        # made again when the file changes); the rest pass through an anti-join.
        con.execute("CREATE TABLE applied_corrections AS " + queries.load("applied_corrections"))
        con.execute("CREATE TABLE reviewed_incidents AS " + queries.load("reviewed_incidents"))
        con.execute("CREATE VIEW incidents AS " + queries.load("corrected_incidents"))
    else:
        con.execute(
            "CREATE VIEW incidents AS SELECT *, false AS reviewed, CAST(NULL AS VARCHAR) AS corrected "
            "FROM parsed_incidents"
        )


def _correct_stated_figures(con: duckdb.DuckDBPyConnection, has_reports: bool) -> None:
    from massacres.store import queries

    active = scalar(con, "SELECT count(*) FROM corrections WHERE figure IS NOT NULL AND NOT stale")
    if active:
        con.execute("CREATE TABLE applied_figure_corrections AS " + queries.load("applied_figure_corrections"))
        con.execute("CREATE VIEW stated_figures AS " + queries.load("corrected_stated_figures"))
        if has_reports:
            con.execute("CREATE VIEW reports AS " + queries.load("corrected_reports"))
    else:
        con.execute(
            "CREATE VIEW stated_figures AS SELECT *, false AS reviewed, CAST(NULL AS VARCHAR) AS corrected "
            "FROM parsed_stated_figures"
        )
        if has_reports:
            con.execute("CREATE VIEW reports AS SELECT * FROM parsed_reports")


def _lock_down(con: duckdb.DuckDBPyConnection, allowed: list[str] | None = None) -> None:
    """No file outside `allowed` (directories) can be read, and no query can change that."""
    if allowed:
        con.execute("SET allowed_directories = ?", [allowed])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def read_manifest(directory: Path) -> dict:
    """The export's manifest: each table's files (relative paths) and rows. DataUnavailable when
    the directory holds no export of this version."""
    path = directory / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files, rows = manifest["files"], manifest["rows"]
        if not all(isinstance(files[t], list) and isinstance(rows[t], int) for t in REQUIRED_TABLES):
            raise ValueError("a table is missing")
        if not isinstance(files.get(CORRECTIONS, []), list):  # optional: exports before corrections lack it
            raise ValueError("its corrections are not a list of files")
    except FileNotFoundError:
        raise DataUnavailable(
            f"{directory} holds no Parquet export ({MANIFEST} is missing): "
            "write one with `massacres export --parquet DIR`"
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataUnavailable(f"{path} is not a manifest of this version ({exc}): export again") from None
    for name in (f for t in REQUIRED_TABLES + (CORRECTIONS,) for f in files.get(t) or []):
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise DataUnavailable(f"{path} lists {name[:80]!r}, outside the export: export again")
    return manifest


def connect_parquet(directory: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose tables are views over the hive-partitioned Parquet files the
    manifest lists (a file dropped into the folder by anyone else is not read), each table's
    rows checked against the manifest. The same SQL runs unchanged; DuckDB prunes partitions
    and reads only the columns used."""
    directory = Path(directory).resolve()
    manifest = read_manifest(directory)
    con = duckdb.connect(":memory:")
    # DuckDB globs every path it reads: the directory's own * ? [ are escaped as one-character
    # classes, and both spellings allowed, so a path like "exports[1]" reads that folder only.
    base = str(directory) + os.sep
    _lock_down(con, allowed=[base, _glob_escape(base)])
    for table in REQUIRED_TABLES:
        if not manifest["files"][table]:  # every export writes at least one file per table
            con.close()
            raise DataUnavailable(f"{directory / MANIFEST} lists no file for {table}: export again")
        files = "[" + ", ".join(_sql_string(_glob_escape(str(directory / f))) for f in manifest["files"][table]) + "]"
        partitions = "year" if table == "reports" else "year, month"  # reports.month is its own column
        # A view definition cannot take parameters: the paths (the operator's setting and the
        # manifest's names, never a visitor's input) go in as quoted SQL string literals.
        con.execute(
            "CREATE VIEW "
            + _view_name(table)
            + " AS SELECT * EXCLUDE ("
            + partitions
            + ") FROM read_parquet("
            + files
            + ", hive_partitioning = true, hive_types_autocast = false, union_by_name = true)"
        )
    if manifest["files"].get(CORRECTIONS):  # an export made before corrections has none
        files = (
            "[" + ", ".join(_sql_string(_glob_escape(str(directory / f))) for f in manifest["files"][CORRECTIONS]) + "]"
        )
        con.execute(
            "CREATE VIEW "
            + CORRECTIONS
            + " AS SELECT * EXCLUDE (year, month) FROM read_parquet("
            + files
            + ", hive_partitioning = true, hive_types_autocast = false, union_by_name = true)"
        )
    _check_counts(con, directory, manifest["rows"])
    _apply_corrections(con, has_corrections=bool(manifest["files"].get(CORRECTIONS)), present=set(REQUIRED_TABLES))
    return con


def _check_counts(con: duckdb.DuckDBPyConnection, directory: Path, rows: dict[str, int]) -> None:
    for table in REQUIRED_TABLES:
        try:
            have = scalar(con, "SELECT count(*) FROM " + _view_name(table))  # count(*) is one row
        except duckdb.Error as exc:
            con.close()
            raise DataUnavailable(
                f"the Parquet export in {directory} cannot be read ({type(exc).__name__}: "
                f"{str(exc).splitlines()[0][:160]}): export again"
            ) from None
        if have != rows[table]:
            con.close()
            raise DataUnavailable(
                f"the Parquet export in {directory} has {have} rows of {table} where its "
                f"manifest says {rows[table]}: export again"
            )


def _glob_escape(path: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in path)


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# Columns the dashboard's queries need that older databases lack (added with the schema).
REQUIRED_COLUMNS = {"incidents": ("point_lat", "point_lon", "precision", "iso_code", "matched_name", "incident_month")}


def missing_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What a database made by an older version lacks: table names, and table.column for columns."""
    cur = con.cursor()
    try:
        have = {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        columns = {
            (r[0], r[1])
            for r in cur.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
        }
    finally:
        cur.close()
    missing = [t for t in REQUIRED_TABLES if t not in have]
    missing += [f"{t}.{c}" for t, cols in REQUIRED_COLUMNS.items() if t in have for c in cols if (t, c) not in columns]
    return missing
