"""Trends page: monthly massacres and victims by perpetrator with the month's total, the toll
accumulated over the year, the governorate x month heatmap; a month with no report is a gap.

Expected values are added up from the hand-labelled fixtures (tests/fixtures/expected/) and the
reports' stated figures, or, for the gap-month database, from the synthetic report's own truth
(bench/synth_reports.py), never from the page."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
from apptest import plotly_array, plotly_specs, run_page
from conftest import REPORTS, expected_incidents, expected_report

SEP, OCT = "snhr-2017-09-massacres", "snhr-2017-10-massacres"
LABELS = {
    "syrian_regime": "Syrian regime",
    "russia": "Russia",
    "international_coalition": "International coalition",
    "isis": "ISIS",
    "other": "Other parties",
    "hts": "Hay'at Tahrir al Sham",
}
GOVERNORATES = [
    "Damascus",
    "Damascus suburbs",
    "Aleppo",
    "Idlib",
    "Hama",
    "Homs",
    "Latakia",
    "Tartus",
    "Daraa",
    "Suwayda",
    "Quneitra",
    "Deir ez-Zor",
    "Raqqa",
    "Hasaka",
]
GOV_KEYS = [
    "damascus",
    "damascus_suburbs",
    "aleppo",
    "idlib",
    "hama",
    "homs",
    "latakia",
    "tartus",
    "daraa",
    "suwayda",
    "quneitra",
    "deir_ez_zor",
    "raqqa",
    "hasaka",
]
MONTHLY, VICTIMS = "Massacres per month by perpetrator", "Victims per month by perpetrator"
CUMULATIVE, HEATMAP = "Massacres accumulated over the year", "Massacres per governorate and month"


def _figure(at, title: str) -> dict:
    found = [s for s in plotly_specs(at) if s["layout"]["title"]["text"] == title]
    assert len(found) == 1, [s["layout"]["title"]["text"] for s in plotly_specs(at)]
    return found[0]


def _monthly(at, title: str) -> tuple[list[str], dict[tuple[str, str], int], dict[str, list]]:
    """(month ticks, {(tick, party): bar value}, {line name: values per tick})."""
    fig = _figure(at, title)
    ticks = fig["layout"]["xaxis"]["ticktext"]
    bars, lines = {}, {}
    for t in fig["data"]:
        if t["type"] == "bar":
            for x, y in zip(plotly_array(t["x"]), plotly_array(t["y"])):
                bars[(ticks[int(x)], t["name"])] = y
        else:
            assert plotly_array(t["x"]) == [float(i) for i in range(len(ticks))] or t["name"].startswith("Stated")
            lines[t["name"]] = plotly_array(t["y"])
    return ticks, bars, lines


def _lines(at, title: str) -> dict[str, list]:
    return {t["name"]: plotly_array(t["y"]) for t in _figure(at, title)["data"]}


def _heatmap(at) -> tuple[list[str], list[str], list[list]]:
    """(month ticks, governorates, cells): a cell is its count, None for a grey gap, or the text of a hatched
    cell drawn over the grid ("0*": a month whose report details only the most notable massacres)."""
    fig = _figure(at, HEATMAP)
    t = fig["data"][0]
    xt, yt = (
        {**dict(zip(plotly_array(fig["layout"][a]["tickvals"]), fig["layout"][a]["ticktext"]))}
        if "ticktext" in fig["layout"][a]
        else None
        for a in ("xaxis", "yaxis")
    )
    z = [list(row) for row in plotly_array(t["z"])]
    for over in fig["data"][1:]:
        if over["type"] == "scatter" and over.get("mode") == "markers" and "text" in over:
            for j, i, text in zip(plotly_array(over["x"]), plotly_array(over["y"]), over["text"]):
                assert z[int(i)][int(j)] is None  # nothing coloured under a hatched cell
                z[int(i)][int(j)] = text
    x, y = plotly_array(t["x"]), plotly_array(t["y"])
    # Cells at 0, 1, 2 ... named by the axes' ticks (or, on a category axis, by the categories themselves).
    return [xt[j] for j in x] if xt else x, [yt[i] for i in y] if yt else y, z


def _tick(month: str, has_report: bool = True) -> str:
    name = {"08": "Aug", "09": "Sep", "10": "Oct", "11": "Nov", "12": "Dec"}[month[5:]]
    return f"{name} {month[:4]}" + ("" if has_report else "<br>(no report)")


def _incidents() -> list[dict]:
    return expected_incidents(SEP) + expected_incidents(OCT)


def test_default_view(app_db):
    # The default range is the reports' own months, 1 Sep - 31 Oct 2017: no "Aug 2017 (no report)" stub for
    # the September report's two late-reported August incidents (seq 33, 34), which fall outside it.
    import datetime as dt

    at = run_page("trends")
    assert not at.exception
    assert at.sidebar.date_input(key="w_dates").value == (dt.date(2017, 9, 1), dt.date(2017, 10, 31))
    assert "from" not in at.query_params and "to" not in at.query_params
    incidents = [i for i in _incidents() if i["date"] >= "2017-09-01"]
    assert len(incidents) == 60
    ticks, bars, lines = _monthly(at, MONTHLY)
    assert ticks == [_tick("2017-09"), _tick("2017-10")]
    by_month_party = Counter((_tick(i["date"][:7]), LABELS[i["perpetrator"]]) for i in incidents)
    assert bars == dict(by_month_party)
    assert bars[(_tick("2017-09"), "Syrian regime")] == 18 and bars[(_tick("2017-10"), "Russia")] == 6
    # September's coalition bar has its 9 September incidents; the 10th coalition massacre is August's.
    assert bars[(_tick("2017-09"), "International coalition")] == 9
    per_month = Counter(i["date"][:7] for i in incidents)
    assert lines["Total (documented)"] == [per_month["2017-09"], per_month["2017-10"]] == [41, 19]
    stated = [expected_report(n)["report"] for n in (SEP, OCT)]
    assert lines["Stated by the report (all parties)"] == [r["total_massacres"] for r in stated] == [43, 39]

    _, bars, lines = _monthly(at, VICTIMS)
    killed = Counter()
    for i in incidents:
        killed[i["date"][:7]] += i["killed"]
    assert lines["Total (documented)"] == [killed["2017-09"], killed["2017-10"]] == [414, 250]
    assert lines["Stated by the report (all parties)"] == [r["victims_total"] for r in stated] == [430, 435]
    assert bars[(_tick("2017-09"), "Syrian regime")] == 177  # every regime massacre in September is dated in it

    # Accumulated within 2017 from September, the view's first month: 41, then 41 + 19.
    cum = _lines(at, CUMULATIVE)
    assert cum["Documented, accumulated within the year"] == [41, 60]
    assert cum["Stated by the reports, since January"] == [r["ytd_massacres"] for r in stated] == [286, 325]

    x, y, z = _heatmap(at)
    assert x == ticks and y == GOVERNORATES
    cells = Counter((i["governorate"], i["date"][:7]) for i in incidents)
    for key, row in zip(GOV_KEYS, z):
        # October's report details only the most notable massacres: a governorate with none is "0*", hatched.
        assert row == [cells[(key, "2017-09")], cells[(key, "2017-10")] or "0*"]
    # Raqqa: 4 dated in September (the two August ones are outside the range), 4 in October.
    assert z[GOVERNORATES.index("Raqqa")] == [4, 4] and z[GOVERNORATES.index("Deir ez-Zor")] == [24, 10]

    captions = " ".join(c.value for c in at.caption)
    assert "No report covers August 2017" not in captions
    assert "The October 2017 report details only the most notable massacres" in captions


def test_late_incidents_count_in_their_own_month_when_the_range_takes_it_in(app_db):
    # from=2017-08-02, the first incident's date, is inside the data: no notice, and the September report's
    # two August incidents (seq 34 on 2 Aug, coalition, 11 killed; seq 33 on 4 Aug, ISIS, 5 killed) come
    # back in August, a month no report covers.
    at = run_page("trends", {"from": "2017-08-02"})
    assert not at.exception
    assert not at.main.warning
    assert at.query_params["from"] == "2017-08-02"
    incidents = _incidents()
    ticks, bars, lines = _monthly(at, MONTHLY)
    assert ticks == [_tick("2017-08", False), _tick("2017-09"), _tick("2017-10")]
    by_month_party = Counter(
        (_tick(i["date"][:7], i["date"][:7] != "2017-08"), LABELS[i["perpetrator"]]) for i in incidents
    )
    assert bars == dict(by_month_party)
    assert bars[(_tick("2017-08", False), "International coalition")] == 1
    assert bars[(_tick("2017-08", False), "ISIS")] == 1
    per_month = Counter(i["date"][:7] for i in incidents)
    assert lines["Total (documented)"] == [per_month["2017-08"], per_month["2017-09"], per_month["2017-10"]]
    assert lines["Total (documented)"] == [2, 41, 19]
    stated = [expected_report(n)["report"] for n in (SEP, OCT)]
    assert lines["Stated by the report (all parties)"] == [None] + [r["total_massacres"] for r in stated]  # 43, 39

    _, bars, lines = _monthly(at, VICTIMS)
    assert lines["Total (documented)"] == [16, 414, 250]  # August: 11 + 5
    assert lines["Stated by the report (all parties)"] == [None] + [r["victims_total"] for r in stated]  # 430, 435

    cum = _lines(at, CUMULATIVE)
    assert cum["Documented, accumulated within the year"] == [2, 43, 62]
    assert cum["Stated by the reports, since January"] == [None] + [r["ytd_massacres"] for r in stated]  # 286, 325

    x, y, z = _heatmap(at)
    assert x == ticks and y == GOVERNORATES
    cells = Counter((i["governorate"], i["date"][:7]) for i in incidents)
    for key, row in zip(GOV_KEYS, z):
        # August: no report, so only the cells with incidents have a value; the rest are gaps.
        assert row == [cells[(key, "2017-08")] or None, cells[(key, "2017-09")], cells[(key, "2017-10")] or "0*"]
    assert z[GOVERNORATES.index("Raqqa")][0] == 2 and z[GOVERNORATES.index("Deir ez-Zor")] == [None, 24, 10]

    captions = " ".join(c.value for c in at.caption)
    assert "No report covers August 2017: it holds only the 2 massacres" in captions
    assert "The October 2017 report details only the most notable massacres" in captions


def test_perpetrator_filter_leaves_august_a_gap(app_db):
    # From 2 Aug, so that August (no report; two late incidents, neither Russian) is in the view.
    at = run_page("trends", {"perp": "russia", "from": "2017-08-02"})
    assert not at.exception
    russian = [i for i in _incidents() if i["perpetrator"] == "russia"]
    per_month = Counter(i["date"][:7] for i in russian)
    ticks, bars, lines = _monthly(at, MONTHLY)
    # No report and no Russian incident in August: a gap (None), not 0.
    assert lines["Total (documented)"] == [None, per_month["2017-09"], per_month["2017-10"]] == [None, 14, 6]
    assert "Stated by the report (all parties)" not in lines  # the stated totals are every party's
    assert set(bars) == {(_tick("2017-09"), "Russia"), (_tick("2017-10"), "Russia")}
    assert _lines(at, CUMULATIVE) == {"Documented, accumulated within the year": [None, 14, 20]}
    _, _, z = _heatmap(at)
    assert all(row[0] is None for row in z)
    assert z[GOVERNORATES.index("Deir ez-Zor")] == [None, 10, 6]  # September's 10 and October's 6 Russian
    assert "No report covers August 2017 and no incident in view falls in it" in " ".join(c.value for c in at.caption)
    assert "perpetrator: Russia" in _figure(at, MONTHLY)["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")


def test_governorate_filter(app_db):
    at = run_page("trends", {"gov": "deir_ez_zor"})
    assert not at.exception
    deir = [i for i in _incidents() if i["governorate"] == "deir_ez_zor"]
    per_month = Counter(i["date"][:7] for i in deir)
    _, bars, lines = _monthly(at, MONTHLY)
    assert lines["Total (documented)"] == [per_month["2017-09"], per_month["2017-10"]] == [24, 10]
    assert bars[(_tick("2017-10"), "Russia")] == 6 and bars[(_tick("2017-09"), "Syrian regime")] == 10
    x, y, z = _heatmap(at)
    assert y == ["Deir ez-Zor"] and z == [[24, 10]]
    scale = _figure(at, HEATMAP)["data"][0]
    assert (scale["zmin"], scale["zmax"]) == (0, 24)  # the colour scale starts at zero


def test_september_only(app_db):
    at = run_page("trends", {"from": "2017-09-01", "to": "2017-09-30"})
    assert not at.exception
    ticks, bars, lines = _monthly(at, MONTHLY)
    assert ticks == [_tick("2017-09")]
    assert lines == {"Total (documented)": [41], "Stated by the report (all parties)": [43]}
    assert bars == {
        (_tick("2017-09"), "Syrian regime"): 18,
        (_tick("2017-09"), "Russia"): 14,
        (_tick("2017-09"), "International coalition"): 9,
    }  # the 10th coalition massacre is August's
    assert _lines(at, CUMULATIVE)["Stated by the reports, since January"] == [286]


GAP_SEED = 5  # a December 2017 report with 10 December incidents and 2 from November, recorded late


@pytest.fixture()
def gap_db(tmp_path, monkeypatch):
    """September 2017's report and a synthetic December 2017 one: October has neither report nor incident."""
    import streamlit as st
    import synth_reports

    from massacres.cli import main

    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(REPORTS / f"{SEP}.txt", reports)
    text, truth = synth_reports.generate_report(GAP_SEED, year=2017, month=12, form="web", n_incidents=12)
    (reports / "snhr-2017-12-massacres.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "gap.duckdb"
    assert main(["build", "--reports", str(reports), "--db", str(db)]) == 0
    monkeypatch.setenv("MASSACRES_DB", str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    return truth


def test_month_with_no_report_and_no_incident_is_a_gap(gap_db):
    # The default range runs over the reports' months, September to December; September's two late August
    # incidents fall before it (tests/test_page_trends.py::test_late_incidents_count_in_their_own_month...).
    truth = gap_db
    at = run_page("trends")
    assert not at.exception
    incidents = [i for i in expected_incidents(SEP) + truth["incidents"] if i["date"] >= "2017-09-01"]
    months = ["2017-09", "2017-10", "2017-11", "2017-12"]
    reported = {"2017-09", "2017-12"}
    per_month = Counter(i["date"][:7] for i in incidents)
    assert per_month["2017-10"] == 0 and per_month["2017-11"] > 0
    ticks, bars, lines = _monthly(at, MONTHLY)
    assert ticks == [_tick(m, m in reported) for m in months]
    expected = [per_month[m] if (m in reported or per_month[m]) else None for m in months]
    assert expected[1] is None and expected[0] == 41
    assert lines["Total (documented)"] == expected
    assert lines["Stated by the report (all parties)"] == [43, None, None, truth["report"]["total_massacres"]]
    assert not any(t == _tick("2017-10", False) for t, _ in bars)
    cum = _lines(at, CUMULATIVE)
    running = [sum(per_month[m] for m in months[: k + 1]) for k in range(len(months))]
    assert cum["Documented, accumulated within the year"] == [running[0], None, running[2], running[3]]
    assert cum["Stated by the reports, since January"] == [286, None, None, truth["report"]["ytd_massacres"]]
    _, _, z = _heatmap(at)
    assert all(row[1] is None for row in z)  # October: grey in every governorate
    cells = Counter((i["governorate"], i["date"][:7]) for i in incidents)
    for key, row in zip(GOV_KEYS, z):
        assert row[0] == cells[(key, "2017-09")] and row[3] == cells[(key, "2017-12")]
        assert row[2] == (cells[(key, "2017-11")] or None)
    captions = " ".join(c.value for c in at.caption)
    assert "No report covers October 2017 and no incident in view falls in it: a gap, not a zero." in captions
    assert f"No report covers November 2017: it holds only the {per_month['2017-11']} massacres" in captions


def test_a_filter_the_stated_totals_ignore_is_said(app_db):
    # Issue 14 point 4: with Russia selected the reports' all-party totals (43 and 39 massacres) are left out of
    # the monthly charts, and the page says why, next to them; with only dates filtered they are shown.
    from apptest import run_page as run

    at = run("trends", {"perp": "russia"})
    assert not at.exception
    assert any("count every party and place, so they are left out" in c.value for c in at.caption)
    assert any("year-to-date toll covers every party and place" in c.value for c in at.caption)
    at = run("trends")
    assert not any("count every party and place, so they are left out" in c.value for c in at.caption)


def test_exported_charts_carry_the_pages_caveats(app_db):
    # Issue 14 point 9: the October 2017 report's details are "Most Notable Massacres in October" (its section
    # II title), and no report covers August 2017: every chart's footnote says both, as the page does.
    # From 2 Aug, so that August is in the view; by default (from 1 Sep) only October's caveat applies.
    from apptest import run_page as run

    for query, august in (({"from": "2017-08-02"}, True), ({}, False)):
        at = run("trends", query)
        assert not at.exception
        for title in (MONTHLY, CUMULATIVE, HEATMAP):
            notes = [
                a["text"].replace("<br>", " ")
                for a in _figure(at, title)["layout"]["annotations"]
                if a.get("name") == "footnote"
            ]
            assert len(notes) == 1, title
            assert "The October 2017 report details only the most notable massacres" in notes[0]
            assert ("No report covers August 2017" in notes[0]) is august


def test_heatmap_marks_a_month_detailed_only_in_part(app_db):
    # Issue 14 point 5: October 2017's report details only its "Most Notable Massacres" (19 of its stated 39),
    # so a governorate with none of them detailed in October is not a known zero: the cell is hatched with the
    # palette's INCOMPLETE swatch and reads "0*"; October's counts are lower bounds ("4*"); September's report
    # details every massacre, so its zeros stay plain white zeros.
    from massacres.dashboard import palette

    at = run_page("trends")
    assert not at.exception
    fig = _figure(at, HEATMAP)
    x, y, z = _heatmap(at)
    octo = x.index(_tick("2017-10"))
    sept = x.index(_tick("2017-09"))
    october = Counter(i["governorate"] for i in _incidents() if i["date"].startswith("2017-10"))
    assert sum(october.values()) == 19 and october["deir_ez_zor"] == 10 and october["aleppo"] == 0
    hatched = {y[i] for i, row in enumerate(z) if row[octo] == "0*"}
    assert hatched == {GOVERNORATES[k] for k, key in enumerate(GOV_KEYS) if october[key] == 0}
    assert "Aleppo" in hatched and "Homs" in hatched  # Homs: 1 in September, none detailed in October
    assert z[GOVERNORATES.index("Homs")][sept] == 1 and z[GOVERNORATES.index("Latakia")][sept] == 0
    base = fig["data"][0]
    text = base["text"]
    assert text[GOVERNORATES.index("Deir ez-Zor")][octo] == "10*" and text[GOVERNORATES.index("Raqqa")][octo] == "4*"
    assert text[GOVERNORATES.index("Deir ez-Zor")][sept] == "24" and text[GOVERNORATES.index("Latakia")][sept] == "0"
    hover = base["hovertext"]
    assert hover[GOVERNORATES.index("Aleppo")][octo] == (
        "Aleppo, Oct 2017: none among the massacres detailed; the "
        "report details only the most notable massacres, so not a "
        "known zero"
    )
    assert "at least; the report details only the most notable massacres" in hover[GOVERNORATES.index("Raqqa")][octo]
    assert hover[GOVERNORATES.index("Latakia")][sept] == "Latakia, Sep 2017: 0 massacres"
    # The hatching: the palette's INCOMPLETE swatch, one closed square per unknown cell, named in the legend.
    (hatch,) = [t for t in fig["data"] if t.get("fill") == "toself"]
    assert hatch["fillpattern"]["shape"] == palette.INCOMPLETE.fill
    assert hatch["fillpattern"]["bgcolor"] == palette.INCOMPLETE.colour == hatch["fillcolor"]
    assert hatch["showlegend"] and "report details only the most notable massacres" in hatch["name"]
    assert plotly_array(hatch["x"]).count(None) == len(hatched)
    (marks,) = [t for t in fig["data"] if t.get("name") == "Incomplete month"]
    assert all("report details only the most notable massacres" in h for h in marks["hovertext"])
    labels = [a for a in fig["layout"]["annotations"] if a.get("name") == "incomplete"]
    assert sorted(a["text"] for a in labels) == ["0*"] * len(hatched)
    assert all(a["bgcolor"] == palette.INCOMPLETE.colour for a in labels)
    # Said beside the chart, in its subtitle, in the exported figure's footnote and in the CSV's column name.
    captions = " ".join(c.value for c in at.caption)
    assert "counts (marked \\*) are at least that many, and a hatched 0\\* is not a known zero" in captions  # * escaped
    assert "hatched, *: the October 2017 report details only the most notable massacres" in fig["layout"]["title"][
        "subtitle"
    ]["text"].replace("<br>", " ")
    (note,) = [a["text"].replace("<br>", " ") for a in fig["layout"]["annotations"] if a.get("name") == "footnote"]
    assert "October 2017 counts (marked *) are at least that many, and a hatched 0* is not a known zero" in note
    data = [df.value for df in at.dataframe if "Governorate" in df.value.columns]
    assert data and list(data[0].columns)[1:] == [
        "2017-09",
        "2017-10 (≥: report details only the most notable massacres)",
    ]


def test_heatmap_of_complete_months_has_no_hatching(app_db):
    at = run_page("trends", {"from": "2017-09-01", "to": "2017-09-30"})
    assert not at.exception
    fig = _figure(at, HEATMAP)
    assert not [t for t in fig["data"] if t.get("fill") == "toself"]
    _, _, z = _heatmap(at)
    assert all(isinstance(row[0], int) for row in z)  # every September cell a count, zeros included
    assert "not a known zero" not in " ".join(c.value for c in at.caption)


# --- Fifteen years of months (bench/generate.py: 3,000 incidents from March 2011 to December 2025) ----


@pytest.fixture(scope="module")
def corpus_15_years(tmp_path_factory):
    from generate import generate  # bench/generate.py (conftest puts bench/ on sys.path)

    return generate(tmp_path_factory.mktemp("corpus") / "corpus-3000.duckdb", 3_000, seed=0)


def test_over_fifteen_years_the_axes_name_years_and_no_value_is_printed(corpus_15_years, monkeypatch):
    # 178 months with a report nearly every one: 171 month names or 178 totals over the bars could
    # not be read (and took the browser seconds to measure). The axis names Januaries (14 of them,
    # 2012-2025), and neither the lines nor the heatmap's cells print values; the hover keeps them.
    import streamlit as st

    monkeypatch.setenv("MASSACRES_DB", str(corpus_15_years))
    st.cache_data.clear()
    at = run_page("trends", query={"from": "2011-03-01", "to": "2025-12-31"})
    assert not at.exception
    specs = {s["layout"]["title"]["text"]: s for s in plotly_specs(at)}
    monthly = specs["Massacres per month by perpetrator"]
    assert monthly["layout"]["xaxis"]["ticktext"] == [f"Jan {y}" for y in range(2012, 2026)]
    for fig in specs.values():
        for t in fig["data"]:
            assert "text" not in (t.get("mode") or ""), (fig["layout"]["title"]["text"], t.get("name"))
            assert "texttemplate" not in t, fig["layout"]["title"]["text"]
