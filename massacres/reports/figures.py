"""One summary sentence -> the figures it states, found by what each number counts.

The series words the same figure in many ways ("Government forces: 20", "seven at the hands
of Syrian regime forces", "one massacre was perpetrated by unidentified groups", "22 of the
26 massacres", "Aleppo 4, Idlib 3", "bringing the total since the start of the year to 167").
Rather than one regular expression per sentence shape, each number is read on its own:

1. *what it counts*: the noun after it (massacres, victims, children, women, a percentage);
   a bare number takes the measure its list or sentence is about;
2. *whose it is*: the party, governorate or area of control named in the stretch of text
   between it and its neighbouring numbers ("by X" right after it first, then the nearest
   name before it); no name means the month's total;
3. *which period*: the month, or a year-to-date / half-year / year toll (words like "since
   the start of the year", "in the first half of 2016", "in 2016" with no month).

A victims count takes the breakdown that follows it ("including 139 children and 85 women").
Every number that looks like a figure but was not read is returned too, so the caller can
say so (`unread_figure`) instead of losing it silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from massacres.reports import vocab
from massacres.reports.documented import area_dimension
from massacres.reports.incident import breakdown_at
from massacres.reports.layout import MONTH_RX
from massacres.reports.numbers import NUMBER, SMALL_COUNT_WORDS, ImplausibleCount, to_int

MEASURES = ("massacres", "percent", "killed", "children", "women")

# A count as the summaries write it; never inside a word, a code ("M170901"), a model ("Su-24")
# or a time ("12:00").
_TOKEN = re.compile(
    rf"(?<![\w.\-/:])(?P<n>{NUMBER})(?P<pct>\s?(?:%|per ?cent\b))?(?!:\d)"
    rf"|(?<![\w.\-/:])(?P<dec>\d{{1,3}}\.\d+)(?P<dpct>\s?(?:%|per ?cent\b))",
    re.I,
)
# What the number counts: the noun right after it (adjectives allowed between).
_ADJ = r"(?:(?:more|other|further|additional|new|separate|documented|recorded|civilian|innocent|adult|in total)\s+)*"
_NOUN_AFTER = [
    ("massacres", re.compile(rf"^\s+{_ADJ}massacres?\b", re.I)),
    ("killed", re.compile(rf"^\s+{_ADJ}(?:victims?|individuals?|civilians?|persons?|people|deaths?|dead)\b", re.I)),
    ("killed", re.compile(r"^\s*(?:,\s*)?(?:were|was|have been|had been)\s+(?:\w+\s+)?killed\b", re.I)),
    ("children", re.compile(rf"^\s+{_ADJ}(?:(?:female|male)\s+)?(?:children|child|kids|minors|infants?)\b", re.I)),
    ("women", re.compile(rf"^\s+{_ADJ}(?:women|woman|females?)\b", re.I)),
]
# "22 of the 26 massacres": the first number is a part of the second.
# "22 of the 26 massacres", "Nine of the Month's Ten Massacres", "45 of the massacre victims"
_PART_OF = re.compile(
    r"^\s+of\s+(?:the\s+|all\s+|these\s+|those\s+)*\d|^\s+of\s+(?:[\w']+\s+){0,3}?(?:massacres|(?:massacre\s+)?(?:victims|dead|deaths))\b",
    re.I,
)
# A number with nothing after it but punctuation, "and", or who it belongs to.
_BARE_AFTER = re.compile(
    r"^(?:\s*$|\s+of\s+them\b|\s*[,.;:)/|\u2013\u2014-]|\s+(?:[ivx]{1,4}|[a-hA-H])[.)\-]\s|\s+(?:and|or|while|whereas|with|in|by|at|amongst|among|of which|which|each|"
    r"respectively|massacre)\b)",
    re.I,
)
# "by X" / "at the hands of X" right after a number (and its noun): X is whose it is.
_CONNECTOR = re.compile(
    r"^\W*(?:%|per ?cent)?\s*(?:massacres?\s+)?(?:amongst which|among them|of which|of them)?\s*"
    r"(?:(?:were|was|had been|have been|has been)\s+)?(?:(?:perpetrated|committed|carried out|caused)\s+)?"
    r"(?:by|at the hands of)\s+(?:the\s+)?$",
    re.I,
)
_IN_CONNECTOR = re.compile(
    r"^\W*(?:massacres?\s+)?(?:(?:were|was)\s+)?(?:documented\s+)?(?:in|at)\s+(?:the\s+)?$", re.I
)
_BREAKDOWN_INTRO = re.compile(
    rf"\s*(?:at least\s+|no less than\s+)?(?:victims\s+)?(?:,\s*)?\s*(?:\(|including|amongst(?:\s+them)?|among(?:\s+them|\s+whom)?|of whom|of them|,\s*of them|:|(?=(?:\d+|an?|{SMALL_COUNT_WORDS})\s+(?:of them|of whom|were)\b))\s*:?\s*",
    re.I,
)
# A clause that goes on about the figure before it: its numbers are the same party's.
_RELATIVE = re.compile(
    r"(?:^|[,(])\s*(?:in\s+which|in\s+these|during\s+which|which\s+(?:killed|left|claimed)|that\s+killed|killing|and\s+killed|"
    r"leaving|that\s+is|or|i\.e\.|representing|which\s+is|making\s+up|accounting\s+for)\s+$|\(\s*$",
    re.I,
)
_SHARE_OF_SUBSET = re.compile(
    r"^\s*(?:%|per ?cent)?\s*of\s+(?:the\s+)?(?:massacres|victims)\s+(?:committed|perpetrated|documented)\s+(?:by|in)\b",
    re.I,
)
_VICTIM_WORDS = re.compile(r"\b(?:victims?|killed|deaths?|death toll|individuals|civilians|people|persons)\b", re.I)
_WOMEN_AND_CHILDREN = re.compile(r"\b(?:women and children|children and women)\b", re.I)
_CONTROL = re.compile(
    r"\b(?:under\s+the\s+(?:joint\s+)?control\s+of|controlled\s+by)\s+(?P<who>.+?)(?=[,;.]|$|\s+(?:and|while)\s+(?=\d))",
    re.I,
)

# Year-to-date, half-year and whole-year tolls, beside the month's own figures.
_YTD = re.compile(
    rf"since\s+the\s+(?:start|beginning|outset)\s+of|between\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+year\s+)?\d{{4}}|"
    rf"so\s+far\s+(?:this|in)\b|(?:first|second)\s+half\s+of|first\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1, 2})\s+months|"
    rf"bringing\s+the\s+(?:total|toll|tally|number)|total\s+for\s+the\s+year|this\s+year|the\s+year\s+\d{{4}}|"
    rf"(?:in|during|throughout|for|of)\s+(?:the\s+year\s+(?:of\s+)?)?(?:19|20)\d\d\b(?!\s*[,-]?\s*(?:{MONTH_RX}))|"
    rf"\b(?:19|20)\d\d\b\s+(?:as\s+a\s+whole|in\s+total)",
    re.I,
)
_OTHER_PERIOD = re.compile(
    r"\bsince\s+(?:then|that\s+(?:date|day|time)|it\s+(?:began|started)|(?:19|20)\d\d\b|(?:the\s+)?(?:start|beginning|outset)\s+of\s+"
    r"(?:the\s+|this\s+|that\s+)?(?:campaign|offensive|operation|escalation|conflict|uprising|revolution|war|popular\s+uprising))",
    re.I,
)
_MONTH_WORDS = re.compile(
    rf"\b(?:in|during|for|of|throughout)\s+(?:the\s+month\s+of\s+)?(?:{MONTH_RX})\b|\b(?:{MONTH_RX})'s\b|"
    rf"\bthis\s+month\b|\bthe\s+month\b|\blast\s+month\b",
    re.I,
)


@dataclass
class Figure:
    measure: str  # one of MEASURES
    value: int | float
    subject: tuple[str, str]  # (dimension, key): ("perpetrator", "russia"), ("total", "all"), ...
    scope: str  # "month" or "ytd"
    text: str  # the words it was read from


@dataclass
class Reading:
    figures: list[Figure] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # figure-like numbers no rule read
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (kind, label) names not in a vocabulary
    measures: set[str] = field(default_factory=set)  # what the sentence counts, for the list it may open


@dataclass
class Context:
    """What the surrounding text says about the numbers of a sentence."""

    default_measure: str | None = None  # a bare number's measure (from the list's intro)
    subject_kind: str | None = None  # "perpetrator", "governorate", "area": what the list's items name
    area_party: str | None = None  # whose massacres an area-of-control list counts
    scope: str = "month"  # the section's or list's period
    pending_label: str | None = None  # a list heading whose count is on the next line
    # A title's words run together ("Alliance Forces Trump Other Parties again with 32
    # Massacres"): only a name tied to the number ("... by X", "at the hands of X") is its owner.
    attached_only: bool = False
    massacre_list: bool = False  # the list's intro speaks of massacres (not of all civilians killed)
    month_name: str | None = None  # the report's month ("March"): a clause naming another is not about it
    year: int | None = None  # the report's year: a sentence naming only other years is not about the month


@dataclass
class _Token:
    start: int
    end: int
    value: int | float
    measure: str | None  # None: a bare number
    noun_end: int  # end of the number's noun (or of the number)
    part_of: bool = False
    bare: bool = False  # nothing after it but punctuation, "and", or whose it is
    whole: bool = False  # the M of "N of the M massacres"
    used: bool = False


def mask_parentheses(text: str) -> str:
    """Blank out parenthesised asides holding no number ("(army, security, militias)"), so that
    their commas and party names do not split or claim a figure; positions are kept."""

    def blank(m: re.Match[str]) -> str:
        inner = m.group(0)
        return inner if re.search(rf"\d|\b(?:{SMALL_COUNT_WORDS})\b", inner, re.I) else " " * len(inner)

    return re.sub(r"\([^()]*\)", blank, text)


_BREAKDOWN_FOLLOWS = re.compile(
    rf"[,\s]*(?:including|amongst|among\s+them|\()\s*(?:\d|{SMALL_COUNT_WORDS}|an?\b)", re.I
)
_KILLING = re.compile(r"kill|death|dead\b|died|victim|toll|massacre|lost their lives|slain", re.I)
# Nouns after a number that show it counts something else ("four months", "12 missiles").
_UNIT_AFTER = re.compile(
    r"^\s+(?:[a-z-]+\s+)?(?:months?|years?|days?|weeks?|hours?|minutes?|seconds?|rounds?|missiles?|rockets?|shells?|"
    r"bombs?|barrels?|mortars?|houses?|homes?|buildings?|km|kilomet(?:er|re)s?|met(?:er|re)s?|times|zones?|states?|"
    r"countries|sessions?|agreements?|reports?|accounts?|(?:eye)?witness(?:es)?|interviews?|neighbou?rhoods?|"
    r"villages?|towns?|cities|governorates?|provinces?|parties|factions?|air ?strikes?|raids?|attacks?|strikes?|"
    r"pictures?|videos?|photos?|pages?|languages?|sides?|stages?|phases?|points?|articles?|paragraphs?|"
    r"members?|offices?|decades?|centuries|testimon(?:y|ies)|sources?|soldiers?|fighters?|troops|militants?|"
    r"percent of the territory)\b",
    re.I,
)


def _tokens(text: str, killing: bool = False) -> list[_Token]:
    """Every number that may be a figure; a number that is plainly something else (a date, a
    year, a time, "four months") is left out."""
    found = []
    for m in _TOKEN.finditer(text):
        if m.group("dec"):
            found.append(_Token(m.start(), m.end(), float(m.group("dec")), "percent", m.end()))
            continue
        raw = m.group("n")
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() :]
        if m.group("pct"):
            found.append(_Token(m.start(), m.end(), to_int(raw), "percent", m.end()))
            continue
        if not text[: m.start()].strip(" -\u2013\u2022*(") and re.match(r"^[.)\-]\s", after):
            continue  # an item's number: "1. The Security Council must ..."
        if re.search(rf"(?:{MONTH_RX})\s*$", before, re.I) or re.match(
            rf"^\s*(?:st|nd|rd|th)?\s*(?:(?:and|-|\u2013)\s*\d{{1,2}}\s*)?(?:of\s+)?(?:{MONTH_RX})\b", after, re.I
        ):
            continue  # a day of a date: "May 8", "8 May", "3 and 4 of May"
        if re.fullmatch(r"(?:19|20)\d\d", raw) and not re.match(
            r"^\s+(?:massacres?|victims|civilians|individuals)", after, re.I
        ):
            continue  # a year
        if re.match(r"^[-\u2013]\d", after) or re.search(r"\d[-\u2013]$", before):
            continue  # a range of days "14-15"
        if re.match(r"^/(?:19|20)\d\d\b", after):
            continue  # a month written "3/2016"
        if re.search(
            r"\b(?:resolutions?|no\.|number|article|paragraph|round|phase|chart|figure|table|graph|annex|appendix|page)\s+"
            r"(?:\d+\s*(?:,|and)\s*)*$",
            text[: m.start()],
            re.I,
        ):
            continue  # "Security Council resolutions 2139 and 2254", "Chart 1: ..."
        if re.search(r"(?:\.{3,}|\u2026+)\s*$", before):
            continue  # a page number after a table of contents' dotted leader
        try:
            value: int | float = to_int(raw)
        except ImplausibleCount:
            if any(rx.match(after) for _, rx in _NOUN_AFTER if _ != "killed") or re.match(
                r"^\s+massacres?", after, re.I
            ):
                raise
            continue  # "350,000 people fled": no massacre figure comes near it
        measure, noun_end = None, m.end()
        for name, rx in _NOUN_AFTER:
            noun_m = rx.match(after)
            if noun_m:
                measure, noun_end = name, m.end() + noun_m.end()
                break
        if (
            measure == "killed"
            and not killing
            and not _KILLING.search(text)
            and not _BREAKDOWN_FOLLOWS.match(text, noun_end)
        ):
            continue  # "100,000 civilians are still trapped": people, but not the dead ("51 civilians including 14 children" are)
        tok = _Token(m.start(), m.end(), value, measure, noun_end)
        if measure is None:
            if _PART_OF.match(after):
                tok.part_of = True
            elif _BARE_AFTER.match(after):
                tok.bare = True
            elif _UNIT_AFTER.match(after) or not raw[0].isdigit():
                continue  # "four months", "12 missiles", "one side": not a figure
            if (
                not raw[0].isdigit()
                and re.match(r"^\s+(?:of\s+the\b|another\b|by one\b)", after, re.I)
                and not tok.part_of
            ):
                continue  # "one of the", "one another"
        found.append(tok)
    return found


def _parties(text: str) -> list[tuple[int, int, str]]:
    return vocab.perpetrator_spans(text)


def _governorates(text: str) -> list[tuple[int, int, str]]:
    return vocab.governorate_spans(text)


def _pick(
    spans: list[tuple[int, int, str]],
    text: str,
    tok: _Token,
    lo: int,
    hi: int,
    claimed: set[int],
    attached_only: bool = False,
) -> tuple[int, int, str] | None:
    """The name a number belongs to: connected right after it, else the nearest before it in its
    stretch, else the first after it in its stretch."""
    after = [s for s in spans if s[0] >= tok.noun_end and s[0] < hi and s[0] not in claimed]
    for s in after:
        if _CONNECTOR.match(text[tok.noun_end : s[0]]) or _IN_CONNECTOR.match(text[tok.noun_end : s[0]]):
            return s
    # A name followed by its own count ("... as follows: Syrian regime forces: 14") is the next
    # number's label, not this one's owner.
    after = [
        s
        for s in after
        if not re.match(
            rf"^(?:\s+(?!and\b|or\b|in\b|by\b|with\b|while\b)[\w']+){{0,2}}\s*[:\u2013-]?\s*(?:\d|(?:{SMALL_COUNT_WORDS})\b)",
            text[s[1] : s[1] + 40],
            re.I,
        )
    ]
    if attached_only:
        # In a title the sentence's subject owns its count ("Syrian-Russian Alliance Forces
        # Trump Other Parties again with 32 Massacres").
        first = [s for s in spans if s[1] <= tok.start and s[0] not in claimed]
        return first[0] if first and len(spans) >= 1 and first[0] == spans[0] else None
    before = [s for s in spans if s[1] <= tok.start and s[0] >= lo and s[0] not in claimed]
    if before:
        return before[-1]
    # "59% of all massacres documented in October were in Deir Ez-Zour governorate": a name later
    # in the same clause; past a comma it is another clause's ("..., most of them in Daraa").
    if after and not re.search(r"[,;]", text[tok.noun_end : after[0][0]]):
        return after[0]
    return None


def _scope(text: str, start: int, end: int, ctx: Context, whole: str | None) -> str:
    """ytd when the clause around the number (or, failing a month of its own, its sentence) names
    a year-to-date period; else the context's. `whole` is the sentence's own period (sentence_scope)."""
    left = max(text.rfind(sep, 0, start) for sep in (",", ";", " while ", " whereas ", "("))
    rights = [i for i in (text.find(sep, end) for sep in (",", ";", " while ", " whereas ")) if i >= 0]
    clause = text[left + 1 if left >= 0 else 0 : min(rights) if rights else len(text)]
    if _YTD.search(clause):
        return "ytd"
    if _MONTH_WORDS.search(clause):
        return "month"
    if _OTHER_PERIOD.search(clause):
        return "other"  # "the death toll since then exceeded 1,100": a campaign's, not the month's
    if other_month(clause, ctx):
        return "other"  # "compared with February (54)": another month's figure
    years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)}
    if ctx.year and years and ctx.year not in years:
        return "other"  # "Since March 2011, SNHR has documented more than 1,150 massacres"
    if whole == "ytd" and not _YTD.search(text[:start]):
        # The year-to-date words come after this number, in a clause of their own ("The four
        # massacres killed 36 ..., bringing the total since the start of 2020 to 17"): not its period.
        return "month" if _MONTH_WORDS.search(text) else ctx.scope
    return whole or ctx.scope


def other_month(clause: str, ctx: Context) -> bool:
    """The clause names a month, and not the report's own."""
    if not ctx.month_name:
        return False
    named = {m.lower() for m in re.findall(rf"\b({MONTH_RX})\b", clause, re.I)}
    return bool(named) and ctx.month_name.lower() not in named


