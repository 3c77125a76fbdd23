"""Wordings of other years' reports that the blind5 round (tests/fixtures/blind5/) found misread,
as tables of input -> expected written by hand from the words, grouped by where the input comes
from: an incident's date, its victims, its place, who did it, its weapon and target; the
summary's figures; the layout of PDF text and web copies; the details section."""

from __future__ import annotations

from pathlib import Path

import pytest

from massacres.reports import dates
from massacres.reports.incident import looks_like_incident, parse_incident
from massacres.reports.layout import split_blocks
from massacres.reports.parse import parse_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# ------------------------------------------------------------------ an incident's date
# (text the paragraph opens with -> ISO date, weekday as written, part of the day)
OPENING_DATES = [
    # the 2017 samples' form, unchanged
    ("Monday, September 11, 2017, fixed-wing warplanes", ("2017-09-11", "Monday", None)),
    ("Tuesday morning, October 31, 2017, Syrian regime", ("2017-10-31", "Tuesday", "morning")),
    # day first, with and without commas (2014-2016 web posts)
    ("Wednesday, 13 August 2014, government forces", ("2014-08-13", "Wednesday", None)),
    ("On Tuesday 26 August, 2014, ISIS fighters", ("2014-08-26", "Tuesday", None)),
    ("Wednesday 13 July 2016, Syrian regime warplanes", ("2016-07-13", "Wednesday", None)),
    # ordinals
    ("On the 15th of July, 2016, warplanes", ("2016-07-15", None, None)),
    ("On Sunday, July 3rd, 2016, Syrian regime helicopters", ("2016-07-03", "Sunday", None)),
    # a night over two days: the date is the first day's
    ("On the night between 9 and 10 August 2014, government", ("2014-08-09", None, "night")),
    ("On the night between November 7 and 8, 2015, Syrian", ("2015-11-07", None, "night")),
    ("On the night of July 9 - 10, 2016, Syrian regime", ("2016-07-09", None, "night")),
    ("On the night of March 16-17, 2018, Syrian regime", ("2018-03-16", None, "night")),
    ("Between Saturday 13 and Sunday 14 February 2016, ISIS", ("2016-02-13", "Saturday", None)),
    # digits, day first as in the Arabic originals; the weekday settles the order
    ("Saturday 2/8/2014, government helicopters", ("2014-08-02", "Saturday", None)),
    ("Tuesday 2/9/2014, government helicopters", ("2014-09-02", "Tuesday", None)),
    ("Sunday 2/9/2014, government helicopters", ("2014-02-09", "Sunday", None)),
    ("On 25/8/2014, government helicopters", ("2014-08-25", None, None)),
    ("On 8/25/2014, government helicopters", ("2014-08-25", None, None)),
    ("On 25-8-2014, government helicopters", ("2014-08-25", None, None)),
]


@pytest.mark.parametrize(("text", "expected"), OPENING_DATES)
def test_the_date_an_incident_opens_with(text: str, expected: tuple) -> None:
    found = dates.opening_date(text)
    assert found is not None
    assert (found.date.isoformat(), found.weekday, found.part) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Government forces killed 12 civilians in Douma city.",  # no date
        "SNHR documented 64 massacres in August 2014",  # a month, no day
        "Security Council resolution 2254 of 2015",
        "The agreement of 3/2016 ...",  # a month written in digits
    ],
)
def test_no_opening_date_where_none_stands(text: str) -> None:
    assert dates.opening_date(text) is None


def test_a_date_no_calendar_holds_is_an_error_not_a_guess() -> None:
    with pytest.raises(dates.ImpossibleDate):
        dates.opening_date("Monday, 30/2/2015, government helicopters")


# (a paragraph's date told at its end -> ISO date)
LATER_DATES = [
    ("... which resulted in the death of 14 individuals, on Sunday, May 3, 2015.", "2015-05-03"),
    ("... killing 6 persons (4 children and 2 women) on 26 May 2015. About 10 others", "2015-05-26"),
    ("... which led to the death of 9 persons, on Monday, 11 May, 2015.", "2015-05-11"),
]


@pytest.mark.parametrize(("text", "expected"), LATER_DATES)
def test_a_date_told_at_the_end(text: str, expected: str) -> None:
    found = dates.first_date(text)
    assert found is not None and found.date.isoformat() == expected


