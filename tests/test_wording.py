"""massacres/dashboard/wording.py: months, counts and shares in words (input -> expected by hand)."""

from __future__ import annotations

import pandas as pd
import pytest

from massacres.dashboard import wording


@pytest.mark.parametrize(
    ("month", "long", "short"),
    [
        ("2017-09", "September 2017", "Sep 2017"),
        ("2014-01", "January 2014", "Jan 2014"),
    ],
)
def test_months(month: str, long: str, short: str) -> None:
    assert (wording.month_label(month), wording.short_month(month)) == (long, short)


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        ([], ""),
        (["2017-09"], "September 2017"),
        (["2017-09", "2017-10"], "September 2017 and October 2017"),
        (["2017-08", "2017-09", "2017-10"], "August 2017, September 2017 and October 2017"),
    ],
)
def test_month_list(months: list[str], expected: str) -> None:
    assert wording.month_list(months) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("2017-09", True), "Sep 2017"),
        (("2017-08", False), "Aug 2017<br>(no report)"),
        (("2016-03", True, True), "Mar 2016<br>(summary only)"),
    ],
)
def test_axis_ticks_say_why_a_month_is_partial(args: tuple, expected: str) -> None:
    assert wording.axis_tick(*args) == expected


@pytest.mark.parametrize(
    ("children", "women", "expected"),
    [
        (1, 1, "1 child, 1 woman"),
        (139, 85, "139 children, 85 women"),
        (0, 2, "0 children, 2 women"),
        (None, 3, "no breakdown stated"),
        (pd.NA, pd.NA, "no breakdown stated"),
        (float("nan"), 2, "no breakdown stated"),
    ],
)
def test_breakdowns_are_never_unknowns_written_as_zero(children, women, expected: str) -> None:
    assert wording.breakdown(children, women) == expected


@pytest.mark.parametrize(
    ("n", "approximate", "expected"),
    [(None, False, "not stated"), (43, False, "43"), (30, True, "≈30"), (0, False, "0")],
)
def test_a_stated_figure(n, approximate: bool, expected: str) -> None:
    assert wording.figure(n, approximate) == expected


def test_shares_and_counts() -> None:
    assert wording.percent(41.9) == "42%" and wording.percent(None) == "" and wording.percent(float("nan")) == ""
    assert wording.count_of(3, 12) == "3 of 12 (25%)" and wording.count_of(0, 0) == "0 of 0"
    assert wording.number(430.0) == "430" and wording.number(41.86) == "41.9" and wording.number(None) == "–"


def test_plot_values_keep_gaps_and_integers() -> None:
    assert wording.plot_values(pd.Series([3.0, None, 0.0], dtype="Float64")) == [3, None, 0]


def test_markdown_characters_are_taken_literally() -> None:
    assert wording.md_escape("*bold* [x](y) 1. #") == r"\*bold\* \[x\]\(y\) 1\. \#"
