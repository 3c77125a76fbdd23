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


def _months(first: str, n: int) -> list[str]:
    return [p.strftime("%Y-%m") for p in pd.period_range(first, periods=n, freq="M")]


def test_month_ticks_name_every_month_up_to_two_years() -> None:
    assert wording.month_ticks(_months("2017-09", 2)) == [0, 1]
    assert wording.month_ticks(_months("2016-01", 24)) == list(range(24))


def test_month_ticks_over_years_name_the_report_months_when_they_fit() -> None:
    # Mar 2014 - Dec 2019 (70 months) with five reports: the five report months are named.
    months = _months("2014-03", 70)
    has_report = [m in {"2014-03", "2015-06", "2016-01", "2018-09", "2019-12"} for m in months]
    assert [months[i] for i in wording.month_ticks(months, has_report)] == [
        "2014-03",
        "2015-06",
        "2016-01",
        "2018-09",
        "2019-12",
    ]


def test_month_ticks_over_years_fall_back_to_calendar_steps() -> None:
    # 36 months from Sep 2017, every one with a report: quarters (Oct, Jan, Apr, Jul) give 12 names.
    months = _months("2017-09", 36)
    named = [months[i] for i in wording.month_ticks(months, [True] * 36)]
    assert named[:4] == ["2017-10", "2018-01", "2018-04", "2018-07"] and len(named) == 12
    # Mar 2011 - Dec 2025 (178 months): quarters would be 59 names, half-years 30, years 15 Januaries.
    months = _months("2011-03", 178)
    named = [months[i] for i in wording.month_ticks(months, [True] * 178)]
    assert named == [f"{y}-01" for y in range(2012, 2026)] and len(named) == 14
    # Fifty years would take the 5-year step: 1980, 1985 ... 2025 Januaries.
    months = _months("1980-01", 600)
    assert [months[i] for i in wording.month_ticks(months)] == [f"{y}-01" for y in range(1980, 2030, 5)]


def test_values_fit_three_years_of_months() -> None:
    assert wording.values_fit(36) and not wording.values_fit(37)
