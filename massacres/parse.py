"""A monthly report (web text, PDF text or PDF file) -> report, stated figures, incidents, warnings."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import constraints, vocab
from .errors import ReportError
from .incident import IncidentParseError, parse_incident
from .layout import GOVERNORATE_HEADING, LETTER_HEADING, ROMAN_HEADING, Block, is_incident_start, split_blocks
from .maplinks import link_score, parse_link
from .sources import read_source
from .summary import area_dimension, parse_summary

INCIDENT_FIELDS = (
    "seq", "date", "time", "day_part", "perpetrator", "perpetrator_text", "attribution_uncertain",
    "perpetrator_note", "governorate", "governorate_in_text", "place", "place_type", "parent_place", "site",
    "killed", "children", "women", "fetuses", "wounded", "wounded_qualifier", "killed_is_lower_bound",
    "same_family", "idps", "weapon", "target", "area_of_control", "area_of_control_text", "lat", "lon",
    "line", "paragraph",
)
REPORT_FIELDS = ("month", "title", "published", "total_massacres", "victims_total", "victims_children",
                 "victims_women", "ytd_massacres", "ytd_period")
_DETAILS_HEAD = re.compile(r"^(?:[IVX]{1,4}\.\s*)?(?:details\b|most notable massacres\b|.*\bincidents\b)", re.I)
_END_HEAD = re.compile(r"^(?:[IVX]{1,4}\.\s*)?conclusions?\b", re.I)
_KILLING_WORDS = re.compile(r"\b(?:resulted in the killing|killing of|were killed|killed)\b", re.I)
_TERMINAL = re.compile(r"""[.!?"')]$""")


@dataclass
class ParsedReport:
    source: str
    form: str
    sha256: str
    report: dict[str, Any]
    stated: list[dict[str, Any]]
    incidents: list[dict[str, Any]]
    warnings: list[dict[str, Any]] = field(default_factory=list)
    details_complete: bool = True

    def to_json(self) -> dict[str, Any]:
        """The `massacres parse --json` contract."""
        report = {k: self.report.get(k) for k in REPORT_FIELDS}
        stated = [{k: v for k, v in row.items() if k != "line"} for row in self.stated]
        incidents = [{k: inc.get(k) for k in INCIDENT_FIELDS} for inc in self.incidents]
        return {"report": report, "stated": stated, "incidents": incidents, "warnings": self.warnings}


class _Warnings:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def __call__(self, code: str, message: str, line: int | None = None, seq: int | None = None) -> None:
        self.items.append({"code": code, "message": message, "line": line, "seq": seq})


def parse_file(path: str | Path) -> ParsedReport:
    """Parse a report file (.txt web or PDF text, or .pdf). Raises ReportError on bad input."""
    path = Path(path)
    text, form_hint, digest = read_source(path)
    return parse_text(text, source=str(path), form_hint=form_hint, sha256=digest)


def parse_text(text: str, source: str = "<text>", form_hint: str | None = None,
               sha256: str | None = None) -> ParsedReport:
    if not text.strip():
        raise ReportError(source, "the file is empty")
    layout = split_blocks(text)
    form = form_hint or layout.form
    warn = _Warnings()
    blocks = layout.blocks
    start = next((i for i, b in enumerate(blocks) if not b.text.startswith("-") and len(b.text) < 80
                  and _DETAILS_HEAD.match(b.text)
                  and i + 1 < len(blocks)), None)
    if start is None:
        # No "Details" heading: the details start at the first section heading that names a party.
        start = next((i - 1 for i, b in enumerate(blocks)
                      if (m := LETTER_HEADING.match(b.text)) and vocab.perpetrator_key(m.group("title"))
                      and any(is_incident_start(x.text) for x in blocks[i + 1: i + 4])), None)
    report, stated = parse_summary(blocks if start is None else blocks[: start + 1], warn)
    if report["month"] is None:
        raise ReportError(source, "not an SNHR massacres report: no report month found "
                                  "(no title 'No less than N massacres in <Month YYYY>' nor 'Toll of massacres in <Month YYYY>')")
    if start is None:
        raise ReportError(source, "no incident details found (no 'Details of ...' or 'Most Notable Massacres' section)")
    end = next((i for i in range(start + 1, len(blocks)) if _END_HEAD.match(blocks[i].text)), len(blocks))
    details = blocks[start + 1: end]
    if end == len(blocks) and details and not _TERMINAL.search(details[-1].text):
        raise ReportError(source, "the text ends mid-paragraph: the report looks truncated", details[-1].last_line)
    if end == len(blocks):
        warn("missing_end", "no 'Conclusions' section after the details: the report may be truncated",
             details[-1].last_line if details else None)
    incidents = _parse_details(details, source, warn, truncated_tail=end == len(blocks))
    _attach_map_links(incidents, layout.urls_by_page, warn)
    parsed = ParsedReport(
        source=source, form=form,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        report=report, stated=stated, incidents=incidents, warnings=warn.items,
        details_complete=not re.search(r"most notable", blocks[start].text, re.I),
    )
    constraints.enforce(parsed, warn)
    _check(parsed, warn)
    return parsed


