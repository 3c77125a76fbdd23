"""The incident page (`?incident=2017-09-12`): every field of a known incident, as the report
states it. Expected texts are written by hand from line 155 of
data/reports/snhr-2017-09-massacres.txt, its title (line 3) and date (line 15):

  Thursday, September 28, 2017, fixed-wing Syrian regime forces warplanes (Su-24) fired a number of
  missiles at the houses in [Mazra'at al Tes'a](#) area, which is located in Sahl al Rouj area,
  western suburbs of Idlib governorate. The bombing resulted in the killing of 12 civilians (six
  children, two fetuses, and four women) while nine others at least were wounded. The area is under
  the control of Hay'at Tahrir al Sham.
"""

from __future__ import annotations

import pytest
from apptest import run_page

from massacres.dashboard import incident_card

SEP_12 = {
    "Incident": "2017-09-12",
    "Date and time": "Thursday 28 September 2017 (2017-09-28); the report gives no time",
    "Party": "Syrian regime (the report's heading: Syrian regime forces (army, security, local militias, Shiite "
    "foreign militias))",
    "Place": "Mazra'at al Tes'a (area), in Sahl al Rouj, Idlib governorate",
    "Site": "the houses",
    "Victims": "12 killed, including 6 children, 4 women, 2 fetuses; at least 9 wounded",
    "Weapon": "Fixed-wing airstrike",
    "Target": "residential",
    "Area of control": "Hay'at Tahrir al Sham (the report's words: Hay'at Tahrir al Sham)",
    "Report": "No less than 43 Massacres in September 2017; the September 2017 report, published 2017-10-09",
    "Source": "file snhr-2017-09-massacres.txt, line 155; incident 12 of the report's details",
}


def _card(at) -> dict[str, str]:
    labels = [m.value.strip("*") for m in at.markdown if m.value.startswith("**")]
    texts = [t.value for t in at.text]
    return dict(zip(labels, texts))


def test_the_card_shows_every_field_of_a_known_incident(app_db):
    at = run_page("incident", {"incident": "2017-09-12"})
    assert not at.exception
    card = _card(at)
    for label, text in SEP_12.items():
        assert card[label] == text, label
    # Not in the gazetteer: placed at the governorate's point, and the card says so.
    assert card["Location"].startswith("governorate only: the point is the governorate's representative point")
    assert "no gazetteer place for \"Mazra'at al Tes'a\" in idlib" in card["Warnings"]
    assert at.text[-1].value.startswith("Thursday, September 28, 2017, fixed-wing Syrian regime forces warplanes")
    assert [s.value for s in at.subheader][0] == "28 September 2017, Mazra'at al Tes'a: 12 killed"
    assert len(at.get("deck_gl_json_chart")) == 1  # the small map


def test_the_report_qualifier_and_a_lower_bound(app_db):
    # Sep #28: "...warplanes we believe are Russian..." (line 237): the report's own qualifier.
    at = run_page("incident", {"incident": "2017-09-28"})
    card = _card(at)
    assert card["Party"] == (
        "Russia (the report's heading: Russian forces); the report qualifies the attribution: we believe are Russian"
    )
    assert card["Date and time"] == "Saturday 30 September 2017 (2017-09-30), 04:30"


def test_the_id_is_opened_whatever_the_filters(app_db):
    # Sep #12 is the regime's; the sidebar shows only Russia: the card still opens.
    at = run_page("incident", {"incident": "2017-09-12", "perp": "russia"})
    assert not at.exception and _card(at)["Incident"] == "2017-09-12"


@pytest.mark.parametrize(
    "raw, notice",
    [
        ("2017-09-99", "No incident 2017-09-99"),
        ("2030-01-1", "No incident 2030-01-1"),
        ("2017-13-1", "'2017-13-1' is not an incident ID"),
        ("<script>", "'<script>' is not an incident ID"),
        ("' OR 1=1", "' OR 1=1' is not an incident ID"),
    ],
)
def test_an_unknown_or_invalid_id_says_so(app_db, raw, notice):
    at = run_page("incident", {"incident": raw})
    assert not at.exception
    assert any(notice in w.value for w in at.warning), [w.value for w in at.warning]


def test_no_id_asks_for_one(app_db):
    at = run_page("incident")
    assert not at.exception
    assert [i.value for i in at.info] == ["Enter an incident's ID, or open one from the Incidents table or the map."]


@pytest.mark.parametrize(
    "raw, parsed",
    [
        ("2017-09-12", ("2017-09", 12)),
        ("2017-09-012", ("2017-09", 12)),
        (" 2017-10-1 ", ("2017-10", 1)),
        ("2017-09-0", None),
        ("2017-9-12", None),
        ("2017-09", None),
        ("", None),
        (None, None),
        ("٢٠١٧-09-12", None),
    ],
)
def test_parse_id(raw, parsed):
    assert incident_card.parse_id(raw) == parsed


def test_id_and_url():
    assert incident_card.incident_id("2017-09", 12) == "2017-09-12"
    assert incident_card.url("2017-10", 1) == "/Incident?incident=2017-10-1"
    assert incident_card.parse_id(incident_card.incident_id("2017-10", 7)) == ("2017-10", 7)
