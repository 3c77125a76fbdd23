"""Writing reviewers' corrections: a save from the Review page, a CSV import, and the CSV export.

Every write is the store's atomic write (store/writes.py): a temporary copy of the database,
under the writer lock, replacing the file only when every row is valid; logged in `ingest_log`
('correct' or 'import', one row per report month touched) in the same transaction. Two reviewers
saving at once are serialised by the lock, so both saves land; a save whose field someone else
reviewed meanwhile (its stored value is no longer the one the reviewer was shown) is refused
with CorrectionConflict and nothing is written, never a silent overwrite.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from massacres.errors import ReportError
from massacres.store import corrected_copy, db, queries
from massacres.store import corrections as spec
from massacres.store import writes as store

CSV_COLUMNS = ("report_month", "seq", "figure", "field", "parsed", "value", "status", "reason", "reviewer", "at")
MAX_CSV_BYTES = 20 * 1024 * 1024
MAX_REVIEWER = 80
MAX_REASON = 500


class CorrectionConflict(ReportError):
    """Someone else reviewed the field after the reviewer was shown it: nothing was written."""


@dataclass(frozen=True)
class Row:
    """One review as written: the item, the field, the parsed value seen, the value given."""

    report_month: str
    seq: int | None
    figure: str | None
    field: str
    parsed: str | None
    value: str | None
    status: str
    reason: str | None
    at: dt.datetime
    reviewer: str
    line: int | None = None  # the CSV line it came from


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _clean(text: Any, limit: int) -> str | None:
    if text is None:
        return None
    value = " ".join(str(text).split())  # one line: a newline in a reason is not kept
    return value[:limit] if value else None


# --- a save from the Review page ----------------------------------------------------------------


def save(
    db_path: Path,
    month: str,
    seq: int,
    values: dict[str, Any],
    reviewer: str,
    reason: str | None,
    shown: dict[str, str | None] | None = None,
) -> dict[str, str]:
    """Review one incident: each field in `values` is recorded as confirmed (the parsed value) or
    corrected (another value; `reason` required). `shown` is what the reviewer was shown for each
    field (the value in force then); when another save has changed one since, CorrectionConflict.
    Returns field -> 'confirmed' or 'corrected'."""
    return _save_item(db_path, month, seq, None, values, reviewer, reason, shown)


def save_figure(
    db_path: Path,
    month: str,
    figure: str,
    values: dict[str, Any],
    reviewer: str,
    reason: str | None,
    shown: dict[str, str | None] | None = None,
) -> dict[str, str]:
    """Review one of a report's own stated figures (`figure` = 'dimension:key', such as 'total:all'
    or 'perpetrator:russia'): its counts (corrections.FIGURE_FIELDS) confirmed or corrected, as
    `save` does for an incident; stored with `figure` set and no seq."""
    return _save_item(db_path, month, None, figure, values, reviewer, reason, shown)


def _save_item(
    db_path: Path,
    month: str,
    seq: int | None,
    figure: str | None,
    values: dict[str, Any],
    reviewer: str,
    reason: str | None,
    shown: dict[str, str | None] | None,
) -> dict[str, str]:
    who = _clean(reviewer, MAX_REVIEWER)
    why = _clean(reason, MAX_REASON)
    item = spec.item_name(month, seq, figure)
    if who is None:
        raise ReportError(str(db_path), "give your name or initials as reviewer: nothing was written")
    if figure is not None and not spec.FIGURE_KEY.fullmatch(figure):
        raise ReportError(item, "not a stated figure's key (dimension:key): nothing was written")
    fields = spec.fields_for(seq)
    unknown = [f for f in values if f not in fields]
    if unknown:
        raise ReportError(str(db_path), f"{', '.join(unknown)}: not a field a reviewer can correct")
    canonical: dict[str, str | None] = {}
    for name, raw in values.items():
        try:
            canonical[name] = spec.canonical(fields[name], raw)
        except ValueError as exc:
            raise ReportError(item, f"{exc}: nothing was written") from None
    outcome: dict[str, str] = {}

    def build_rows(con: duckdb.DuckDBPyConnection) -> list[Row]:
        parsed = spec.parsed_values(con, month, seq, figure)
        if parsed is None:
            what = "incident" if seq is not None else "stated figure"
            raise ReportError(item, f"no such {what} in the database (rebuilt meanwhile?): nothing was written")
        if shown is not None:
            _check_shown(con, month, seq, figure, shown, parsed)
        rows = []
        at = _now()
        for name, value in canonical.items():
            same = spec.same_value(fields[name], value, parsed[name])
            if not same and why is None:
                raise ReportError(item, f"{name} is corrected: give a reason (nothing was written)")
            outcome[name] = "confirmed" if same else "corrected"
            rows.append(
                Row(
                    month,
                    seq,
                    figure,
                    name,
                    parsed[name],
                    parsed[name] if same else value,
                    outcome[name],
                    None if same else why,
                    at,
                    who,
                )
            )
        return rows

    _write(db_path, build_rows, "correct", lambda con, rows: _source_of(con, db_path, month))
    return outcome


def _check_shown(
    con: duckdb.DuckDBPyConnection,
    month: str,
    seq: int | None,
    figure: str | None,
    shown: dict[str, str | None],
    parsed: dict[str, str | None],
) -> None:
    """Refuse when a field's value in force (its review's, else the parsed one) is no longer the
    one the reviewer was shown."""
    stored = {r["field"]: r for r in spec.corrections_for(con, month, seq, figure)}
    for name, was in shown.items():
        r = stored.get(name)
        now = r["value"] if r is not None and not r["stale"] else parsed.get(name)
        if now != was:
            by = f" by {r['reviewer']}" if r is not None else ""
            raise CorrectionConflict(
                spec.item_name(month, seq, figure),
                f"{name} was reviewed{by} meanwhile (it is now {now!r}, you were shown {was!r}): "
                "nothing was written; look at it again",
            )


def _source_of(con: duckdb.DuckDBPyConnection, db_path: Path, month: str) -> tuple[str, str]:
    """The report's file and hash, for the log: read under the writer lock, from the file written."""
    row = con.execute("SELECT source_file, sha256 FROM reports WHERE month = ?", [month]).fetchone()
    if row is None:
        raise ReportError(str(db_path), f"no report for {month} in the database: nothing was written")
    return row


