"""Reviewers' corrections of a report's own stated figures: stored with `figure` set and no seq,
applied through the one view `stated_figures` (and the reports' totals, the figure total:all) to
every query that reads stated figures, back in the queue when the parsed value changes, shared as
CSV, listed in the review queue when the parser flagged them, and told to the reader wherever a
corrected figure is shown ("parsed N, corrected to M: reason").

Expected values are read by hand from the sample reports (data/reports/):
- September 2017 (snhr-2017-09-massacres.txt): line 76 "no less than 43 massacres in September";
  line 107 "430 individuals were killed in those massacres, including 139 children and 85 women";
  line 83 "B. Russian forces: 14"; line 113 "Russian forces: 152 civilians, including 46 children
  and 29 women"; the details count 2 fetuses, which the report counts among the children (139
  stated, 137 in the details; the regime's 53 stated, 51 in the details): the parser flags the
  total (line 107) and the regime's figure (line 52).
- October 2017 (snhr-2017-10-massacres.txt): line 131 "no less than 39 massacres in October";
  line 144 "435 individuals were killed ... including 145 children and 85 women"; line 95-96
  "Russian forces ... perpetrating 42% of all of October's massacres" (a share, no count);
  line 150 "Russian forces: 186 civilians, including 65 children and 35 women". Its details list
  only the most notable massacres (19 of 39), so its total and party figures are flagged.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from conftest import sha, stored

from massacres.cli import EXIT_BAD_INPUT, EXIT_OK, main
from massacres.dashboard import figure_corrections
from massacres.dashboard.filters import Filters
from massacres.errors import ReportError
from massacres.store import corrections as spec
from massacres.store import corrections_write as cw
from massacres.store import db, queries

BOTH = Filters(dt.date(2017, 9, 1), dt.date(2017, 10, 31))  # both reports' whole months
SEPTEMBER = Filters(dt.date(2017, 9, 1), dt.date(2017, 9, 30))


def run(path, name: str, params: dict):
    con = db.connect_readonly(path)
    try:
        return queries.run(con, name, params)
    finally:
        con.close()


def stated_totals(path, filters=BOTH) -> dict[str, tuple]:
    """Each covered report's (massacres, killed, children, women) as the Overview's stated block reads them."""
    df = run(path, "stated_totals_by_report", filters.params())
    return {
        r["month"]: (r["total_massacres"], r["victims_total"], r["victims_children"], r["victims_women"])
        for _, r in df.iterrows()
    }


def test_a_corrected_total_reaches_the_stated_totals_and_not_the_parsed_rows(built_db):
    assert stated_totals(built_db) == {"2017-09": (43, 430, 139, 85), "2017-10": (39, 435, 145, 85)}
    outcome = cw.save_figure(
        built_db, "2017-09", "total:all", {"massacres": 43, "killed": 431}, "Rana", "the party list adds up to 431"
    )
    assert outcome == {"massacres": "confirmed", "killed": "corrected"}
    assert stated_totals(built_db) == {"2017-09": (43, 431, 139, 85), "2017-10": (39, 435, 145, 85)}
    # Stored as a stated figure's review: figure set, no seq; the parsed rows are the report's.
    assert stored(
        built_db, "SELECT seq, figure, field, parsed, value, status, reason, stale FROM corrections ORDER BY field"
    ) == [
        (None, "total:all", "killed", "430", "431", "corrected", "the party list adds up to 431", False),
        (None, "total:all", "massacres", "43", "43", "confirmed", None, False),
    ]
    assert stored(built_db, "SELECT victims_total FROM reports WHERE month = '2017-09'") == [(430,)]
    assert stored(
        built_db, "SELECT killed FROM stated_figures WHERE report_month = '2017-09' AND dimension = 'total'"
    ) == [(430,)]
    # The corrected view carries reviewed and corrected, as the incidents' does.
    con = db.connect_readonly(built_db)
    row = con.execute(
        "SELECT killed, reviewed, corrected FROM stated_figures WHERE report_month = '2017-09' AND dimension = 'total'"
    ).fetchone()
    assert row == (431, True, "killed")
    # The trends' stated line and the Data quality comparison read it too.
    trend = queries.run(con, "trend_massacres_by_month", BOTH.params())
    assert trend.set_index("month")["stated_killed"].to_dict() == {"2017-09": 431, "2017-10": 435}
    compared = queries.run(con, "stated_vs_documented_by_report", SEPTEMBER.params() | {"report_month": "2017-09"})
    total = compared[compared["dimension"] == "total"].iloc[0]
    # The details add up to 430 killed (43 incidents); the corrected 431 now differs from them.
    assert (total["stated_killed"], total["documented_killed"], bool(total["differs"])) == (431, 430, True)
    con.close()


def test_a_party_figure_correction_reaches_the_perpetrator_queries(built_db):
    victims = run(built_db, "victims_by_perpetrator_stated", BOTH.params()).set_index("perpetrator")
    assert victims.loc["russia", "killed"] == 152 + 186
    cw.save_figure(built_db, "2017-10", "perpetrator:russia", {"killed": 187}, "Omar", "the annex names 187")
    victims = run(built_db, "victims_by_perpetrator_stated", BOTH.params()).set_index("perpetrator")
    assert victims.loc["russia", "killed"] == 152 + 187
    # October states only Russia's share, 42% of its 39 massacres: about 16.4, rounded to 16.
    massacres = run(built_db, "massacres_by_perpetrator_stated", BOTH.params()).set_index("perpetrator")
    assert (massacres.loc["russia", "massacres"], list(massacres.loc["russia", "converted_months"])) == (
        14 + 16,
        ["2017-10"],
    )
    # A count given where the report states only a share replaces the share's estimate.
    cw.save_figure(built_db, "2017-10", "perpetrator:russia", {"massacres": 17}, "Omar", "counted in the annex")
    massacres = run(built_db, "massacres_by_perpetrator_stated", BOTH.params()).set_index("perpetrator")
    assert (massacres.loc["russia", "massacres"], list(massacres.loc["russia", "converted_months"])) == (14 + 17, [])
    leaders = run(built_db, "leading_perpetrator_by_month_stated", BOTH.params() | {"perpetrators": None})
    october = leaders[leaders["month"] == "2017-10"].iloc[0]
    assert (october["perpetrator"], october["massacres"], bool(october["converted"])) == ("russia", 17, False)


def test_the_reader_is_told_parsed_corrected_and_why(built_db):
    cw.save_figure(built_db, "2017-09", "total:all", {"killed": 431}, "Rana", "the party list adds up to 431")
    cw.save_figure(built_db, "2017-09", "perpetrator:russia", {"children": 47, "women": 29}, "Rana", "annex")
    rows = run(built_db, "stated_corrections_in_view", BOTH.params() | {"dimensions": ["total", "perpetrator"]})
    assert figure_corrections.notes(rows) == [
        "Stated figures corrected by a reviewer (the report's text says otherwise): "
        "September 2017 report, the month's total, killed: parsed 430, corrected to 431: the party list adds up "
        "to 431 (Rana). September 2017 report, Russia (party), children: parsed 46, corrected to 47: annex (Rana)."
    ]  # women 29 was confirmed: nothing to tell
    assert figure_corrections.by_key(rows, "perpetrator") == {
        "russia": "2017-09 children: parsed 46, corrected to 47: annex (Rana)"
    }
    # Only the dimensions a view shows, and only the months it covers whole.
    assert len(run(built_db, "stated_corrections_in_view", BOTH.params() | {"dimensions": ["total"]})) == 1
    october = Filters(dt.date(2017, 10, 1), dt.date(2017, 10, 31))
    assert run(built_db, "stated_corrections_in_view", october.params() | {"dimensions": ["total"]}).empty


def test_a_figure_correction_survives_a_build_and_goes_back_to_the_queue_when_the_parse_changes(built_db, reports_dir):
    cw.save_figure(built_db, "2017-10", "total:all", {"killed": 440}, "Rana", "recount")
    assert main(["build", "--reports", str(reports_dir), "--db", str(built_db)]) == EXIT_OK
    assert stated_totals(built_db)["2017-10"] == (39, 440, 145, 85)
    report = reports_dir / "snhr-2017-10-massacres.txt"
    text = report.read_text(encoding="utf-8")
    old = "According to the victim documentation team at SNHR, 435 individuals were killed in those "
    assert text.count(old) == 1
    report.write_text(text.replace(old, old.replace("435", "436")), encoding="utf-8")
    assert main(["build", "--reports", str(reports_dir), "--db", str(built_db)]) == EXIT_OK
    # Parsed now 436: the review of 435 is neither applied to it nor dropped.
    assert stated_totals(built_db)["2017-10"] == (39, 436, 145, 85)
    assert stored(built_db, "SELECT figure, parsed, value, stale FROM corrections") == [
        ("total:all", "435", "440", True)
    ]
    con = db.connect_readonly(built_db)
    items = queries.run(con, "review_figures_by_report", {"report_month": "2017-10"}).set_index("figure")
    assert (items.loc["total:all", "status"], bool(items.loc["total:all", "returned"])) == ("open", True)
    assert (
        figure_corrections.notes(
            queries.run(con, "stated_corrections_in_view", BOTH.params() | {"dimensions": ["total"]})
        )
        == []
    )  # not applied, so not told as applied
    con.close()
    report.write_text(text, encoding="utf-8")
    assert main(["build", "--reports", str(reports_dir), "--db", str(built_db)]) == EXIT_OK
    assert stated_totals(built_db)["2017-10"] == (39, 440, 145, 85)


def test_the_review_queue_lists_the_flagged_figures_with_their_parsed_and_documented_values(built_db):
    con = db.connect_readonly(built_db)
    september = queries.run(con, "review_figures_by_report", {"report_month": "2017-09"})
    assert list(september["figure"]) == ["total:all", "perpetrator:syrian_regime"]  # the total first
    total = september.iloc[0]
    assert (total["line"], total["parsed_killed"], total["parsed_children"], total["documented_children"]) == (
        107,
        430,
        139,
        137,
    )
    assert total["status"] == "open" and total["why"][0].startswith("stated_differs: total all: stated children 139")
    october = set(queries.run(con, "review_figures_by_report", {"report_month": "2017-10"})["figure"])
    assert {"total:all", "perpetrator:russia", "perpetrator:syrian_regime"} <= october
    status = queries.run(con, "review_status_by_report", BOTH.params()).set_index("report_month")
    con.close()
    # September: 13 flagged incidents (test_page_review.py) and these 2 figures.
    assert (status.loc["2017-09", "open"], status.loc["2017-09", "open_figures"]) == (15, 2)
    cw.save_figure(built_db, "2017-09", "total:all", {"children": 137}, "Rana", "the 2 fetuses are not children")
    cw.save_figure(built_db, "2017-09", "perpetrator:syrian_regime", {"children": 53}, "Rana", None)
    con = db.connect_readonly(built_db)
    status = queries.run(con, "review_status_by_report", BOTH.params()).set_index("report_month")
    con.close()
    assert tuple(status.loc["2017-09", ["open", "confirmed", "corrected", "open_figures"]]) == (13, 1, 1, 0)


def test_values_and_keys_outside_the_rules_are_refused_and_nothing_is_written(built_db):
    before = sha(built_db)
    for figure, values, why in (
        ("total:all", {"killed": -1}, "whole number"),
        ("total:all", {"killed": "many"}, "whole number"),
        ("total:all", {"percent": 50}, "not a field"),
        ("total:all", {"place": "x"}, "not a field"),
        ("perpetrator:martians", {"killed": 3}, "no such stated figure"),
        ("total all", {"killed": 3}, "dimension:key"),
    ):
        with pytest.raises(ReportError, match=why):
            cw.save_figure(built_db, "2017-09", figure, values, "Rana", "x")
    with pytest.raises(ReportError, match="give a reason"):
        cw.save_figure(built_db, "2017-09", "total:all", {"killed": 431}, "Rana", " ")
    assert sha(built_db) == before


def test_a_figure_save_after_someone_elses_is_refused_not_lost(built_db):
    shown = {"killed": "430"}
    cw.save_figure(built_db, "2017-09", "total:all", {"killed": 431}, "Rana", "list", shown=shown)
    before = sha(built_db)
    with pytest.raises(cw.CorrectionConflict, match="reviewed by Rana meanwhile"):
        cw.save_figure(built_db, "2017-09", "total:all", {"killed": 432}, "Omar", "recount", shown=shown)
    assert sha(built_db) == before and stated_totals(built_db)["2017-09"][1] == 431


def test_csv_round_trip_carries_figure_corrections(built_db, tmp_path, reports_dir, capsys):
    cw.save_figure(built_db, "2017-09", "total:all", {"killed": 431, "women": 85}, "Rana", "list, see PDF")
    cw.save(built_db, "2017-09", 25, {"killed": 17}, "Rana", "parts")
    out = tmp_path / "corrections.csv"
    assert main(["corrections", "export", str(out), "--db", str(built_db)]) == EXIT_OK
    lines = out.read_text(encoding="utf-8").splitlines()
    # Incidents first (seq), then the stated figures (no seq, figure set); the "at" column last.
    assert [ln.rsplit(",", 1)[0] for ln in lines[1:]] == [
        "2017-09,25,,killed,10,17,corrected,parts,Rana",
        '2017-09,,total:all,killed,430,431,corrected,"list, see PDF",Rana',
        "2017-09,,total:all,women,85,85,confirmed,,Rana",
    ]
    fresh = tmp_path / "fresh.duckdb"
    assert main(["build", "--reports", str(reports_dir), "--db", str(fresh)]) == EXIT_OK
    assert main(["corrections", "import", str(out), "--db", str(fresh)]) == EXIT_OK
    assert "imported 3 correction(s)" in capsys.readouterr().out
    columns = 'report_month, seq, figure, field, parsed, value, status, reason, reviewer, "at", stale'
    assert stored(fresh, f"SELECT {columns} FROM corrections ORDER BY ALL") == stored(
        built_db, f"SELECT {columns} FROM corrections ORDER BY ALL"
    )
    assert stated_totals(fresh)["2017-09"] == (43, 431, 139, 85)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("2017-09,,total-all,killed,430,431,corrected,typo,Rana,", ":2: figure must be a stated figure's"),
        ("2017-09,,perpetrator:martians,killed,1,2,corrected,typo,Rana,", ":2: no stated figure perpetrator:martians"),
        ("2017-09,,total:all,killed,430,-3,corrected,typo,Rana,", ":2: killed must be a whole number"),
        ("2017-09,,total:all,percent,53,54,corrected,typo,Rana,", ":2: field must be one of massacres, killed"),
        ("2017-09,25,total:all,killed,430,431,corrected,typo,Rana,", ":2: give either seq"),
        ("2017-09,,total:all,killed,430,431,corrected,,Rana,", ":2: a correction needs a reason"),
    ],
)
def test_a_bad_figure_row_is_refused_with_its_line_and_nothing_is_written(built_db, tmp_path, capsys, line, message):
    good = "2017-10,,total:all,killed,435,435,confirmed,,Omar,2026-12-01T10:00:00"
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(cw.CSV_COLUMNS) + "\n" + line + "\n" + good + "\n", encoding="utf-8")
    before = sha(built_db)
    assert main(["corrections", "import", str(bad), "--db", str(built_db)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {bad}") and message in err[0], err
    assert sha(built_db) == before


def test_an_imported_figure_correction_of_another_parse_is_kept_stale(built_db, tmp_path, capsys):
    other = tmp_path / "other.csv"
    other.write_text(
        ",".join(cw.CSV_COLUMNS) + "\n2017-09,,total:all,killed,429,431,corrected,typo,Rana,\n", encoding="utf-8"
    )
    assert main(["corrections", "import", str(other), "--db", str(built_db)]) == EXIT_OK
    assert "1 no longer match the parsed value" in capsys.readouterr().out
    assert stated_totals(built_db)["2017-09"][1] == 430


def test_the_parquet_export_carries_figure_corrections(built_db, tmp_path):
    from massacres.store import writes as store

    cw.save_figure(built_db, "2017-09", "total:all", {"killed": 431}, "Rana", "checked")
    out = tmp_path / "parquet"
    store.export_parquet(built_db, out)
    con = db.connect_readonly(out / db.MANIFEST)
    assert queries.run(con, "stated_totals_by_report", BOTH.params())["victims_total"].tolist() == [431, 435]


def test_the_corrections_for_a_figure_in_words(built_db):
    cw.save_figure(built_db, "2017-09", "total:all", {"killed": 431}, "Rana", "the party list adds up to 431")
    con = db.connect_readonly(built_db)
    reviews = spec.corrections_for(con, "2017-09", figure="total:all")
    assert [spec.describe(r) for r in reviews] == [
        "Killed: parsed 430, corrected to 431: the party list adds up to 431 (Rana)"
    ]
    assert spec.corrections_for(con, "2017-09", figure="perpetrator:russia") == []


# The warnings the README's review section says name a stated figure (queries/review_items.sql).
FIGURE_CODES = (
    "stated_differs",
    "victims_breakdown_exceeds",
    "percent_mismatch",
    "title_disagrees",
    "stated_twice",
    "perpetrator_sum_differs",
    "governorate_sum_differs",
    "area_sum_differs",
)


def test_every_warning_about_a_stated_figure_makes_its_figure_an_item(tmp_path):
    """Each of those warnings must name a figure the report states, so that none is left out of the
    queue because its message is worded another way: the variant corpus plants most of them
    (tests/fixtures/variants/README.md); the two it lacks, a party's area-of-control list and the
    women-and-children share against the counts, are written by the parser's own check
    (summary.check_summary) and added to a report that states the figures they name."""
    from conftest import ROOT

    from massacres.reports.summary import check_summary

    reports = tmp_path / "reports"
    reports.mkdir()
    for path in sorted((ROOT / "tests" / "fixtures" / "variants").glob("*.txt")):
        (reports / path.name).write_bytes(path.read_bytes())
    path = tmp_path / "variants.duckdb"
    assert main(["build", "--reports", str(reports), "--db", str(path)]) == EXIT_OK
    planted: list[tuple] = []
    check_summary(
        {"total_massacres": 10, "victims_total": 100, "victims_children": 20, "victims_women": 10},
        [
            {"dimension": "perpetrator", "key": "syrian_regime", "massacres": 10},
            {"dimension": "regime_area_of_control", "key": "isis", "massacres": 4},
            {"dimension": "victims_share", "key": "women_and_children", "percent": 50.0},
        ],
        lambda code, message, line=None: planted.append((code, message)),
    )
    assert [code for code, _ in planted] == ["area_sum_differs", "percent_mismatch"]
    con = duckdb.connect(str(path))
    month = con.execute(  # a report stating its total and the regime's figure
        "SELECT report_month FROM stated_figures WHERE dimension = 'perpetrator' AND key = 'syrian_regime' "
        "INTERSECT SELECT report_month FROM stated_figures WHERE dimension = 'total' ORDER BY 1 LIMIT 1"
    ).fetchone()[0]
    for i, (code, message) in enumerate(planted):
        con.execute("INSERT INTO warnings VALUES (?, 1000 + ?, ?, ?, NULL, NULL)", [month, i, code, message])
    con.close()
    con = db.connect_readonly(path)
    warned = con.execute(
        "SELECT report_month, code || ': ' || message FROM warnings WHERE seq IS NULL AND list_contains(?, code)",
        [list(FIGURE_CODES)],
    ).fetchall()
    listed = con.execute(
        queries.with_shared("SELECT report_month, figure, unnest(why) FROM review_items WHERE figure IS NOT NULL")
    ).fetchall()
    con.close()
    assert {why.split(":")[0] for _, why in warned} == set(FIGURE_CODES)
    assert set(warned) <= {(m, why) for m, _, why in listed}, sorted(set(warned) - {(m, w) for m, _, w in listed})
    by_why = {(m, why): figure for m, figure, why in listed}
    assert by_why[(month, "area_sum_differs: " + planted[0][1])] == "perpetrator:syrian_regime"
    assert by_why[(month, "percent_mismatch: " + planted[1][1])] == "total:all"


def test_the_perpetrators_page_shows_a_corrected_party_figure_and_says_so(app_db):
    from apptest import figure, run_page

    cw.save_figure(app_db, "2017-09", "perpetrator:russia", {"killed": 153}, "Rana", "the annex names 153")
    at = run_page("perpetrators", {"basis": "stated"})
    assert not at.exception
    fig = figure(at, "Share of victims by perpetrator")
    russia = next(t for t in fig["data"] if t["name"] == "Russia")
    # 153 (corrected) + 186 (October, line 150): 339.
    assert russia["text"][0].startswith("339") and russia["text"][0].endswith(" · corrected")
    # Its massacres (14 + ≈16) are the report's: that bar says nothing of a correction.
    massacres = next(t for t in figure(at, "Share of massacres by perpetrator")["data"] if t["name"] == "Russia")
    assert "corrected" not in massacres["text"][0]
    footnote = next(a["text"] for a in fig["layout"]["annotations"] if a.get("name") == "footnote")
    assert "Russia (party), killed: parsed 152, corrected to 153: the annex names 153 (Rana)." in footnote.replace(
        "<br>", " "
    )
    table = next(d.value for d in at.dataframe if "Corrected" in d.value.columns and "Killed" in d.value.columns)
    assert table.set_index("Party").loc["Russia", "Corrected"] == (
        "2017-09 killed: parsed 152, corrected to 153: the annex names 153 (Rana)"
    )
    assert table["Corrected"].notna().sum() == 1


def test_a_reason_is_drawn_as_written_in_a_chart_footnote(app_db):
    from apptest import figure, run_page

    cw.save_figure(app_db, "2017-09", "perpetrator:russia", {"killed": 153}, "Rana", '<a href="x">see</a> & <b>')
    at = run_page("perpetrators", {"basis": "stated"})
    footnote = next(
        a["text"]
        for a in figure(at, "Share of victims by perpetrator")["layout"]["annotations"]
        if a.get("name") == "footnote"
    )
    assert '&lt;a href="x"&gt;see&lt;/a&gt; &amp; &lt;b&gt;' in footnote and "<a " not in footnote


def test_the_trends_and_data_quality_pages_show_a_corrected_total_and_say_so(app_db):
    from apptest import figure, plotly_array, run_page

    cw.save_figure(app_db, "2017-09", "total:all", {"killed": 431}, "Rana", "the party lines add up to 431")
    at = run_page("trends")
    assert not at.exception
    fig = figure(at, "Victims per month by perpetrator")
    stated = next(t for t in fig["data"] if t.get("name") == "Stated by the report (all parties)")
    assert [v for v in plotly_array(stated["y"]) if v is not None] == [431, 435]
    assert [t for t in stated["text"] if t] == ["431 stated, corrected", "435 stated"]
    footnote = next(a["text"] for a in fig["layout"]["annotations"] if a.get("name") == "footnote")
    assert "the month's total, killed: parsed 430, corrected to 431" in footnote.replace("<br>", " ")
    # The massacres chart's ◆ are the reports' 43 and 39, uncorrected: its footnote tells nothing.
    massacres = figure(at, "Massacres per month by perpetrator")
    assert not any("corrected" in a["text"] for a in massacres["layout"]["annotations"] if a.get("name") == "footnote")
    quality = run_page("data_quality", {"report": "2017-09"})
    told = [c.value for c in quality.caption if "corrected by a reviewer" in c.value]
    assert len(told) == 1 and "parsed 430, corrected to 431" in told[0]
