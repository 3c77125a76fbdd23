"""Perpetrators page: each party's share of massacres and victims on the stated and the documented
basis, which party led each month, and which filters each basis honours.

Expected values come from the reports' text: the figures the brief quotes from the reports, and
what the hand-labelled fixtures (tests/fixtures/expected/) add up to, never from the page."""

from __future__ import annotations

from collections import Counter, defaultdict

from apptest import metrics, plotly_array, plotly_specs, run_page
from conftest import expected_incidents, expected_report

SEP, OCT = "snhr-2017-09-massacres", "snhr-2017-10-massacres"
LABELS = {
    "syrian_regime": "Syrian regime",
    "russia": "Russia",
    "international_coalition": "International coalition",
    "isis": "ISIS",
    "other": "Other parties",
    "hts": "Hay'at Tahrir al Sham",
}
MASSACRES, VICTIMS, LEADERS = (
    "Share of massacres by perpetrator",
    "Share of victims by perpetrator",
    "Which party led each month",
)


def _figure(at, title: str) -> dict:
    found = [s for s in plotly_specs(at) if s["layout"]["title"]["text"] == title]
    assert len(found) == 1, f"one chart titled {title!r}: {[s['layout']['title']['text'] for s in plotly_specs(at)]}"
    return found[0]


def _bars(at, title: str) -> dict[str, tuple]:
    """Horizontal share bars: party -> (value, label, customdata)."""
    out = {}
    for t in _figure(at, title)["data"]:
        x, y, cd = plotly_array(t["x"]), plotly_array(t["y"]), plotly_array(t.get("customdata"))
        assert y == [t["name"]]
        out[t["name"]] = (x[0], t["text"][0], [None if v != v else v for v in cd[0]] if cd else None)
    return out


def _leaders(at) -> dict[str, list[tuple[str, int, str]]]:
    """Month label -> [(party, massacres, label)] of the 'which party led' chart."""
    out = defaultdict(list)
    for t in _figure(at, LEADERS)["data"]:
        for month, n, text in zip(plotly_array(t["x"]), plotly_array(t["y"]), t["text"]):
            out[month].append((t["name"], n, text))
    return {m: sorted(v) for m, v in out.items()}


def _stated(name: str) -> dict[str, dict]:
    return {s["key"]: s for s in expected_report(name)["stated"] if s["dimension"] == "perpetrator"}


def _documented(incidents: list[dict]) -> dict[str, dict]:
    out: dict[str, dict] = defaultdict(lambda: {"massacres": 0, "killed": 0})
    for i in incidents:
        out[i["perpetrator"]]["massacres"] += 1
        out[i["perpetrator"]]["killed"] += i["killed"]
    return dict(out)


def _all_incidents() -> list[dict]:
    return expected_incidents(SEP) + expected_incidents(OCT)


