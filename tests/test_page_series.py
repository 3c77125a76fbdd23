"""The dashboard over a series: a database built from invented reports of 2013 to 2019 (the
variant corpus, tests/fixtures/variants/), holding full reports, "most notable" reports, a year
report, a death-toll report and summary-only posts. Summary-only months appear on the stated
basis with no incidents, count in the trends, and are marked as summary only.

Expected values are the corpus's hand labels (its .expected.json files), added up here."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from apptest import figure as _figure
from apptest import metrics, plotly_array, run_page, use_database

VARIANTS = Path(__file__).resolve().parent / "fixtures" / "variants"
SERIES = (
    "2013-02-summary-only-no-title",
    "2014-10-summary-only-pdf-link",
    "2015-07-monthly-pdf-year-count-side-by-side",
    "2016-12-year-report",
    "2018-11-monthly-full-details",
    "2019-05-death-toll-massacres-section",
)
SUMMARY_ONLY = {"2013-02", "2014-10"}
LABELS = {
    "syrian_regime": "Syrian regime",
    "russia": "Russia",
    "isis": "ISIS",
    "other": "Other parties",
    "armed_opposition": "Armed opposition",
    "kurdish_forces": "Kurdish forces",
    "hts": "Hay'at Tahrir al Sham",
    "international_coalition": "International coalition",
    "turkish_forces": "Turkish forces",
}


def _label(name: str) -> dict:
    return json.loads((VARIANTS / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture()
def series_db(tmp_path, monkeypatch):
    from massacres.cli import main

    reports = tmp_path / "reports"
    reports.mkdir()
    for name in SERIES:
        shutil.copy(VARIANTS / f"{name}.txt", reports)
    db = tmp_path / "series.duckdb"
    assert main(["build", "--reports", str(reports), "--db", str(db)]) == 0
    return use_database(db, monkeypatch)


def test_trends_count_every_month_and_mark_the_summary_only_ones(series_db):
    at = run_page("trends")
    assert not at.exception
    fig = _figure(at, "Massacres per month by perpetrator")
    ticks = fig["layout"]["xaxis"]["ticktext"]
    at_position = dict(zip(plotly_array(fig["layout"]["xaxis"]["tickvals"]), ticks))
    labelled = {_label(n)["report"]["month"]: _label(n)["report"]["total_massacres"] for n in SERIES}
    # Each report's month is on the axis; the summary-only ones say so.
    for month in labelled:
        short = dt.date.fromisoformat(f"{month}-01").strftime("%b %Y")
        tick = next(t for t in ticks if t.startswith(short))
        assert ("(summary only)" in tick) == (month in SUMMARY_ONLY), tick
    # The ◆ line gives each report's own total at its month, summary-only months included.
    stated = next(t for t in fig["data"] if t["type"] != "bar" and t["name"].startswith("Stated"))
    # the ◆ stands at each month's position + 0.4
    by_tick = {
        at_position[round(x - 0.4)]: y
        for x, y in zip(plotly_array(stated["x"]), plotly_array(stated["y"]))
        if round(x - 0.4) in at_position
    }
    for month, total in labelled.items():
        short = dt.date.fromisoformat(f"{month}-01").strftime("%b %Y")
        assert by_tick[next(t for t in ticks if t.startswith(short))] == total
    # No documented bar stands at a summary-only month: a gap, not a zero.
    bars = [
        (at_position.get(int(x), ""), y)
        for t in fig["data"]
        if t["type"] == "bar"
        for x, y in zip(plotly_array(t["x"]), plotly_array(t["y"]))
    ]
    assert not [b for b in bars if "(summary only)" in b[0] and b[1]]
    notes = " ".join(c.value for c in at.caption)
    assert "February 2013 and October 2014 reports are a summary only" in notes


def test_perpetrators_stated_basis_adds_every_month(series_db):
    at = run_page("perpetrators")
    assert not at.exception
    assert at.radio(key="basis").value == "stated"
    want = Counter()
    for name in SERIES:
        for row in _label(name)["stated"]:
            if row["dimension"] == "perpetrator" and "massacres" in row:
                want[LABELS[row["key"]]] += row["massacres"]
    bars = {t["name"]: plotly_array(t["x"])[0] for t in _figure(at, "Share of massacres by perpetrator")["data"]}
    assert bars == dict(want)
    total = sum(_label(n)["report"]["total_massacres"] for n in SERIES)
    assert metrics(at)[0] == ("Massacres, all parties", f"{total:,}")


def test_overview_counts_the_summary_only_months(series_db):
    at = run_page("overview")
    assert not at.exception
    total = sum(_label(n)["report"]["total_massacres"] for n in SERIES)
    assert f"{total:,}" in [v for _, v in metrics(at)]


def test_data_quality_marks_summary_only_reports(series_db):
    at = run_page("data_quality")
    assert not at.exception
    summary = at.dataframe[0].value.set_index("Report")
    for name in SERIES:
        month = _label(name)["report"]["month"]
        row = summary.loc[month]
        if month in SUMMARY_ONLY:
            assert row["Details"] == "summary only, no details"
            assert (row["Massacres detailed"], row["Figures that differ"]) == (0, 0)
            # the page counts the figures it can compare: victims' shares aside
            assert row["Figures stated"] == len(
                [r for r in _label(name)["stated"] if r["dimension"] != "victims_share"]
            )
        else:
            assert row["Details"] in ("every massacre", "most notable only")


def test_over_six_years_the_cells_print_no_count_and_no_mark_is_promised(series_db):
    # Feb 2013 - May 2019 is 76 months: a heatmap cell is too narrow to print a count (at most 36
    # side by side, wording.values_fit), so none is printed; the hover and the table keep them. The
    # lines hold only a few months' values (a sparse series), so they keep their labels.
    at = run_page("trends")
    assert not at.exception
    fig = _figure(at, "Massacres per month by perpetrator")
    total = next(t for t in fig["data"] if t["name"] == "Total (documented)")
    assert total["mode"] == "lines+markers+text"
    stated = next(t for t in fig["data"] if t["name"].startswith("Stated"))
    assert stated["mode"] == "markers+text"
    heat = _figure(at, "Massacres per governorate and month")
    assert all("texttemplate" not in t for t in heat["data"] if t["type"] == "heatmap")
    hatched = [t for t in heat["data"] if (t.get("name") or "").startswith("Hatched")]
    assert hatched and all("*" not in t["name"] for t in hatched)  # the legend promises no "0*" either
    # Named months: the six report months fit on the axis (at most 24).
    ticks = fig["layout"]["xaxis"]["ticktext"]
    assert len(ticks) == 6 and ticks[0].startswith("Feb 2013")
    # The July 2015 report details only the most notable massacres: its counts are lower bounds, and
    # the page says so without speaking of a * the cells do not show.
    captions = [c.value for c in at.caption]
    assert not [c for c in captions if "marked" in c]
    assert [c for c in captions if "July 2015" in c and "too narrow here to print counts" in c]
