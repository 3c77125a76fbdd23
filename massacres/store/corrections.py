"""Reviewers' corrections as data: which fields can be corrected, what a valid value is, the
parsed value as text, and whether a correction still applies (README "Review and corrections").

A correction is keyed by report month, item (an incident's seq, or a stated figure's
'dimension:key') and field, and keeps the parsed value the reviewer saw. After every write
(build, ingest, upload, geocode, a review) `refresh_stale` compares that with the value parsed
now: a correction whose parsed value changed is marked stale, is not applied, and puts its item
back in the review queue; it is never applied to a value nobody reviewed, and never dropped.
The dashboard reads the corrected values through one view (store/db.py, queries/corrected_*.sql).
Writing corrections (a save from the Review page, a CSV import) is corrections_write.py's job.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

import duckdb

from massacres.reports import vocab

MAX_COUNT = 100_000  # as the dashboard's Minimum-killed box: a count above it is a typo
MAX_TEXT = 200
FIRST_DAY, LAST_DAY = dt.date(2011, 1, 1), dt.date(2035, 12, 31)  # the schema's incident dates
LAT_RANGE, LON_RANGE = (32.0, 38.0), (35.0, 43.0)  # the schema's point extent (Syria, with margin)
_DIGITS = re.compile(r"[0-9]{1,9}", re.ASCII)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_NUMBER = re.compile(r"-?[0-9]{1,3}(\.[0-9]{1,12})?", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
FIGURE_KEY = re.compile(r"[a-z_]+:[a-z0-9_]+", re.ASCII)


@dataclass(frozen=True)
class Field:
    """A field a reviewer can confirm or correct. `parsed_sql` gives the parsed value as text from
    a row aliased `i` (an incident) or `s` (a stated figure): the text stored in `parsed`."""

    name: str
    label: str
    kind: str  # count, key, text, date, point
    nullable: bool
    parsed_sql: str
    keys: tuple[str, ...] = ()


def _count(name: str, label: str, nullable: bool, alias: str = "i") -> Field:
    return Field(name, label, "count", nullable, f"CAST({alias}.{name} AS VARCHAR)")


INCIDENT_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        _count("killed", "Killed", False),
        _count("children", "Children", True),
        _count("women", "Women", True),
        _count("fetuses", "Fetuses", True),
        _count("wounded", "Wounded", True),
        Field("perpetrator", "Perpetrator", "key", False, "i.perpetrator", vocab.PERPETRATORS),
        Field("date", "Date", "date", False, "strftime(i.date, '%Y-%m-%d')"),
        Field("governorate", "Governorate", "key", True, "i.governorate", vocab.GOVERNORATE_KEYS),
        Field("place", "Place", "text", True, "i.place"),
        Field(
            "point",
            "Point on the map (lat,lon)",
            "point",
            True,
            "CAST(i.point_lat AS VARCHAR) || ',' || CAST(i.point_lon AS VARCHAR)",
        ),
        Field("area_of_control", "Area of control", "key", True, "i.area_of_control", vocab.AREAS),
        Field("weapon", "Weapon", "key", False, "i.weapon", vocab.WEAPONS),
    )
}
# A stated figure's counts: the report's own claims, corrected where the source has a typo.
FIGURE_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        _count("massacres", "Massacres", True, "s"),
        _count("killed", "Killed", True, "s"),
        _count("children", "Children", True, "s"),
        _count("women", "Women", True, "s"),
    )
}
STATUSES = ("confirmed", "corrected")


def item_name(month: str, seq: int | None, figure: str | None) -> str:
    """An item in words, for a message: '2017-09 incident 25', '2017-09 stated figure total:all'."""
    return f"{month} incident {seq}" if seq is not None else f"{month} stated figure {figure}"


def fields_for(seq: int | None) -> dict[str, Field]:
    """The fields of an incident (a seq) or of a stated figure (no seq)."""
    return INCIDENT_FIELDS if seq is not None else FIGURE_FIELDS


def canonical(field: Field, raw: Any) -> str | None:
    """The value as stored: a count as digits, a date as YYYY-MM-DD, a point as 'lat,lon'; None
    for no value. ValueError, saying what is wrong, for a value outside the schema's constraints."""
    text = "" if raw is None or (isinstance(raw, float) and math.isnan(raw)) else str(raw).strip()
    if text == "":
        if field.nullable:
            return None
        raise ValueError(f"{field.name} cannot be empty")
    if field.kind == "count":
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        if not _DIGITS.fullmatch(text) or int(text) > MAX_COUNT:
            raise ValueError(f"{field.name} must be a whole number from 0 to {MAX_COUNT}, not {text[:40]!r}")
        return str(int(text))
    if field.kind == "key":
        if text not in field.keys:
            raise ValueError(f"{field.name} must be one of {', '.join(field.keys)}; {text[:40]!r} is not")
        return text
    if field.kind == "text":
        if len(text) > MAX_TEXT or _CONTROL.search(text):
            raise ValueError(f"{field.name} must be one line of at most {MAX_TEXT} characters")
        return text
    if field.kind == "date":
        try:
            day = dt.date.fromisoformat(text) if _ISO_DATE.fullmatch(text) else None
        except ValueError:
            day = None
        if day is None or not FIRST_DAY <= day <= LAST_DAY:
            raise ValueError(
                f"{field.name} must be a date YYYY-MM-DD from {FIRST_DAY} to {LAST_DAY}, not {text[:40]!r}"
            )
        return day.isoformat()
    if field.kind == "point":
        parts = [p.strip() for p in text.split(",")]
        if len(parts) != 2 or not all(_NUMBER.fullmatch(p) for p in parts):
            raise ValueError(f"{field.name} must be 'lat,lon' in decimal degrees, not {text[:40]!r}")
        lat, lon = (round(float(p), 6) for p in parts)
        if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
            raise ValueError(
                f"{field.name} {lat},{lon} is outside Syria's extent (lat {LAT_RANGE[0]:g}-"
                f"{LAT_RANGE[1]:g}, lon {LON_RANGE[0]:g}-{LON_RANGE[1]:g})"
            )
        return f"{lat!r},{lon!r}"
    raise AssertionError(field.kind)