# ------------------------------------------------------------------ an incident's victims
# (what follows the attack in a paragraph -> killed, children, women, fetuses, lower bound)
_OPENING = "Sunday, May 3, 2015, government helicopters dropped barrel bombs on Ariha city, "
VICTIMS = [
    # the 2017 samples' form, unchanged
    (
        "which resulted in the killing of 12 civilians (six children, two fetuses, and four women).",
        (12, 6, 4, 2, False),
    ),
    # a colon introduces the breakdown, whatever its first item
    ("which killed 11 persons: five children, a woman and her fetus, and four men.", (11, 5, 1, 1, False)),
    # a woman named with an adjective
    ("killing nine civilians, including three children and a pregnant woman and her fetus.", (9, 3, 1, 1, False)),
    ("killing 5 civilians, including an elderly woman.", (5, 0, 1, 0, False)),
    # a later sentence raises the toll: the later, the massacre's; the breakdown stays the first
    (
        "which led to the death of 9 persons, including four children. The death toll rose to at least 12 "
        "after three of the wounded died later.",
        (12, 4, 0, 0, True),
    ),
    ("killing 7 civilians. The number of victims rose to 10 the next morning.", (10, None, None, None, False)),
    # a count that does not rise is no new toll
    (
        "killing 7 civilians, while about 20 others were wounded; the toll reached 7 by evening.",
        (7, None, None, None, False),
    ),
]


@pytest.mark.parametrize(("clause", "expected"), VICTIMS)
def test_the_victims_of_an_incident(clause: str, expected: tuple) -> None:
    rec = parse_incident(_OPENING + clause)[0]
    got = (rec["killed"], rec["children"], rec["women"], rec["fetuses"], rec["killed_is_lower_bound"])
    assert got == expected


# ------------------------------------------------------------------ an incident's place
# (the paragraph -> place, type, site)
PLACES = [
    # the type word before the name
    (
        "On the night of July 9 - 10, 2016, Syrian regime artillery shelled the town of Hreitan, northern suburbs "
        "of Aleppo, killing 7 civilians.",
        ("Hreitan", "town", None),
    ),
    (
        "Monday, May 4, 2015, government warplanes bombed the city of Ariha, killing 7 civilians.",
        ("Ariha", "city", None),
    ),
    # a place told beside another: "X town, north of Y city"
    (
        "On the 15th of July, 2016, warplanes believed to be Russian bombed the vegetable market in Ma'arat Misrin "
        "town, north of Idlib city, killing 14 civilians.",
        ("Ma'arat Misrin", "town", "the vegetable market"),
    ),
    (
        "Monday, May 4, 2015, government warplanes bombed a farm, 5 km east of Saraqeb city, killing 7 civilians.",
        ("Saraqeb", "city", "a farm"),
    ),
    # the 2017 samples: "located to the south of" inside a site is no place beside another
    (
        "Saturday, September 2, 2017, fixed-wing international coalition forces warplanes fired a number of missiles "
        "at a residential building that is adjacent to al Khalil Institute that is located to the south of al Na'im "
        "Circle in the middle of Raqqa city, which resulted in the killing of 13 civilians, including one woman.",
        (
            "Raqqa",
            "city",
            "a residential building that is adjacent to al Khalil Institute that is located to the south of al "
            "Na'im Circle",
        ),
    ),
    # "executed N persons ... in X": the victims are not the site
    (
        "On Tuesday 26 August, 2014, ISIS fighters executed twenty one civilians from al Sha'etat tribe in Ghranij "
        "town, eastern countryside of Deir Al Zour, by shooting them.",
        ("Ghranij", "town", None),
    ),
    (
        "Monday, November 16, 2015, ISIS executed 8 persons by shooting them in al Mayadin city, eastern suburbs of "
        "Deir Ez-Zour governorate.",
        ("al Mayadin", "city", None),
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), PLACES)
def test_the_place_of_an_incident(paragraph: str, expected: tuple) -> None:
    rec = parse_incident(paragraph)[0]
    assert (rec["place"], rec["place_type"], rec["site"]) == expected


# ------------------------------------------------------------------ who did it
# (the paragraph -> perpetrator_note; None: the paragraph does not doubt who did it)
_KILLING = ", which resulted in the killing of 6 civilians."
NOTES = [
    (
        "Friday, November 20, 2015, fixed-wing warplanes believed to be Russian fired missiles at Tal Rif'at town",
        "believed to be Russian",
    ),
    ("Friday, November 20, 2015, warplanes thought to be Turkish bombed Jandairis town", "thought to be Turkish"),
    (
        "Tuesday, July 26, 2016, Syrian or Russian warplanes (we could not determine which) fired missiles at Tafas city",
        "Syrian or Russian; we could not determine which",
    ),
    (
        "Tuesday, March 20, 2018, a rocket whose source we could not identify hit the popular market in Jaramana city",
        "whose source we could not identify",
    ),
    # the 2017 samples' forms, unchanged
    (
        "Wednesday, October 4, 2017, fixed-wing warplanes we believe were Russian fired missiles at al Ashara city",
        "we believe were Russian",
    ),
    # a doubt about the count is no doubt about who did it
    (
        "Monday, May 4, 2015, government warplanes bombed Ariha city (we could not determine the exact number of victims)",
        None,
    ),
]


