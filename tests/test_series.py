"""The parser reads the series, not two files: invented reports shaped like each year's wording
(tests/fixtures/variants/, labelled by hand from their text; README.md there says what each
exercises) give the figures a careful reader finds in them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from massacres.parse import parse_file

VARIANTS = Path(__file__).resolve().parent / "fixtures" / "variants"
FILES = sorted(p.name.removesuffix(".txt") for p in VARIANTS.glob("*.txt"))
# The incident fields labelled in the variants (a subset of the contract's).
INCIDENT_FIELDS = ("date", "perpetrator", "governorate", "place", "killed", "children", "women", "fetuses",
                   "wounded", "killed_is_lower_bound", "area_of_control", "weapon")


def _expected(name: str) -> dict:
    return json.loads((VARIANTS / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    return {name: parse_file(VARIANTS / f"{name}.txt").to_json() for name in FILES}


def test_the_corpus_covers_every_kind_of_document():
    kinds = {_expected(n)["report"]["kind"] for n in FILES}
    assert kinds == {"monthly", "year", "death_toll", "press_release"}
    assert len(FILES) >= 20


@pytest.mark.parametrize("name", FILES)
def test_report_fields(parsed, name):
    want = _expected(name)["report"]
    got = parsed[name]["report"]
    diffs = [f"{k}: expected {v!r}, parsed {got.get(k)!r}" for k, v in want.items() if k != "title" and got.get(k) != v]
    assert not diffs, "\n".join(diffs)


@pytest.mark.parametrize("name", FILES)
def test_stated_figures(parsed, name):
    want = {(r["dimension"], r["key"]): r for r in _expected(name)["stated"]}
    got = {(r["dimension"], r["key"]): r for r in parsed[name]["stated"] if not r["dimension"].startswith("ytd_")}
    missing = [f"expected {want[k]}, parsed {got.get(k)}" for k in want if got.get(k) != want[k]]
    extra = [f"not in the text: {got[k]}" for k in got if k not in want]
    assert not missing + extra, "\n".join(missing + extra)


@pytest.mark.parametrize("name", FILES)
def test_incidents(parsed, name):
    want = _expected(name)["incidents"]
    got = parsed[name]["incidents"]
    assert len(got) == len(want), [(i["date"], i["place"]) for i in got]
    diffs = [f"#{n} {field}: expected {w[field]!r}, parsed {g.get(field)!r}"
             for n, (w, g) in enumerate(zip(want, got), start=1) for field in INCIDENT_FIELDS
             if field in w and w[field] != g.get(field)]
    assert not diffs, "\n".join(diffs)


@pytest.mark.parametrize("name", FILES)
def test_planted_inconsistencies_are_warned(parsed, name):
    codes = {w["code"] for w in parsed[name]["warnings"]}
    assert set(_expected(name)["warnings"]) <= codes, sorted(codes)
