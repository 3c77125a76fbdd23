"""Writing parsed reports to the DuckDB file, atomically.

Every write goes to a temporary file beside the database and replaces it with os.replace,
so readers see the old file or the new one, never a half-written one, and a failure
leaves the database byte-for-byte as it was. Writers take a lock on the database's directory,
so two writes (two uploads from two sessions) run one after the other and neither is lost.

Each write also records what it wrote in `ingest_log` (one row per report: when, how, which
file, its hash, how many incidents and warnings, whether it replaced a month), in the same
transaction of the same temporary file. The log is a record of writes, not data: it is not in
TABLES, so checksums, month replacement and the Parquet export leave it alone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import glob
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

import duckdb
import pandas as pd

from massacres.errors import ReportError
from massacres.reports import record
from massacres.reports.parse import ParsedReport
from massacres.store import corrected_copy, corrections, db, search_index
from massacres.store.db import MANIFEST

try:
    import fcntl
except ImportError:  # not POSIX: writes are still atomic, only not serialised
    fcntl = None  # type: ignore[assignment]

DEFAULT_DB = Path("data/massacres.duckdb")
TABLES = ("reports", "stated_figures", "incidents", "warnings", "locations")  # the data, per report month
LOG_TABLE = "ingest_log"  # the record of writes: not data, never in TABLES
ACTIONS = ("build", "ingest", "upload", "correct", "import")  # the log's; reports are written by the first three
CORRECTIONS_TABLE = "corrections"  # reviewers' work: kept across rebuilds, never in TABLES
REPORT_SUFFIXES = (".txt", ".pdf")  # the report files `massacres build` reads from a folder
_LOG_COLUMNS = ("id", "at", "action", "file_name", "sha256", "report_month", "incidents", "warnings", "replaced")
# What a write puts in `incidents`: the parser's fields and the map link's; the located point is
# copied from `locations` afterwards (copy_points), the incident's month computed here.
_INCIDENT_COLUMNS = ("report_month",) + tuple(f.name for f in record.INCIDENT if f.source in ("parser", "linker"))
_STATED_COLUMNS = ("report_month", "dimension", "key", "massacres", "percent", "killed", "children", "women", "line")


# Statements per table, spelled out once: table and column names are ours, values are parameters.
_DELETE = {
    t: "DELETE FROM "
    + t
    + " WHERE "
    + ("month" if t == "reports" else "report_month")
    + " IN (SELECT unnest(?::VARCHAR[]))"
    for t in TABLES
}
_INSERT = {t: "INSERT INTO " + t + " BY NAME SELECT * FROM frame" for t in TABLES + (LOG_TABLE,)}
_CHECKSUM = {t: "SELECT count(*) || ':' || coalesce(bit_xor(hash(t)), 0) FROM " + t + " AS t" for t in TABLES}


# The geocoder's point, precision and governorate code copied beside each incident (see the
# schema): run after every write to `locations`, for the months written (all when None).
_COPY_POINTS = """
UPDATE incidents AS i
SET point_lat = l.lat, point_lon = l.lon, precision = l.precision, iso_code = l.iso_code,
    matched_name = l.matched_name
FROM locations AS l
WHERE i.report_month = l.report_month AND i.seq = l.seq
  AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], i.report_month))
"""


def copy_points(con: duckdb.DuckDBPyConnection, months: list[str] | None = None) -> None:
    """Copy each incident's location (from `locations`) into its row of `incidents`."""
    con.execute(_COPY_POINTS, [months, months])


def schema_sql() -> str:
    return files("massacres.store").joinpath("schema.sql").read_text(encoding="utf-8")


def _log_ddl(table: str = LOG_TABLE) -> str:
    """A CREATE ... IF NOT EXISTS statement of schema.sql (ingest_log, corrections), for databases
    made before the table."""
    found = re.search(r"^CREATE TABLE IF NOT EXISTS " + table + r" \(.*?^\);", schema_sql(), re.S | re.M)
    if found is None:
        raise RuntimeError(f"schema.sql has no {table} table")
    return found.group(0)


