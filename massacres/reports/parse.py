"""A monthly report (web text, PDF text or PDF file) -> report, stated figures, incidents, warnings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from massacres.errors import ReportError
from massacres.reports import constraints, documented, record, vocab
from massacres.reports.incident import (
    IncidentParseError,
    dated,
    looks_like_incident,
    parse_incident,
    party_in,
    wounded_in,
)
from massacres.reports.layout import (
    GOVERNORATE_HEADING,
    LETTER_HEADING,
    MONTH_RX,
    ROMAN_HEADING,
    WEEKDAYS,
    Block,
    heading_title,
    is_incident_start,
    split_blocks,
)
from massacres.reports.maplinks import link_score, parse_link
from massacres.reports.sources import read_source
from massacres.reports.summary import parse_summary

INCIDENT_FIELDS = record.parsed()  # an incident's fields as the parser gives them (record.py)
REPORT_FIELDS = record.report_json()  # the report object of `parse --json` (record.py)
# The heading that opens the details: "III. Details of September's Incidents", "Most Notable
# Massacres in October", "B. Massacres", "Massacres documented in May in detail".
_SECTION_NUMBER = r"(?:(?:[IVX]{1,4}|[A-H]|\d{1,2}|First|Second|Third|Fourth|Fifth|Sixth|Seventh)\s*[.\-):]\s*)?"
_DETAILS_HEAD = re.compile(
    rf"^{_SECTION_NUMBER}(?:the\s+)?(?:details\b|(?:the\s+)?most\s+notable\s+massacres\b|.*\bincidents\b"
    r"|massacres?\b.{0,60}$|.{0,40}\bmassacres\s+in\s+detail\b)",
    re.I,
)
_END_HEAD = re.compile(rf"^{_SECTION_NUMBER}(?:conclusions?|recommendations|legal\s+conclusions?)\b", re.I)
# The sentence saying who held the place names a party that did not do it.
_WHO_HELD = re.compile(r"[^.]*\b(?:control(?:led)?\s+(?:of|by)|held\s+by)\b[^.]*\.?", re.I)
_KILLING_WORDS = re.compile(r"\b(?:resulted in the killing|killing of|were killed|killed)\b", re.I)
# A paragraph that tells of a massacre as an event: an attack's verb and the word massacre. A photo
# caption names a massacre and a date too ("Victims ... in the aftermath of a massacre by Syrian
# regime forces in Armanaz town - September 29, 2017") but tells of no attack.
_MASSACRE_OF = re.compile(r"\bmassacres?\b", re.I)
_ATTACKED = re.compile(
    r"\b(?:bombed|bombarded|shelled|fired|targeted|struck|attacked|executed|stormed|dropped|opened\s+fire)\b", re.I
)
_TERMINAL = re.compile(r"""[.!?:"')]$""")  # a closing ":" introduces a link, as summary-only posts end


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
    # One geocode.Location (or None: not locatable) per incident, set by pipeline.locate; None
    # while the report is only parsed (the store then writes no locations for it).
    locations: list[Any] | None = None

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


def parse_text(
    text: str, source: str = "<text>", form_hint: str | None = None, sha256: str | None = None
) -> ParsedReport:
    if not text.strip():
        raise ReportError(source, "the file is empty")
    layout = split_blocks(text)
    form = form_hint or layout.form
    warn = _Warnings()
    blocks = _article(layout.blocks)
    start = details_start(blocks)
    end = (
        len(blocks)
        if start is None
        else next(
            (i for i in range(start + 1, len(blocks)) if _END_HEAD.match(blocks[i].text) and len(blocks[i].text) < 80),
            len(blocks),
        )
    )
    # The conclusions restate (and sometimes add) the month's figures: they are read as summary too.
    report, stated = parse_summary(blocks if start is None else blocks[: start + 1] + blocks[end:], warn)
    if report["month"] is None:
        raise ReportError(
            source,
            "not an SNHR massacres report: no report month found "
            "(no title, heading or summary sentence naming a month of massacres)",
        )
    if start is None:
        # A summary-only post: the month's stated figures, and no details to compare them with.
        if blocks and _cut_off(blocks[-1].text) and len(blocks[-1].text) >= 150:
            raise ReportError(source, "the text ends mid-paragraph: the report looks truncated", blocks[-1].last_line)
        if not stated and report["total_massacres"] is None:
            if not re.search(r"massacre", text, re.I):
                raise ReportError(
                    source, "not an SNHR massacres report: no stated figures and no incident details found"
                )
            # A month of massacres whose figures no rule read: loaded, so the gap shows (the
            # unread_figure warnings say where), never refused.
            warn("no_figures", "no stated figure could be read from the text", blocks[0].line if blocks else None)
        warn(
            "no_details",
            "no details section: the month's stated figures only, no incidents",
            blocks[-1].last_line if blocks else None,
        )
        details, end = [], len(blocks)
    else:
        details = blocks[start + 1 : end]
        if end == len(blocks) and details and _cut_off(details[-1].text):
            raise ReportError(source, "the text ends mid-paragraph: the report looks truncated", details[-1].last_line)
        if end == len(blocks):
            warn(
                "missing_end",
                "no 'Conclusions' section after the details: the report may be truncated",
                details[-1].last_line if details else None,
            )
    incidents = _parse_details(details, source, warn, truncated_tail=end == len(blocks))
    _attach_map_links(incidents, layout.urls_by_page, warn)
    parsed = ParsedReport(
        source=source,
        form=form,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        report=report,
        stated=stated,
        incidents=incidents,
        warnings=warn.items,
        details_complete=start is not None and not re.search(r"most notable", blocks[start].text, re.I),
    )
    if (
        start is not None
        and not _DETAILS_HEAD.match(blocks[start].text)
        and report["total_massacres"]
        and len(incidents) < report["total_massacres"]
    ):
        parsed.details_complete = False  # no heading says these are all, and they are fewer than stated
    parsed.report["details_complete"] = parsed.details_complete
    constraints.enforce(parsed, warn)
    _check(parsed, warn)
    return parsed