def same_value(field: Field, value: str | None, parsed: str | None) -> bool:
    """True when the reviewer's value is the parsed one (a confirmation): compared as values, so
    '35.30839' typed for a parsed 35.308390 is the same point."""
    if value is None or parsed is None:
        return value is None and parsed is None
    try:
        return canonical(field, parsed) == value
    except ValueError:  # a parsed value outside today's rules cannot be what the reviewer typed
        return False


def _parsed_case(fields: dict[str, Field]) -> str:
    return "CASE c.field " + " ".join(f"WHEN '{f.name}' THEN {f.parsed_sql}" for f in fields.values()) + " END"


# Field names and column names are ours; months are parameters.
_REFRESH = (
    "UPDATE corrections AS c SET stale = NOT EXISTS (SELECT 1 FROM incidents AS i "
    "WHERE i.report_month = c.report_month AND i.seq = c.seq AND (" + _parsed_case(INCIDENT_FIELDS) + ") "
    "IS NOT DISTINCT FROM c.parsed) "
    "WHERE c.seq IS NOT NULL AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], c.report_month))",
    "UPDATE corrections AS c SET stale = NOT EXISTS (SELECT 1 FROM stated_figures AS s "
    "WHERE s.report_month = c.report_month AND s.dimension || ':' || s.key = c.figure AND ("
    + _parsed_case(FIGURE_FIELDS)
    + ") IS NOT DISTINCT FROM c.parsed) "
    "WHERE c.figure IS NOT NULL AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], c.report_month))",
)


def refresh_stale(con: duckdb.DuckDBPyConnection, months: list[str] | None = None) -> None:
    """Mark each correction of `months` (all when None) stale when its item is gone or its field's
    parsed value is no longer the one the reviewer saw, and current again when it is."""
    for sql in _REFRESH:
        con.execute(sql, [months, months])


def parsed_values(
    con: duckdb.DuckDBPyConnection, month: str, seq: int | None, figure: str | None, table: str = "incidents"
) -> dict[str, str | None] | None:
    """The item's parsed values as text, by field; None when the item does not exist. `table`
    is the parsed incidents: 'incidents' in a database file, 'parsed_incidents' on the
    dashboard's connection (where 'incidents' is the corrected view)."""
    fields = fields_for(seq)
    cur = con.cursor()
    try:
        if seq is not None:
            cols = ", ".join(f"{f.parsed_sql} AS {f.name}" for f in fields.values())
            row = cur.execute(
                f"SELECT {cols} FROM {table} AS i WHERE i.report_month = ? AND i.seq = ?", [month, seq]
            ).fetchone()
        else:
            fig_table = "parsed_stated_figures" if table == "parsed_incidents" else "stated_figures"
            cols = ", ".join(f"{f.parsed_sql} AS {f.name}" for f in fields.values())
            row = cur.execute(
                f"SELECT {cols} FROM {fig_table} AS s WHERE s.report_month = ? AND s.dimension || ':' || s.key = ?",
                [month, figure],
            ).fetchone()
    finally:
        cur.close()
    return None if row is None else dict(zip(fields, row))


_FOR_ITEM = """
SELECT field, parsed, value, status, reason, reviewer, "at", stale
FROM corrections
WHERE report_month = ? AND seq IS NOT DISTINCT FROM ? AND figure IS NOT DISTINCT FROM ?
"""


def corrections_for(
    con: duckdb.DuckDBPyConnection, month: str, seq: int | None = None, figure: str | None = None
) -> list[dict[str, Any]]:
    """The reviews of one incident (month, seq) or stated figure (month, figure='dimension:key'),
    one dict per field in the order of FIELDS: field, label, parsed, value, status ('confirmed' or
    'corrected'), reason, reviewer, at, stale (the parsed value has changed since: not applied).
    For the incident card: "parsed 16, corrected to 17: reason". Works on the dashboard's
    connection and on a database file alike."""
    cur = con.cursor()
    try:
        rows = cur.execute(_FOR_ITEM, [month, seq, figure]).fetchall()
    finally:
        cur.close()
    fields = fields_for(seq)
    found = [dict(zip(("field", "parsed", "value", "status", "reason", "reviewer", "at", "stale"), r)) for r in rows]
    order = list(fields)
    found.sort(key=lambda r: order.index(r["field"]) if r["field"] in order else len(order))
    for r in found:
        r["label"] = fields[r["field"]].label if r["field"] in fields else r["field"]
    return found


def describe(review: dict[str, Any]) -> str:
    """One review in words: 'Killed: parsed 16, corrected to 17: the parts add up to 17 (Rana)'."""
    shown = {None: "none"}
    parsed, value = shown.get(review["parsed"], review["parsed"]), shown.get(review["value"], review["value"])
    if review["status"] == "confirmed":
        text = f"{review['label']}: {parsed}, confirmed"
    else:
        text = f"{review['label']}: parsed {parsed}, corrected to {value}: {review['reason']}"
    text += f" ({review['reviewer']})"
    if review["stale"]:
        text += " — not applied: the parsed value has changed since; review it again"
    return text
