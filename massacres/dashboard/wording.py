"""How the pages write months, counts and shares in words: plain functions, no Streamlit, so the
pages read as layout and each phrasing is written (and tested) once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from massacres.dashboard import tables

NOT_STATED = "not stated"


def month_label(month: str) -> str:
    """'2017-09' -> 'September 2017'."""
    return dt.date.fromisoformat(f"{month}-01").strftime("%B %Y")


def short_month(month: str) -> str:
    """'2017-09' -> 'Sep 2017'."""
    return dt.date.fromisoformat(f"{month}-01").strftime("%b %Y")


def month_list(months: Iterable[str]) -> str:
    """['2017-09', '2017-10'] -> 'September 2017 and October 2017'."""
    names = [month_label(m) for m in months]
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def axis_tick(month: str, has_report: bool, summary_only: bool = False) -> str:
    """A monthly chart's tick: the month, and why its bar may be missing or partial."""
    return short_month(month) + ("<br>(summary only)" if summary_only else "" if has_report else "<br>(no report)")


# What a chart's width holds before its labels overrun each other (and, in the browser, before
# plotly spends seconds measuring thousands of them: 180 months of heatmap cells took 5 s to draw).
MAX_MONTH_NAMES = 24  # month names along an axis
MAX_VALUE_LABELS = 36  # value labels side by side: a month's total over its bar, a heatmap cell's count
_TICK_STEPS = (3, 6, 12, 24, 60, 120)  # quarters, half-years, years, then every 2, 5, 10 years


def month_ticks(months: Sequence[str], has_report: Sequence[bool] | None = None) -> list[int]:
    """The positions of the months ('YYYY-MM') an axis names. Up to 24 months, every one; beyond,
    the months a report covers when they are no more than 24 (the gaps between them stay visible
    as empty space); else the calendar's quarters, half-years, years (every January)... the first
    step that fits."""
    n = len(months)
    if n <= MAX_MONTH_NAMES:
        return list(range(n))
    if has_report is not None:
        covered = [i for i, r in enumerate(has_report) if r]
        if covered and len(covered) <= MAX_MONTH_NAMES:
            return covered
    picked: list[int] = []
    for step in _TICK_STEPS:
        picked = [i for i, m in enumerate(months) if (int(m[:4]) * 12 + int(m[5:7]) - 1) % step == 0]
        if len(picked) <= MAX_MONTH_NAMES:
            break
    return picked


def values_fit(n: int) -> bool:
    """Whether `n` value labels side by side stay readable (else the hover and the table carry them)."""
    return n <= MAX_VALUE_LABELS


def plural(n: Any, one: str, many: str) -> str:
    """plural(1, 'child', 'children') -> '1 child'; a count is always written whole."""
    return f"{int(n)} {one if n == 1 else many}"


def percent(value: Any) -> str:
    """41.9 -> '42%'; a missing share -> ''."""
    return "" if value is None or pd.isna(value) else f"{value:.0f}%"


def count_of(n: int, of: int) -> str:
    """count_of(3, 12) -> '3 of 12 (25%)'."""
    return f"{n} of {of} ({n / of:.0%})" if of else f"{n} of {of}"


def breakdown(children: Any, women: Any) -> str:
    """A stated breakdown in words; an unstated one is said to be so, never written as zeros."""
    if children is None or women is None or pd.isna(children) or pd.isna(women):
        return "no breakdown stated"
    return f"{plural(children, 'child', 'children')}, {plural(women, 'woman', 'women')}"


def figure(n: int | None, approximate: bool = False) -> str:
    """A stated figure as a metric shows it: 'not stated', or '≈30' when derived from a percentage."""
    return NOT_STATED if n is None else ("≈" if approximate else "") + f"{n}"


def number(v: Any) -> str:
    """430 as 430, a share as 41.9, a missing value as the tables' placeholder."""
    if v is None or pd.isna(v):
        return tables.PLACEHOLDER
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.1f}"


def md_escape(text: str) -> str:
    """Generated text shown as markdown, every markdown character taken literally."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~])", r"\\\1", text)


def plot_values(series: pd.Series) -> list[int | None]:
    """Plotly's values for counts: a gap (NA) stays None, never 0, and a count stays an integer."""
    return [None if pd.isna(v) else int(v) for v in series]