def _parse_details(details: list[Block], source: str, warn: _Warnings, truncated_tail: bool) -> list[dict[str, Any]]:
    perpetrator: str | None = None
    perpetrator_text: str | None = None
    governorate: str | None = None
    incidents: list[dict[str, Any]] = []
    for idx, b in enumerate(details):
        text = b.text
        if m := LETTER_HEADING.match(text):
            if len(text) < 120 and not is_incident_start(text):
                title = m.group("title").strip()
                perpetrator_text = title
                perpetrator = vocab.perpetrator_key(title)
                governorate = None
                if perpetrator is None and not re.search(r"extremist|islamic groups|jihadi", title, re.I):
                    warn("unknown_perpetrator", f"section {title!r} names no known party; kept as written", b.line)
                continue
        if text.startswith(("-", "\u2022")) and len(text) < 120 and not is_incident_start(text.lstrip("-\u2022 ")):
            title = text.lstrip("-\u2022 ").strip()
            perpetrator_text, perpetrator = title, vocab.perpetrator_key(title)
            governorate = None
            if perpetrator is None:
                warn("unknown_perpetrator", f"sub-section {title!r} names no known party; kept as written", b.line)
            continue
        if (gm := GOVERNORATE_HEADING.match(text)) and len(text) < 60:
            governorate = vocab.governorate_key(gm.group("name"))
            if governorate is None:
                warn("unknown_governorate", f"governorate heading {text!r} is not a known governorate", b.line)
            continue
        if ROMAN_HEADING.match(text) and len(text) < 80:
            continue
        if not is_incident_start(text):
            if _KILLING_WORDS.search(text) and not text.startswith('"') and re.match(r"^[A-Z]\w+day\b", text):
                warn("unparsed_incident", "paragraph reads like an incident but has no opening date", b.line)
            continue
        try:
            records = parse_incident(text)
        except IncidentParseError as exc:
            if truncated_tail and idx == len(details) - 1:
                raise ReportError(source, f"the last incident paragraph is incomplete ({exc}): the report looks truncated",
                                  b.line) from None
            warn("unparsed_incident", f"incident paragraph could not be parsed: {exc}", b.line)
            continue
        for rec in records:
            rec.update(
                seq=len(incidents) + 1,
                perpetrator=perpetrator or (perpetrator_text or "unknown"),
                perpetrator_text=perpetrator_text,
                governorate=governorate,
                line=b.line,
                page=b.page,
                last_page=max(b.page, b.last_page),
                paragraph=text,
                lat=None, lon=None, coord_source=None, map_link_name=None,
            )
            incidents.append(rec)
    return incidents


