"""Every CHECK constraint of schema.sql, applied to a parsed report before anything is written.

What `parse` accepts, `ingest` must store: a one-digit typo in a report (a year 2071, children
and women above the killed, a share of 150%) used to parse, then end the write with DuckDB's
ConstraintException. Here the offending figure becomes None with a warning (`constraint_...`),
or, when the schema cannot hold the record without it (an incident's date or killed), the
incident is skipped with a warning; the rest of the report loads. Only a report month the
schema cannot hold (it is the report's key) refuses the whole file, with the project's own error.

The limits below are the schema's, spelled out once; tests/test_constraints.py mutates the
sample reports to break each one and ingests them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from massacres.errors import ReportError

if TYPE_CHECKING:  # parse.py imports this module: no import cycle at run time
    from massacres.reports.parse import ParsedReport

Warn = Callable[..., None]  # warn(code, message, line=None, seq=None), as parse._Warnings

# schema.sql, table by table.
FIRST_MONTH, LAST_MONTH = dt.date(2011, 1, 1), dt.date(2035, 12, 1)  # reports.month_start
FIRST_DAY, LAST_DAY = dt.date(2011, 1, 1), dt.date(2035, 12, 31)  # incidents.date
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")  # reports.month
TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")  # incidents.time
SOURCE_FORMS = ("web", "pdf_text", "pdf")  # reports.source_form
KINDS = ("monthly", "year", "death_toll", "press_release")  # reports.kind, where the parser sets it
REPORT_COUNTS = (
    "total_massacres",
    "victims_total",
    "victims_children",
    "victims_women",
    "ytd_massacres",
    "civilians_killed",
)
STATED_COUNTS = ("massacres", "killed", "children", "women")
INCIDENT_COUNTS = ("children", "women", "fetuses", "wounded")
# NOT NULL columns an incident cannot be stored without (killed, date, seq, line are checked apart).
INCIDENT_REQUIRED = (
    "perpetrator",
    "attribution_uncertain",
    "killed_is_lower_bound",
    "same_family",
    "idps",
    "weapon",
    "target",
    "paragraph",
)
# A map link's point becomes the incident's `exact` location: locations.lat/lon (and
# incidents.point_lat/lon) hold only Syria's extent, with margin.
SYRIA_LAT, SYRIA_LON = (32.0, 38.0), (35.0, 43.0)


def enforce(parsed: ParsedReport, warn: Warn) -> None:
    """Make `parsed` fit schema.sql's CHECK constraints, in place, warning about each change.
    Raises ReportError when the report's month itself cannot be stored."""
    _enforce_report(parsed)
    _enforce_report_figures(parsed.report, warn)
    for row in parsed.stated:
        _enforce_stated(row, warn)
    parsed.incidents[:] = [inc for inc in parsed.incidents if _incident_storable(inc, warn)]


def _enforce_report(parsed: ParsedReport) -> None:
    """The report's month is its key: a month the schema cannot hold refuses the file."""
    month = parsed.report.get("month")
    if not isinstance(month, str) or not MONTH.fullmatch(month):
        raise ReportError(parsed.source, f"the report's month {month!r} is not a month (YYYY-MM)")
    if not FIRST_MONTH <= dt.date.fromisoformat(f"{month}-01") <= LAST_MONTH:
        raise ReportError(
            parsed.source,
            f"the report's month {month} is outside {FIRST_MONTH:%Y-%m} to {LAST_MONTH:%Y-%m}: a typo in the year?",
        )
    if parsed.form not in SOURCE_FORMS:
        raise ReportError(parsed.source, f"unknown source form {parsed.form!r}")
    kind = parsed.report.get("kind")
    if kind is not None and kind not in KINDS:
        raise ReportError(parsed.source, f"unknown kind of document {kind!r}")


def _negative(value: Any) -> bool:
    return value is not None and value < 0