def _upgrade_log(con: duckdb.DuckDBPyConnection) -> None:
    """A log made before corrections were logged refuses their actions (its CHECK lists fewer):
    it is made again from schema.sql with its rows (DuckDB cannot alter a CHECK)."""
    checks = [
        r[0]
        for r in con.execute(
            "SELECT expression FROM duckdb_constraints() WHERE table_name = ? AND constraint_type = 'CHECK' "
            "AND contains(expression, 'upload')",
            [LOG_TABLE],
        ).fetchall()
    ]
    if not checks or all("'import'" in c for c in checks):
        return
    con.execute("ALTER TABLE " + LOG_TABLE + " RENAME TO " + LOG_TABLE + "_old")
    con.execute(_log_ddl())
    con.execute("INSERT INTO " + LOG_TABLE + " BY NAME SELECT * FROM " + LOG_TABLE + "_old")
    con.execute("DROP TABLE " + LOG_TABLE + "_old")


def base_name(source: str) -> str:
    """A file's name without any directory, whichever separator the path used."""
    return re.split(r"[\\/]", source)[-1]


@contextlib.contextmanager
def _writer_lock(directory: Path):
    """One writer at a time per database directory (an flock on the directory itself: no lock
    file is left behind). Readers never take it."""
    if fcntl is None:
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def _atomic_db(db_path: Path, start_from_existing: bool, after: list | None = None):
    """A read-write connection to a temporary copy that replaces `db_path` on success only.

    A symlink is followed: the file it points to is replaced, the link stays. A path holding
    anything but a database of this project is refused (`build --db report.txt` must not turn a
    report into a database). The replaced file's owner and mode carry over to the new one, so an
    app running as another user can still read it. Temporary copies left by killed writes are
    removed first: under the writer lock no other writer is alive to own them."""
    db_path = Path(os.path.realpath(db_path))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(db_path.parent):
        check_target(db_path)
        remove_stale_copies(db_path)
        with _atomic_copy(db_path, start_from_existing) as con:
            yield con
        for step in after or ():  # once the new file is in place, still holding the lock
            step()


DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


def check_target(db_path: Path) -> None:
    """Refuse to write over `db_path` unless it is missing, empty, or a database of this project."""
    if not db_path.exists():
        return
    if not db_path.is_file():
        raise ReportError(str(db_path), "not a regular file: refusing to replace it with a database")
    with open(db_path, "rb") as fh:
        head = fh.read(12)
    if not head:
        return  # an empty file holds nothing to lose
    if head[8:12] != DUCKDB_MAGIC:
        raise ReportError(
            str(db_path),
            "exists and is not a DuckDB database: refusing to replace it "
            "(give --db a new path or this project's database)",
        )
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH " + _sql_literal(str(db_path)) + " AS target (READ_ONLY)")
        tables = {
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'target'"
            ).fetchall()
        }
    except duckdb.Error as exc:
        raise ReportError(
            str(db_path),
            f"a DuckDB file that cannot be opened ({str(exc).splitlines()[0][:120]}): refusing to replace it",
        ) from None
    finally:
        con.close()
    if not {"reports", "incidents"} <= tables:
        raise ReportError(
            str(db_path),
            "a DuckDB database of something else (no reports and incidents tables): refusing to replace it",
        )


def remove_stale_copies(db_path: Path) -> list[Path]:
    """Delete the temporary copies (and their WAL files) of writes that died before replacing
    `db_path`. Call it holding the writer lock: then no live writer owns any of them."""
    stale = sorted(db_path.parent.glob(f".{glob.escape(db_path.name)}.*.tmp")) + sorted(
        db_path.parent.glob(f".{glob.escape(db_path.name)}.*.tmp.wal")
    )
    for path in stale:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return stale


def _keep_owner_and_mode(tmp: Path, db_path: Path) -> None:
    try:
        st = os.stat(db_path)
    except FileNotFoundError:
        return
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    with contextlib.suppress(PermissionError):  # only root may give a file away; the mode still carries
        os.chown(tmp, st.st_uid, st.st_gid)