# Where a copy of a web post stops being the report: the site's sharing buttons, related posts
# (other months' titles and counts), comments.
_ARTICLE_END = re.compile(
    r"^(?:related(?:\s+(?:posts|articles|reports))?|share\s+this|like\s+this|leave\s+a\s+(?:reply|comment)|"
    r"\d+\s+(?:thoughts|comments|responses)\s+on\b|comments|you\s+may\s+also\s+like)\W*$",
    re.I,
)


def _article(blocks: list[Block]) -> list[Block]:
    end = next((i for i, b in enumerate(blocks) if i > 0 and _ARTICLE_END.match(b.text)), len(blocks))
    return blocks[:end]


def _cut_off(text: str) -> bool:
    """A last paragraph that stops mid-sentence. A short line with no full stop that tells of no
    incident ("To view the full report", a link's caption) is how web posts end, not a cut."""
    if _TERMINAL.search(text):
        return False
    return len(text) >= 80 or is_incident_start(text) or bool(_KILLING_WORDS.search(text))


def details_start(blocks: list[Block]) -> int | None:
    """Index of the block that opens the incident details, or None for a summary-only text."""

    def incidents_follow(i: int) -> bool:
        # An incident, not a dated sentence of the introduction ("On Wednesday, August 12, 2015, a
        # truce came into force"), below it, and no section end first (a table of contents).
        for x in blocks[i + 1 : i + 6]:
            if _END_HEAD.match(x.text) and len(x.text) < 80:
                return False
            if looks_like_incident(x.text) and _readable_incident(x.text):
                return True
        return False

    for i, b in enumerate(blocks):
        if (
            not b.text.startswith(("-", "Contents"))
            and len(b.text) < 80
            and not b.text.endswith(".")
            and _DETAILS_HEAD.match(b.text)
            and i + 1 < len(blocks)
            and incidents_follow(i)
        ):
            # A death-toll report's "Massacres" section opens with its own summary paragraph.
            while (
                i + 1 < len(blocks)
                and not looks_like_incident(blocks[i + 1].text)
                and not GOVERNORATE_HEADING.match(blocks[i + 1].text)
                and not LETTER_HEADING.match(blocks[i + 1].text)
                and re.search(r"massacre", blocks[i + 1].text, re.I)
                and re.search(r"\d", blocks[i + 1].text)
                and incidents_follow(i + 1)
            ):
                i += 1
            return i
    # No "Details" heading: the details start at the first section heading that names a party,
    # or at the first governorate heading, with an incident right below.
    for i, b in enumerate(blocks):
        m = LETTER_HEADING.match(b.text)
        if m and vocab.perpetrator_key(heading_title(m)) and len(b.text) < 120 and incidents_follow(i):
            return i - 1
        if GOVERNORATE_HEADING.match(b.text) and len(b.text) < 60 and incidents_follow(i):
            return i - 1
    # Nor those: a press release tells its incidents after the summary, perhaps under a bare
    # party name ("ISIS"). The first paragraph that reads as a whole incident starts them.
    for i, b in enumerate(blocks):
        if i > 0 and looks_like_incident(b.text) and _readable_incident(b.text):
            heading = len(blocks[i - 1].text) < 60 and not blocks[i - 1].text.endswith(".")
            return i - 2 if heading and i >= 2 else i - 1
    return None


