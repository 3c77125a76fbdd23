"""The parser against hand-labelled expectations for every field of every incident."""

from __future__ import annotations

import pytest
from conftest import REPORTS, SAMPLES, expected_incidents, expected_report

from massacres.reports.parse import INCIDENT_FIELDS, parse_file


@pytest.fixture(scope="module", params=SAMPLES)
def sample(request):
    return request.param, parse_file(REPORTS / f"{request.param}.txt").to_json()


def test_every_field_of_every_incident(sample):
    name, parsed = sample
    expected = expected_incidents(name)
    assert len(parsed["incidents"]) == len(expected)
    diffs = [
        f"seq {exp['seq']} (line {exp['line']}) {field}: expected {exp[field]!r}, parsed {got.get(field)!r}"
        for exp, got in zip(expected, parsed["incidents"])
        for field in INCIDENT_FIELDS
        if exp[field] != got.get(field)
    ]
    assert not diffs, "\n".join(diffs)


def test_labels_cover_every_contract_field(sample):
    name, _ = sample
    for exp in expected_incidents(name):
        assert set(exp) == set(INCIDENT_FIELDS)


def test_report_fields_and_stated_figures(sample):
    name, parsed = sample
    expected = expected_report(name)
    assert parsed["report"] == expected["report"]
    assert sorted(parsed["stated"], key=lambda r: (r["dimension"], r["key"])) == sorted(
        expected["stated"], key=lambda r: (r["dimension"], r["key"])
    )


def _codes(parsed, code):
    return [w for w in parsed["warnings"] if w["code"] == code]


def test_heading_text_governorate_conflicts_are_warned():
    sep = parse_file(REPORTS / "snhr-2017-09-massacres.txt").to_json()
    octo = parse_file(REPORTS / "snhr-2017-10-massacres.txt").to_json()
    assert [w["seq"] for w in _codes(sep, "governorate_conflict")] == [25, 26, 32]
    assert [w["seq"] for w in _codes(octo, "governorate_conflict")] == [12]


def test_stated_differences_are_warned_and_explained():
    sep = parse_file(REPORTS / "snhr-2017-09-massacres.txt").to_json()
    msgs = [w["message"] for w in _codes(sep, "stated_differs")]
    # 137 children in the details + 2 fetuses = the 139 the report states.
    assert msgs == [
        "total all: stated children 139, details add up to 137 (the report counts the 2 fetuses among children)",
        "perpetrator syrian_regime: stated children 53, details add up to 51 (the report counts the 2 fetuses among children)",
    ]
    octo = parse_file(REPORTS / "snhr-2017-10-massacres.txt")
    assert octo.details_complete is False
    msgs = [w["message"] for w in octo.warnings if w["code"] == "stated_differs"]
    assert (
        "total all: stated massacres 39, details add up to 19 (the details list only the most notable massacres)"
        in msgs
    )
    # Where the details are complete for a party, nothing is warned: ISIS 35 killed, other parties 17.
    assert not [m for m in msgs if "perpetrator isis" in m or "perpetrator other" in m]


def test_no_other_warnings_on_the_samples():
    for name in SAMPLES:
        parsed = parse_file(REPORTS / f"{name}.txt").to_json()
        others = [w for w in parsed["warnings"] if w["code"] not in ("governorate_conflict", "stated_differs")]
        assert others == []
