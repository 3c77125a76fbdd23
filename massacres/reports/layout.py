"""From raw report text to blocks: paragraphs and headings with their line numbers.

Two forms reach us. Web text puts a paragraph on one line; text extracted from the PDF
wraps lines at the page width, hyphenates words across breaks, starts each page with a
space and leaves the page's link annotations as bare URL lines at its end.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# The date words live with the date grammar; re-exported for the modules that read them here.
from massacres.reports.dates import MONTH_RX as MONTH_RX
from massacres.reports.dates import MONTHS as MONTHS
from massacres.reports.dates import WEEKDAYS as WEEKDAYS
from massacres.reports.dates import opens_with_date

_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u200f": "",
        "\u200e": "",
        "\ufeff": "",
    }
)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
# A page footer left inside the text by PDF extraction: an e-mail address, the site, a document
# code, a page number, the organisation's name ("info@sn4hr.org   www.sn4hr.org   M150203",
# "SNHR – Syrian Network for Human Rights   www.sn4hr.org"). Dropped wherever it falls.
_FOOTER_TOKEN = re.compile(
    r"""
    [\w.+-]+@[\w-]+(?:\.[\w-]+)+          # an e-mail address
    |(?:https?://|www\.)\S+               # the site
    |[A-Z][A-Z0-9-]*\d[A-Z0-9-]*           # a document code: M150203, R190701
    |[A-Z]{2,6}                           # SNHR
    |\d{1,3}                              # a page number
    |page|of                              # "page 3 of 12"
    |Syrian|Network|for|Human|Rights       # the organisation's name
    |[|\u2022\u2013\u2014-]                 # separators
    """,
    re.X,
)


def _is_footer(line: str) -> bool:
    tokens = line.split()
    return (
        len(tokens) >= 2
        and any("@" in t or t.lower().startswith("www.") for t in tokens)
        and all(_FOOTER_TOKEN.fullmatch(t) for t in tokens)
    )


_TERMINAL = re.compile(r"""[.!?:"')\]]$""")
# A dash opens a list item; an en dash before a lower-case word continues a name ("X – al Y").
_BULLET = re.compile(r"^(?:[-\u2022*]\s+\S|[\u2013\u2014]\s+[A-Z0-9])")
_BEFORE_DATE = re.compile(
    r"\b(?:on|of|since|until|till|from|and|between|by|before|after|that|than|to|the|last|[-\u2013,])$", re.I
)
_NUMBERED_LINE = re.compile(r"^\d{1,2}[.)-]\s+[A-Z]")
_LABEL_LINE = re.compile(r"^[A-Z][\w' -]{2,60}:\s+\S")
# In wrapped text only a bare weekday opening starts an incident ("Wednesday, 13 August 2014,",
# "Monday, May 4, 2015,"); "On Saturday, July 13, ..." inside a paragraph is the date activists
# confirmed it.
_WEEKDAY_FIRST = re.compile(rf"^(?:{WEEKDAYS})\b", re.I)


def _opening_line(line: str) -> bool:
    return bool(_WEEKDAY_FIRST.match(line)) and opens_with_date(line)


_LIST_ITEM = re.compile(
    r"^(?:[-\u2022*]\s+|[\u2013\u2014]\s+[A-Z0-9]|\d{1,2}\.\s+|[A-H]\.\s*\S|[A-H][-)]\s*\S|[ivx]{1,4}[-.)]\s*\S)"
)
ROMAN_HEADING = re.compile(r"^(?P<num>[IVX]{1,4})\.\s*(?P<title>\S.{0,100})$")
LETTER_HEADING = re.compile(
    r"""
    ^(?P<letter>[A-H])(?:\.|\)|\s?-)                                # "A. X", "A) X", "A- X"
    \s*(?P<title>[A-Z].{0,110})$
    |
    ^(?P<ordinal>First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth)  # "First: Massacres committed by X",
    \s*[:.\-\u2013]\s*(?P<title2>[A-Z].{0,110})$                      #   "Second - ISIS" (2014's reports)
    """,
    re.X,
)


def heading_title(m: re.Match[str]) -> str:
    """The words of a lettered or ordinal section heading after its letter or ordinal."""
    return m.group("title") or m.group("title2")


GOVERNORATE_HEADING = re.compile(r"^(?P<name>[A-Z][\w' -]{1,40}?)\s+(?:governorate|province)$", re.I)


def clean(text: str) -> str:
    """Straight quotes, no markdown link syntax, one space between words."""
    text = _MD_LINK.sub(r"\1", text.translate(_QUOTES))
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Block:
    text: str
    line: int  # 1-based line of the block's first line
    last_line: int
    page: int  # pages are counted in PDF text; web text is one page
    last_page: int = -1  # the page of the block's last line (a paragraph may run over a page break)
    urls: list[str] = field(default_factory=list)  # URL lines that ended this block's page


@dataclass
class Layout:
    form: str  # "web" or "pdf_text"
    blocks: list[Block]
    urls_by_page: dict[int, list[tuple[int, str]]]


def detect_form(lines: list[str]) -> str:
    content = [ln.rstrip() for ln in lines if ln.strip() and not _URL_LINE.match(ln)]
    long_lines = [ln for ln in content if len(ln) > 50]
    if not long_lines:
        return "web"
    # Hard-wrapped text breaks most long lines mid-sentence; web paragraphs end in punctuation.
    open_ended = sum(1 for ln in long_lines if not _TERMINAL.search(ln))
    very_long = sum(1 for ln in long_lines if len(ln) > 160)
    return "pdf_text" if open_ended > 0.4 * len(long_lines) and very_long < 0.2 * len(long_lines) else "web"


# Short words that stand on their own inside a compound ("surface-to-surface", "well-known"):
# a line break after "surface-to-" keeps its hyphen, one after "forcibly-dis-" does not.
_COMPOUND_PARTS = {
    "to",
    "and",
    "of",
    "in",
    "on",
    "by",
    "up",
    "the",
    "for",
    "at",
    "off",
    "out",
    "self",
    "non",
    "well",
    "ill",
    "half",
    "all",
    "war",
    "pro",
    "anti",
    "ex",
    "co",
}


def join_wrapped(parts: list[str], vocabulary: set[str] | None = None) -> str:
    """Join hard-wrapped lines, undoing hyphenation at line ends.

    `vocabulary` (lower-case words seen elsewhere in the document) settles a hyphen the
    rules cannot: a word the document also writes whole is joined whole.
    """
    vocabulary = vocabulary or set()
    out = ""
    for part in parts:
        part = part.strip()
        if not out:
            out = part
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].isalpha():
            # Both patterns can match nothing, so they always match: the word before and after the hyphen.
            fragment = re.findall(r"[\w'-]*$", out[:-1])[0]
            rest = re.findall(r"^[\w'-]*", part)[0]
            whole = (fragment + rest).lower()
            hyphened = (fragment + "-" + rest).lower()
            if whole in vocabulary and hyphened not in vocabulary:
                keep = False
            elif hyphened in vocabulary and whole not in vocabulary:
                keep = True
            else:
                last_piece = fragment.rsplit("-", 1)[-1].lower() if "-" in fragment else ""
                keep = part[0].isupper() or last_piece in _COMPOUND_PARTS
            out = out + part if keep else out[:-1] + part
        else:
            out += " " + part
    return out