def _readable_incident(text: str) -> bool:
    try:
        return bool(parse_incident(text))
    except IncidentParseError:
        return False


def _parse_details(details: list[Block], source: str, warn: _Warnings, truncated_tail: bool) -> list[dict[str, Any]]:
    perpetrator: str | None = None
    perpetrator_text: str | None = None
    governorate: str | None = None
    incidents: list[dict[str, Any]] = []
    for idx, b in enumerate(_split_merged_incidents(details)):
        text = b.text
        if (m := LETTER_HEADING.match(text)) and len(text) < 120 and not is_incident_start(text):
            title = heading_title(m).strip()
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
        if (
            len(text) < 60
            and not text.endswith(".")
            and not is_incident_start(text)
            and not _KILLING_WORDS.search(text)
            and (party := vocab.perpetrator_key(text))
            and not vocab.governorate_key(text.strip(" :-\u2013"))
        ):
            # A bare party name standing as a sub-heading ("ISIS" under "Extremist Islamic groups")
            perpetrator_text, perpetrator, governorate = text.strip(" :-\u2013"), party, None
            continue
        if len(text) < 40 and not is_incident_start(text) and (bare := vocab.governorate_key(text.strip(" :-\u2013"))):
            governorate = bare  # a heading that is only the name: "Aleppo:", "Damascus countryside"
            continue
        if (gm := GOVERNORATE_HEADING.match(text)) and len(text) < 60:
            governorate = vocab.governorate_key(gm.group("name"))
            if governorate is None:
                warn("unknown_governorate", f"governorate heading {text!r} is not a known governorate", b.line)
            continue
        if ROMAN_HEADING.match(text) and len(text) < 80:
            continue
        incident_like = looks_like_incident(text)
        if (
            incidents
            and not incident_like
            and incidents[-1]["wounded"] is None
            and (w := wounded_in(text))
            and not _KILLING_WORDS.search(text)
        ):
            # "About 20 others were wounded in the attack.": the paragraph before tells the incident.
            for rec in incidents:
                if rec["line"] == incidents[-1]["line"]:
                    rec["wounded"], rec["wounded_qualifier"] = w
            continue
        if not incident_like:
            if _KILLING_WORDS.search(text) and not text.startswith('"') and re.match(r"^[A-Z]\w+day\b", text):
                warn("unparsed_incident", "paragraph reads like an incident but has no opening date", b.line)
            elif len(text) > 80 and _MASSACRE_OF.search(text) and _ATTACKED.search(text) and dated(text):
                # "... bombed Douma on May 3, 2015, causing a massacre." with no count: a massacre told
                # in the details that cannot be a record is said, never dropped in silence.
                warn("unparsed_incident", "paragraph tells of a dated massacre but gives no number of victims", b.line)
            continue
        try:
            records = parse_incident(text)
        except IncidentParseError as exc:
            if truncated_tail and idx == len(details) - 1:
                raise ReportError(
                    source, f"the last incident paragraph is incomplete ({exc}): the report looks truncated", b.line
                ) from None
            warn("unparsed_incident", f"incident paragraph could not be parsed: {exc}", b.line)
            continue
        # Details with no party headings name the party in the paragraph ("Syrian regime
        # helicopters dropped ..."); with no governorate heading, the paragraph's governorate.
        named = (
            (party_in(text.split(" killing", 1)[0]) or party_in(_WHO_HELD.sub(" ", text)))
            if perpetrator_text is None
            else None
        )
        for rec in records:
            rec.update(
                seq=len(incidents) + 1,
                perpetrator=perpetrator or (named[0] if named else perpetrator_text or "unknown"),
                perpetrator_text=perpetrator_text if perpetrator_text is not None else (named[1] if named else None),
                governorate=governorate or rec["governorate_in_text"],
                line=b.line,
                page=b.page,
                last_page=max(b.page, b.last_page),
                paragraph=text,
                lat=None,
                lon=None,
                coord_source=None,
                map_link_name=None,
            )
            incidents.append(rec)
    return incidents


# "... were wounded. On Thursday, June 12, 2014, ISIS fighters executed seven civilians ...": a
# PDF line break lost between two incidents. A dated sentence inside a paragraph is split off only
# when it tells of a killing of its own ("On Sunday, July 7, we contacted activists" is not one).
_DATED_SENTENCE = re.compile(
    rf"(?<=[.!?])\s+(?=On (?:(?:{WEEKDAYS})\b[^,]{{0,20}},\s*(?:{MONTH_RX})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTH_RX})),\s*\d{{4}},)"
)