def sentence_scope(text: str) -> str | None:
    """The period a sentence names outside any one clause: ytd, month, or None."""
    if not _YTD.search(text):
        return "month" if _MONTH_WORDS.search(text) else None
    return "month" if _MONTH_WORDS.search(_YTD.sub(" ", text)) else "ytd"


_SMALL = rf"(?:{NUMBER}|an?)"
_BREAKDOWN_GAP = re.compile(
    rf"\(|\bincluding\b|\bamongst\b|\bamong\b|\bof whom\b|\bof them\b|,\s*(?={_SMALL}\s+(?:of them|of whom|were)\b)"
    rf"|:\s*(?={_SMALL}\s+(?:children|child|women|woman)\b)",
    re.I,
)


def _breakdown_after(text: str, pos: int, limit: int) -> tuple[dict[str, int], int] | None:
    """The breakdown of a victims count: "(three children and their parents)", ", including 139
    children and 85 women", "amongst 140 children", found before the next figure of the sentence
    ("430 individuals were killed in those massacres, including ...")."""
    for gap in _BREAKDOWN_GAP.finditer(text, pos):
        if gap.start() > limit or re.search(r"[.;]", text[pos : gap.start()]):
            return None
        m = _BREAKDOWN_INTRO.match(text, gap.start())
        if not m:
            continue
        found = breakdown_at(text, m.end(), numbered=True)
        if found:
            counts, end = found
            return {"children": counts["children"], "women": counts["women"]}, end
    return None


