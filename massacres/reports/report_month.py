"""Which month a report covers, what kind of document it is, and its title.

The series says its month in many places and ways: a title ("No Fewer than Seven Massacres
in Syria in February 2015", "36 Massacres were Perpetrated at Least during April 2015"), a
heading ("Toll of massacres in September 2017"), the total sentence ("SNHR documented in the
month of May no less than 44 massacres"), a death-toll title ("212 Civilians ... Documented
Killed in Syria in May 2020"), a year report's subtitle ("Including Nine Massacres in
December"), or a press release's "in the month of March" with the year in its dateline. Each
source is tried in that order of trust; a month named without its year takes the year from the
title, the dateline or the years the text names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from massacres.reports.layout import MONTH_RX, MONTHS, WEEKDAYS, Block
from massacres.reports.numbers import NUMBER

KINDS = ("monthly", "year", "death_toll", "press_release")
_MONTH_YEAR = re.compile(rf"\b(?P<month>{MONTH_RX})\s*,?\s*(?:of\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)
_NUMERIC_MONTH = re.compile(r"\b(?P<month>0?[1-9]|1[0-2])/(?P<year>(?:19|20)\d\d)\b")  # "3/2016"
_MONTH_ALONE = re.compile(
    rf"\b(?:in|during|for|of|throughout)\s+(?:the\s+month\s+of\s+)?(?P<month>{MONTH_RX})\b(?!\s*,?\s*\d)", re.I
)
_YEAR_ONLY = re.compile(
    r"\b(?:(?:in|during|for|throughout|of)\s+(?:syria\s+in\s+|the\s+year\s+)?|the\s+year\s+)(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
_COUNT_WORDS = NUMBER  # digits or words, as numbers.py reads them
# A title counts massacres (or, from 2019, civilians killed) in a month or a year.
_TITLE_MASSACRES = re.compile(rf"\b{_COUNT_WORDS}\s+(?:\w+\s+){{0,2}}massacres?\b", re.I)
_TITLE_DEATHS = re.compile(
    rf"\b{_COUNT_WORDS}\s+civilians?\b.*\b(?:killed|deaths?|died)\b|\b(?:death|deaths|killing)\s+of\s+{_COUNT_WORDS}\s+civilians?\b|\bdeath toll\b",
    re.I,
)
_TOLL_HEADING = re.compile(rf"toll of massacres in\s+(?P<month>{MONTH_RX})\s+(?P<year>\d{{4}})", re.I)
_INCLUDING_MONTH = re.compile(rf"\bincluding\s+{_COUNT_WORDS}\s+massacres?\s+in\s+(?P<month>{MONTH_RX})\b", re.I)
_PRESS = re.compile(
    r"\b(?:said|stated|announced|revealed)\s+(?:today|in\s+(?:its|a)\s+(?:monthly\s+)?report\s+(?:released|issued|published)\s+today)\b"
    r"|\b(?:released|issued|published)\s+today\b",
    re.I,
)
_DATELINE = re.compile(rf"(?:(?:{WEEKDAYS}),\s+)?(?P<month>{MONTH_RX})\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})", re.I)
_PUBLISHED_LINE = re.compile(
    rf"^(?:[A-Z][\w ]{{0,30}}[,:\u2013-]\s*)?(?:(?:{WEEKDAYS}),\s+)?(?P<month>{MONTH_RX})\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})\s*[.:\u2013-]?$",
    re.I,
)
_SECTION_START = re.compile(
    r"^(?:-\s*)?(?:[IVX]{1,4}[.\-)]\s*)?(?:Contents|Introduction|Executive Summary|Summary|Methodology)\b", re.I
)
# Site navigation glued before a title ("HomeReportsNo less than ..."): cut at the count's qualifier.
_TITLE_START = re.compile(
    rf"(?:no\s+(?:less|fewer)\s+than|not\s+less\s+than|at\s+least|{_COUNT_WORDS}\s+(?:\w+\s+){{0,2}}(?:massacres?|civilians?))",
    re.I,
)


def month_index(name: str) -> int:
    """'March' or '3' -> 3."""
    return int(name) if name.isdigit() else MONTHS.index(name.capitalize()) + 1


def _month_year(text: str) -> re.Match[str] | None:
    """ "March 2016", "March, 2016", "March of 2016", or "3/2016"."""
    return _MONTH_YEAR.search(text) or _NUMERIC_MONTH.search(text)


@dataclass
class Heading:
    month: tuple[int, int] | None  # (year, month)
    kind: str
    title: str | None
    title_line: int | None
    published: str | None
    subtitle: list[Block]  # the short lines between the title and the text
    year_total_title: bool  # a year report: the title's count is the year's
    title_blocks: list[Block]  # the blocks the title is set in (one, or a cover page's few lines)


def header_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks before the report's first section or first long paragraph."""
    out = []
    for b in blocks:
        if _SECTION_START.match(b.text) or len(b.text) > 300 or (len(b.text) > 100 and b.text.rstrip().endswith(".")):
            break  # the first section, or the first paragraph of text
        out.append(b)
    return out


def _is_title(text: str) -> bool:
    """A count of massacres (or of civilians killed) and the month or year it is for."""
    return bool(_TITLE_MASSACRES.search(text) or _TITLE_DEATHS.search(text)) and bool(
        _month_year(text) or _YEAR_ONLY.search(text)
    )