@pytest.mark.parametrize(("head", "expected"), NOTES)
def test_who_did_it_as_the_paragraph_qualifies_it(head: str, expected: str | None) -> None:
    rec = parse_incident(head + _KILLING)[0]
    assert (rec["perpetrator_note"], rec["attribution_uncertain"]) == (expected, expected is not None)


def test_a_sentence_saying_the_group_is_unknown_is_the_note() -> None:
    rec = parse_incident(
        "Monday, October 2, 2017, two IEDs exploded in the building of al Midan Police Station in al Midan "
        "neighborhood, southern Damascus city, which resulted in the killing of 17 individuals. We haven't been able "
        "to identify the group behind the bombing as of this writing."
    )[0]
    assert rec["perpetrator_note"] == "We haven't been able to identify the group behind the bombing as of this writing"


# ------------------------------------------------------------------ weapon and target
WEAPONS_AND_TARGETS = [
    # a rocket with no launcher named is ground-launched, as a missile is
    (
        "Sunday, June 30, 2019, armed opposition factions fired rockets at al Wadihi village",
        ("surface_to_surface_rocket", "populated_area"),
    ),
    (
        "Tuesday, March 20, 2018, a rocket whose source we could not identify hit the popular market in Jaramana city",
        ("surface_to_surface_rocket", "market"),
    ),
    # a rocket from a helicopter is the helicopter's
    (
        "Sunday, June 30, 2019, government helicopters fired rockets at al Wadihi village",
        ("rotary_wing_barrel_bomb", "populated_area"),
    ),
    # a minibus is a vehicle
    ("Saturday, November 28, 2015, an explosive device exploded in a minibus in Jaramana city", ("ied", "vehicle")),
]


@pytest.mark.parametrize(("head", "expected"), WEAPONS_AND_TARGETS)
def test_weapon_and_target(head: str, expected: tuple) -> None:
    rec = parse_incident(head + _KILLING)[0]
    assert (rec["weapon"], rec["target"]) == expected


# ------------------------------------------------------------------ the summary's figures
def _stated(text: str) -> dict:
    parsed = parse_text(text, "summary.txt")
    return {
        (r["dimension"], r["key"]): {k: v for k, v in r.items() if k not in ("dimension", "key", "line")}
        for r in parsed.stated
    }


def test_a_per_party_table_laid_out_with_spaces_is_read_row_by_row() -> None:
    text = (
        "No Fewer than 23 Massacres in Syria in November 2015\n\n"
        "SNHR documented in November 2015 no fewer than 23 massacres.\n\n"
        "Perpetrator party            Massacres    Victims    Children    Women\n"
        "Syrian regime forces         11           132        31          20\n"
        "Russian forces               8            97         26          14\n"
        "ISIS                         4            33         4           2\n"
        "Total                        23           262        61          36\n\n"
        "Details of the massacres are in the full report.\n"
    )
    stated = _stated(text)
    assert stated[("perpetrator", "syrian_regime")] == {"massacres": 11, "killed": 132, "children": 31, "women": 20}
    assert stated[("perpetrator", "russia")] == {"massacres": 8, "killed": 97, "children": 26, "women": 14}
    assert stated[("perpetrator", "isis")] == {"massacres": 4, "killed": 33, "children": 4, "women": 2}
    assert stated[("total", "all")] == {"massacres": 23, "killed": 262, "children": 61, "women": 36}


def test_a_web_copy_of_a_table_with_tabs_is_read_too() -> None:
    text = (
        "No Fewer than 12 Massacres in Syria in November 2015\n\n"
        "SNHR documented in November 2015 no fewer than 12 massacres.\n\n"
        "Governorate\tMassacres\tVictims\n"
        "Idlib\t7\t70\n"
        "Aleppo\t5\t48\n"
    )
    stated = _stated(text)
    assert stated[("governorate", "idlib")] == {"massacres": 7, "killed": 70}
    assert stated[("governorate", "aleppo")] == {"massacres": 5, "killed": 48}


@pytest.mark.parametrize(
    "line",
    [
        "of the incident.  The  town  was  under  the  control  of",  # justified text: words, no numbers
        "Syrian regime forces  committed  11",  # one number: a sentence, not a row
    ],
)
def test_no_table_where_none_stands(line: str) -> None:
    blocks = split_blocks(f"Title line\n\n{line}\n").blocks
    assert "|" not in blocks[-1].text