@contextlib.contextmanager
def _atomic_copy(db_path: Path, start_from_existing: bool):
    fd, tmp_name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".tmp", dir=db_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB wants to create the file itself
    try:
        if start_from_existing and db_path.exists() and db_path.stat().st_size:
            shutil.copyfile(db_path, tmp)
            con = duckdb.connect(str(tmp))
            con.execute(_log_ddl())  # a database made before the log gets it now
            _upgrade_log(con)
            con.execute(_log_ddl(CORRECTIONS_TABLE))  # and the corrections table
        else:
            con = duckdb.connect(str(tmp))
            con.execute(schema_sql())
        try:
            yield con
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _keep_owner_and_mode(tmp, db_path)
        os.replace(tmp, db_path)
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


_LOCATION_COLUMNS = (
    "report_month",
    "seq",
    "lat",
    "lon",
    "precision",
    "method",
    "matched_name",
    "matched_id",
    "score",
    "iso_code",
    "point_governorate",
    "warnings",
    "warning_codes",
)


def _location_rows(month: str, p: ParsedReport) -> list[dict]:
    """The locations pipeline.locate gave the report's incidents (none for an unlocated report)."""
    return [
        {"report_month": month, "seq": inc["seq"], **loc.as_dict()}
        for inc, loc in zip(p.incidents, p.locations or [])
        if loc is not None
    ]


def _frames(reports: list[ParsedReport]) -> dict[str, pd.DataFrame]:
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for p in reports:
        month = p.report["month"]
        rows["reports"].append(
            {
                "month": month,
                "month_start": f"{month}-01",
                **{k: p.report.get(k) for k in record.report_summary() if k not in ("month", "kind")},
                "kind": p.report.get("kind") or "monthly",
                "details_complete": p.details_complete,
                "source_file": base_name(p.source),
                "source_form": p.form,
                "sha256": p.sha256,
                "incident_count": len(p.incidents),
            }
        )
        for s in p.stated:
            rows["stated_figures"].append({"report_month": month, **{c: s.get(c) for c in _STATED_COLUMNS[1:]}})
        for inc in p.incidents:
            rows["incidents"].append(
                {
                    "report_month": month,
                    **{c: inc.get(c) for c in _INCIDENT_COLUMNS[1:]},
                    "incident_month": str(inc["date"])[:7],
                }
            )
        for n, w in enumerate(p.warnings, start=1):
            rows["warnings"].append(
                {"report_month": month, "n": n, **{k: w.get(k) for k in ("code", "message", "line", "seq")}}
            )
        rows["locations"].extend(_location_rows(month, p))
    columns = {
        "reports": None,
        "stated_figures": _STATED_COLUMNS,
        "incidents": _INCIDENT_COLUMNS + ("incident_month",),
        "warnings": ("report_month", "n", "code", "message", "line", "seq"),
        "locations": _LOCATION_COLUMNS,
    }
    return {t: pd.DataFrame(rows[t], columns=columns[t]) for t in TABLES}


def _log_frame(con: duckdb.DuckDBPyConnection, reports: list[ParsedReport], action: str) -> pd.DataFrame:
    """One row per report about to be written; `replaced` asks the database before the delete."""
    months = [p.report["month"] for p in reports]
    present = {
        r[0]
        for r in con.execute(
            "SELECT month FROM reports WHERE month IN (SELECT unnest(?::VARCHAR[]))", [months]
        ).fetchall()
    }
    first = db.scalar(con, "SELECT coalesce(max(id), 0) + 1 FROM " + LOG_TABLE)
    at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return pd.DataFrame(
        [
            {
                "id": first + i,
                "at": at,
                "action": action,
                "file_name": base_name(p.source),
                "sha256": p.sha256,
                "report_month": p.report["month"],
                "incidents": len(p.incidents),
                "warnings": len(p.warnings),
                "replaced": p.report["month"] in present,
            }
            for i, p in enumerate(reports)
        ],
        columns=_LOG_COLUMNS,
    )