def _is_short_heading(stripped: str) -> bool:
    # "Methodology", "Conclusions", "The Russian guarantors": a short line without
    # sentence punctuation standing between paragraphs of wrapped text.
    return (
        len(stripped) < 45
        and not re.search(r"[.,;:]$", stripped)
        and stripped[:1].isupper()
        # "The village was" cut by a page break is a sentence, not a heading
        and not re.search(r"\b(?:was|were|is|are|the|of|in|at|to|and|a|an|by|for|with|under|on|from)$", stripped)
    )


def _is_heading(stripped: str) -> bool:
    if _URL_LINE.match(stripped):
        return False
    if ROMAN_HEADING.match(stripped) and len(stripped) < 80:
        return True
    if GOVERNORATE_HEADING.match(stripped):
        return True
    m = LETTER_HEADING.match(stripped)
    # "A- Government forces (army, security services, ... and foreign" runs on: no heading
    return (
        bool(m)
        and len(stripped) < 120
        and not stripped.endswith((".", ","))
        and stripped.count("(") <= stripped.count(")")
    )


def _vocabulary(lines: list[str]) -> set[str]:
    words: set[str] = set()
    for ln in lines:
        # Words inside a line, not at its ends, where a break may have cut them.
        inner = ln.strip().split()[1:-1]
        words.update(w.strip(".,;:()\"'").lower() for w in inner)
    return words


