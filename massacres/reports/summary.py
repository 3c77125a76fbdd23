"""Report-level facts: month, kind, title, and the figures the report states.

Stated figures are the report's own claims and are complete, where the incident details
may be only "the most notable" massacres; they are kept apart and compared, never merged.
Each sentence is read by `figures.read_sentence`, which finds every figure by what it counts;
this module gives each sentence its context (which list it belongs to, which period its
section is about), routes the figures to the report's fields and stated rows, checks the
report against itself, and says which numbers it could not read (`unread_figure`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from massacres.reports import record, vocab
from massacres.reports.figures import Context, Figure, area_dimension, holds_figure, read_sentence, sentence_scope
from massacres.reports.layout import MONTH_RX, MONTHS, Block
from massacres.reports.numbers import NUMBER, SMALL_COUNT_WORDS, ImplausibleCount, to_int
from massacres.reports.report_month import Heading, read_heading

Warn = Callable[..., None]
REPORT_KEYS = record.report_summary()  # the report fields the summary fills (record.py)

# Sentences end at a full stop; a list of "Name N" pairs can also run into the next sentence
# with no stop when a PDF line break was its only end ("..., Hasakah 1 In those massacres, ...").
_ANY_COUNT = re.compile(NUMBER, re.I)
_DATED_EVENT = re.compile(
    rf"^(?:On\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"(?:(?:{MONTH_RX})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTH_RX})),?\s+\d{{4}},\s",
    re.I,
)  # not a dateline "April 2, 2018 -"
_RUN_ON = re.compile(r"(?<=\d)\s+(?=(?:In|The|According|SNHR|These|Those|This)\s)")
_SENTENCE_SPLIT = re.compile(
    r"(?<=[a-z0-9%)\]'\"])[.!?]\s+(?=[A-Z\"'])|(?<=\d)\s+(?=(?:In|The|According|SNHR|These|Those|This)\s)"
)
# "Syrian regime forces (army, ...): 177 individuals, including ...": a list item however long.
_LABELLED = re.compile(rf"^[^:.\d]{{2,150}}:\s*(?:\d|(?:{SMALL_COUNT_WORDS}|eleven|twelve)\b)", re.I)
_INLINE_INTRO = re.compile(
    r"^(?P<intro>[^:]{0,120}\b(?:governorates?|provinces?|perpetrators?|parties|party|areas? of control)\b[^:]{0,60}):\s*",
    re.I,
)
_ITEM_LIKE = re.compile(r"[A-Za-z]\s*[:,\u2013-]?\s*\d+\b(?!\s*%|\s+[a-z])")
_LIST_INTRO = re.compile(r"\bas follows\b|:\s*$|\bdistributed\b|\bbreakdown\b|\bbroken down\b", re.I)
_INTRO_WORDS = re.compile(r"\bas follows\b|\bdistributed\b|\bbreakdown\b|\bbroken down\b", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-\u2013\u2014\u2022*]|[A-Ha-h][.\-)]|[ivxIVX]{1,4}[.\-)]|\d{1,2}[.)]\s)")
_HEADING = re.compile(r"^(?:[A-H]|[IVX]{1,4})[.\-)]\s*\S.{0,100}$")
_YEAR_ONLY_HEADING = re.compile(rf"\b(?:19|20)\d\d\b(?!.*\b(?:{MONTH_RX})\b)", re.I)
_DEATH_TOLL_WORDS = re.compile(r"death toll|\bvictims\b|\bkilled\b|\bdeaths\b", re.I)
_MASSACRE = re.compile(r"massacre", re.I)
# Year-to-date periods: the words, and the months they cover.
_BETWEEN = re.compile(
    rf"between\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+year\s+)?(?P<year>\d{{4}})\s+and\s+(?:the\s+(?:start|beginning|end)\s+of\s+)?(?P<month>{MONTH_RX})",
    re.I,
)
_HALF = re.compile(r"(?P<which>first|second)\s+half\s+of\s+(?:the\s+year\s+)?(?P<year>\d{4})?", re.I)
_FIRST_MONTHS = re.compile(r"first\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})\s+months", re.I)
_YTD_WORDS = re.compile(
    r"(?:since|from)\s+the\s+(?:start|beginning|outset)\s+of\s+(?:the\s+year\s*)?(?:\d{4})?|so\s+far\s+(?:this|in)\s+(?:year|\d{4})|"
    r"bringing\s+the\s+(?:total|toll|tally|number)[^,.;]*|(?:in|during|throughout)\s+(?:the\s+year\s+)?\d{4}|this\s+year",
    re.I,
)


_COLUMN_MEASURES = {
    "massacres": "massacres",
    "massacre": "massacres",
    "victims": "killed",
    "killed": "killed",
    "dead": "killed",
    "deaths": "killed",
    "toll": "killed",
    "children": "children",
    "child": "children",
    "women": "women",
    "woman": "women",
    "percent": "percent",
    "share": "percent",
    "%": "percent",
}


def _column_word(cell: str) -> str:
    words = re.findall(r"[a-z%]+", cell.lower())
    return next((w for w in reversed(words) if w in _COLUMN_MEASURES), words[-1] if words else "")


class StatedFigures:
    """Accumulates one row per (dimension, key); the first statement of a measure is kept and a
    later different one is returned so the caller can warn."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}

    def add(self, dimension: str, key: str, line: int, **measures: Any) -> list[tuple[str, Any, Any]]:
        row = self.rows.setdefault((dimension, key), {"dimension": dimension, "key": key, "line": line})
        clashes = []
        for k, v in measures.items():
            if v is None:
                continue
            if k in row and row[k] != v:
                clashes.append((k, row[k], v))
            row.setdefault(k, v)
        return clashes

    def as_list(self) -> list[dict[str, Any]]:
        order = {"total": 0, "victims_share": 1, "perpetrator": 2}
        return sorted(
            self.rows.values(),
            key=lambda r: order.get(r["dimension"], 3 if r["dimension"].endswith("area_of_control") else 4),
        )