def _insert(con: duckdb.DuckDBPyConnection, reports: list[ParsedReport], action: str, copy: bool = True) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}: one of {', '.join(ACTIONS)}")
    frames = _frames(reports)
    months = [p.report["month"] for p in reports]
    con.execute("BEGIN")
    log = _log_frame(con, reports, action)
    for table in TABLES:
        con.execute(_DELETE[table], [months])
    for table, frame in [(t, frames[t]) for t in TABLES] + [(LOG_TABLE, log)]:
        if not frame.empty:
            con.register("frame", frame)
            con.execute(_INSERT[table])
            con.unregister("frame")
    copy_points(con, months)
    corrections.refresh_stale(con, months)  # a month parsed anew: each review still applies or is back in the queue
    if copy:
        corrected_copy.refresh(con, months)  # the corrected incidents the app reads, for these months
    search_index.rebuild(con, months)  # in the same transaction: the index never lags the data
    con.execute("COMMIT")


def _latest_per_month(reports: Iterable[ParsedReport]) -> list[ParsedReport]:
    by_month: dict[str, ParsedReport] = {}
    for p in reports:
        by_month[p.report["month"]] = p  # a later file for the same month replaces the earlier
    return [by_month[m] for m in sorted(by_month)]


def build(db_path: Path, reports: list[ParsedReport], keep_log: bool = False) -> None:
    """A new database holding exactly these reports, with the locations pipeline.locate gave them
    (deterministic: ordered by month, seq; the
    data tables are, the log's times are not). Its ingest_log starts afresh with 'build' rows,
    or, with `keep_log`, goes on from the log of the database it replaces (a rebuild keeps the
    record of every earlier write)."""
    db_path = Path(os.path.realpath(db_path))
    with _atomic_db(db_path, start_from_existing=False) as con:
        if keep_log and db_path.exists() and db_path.stat().st_size:
            _copy_log(con, db_path)
            _copy_table(con, db_path, CORRECTIONS_TABLE)  # reviews survive every rebuild
        _insert(con, _latest_per_month(reports), "build", copy=False)
        corrections.refresh_stale(con)  # a review of a month no longer built is stale, not dropped
        corrected_copy.refresh(con)  # once, when every review's status is known


def _copy_log(con: duckdb.DuckDBPyConnection, old: Path) -> None:
    _copy_table(con, old, LOG_TABLE)


def _copy_table(con: duckdb.DuckDBPyConnection, old: Path, table: str) -> None:
    """The rows of `table` (ingest_log, corrections) in the database `old`, when it has one."""
    con.execute("ATTACH " + _sql_literal(str(old)) + " AS old (READ_ONLY)")
    try:
        present = db.scalar(
            con,
            "SELECT count(*) FROM information_schema.tables WHERE table_catalog = 'old' AND table_name = ?",
            [table],
        )
        if present:
            con.execute("INSERT INTO " + table + " BY NAME SELECT * FROM old." + table)
    finally:
        con.execute("DETACH old")


class MonthChanged(ReportError):
    """The stored month is no longer what the writer was shown: another write came first."""


def ingest(
    db_path: Path,
    reports: list[ParsedReport],
    action: str = "ingest",
    originals: dict[str, bytes] | None = None,
    expected: dict[str, str | None] | None = None,
) -> None:
    """Add reports to the database; a report whose month is already there replaces it. Logged
    as `action` ('ingest' from the command line, 'upload' from the app).

    `originals` (the file bytes, by sha256) are kept in the reports folder beside the database
    (`sources_dir`), so that a rebuild reproduces every accepted report; a report is stored
    under the name its file is kept by. `expected` (month -> sha256 of the stored report, None
    for a month not stored) is checked under the writer lock: when another write has changed
    the month since, MonthChanged is raised and nothing is written."""
    db_path = Path(os.path.realpath(db_path))
    reports = _latest_per_month(reports)
    staged: list[tuple[Path, Path]] = []
    try:
        with _atomic_db(db_path, start_from_existing=True, after=[lambda: _unstage(staged)]) as con:
            if expected:
                _check_expected(con, db_path, expected)
            if originals:
                reports = [_keep_source(db_path, p, originals.get(p.sha256), staged) for p in reports]
            _insert(con, reports, action)
    finally:
        for tmp, _ in staged:  # the write failed before the kept files were moved into place
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


