"""Place names: normalisation, alternate names and a fuzzy cutoff that refuses near-misses."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from massacres.places import gazetteer
from massacres.places.gazetteer import FUZZY_CUTOFF, normalise


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()[0]


@pytest.mark.parametrize(
    "variants",
    [
        ("al Bokamal", "Abu Kamal", "Albu Kamal", "al Bukamal", "Al-Bukamal", "Ālbū Kamāl"),
        ("Deir Ez-Zour", "Deir ez-Zor", "Dayr az Zawr", "Der Ezzor"),
        ("Jisr al Shoghour", "Jisr ash Shughur", "Jisr ash-Shughūr"),
        ("Raqqa", "al Raqqa", "Ar Raqqah", "Raqqah"),
        ("Khan Sheikhoun", "Khan Shaykhun"),
    ],
)
def test_spelling_variants_find_one_place(gaz, variants):
    governorate = {
        "al Bokamal": "deir_ez_zor",
        "Deir Ez-Zour": "deir_ez_zor",
        "Jisr al Shoghour": "idlib",
        "Raqqa": "raqqa",
        "Khan Sheikhoun": "idlib",
    }[variants[0]]
    found = {v: gaz.lookup(v, governorate) for v in variants}
    assert all(found.values()), {v: m for v, m in found.items() if m is None}
    ids = {m.place.id for m in found.values()}
    assert len(ids) == 1, found
    assert next(iter(found.values())).place.placetype == "locality"  # the town, not its district


def test_normalisation():
    assert normalise("al Bokamal") == "bokamal"
    assert normalise("Jisr al Shoghour") == normalise("Jisr ash-Shoghour") == "jisrshoghur"
    assert normalise("Ma'razaf") == normalise("Ma\u2019razaf") == "marazaf"
    assert normalise("Ma`arrzaf") == "marzaf"
    assert normalise("Ḩuwayr al ‘Īs") == "huwayris"
    assert normalise("Qal'at al Madiq") == "qalatmadiq"


@pytest.mark.parametrize(
    "report, other, governorate",
    [
        ("Midan", "Ma'dan", None),  # two different places, one letter apart
        ("al Sabha", "As Sabkhah", "deir_ez_zor"),
        ("Mrat", "Marrat", None),
        ("Breiha", "Burayhah", None),
    ],
)
def test_near_misses_do_not_match(gaz, report, other, governorate):
    score = fuzz.ratio(normalise(report), normalise(other))
    assert score < FUZZY_CUTOFF or len(normalise(report)) < gazetteer.MIN_FUZZY_LENGTH, score
    if governorate:
        match = gaz.lookup(report, governorate)
        assert match is None or normalise(match.matched_name) == normalise(report), match


def test_cutoff_is_justified_by_real_pairs():
    # Same place, report vs gazetteer spelling: all at or above the cutoff...
    for a, b in [
        ("al Bokamal", "Al-Bukamal"),
        ("Jisr al Shoghour", "Jisr ash Shughur"),
        ("Ma'razaf", "Ma`arrzaf"),
        ("Mohasan", "Muhasan"),
        ("al Mrashda", "Al Marashidah"),
    ]:
        assert fuzz.ratio(normalise(a), normalise(b)) >= FUZZY_CUTOFF, (a, b)
    # ...a twin village is not its undivided neighbour: below it...
    for a, b in [
        ("Hawayej Thyab Shamiya", "Hawayij Diyab"),
        ("Buqrus Tahtani", "Buqrus"),
        ("Zgheir Shamiya", "Zughayr"),
        ("Tabiya Jazeera", "At Tabiyah"),
    ]:
        assert fuzz.ratio(normalise(a), normalise(b)) < FUZZY_CUTOFF, (a, b)
    # ...and short names, where one letter makes another village, never match fuzzily.
    for a, b in [("al Sabha", "As Sabkhah"), ("Midan", "Ma'dan")]:
        assert len(normalise(a)) < gazetteer.MIN_FUZZY_LENGTH, (a, b)


def test_matching_stays_inside_the_governorate(gaz):
    assert gaz.lookup("Abu Kamal", "deir_ez_zor") is not None
    assert gaz.lookup("Abu Kamal", "idlib") is None


def test_ambiguous_names_are_not_guessed(gaz):
    # Three villages in Deir ez-Zor are called At Tabiyah: no single answer, so none.
    assert gaz.lookup("al Tabiyah", "deir_ez_zor") is None