def _non_figure(sentence: str) -> bool:
    return any(rx.search(sentence) for rx in vocab.non_figure_patterns())


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_SPLIT.split(text) if s.strip()]


class _Reader:
    """Walks the summary's blocks, keeping the context a list or a section gives its lines."""

    def __init__(self, heading: Heading, warn: Warn) -> None:
        self.heading = heading
        self.warn = warn
        self.stated = StatedFigures()
        self.report: dict[str, Any] = {k: None for k in REPORT_KEYS}
        self.section_scope = "year_report" if heading.kind == "year" else "month"
        self.list_ctx: Context | None = None
        self.totals: list[tuple[int | float, int, str]] = []  # the month's total massacres: (value, line, source)
        self.table: tuple[str, list[str | None]] | None = None  # (what rows name, each column's measure)
        self.weak_totals: list[tuple[str, Any, int]] = []  # victims from sentences that do not name massacres
        self.title_civilians = False
        self.prev_measure: str | None = (
            None  # what the sentence before counted (in the same paragraph)  # a death-toll report's title gave the month's civilians killed
        )

    # -- context ----------------------------------------------------------------------------
    def _base_scope(self) -> str:
        return "ytd" if self.section_scope in ("ytd", "year_report") else "month"

    def _heading_scope(self, text: str) -> None:
        if len(text) > 100 or text.endswith("."):
            return
        if re.search(rf"\b(?:{MONTH_RX})\b", text, re.I) and _MASSACRE.search(text):
            self.section_scope = "month"
        elif _YEAR_ONLY_HEADING.search(text) and _MASSACRE.search(text):
            self.section_scope = "ytd"

    def _intro_context(self, sentence: str) -> Context:
        """What the items of the list this sentence opens count, whose, and for which period."""
        lower = sentence.lower()
        ctx = Context(
            scope=self._scope_of(sentence),
            massacre_list=bool(_MASSACRE.search(sentence)),
            month_name=self.month_name,
            year=self.year,
        )
        if re.search(r"governorates?|provinces?", lower):
            ctx.subject_kind = "governorate"
        elif re.search(r"areas? of control|control of|areas? under|controlled", lower):
            ctx.subject_kind = "area"
            parties = vocab.perpetrator_spans(sentence)
            ctx.area_party = parties[0][2] if parties else None
        else:
            ctx.subject_kind = "perpetrator"
        if _DEATH_TOLL_WORDS.search(sentence) and not re.match(r"^\W*(?:the\s+)?(?:\w+'s\s+)?massacres\b", lower):
            ctx.default_measure = "killed"
        else:
            ctx.default_measure = "massacres"
        return ctx

    def _scope_of(self, sentence: str) -> str:
        return sentence_scope(sentence) or self._base_scope()

    # -- reading ----------------------------------------------------------------------------
    def table_row(self, b: Block) -> bool:
        """A table flattened to lines, cells split by "|": a header names each column's measure
        ("Perpetrator | Victims | Children | Women"), each row a label and its counts."""
        cells = [c.strip() for c in b.text.split("|")]
        if len(cells) < 2:
            self.table = None
            return False
        if not any(re.search(r"\d", c) for c in cells[1:]):
            measures = [_COLUMN_MEASURES.get(_column_word(c)) for c in cells[1:]]
            if not any(measures):
                return False
            kind = "governorate" if re.search(r"governorate|province", cells[0], re.I) else "perpetrator"
            self.table = (kind, measures)
            self.list_ctx = None
            return True
        if self.table is None or len(cells) != len(self.table[1]) + 1:
            return False
        kind, measures = self.table
        label = cells[0]
        key = vocab.governorate_key(label) if kind == "governorate" else vocab.perpetrator_key(label)
        subject = ("total", "all") if re.match(r"^(?:the\s+)?total\b", label, re.I) else (kind, key) if key else None
        if subject is None:
            self.warn(
                f"unknown_{kind}",
                f"the table names an unknown {'party' if kind == 'perpetrator' else kind}: {label!r}",
                b.line,
            )
            return True
        for cell, measure in zip(cells[1:], measures):
            if not measure:
                continue
            try:
                value = to_int(re.sub(r"\s*%$", "", cell))
            except (ValueError, ImplausibleCount):
                self.warn(
                    "unread_figure", f"a table cell the parser could not read: {cell!r} in {b.text[:200]!r}", b.line
                )
                continue
            self.route(Figure(measure, value, subject, self._base_scope(), b.text), b.line, b.text, False)
        return True

    def block(self, b: Block) -> None:
        text = b.text
        if "|" in text and self.table_row(b):
            return
        if _HEADING.match(text) or (
            len(text) < 90 and not re.search(r"[.:]$", text) and not re.search(r"\b\d{1,3}\b", text)
        ):
            self._heading_scope(text)
            self.prev_measure = None  # a new section: what the last paragraph counted no longer carries
        is_item = bool(_LIST_ITEM.match(text) or _LABELLED.match(text)) or (
            (len(text) < 120 or len(re.findall(r"[:,\u2013-]\s*\d+\b", text)) >= 2) and not text.rstrip().endswith(".")
        )
        if (
            is_item
            and not _LIST_ITEM.match(text)
            and text.rstrip().endswith(":")
            and len(text) > 40
            and _INTRO_WORDS.search(text)
        ):
            is_item = False  # "71 civilians were killed ..., distributed as follows:" opens a list of its own
        inline = _INLINE_INTRO.match(text)
        if inline and len(_ITEM_LIKE.findall(text[inline.end() :])) >= 2:
            # "Massacres by governorate: Aleppo: 22 / Homs: 7": a list and its intro on one line
            self.list_ctx = self._intro_context(inline.group("intro"))
            self.sentence(text, b.line, keep_context=True)
            return
        parts = _RUN_ON.split(text) if is_item and self.list_ctx is not None else sentences(text)
        if (
            self.list_ctx is not None
            and not is_item
            and not (
                len(_ITEM_LIKE.findall(parts[0])) >= 2
                and not re.search(
                    r"\b(?:were|was|is|are|documented|killed|responsible|perpetrated|committed|bringing)\b", parts[0]
                )
            )
        ):
            self.list_ctx = None  # prose again: the list is over
        for n, sentence in enumerate(parts):
            if n == 1:
                self.list_ctx = None  # the items ran into a sentence of prose
            self.sentence(sentence, b.line)

    def sentence(self, sentence: str, line: int, header: bool = False, keep_context: bool = False) -> None:
        # "SNHR documented 7 massacres. Government forces were responsible for 3 of them, Russian
        # forces committed 1": the next sentence's bare counts, given to parties, count the same.
        carried = (
            self.prev_measure if self.list_ctx is None and not header and vocab.perpetrator_spans(sentence) else None
        )
        if (
            not header
            and not carried
            and self.list_ctx is None
            and not _LIST_INTRO.search(sentence)
            and not (_ANY_COUNT.search(sentence) and holds_figure(sentence))
        ):
            # No count of anything the summary states, and no list opening: nothing to read (most of
            # an introduction; read_sentence would find no figure and flag no number in it either).
            return
        if _non_figure(sentence):
            return
        ctx = self.list_ctx or Context(
            scope=self._base_scope(),
            attached_only=header,
            month_name=self.month_name,
            # a subtitle's bare count ("... perpetrated 10 of them") counts what the title does
            default_measure="massacres"
            if header and self.heading.title and _MASSACRE.search(self.heading.title)
            else carried,
            year=self.year,
        )
        try:
            reading = read_sentence(sentence, ctx)
        except ImplausibleCount as exc:
            self.warn("implausible_count", f"{exc}: figure skipped", line)
            return
        if self.list_ctx is not None and not reading.figures and not reading.unread and not _MASSACRE.search(sentence):
            if vocab.perpetrator_key(sentence) or vocab.governorate_key(sentence.strip(" -:")):
                # "A. Government forces (army, ...):" with its count on the next line
                self.list_ctx.pending_label = re.sub(
                    r"^[\s\-\u2013\u2022*]*(?:[A-Ha-h]|[ivxIVX]{1,4})?[.\-)]?\s*", "", sentence
                ).strip(" :")
                return
        elif self.list_ctx is not None:
            self.list_ctx.pending_label = None
        if _DATED_EVENT.match(sentence):
            # "On May 25, 2016, Syrians marked the anniversary of the al Houla massacre, in which 108
            # civilians ... were killed": an event told in the introduction, not the month's toll.
            reading.unread.extend(f.text for f in reading.figures if f.measure != "percent")
            reading.figures = []
        if not header:
            self.prev_measure = "massacres" if "massacres" in reading.measures else None
        for fig in reading.figures:
            self.route(fig, line, sentence, header)
        for words in reading.unread:
            self.warn(
                "unread_figure", f"a number the parser could not read: {words[:160]!r} in {sentence[:200]!r}", line
            )
        for kind, label in reading.unknown:
            code = "unknown_perpetrator" if kind == "perpetrator" else "unknown_governorate"
            self.warn(
                code,
                f"the summary names an unknown {'party' if kind == 'perpetrator' else 'governorate'}: {label!r}",
                line,
            )
        if (
            not header
            and not keep_context
            and _LIST_INTRO.search(sentence)
            and (sentence.rstrip().endswith(":") or re.search(r"as follows", sentence, re.I))
        ):
            self.list_ctx = self._intro_context(sentence)

    def route(self, fig: Figure, line: int, sentence: str, header: bool) -> None:
        dimension, key = fig.subject
        value = int(fig.value) if isinstance(fig.value, float) and fig.value.is_integer() else fig.value
        if fig.measure == "percent" and value > 100:
            self.warn("implausible_count", f"a share of {value}%: figure skipped", line)
            return
        if fig.scope == "other":
            return  # another month's figure, given for comparison: read, and not this report's
        if (
            header
            and self.heading.kind == "death_toll"
            and (dimension, key) == ("total", "all")
            and fig.measure != "massacres"
        ):
            # The title counts every civilian killed that month (and its children and women).
            if fig.measure == "killed" and not self.title_civilians:
                self.report["civilians_killed"], self.title_civilians = value, True
            elif fig.measure != "killed":
                self.stated.add("civilians_total", "all", line, **{fig.measure: value})
            return
        if dimension.startswith("civilians_") and fig.scope != "ytd":
            self.stated.add(dimension, key, line, **{fig.measure: value})
            return
        if fig.scope == "ytd":
            if (dimension, key) == ("total", "all") and fig.measure == "massacres":
                if self.report["ytd_massacres"] is None:
                    self.report["ytd_massacres"] = value
                    self.report["ytd_period"], self.report["ytd_period_text"] = self._ytd_period(sentence)
                return
            self.stated.add(f"ytd_{dimension}", key, line, **{fig.measure: value})
            return
        if (dimension, key) == ("total", "all") and fig.measure == "massacres":
            self.totals.append((value, line, "title" if header else "summary"))
            return
        unlinked = (
            fig.measure != "massacres"
            and not _MASSACRE.search(sentence)
            and not (self.list_ctx is not None and self.list_ctx.massacre_list)
        )
        if unlinked and self.heading.kind != "death_toll" and (dimension, key) == ("total", "all"):
            # Victims in a sentence that says nothing of massacres ("we recorded 24 civilians killed
            # in the three governorates"): the month's massacre victims only if no sentence about
            # the massacres gives them.
            self.weak_totals.append((fig.measure, value, line))
            return
        if self.heading.kind == "death_toll" and unlinked:
            # A death-toll report counts every civilian killed that month: not massacre victims.
            if (dimension, key) == ("total", "all"):
                if fig.measure == "killed" and self.report["civilians_killed"] is None and fig.scope == "month":
                    self.report["civilians_killed"] = value
                return
            self.stated.add(f"civilians_{dimension}", key, line, **{fig.measure: value})
            return
        if dimension == "perpetrator" and key == "syrian_russian_alliance":
            dimension = "joint_perpetrator"  # not a party of its own beside the two it joins: kept apart
        clashes = self.stated.add(dimension, key, line, **{fig.measure: value})
        for measure, first, second in clashes:
            if not header:
                self.warn(
                    "stated_twice",
                    f"{dimension} {key}: {measure} stated as {first} and as {second}; the first is kept",
                    line,
                )

    def _ytd_period(self, sentence: str) -> tuple[str | None, str | None]:
        month = self.month
        if month is None:
            return None, None
        year, mon = month
        if m := _BETWEEN.search(sentence):
            y, named = int(m.group("year")), MONTHS.index(m.group("month").capitalize()) + 1
            # "between the start of 2017 and October": the count runs to the end of September
            # (the next report's toll minus this one's equals that month's total).
            end = named - 1 if named > 1 else 12
            return f"{y}-01/{y}-{end:02d}", sentence[m.start() :]
        if m := _HALF.search(sentence):
            y = int(m.group("year") or year)
            return (f"{y}-01/{y}-06" if m.group("which").lower() == "first" else f"{y}-07/{y}-12"), m.group(0)
        if m := _FIRST_MONTHS.search(sentence):
            n = to_int(m.group("n"))
            return f"{year}-01/{year}-{n:02d}", m.group(0)
        if self.heading.kind == "year":
            said = _YTD_WORDS.search(sentence) or re.search(r"\d{4}", sentence)
            return f"{year}-01/{year}-12", said.group(0) if said else sentence
        words = _YTD_WORDS.search(sentence)
        return f"{year}-01/{year}-{mon:02d}", words.group(0) if words else None

    @property
    def month(self) -> tuple[int, int] | None:
        return self.heading.month

    @property
    def year(self) -> int | None:
        return self.heading.month[0] if self.heading.month else None

    @property
    def month_name(self) -> str | None:
        return MONTHS[self.heading.month[1] - 1] if self.heading.month else None


