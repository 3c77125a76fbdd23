"""The Review page (AppTest): the queue of one report, most consequential first, a save that
corrects a count and confirms the rest, its effect on the Overview, the Incidents table and the
Data quality counts, and the "only reviewed incidents" filter.

By hand from data/reports/snhr-2017-09-massacres.txt: the September report's flagged incidents
are 13 (three governorate conflicts, 25, 26 and 32, and ten places the gazetteer does not hold,
located at governorate level: 1, 4, 5, 7, 9, 10, 12, 21, 22, 40); incidents 1, 12 and 40 kill
12 each, the most of them. Two of its own stated figures are flagged too: the total (line 107: "430
individuals ... including 139 children and 85 women") and the Syrian regime's (line 111: "177
individuals, including 53 children and 37 women"), whose children count the 2 fetuses the details
give apart (137 and 51 in the details). 62 incidents and 680 killed in the two reports; the Overview's default
range (1 September to 31 October) leaves out the two August incidents reported late (5 and 11
killed): 60 incidents and 664 killed.
"""

from __future__ import annotations

from apptest import metrics, run_page

from massacres.store import corrections_write as cw


def expander_labels(at) -> list[str]:
    """The queue's items (the page's other expander lists the report's own figures' warnings)."""
    return [e.label for e in at.expander if e.label.startswith("Incident ")]


def test_the_queue_lists_flagged_incidents_open_first_by_killed(app_db):
    at = run_page("review", {"report": "2017-09"})
    assert not at.exception
    labels = expander_labels(at)
    assert len(labels) == 13
    assert [label.split(" · ")[0] for label in labels[:3]] == ["Incident 1", "Incident 12", "Incident 40"]
    assert all(label.endswith("open") for label in labels)
    assert dict(metrics(at)) == {"Open": "15", "Confirmed": "0", "Corrected": "0", "Back in the queue": "0"}
    # September's two stated_differs warnings (lines 107 and 52) make its two flagged figures items.
    figures = [e.label for e in at.expander if not e.label.startswith(("Incident ", "Cite"))]
    assert figures == [
        "The month's total · 43 massacres · 430 killed · 139 children · 85 women · open",
        "Syrian regime \\(party\\) · 18 massacres · 177 killed · 53 children · 37 women · 42% · open",
    ]


def test_saving_a_review_corrects_one_count_and_confirms_the_rest(app_db):
    at = run_page("review", {"report": "2017-09"})
    key = "review_2017-09_1"
    at.number_input(key=f"{key}_killed").set_value(14)
    at.text_input(key=f"{key}_reviewer").set_value("Rana")
    at.text_input(key=f"{key}_reason").set_value("two more named in the annex")
    at.button(key=f"FormSubmitter:{key}-Save review").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "corrected killed; 11 field(s) confirmed" in at.success[0].value
    assert dict(metrics(at))["Corrected"] == "1" and dict(metrics(at))["Open"] == "14"  # 12 incidents, 2 figures

    overview = run_page("overview")
    assert metrics(overview)[:2] == [("Massacres", "60"), ("Killed", "666")]  # documented: 664 - 12 + 14
    quality = run_page("data_quality", {"report": "2017-09"})
    summary = quality.dataframe[0].value
    row = summary[summary["Report"] == "2017-09"].iloc[0]
    assert (row["To review"], row["Confirmed"], row["Corrected"]) == (14, 0, 1)
    reviewed = run_page("overview", {"reviewed": "1"})
    assert metrics(reviewed)[:2] == [("Massacres", "1"), ("Killed", "14")]


def test_a_save_without_a_reason_is_refused_on_the_page(app_db):
    at = run_page("review", {"report": "2017-09"})
    key = "review_2017-09_1"
    at.number_input(key=f"{key}_killed").set_value(14)
    at.text_input(key=f"{key}_reviewer").set_value("Rana")
    at.button(key=f"FormSubmitter:{key}-Save review").click().run()
    assert not at.exception
    assert "give a reason" in at.error[0].value
    assert dict(metrics(at))["Corrected"] == "0"


def test_a_save_after_someone_elses_is_refused_on_the_page(app_db):
    at = run_page("review", {"report": "2017-09"})
    cw.save(app_db, "2017-09", 1, {"killed": 13}, "Omar", "recount")  # another reviewer, meanwhile
    key = "review_2017-09_1"
    at.number_input(key=f"{key}_killed").set_value(14)
    at.text_input(key=f"{key}_reviewer").set_value("Rana")
    at.text_input(key=f"{key}_reason").set_value("two more")
    at.button(key=f"FormSubmitter:{key}-Save review").click().run()
    assert "reviewed by Omar meanwhile" in at.error[0].value
    assert metrics(run_page("overview"))[1] == ("Killed", "665")  # Omar's 13 stands: 664 - 12 + 13


def test_the_incidents_table_shows_the_corrected_fields(app_db):
    cw.save(app_db, "2017-09", 25, {"killed": 17}, "Rana", "the parts add up to 17")
    at = run_page("incidents", {"report": "2017-09"})
    table = at.dataframe[0].value
    row = table[(table["Report"] == "2017-09") & (table["Killed"] == 17)]
    assert list(row["Corrected"]) == ["killed"] and list(row["Place"]) == ["al Boulayl"]
    assert table["Corrected"].notna().sum() == 1


def test_a_stated_figure_is_reviewed_beside_the_report_lines_that_state_it(app_db):
    at = run_page("review", {"report": "2017-09"})
    texts = [t.value for t in at.text]
    # The total's own line first, then the short lines that state its 43 massacres (the title, line 3;
    # the executive summary, line 76).
    assert any(
        t.startswith(
            "Line 107 of the report (the figure read here):\nAccording to the victim documentation team at "
            "SNHR, 430 individuals were killed in those massacres, including 139 children and 85 women"
        )
        for t in texts
    )
    assert "Line 76:\nSNHR has documented no less than 43 massacres in September" in texts
    assert "The report's incident details add up to 43 massacres, 430 killed, 137 children and 85 women." in texts


def test_saving_a_stated_figure_correction_changes_the_stated_figures_and_says_so(app_db):
    at = run_page("review", {"report": "2017-09"})
    key = "figure_2017-09_total:all"
    at.number_input(key=f"{key}_killed").set_value(431)
    at.text_input(key=f"{key}_reviewer").set_value("Rana")
    at.text_input(key=f"{key}_reason").set_value("the party lines add up to 431")
    at.button(key=f"FormSubmitter:{key}-Save review").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.success[0].value == (
        "Saved the month's total of the September 2017 report: corrected killed; 3 count(s) confirmed."
    )
    assert "Reviewed: Killed: parsed 430, corrected to 431: the party lines add up to 431 (Rana)" in [
        t.value for t in at.text
    ]
    assert dict(metrics(at))["Corrected"] == "1"

    overview = run_page("overview")
    # Stated: 430 + 435 killed in the two reports, 431 + 435 corrected; the documented block is unchanged.
    assert metrics(overview)[1] == ("Killed", "664") and metrics(overview)[6] == ("Killed", "866")
    told = [c.value for c in overview.caption if "corrected by a reviewer" in c.value]
    assert len(told) == 1 and "parsed 430, corrected to 431: the party lines add up to 431 \\(Rana\\)" in told[0]
    # The month's sentence "in the reports' words" says which of its figures is not the report's.
    september = next(m.value for m in overview.markdown if "in September 2017" in m.value)
    assert "431 people were killed" in september
    assert september.endswith("Corrected by a reviewer: the month's total killed 430 in the report's text, 431 here\\.")