def _check_expected(con: duckdb.DuckDBPyConnection, db_path: Path, expected: dict[str, str | None]) -> None:
    stored = dict(
        con.execute(
            "SELECT month, sha256 FROM reports WHERE month IN (SELECT unnest(?::VARCHAR[]))", [list(expected)]
        ).fetchall()
    )
    for month, sha in expected.items():
        if stored.get(month) != sha:
            now = f"holds a report with sha256 {stored[month][:16]}…" if month in stored else "no longer holds it"
            raise MonthChanged(
                str(db_path),
                f"{month} was written by someone else meanwhile (the database now {now}): "
                "nothing was written; review the changes again",
            )


# --- the source files of accepted reports -------------------------------------------------------


def sources_dir(db_path: Path) -> Path:
    """Where accepted reports' files are kept: `reports/` beside the database (data/reports/ for
    the default database, the folder `massacres build` reads), so a rebuild reproduces them."""
    return Path(os.path.realpath(db_path)).parent / "reports"


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _keep_source(db_path: Path, p: ParsedReport, data: bytes | None, staged: list[tuple[Path, Path]]) -> ParsedReport:
    """The report as it will be stored: its file kept in sources_dir (already there when a file
    with the same bytes is), and its source the name kept, which reports and the log record."""
    if data is None or hashlib.sha256(data).hexdigest() != p.sha256:
        raise ReportError(p.source, "the file changed after it was read: nothing was written; try again")
    folder = sources_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    name = base_name(p.source) or "report"
    if not name.lower().endswith(REPORT_SUFFIXES):  # `massacres build` reads only these
        name += ".pdf" if data[:5] == b"%PDF-" else ".txt"
    same = [
        f
        for f in sorted(folder.iterdir())
        if f.is_file() and not f.name.startswith(".") and f.stat().st_size == len(data) and _sha256_file(f) == p.sha256
    ]
    if same:
        return dataclasses.replace(p, source=same[0].name)
    if (folder / name).exists() or any(final.name == name for _, final in staged):
        stem, dot, suffix = name.rpartition(".")
        name = f"{stem}-{p.sha256[:8]}.{suffix}" if dot else f"{name}-{p.sha256[:8]}"
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    staged.append((Path(tmp), folder / name))
    return dataclasses.replace(p, source=name)


def _unstage(staged: list[tuple[Path, Path]]) -> None:
    for tmp, final in staged:
        os.replace(tmp, final)
    staged.clear()


def months_not_reproduced(db_path: Path, reports: list[ParsedReport]) -> list[tuple[str, str]]:
    """(month, stored file) of each month the database holds that none of `reports` has: what a
    rebuild from them would drop."""
    stored = stored_reports(db_path)
    have = {p.report["month"] for p in reports}
    return [(m, f) for m, (f, _) in sorted(stored.items()) if m not in have]


def stored_reports(db_path: Path) -> dict[str, tuple[str, str]]:
    """month -> (source file, sha256) of every report in the database (empty when there is none)."""
    db_path = Path(db_path)
    if not db_path.exists() or not db_path.stat().st_size:
        return {}
    check_target(Path(os.path.realpath(db_path)))
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH " + _sql_literal(str(db_path)) + " AS stored (READ_ONLY)")
        return {
            m: (f, h) for m, f, h in con.execute("SELECT month, source_file, sha256 FROM stored.reports").fetchall()
        }
    finally:
        con.close()