def read_sentence(text: str, ctx: Context) -> Reading:
    """The figures one sentence (or list item) states. Raises ImplausibleCount on a count no
    report could state."""
    out = Reading()
    masked = mask_parentheses(text)
    tokens = _tokens(masked, killing=ctx.default_measure == "killed")
    if not tokens:
        return out
    out.measures = {t.measure for t in tokens if t.measure}
    parties = _parties(masked)
    governorates = _governorates(masked)
    breakdowns = _breakdowns(masked, tokens)
    sentence_measure = ctx.default_measure
    for tok in tokens:
        if tok.measure in ("massacres", "killed"):
            sentence_measure = sentence_measure or tok.measure
    claimed: set[int] = set()
    part_subject: tuple[str, str] | None = None  # whose the last "N of the M" part was
    last_shared: list[tuple[str, str]] = []  # the names the last "each" count was given to
    control = list(_CONTROL.finditer(masked))
    whole_scope = sentence_scope(masked)
    for i, tok in enumerate(tokens):
        if tok.used:
            continue
        lo = tokens[i - 1].end if i > 0 else 0
        hi = tokens[i + 1].start if i + 1 < len(tokens) else len(masked)
        measure = _measure_of(masked, tokens, i, sentence_measure)
        if measure is None:
            # A digit count followed by words no rule reads ("3 were counted after ..."), or a
            # bare one in a sentence that says nothing of what it counts.
            if ctx.default_measure or holds_figure(masked):
                out.unread.append(masked[lo:hi].strip(" ,;:"))
            continue
        tok.used = True
        if measure in ("massacres", "killed"):
            sentence_measure = sentence_measure or measure  # "killed 38 of them, Russian forces 9, ..."
        scope = _scope(masked, tok.start, tok.end, ctx, whole_scope)
        words = masked[lo:hi].strip(" ,;:-\u2013")
        if measure == "percent" and _SHARE_OF_SUBSET.match(masked[tok.end :]):
            continue  # "63% of the massacres committed by them were in ...": no stated dimension
        subject: tuple[str, str] | None = None
        area = next((c for c in control if lo <= c.start() < hi), None)
        if area is not None or ctx.subject_kind == "area":
            who = area.group("who") if area is not None else words
            key = vocab.area_key(who) or "other"
            subject = (area_dimension(ctx.area_party), key)
        party = _pick(parties, masked, tok, lo, hi, claimed, ctx.attached_only)
        gov = _pick(governorates, masked, tok, lo, hi, claimed, ctx.attached_only)
        clause_end = next((m.start() + tok.noun_end for m in [re.search(r"[,;]", masked[tok.noun_end : hi])] if m), hi)
        if (
            ctx.attached_only
            and not party
            and not gov
            and any(lo <= s[0] < min(clause_end, tok.start) for s in parties + governorates)
        ):
            out.unread.append(words)  # a name near it, but not tied to it: whose is it?
            continue
        if subject is None:
            if ctx.subject_kind == "governorate" and gov:
                subject = ("governorate", gov[2])
            elif party and not (gov and ctx.subject_kind == "governorate"):
                subject = ("perpetrator", party[2])
                if tok.part_of:
                    claimed.add(party[0])  # "X perpetrated 22 of the 26 massacres": the 26 is everyone's
            elif gov:
                subject = ("governorate", gov[2])
                if tok.part_of:
                    claimed.add(gov[0])
        gap = masked[tokens[i - 1].noun_end if i else 0 : tok.start]
        if (
            subject is None
            and out.figures
            and (
                (len(gap) < 60 and not re.search(r"[.;]", gap) and _RELATIVE.search(gap))
                or re.fullmatch(r"[\s,;]*", masked[tokens[i - 1].noun_end : tok.start])
            )
        ):
            # "... in which 52 civilians were killed"; "Aleppo: 5 massacres, 66 victims". After "12 of
            # the 17 massacres, in which 141 ...", the clause is about the 12, the part, not the whole.
            subject = (
                part_subject if (part_subject and i > 0 and tokens[i - 1].whole) else out.figures[-1].subject
            )  # "... 7 of July's massacres (64 percent), in which 52 civilians were killed"
        if subject is None and ctx.subject_kind in ("perpetrator", "governorate"):
            # A list item's label stands right before its count ("Unknown militia: 3", "Aleppo 4"); a
            # clause ("In December, SNHR documented 23 massacres") is no label: its count is the total.
            labelled = (
                tok.bare
                or tok.part_of
                or re.search(r"[:\u2013-]\s*$", masked[lo : tok.start])
                or i == 0
                and len(masked[: tok.start]) < 50
            )
            name = (
                _label_before(masked, lo, tok.start)
                if labelled
                and not re.search(
                    r"\b(?:documented|recorded|were|was|committed|perpetrated)\b", masked[lo : tok.start], re.I
                )
                else None
            ) or ctx.pending_label
            if name and ctx.subject_kind == "perpetrator" and vocab.perpetrator_key(name):
                subject = ("perpetrator", vocab.perpetrator_key(name) or "")
            elif name and re.search(r"[A-Za-z]{3}", name):
                if ctx.subject_kind == "perpetrator" and re.search(r"extremist|islamic groups|jihadi", name, re.I):
                    continue  # an umbrella over the items that follow: its parts are the figures
                out.unknown.append((ctx.subject_kind, name))
                continue
        if measure == "killed" and re.match(
            r"^[^.;]{0,40}?\b(?:died|killed|dead)\s+(?:due\s+to|under|from|of)\s+torture"
            r"|^\s*(?:who\s+)?(?:due\s+to|under|from)\s+torture",
            masked[tok.noun_end :],
            re.I,
        ):
            subject = ("civilians_torture", "all")  # "11 persons who died due to torture": not massacre victims
        if measure == "percent":
            subject = _percent_subject(masked, tok, subject)
        if subject is None:
            if measure == "percent":
                out.unread.append(words)
                continue
            subject = ("total", "all")
        shared = _shared_subjects(masked, tok, lo, hi, subject, parties, governorates)
        if not shared and last_shared and re.match(r"\s*(?:%|per ?cent)?\s*each\b", masked[tok.noun_end :], re.I):
            shared = last_shared  # "... one massacre each (6% each)": the same names again
        if shared:
            last_shared = shared
            # "Hama and Homs with 2 massacres each", "one each in Hasaka and Aleppo"
            out.figures.extend(Figure(measure, tok.value, sub, scope, words) for sub in shared)
            continue
        fig = Figure(measure, tok.value, subject, scope, words)
        out.figures.append(fig)
        if tok.part_of and i + 1 < len(tokens):
            part_subject = subject
            tokens[i + 1].whole = True
        if i in breakdowns:
            # A breakdown that names only children says there were no women, and the reverse.
            for key in ("children", "women"):
                out.figures.append(Figure(key, breakdowns[i][key], subject, scope, words))
        elif (
            measure in ("children", "women")
            and re.search(r"(?:killed|killing of|death of)\s+$", masked[lo : tok.start], re.I)
            and not (
                i + 1 < len(tokens)
                and tokens[i + 1].measure in ("children", "women")
                and re.fullmatch(r"\W*(?:and)?\s*", masked[tok.noun_end : tokens[i + 1].start])
            )
        ):
            out.figures.append(Figure("killed", tok.value, subject, scope, words))  # "killed six children"
    return out


