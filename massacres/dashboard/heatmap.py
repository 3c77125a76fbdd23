"""The governorate x month grid's cells: what each one can claim.

A cell is a count only where a report says what happened in that month. Three cases say less:
no report covers the month (a gap; a late-reported incident may still count there), the report is
a summary with no details (a gap), and the report details only "the most notable" massacres (its
zeros are not known zeros and its counts are lower bounds). Kept free of plotly and Streamlit so
the rule is a plain, tested function (tests/test_heatmap.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["count", "gap", "incomplete"]

INCOMPLETE_NOTE = "report details only the most notable massacres"
INCOMPLETE_MARK = "*"


@dataclass(frozen=True)
class Cell:
    kind: Kind  # "count": a value to colour; "gap": no report (or a summary only); "incomplete": a 0 not known
    value: int | None  # the massacres detailed (None for a gap)
    text: str  # what the cell prints
    hover: str  # what its hover says, after "Governorate, month: "


def cell(value: int | None, has_report: bool, summary_only: bool, details_complete: bool | None) -> Cell:
    """One cell from its count (None: no count) and its month's report."""
    if value is None:
        if summary_only:
            return Cell("gap", None, "–", "the report is a summary only, with no incident details")
        return Cell("gap", None, "–", "no report covers the month")
    if has_report and details_complete is not None and not details_complete:
        if value == 0:
            return Cell(
                "incomplete",
                0,
                f"0{INCOMPLETE_MARK}",
                f"none among the massacres detailed; the {INCOMPLETE_NOTE}, so not a known zero",
            )
        return Cell(
            "count",
            value,
            f"{value}{INCOMPLETE_MARK}",
            f"{value} massacre{'s' if value != 1 else ''} detailed, at least; the {INCOMPLETE_NOTE}",
        )
    late = "" if has_report else " (recorded late; no report covers the month)"
    return Cell("count", value, str(value), f"{value} massacre{'s' if value != 1 else ''}{late}")


def grid(
    rows: list[list[int | None]], has_report: list[bool], summary_only: list[bool], details_complete: list[bool | None]
) -> list[list[Cell]]:
    """Every cell of a governorate x month grid; the month lists run along each row."""
    return [[cell(v, r, s, d) for v, r, s, d in zip(row, has_report, summary_only, details_complete)] for row in rows]
