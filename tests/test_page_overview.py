"""Overview page: documented figures beside the reports' stated ones, sentences, URL filters."""

from __future__ import annotations

from apptest import metrics, run_page


def test_default_view(app_db):
    at = run_page("overview")
    assert not at.exception
    m = metrics(at)
    # The default range is the reports' own months, 1 Sep - 31 Oct 2017: the hand labels' 62 incidents
    # (680 killed, 209 children, 125 women) less September's two late-reported August ones, seq 33
    # (ISIS landmine, 5 killed: 3 children, 1 woman) and seq 34 (coalition airstrike, 11 killed: 3 children,
    # 2 women): 60 incidents, 664 killed, 203 children, 122 women. Stated by the two whole reports: 43 + 39,
    # 430 + 435.
    # The share is over the 54 incidents that give a breakdown (the two August ones both did):
    # (203 + 122) / (621 - 16) = 325 / 605 = 54%. The 6 incidents without one (59 killed) stay out of the
    # divisor (325 / 664 = 49% would count them as zero).
    assert m[:5] == [
        ("Massacres", "60"),
        ("Killed", "664"),
        ("Children", "203"),
        ("Women", "122"),
        ("Women and children", "54%"),
    ]
    assert "54% of the killed in the 54 incidents that give a breakdown (325 of 605)." in [c.value for c in at.caption]
    # Two reports: no report states the share of both months together, so it is recomputed from their
    # stated counts, (139 + 85 + 145 + 85) / (430 + 435) = 52%, and labelled so.
    assert m[5:10] == [
        ("Massacres", "82"),
        ("Killed", "865"),
        ("Children", "284"),
        ("Women", "170"),
        ("Women and children", "52%"),
    ]
    assert at.metric[9].delta == "recomputed" and not at.metric[4].delta
    assert ("Year to date, January 2017 – October 2017", "325 massacres") in m
    sentences = [x.value for x in at.markdown if x.value.startswith("- No less than")]
    assert sentences[0].startswith(
        "- No less than 43 massacres in September 2017: Syrian regime 18, Russia 14, "
        "International coalition 10, ISIS 1. 430 people were killed, including 139 "
        "children and 85 women"
    )
    assert "No less than 39 massacres in October 2017: Russia 42%, Syrian regime 29%" in sentences[1]
    assert "details 19 of them (the most notable)" in sentences[1]


def test_september_only(app_db):
    at = run_page("overview", {"from": "2017-09-01", "to": "2017-09-30"})
    assert not at.exception
    m = metrics(at)
    # 41 incidents dated in September (the report's 2 August incidents are outside the range).
    assert m[0] == ("Massacres", "41") and m[1] == ("Killed", "414")
    assert m[5:9] == [("Massacres", "43"), ("Killed", "430"), ("Children", "139"), ("Women", "85")]
    # The report says "53% of all victims were women and children" (its 224 / 430 would give 52%).
    assert m[9] == ("Women and children", "53%") and not at.metric[9].delta  # the report's own: not recomputed
    sentence = next(x.value for x in at.markdown if x.value.startswith("- No less than"))
    assert "including 139 children and 85 women (53% women and children)." in sentence
    assert ("Year to date, January 2017 – September 2017", "286 massacres") in m
    # 1 Sep is the default range's start, so the URL holds only the end that differs.
    assert at.query_params["to"] == "2017-09-30" and "from" not in at.query_params


def test_perpetrator_filter_shows_the_partys_stated_figures(app_db):
    # Issue 14 point 4: with a perpetrator selected the stated block shows that party's stated figures (it
    # used to disappear). September: "Russian forces: 14 massacres ... 152 civilians, including 46 children
    # and 29 women"; October: Russia 42% of 39 massacres (≈16), 186 killed, 65 children, 35 women.
    at = run_page("overview", {"perp": "russia", "uncertain": "1"})
    assert not at.exception
    m = metrics(at)
    assert m[0] == ("Massacres", "20") and m[1] == ("Killed", "250")
    # (46 + 29 + 65 + 35) / (152 + 186) = 175 / 338 = 51.8%
    assert m[5:10] == [
        ("Massacres", "≈30"),
        ("Killed", "338"),
        ("Children", "111"),
        ("Women", "64"),
        ("Women and children", "52%"),
    ]
    assert at.metric[9].delta == "recomputed"
    assert any("for Russia" in c.value and "≈" in c.value for c in at.caption)
    # The year-to-date toll is every party's: the page says the filter does not apply to it, and why.
    assert ("Year to date, January 2017 – October 2017", "325 massacres") in m
    assert any("no year-to-date toll per party" in c.value for c in at.caption)
    at = run_page("overview", {"perp": "russia", "uncertain": "0"})
    assert metrics(at)[0] == ("Massacres", "0")  # every Russian attribution is "we believe"
    assert any("only the date range and the perpetrator are filtered" in i.value for i in at.info)