def _breakdowns(masked: str, tokens: list[_Token]) -> dict[int, dict[str, int]]:
    """Token index -> the breakdown that follows its count ("12 civilians, including 4 children
    and 2 women"). A number inside a breakdown belongs to the count before it: marked used."""
    breakdowns: dict[int, dict[str, int]] = {}
    for i, tok in enumerate(tokens):
        if tok.used or tok.measure not in ("killed", None):
            continue
        stop = next((t.start for t in tokens[i + 1 :] if t.measure not in ("children", "women")), len(masked))
        bd = _breakdown_after(masked, tok.noun_end, stop)
        if bd:
            counts, end = bd
            if tok.measure is None and not _VICTIM_WORDS.search(masked[max(0, tok.start - 60) : end]):
                continue
            breakdowns[i] = counts
            for other in tokens[i + 1 :]:
                if other.start < end:
                    other.used = True
    return breakdowns


def _measure_of(masked: str, tokens: list[_Token], i: int, sentence_measure: str | None) -> str | None:
    """What token i counts when its own noun does not say: a part takes its whole's noun, a count
    after "killed" counts the killed, a bare count takes the sentence's measure."""
    tok = tokens[i]
    measure = tok.measure
    if tok.part_of:
        # "22 of the 26 massacres", "7 of July's massacres": the whole's noun is the part's
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if re.match(r"^\s+of\s+[^,.;()]{0,30}?\bmassacres\b(?!\s+victims)", masked[tok.end :], re.I):
            measure = "massacres"
        elif re.match(r"^\s+of\s+[^,.;()]{0,30}?\b(?:victims|dead|deaths)\b", masked[tok.end :], re.I):
            measure = "killed"  # "45 of the massacre victims"
        else:
            measure = nxt.measure if nxt and nxt.measure in ("massacres", "killed") else sentence_measure
    if measure is None and re.search(
        r"\b(?:killed|killing|the lives of|the (?:death|deaths|killing) of)\s+$",
        masked[max(0, tok.start - 30) : tok.start],
        re.I,
    ):
        measure = "killed"  # "Syrian regime forces killed 38 of them"
    if measure is None and (tok.bare or tok.part_of):
        measure = sentence_measure or ("massacres" if re.search(r"massacre|governorate", masked, re.I) else None)
    return measure