# --- the write itself ----------------------------------------------------------------------------

# A new review of an item's field replaces the earlier one (the log keeps that it happened).
_DELETE = (
    "DELETE FROM corrections AS c WHERE EXISTS (SELECT 1 FROM frame AS f WHERE f.report_month = c.report_month "
    "AND f.seq IS NOT DISTINCT FROM c.seq AND f.figure IS NOT DISTINCT FROM c.figure AND f.field = c.field)"
)
_INSERT = (
    "INSERT INTO corrections BY NAME SELECT report_month, seq, figure, field, parsed, value, status, reason, "
    '"at", reviewer, false AS stale FROM frame'
)
# The corrected incidents that break the schema's own rules for incidents: what a set of
# corrections must never produce, whichever fields they touch together.
_BROKEN = """
SELECT report_month, seq, killed, children, women, fetuses
FROM ({view}) AS i
WHERE list_contains(?::VARCHAR[], report_month || '#' || seq)
  AND killed < coalesce(children, 0) + coalesce(women, 0) + coalesce(fetuses, 0)
ORDER BY report_month, seq
LIMIT 1
"""


def _write(db_path: Path, make_rows, action: str, log_source) -> list[Row]:
    """Under the writer lock, on a copy: rows made from the database as it is now, each written
    over any earlier review of the same item and field, staleness refreshed, the incidents checked
    against the schema's rules, and one ingest_log row per month; the copy then replaces the file."""
    db_path = Path(os.path.realpath(db_path))
    if not db_path.exists() or not db_path.stat().st_size:
        raise ReportError(str(db_path), "no such database: build it first (massacres build)")
    written: list[Row] = []
    with store._atomic_db(db_path, start_from_existing=True) as con:
        rows = make_rows(con)
        con.execute("BEGIN")
        frame = pd.DataFrame(
            {
                "report_month": [r.report_month for r in rows],
                "seq": pd.array([r.seq for r in rows], dtype="Int32"),
                "figure": pd.array([r.figure for r in rows], dtype="string"),
                **{
                    c: pd.array([getattr(r, c) for r in rows], dtype="string")
                    for c in ("field", "parsed", "value", "status", "reason", "reviewer")
                },
                "at": pd.to_datetime([r.at for r in rows]),
            }
        )
        con.register("frame", frame)
        con.execute(_DELETE)
        con.execute(_INSERT)
        con.unregister("frame")
        months = sorted({r.report_month for r in rows})
        spec.refresh_stale(con, months)
        _check_incidents(con, db_path, rows)
        _log(con, rows, action, log_source(con, rows))
        # The corrected incidents the app reads (after the log: the copy's fingerprint holds it):
        # only those reviewed here change.
        corrected_copy.refresh(con, keys=[(r.report_month, r.seq) for r in rows if r.seq is not None])
        con.execute("COMMIT")
        written = rows
    return written


