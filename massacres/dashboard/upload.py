"""A report uploaded in the app: parsed and shown before anything is written, compared with
the month already stored, then written like `massacres ingest` (no Streamlit here).

The uploaded bytes are untrusted, and so is the uploaded name. The bytes go to a temporary
file whose name is generated here (the uploaded name is never part of a path), are read by
`sources.read_source` (text or PDF, by content) and parsed by `parse.parse_text`. The name is
kept only as a label: its base name, cleaned, becomes the report's `source_file` and the log's
`file_name`.

How a stored month and an uploaded one are compared (`diff`): an incident's identity is its
date and place, the two things the reports themselves name a massacre by. `seq` is only a
position (one incident added near the top renumbers every later one), the paragraph's text
changes with any correction of wording, and `killed` is the very figure a revised report
corrects: with any of those in the key, a correction would show as one incident removed and
another added instead of one incident changed. So: first, incidents identical in every
stored field (whatever their `seq`) are paired as unchanged; then the rest are paired on
(date, place) (case-insensitive; in `seq` order where a day has two massacres in one place)
and are *changed*, with the fields that differ; what is left is *added* (only in the upload)
or *removed* (only in the database).
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import duckdb
import pandas as pd

from massacres import pipeline
from massacres.errors import ReportError
from massacres.reports import record
from massacres.reports.parse import ParsedReport, parse_text
from massacres.reports.sources import read_source
from massacres.store import db
from massacres.store import writes as store

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # 10 MB: a monthly report is well under 5 MB
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // (1024 * 1024)
_NAME_CHARS = re.compile(r"[^\w.()+,' -]+")

# What identifies an incident across two versions of a report, and what is compared.
MATCH_KEY = ("date", "place")
COMPARED_FIELDS = record.compared()
REPORT_FIGURES = record.report_compared()  # record.py
STATED_MEASURES = ("massacres", "percent", "killed", "children", "women")


def safe_name(file_name: str) -> str:
    """The uploaded name as a label: its last path component (either separator), without
    control or unusual characters, at most 120 characters; "upload" if nothing is left."""
    name = store.base_name(unicodedata.normalize("NFC", str(file_name or "")))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _NAME_CHARS.sub("_", name).strip(" .")
    if len(name) > 120:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: 119 - len(suffix)] + dot + suffix) if dot and len(suffix) <= 8 else name[:120]
    return name or "upload"


@dataclass
class Preview:
    """What an uploaded file holds, or why it cannot be read. Nothing has been written."""

    file_name: str  # the safe base name (a label, never a path)
    size: int
    parsed: ParsedReport | None = None
    locations: pd.DataFrame | None = None  # one row per incident: where the geocoder puts it, how precisely
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.parsed is not None


def preview(data: bytes, file_name: str) -> Preview:
    """Parse an uploaded report (text or PDF) from its bytes and locate its incidents in memory."""
    name = safe_name(file_name)
    size = len(data)
    if size > MAX_UPLOAD_BYTES:
        return Preview(
            name,
            size,
            error=f"{name}: the file is {size / 2**20:.1f} MB, over the {MAX_UPLOAD_MB} MB limit for an upload",
        )
    try:
        parsed = _parse_bytes(data, name)
    except ReportError as exc:
        where = f"{name}, line {exc.line}" if exc.line is not None else name
        return Preview(name, size, error=f"{where}: {exc.message}")
    except Exception as exc:  # untrusted input: a parser bug must not take the page down
        return Preview(name, size, error=f"{name}: the parser failed on this file ({type(exc).__name__}: {exc})")
    located = pipeline.locate(parsed)
    return Preview(name, size, parsed=located, locations=pipeline.locations_table(located))


def _parse_bytes(data: bytes, name: str) -> ParsedReport:
    # The bytes go to a file named here; the uploaded name only labels the result.
    fd, tmp = tempfile.mkstemp(prefix="massacres-upload-", suffix=".bin")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            text, form_hint, digest = read_source(Path(tmp))
        except ReportError as exc:
            raise ReportError(name, exc.message, exc.line) from None  # never show the temporary path
        return parse_text(text, source=name, form_hint=form_hint, sha256=digest)
    finally:
        Path(tmp).unlink(missing_ok=True)


@dataclass
class Change:
    """One incident in both versions whose stored fields differ."""

    before: dict[str, Any]
    after: dict[str, Any]
    fields: tuple[str, ...]


@dataclass
class FigureChange:
    """A figure the report states, before and after (None: not stated in that version)."""

    figure: str
    before: Any
    after: Any


@dataclass
class Diff:
    month: str
    stored: bool  # the month is already in the database
    stored_file: str | None = None
    stored_sha256: str | None = None
    same_file: bool = False  # byte-identical to the stored file
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    figures: list[FigureChange] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.figures)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed, "
            f"{self.unchanged} unchanged incidents; {len(self.figures)} stated figures changed"
        )


def _read_stored(db_path: Path, month: str) -> tuple[dict | None, list[dict], list[dict]]:
    """The stored report row, incidents and stated figures of `month`, from the file as it is now.
    A fresh in-memory DuckDB attaches the file: a connection cached elsewhere in this process
    (the app's) may still hold the file this one replaced, and duckdb.connect would share it."""
    if not db_path.exists():
        return None, [], []
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH " + _sql_literal(str(db_path)) + " AS stored (READ_ONLY)")
        cur = con.execute("SELECT * FROM stored.reports WHERE month = ?", [month])
        cols = [d[0] for d in cur.description]
        row = cur.fetchone()
        if row is None:
            return None, [], []
        report = dict(zip(cols, row))
        cur = con.execute("SELECT * FROM stored.incidents WHERE report_month = ? ORDER BY seq", [month])
        cols = [d[0] for d in cur.description]
        incidents = [dict(zip(cols, r)) for r in cur.fetchall()]
        cur = con.execute("SELECT * FROM stored.stated_figures WHERE report_month = ? ORDER BY dimension, key", [month])
        cols = [d[0] for d in cur.description]
        stated = [dict(zip(cols, r)) for r in cur.fetchall()]
        return report, incidents, stated
    finally:
        con.close()


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _norm(value: Any) -> Any:
    """Stored and parsed values in one form: dates as ISO text, NaN as None."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    return value


def _record(inc: dict[str, Any]) -> dict[str, Any]:
    return {"seq": inc.get("seq"), "line": inc.get("line"), **{f: _norm(inc.get(f)) for f in COMPARED_FIELDS}}


def _key(rec: dict[str, Any]) -> tuple:
    return tuple((rec[k].casefold() if isinstance(rec[k], str) else rec[k]) for k in MATCH_KEY)


def _content(rec: dict[str, Any]) -> tuple:
    return tuple(rec[f] for f in COMPARED_FIELDS)


def _pair(old: list[dict], new: list[dict], key) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pairs of (old, new) with equal keys, in seq order within a key; and the unpaired of each."""
    waiting: dict[Any, list[dict]] = defaultdict(list)
    for rec in old:
        waiting[key(rec)].append(rec)
    pairs, unpaired_new = [], []
    for rec in new:
        candidates = waiting.get(key(rec))
        if candidates:
            pairs.append((candidates.pop(0), rec))
        else:
            unpaired_new.append(rec)
    taken = {id(o) for o, _ in pairs}
    return pairs, [r for r in old if id(r) not in taken], unpaired_new


def diff(db_path: Path, parsed: ParsedReport) -> Diff:
    """What writing `parsed` would change in the month already stored (see the module's rule)."""
    month = parsed.report["month"]
    report, stored_incidents, stored_stated = _read_stored(Path(db_path), month)
    new = [_record(i) for i in parsed.incidents]
    if report is None:
        return Diff(month=month, stored=False, added=new)
    old = [_record(i) for i in stored_incidents]
    same, old_rest, new_rest = _pair(old, new, _content)
    pairs, removed, added = _pair(old_rest, new_rest, _key)
    changed = [Change(o, n, tuple(f for f in COMPARED_FIELDS if o[f] != n[f])) for o, n in pairs]
    return Diff(
        month=month,
        stored=True,
        stored_file=report["source_file"],
        stored_sha256=report["sha256"],
        same_file=report["sha256"] == parsed.sha256,
        added=added,
        removed=removed,
        changed=changed,
        unchanged=len(same),
        figures=_figure_changes(report, stored_stated, parsed),
    )


def _figure_changes(report: dict, stored_stated: list[dict], parsed: ParsedReport) -> list[FigureChange]:
    # As the store writes it: a report whose kind is not read is stored as a monthly one.
    after_report = {
        **parsed.report,
        "kind": parsed.report.get("kind") or "monthly",
        "details_complete": parsed.details_complete,
    }
    out = [
        FigureChange(f"report {name}", _norm(report.get(name)), _norm(after_report.get(name)))
        for name in REPORT_FIGURES
        if _norm(report.get(name)) != _norm(after_report.get(name))
    ]
    before = {(r["dimension"], r["key"]): r for r in stored_stated}
    after = {(r["dimension"], r["key"]): r for r in parsed.stated}
    for dim_key in sorted(before.keys() | after.keys()):
        b, a = before.get(dim_key, {}), after.get(dim_key, {})
        for measure in STATED_MEASURES:
            vb, va = _norm(b.get(measure)), _norm(a.get(measure))
            if vb != va:
                out.append(FigureChange(f"{dim_key[0]} {dim_key[1]}: {measure}", vb, va))
    return out


ANY = object()  # commit(expect_stored=ANY): write whatever the database holds now


def commit(
    db_path: Path,
    parsed: ParsedReport,
    file_name: str,
    data: bytes | None = None,
    expect_stored: str | None | object = ANY,
) -> None:
    """Write the report like `massacres ingest` (a temporary copy swapped in with os.replace, so
    readers see the old file or the new one) and log it as an 'upload' under its base name.

    `data`, the uploaded bytes, is kept in the reports folder beside the database, so a rebuild
    reproduces the month. `expect_stored` is the stored month's sha256 the user was shown (None:
    the month was not stored): checked under the writer lock, so when two sessions save the same
    month at once the second gets store.MonthChanged, not a silent replacement."""
    report = dataclasses.replace(parsed, source=safe_name(file_name))
    month = parsed.report["month"]
    store.ingest(
        Path(db_path),
        [report],
        action="upload",
        originals=None if data is None else {parsed.sha256: data},
        expected=None if expect_stored is ANY else {month: cast("str | None", expect_stored)},
    )


def recent_writes(db_path: Path, limit: int = 20) -> pd.DataFrame:
    """The latest rows of the ingest log (empty for a database made before the log)."""
    columns = ["at", "action", "file_name", "report_month", "incidents", "warnings", "replaced"]
    if not Path(db_path).exists():
        return pd.DataFrame(columns=columns)
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH " + _sql_literal(str(db_path)) + " AS stored (READ_ONLY)")
        has_log = db.scalar(
            con,
            "SELECT count(*) FROM information_schema.tables WHERE table_catalog = 'stored' AND table_name = ?",
            [store.LOG_TABLE],
        )
        if not has_log:
            return pd.DataFrame(columns=columns)
        return con.execute(
            'SELECT "at", action, file_name, report_month, incidents, warnings, replaced '
            "FROM stored.ingest_log ORDER BY id DESC LIMIT ?",
            [limit],
        ).df()
    finally:
        con.close()