# A share "of the victims" that names no group of its own after it.
_SHARE_OF_ALL_VICTIMS = re.compile(
    r"""
    ^\s*(?:%|per\s?cent)?                             # the sign, when the token did not take it
    \s*of\s+(?:all\s+)?(?:the\s+)?(?:victims|dead)\b  # "of the victims"
    (?![^.;]{0,30}\b(?:were|are)\s+(?:children|women))  # not "... were children"
    """,
    re.I | re.X,
)


def _percent_subject(masked: str, tok: _Token, subject: tuple[str, str] | None) -> tuple[str, str] | None:
    """Whose a percentage is: a share of the victims, or the subject found for it; None when it is
    a share no stated dimension holds (a party's share of the victims)."""
    if (subject is None or subject == ("total", "all")) and re.match(
        r"^[^.;]{0,60}?\b(?:victims|killed|dead)\b[^.;]{0,40}?\b(?:women and children|children and women)\b",
        masked[tok.end :],
        re.I,
    ):
        return ("victims_share", "women_and_children")  # "(46% of the victims were women and children)"
    if subject is None and _WOMEN_AND_CHILDREN.search(masked):
        return ("victims_share", "women_and_children")
    if (
        subject is None
        and _SHARE_OF_ALL_VICTIMS.match(masked[tok.end :])
        and re.search(r"\bchildren\b", masked[: tok.start], re.I)
        and re.search(r"\bwomen\b", masked[: tok.start], re.I)
    ):
        # "including twenty children and eleven women, i.e. 46 % of the victims": the share the
        # breakdown before it makes up, both its groups
        return ("victims_share", "women_and_children")
    if subject is None and _VICTIM_WORDS.search(masked) and re.search(r"\bchildren\b", masked, re.I):
        return ("victims_share", "children")
    if (
        subject
        and subject[0] == "perpetrator"
        and re.match(
            r"^\s*(?:%|per ?cent)?\s*of\s+(?:all\s+)?(?:the\s+)?(?:victims|deaths|death toll)", masked[tok.end :], re.I
        )
    ):
        return None  # a party's share of the victims: no stated dimension holds it
    return subject


