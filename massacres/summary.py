"""Report-level facts: month, title, publication date, and the figures the report states.

Stated figures are the report's own claims and are complete, where the incident details
may be only "the most notable" massacres; they are kept apart and compared, never merged.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import vocab
from .incident import _breakdown
from .layout import MONTHS, WEEKDAYS, Block
from .numbers import NUMBER, ImplausibleCount, to_int

_MONTH_RX = "|".join(MONTHS)
# "No less than 43 Massacres in September 2017", "52 Massacres Documented in July 2024"
_TITLE = re.compile(rf"^(?:no less than\s+)?(?:{NUMBER})\s+massacres?\b.{{0,40}}?\bin\s+(?P<month>{_MONTH_RX})\s+(?P<year>\d{{4}})\b", re.I)
_PUBLISHED = re.compile(rf"^(?:{WEEKDAYS}),\s+(?P<month>{_MONTH_RX})\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})$", re.I)
_MONTH_TOLL_HEAD = re.compile(rf"toll of massacres in\s+(?P<month>{_MONTH_RX})\s+(?P<year>\d{{4}})", re.I)
_YTD_HEAD = re.compile(r"toll of massacres in\s+(?P<year>\d{4})\b(?!\s*(?:" + _MONTH_RX + "))", re.I)
_TOTAL = re.compile(rf"documented\s+(?P<lb>no less than\s+|at least\s+)?(?P<n>{NUMBER})\s+massacres?\s+in\s+(?P<month>{_MONTH_RX})\b", re.I)
_YTD = re.compile(
    rf"documented\s+(?P<n>{NUMBER})\s+massacres?\b.*?between\s+the\s+start\s+of\s+(?P<year>\d{{4}})\s+and\s+"
    rf"(?P<month>{_MONTH_RX})(?:\s+of\s+the\s+same\s+year|\s+\d{{4}})?", re.I)
_VICTIMS = re.compile(
    rf"(?P<n>{NUMBER})\s+(?:individuals|civilians|people|persons)\s+were\s+killed\s+in\s+(?:those|these)\s+massacres,?\s+"
    rf"including\s+(?P<bd>[^.(]*)", re.I)
_SHARE_WC = re.compile(r"(?P<p>\d{1,3}(?:\.\d+)?)%\s+of\s+all\s+(?:the\s+)?victims\s+were\s+women\s+and\s+children", re.I)
_LIST_ITEM = re.compile(rf"^-?\s*(?:[A-H]\.\s*)?(?P<label>[^:]+?):\s*(?P<n>{NUMBER})\s*$", re.I)
_TOLL_LINE = re.compile(
    rf"^(?P<label>[A-Z][^:]{{2,80}}):\s*(?P<n>{NUMBER})\s+(?:individuals|civilians|people|persons)\b,?\s*(?:including\s+(?P<bd>.*))?$", re.I)
_AREA_INTRO = re.compile(r"massacres perpetrated by\s+(?P<who>.+?)\s+(?:in\s+\w+\s+\d{4}\s+)?were distributed by area of control", re.I)
_AREA_ITEM = re.compile(rf"^-?\s*(?P<n>{NUMBER})\s+massacres?\s+in\s+areas?\s+under\s+the\s+(?:joint\s+)?control\s+of\s+(?P<who>.+)$", re.I)
_GOV_INTRO = re.compile(r"distributed\s+(?:across|among|by)\s+(?:the\s+)?governorates", re.I)
_GOV_PAIR = re.compile(rf"(?P<name>[A-Za-z][A-Za-z' -]*?)\s*[:,\u2013-]\s*(?P<n>\d+)")
_PERCENT = re.compile(r"(?P<p>\d{1,3}(?:\.\d+)?)\s?%")
_GOV_SHARE = re.compile(r"of\s+all\s+(?:the\s+)?massacres\b[^%,]*?\bwere\s+in\s+(?P<gov>[A-Z][\w' -]+?)\s+governorate", re.I)


def month_index(name: str) -> int:
    return MONTHS.index(name.capitalize()) + 1


class StatedFigures:
    """Accumulates one row per (dimension, key), merging the measures stated for it."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}

    def add(self, dimension: str, key: str, line: int, **measures: Any) -> None:
        row = self.rows.setdefault((dimension, key), {"dimension": dimension, "key": key, "line": line})
        for k, v in measures.items():
            if v is not None:
                row.setdefault(k, v)

    def as_list(self) -> list[dict[str, Any]]:
        order = {"total": 0, "victims_share": 1, "perpetrator": 2}
        return sorted(self.rows.values(), key=lambda r: (order.get(r["dimension"], 3 if r["dimension"].endswith("area_of_control") else 4)))


