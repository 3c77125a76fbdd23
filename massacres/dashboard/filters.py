"""The dashboard's filters, and their round trip through the URL query string.

Kept free of Streamlit so that parsing and validation are plain functions: a value in the
URL that is not valid is dropped with a notice saying so, never allowed to reach SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from massacres.dashboard import theme
from massacres.reports import vocab

LIST_FIELDS = {  # URL name -> (attribute, allowed keys)
    "perp": ("perpetrators", tuple(vocab.PERPETRATORS)),
    "gov": ("governorates", tuple(theme.GOVERNORATES)),
    "area": ("areas", tuple(vocab.AREAS)),
    "weapon": ("weapons", tuple(vocab.WEAPONS)),
}
MAX_KILLED = 100_000
QUERY_KEYS = ("from", "to", *LIST_FIELDS, "min_killed", "uncertain", "reviewed")
# What the sidebar's widgets produce, in ASCII digits only: str.isdigit() is true for '²' or
# '١' and int() then fails or reads another number; date.fromisoformat() also takes '20170901'.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}", re.ASCII)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def parse_count(raw: str) -> int | None:
    """A whole number from 0 to MAX_KILLED, as the Minimum-killed box takes it; else None."""
    if not _WHOLE_NUMBER.fullmatch(raw):
        return None
    value = int(raw)
    return value if value <= MAX_KILLED else None


def parse_day(raw: str) -> dt.date | None:
    """A YYYY-MM-DD date, as the date-range widget writes it; else None."""
    if not _ISO_DATE.fullmatch(raw):
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    perpetrators: tuple[str, ...] = ()  # empty: all
    governorates: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    weapons: tuple[str, ...] = ()
    min_killed: int = 0
    include_uncertain: bool = True
    reviewed_only: bool = False  # only incidents a reviewer confirmed or corrected

    def params(self) -> dict[str, Any]:
        """Named parameters for the SQL in queries/ (None means no restriction)."""
        return {
            "start": self.start,
            "end": self.end,
            "perpetrators": list(self.perpetrators) or None,
            "governorates": list(self.governorates) or None,
            "areas": list(self.areas) or None,
            "weapons": list(self.weapons) or None,
            "min_killed": self.min_killed,
            "include_uncertain": self.include_uncertain,
            "reviewed_only": self.reviewed_only,
            "month_start": self.start.replace(day=1),
            "month_end": self.end.replace(day=1),
        }

    def to_query(self, default: Filters) -> dict[str, str]:
        """The query string for this view: only what differs from the default view."""
        q: dict[str, str] = {}
        if self.start != default.start:
            q["from"] = self.start.isoformat()
        if self.end != default.end:
            q["to"] = self.end.isoformat()
        for name, (attr, _) in LIST_FIELDS.items():
            if getattr(self, attr):
                q[name] = ",".join(getattr(self, attr))
        if self.min_killed:
            q["min_killed"] = str(self.min_killed)
        if not self.include_uncertain:
            q["uncertain"] = "0"
        if self.reviewed_only:
            q["reviewed"] = "1"
        return q

    def describe(self, default: Filters) -> str:
        """Words for a chart's subtitle: the date range and every filter in force."""
        parts = [f"{self.start:%-d %b %Y} – {self.end:%-d %b %Y}"]
        if self.perpetrators:
            parts.append("perpetrator: " + ", ".join(theme.perpetrator_label(p) for p in self.perpetrators))
        if self.governorates:
            parts.append("governorate: " + ", ".join(theme.GOVERNORATES[g] for g in self.governorates))
        if self.areas:
            parts.append("area of control: " + ", ".join(theme.area_label(a) for a in self.areas))
        if self.weapons:
            parts.append("weapon: " + ", ".join(theme.WEAPONS[w] for w in self.weapons))
        if self.min_killed:
            parts.append(f"at least {self.min_killed} killed")
        if not self.include_uncertain:
            parts.append("excluding uncertain attributions")
        if self.reviewed_only:
            parts.append("only reviewed incidents")
        return "; ".join(parts)

    def only_dates(self) -> bool:
        """No filter but the date range: the reports' stated figures are comparable."""
        return self == replace(
            self, perpetrators=(), governorates=(), areas=(), weapons=(), min_killed=0, include_uncertain=True
        )


@dataclass
class Parsed:
    filters: Filters
    notices: list[str] = field(default_factory=list)


def _first(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return str(value[-1]) if value else ""
    return str(value)


def from_query(query: Mapping[str, Any], default: Filters, limits: tuple[dt.date, dt.date] | None = None) -> Parsed:
    """Filters from a URL query string; invalid values are dropped, each with a notice. Dates are
    held within `limits` (the days the data covers; the default range's when not given)."""
    first, last = limits or (default.start, default.end)
    notices: list[str] = []
    values: dict[str, Any] = {}
    for name, attr in (("from", "start"), ("to", "end")):
        if name in query:
            raw = _first(query[name])
            day = parse_day(raw)
            if day is None:
                notices.append(f"Ignored '{name}={raw[:40]}': not a date (YYYY-MM-DD).")
                continue
            clamped = min(max(day, first), last)
            if clamped != day:
                notices.append(f"'{name}={raw}' is outside the data ({first} to {last}); using {clamped}.")
            values[attr] = clamped
    for name, (attr, allowed) in LIST_FIELDS.items():
        if name in query:
            # A repeated parameter (perp=russia&perp=isis) is a list, as is a comma-separated one.
            raws = query[name] if isinstance(query[name], (list, tuple)) else [query[name]]
            items = [x.strip() for raw in raws for x in str(raw).split(",") if x.strip()]
            good = tuple(dict.fromkeys(x for x in items if x in allowed))
            bad = [x for x in items if x not in allowed]
            if bad:
                notices.append(f"Ignored unknown {name} value(s): {', '.join(b[:40] for b in bad[:5])}.")
            values[attr] = good
    if "min_killed" in query:
        raw = _first(query["min_killed"])
        count = parse_count(raw)
        if count is not None:
            values["min_killed"] = count
        else:
            notices.append(f"Ignored 'min_killed={raw[:40]}': not a whole number from 0 to {MAX_KILLED}.")
    if "uncertain" in query:
        raw = _first(query["uncertain"])
        if raw in ("0", "1"):
            values["include_uncertain"] = raw == "1"
        else:
            notices.append(f"Ignored 'uncertain={raw[:40]}': use 0 or 1.")
    if "reviewed" in query:
        raw = _first(query["reviewed"])
        if raw in ("0", "1"):
            values["reviewed_only"] = raw == "1"
        else:
            notices.append(f"Ignored 'reviewed={raw[:40]}': use 0 or 1.")
    f = replace(default, **values)
    if f.start > f.end:
        notices.append("The start date was after the end date; the two were swapped.")
        f = replace(f, start=f.end, end=f.start)
    return Parsed(f, notices)