def _check_incidents(con: duckdb.DuckDBPyConnection, db_path: Path, rows: list[Row]) -> None:
    keys = sorted({f"{r.report_month}#{r.seq}" for r in rows if r.seq is not None})
    if not keys:
        return
    # Temporary views: not kept in the file.
    con.execute("CREATE OR REPLACE TEMP VIEW parsed_incidents AS SELECT * FROM incidents")
    con.execute("CREATE OR REPLACE TEMP VIEW applied_corrections AS " + queries.load("applied_corrections"))
    con.execute("CREATE OR REPLACE TEMP VIEW reviewed_incidents AS " + queries.load("reviewed_incidents"))
    bad = con.execute(_BROKEN.format(view=queries.load("reviewed_incidents")), [keys]).fetchone()
    if bad:
        month, seq, killed, children, women, fetuses = bad
        line = next((r.line for r in rows if r.report_month == month and r.seq == seq and r.line), None)
        raise ReportError(
            _where(db_path, rows),
            f"{month} incident {seq} would have {killed} killed but "
            f"{children or 0} children, {women or 0} women and {fetuses or 0} fetuses: the parts "
            "cannot exceed the killed (nothing was written)",
            line,
        )


def _where(db_path: Path, rows: list[Row]) -> str:
    return getattr(rows, "source", None) or str(db_path)


def _log(con: duckdb.DuckDBPyConnection, rows: list[Row], action: str, source: tuple[str, str]) -> None:
    """One ingest_log row per report month touched: `incidents` counts its items reviewed."""
    file_name, sha = source
    first = db.scalar(con, "SELECT coalesce(max(id), 0) + 1 FROM " + store.LOG_TABLE)
    at = _now()
    items: Counter[str] = Counter()
    for month, _seq, _figure in {(r.report_month, r.seq, r.figure) for r in rows}:
        items[month] += 1
    for i, month in enumerate(sorted(items)):
        con.execute(
            "INSERT INTO " + store.LOG_TABLE + ' (id, "at", action, file_name, sha256, report_month, '
            "incidents, warnings, replaced) VALUES (?, ?, ?, ?, ?, ?, ?, 0, false)",
            [first + i, at, action, store.base_name(file_name), sha, month, items[month]],
        )


# --- CSV export and import ----------------------------------------------------------------------

_EXPORT = (
    "SELECT report_month, seq, figure, field, parsed, value, status, reason, reviewer, "
    'strftime("at", \'%Y-%m-%dT%H:%M:%S\') AS "at" FROM corrections '
    "ORDER BY report_month, seq NULLS LAST, figure, field"
)