def _enforce_report_figures(report: dict[str, Any], warn: Warn) -> None:
    for name in REPORT_COUNTS:
        if _negative(report.get(name)):
            warn("constraint_negative_count", f"report {name} {report[name]} is negative: stored as unknown")
            report[name] = None
    # children + women above victims_total is the report's own inconsistency: kept as stated
    # (summary.check_summary warns victims_breakdown_exceeds), no CHECK forbids it.


def _enforce_stated(row: dict[str, Any], warn: Warn) -> None:
    # A measure the report does not state is absent from the row (parse._compare_stated relies on it).
    what, line = f"{row['dimension']} {row['key']}", row.get("line")
    for name in STATED_COUNTS:
        if _negative(row.get(name)):
            warn("constraint_negative_count", f"{what}: stated {name} {row[name]} is negative; dropped", line)
            row.pop(name)
    percent = row.get("percent")
    if percent is not None and not 0 <= percent <= 100:
        warn("constraint_percent", f"{what}: a share of {percent}% is not a percentage; dropped", line)
        row.pop("percent")
    # A stated breakdown above its stated total is kept as stated (victims_breakdown_exceeds).


def _incident_storable(inc: dict[str, Any], warn: Warn) -> bool:
    """Fix what can be stored as unknown; False (with a warning) when the incident cannot be stored."""
    seq, line = inc.get("seq"), inc.get("line")
    reason = _unstorable(inc)
    if reason:
        warn("constraint_incident_skipped", f"incident skipped: {reason}", line, seq)
        return False
    if inc.get("time") is not None and not TIME.fullmatch(str(inc["time"])):
        warn("constraint_time", f"time {inc['time']!r} is not a time of day: stored as unknown", line, seq)
        inc["time"] = None
    for name in INCIDENT_COUNTS:
        if _negative(inc.get(name)):
            warn("constraint_negative_count", f"{name} {inc[name]} is negative: stored as unknown", line, seq)
            inc[name] = None
    parts = sum(inc.get(k) or 0 for k in ("children", "women", "fetuses"))
    if parts > inc["killed"]:
        warn(
            "constraint_incident_breakdown",
            f"children {inc.get('children')} + women {inc.get('women')} + fetuses {inc.get('fetuses')} exceed "
            f"killed {inc['killed']}; breakdown dropped",
            line,
            seq,
        )
        inc["children"] = inc["women"] = inc["fetuses"] = None
    _enforce_point(inc, warn)
    return True


def _unstorable(inc: dict[str, Any]) -> str | None:
    """Why the incident cannot be stored at all (a NOT NULL or CHECK on a column it needs), or None."""
    if not isinstance(inc.get("seq"), int) or inc["seq"] < 1:
        return f"its position {inc.get('seq')!r} is not a number from 1"
    if not isinstance(inc.get("line"), int) or inc["line"] < 1:
        return f"its line {inc.get('line')!r} is not a line number"
    try:
        date = dt.date.fromisoformat(str(inc.get("date")))
    except ValueError:
        return f"its date {inc.get('date')!r} is not a date"
    if not FIRST_DAY <= date <= LAST_DAY:
        return f"its date {inc['date']} is outside {FIRST_DAY} to {LAST_DAY} (a typo in the year?)"
    killed = inc.get("killed")
    if not isinstance(killed, int) or killed < 0:
        return f"its number killed {killed!r} is not a count"
    missing = [name for name in INCIDENT_REQUIRED if inc.get(name) is None]
    if missing:
        return "it has no " + ", ".join(missing)
    return None


def _enforce_point(inc: dict[str, Any], warn: Warn) -> None:
    lat, lon = inc.get("lat"), inc.get("lon")
    if lat is None and lon is None:
        return
    if lat is None or lon is None or not SYRIA_LAT[0] <= lat <= SYRIA_LAT[1] or not SYRIA_LON[0] <= lon <= SYRIA_LON[1]:
        # The geocoder falls back to the place's name, as for a paragraph with no link.
        warn(
            "constraint_point_outside_syria",
            f"the map link's point ({lat}, {lon}) is outside Syria: not used",
            inc.get("line"),
            inc.get("seq"),
        )
        inc.update(lat=None, lon=None, coord_source=None, map_link_name=None)