def _split_merged_incidents(details: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in details:
        parts = _DATED_SENTENCE.split(b.text) if looks_like_incident(b.text) else [b.text]
        keep = [parts[0]]
        for part in parts[1:]:
            if looks_like_incident(part) and _readable_incident(part):
                keep.append(part)
            else:
                keep[-1] += " " + part
        out.extend(dataclasses.replace(b, text=t) for t in keep)
    return out


def _attach_map_links(
    incidents: list[dict[str, Any]], urls_by_page: dict[int, list[tuple[int, str]]], warn: _Warnings
) -> None:
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
            scored = sorted(
                (
                    (
                        max(link_score(link.name, [c["place"], c["site"], c["parent_place"]]) for c in recs),
                        recs[0]["seq"],
                        recs,
                    )
                    for recs in paragraphs
                ),
                key=lambda t: (-t[0], t[1]),
            )
            best = [recs for score, _, recs in scored if scored and score == scored[0][0]]
            # Tied paragraphs that name the same place share the place's point; others are ambiguous.
            if not scored or scored[0][0] < 0.5 or len({recs[0]["place"] for recs in best}) > 1:
                if paragraphs:
                    warn(
                        "map_link_unattributed",
                        f"map link to {link.name!r} matches no single incident on its page",
                        line,
                    )
                continue
            for rec in (r for recs in best for r in recs):
                if rec["lat"] is None:
                    rec.update(lat=link.lat, lon=link.lon, coord_source="map_link", map_link_name=link.name)


def _check(parsed: ParsedReport, warn: _Warnings) -> None:
    month = parsed.report["month"]
    for inc in parsed.incidents:
        date = dt.date.fromisoformat(inc["date"])
        weekday = inc.pop("weekday_stated")
        if weekday and date.strftime("%A") != weekday:
            warn("weekday_mismatch", f"the paragraph's weekday does not fall on {inc['date']}", inc["line"], inc["seq"])
        if date.strftime("%Y-%m") > month:
            warn(
                "date_after_report",
                f"incident dated {inc['date']} is after the report's month {month}",
                inc["line"],
                inc["seq"],
            )
        if inc["governorate"] and inc["governorate_in_text"] and inc["governorate"] != inc["governorate_in_text"]:
            warn(
                "governorate_conflict",
                f"under the {inc['governorate']} heading, but the paragraph names {inc['governorate_in_text']}",
                inc["line"],
                inc["seq"],
            )
        if inc["governorate"] is None:
            warn(
                "no_governorate",
                "no governorate heading above the incident and none named in it",
                inc["line"],
                inc["seq"],
            )
        if inc["perpetrator"] not in vocab.PERPETRATORS:
            warn("unknown_perpetrator", f"incident under section {inc['perpetrator']!r}", inc["line"], inc["seq"])
        if inc["place"] is None:
            warn("no_place", "no place could be read from the paragraph", inc["line"], inc["seq"])
        parts = sum(inc[k] or 0 for k in ("children", "women", "fetuses"))
        if inc["killed"] is not None and parts > inc["killed"]:
            warn(
                "breakdown_exceeds_killed",
                f"children {inc['children']} + women {inc['women']} + fetuses {inc['fetuses']} exceed killed {inc['killed']};"
                " breakdown dropped",
                inc["line"],
                inc["seq"],
            )
            inc["children"] = inc["women"] = inc["fetuses"] = None
    if parsed.incidents or parsed.details_complete:
        _compare_stated(parsed, warn)  # a summary-only text has nothing to compare its figures with


def _compare_stated(parsed: ParsedReport, warn: _Warnings) -> None:
    added_up = documented.totals(parsed.incidents)
    scope = "" if parsed.details_complete else " (the details list only the most notable massacres)"
    for row in parsed.stated:
        if not documented.compared(row["dimension"]):
            continue  # a share, a year-to-date toll, all civilians killed: not the month's massacres
        got = added_up.get((row["dimension"], row["key"]), {})
        for measure in documented.MEASURES:
            if measure not in row:
                continue
            have = got.get(measure, 0)
            if have == row[measure]:
                continue
            why = scope
            if measure == "children" and got.get("fetuses") and have + got["fetuses"] == row[measure]:
                why = f" (the report counts the {got['fetuses']} fetuses among children)"
            warn(
                "stated_differs",
                f"{row['dimension']} {row['key']}: stated {measure} {row[measure]}, details add up to {have}{why}",
                row.get("line"),
            )