def _attach_map_links(incidents: list[dict[str, Any]], urls_by_page: dict[int, list[tuple[int, str]]],
                      warn: _Warnings) -> None:
    # A link belongs to a paragraph; a paragraph telling of two massacres gives both its point.
    by_page: dict[int, dict[int, list[dict[str, Any]]]] = defaultdict(dict)
    for inc in incidents:
        for page in range(inc["page"], inc["last_page"] + 1):
            by_page[page].setdefault(inc["line"], []).append(inc)
    for page, urls in urls_by_page.items():
        seen: set[str] = set()
        for line, url in urls:
            link = parse_link(url, line)
            if link is None or url in seen:
                continue
            seen.add(url)
            paragraphs = list(by_page.get(page, {}).values())
            scored = sorted(((max(link_score(link.name, [c["place"], c["site"], c["parent_place"]]) for c in recs),
                              recs[0]["seq"], recs) for recs in paragraphs), key=lambda t: (-t[0], t[1]))
            best = [recs for score, _, recs in scored if scored and score == scored[0][0]]
            # Tied paragraphs that name the same place share the place's point; others are ambiguous.
            if not scored or scored[0][0] < 0.5 or len({recs[0]["place"] for recs in best}) > 1:
                if paragraphs:
                    warn("map_link_unattributed", f"map link to {link.name!r} matches no single incident on its page", line)
                continue
            for rec in (r for recs in best for r in recs):
                if rec["lat"] is None:
                    rec.update(lat=link.lat, lon=link.lon, coord_source="map_link", map_link_name=link.name)


def _check(parsed: ParsedReport, warn: _Warnings) -> None:
    month = parsed.report["month"]
    for inc in parsed.incidents:
        date = dt.date.fromisoformat(inc["date"])
        if date.strftime("%A") != inc.pop("weekday_stated"):
            warn("weekday_mismatch", f"the paragraph's weekday does not fall on {inc['date']}", inc["line"], inc["seq"])
        if date.strftime("%Y-%m") > month:
            warn("date_after_report", f"incident dated {inc['date']} is after the report's month {month}", inc["line"], inc["seq"])
        if inc["governorate"] and inc["governorate_in_text"] and inc["governorate"] != inc["governorate_in_text"]:
            warn("governorate_conflict",
                 f"under the {inc['governorate']} heading, but the paragraph names {inc['governorate_in_text']}",
                 inc["line"], inc["seq"])
        if inc["governorate"] is None:
            warn("no_governorate", "incident appears before any governorate heading", inc["line"], inc["seq"])
        if inc["perpetrator"] not in vocab.PERPETRATORS:
            warn("unknown_perpetrator", f"incident under section {inc['perpetrator']!r}", inc["line"], inc["seq"])
        if inc["place"] is None:
            warn("no_place", "no place could be read from the paragraph", inc["line"], inc["seq"])
        parts = sum(inc[k] or 0 for k in ("children", "women", "fetuses"))
        if inc["killed"] is not None and parts > inc["killed"]:
            warn("breakdown_exceeds_killed",
                 f"children {inc['children']} + women {inc['women']} + fetuses {inc['fetuses']} exceed killed {inc['killed']};"
                 " breakdown dropped", inc["line"], inc["seq"])
            inc["children"] = inc["women"] = inc["fetuses"] = None
    _compare_stated(parsed, warn)


def documented_totals(incidents: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, int]]:
    """What the incident details add up to, per (dimension, key), in the stated figures' terms."""
    out: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for inc in incidents:
        keys = [("total", "all"), ("perpetrator", inc["perpetrator"])]
        if inc["governorate"]:
            keys.append(("governorate", inc["governorate"]))
        if inc["area_of_control"]:
            keys.append((area_dimension(inc["perpetrator"]), inc["area_of_control"]))
        for key in keys:
            c = out[key]
            c["massacres"] += 1
            c["killed"] += inc["killed"] or 0
            c["children"] += inc["children"] or 0
            c["women"] += inc["women"] or 0
            c["fetuses"] += inc["fetuses"] or 0
    return {k: dict(v) for k, v in out.items()}


def _compare_stated(parsed: ParsedReport, warn: _Warnings) -> None:
    documented = documented_totals(parsed.incidents)
    scope = "" if parsed.details_complete else " (the details list only the most notable massacres)"
    for row in parsed.stated:
        got = documented.get((row["dimension"], row["key"]), {})
        for measure in ("massacres", "killed", "children", "women"):
            if measure not in row:
                continue
            have = got.get(measure, 0)
            if have == row[measure]:
                continue
            why = scope
            if measure == "children" and got.get("fetuses") and have + got["fetuses"] == row[measure]:
                why = f" (the report counts the {got['fetuses']} fetuses among children)"
            warn("stated_differs",
                 f"{row['dimension']} {row['key']}: stated {measure} {row[measure]}, details add up to {have}{why}",
                 row.get("line"))