def _title(header: list[Block]) -> tuple[list[Block], str | None]:
    """The title's blocks and words. A title set over several lines of a cover page ("231
    Civilians, Including 61 Children and 33" / "Women, Documented Killed in Syria in July" /
    "2019") is one title."""
    for i, b in enumerate(header):
        if len(b.text) > 200 or (b.text.rstrip().endswith(".") and len(b.text) > 100):
            continue  # a paragraph, not a title: titles are short and end without a full stop
        for width in (1, 2, 3):
            parts = header[i : i + width]
            if len(parts) < width or any(len(p.text) > 200 or p.text.rstrip().endswith(".") for p in parts):
                break
            text = " ".join(p.text for p in parts)
            if _is_title(text):
                if width > 1 and _is_title(" ".join(p.text for p in parts[1:])):
                    break  # the title starts below this block (a site's navigation line, the site's name)
                m = _TITLE_START.search(text)
                if m and m.start() > 0 and not re.search(r"\s$", text[: m.start()]):
                    text = text[m.start() :]  # navigation words glued to the title
                return parts, text.strip()
    return [], None


def _published(header: list[Block]) -> dt.date | None:
    for b in header:
        m = _PUBLISHED_LINE.match(b.text)
        if m:
            try:
                return dt.date(int(m.group("year")), month_index(m.group("month")), int(m.group("day")))
            except ValueError:
                return None
    return None


def _dateline(blocks: list[Block]) -> dt.date | None:
    """A press release's dateline ("Syria, April 2, 2018 - SNHR said today ..."): a date at the
    start of one of the first paragraphs."""
    for b in blocks[:40]:
        m = re.match(rf"^(?:[A-Z][\w ]{{0,30}}[,:]\s*)?{_DATELINE.pattern}", b.text, re.I)
        if m:
            try:
                return dt.date(int(m.group("year")), month_index(m.group("month")), int(m.group("day")))
            except ValueError:
                continue
    return None


def _year_for(month: int, published: dt.date | None, texts: list[str]) -> int | None:
    """The year of a month named without one: the publication date's (a report comes out after
    its month), else the year the text names most."""
    if published:
        return published.year if month <= published.month else published.year - 1
    years = Counter(int(y) for t in texts for y in re.findall(r"\b((?:19|20)\d\d)\b", t) if 2011 <= int(y) <= 2035)
    return years.most_common(1)[0][0] if years else None


def read_heading(blocks: list[Block]) -> Heading:
    """Month, kind and title from the summary's blocks (everything before the details)."""
    header = header_blocks(blocks)
    title_blocks, title = _title(header)
    title_block = title_blocks[-1] if title_blocks else None
    published = _published(header)
    texts = [b.text for b in blocks]
    all_text = "\n".join(texts)
    kind = "monthly"
    month: tuple[int, int] | None = None
    year_total_title = False
    if title:
        if _TITLE_DEATHS.search(title) and not re.search(
            r"^\W*(?:no|not|at)\b.*massacre|^\W*\S+\s+(?:\w+\s+)?massacres", title, re.I
        ):
            kind = "death_toll"
        m = _month_year(title)
        if m:
            month = (int(m.group("year")), month_index(m.group("month")))
        elif (ym := _YEAR_ONLY.search(title)) and kind == "monthly":
            kind, year_total_title = "year", True
            inc = _INCLUDING_MONTH.search(all_text)
            month = (int(ym.group("year")), month_index(inc.group("month")) if inc else 12)
    if month is None:
        m = _TOLL_HEADING.search(all_text)
        if m:
            month = (int(m.group("year")), month_index(m.group("month")))
    if month is None:
        month = _month_from_sentences(texts, published or _dateline(blocks))
    if _PRESS.search(all_text[:4000]) and kind == "monthly":
        kind = "press_release"
    subtitle = []
    if title_block is not None:
        after = header[header.index(title_block) + 1 :]
        for b in after[:4]:
            if (
                _PUBLISHED_LINE.match(b.text)
                or re.match(r"^(?:SNHR|SYRIAN NETWORK FOR HUMAN RIGHTS)$", b.text, re.I)
                or re.match(r"^(?:by|posted|published)\b", b.text, re.I)
                or "|" in b.text
                or len(b.text) > 150
                or b.text.rstrip().endswith(".")
            ):
                break  # a byline, a dateline or a sentence: the subtitle is over
            subtitle.append(b)
    return Heading(
        month,
        kind,
        title,
        title_blocks[0].line if title_blocks else None,
        published.isoformat() if published else None,
        subtitle,
        year_total_title,
        title_blocks,
    )


_MASSACRE_SENTENCE = re.compile(r"massacre", re.I)


def _month_from_sentences(texts: list[str], published: dt.date | None) -> tuple[int, int] | None:
    """The month a sentence about massacres names: with its year, or with the year inferred."""
    for t in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", t):
            if not _MASSACRE_SENTENCE.search(sentence):
                continue
            m = _month_year(sentence)
            if m and not re.search(r"\b(?:start|beginning|since|between)\b", sentence[: m.start()], re.I):
                return int(m.group("year")), month_index(m.group("month"))
            m = _MONTH_ALONE.search(sentence)
            if m:
                year = _year_for(month_index(m.group("month")), published, texts)
                if year:
                    return year, month_index(m.group("month"))
    return None
