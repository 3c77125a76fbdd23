"""Every incident of both sample reports located as labelled by hand (tests/fixtures/expected/geocode.json)."""

from __future__ import annotations

import json
from collections import Counter

import duckdb
import pytest
from conftest import EXPECTED, REPORTS, SAMPLES

from massacres.cli import main
from massacres.places import boundaries, gazetteer
from massacres.places.geocode import geocode_all
from massacres.reports.parse import parse_file


@pytest.fixture(scope="module")
def located():
    out = {}
    for name in SAMPLES:
        parsed = parse_file(REPORTS / f"{name}.txt")
        for inc, loc in zip(parsed.incidents, geocode_all(parsed.incidents)):
            out[(parsed.report["month"], inc["seq"])] = (inc, loc)
    return out


@pytest.fixture(scope="module")
def expected():
    return json.loads((EXPECTED / "geocode.json").read_text(encoding="utf-8"))


def test_every_incident_located_as_labelled(located, expected):
    gaz = gazetteer.load()[0]
    assert len(expected) == len(located) == 62
    problems = []
    for e in expected:
        inc, loc = located[(e["report_month"], e["seq"])]
        want = gaz.by_id.get(e["expected_wof_id"]) if e["expected_wof_id"] else None
        if loc.precision != e["expected_precision"]:
            problems.append(
                f"{e['report_month']} #{e['seq']} {e['place']}: precision {loc.precision}, "
                f"expected {e['expected_precision']} ({e['note']})"
            )
        if want is not None and (round(loc.lat, 5), round(loc.lon, 5)) != (round(want.lat, 5), round(want.lon, 5)):
            problems.append(
                f"{e['report_month']} #{e['seq']} {e['place']}: at {loc.matched_name} ({loc.matched_id}), "
                f"expected {want.name} ({want.id})"
            )
        if loc.iso_code != e["expected_iso_code"]:
            problems.append(f"{e['report_month']} #{e['seq']}: {loc.iso_code} != {e['expected_iso_code']}")
        if e["expected_precision"] == "exact":
            assert (loc.lat, loc.lon) == (inc["lat"], inc["lon"])
    assert not problems, "\n".join(problems)


def test_precision_counts(located):
    counts = Counter(loc.precision for _, loc in located.values())
    assert counts == {"exact": 7, "locality": 20, "city": 25, "governorate": 10}


def test_no_point_in_the_wrong_governorate_without_a_warning(located):
    bounds = boundaries.load()
    for (month, seq), (inc, loc) in located.items():
        hit = bounds.at(loc.lat, loc.lon)
        wrong = hit is None or hit.key != inc["governorate"]
        far = bounds.distance_km(loc.lat, loc.lon, inc["governorate"]) > boundaries.NEAREST_TOLERANCE_KM
        if wrong and far:
            assert any("falls" in w for w in loc.warnings), (month, seq, inc["place"])
        if inc["governorate_in_text"] and inc["governorate_in_text"] != inc["governorate"]:
            assert any("the paragraph names" in w for w in loc.warnings), (month, seq)


def test_heading_text_conflicts_keep_the_place_where_it_is(located):
    # al Boulayl (text: Idlib), Hwayyer al Eis (text: Idlib), al Sousa (text: Aleppo): found under the heading's governorate.
    for key, iso in [(("2017-09", 25), "SY-DY"), (("2017-09", 32), "SY-HL"), (("2017-10", 12), "SY-DY")]:
        inc, loc = located[key]
        assert loc.iso_code == iso and loc.precision == "locality", (key, loc)


def test_governorate_fallback_is_the_governorates_own_point(located):
    bounds = boundaries.load()
    for inc, loc in located.values():
        if loc.precision == "governorate":
            assert (loc.lat, loc.lon) == bounds.label_point(inc["governorate"])
            assert bounds.at(loc.lat, loc.lon).key == inc["governorate"]
            assert loc.matched_id is None


def test_boundaries_are_the_fourteen_governorates():
    bounds = boundaries.load()
    assert sorted(bounds.iso.values()) == sorted(
        [
            "SY-DI",
            "SY-RD",
            "SY-HL",
            "SY-ID",
            "SY-HM",
            "SY-HI",
            "SY-LA",
            "SY-TA",
            "SY-DR",
            "SY-SU",
            "SY-QU",
            "SY-DY",
            "SY-RA",
            "SY-HA",
        ]
    )
    for key in bounds.keys:
        assert bounds.at(*bounds.label_point(key)).key == key


def test_reviewed_tables_name_real_rows():
    gaz, extra = gazetteer.load()
    assert all(v is None or v in gaz.by_id for v in gaz.aliases.values())
    assert {p.governorate for p in extra.by_id.values()} <= set(boundaries.load().keys)


def test_build_stores_locations_and_geocode_command(built_db, capsys):
    con = duckdb.connect(str(built_db), read_only=True)
    rows = con.execute("SELECT precision, count(*) FROM locations GROUP BY 1 ORDER BY 1").fetchall()
    con.close()
    assert dict(rows) == {"city": 25, "exact": 7, "governorate": 10, "locality": 20}
    assert main(["geocode", "--db", str(built_db)]) == 0
    out = capsys.readouterr().out
    assert "governorate" in out and "Jdeidat Bakkara" in out and "62 incidents geocoded" in out
    assert main(["geocode", "--db", str(built_db), "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 62
    assert set(lines[0]) == {
        "report_month",
        "seq",
        "place",
        "governorate",
        "lat",
        "lon",
        "precision",
        "matched_name",
        "score",
        "iso_code",
        "warnings",
    }
    mwayleh = next(x for x in lines if x["place"] == "Mwayleh bin Hdaib")
    assert mwayleh["precision"] == "exact" and mwayleh["iso_code"] == "SY-HM"


def test_every_geocoder_warning_has_a_declared_code(located):
    """Codes, not the messages' first words, are what the Data quality page counts: each message
    carries its code, index for index, and every code is declared with its meaning."""
    from massacres.places.geocode import WARNINGS

    seen = set()
    for _inc, loc in located.values():
        assert len(loc.warning_codes) == len(loc.warnings)
        seen |= set(loc.warning_codes)
    assert seen and seen <= set(WARNINGS)


def test_an_undeclared_code_is_refused():
    from massacres.places.geocode import Location

    loc = Location(33.5, 36.3, "exact", "map_link")
    with pytest.raises(ValueError):
        loc.warn("made_up", "a message no reader can look up")