VICTIMS_SHARES = [
    # "i.e. N % of the victims" after a breakdown naming both: the share the two make up
    (
        "68 civilians were killed in those massacres, including twenty children and eleven women, i.e. 46 % of the victims.",
        ("women_and_children", 46),
    ),
    # the forms read before, unchanged
    ("This means that 53% of all victims were women and children.", ("women_and_children", 53)),
    ("68 civilians were killed in those massacres, including 20 children, i.e. 29% of the victims.", ("children", 29)),
]


@pytest.mark.parametrize(("sentence", "expected"), VICTIMS_SHARES)
def test_a_share_of_the_victims(sentence: str, expected: tuple) -> None:
    text = f"Not Less than Seven Massacres Documented in July 2016\n\nSNHR documented in July 2016 no less than 7 massacres.\n\n{sentence}\n"
    shares = {k[1]: v["percent"] for k, v in _stated(text).items() if k[0] == "victims_share"}
    assert shares == {expected[0]: expected[1]}


_JOINT_LIST = (
    "Not Less than Seven Massacres Documented in July 2016\n\n"
    "SNHR documented in July 2016 no less than 7 massacres.\n\n"
    "Massacres distribution according to the main parties:\n\n{items}\n\n"
    "Details of the massacres are in the full report.\n"
)
JOINT_ITEMS = [
    # a joint item of its own: the parties and it add up to the total; it is a party of the list
    (
        "Syrian regime forces: 3 massacres\nRussian forces: 2 massacres\nSyrian/Russian warplanes: 1 massacre\nISIS: 1 massacre",
        False,
        "perpetrator",
    ),
    # the joint figure is the two parties together: the parties add up to the total
    (
        "The Syrian-Russian alliance forces: 5 massacres\nSyrian regime forces: 3 massacres\nRussian forces: 2 massacres\nISIS: 2 massacres",
        False,
        "joint_perpetrator",
    ),
    # neither: the list is off, and says so
    (
        "Syrian regime forces: 3 massacres\nRussian forces: 2 massacres\nSyrian/Russian warplanes: 3 massacres\nISIS: 1 massacre",
        True,
        "joint_perpetrator",
    ),
]


@pytest.mark.parametrize(("items", "warned", "dimension"), JOINT_ITEMS)
def test_a_joint_figure_in_the_party_list(items: str, warned: bool, dimension: str) -> None:
    parsed = parse_text(_JOINT_LIST.format(items=items), "joint.txt")
    assert ("perpetrator_sum_differs" in {w["code"] for w in parsed.warnings}) == warned
    joint = {k: v for k, v in _stated(_JOINT_LIST.format(items=items)).items() if k[1] == "syrian_russian_alliance"}
    assert list(joint) == [(dimension, "syrian_russian_alliance")]


def test_a_joint_item_of_its_own_is_compared_with_the_joint_incidents_only() -> None:
    # July 2016 (blind5): "Syrian/Russian warplanes (we could not distinguish which): 1 massacre"
    # beside the regime's 3 and Russia's 2, and one incident in its own section (Tafas, 26 July).
    # One stated, one detailed: no difference to report (it was compared with all six regime,
    # Russian and joint incidents: "stated massacres 1, details add up to 6").
    path = FIXTURES / "blind5" / "2016-07-web-ordinal-dates-kinship-town-of-joint.txt"
    parsed = parse_text(path.read_text(encoding="utf-8"), path.name)
    assert not [w for w in parsed.warnings if "syrian_russian_alliance" in w["message"]]
    assert [i["perpetrator"] for i in parsed.incidents].count("syrian_russian_alliance") == 1


# ------------------------------------------------------------------ layout: PDF text and web copies
def test_a_page_footer_naming_the_organisation_is_dropped_inside_a_paragraph() -> None:
    text = (
        "Thursday, November 12, 2015, Syrian regime forces artillery fired a number of shells at Kafr\n"
        "Zita city, northern suburbs of Hamah governorate, which resulted in the killing of 6 civil-\n"
        "ians, including 4 children, while about 10 others were wounded. The city was under the\n"
        "                                                                                            3\n"
        "SNHR \u2013 Syrian Network for Human Rights                              www.sn4hr.org\n"
        " control of armed opposition factions at the time of the incident.\n"
    )
    paragraph = split_blocks(text).blocks[0].text
    assert paragraph.endswith(
        "The city was under the control of armed opposition factions at the time of the incident."
    )