def test_september_stated(app_db):
    at = run_page("perpetrators", {"from": "2017-09-01", "to": "2017-09-30"})
    assert not at.exception
    assert at.radio(key="basis").value == "stated"
    # The report: "no less than 43 massacres ... 430 individuals ... including 139 children and 85 women".
    assert metrics(at) == [
        ("Massacres, all parties", "43"),
        ("Killed, all parties", "430"),
        ("Children, all parties", "139"),
        ("Women, all parties", "85"),
    ]
    # "As follows": Syrian regime 18, Russia 14, International coalition 10, ISIS 1. The shares are the
    # report's own (42%, 33%, 23%); ISIS's 1 of 43 is 2.3%.
    bars = _bars(at, MASSACRES)
    assert {p: (n, text) for p, (n, text, _) in bars.items()} == {
        "Syrian regime": (18, "18 (42%)"),
        "Russia": (14, "14 (33%)"),
        "International coalition": (10, "10 (23%)"),
        "ISIS": (1, "1 (2%)"),
    }
    for key, s in _stated(SEP).items():
        if "percent" in s:
            assert bars[LABELS[key]][1].endswith(f"({s['percent']}%)")
    # Death toll lines: the regime killed 177, including 53 children and 37 women (177 of 430 = 41%).
    victims = _bars(at, VICTIMS)
    assert victims["Syrian regime"] == (177, "177 (41%) · 53 children, 37 women", [53, 37])
    assert victims["ISIS"] == (5, "5 (1%) · 3 children, 1 woman", [3, 1])
    assert {LABELS[k]: (s["killed"], [s["children"], s["women"]]) for k, s in _stated(SEP).items()} == {
        p: (n, cd) for p, (n, _, cd) in victims.items()
    }
    assert sum(n for n, _, _ in victims.values()) == 430
    assert _leaders(at) == {"September 2017": [("Syrian regime", 18, "Syrian regime · 18 (42%)")]}
    subtitle = _figure(at, MASSACRES)["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
    assert subtitle.startswith("Stated by the reports for September 2017") and "1 Sep 2017 – 30 Sep 2017" in subtitle
    assert not at.info


def test_october_stated_percentages_become_counts(app_db):
    at = run_page("perpetrators", {"from": "2017-10-01", "to": "2017-10-31"})
    assert not at.exception
    assert [v for _, v in metrics(at)] == ["39", "435", "145", "85"]
    # "Russian forces ... 42% of all massacres", regime 29%, coalition 24%, of 39: 16.38, 11.31, 9.36.
    bars = _bars(at, MASSACRES)
    assert {p: (n, text) for p, (n, text, _) in bars.items()} == {
        "Russia": (16, "≈16 (42%)"),
        "Syrian regime": (11, "≈11 (29%)"),
        "International coalition": (9, "≈9 (24%)"),
    }
    for key, s in _stated(OCT).items():
        if "percent" in s:
            assert bars[LABELS[key]][0] == round(s["percent"] * 39 / 100)
    notes = " ".join(c.value for c in at.caption)
    assert "states only each party's percentage of its massacres" in notes and "its 39 massacres" in notes
    assert "3 of the 39 massacres are not attributed to a party" in notes  # 39 - 16 - 11 - 9
    assert "ISIS: no count or share of massacres is stated for October 2017" in notes
    victims = _bars(at, VICTIMS)
    assert victims["Russia"] == (186, "186 (43%) · 65 children, 35 women", [65, 35])
    assert victims["Other parties"] == (17, "17 (4%) · no breakdown stated", [None, None])
    assert sum(n for n, _, _ in victims.values()) == 435
    assert _leaders(at) == {"October 2017": [("Russia", 16, "Russia · ≈16 (42%)")]}


def test_default_view_adds_both_reports(app_db):
    at = run_page("perpetrators")
    assert not at.exception
    sep, octo = expected_report(SEP)["report"], expected_report(OCT)["report"]
    assert [v for _, v in metrics(at)] == [
        str(sep[k] + octo[k]) for k in ("total_massacres", "victims_total", "victims_children", "victims_women")
    ]  # 82, 865, 284, 170
    # Regime 18 + 29% of 39 (11.31) = 29.31 of 82 = 35.7%; Russia 14 + 16.38 = 30.38 (37.0%);
    # coalition 10 + 9.36 = 19.36 (23.6%); ISIS 1 (September only) = 1.2%.
    bars = _bars(at, MASSACRES)
    assert {p: (n, text) for p, (n, text, _) in bars.items()} == {
        "Syrian regime": (29, "≈29 (36%)"),
        "Russia": (30, "≈30 (37%)"),
        "International coalition": (19, "≈19 (24%)"),
        "ISIS": (1, "1 (1%) · not stated for Oct 2017"),
    }
    victims = _bars(at, VICTIMS)
    s9, s10 = _stated(SEP), _stated(OCT)
    for key in ("syrian_regime", "russia", "international_coalition", "isis"):
        assert victims[LABELS[key]][0] == s9[key]["killed"] + s10[key]["killed"]
        assert victims[LABELS[key]][2] == [
            s9[key]["children"] + s10[key]["children"],
            s9[key]["women"] + s10[key]["women"],
        ]
    assert victims["Syrian regime"][:2] == (270, "270 (31%) · 81 children, 57 women")
    assert victims["Other parties"][0] == 17
    assert _leaders(at) == {
        "September 2017": [("Syrian regime", 18, "Syrian regime · 18 (42%)")],
        "October 2017": [("Russia", 16, "Russia · ≈16 (42%)")],
    }


def test_documented_basis(app_db):
    # From 2 Aug, the first incident's date, so the two late-reported August incidents are in the view.
    at = run_page("perpetrators", {"from": "2017-08-02"})
    at.radio(key="basis").set_value("documented").run()
    assert not at.exception
    incidents = _all_incidents()
    killed = sum(i["killed"] for i in incidents)
    assert metrics(at)[:2] == [("Massacres, all parties", str(len(incidents))), ("Killed, all parties", str(killed))]
    assert (len(incidents), killed) == (62, 680)
    docs = _documented(incidents)  # regime 24, Russia 20, coalition 14, ISIS 3, other 1
    bars = _bars(at, MASSACRES)
    assert {p: n for p, (n, _, _) in bars.items()} == {LABELS[k]: d["massacres"] for k, d in docs.items()}
    assert bars["Syrian regime"][1] == "24 (39%)" and bars["Russia"][1] == "20 (32%)"
    victims = _bars(at, VICTIMS)
    assert {p: n for p, (n, _, _) in victims.items()} == {LABELS[k]: d["killed"] for k, d in docs.items()}
    assert "details only 19 of its 39 massacres (the most notable)" in " ".join(c.value for c in at.caption)
    subtitle = _figure(at, MASSACRES)["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
    assert subtitle.startswith("Documented in the incident details")
    # Leaders by incident month: August's two late incidents tie; in October, 6 regime and 6 Russian.
    by_month = Counter((i["date"][:7], i["perpetrator"]) for i in incidents)
    expected = {}
    for month, label in (("2017-08", "August 2017"), ("2017-09", "September 2017"), ("2017-10", "October 2017")):
        counts = {p: n for (m, p), n in by_month.items() if m == month}
        top = max(counts.values())
        expected[label] = sorted((LABELS[p], n) for p, n in counts.items() if n == top)
    assert {m: [(p, n) for p, n, _ in v] for m, v in _leaders(at).items()} == expected
    assert expected["October 2017"] == [("Russia", 6), ("Syrian regime", 6)]
    assert _leaders(at)["September 2017"][0][2] == "Syrian regime · 18 (44%)"  # 18 of 41 dated in September


def test_documented_basis_by_default_leaves_out_the_late_august_incidents(app_db):
    # The default range is the reports' months (1 Sep - 31 Oct): September's report's seq 33 (ISIS) and
    # seq 34 (coalition), dated 4 and 2 August, are outside it: 60 incidents, 680 - 5 - 11 = 664 killed.
    at = run_page("perpetrators", {"basis": "documented"})
    assert not at.exception
    inside = [i for i in _all_incidents() if i["date"] >= "2017-09-01"]
    assert (len(inside), sum(i["killed"] for i in inside)) == (60, 664)
    assert metrics(at)[:2] == [("Massacres, all parties", "60"), ("Killed, all parties", "664")]
    docs = _documented(inside)  # regime 24, Russia 20, coalition 13, ISIS 2, other 1
    assert {p: n for p, (n, _, _) in _bars(at, MASSACRES).items()} == {
        LABELS[k]: d["massacres"] for k, d in docs.items()
    }
    assert set(_leaders(at)) == {"September 2017", "October 2017"}


def test_governorate_filter_applies_only_to_documented(app_db):
    at = run_page("perpetrators", {"gov": "deir_ez_zor"})
    assert not at.exception
    assert any("only the date range and the perpetrator filter apply" in i.value for i in at.info)
    assert _bars(at, MASSACRES)["Syrian regime"][0] == 29  # the reports' figures, whatever the governorate
    assert "governorate: Deir ez-Zor" in _figure(at, MASSACRES)["layout"]["title"]["subtitle"]["text"].replace(
        "<br>", " "
    )
    at.radio(key="basis").set_value("documented").run()
    assert not at.exception and not at.info
    deir = [i for i in _all_incidents() if i["governorate"] == "deir_ez_zor"]
    docs = _documented(deir)  # regime 13, Russia 16, coalition 4, ISIS 1
    assert {p: n for p, (n, _, _) in _bars(at, MASSACRES).items()} == {
        LABELS[k]: d["massacres"] for k, d in docs.items()
    }
    assert _bars(at, MASSACRES)["Russia"][1] == f"16 ({100 * 16 / len(deir):.0f}%)"
    assert metrics(at)[0] == ("Massacres, all parties", str(len(deir)))


def test_perpetrator_filter_keeps_shares_of_all_parties(app_db):
    at = run_page("perpetrators", {"perp": "russia"})
    assert not at.exception and not at.info
    assert _bars(at, MASSACRES) == {"Russia": (30, "≈30 (37%)", None)}
    assert _bars(at, VICTIMS)["Russia"][:2] == (338, "338 (39%) · 111 children, 64 women")  # 152 + 186
    assert metrics(at)[0] == ("Massacres, all parties", "82")
    at.radio(key="basis").set_value("documented").run()
    assert not at.exception
    assert _bars(at, MASSACRES) == {"Russia": (20, "20 (33%)", None)}  # 20 of all 60 from 1 Sep


def test_range_without_a_whole_month(app_db):
    at = run_page("perpetrators", {"from": "2017-09-10", "to": "2017-10-20"})
    assert not at.exception
    assert any("covers no whole report month" in i.value for i in at.info)
    assert plotly_specs(at) == []
    at.radio(key="basis").set_value("documented").run()
    assert not at.exception
    inside = [i for i in _all_incidents() if "2017-09-10" <= i["date"] <= "2017-10-20"]
    assert {p: n for p, (n, _, _) in _bars(at, MASSACRES).items()} == {
        LABELS[k]: d["massacres"] for k, d in _documented(inside).items()
    }


def test_the_leader_of_a_month_does_not_depend_on_the_perpetrator_filter(app_db):
    # September 2017's report: "Syrian regime forces: 18 massacres", "Russian forces: 14". With Russia
    # selected, the Syrian regime still led September (18 of 43, 42%); October's report gives Russia 42%
    # of 39 (≈16), the regime 29%: Russia led October.
    sep = _stated(SEP)
    assert (sep["syrian_regime"]["massacres"], sep["russia"]["massacres"]) == (18, 14)
    at = run_page("perpetrators", {"perp": "russia"})
    assert not at.exception
    fig = _figure(at, LEADERS)
    by_name = {t["name"]: t for t in fig["data"]}
    assert set(by_name) == {"Syrian regime", "Russia (selected)"}
    months = {n: plotly_array(t["x"]) for n, t in by_name.items()}
    assert months == {"Syrian regime": ["September 2017"], "Russia (selected)": ["October 2017"]}
    assert plotly_array(by_name["Syrian regime"]["y"]) == [18]
    assert by_name["Syrian regime"]["text"] == ["Syrian regime · 18 (42%)"]
    # The selected party is highlighted, the other leader faded; the title's subtitle says so.
    assert by_name["Russia (selected)"]["marker"]["opacity"] == 1.0
    assert by_name["Syrian regime"]["marker"]["opacity"] < 1.0
    subtitle = fig["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
    assert "among all parties; selected: Russia, highlighted" in subtitle
    assert "perpetrator: Russia" not in subtitle
    # Same on the documented basis: 18 Syrian regime incidents dated in September, Russia 14 (hand labels).
    at.radio(key="basis").set_value("documented").run()
    assert not at.exception
    sept = [i for i in _all_incidents() if i["date"].startswith("2017-09")]
    counts = Counter(i["perpetrator"] for i in sept)
    assert counts["syrian_regime"] == 18 and counts["russia"] < 18
    assert _leaders(at)["September 2017"] == [("Syrian regime", 18, "Syrian regime · 18 (44%)")]


def test_leader_labels_never_shrink_to_fit_a_narrow_bar(app_db):
    # October 2017 on the documented basis: 6 regime and 6 Russian incidents, tied side by side.
    at = run_page("perpetrators", {"basis": "documented"})
    assert not at.exception
    for t in _figure(at, LEADERS)["data"]:
        assert t["textposition"] == "outside" and t["constraintext"] == "none"
        assert t["texttemplate"] == "%{customdata[0]}"  # count and share on the bar
        assert "%{text}" in t["hovertemplate"]  # the whole label, with the party, in the hover
    on_bars = {
        (t["name"], m): cd[0]
        for t in _figure(at, LEADERS)["data"]
        for m, cd in zip(plotly_array(t["x"]), plotly_array(t["customdata"]))
    }
    assert on_bars[("Syrian regime", "October 2017")] == "6"  # tied: the count alone fits a narrow bar
    assert on_bars[("Syrian regime", "September 2017")] == "18 (44%)"


def test_percent_derived_counts_carry_their_marker_into_exports_and_csv(app_db):
    # October 2017 states only percentages per party ("Russian forces: 42%" of 39 massacres), so every party's
    # count over September and October is partly derived: ≈ in the column name, a flag per row, and the
    # page's note as the exported figure's footnote. September alone states counts: no marker.
    at = run_page("perpetrators")
    assert not at.exception
    column = "Massacres (≈ where derived from a stated percentage)"
    data = [df.value for df in at.dataframe if column in df.value.columns]
    assert len(data) == 2  # the share chart's and the leaders chart's data
    share = data[0].set_index("Party")
    assert share.loc["Russia", column] == 14 + 16  # 14 stated for September, 42% of 39 = 16.4 for October
    assert bool(share.loc["Russia", "Massacres approximate"])
    for title in (MASSACRES, LEADERS):
        notes = [a["text"] for a in _figure(at, title)["layout"]["annotations"] if a.get("name") == "footnote"]
        assert len(notes) == 1
        assert "counts marked ≈ are those percentages of its 39 massacres" in notes[0].replace("<br>", " ")
    at = run_page("perpetrators", {"from": "2017-09-01", "to": "2017-09-30"})
    assert not [df for df in at.dataframe if column in df.value.columns]
    assert not [a for a in _figure(at, MASSACRES)["layout"].get("annotations", []) if a.get("name") == "footnote"]


def test_mark_approximate():
    import pandas as pd

    from massacres.dashboard.tables import mark_approximate

    table = pd.DataFrame({"party": ["Russia", "ISIS"], "massacres": [30, 1]})
    out = mark_approximate(table, "massacres", [True, False], "derived from a stated percentage")
    assert list(out.columns) == [
        "party",
        "massacres (≈ where derived from a stated percentage)",
        "massacres approximate",
    ]
    assert (
        out.to_csv(index=False).splitlines()[0]
        == "party,massacres (≈ where derived from a stated percentage),massacres approximate"
    )
    assert mark_approximate(table, "massacres", [False, False], "x") is table


def test_no_plotly_modebar(app_db):
    # Issue 14 point 10: plotly's camera gave a second, worse export and covered the title on a phone.
    import json

    at = run_page("perpetrators")
    configs = [json.loads(el.proto.config) for el in at.get("plotly_chart")]
    assert configs and all(c.get("displayModeBar") is False for c in configs)