def parse_summary(blocks: list[Block], warn: Warn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Report fields and stated figures from the blocks before the incident details."""
    heading = read_heading(blocks)
    reader = _Reader(heading, warn)
    skip = {id(b) for b in heading.subtitle} | {id(b) for b in heading.title_blocks}
    title_line = heading.title_line
    for b in blocks:
        if b.line == title_line or id(b) in skip:
            continue
        if heading.title and len(b.text) < len(heading.title) + 40 and b.text.endswith(heading.title):
            continue  # a running header repeating the title at the top of a PDF page
        reader.block(b)
    body_totals = list(reader.totals)
    # The title and subtitle state figures too; the summary's own sentences come first.
    reader.list_ctx = None
    header_scope = reader.section_scope
    reader.section_scope = "year_report" if heading.kind == "year" else "month"
    if heading.title:
        reader.sentence(heading.title, title_line or 1, header=True)
    if heading.subtitle:
        joined = " ".join(b.text for b in heading.subtitle)
        reader.section_scope = "month"
        reader.sentence(joined, heading.subtitle[0].line, header=True)
    reader.section_scope = header_scope
    report = reader.report
    report.update(
        month=f"{heading.month[0]:04d}-{heading.month[1]:02d}" if heading.month else None,
        kind=heading.kind,
        title=heading.title,
        published=heading.published,
    )
    title_totals = [t for t in reader.totals if t[2] == "title"]
    if body_totals:
        report["total_massacres"] = body_totals[0][0]
        reader.stated.add("total", "all", body_totals[0][1], massacres=body_totals[0][0])
        for value, line, _ in body_totals[1:]:
            if value != body_totals[0][0]:
                warn(
                    "stated_twice",
                    f"the month's total is stated as {body_totals[0][0]} and as {value}; the first is kept",
                    line,
                )
    elif title_totals:
        report["total_massacres"] = title_totals[0][0]
        reader.stated.add("total", "all", title_totals[0][1], massacres=title_totals[0][0])
    rows = reader.stated.rows
    if reader.weak_totals and not any(m in rows.get(("total", "all"), {}) for m in ("killed", "children", "women")):
        for measure, value, line in reader.weak_totals:
            reader.stated.add("total", "all", line, **{measure: value})
    total_row = rows.get(("total", "all"), {})
    report["victims_total"] = total_row.get("killed")
    report["victims_children"] = total_row.get("children")
    report["victims_women"] = total_row.get("women")
    if body_totals and title_totals and title_totals[0][0] != body_totals[0][0]:
        party_sum = sum(r.get("massacres", 0) for (d, _), r in rows.items() if d == "perpetrator")
        supports = (
            "the party list supports the summary's"
            if party_sum == body_totals[0][0]
            else "the party list supports the title's"
            if party_sum == title_totals[0][0]
            else ""
        )
        warn(
            "title_disagrees",
            f"the title states {title_totals[0][0]} massacres, the summary {body_totals[0][0]}; "
            f"the summary's is stored{'; ' + supports if supports else ''}",
            title_totals[0][1],
        )
    _joint_item_as_party(report, reader.stated)
    check_summary(report, reader.stated.as_list(), warn)
    return report, reader.stated.as_list()


def _joint_item_as_party(report: dict[str, Any], stated: StatedFigures) -> None:
    """A joint Syrian-Russian figure is either the two parties' massacres together ("11 of them:
    seven by ... and four by ..."), kept as joint_perpetrator (its details are the regime's,
    Russia's and the joint incidents), or an item of the party list in its own right
    ("Syrian/Russian warplanes (we could not distinguish which): 1"), told by the list adding up to
    the month's total only with it: then it is the party syrian_russian_alliance, whose details are
    the incidents attributed to the two jointly, and one of the parts the total adds up from."""
    joint = stated.rows.get(("joint_perpetrator", "syrian_russian_alliance"))
    total = report.get("total_massacres")
    parties = [r for (dimension, _), r in stated.rows.items() if dimension == "perpetrator"]
    if (
        joint is None
        or total is None
        or "massacres" not in joint
        or not parties
        or any("massacres" not in r for r in parties)
        or ("perpetrator", "syrian_russian_alliance") in stated.rows
    ):
        return
    listed = sum(r["massacres"] for r in parties)
    if listed != total and listed + joint["massacres"] == total:
        del stated.rows[("joint_perpetrator", "syrian_russian_alliance")]
        joint["dimension"] = "perpetrator"
        stated.rows[("perpetrator", "syrian_russian_alliance")] = joint


def check_summary(report: dict[str, Any], stated: list[dict[str, Any]], warn: Warn) -> None:
    """The report against itself: lists that should add up to the total, breakdowns above their
    total, shares that do not fit their counts. Both numbers are kept; the difference is a warning."""
    total = report.get("total_massacres")
    by_dim: dict[str, list[dict[str, Any]]] = {}
    for row in stated:
        by_dim.setdefault(row["dimension"], []).append(row)
    # (A joint Syrian-Russian item of the party list in its own right is a party by now:
    # _joint_item_as_party.)
    for dim, code in (("perpetrator", "perpetrator_sum_differs"), ("governorate", "governorate_sum_differs")):
        counts = [r["massacres"] for r in by_dim.get(dim, []) if "massacres" in r]
        if total is not None and counts and len(counts) == len(by_dim.get(dim, [])) and sum(counts) != total:
            warn(
                code,
                f"the {dim} list adds up to {sum(counts)} massacres, the month's total is {total}",
                by_dim[dim][0].get("line"),
            )
    for dim, rows in by_dim.items():
        if not dim.endswith("area_of_control"):
            continue
        party = "syrian_regime" if dim == "regime_area_of_control" else dim[: -len("_area_of_control")]
        own = next((r.get("massacres") for r in by_dim.get("perpetrator", []) if r["key"] == party), None)
        counts = [r.get("massacres", 0) for r in rows]
        if own is not None and sum(counts) != own:
            warn(
                "area_sum_differs",
                f"the area-of-control list of {party} adds up to {sum(counts)}, its stated count is {own}",
                rows[0].get("line"),
            )
    for row in stated:
        killed, children, women = row.get("killed"), row.get("children"), row.get("women")
        if killed is not None and (children or 0) + (women or 0) > killed:
            warn(
                "victims_breakdown_exceeds",
                f"{row['dimension']} {row['key']}: children {children} + women {women} exceed the {killed} killed",
                row.get("line"),
            )
    share = next((r for r in stated if r["dimension"] == "victims_share" and r["key"] == "women_and_children"), None)
    victims = report.get("victims_total")
    if share and victims and report.get("victims_children") is not None and report.get("victims_women") is not None:
        computed = 100 * (report["victims_children"] + report["victims_women"]) / victims
        if abs(computed - share["percent"]) >= 2:
            warn(
                "percent_mismatch",
                f"{share['percent']}% of victims stated as women and children; the stated counts give {computed:.1f}%",
                share.get("line"),
            )
    if total:
        for row in by_dim.get("perpetrator", []):
            if "percent" in row and "massacres" in row and abs(100 * row["massacres"] / total - row["percent"]) >= 2:
                warn(
                    "percent_mismatch",
                    f"perpetrator {row['key']}: {row['percent']}% stated, {row['massacres']} of {total} "
                    f"massacres is {100 * row['massacres'] / total:.1f}%",
                    row.get("line"),
                )


__all__ = ["parse_summary", "check_summary", "area_dimension", "StatedFigures", "REPORT_KEYS"]
