"""What a reader quoting a stated figure must be told when a reviewer corrected it: the report, the
figure, the value the report's text gives (parsed), the value shown (corrected), the reason and the
reviewer. One sentence per corrected field, from rows of queries/stated_corrections_in_view.sql,
for the captions and chart footnotes of the pages that show stated figures, and a per-party column
for the data behind their charts. Plain text: a page escapes it for markdown, the chart template
for plotly (a reason is typed by a person)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from massacres.dashboard import theme
from massacres.dashboard.wording import month_label
from massacres.store import corrections

# The measure each correctable field of a stated figure is, in a sentence.
_MEASURES = {name: field.label.lower() for name, field in corrections.FIGURE_FIELDS.items()}


def figure_words(dimension: str, key: str) -> str:
    """A stated figure in a sentence: 'the month's total', 'Russia (party)'."""
    if (dimension, key) == ("total", "all"):
        return "the month's total"
    what, of = theme.stated_figure_label(dimension, key)
    return f"{of} ({what[:1].lower()}{what[1:]})"


def _shown(value: Any) -> str:
    return "none" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def sentence(row: Any) -> str:
    """'September 2017 report, the month's total, killed: parsed 430, corrected to 431: the annex
    lists 431 (Rana).' `row` has month, dimension, key, field, parsed, value, reason, reviewer."""
    return (
        f"{month_label(row['month'])} report, {figure_words(row['dimension'], row['key'])}, "
        f"{_MEASURES.get(row['field'], row['field'])}: parsed {_shown(row['parsed'])}, corrected to "
        f"{_shown(row['value'])}: {row['reason']} ({row['reviewer']})."
    )


def notes(rows: pd.DataFrame) -> list[str]:
    """One caveat for the corrections in view: empty when there is none."""
    if rows.empty:
        return []
    said = " ".join(sentence(r) for _, r in rows.iterrows())
    n = len(rows)
    return [f"Stated figure{'s' if n != 1 else ''} corrected by a reviewer (the report's text says otherwise): {said}"]


def by_key(rows: pd.DataFrame, dimension: str) -> dict[str, str]:
    """For a chart's data: each key of `dimension` (a party) -> its corrections in the months in
    view, '2017-09 killed: parsed 152, corrected to 153: reason (Rana)', '; '-separated."""
    out: dict[str, list[str]] = {}
    for _, r in rows[rows["dimension"] == dimension].iterrows():
        out.setdefault(r["key"], []).append(
            f"{r['month']} {_MEASURES.get(r['field'], r['field'])}: parsed {_shown(r['parsed'])}, corrected to "
            f"{_shown(r['value'])}: {r['reason']} ({r['reviewer']})"
        )
    return {k: "; ".join(v) for k, v in out.items()}


def by_month(rows: pd.DataFrame) -> dict[str, str]:
    """For a monthly chart's data: each report month -> the corrections of its figures in `rows`,
    'killed: parsed 430, corrected to 431: reason (Rana)', '; '-separated."""
    out: dict[str, list[str]] = {}
    for _, r in rows.iterrows():
        out.setdefault(r["month"], []).append(
            f"{_MEASURES.get(r['field'], r['field'])}: parsed {_shown(r['parsed'])}, corrected to "
            f"{_shown(r['value'])}: {r['reason']} ({r['reviewer']})"
        )
    return {k: "; ".join(v) for k, v in out.items()}


def month_note(rows: pd.DataFrame, month: str) -> str | None:
    """For a sentence that gives a report's figures in its own words: which of them a reviewer
    corrected, 'Corrected by a reviewer: the month's total killed 430 in the report's text, 431
    here.' None when none is."""
    mine = rows[rows["month"] == month] if not rows.empty else rows
    if mine.empty:
        return None
    said = "; ".join(
        f"{figure_words(r['dimension'], r['key'])} {_MEASURES.get(r['field'], r['field'])} "
        f"{_shown(r['parsed'])} in the report's text, {_shown(r['value'])} here"
        for _, r in mine.iterrows()
    )
    return f"Corrected by a reviewer: {said}."