def _full_width(lines: list[str]) -> float:
    """The width lines are wrapped at: a line this long was cut by the wrap, not ended."""
    lengths = sorted(len(ln.rstrip()) for ln in lines if len(ln.strip()) > 20 and not _URL_LINE.match(ln))
    return float(lengths[int(len(lengths) * 0.9)]) if lengths else 80.0


_SPACED_HYPHEN = re.compile(r"\b([A-Za-z]+)- ([a-z]+)\b")


def _join_spaced_hyphens(line: str, vocabulary: set[str]) -> str:
    """A word broken across a PDF line and joined back with a space: "chil- dren" -> "children"
    when the document writes "children" elsewhere, "fixed- wing" -> "fixed-wing" when it writes that."""

    def join(m: re.Match[str]) -> str:
        whole, hyphened = m.group(1) + m.group(2), f"{m.group(1)}-{m.group(2)}"
        if whole.lower() in vocabulary:
            return whole
        # Else only a compound the document writes whole elsewhere: "-five minutes apart- that"
        # is a dash around an aside, not a broken word.
        return hyphened if hyphened.lower() in vocabulary else m.group(0)

    return _SPACED_HYPHEN.sub(join, line)


# The end of a report's title: the month it covers, or the year ("... in November 2015").
_TITLE_END = re.compile(rf"\b(?:(?:{MONTH_RX})\s+)?(?:19|20)\d\d$", re.I)


# A table laid out as text (PDF text keeps its columns apart with runs of spaces, a web copy with
# tabs): cells split at a tab or at two spaces or more.
_CELL_GAP = re.compile(r"\t+\s*|\s{2,}")
_NUMBER_CELL = re.compile(
    r"""
    ^(?:\d{1,3}(?:,\d{3})+|\d+)   # a count, with thousands commas or not
    (?:\s?%)?$                    # or a share
    |^[-\u2013\u2014]$             # a dash: nothing in that cell
    """,
    re.X,
)


def _table_rows(lines: list[str]) -> dict[int, str]:
    """Line number -> the row as "label | cell | cell" for each line of a table: a label and two
    numbers or more in cells of their own, and the header line right above such rows (its cells
    as many). A sentence never splits so: justified text's double spaces leave words, not numbers."""
    cells = [
        [c for c in _CELL_GAP.split(ln.strip()) if c] if "\t" in ln or "  " in ln.strip() else [ln.strip()]
        for ln in lines
    ]
    rows: dict[int, str] = {}
    for i, row in enumerate(cells):
        if len(row) >= 3 and re.search(r"[A-Za-z]", row[0]) and all(_NUMBER_CELL.match(c) for c in row[1:]):
            rows[i + 1] = " | ".join(row)
            above = next((j for j in range(i - 1, -1, -1) if lines[j].strip()), None)
            if (
                above is not None
                and above + 1 not in rows
                and len(cells[above]) == len(row)
                and not any(re.search(r"\d", c) for c in cells[above])
            ):
                rows[above + 1] = " | ".join(cells[above])
    return rows