def test_invalid_url_values_are_dropped_with_a_notice(app_db):
    at = run_page(
        "overview",
        {"perp": "russia,martians", "from": "yesterday", "min_killed": "-3", "gov": "'; DROP TABLE incidents; --"},
    )
    assert not at.exception
    notices = [w.value for w in at.main.warning]  # at the top of the page, not at the sidebar's foot
    assert any("martians" in n for n in notices)
    assert any("from=yesterday" in n for n in notices)
    assert any("min_killed" in n for n in notices)
    assert any("DROP TABLE" in n for n in notices)
    assert metrics(at)[0] == ("Massacres", "20")  # russia kept
    assert at.query_params["perp"] == "russia"  # the URL now holds only what is valid


def test_url_round_trip(app_db):
    query = {
        "from": "2017-09-10",
        "to": "2017-10-20",
        "perp": "syrian_regime,russia",
        "gov": "deir_ez_zor",
        "min_killed": "10",
        "uncertain": "0",
    }
    at = run_page("overview", query)
    assert not at.exception
    assert dict(at.query_params.items()) == query
    assert at.sidebar.multiselect(key="w_perpetrators").value == ["syrian_regime", "russia"]
    assert at.sidebar.number_input(key="w_min_killed").value == 10
    # Changing a widget rewrites the URL.
    at.sidebar.multiselect(key="w_perpetrators").set_value(["syrian_regime"]).run()
    assert at.query_params["perp"] == "syrian_regime"


def test_a_pages_own_setting_travels_in_the_url(app_db):
    from apptest import run_page as run

    at = run("perpetrators", {"basis": "documented", "perp": "russia"})
    assert not at.exception
    assert at.radio(key="basis").value == "documented"
    assert at.query_params["basis"] == "documented" and at.query_params["perp"] == "russia"
    at = run("perpetrators", {"basis": "nonsense"})
    assert not at.exception and at.radio(key="basis").value == "stated"


def test_url_notices_show_once_at_the_top(app_db):
    # Issue 14 point 13: the notice is the page's first element and goes once the URL holds only valid values.
    at = run_page("overview", {"perp": "russia,martians"})
    assert not at.exception
    first = at.main.children[0]
    assert type(first).__name__ == "Warning" and first.value == "Ignored unknown perp value(s): martians."
    assert [w.value for w in at.main.warning if "martians" in w.value] == [first.value]  # once
    at.run()
    assert not [w.value for w in at.main.warning if "martians" in w.value]
    assert at.query_params["perp"] == "russia"


def test_a_repeated_parameter_is_a_list(app_db):
    # perp=russia&perp=isis keeps both: 20 Russian incidents + 3 ISIS (1 in August, 1 in September, 1 in
    # October, by the hand labels). The default range starts on 1 Sep, so 22; from 2 Aug, all 23.
    from conftest import expected_incidents

    incidents = expected_incidents("snhr-2017-09-massacres") + expected_incidents("snhr-2017-10-massacres")
    chosen = [i for i in incidents if i["perpetrator"] in ("russia", "isis")]
    n = sum(1 for i in chosen if i["date"] >= "2017-09-01")
    at = run_page("overview", {"perp": ["russia", "isis"]})
    assert not at.exception
    assert at.sidebar.multiselect(key="w_perpetrators").value == ["russia", "isis"]
    assert metrics(at)[0] == ("Massacres", str(n)) and n == 22
    at = run_page("overview", {"perp": ["russia", "isis"], "from": "2017-08-02"})
    assert metrics(at)[0] == ("Massacres", str(len(chosen))) and len(chosen) == 23