def test_a_pdf_title_ends_with_its_month_and_year() -> None:
    text = (
        " No Fewer than Twenty-Three Massacres in Syria in November 2015\n"
        "Russian Forces Committed Eight of Them\n\n"
        "SNHR documented in November 2015 no fewer than 24 massacres. Syrian regime forces perpe-\n"
        "trated eleven of them, Russian forces eight, ISIS two, and one massacre each was perpetrat-\n"
        "ed by the international coalition forces and by unidentified groups.\n"
    )
    texts = [b.text for b in split_blocks(text).blocks]
    assert texts[:2] == [
        "No Fewer than Twenty-Three Massacres in Syria in November 2015",
        "Russian Forces Committed Eight of Them",
    ]


def test_site_navigation_above_the_title_is_not_the_title() -> None:
    text = (
        "Home | About Us | Reports | Contact Us\n"
        "Syrian Network for Human Rights\n\n"
        "At Least 64 Massacres Perpetrated in Syria During August 2014\n\n"
        "SNHR documented in August 2014 the perpetration of 64 massacres at least.\n"
    )
    assert (
        parse_text(text, "web.txt").report["title"] == "At Least 64 Massacres Perpetrated in Syria During August 2014"
    )


# ------------------------------------------------------------------ the details section
_DETAILS = (
    "At Least 3 Massacres Perpetrated in Syria During August 2014\n\n"
    "SNHR documented in August 2014 the perpetration of 3 massacres at least.\n\n"
    "Details of the massacres:\n\n"
    "{heading}\n\n"
    "Aleppo governorate\n\n"
    "Saturday, August 2, 2014, government helicopters dropped two barrel bombs on the popular market in al Shaar "
    "neighborhood in Aleppo city, killing forty-two civilians, including nine children and six women.\n\n"
    "Wednesday, 20 August 2014, government warplanes fired missiles at the residential buildings in Douma city, "
    "causing a massacre whose victims SNHR team is still documenting as of this writing.\n\n"
    "Conclusions and recommendations:\n\nThe Security Council must act.\n"
)


@pytest.mark.parametrize(
    ("heading", "party"),
    [
        ("First: Massacres committed by Government forces", "syrian_regime"),
        ("Third: Massacres committed by Kurdish Self-Management forces", "kurdish_forces"),  # 60 characters
        ("Second - ISIS", "isis"),
        ("A. Syrian regime forces", "syrian_regime"),
    ],
)
def test_ordinal_party_headings(heading: str, party: str) -> None:
    parsed = parse_text(_DETAILS.format(heading=heading), "details.txt")
    assert [(i["date"], i["perpetrator"], i["killed"]) for i in parsed.incidents] == [("2014-08-02", party, 42)]


def test_a_dated_paragraph_with_no_count_is_warned_with_its_line_not_dropped() -> None:
    parsed = parse_text(_DETAILS.format(heading="First: Massacres committed by Government forces"), "details.txt")
    unparsed = [w for w in parsed.warnings if w["code"] == "unparsed_incident"]
    assert [w["line"] for w in unparsed] == [13]


def test_a_day_first_opening_reads_as_an_incident() -> None:
    assert looks_like_incident(
        "Wednesday, 20 August 2014, government warplanes fired missiles at Douma city, causing a massacre."
    )


DATED_ELSEWHERE = [
    # (paragraph in the details, warned): a massacre told with its date later in the sentence and no
    # number of victims is said, never dropped; a photo caption names a massacre and a date but no attack.
    (
        "Government helicopters bombed the residential neighbourhoods of Douma city on May 3, 2015, causing a "
        "massacre whose victims SNHR team is still documenting.",
        True,
    ),
    (
        "Syrian regime forces shelled al Sukkari neighbourhood in Aleppo city on the evening of 8 May 2015, "
        "which resulted in a massacre; the names of the victims are not yet known.",
        True,
    ),
    (
        "Victims being pulled out in the aftermath of a massacre by Syrian regime forces in Armanaz town, "
        "Idlib suburbs \u2013 September 29, 2017",
        False,
    ),
    ("The massacre in Douma, May 3, 2015: a photo of the market after the attack by government forces.", False),
]


@pytest.mark.parametrize(("paragraph", "warned"), DATED_ELSEWHERE)
def test_a_massacre_dated_later_in_its_sentence_with_no_count(paragraph: str, warned: bool) -> None:
    text = _DETAILS.format(heading="First: Massacres committed by Government forces").replace(
        "Conclusions and recommendations:", paragraph + "\n\nConclusions and recommendations:"
    )
    parsed = parse_text(text, "details.txt")
    lines = [w["line"] for w in parsed.warnings if w["code"] == "unparsed_incident"]
    assert lines == ([13, 15] if warned else [13])