def area_dimension(perpetrator: str | None) -> str:
    return "regime_area_of_control" if perpetrator == "syrian_regime" else f"{perpetrator or 'unknown'}_area_of_control"


def parse_summary(blocks: list[Block], warn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Report fields and stated figures from the blocks before the incident details."""
    report: dict[str, Any] = {"month": None, "title": None, "published": None, "total_massacres": None,
                              "victims_total": None, "victims_children": None, "victims_women": None,
                              "ytd_massacres": None, "ytd_period": None, "ytd_period_text": None}
    stated = StatedFigures()
    month_year: tuple[int, int] | None = None
    mode: str | None = None
    area_dim = "regime_area_of_control"
    in_header = True
    for b in blocks:
        try:
            text = b.text
            if in_header and re.match(r"^(?:-\s*)?(?:I\.\s*)?(?:Contents|Introduction)\b", text):
                in_header = False
            if report["title"] is None and in_header and len(text) < 150 and (m := _TITLE.search(text)):
                report["title"] = text
                month_year = month_year or (int(m.group("year")), month_index(m.group("month")))
            if in_header and report["published"] is None and (m := _PUBLISHED.match(text)):
                try:
                    report["published"] = dt.date(int(m.group("year")), month_index(m.group("month")),
                                                  int(m.group("day"))).isoformat()
                except ValueError:
                    warn("bad_date", f"publication date {text!r} is not a real date", b.line)
            if m := _MONTH_TOLL_HEAD.search(text):
                month_year = (int(m.group("year")), month_index(m.group("month")))
            if (m := _TOTAL.search(text)) and report["total_massacres"] is None:
                report["total_massacres"] = to_int(m.group("n"))
                stated.add("total", "all", b.line, massacres=report["total_massacres"])
            if (m := _YTD.search(text)) and report["ytd_massacres"] is None:
                report["ytd_massacres"] = to_int(m.group("n"))
                year, named = int(m.group("year")), month_index(m.group("month"))
                # "between the start of 2017 and October": the count runs to the end of September
                # (the next report's toll minus this one's equals that month's total).
                end = named - 1 if named > 1 else 12
                report["ytd_period"] = f"{year}-01/{year}-{end:02d}"
                report["ytd_period_text"] = m.group(0)[m.group(0).lower().index("between"):]
            if (m := _VICTIMS.search(text)) and report["victims_total"] is None:
                counts = _breakdown(m.group("bd")) or {}
                report["victims_total"] = to_int(m.group("n"))
                report["victims_children"] = counts.get("children")
                report["victims_women"] = counts.get("women")
                stated.add("total", "all", b.line, killed=report["victims_total"],
                           children=report["victims_children"], women=report["victims_women"])
            if m := _SHARE_WC.search(text):
                stated.add("victims_share", "women_and_children", b.line, percent=_num(m.group("p")))
            if "%" in text:
                _percent_sentences(text, b.line, stated)
            # Lists introduced by a sentence: what the following items mean depends on it.
            if text.rstrip().lower().startswith("as follows"):
                mode = "perpetrator_list"
                continue
            if m := _AREA_INTRO.search(text):
                mode, area_dim = "area_list", area_dimension(vocab.perpetrator_key(m.group("who")))
                continue
            if _GOV_INTRO.search(text):
                mode = "governorate_list"
                rest = text.split(":", 1)[1] if ":" in text else ""
                if rest.strip():
                    _governorate_pairs(rest, b.line, stated, warn)
                continue
            if re.search(r"death toll .* distributed by the perpetrator", text, re.I):
                mode = "toll_list"
                continue
            if mode == "perpetrator_list" and (m := _LIST_ITEM.match(text)):
                key = vocab.perpetrator_key(m.group("label"))
                if key:
                    stated.add("perpetrator", key, b.line, massacres=to_int(m.group("n")))
                else:
                    warn("unknown_perpetrator", f"summary names an unknown party: {m.group('label')!r}", b.line)
                continue
            if mode == "perpetrator_list" and text.rstrip().endswith(":"):
                continue  # "- C. Extremist Islamic groups:" heads the sub-list that follows
            if mode == "area_list" and (m := _AREA_ITEM.match(text)):
                key = vocab.area_key(m.group("who"))
                stated.add(area_dim, key or "other", b.line, massacres=to_int(m.group("n")))
                continue
            if mode == "governorate_list" and _GOV_PAIR.search(text) and not text.endswith("."):
                _governorate_pairs(text, b.line, stated, warn)
                continue  # the list may go on in the next block
            if mode == "governorate_list":
                mode = None
            if mode == "toll_list" and (m := _TOLL_LINE.match(text)):
                key = vocab.perpetrator_key(m.group("label"))
                counts = _breakdown(m.group("bd") or "") if m.group("bd") else None
                if key:
                    stated.add("perpetrator", key, b.line, killed=to_int(m.group("n")),
                               children=(counts or {}).get("children"), women=(counts or {}).get("women"))
                else:
                    warn("unknown_perpetrator", f"death toll names an unknown party: {m.group('label')!r}", b.line)
                continue
            if mode in ("perpetrator_list", "area_list", "toll_list") and not text.startswith("-"):
                mode = None
        except ImplausibleCount as exc:
            warn("implausible_count", f"{exc}: figure skipped", b.line)
    if month_year:
        report["month"] = f"{month_year[0]:04d}-{month_year[1]:02d}"
    return report, stated.as_list()


def _num(s: str) -> float | int:
    f = float(s)
    if f > 100:
        raise ImplausibleCount(f"a share of {s}%")
    return int(f) if f.is_integer() else f


def _governorate_pairs(text: str, line: int, stated: StatedFigures, warn) -> None:
    for m in _GOV_PAIR.finditer(text):
        key = vocab.governorate_key(m.group("name").strip())
        if key:
            stated.add("governorate", key, line, massacres=to_int(m.group("n")))
        else:
            warn("unknown_governorate", f"governorate list names {m.group('name').strip()!r}", line)


def _percent_sentences(text: str, line: int, stated: StatedFigures) -> None:
    """'Syrian regime forces perpetrated ... 42% of all massacres, while Russian forces came second with 33%'."""
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
        if "massacre" not in sentence.lower():
            continue
        for pm in _PERCENT.finditer(sentence):
            after = sentence[pm.end(): pm.end() + 120]
            if re.match(r"\s+of\s+(?:all\s+)?(?:the\s+)?victims", after, re.I):
                continue
            gm = _GOV_SHARE.match(after.lstrip()) if re.match(r"\s+of\s+all\b", after, re.I) else None
            if gm:
                key = vocab.governorate_key(gm.group("gov"))
                if key:
                    stated.add("governorate", key, line, percent=_num(pm.group("p")))
                continue
            if re.match(r"\s+of\s+(?:the\s+)?massacres\s+(?:committed|perpetrated)\s+by", after, re.I):
                continue  # a share of one party's massacres, not of the month's
            mentions = vocab.perpetrator_mentions(sentence, pm.start())
            if mentions:  # the party named last before the share is the one it belongs to
                stated.add("perpetrator", mentions[-1][1], line, percent=_num(pm.group("p")))