def export_csv(db_path: Path, out: Path) -> int:
    """Every correction as CSV (CSV_COLUMNS; an empty cell is no value), written to a temporary
    file beside `out` and moved into place. Returns the rows written."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise ReportError(str(db_path), "no such database: build it first (massacres build)")
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        has = db.scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'corrections'")
        rows = con.execute(_EXPORT).fetchall() if has else []
    finally:
        con.close()
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow(["" if v is None else v for v in r])
    out = Path(out)
    tmp = out.with_name(f".{out.name}.part")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, out)
    return len(rows)


def read_csv(path: Path) -> list[Row]:
    """The rows of a corrections CSV, each checked on its own (columns, keys, values within the
    schema's constraints, status agreeing with the values, a reason for a correction); the first
    problem is a ReportError naming the file and line. Whether each item exists is checked
    against the database when importing."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReportError(str(path), "no such file") from None
    if len(data) > MAX_CSV_BYTES:
        raise ReportError(str(path), f"larger than {MAX_CSV_BYTES // 2**20} MB: not a corrections file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportError(str(path), "not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != CSV_COLUMNS:
        raise ReportError(str(path), "the first line must be the columns " + ",".join(CSV_COLUMNS), 1)
    rows: list[Row] = []
    seen: dict[tuple, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        try:
            row = _row(cells, line)
        except ValueError as exc:
            raise ReportError(str(path), str(exc), line) from None
        key = (row.report_month, row.seq, row.figure, row.field)
        if key in seen:
            raise ReportError(str(path), f"the same item and field as line {seen[key]}", line)
        seen[key] = line
        rows.append(row)
    return rows


def _row(cells: list[str], line: int) -> Row:
    if len(cells) != len(CSV_COLUMNS):
        raise ValueError(f"{len(cells)} cells where {len(CSV_COLUMNS)} columns are expected")
    c = {k: (v.strip() or None) for k, v in zip(CSV_COLUMNS, cells)}
    month = c["report_month"] or ""
    if not (
        len(month) == 7
        and month[:4].isascii()
        and month[:4].isdigit()
        and month[4] == "-"
        and month[5:].isdigit()
        and 1 <= int(month[5:]) <= 12
    ):
        raise ValueError(f"report_month must be YYYY-MM, not {month[:20]!r}")
    seq = figure = None
    if c["seq"] is not None and c["figure"] is None:
        if not (c["seq"].isascii() and c["seq"].isdigit() and 1 <= int(c["seq"]) <= 999_999):
            raise ValueError(f"seq must be a whole number from 1, not {c['seq'][:20]!r}")
        seq = int(c["seq"])
    elif c["figure"] is not None and c["seq"] is None:
        if not spec.FIGURE_KEY.fullmatch(c["figure"]):
            raise ValueError(f"figure must be a stated figure's dimension:key (total:all), not {c['figure'][:40]!r}")
        figure = c["figure"]
    else:
        raise ValueError("give either seq (an incident) or figure (a stated figure, dimension:key), not both")
    fields = spec.fields_for(seq)
    if c["field"] not in fields:
        raise ValueError(f"field must be one of {', '.join(fields)}, not {str(c['field'])[:30]!r}")
    field = fields[c["field"]]
    parsed = c["parsed"]
    value = spec.canonical(field, c["value"])
    same = spec.same_value(field, value, parsed)
    if c["status"] not in spec.STATUSES:
        raise ValueError(f"status must be confirmed or corrected, not {str(c['status'])[:20]!r}")
    if c["status"] == "confirmed" and not same:
        raise ValueError(f"status is confirmed but value {value!r} is not the parsed {parsed!r}")
    if c["status"] == "corrected" and same:
        raise ValueError(f"status is corrected but value {value!r} is the parsed one: confirmed")
    reason = _clean(c["reason"], MAX_REASON + 1)
    if c["status"] == "corrected" and reason is None:
        raise ValueError("a correction needs a reason")
    if reason is not None and len(reason) > MAX_REASON:
        raise ValueError(f"reason longer than {MAX_REASON} characters")
    reviewer = _clean(c["reviewer"], MAX_REVIEWER + 1)
    if reviewer is None or len(reviewer) > MAX_REVIEWER:
        raise ValueError(f"reviewer must be a name of 1 to {MAX_REVIEWER} characters")
    try:
        at = dt.datetime.fromisoformat(c["at"]) if c["at"] else _now()
    except ValueError:
        raise ValueError(f"at must be a time YYYY-MM-DDTHH:MM:SS, not {str(c['at'])[:30]!r}") from None
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return Row(
        month,
        seq,
        figure,
        field.name,
        parsed,
        parsed if c["status"] == "confirmed" else value,
        c["status"],
        reason if c["status"] == "corrected" else reason,
        at,
        reviewer,
        line,
    )


class _Rows(list):
    source: str | None = None


def import_csv(db_path: Path, path: Path) -> tuple[int, int]:
    """Every row of a corrections CSV written, or none: the file is read and checked first, then,
    under the writer lock, each item must exist in the database and the corrected incidents keep
    the schema's rules. A row whose parsed value is not the one parsed now is kept, stale (back in
    the review queue), as after a rebuild. Returns (rows written, of them stale)."""
    path = Path(path)
    rows = _Rows(read_csv(path))
    rows.source = str(path)
    if not rows:
        raise ReportError(str(path), "no corrections in the file: nothing was written")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()

    def checked(con: duckdb.DuckDBPyConnection) -> list[Row]:
        incidents = {(m, s) for m, s in con.execute("SELECT report_month, seq FROM incidents").fetchall()}
        figures = {
            (m, f)
            for m, f in con.execute("SELECT report_month, dimension || ':' || key FROM stated_figures").fetchall()
        }
        for r in rows:
            if r.seq is not None and (r.report_month, r.seq) not in incidents:
                raise ReportError(
                    str(path),
                    f"no incident {r.seq} in the {r.report_month} report of the database (nothing was written)",
                    r.line,
                )
            if r.figure is not None and (r.report_month, r.figure) not in figures:
                raise ReportError(
                    str(path),
                    f"no stated figure {r.figure} in the {r.report_month} report of the database (nothing was written)",
                    r.line,
                )
        return rows

    _write(db_path, checked, "import", lambda con, rows: (path.name, sha))
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        keys = [f"{r.report_month}#{r.seq if r.seq is not None else r.figure}#{r.field}" for r in rows]
        stale = db.scalar(
            con,
            "SELECT count(*) FROM corrections WHERE stale AND list_contains(?::VARCHAR[], "
            "report_month || '#' || coalesce(CAST(seq AS VARCHAR), figure) || '#' || field)",
            [keys],
        )
    finally:
        con.close()
    return len(rows), stale