def _shared_subjects(
    text: str,
    tok: _Token,
    lo: int,
    hi: int,
    subject: tuple[str, str],
    parties: list[tuple[int, int, str]],
    governorates: list[tuple[int, int, str]],
) -> list[tuple[str, str]]:
    """Every name a count is given to at once with "each"; [] when it is not so shared."""
    each_after = re.match(r"^\s*(?:%|per ?cent)?\s*(?:massacres?\s+)?each\b", text[tok.noun_end :], re.I)
    each_before = re.search(r"\beach\b[^,;.]{0,40}$", text[lo : tok.start], re.I)  # "X and Y each came second with 17%"
    if not (each_after or each_before) or subject[0] not in ("perpetrator", "governorate"):
        return []
    spans = governorates if subject[0] == "governorate" else parties
    before = [s for s in spans if lo <= s[0] and s[1] <= tok.start]
    after = [s for s in spans if s[0] >= tok.noun_end and s[0] < hi]
    names = before if len(before) > 1 else after if len(after) > 1 else []
    return [(subject[0], s[2]) for s in names]


def _label_before(text: str, lo: int, start: int) -> str | None:
    """The words a list item puts before its count ("Unknown militia: 3")."""
    label = re.sub(r"^[\s,;\-\u2013\u2022*]*(?:[A-Za-z]|[ivxIVX]{1,4})?[.)\-\u2013]\s+", "", text[lo:start])
    label = label.strip(" :,;-\u2013\u2014")
    return label or None


_FIGURE_NOUNS = re.compile(r"massacre|victim|killed|civilian|individual|children|women|death|%|percent", re.I)


def holds_figure(text: str) -> bool:
    """Whether a sentence names a count of the kinds the summary states (cheap pre-filter)."""
    return bool(_FIGURE_NOUNS.search(text))