def split_blocks(text: str) -> Layout:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    form = detect_form(lines)
    vocabulary = _vocabulary(lines)
    lines = [_join_spaced_hyphens(ln, vocabulary) if "- " in ln else ln for ln in lines]
    full_width = _full_width(lines)
    table = _table_rows(lines)
    blocks: list[Block] = []
    urls_by_page: dict[int, list[tuple[int, str]]] = {}
    page = 0
    current: list[str] = []
    start = 0
    start_page = 0
    last = 0

    def flush() -> None:
        nonlocal current
        if current:
            blocks.append(Block(clean(join_wrapped(current, vocabulary)), start, last, start_page, page))
        current = []

    # A running header: the same line opening page after page ("SNHR - 19 Massacres Documented ...").
    openings = Counter(ln.strip() for ln in lines if ln[:1] == " " and ln[1:2] != " " and len(ln.strip()) < 120)
    running = (
        {
            ln
            for ln, n in openings.items()
            if n >= 2 and len(ln) >= 20 and not _is_heading(ln) and not _TERMINAL.search(ln)
        }
        if form == "pdf_text"
        else set()
    )
    prev_url = False
    for idx, raw in enumerate(lines, start=1):
        if running and raw[:1] == " " and raw.strip() in running:
            page += 1  # it opens a page, and says nothing of its own
            prev_url = False
            continue
        if ("@" in raw or "www." in raw) and _is_footer(raw):
            continue  # a page footer inside a paragraph: the paragraph goes on past it
        if (
            form == "pdf_text"
            and re.fullmatch(r"\s*\d{1,3}\s*", raw)
            and (
                not current
                or re.search(r"[.!?\"')]$", current[-1])
                or re.match(r"^ \S", next((ln for ln in lines[idx : idx + 3] if not _is_footer(ln)), ""))
            )
        ):
            # A page number on a line of its own: after a finished sentence, or right before the
            # next page's first line. A count wrapped alone follows an open line mid-page.
            continue
        stripped = raw.strip()
        if not stripped:
            flush()
            continue
        if _URL_LINE.match(raw):
            if form != "pdf_text" or not current or _TERMINAL.search(current[-1]):
                flush()  # a page's links end it; a paragraph still open goes on on the next page
            urls_by_page.setdefault(page, []).append((idx, stripped))
            prev_url = True
            continue
        if form == "pdf_text" and (prev_url or (raw[:1] == " " and raw[1:2] != " ")):
            # A page starts after its predecessor's link block or with a leading space.
            page += 1
        prev_url = False
        if idx in table:
            flush()  # a table row is a block of its own, its cells kept apart
            blocks.append(Block(table[idx], idx, idx, page, page))
            continue
        new_block = form == "web" or not current or _is_heading(stripped)
        if not new_block and form == "pdf_text":
            prev_text = current[-1].rstrip()
            if prev_text.endswith(("-", ",")):
                new_block = False  # a hyphenated word or a list broken after a comma continues here
            elif re.match(r"^\d+(?:,(?!\d{3})|\s*$)", stripped) or re.fullmatch(r"[a-z-]+", stripped):
                new_block = False  # a count or word wrapped onto a line of its own: "...militias): / 21"
            elif (_BULLET.match(current[0]) or _LABEL_LINE.match(current[0]) or _NUMBERED_LINE.match(current[0])) and (
                len(prev_text) < 0.9 * full_width
            ):
                new_block = True  # a list item ends where its line stops short: what follows is not part of it
            elif (
                _BULLET.match(stripped)
                or prev_text.endswith(":")
                or (
                    (_LABEL_LINE.match(stripped) or _NUMBERED_LINE.match(stripped))
                    and len(prev_text) < 0.9 * full_width
                )
            ):  # "Russian forces: 186 civilians, ..." or "2. ISIS: 2 massacres" after a short line
                new_block = True
            elif _opening_line(stripped) and not _BEFORE_DATE.search(prev_text):
                # A full opening date starts an incident even after a caption with no period;
                # only a line ending in "On", "since", ... carries a date mid-sentence.
                new_block = True
            elif (
                _TERMINAL.search(prev_text)
                and (_LIST_ITEM.match(stripped) or raw[:1] == " " or _is_short_heading(stripped))
                or _is_heading(current[-1].strip())
                or (len(current) == 1 and _is_short_heading(prev_text))
            ):
                new_block = True
            elif not blocks and _TITLE_END.search(prev_text) and stripped[:1].isupper():
                new_block = True  # the title ends with its month and year; the subtitle is a block of its own
            elif len(prev_text) < 0.6 * full_width and stripped[:1].isupper() and not prev_text.endswith(("-", ",")):
                # A line that stops well short of the wrap width ended its paragraph, punctuated or
                # not ("Aleppo 11, Idlib 9, ..., Hasakah 1" before "In those massacres, ...").
                new_block = True
        if new_block:
            flush()
            start = idx
            start_page = page
        current.append(stripped)
        last = idx
        if form == "pdf_text" and _is_heading(stripped):
            flush()
    flush()
    return Layout(form, blocks, urls_by_page)


def is_incident_start(text: str) -> bool:
    """The paragraph opens with a date, in any of the series' forms (dates.py)."""
    return opens_with_date(text)