def prefer_stored(db_path: Path, reports: list[ParsedReport]) -> list[ParsedReport]:
    """`reports` ordered so that, where several files give one month, the one the database
    holds comes last (the one a build keeps): a rebuild reproduces the database."""
    stored = stored_reports(db_path)
    return sorted(reports, key=lambda p: stored.get(p.report["month"], (None, None))[1] == p.sha256)


_GEOCODE_INPUT = (
    "SELECT report_month, seq, governorate, governorate_in_text, place, place_type, parent_place, site, "
    "lat, lon, map_link_name FROM incidents ORDER BY report_month, seq"
)


def incidents_to_locate(db_path: Path) -> list[dict]:
    """Every stored incident, with the fields the geocoder reads."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        incidents = con.execute(_GEOCODE_INPUT).df()
    finally:
        con.close()
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in incidents.to_dict("records")]


def replace_locations(db_path: Path, rows: list[dict]) -> pd.DataFrame:
    """The locations table replaced by `rows` (pipeline.relocate), atomically, and each
    incident's copy of its point refreshed. A row whose incident is gone meanwhile is left out."""
    frame = pd.DataFrame(rows, columns=_LOCATION_COLUMNS)
    with _atomic_db(Path(db_path), start_from_existing=True) as con:
        con.execute("BEGIN")
        con.execute("DELETE FROM locations")
        if not frame.empty:
            con.register("frame", frame)
            con.execute(
                "INSERT INTO locations BY NAME SELECT f.* FROM frame AS f "
                "SEMI JOIN incidents AS i ON i.report_month = f.report_month AND i.seq = f.seq"
            )
            con.unregister("frame")
        copy_points(con)
        corrections.refresh_stale(con)  # a point confirmed or corrected by a reviewer may have moved
        corrected_copy.refresh(con)  # every incident's point was written anew
        search_index.rebuild(con)  # the located rows changed, and with them the spellings indexed
        con.execute("COMMIT")
    return frame


# Incidents are partitioned by their own date, the other tables by their report's month.
# ingest_log is not exported: it records writes to this file, it is not data for other engines
# (and the app's Parquet mode does not read it).
_PARTITIONED = {
    "incidents": "SELECT *, year(date) AS year, month(date) AS month FROM incidents",
    "locations": "SELECT l.*, year(i.date) AS year, month(i.date) AS month FROM locations AS l "
    "JOIN incidents AS i USING (report_month, seq)",
    # reports has a month column of its own ("2017-09"): it is the month partition as it is.
    "reports": "SELECT *, year(month_start) AS year FROM reports",
    "stated_figures": "SELECT *, CAST(left(report_month, 4) AS INTEGER) AS year, "
    "CAST(right(report_month, 2) AS INTEGER) AS month FROM stated_figures",
    "warnings": "SELECT *, CAST(left(report_month, 4) AS INTEGER) AS year, "
    "CAST(right(report_month, 2) AS INTEGER) AS month FROM warnings",
    # The reviewers' corrections go with the data, so the app reading the export shows them too.
    CORRECTIONS_TABLE: "SELECT *, CAST(left(report_month, 4) AS INTEGER) AS year, "
    "CAST(right(report_month, 2) AS INTEGER) AS month FROM " + CORRECTIONS_TABLE,
    **{
        t: "SELECT *, CAST(left(report_month, 4) AS INTEGER) AS year, CAST(right(report_month, 2) AS INTEGER) "
        "AS month FROM " + t
        for t in search_index.TABLES
    },
}


def export_parquet(db_path: Path, directory: Path) -> dict[str, int]:
    """Every table as Parquet, hive-partitioned by year and month (year=2017/month=9/...), for
    DuckDB, Spark, Trino or a hosted service to read, with a manifest listing each file and each
    table's rows (the app reads only those files and checks those counts).

    `directory` must be missing, empty, or a previous export (it holds the manifest): anything
    else is refused, so `export --parquet data` cannot destroy the database and the reports. In
    a previous export only the files its manifest lists are replaced or removed; a file someone
    else put there stays. The data tables only: the ingest_log stays in the file."""
    directory = Path(directory)
    previous = _previous_export_files(directory)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.tmp-", dir=directory.parent))
    try:
        counts, written = _write_parquet(db_path, staging)
        manifest = {"source": Path(db_path).name, "rows": counts, "files": written}
        if previous is None:  # a new or empty directory: swapped in whole
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
            os.replace(staging, directory)
        else:
            _replace_export_files(staging, directory, manifest, previous)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts


def _previous_export_files(directory: Path) -> set[str] | None:
    """The files a previous export in `directory` wrote (relative paths), None when the directory
    is missing or empty; ReportError when it holds anything that is not an export of ours."""
    if not directory.exists():
        return None
    if not directory.is_dir():
        raise ReportError(str(directory), "not a directory: refusing to export over it")
    if not any(directory.iterdir()):
        return None
    manifest = directory / MANIFEST
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))
        rows = listed["rows"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ReportError(
            str(directory),
            f"the directory is not empty and holds no previous export ({MANIFEST}): "
            "refusing to write into it; choose a new or empty directory",
        ) from None
    if isinstance(listed.get("files"), dict):
        return {f for files in listed["files"].values() for f in files} | {MANIFEST}
    # An export made before the manifest listed its files wrote <table>/year=*/month=*/*.parquet.
    return {str(p.relative_to(directory)) for t in rows for p in (directory / t).glob("year=*/**/*.parquet")} | {
        MANIFEST
    }


def _write_parquet(db_path: Path, out: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Each table's Parquet files under `out`: row counts and the files written, per table."""
    con = duckdb.connect(str(db_path), read_only=True)
    counts: dict[str, int] = {}
    try:
        present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        for table, select in _PARTITIONED.items():
            if table not in present:  # a database made before the corrections table: nothing to export
                continue
            target = _sql_literal(str(out / table))
            con.execute("COPY (" + select + ") TO " + target + " (FORMAT parquet, PARTITION_BY (year, month))")
            counts[table] = db.scalar(con, _COUNT[table])
            if counts[table] == 0:  # no partition, no file: one empty file keeps the table's columns
                empty = out / table / _EMPTY_PARTITION
                empty.parent.mkdir(parents=True)
                con.execute("COPY (" + select + " LIMIT 0) TO " + _sql_literal(str(empty)) + " (FORMAT parquet)")
    finally:
        con.close()
    written = {t: sorted(str(p.relative_to(out)) for p in (out / t).rglob("*.parquet")) for t in counts}
    return counts, written


# Where an empty table's file goes: a partition no row can have, so readers see no row.
_EMPTY_PARTITION = Path("year=0") / "month=0" / "empty.parquet"


def _replace_export_files(staging: Path, directory: Path, manifest: dict, previous: set[str]) -> None:
    """Move the new files in, then the manifest (what readers follow), then remove the files the
    previous export wrote that this one did not; nothing else in `directory` is touched."""
    new = {f for files in manifest["files"].values() for f in files}
    for name in sorted(new):
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, directory / name)
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    os.replace(staging / MANIFEST, directory / MANIFEST)
    for name in sorted(previous - new - {MANIFEST}):
        with contextlib.suppress(FileNotFoundError):
            (directory / name).unlink()
        _remove_empty_parents(directory / name, directory)


def _remove_empty_parents(path: Path, top: Path) -> None:
    for parent in path.parents:
        if parent == top or top not in parent.parents:
            return
        try:
            parent.rmdir()  # only when empty: a file someone else put there keeps its folder
        except OSError:
            return


_COUNT = {t: "SELECT count(*) FROM " + t for t in _PARTITIONED}  # the data, the corrections, the search index


def _sql_literal(text: str) -> str:
    # COPY ... TO cannot take a parameter for its target: quote the path ourselves.
    return "'" + text.replace("'", "''") + "'"


def table_checksums(db_path: Path) -> dict[str, str]:
    """An order-independent digest of each data table's content, for idempotence checks (the
    ingest_log is left out: it grows with every write)."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return {t: str(db.scalar(con, _CHECKSUM[t])) for t in TABLES}
    finally:
        con.close()
