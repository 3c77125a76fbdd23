"""The small grammars, as tables of input -> expected (written by hand), grouped by where the
input comes from: counts (numbers.py), breakdowns (incident.breakdown_at) and the joining of
hard-wrapped PDF lines (layout.join_wrapped)."""

from __future__ import annotations

import re

import pytest

from massacres.reports.incident import breakdown_at
from massacres.reports.layout import join_wrapped
from massacres.reports.numbers import NUMBER, ImplausibleCount, to_int

# ------------------------------------------------------------------ counts
COUNTS = [
    # the 2017 samples
    ("43", 43),
    ("430", 430),
    ("five", 5),
    ("eleven", 11),
    ("three", 3),
    # the series' other years: thousands commas, hyphenated and spaced tens, "a hundred"
    ("1,032", 1032),
    ("twenty-three", 23),
    ("twenty three", 23),
    ("ninety-nine", 99),
    ("a hundred", 100),
    ("one hundred and twelve", 112),
    ("one hundred twelve", 112),
    # an article before a victim noun ("a woman", "an infant")
    ("a", 1),
    ("an", 1),
    ("An", 1),
    # case and surrounding space as extracted from PDFs
    ("Seventeen", 17),
    (" 8 ", 8),
]


@pytest.mark.parametrize(("text", "expected"), COUNTS)
def test_counts(text: str, expected: int) -> None:
    assert to_int(text) == expected


@pytest.mark.parametrize("text", ["100001", "999,999", "1,000,000"])
def test_a_count_no_report_could_state_is_refused(text: str) -> None:
    with pytest.raises(ImplausibleCount):
        to_int(text)


NUMBER_IN_TEXT = [
    ("killing 12 civilians", "12"),
    ("killing twenty-one civilians", "twenty-one"),
    ("no less than 1,032 victims", "1,032"),
    ("in 3-day clashes", None),  # a number glued to a hyphen is part of a word
    ("the 2nd of May", None),  # an ordinal is no count
]


@pytest.mark.parametrize(("text", "expected"), NUMBER_IN_TEXT)
def test_where_a_count_stands(text: str, expected: str | None) -> None:
    m = re.search(rf"(?<![\w-]){NUMBER}", text, re.I)
    assert (m.group(0) if m else None) == expected


# ------------------------------------------------------------------ breakdowns
BREAKDOWNS = [
    # the 2017 samples' incident paragraphs
    ("three children and one woman", {"children": 3, "women": 1, "fetuses": 0}),
    ("five children and two women", {"children": 5, "women": 2, "fetuses": 0}),
    ("a child", {"children": 1, "women": 0, "fetuses": 0}),
    # other years' wording: female children, infants, a fetus, mothers, the two parents
    ("one female child and two women", {"children": 1, "women": 2, "fetuses": 0}),
    ("two infants and a woman", {"children": 2, "women": 1, "fetuses": 0}),
    ("four children, two women and a fetus", {"children": 4, "women": 2, "fetuses": 1}),
    ("their mother", {"children": 0, "women": 1, "fetuses": 0}),
]


@pytest.mark.parametrize(("text", "expected"), BREAKDOWNS)
def test_breakdowns(text: str, expected: dict[str, int]) -> None:
    found = breakdown_at(text)
    assert found is not None
    counts, end = found
    assert counts == expected
    assert end == len(text)  # the whole phrase was read


@pytest.mark.parametrize("text", ["civilians in a market", "the town of Mayadin"])
def test_no_breakdown_where_none_stands(text: str) -> None:
    assert breakdown_at(text) is None


def test_a_summary_breakdown_must_number_every_item() -> None:
    # "including 139 children and their mother": a summary's figures give a count for each item
    counts, _ = breakdown_at("139 children and 85 women", numbered=True) or ({}, 0)
    assert counts == {"children": 139, "women": 85, "fetuses": 0}
    counts, end = breakdown_at("139 children and their mother", numbered=True) or ({}, 0)
    assert counts["children"] == 139 and counts["women"] == 0 and end < len("139 children and their mother")


# ------------------------------------------------------------------ joining wrapped lines
JOINS = [
    # PDF text of the 2017 samples: a word broken at the line end, a plain wrap
    (["the inter-", "national coalition"], "the international coalition"),
    (["killing 12", "civilians"], "killing 12 civilians"),
    # a real compound broken at its hyphen keeps it (capitalised second part)
    (["the Syrian-", "Russian alliance"], "the Syrian-Russian alliance"),
    # PDFs of other years: indentation and trailing spaces
    (["  Deir Ez-  ", "  Zour governorate"], "Deir Ez-Zour governorate"),
]


@pytest.mark.parametrize(("parts", "expected"), JOINS)
def test_joining_wrapped_lines(parts: list[str], expected: str) -> None:
    assert join_wrapped(parts) == expected


def test_the_document_settles_a_hyphen_the_rules_cannot() -> None:
    # "bombard-ment" is whole elsewhere in the document: joined whole; "well-known" is hyphened there.
    assert join_wrapped(["the bombard-", "ment of"], {"bombardment"}) == "the bombardment of"
    assert join_wrapped(["a well-", "known site"], {"well-known"}) == "a well-known site"
