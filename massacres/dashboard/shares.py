"""Women-and-children shares as an analyst can quote them: documented shares over the incidents
that give a breakdown only, and a report's own stated share preferred over a recomputed one."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd


def percent(part: float, whole: float) -> int | None:
    """A whole percent, half away from zero (as the reports and DuckDB's round() do); None with no base."""
    if not whole:
        return None
    x = 100 * part / whole
    return int(math.floor(x + 0.5))


def _int(x: Any) -> int | None:
    return None if x is None or pd.isna(x) else int(x)


@dataclass(frozen=True)
class Share:
    value: int | None  # whole percent
    recomputed: bool  # True when no report states this figure and it was computed from counts
    note: str  # what the figure is a share of, in words

    def text(self) -> str:
        return "–" if self.value is None else f"{self.value}%"


def documented_share(totals: pd.Series | dict) -> Share:
    """Women and children among the killed of the incidents that give a breakdown. Incidents without one
    keep their children and women unknown: their killed stay out of the divisor, never counted as zero."""
    incidents = _int(totals["with_breakdown"]) or 0
    killed = _int(totals["killed_with_breakdown"]) or 0
    part = _int(totals["women_and_children_with_breakdown"]) or 0
    value = percent(part, killed)
    if value is None:
        return Share(None, True, "No incident in the range gives a breakdown of children and women.")
    which = "the 1 incident that gives" if incidents == 1 else f"the {incidents} incidents that give"
    note = f"{value}% of the killed in {which} a breakdown ({part} of {killed})."
    return Share(value, True, note)


def stated_share(reports: pd.DataFrame) -> Share:
    """The women-and-children share for the whole report months given (rows of stated_totals_by_report).

    One report stating its share: the report's figure. Otherwise (several months, or a report that states
    no share) the share its stated counts give, marked as recomputed."""
    if len(reports) == 1:
        r = reports.iloc[0]
        stated = r.get("victims_share_stated")
        if stated is not None and not pd.isna(stated):
            value = int(math.floor(float(stated) + 0.5))
            own = _counts_share([r])
            note = "As stated by the report."
            if own is not None and own != value:
                note += f" Its own counts give {own}% (the Data quality page lists the difference)."
            return Share(value, False, note)
    recomputed = _counts_share([r for _, r in reports.iterrows()])
    stated_ones = [
        f"{int(math.floor(float(r['victims_share_stated']) + 0.5))}% ({_month(r['month'])})"
        for _, r in reports.iterrows()
        if r.get("victims_share_stated") is not None and not pd.isna(r.get("victims_share_stated"))
    ]
    note = "Recomputed from the reports' stated killed, children and women"
    note += f"; the reports themselves state {', '.join(stated_ones)}." if stated_ones else "; no report states it."
    return Share(recomputed, True, note)


def _month(month: str) -> str:
    return dt.date.fromisoformat(f"{month}-01").strftime("%B %Y")


def _counts_share(rows: Iterable[pd.Series]) -> int | None:
    killed = part = 0
    for r in rows:
        k, c, w = (_int(r[x]) for x in ("victims_total", "victims_children", "victims_women"))
        if k is None or c is None or w is None:
            return None
        killed, part = killed + k, part + c + w
    return percent(part, killed)


def share_difference(report: pd.Series) -> str | None:
    """A sentence for the Data quality page when a report's stated share and its own counts disagree."""
    stated = report.get("victims_share_stated")
    own = _counts_share([report])
    if stated is None or pd.isna(stated) or own is None:
        return None
    value = int(math.floor(float(stated) + 0.5))
    if value == own:
        return None
    c, w, k = (int(report[x]) for x in ("victims_children", "victims_women", "victims_total"))
    return (
        f"The report states that {value}% of the victims were women and children; its own counts "
        f"({c} children and {w} women of {k} killed) give {own}%. The dashboard quotes the report's {value}%."
    )


@dataclass(frozen=True)
class PartyTotals:
    """The selected parties' stated figures added up (massacres_by_perpetrator_stated and
    victims_by_perpetrator_stated, filtered to them). A measure some party or month leaves unstated is None."""

    massacres: int | None
    approximate: bool  # some count is a stated percentage of a report's total, not a count
    killed: int | None
    children: int | None
    women: int | None


def party_totals(massacres: pd.DataFrame, victims: pd.DataFrame) -> PartyTotals:
    def total(df: pd.DataFrame, col: str, unstated: str | None = None) -> int | None:
        if df.empty or df[col].isna().any() or (unstated and (df[unstated].map(len) > 0).any()):
            return None
        return int(df[col].sum())

    return PartyTotals(
        massacres=None
        if massacres.empty or massacres["massacres"].isna().any() or (massacres["unstated_months"].map(len) > 0).any()
        else int(massacres["massacres"].sum()),
        approximate=bool((massacres["converted_months"].map(len) > 0).any()) if not massacres.empty else False,
        killed=total(victims, "killed", "killed_unstated_months"),
        children=total(victims, "children", "breakdown_unstated_months"),
        women=total(victims, "women", "breakdown_unstated_months"),
    )
