"""Issue 12, point 6: what `parse` accepts, `ingest` stores. Reports mutated to break each CHECK
of schema.sql are ingested: no traceback, the offending figure is stored as NULL (or the
incident skipped) with a `constraint_...` warning, and the rest of the report loads."""

from __future__ import annotations

import hashlib

import duckdb
import pytest
from conftest import REPORTS

from massacres.cli import EXIT_BAD_INPUT, EXIT_OK, main
from massacres.reports import constraints
from massacres.reports.parse import ParsedReport, parse_text

SEPTEMBER = (REPORTS / "snhr-2017-09-massacres.txt").read_text(encoding="utf-8")
OCTOBER = (REPORTS / "snhr-2017-10-massacres.txt").read_text(encoding="utf-8")

# (name, sample text, text to find, replacement, warning expected, incidents stored)
MUTATIONS = [
    (
        "incident year 2071",
        SEPTEMBER,
        "Monday, September 11, 2017, fixed",
        "Monday, September 11, 2071, fixed",
        "constraint_incident_skipped",
        42,
    ),
    (
        "incident time 25:70",
        SEPTEMBER,
        "Monday, September 11, 2017, fixed",
        "Monday, September 11, 2017, at around 25:70, fixed",
        "constraint_time",
        43,
    ),
    (
        "victims below children + women",
        SEPTEMBER,
        "430 individuals were killed",
        "43 individuals were killed",
        "victims_breakdown_exceeds",
        43,
    ),
    (
        "a party's toll below its children",
        SEPTEMBER,
        "Russian forces: 152 civilians, including 46 children",
        "Russian forces: 15 civilians, including 46 children",
        "victims_breakdown_exceeds",
        43,
    ),
    (
        "a party count above the total",
        SEPTEMBER,
        "- B. Russian forces: 14",
        "- B. Russian forces: 140",
        "stated_differs",
        43,
    ),
    ("a percent of 150", SEPTEMBER, "with 42% of all massacres", "with 150% of all massacres", "implausible_count", 43),
    (
        "a map link outside Syria",
        OCTOBER,
        "@34.9598104,40.4422611,13z/data=!3m1!4b1!4m5!3m4!1s0x154879d493c54c59:"
        "0xf51c0be2eea43bba!8m2!3d34.9694781!4d40.4821815",
        "@48.85,2.35,13z/data=!3m1!4b1!4m5!3m4!1s0x154879d493c54c59:0xf51c0be2eea43bba!8m2!3d48.8566!4d2.3522",
        "constraint_point_outside_syria",
        19,
    ),
]


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name, sample, old, new, code, stored", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_a_report_breaking_a_check_is_ingested_with_a_warning(
    name, sample, old, new, code, stored, tmp_path, built_db, capsys
):
    assert old in sample
    path = tmp_path / "typo.txt"
    path.write_text(sample.replace(old, new, 1), encoding="utf-8")
    assert main(["ingest", str(path), "--db", str(built_db)]) == EXIT_OK
    err = capsys.readouterr().err
    assert "Traceback" not in err and f": {code}" in err, err
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        month = con.execute("SELECT month FROM reports WHERE source_file = 'typo.txt'").fetchone()[0]
        assert con.execute("SELECT count(*) FROM incidents WHERE report_month = ?", [month]).fetchone()[0] == stored
        assert (
            con.execute("SELECT count(*) FROM warnings WHERE report_month = ? AND code = ?", [month, code]).fetchone()[
                0
            ]
            >= 1
        )
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2  # the other month is still there
    finally:
        con.close()


def test_a_report_month_the_schema_cannot_hold_is_refused_in_one_line(tmp_path, built_db, capsys):
    path = tmp_path / "2071.txt"
    # Every place the report names its month (title, headings, sentences): whichever the parser reads it from.
    path.write_text(SEPTEMBER.replace("September 2017", "September 2071"), encoding="utf-8")
    before = _digest(built_db)
    assert main(["ingest", str(path), "--db", str(built_db)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err == f"error: {path}: the report's month 2071-09 is outside 2011-01 to 2035-12: a typo in the year?"
    assert _digest(built_db) == before


def test_a_build_with_one_typo_file_still_builds_everything_else(tmp_path, reports_dir, capsys):
    (reports_dir / "snhr-2017-09-massacres.txt").write_text(
        SEPTEMBER.replace("430 individuals were killed", "43 individuals were killed"), encoding="utf-8"
    )
    db = tmp_path / "m.duckdb"
    assert main(["build", "--reports", str(reports_dir), "--db", str(db)]) == EXIT_OK
    assert "2 reports, 62 incidents" in capsys.readouterr().out


def _report(**changes) -> ParsedReport:
    parsed = parse_text(SEPTEMBER, "september.txt")
    for key, value in changes.items():
        parsed.report[key] = value
    return parsed


def test_every_check_the_parser_cannot_reach_is_enforced_too(tmp_path):
    """Figures the parser never produces today (negative counts, a percent past 100, a missing
    weapon, half a point): the module still keeps them out of the database."""
    from massacres.store import writes as store

    parsed = _report(ytd_massacres=-1)
    parsed.stated[0]["massacres"] = -3
    parsed.stated[0]["percent"] = 150.0
    first, second, third = parsed.incidents[:3]
    first["wounded"], first["time"] = -2, "7 pm"
    second["weapon"] = None
    third["lat"], third["lon"] = 35.0, None
    seen = []
    constraints.enforce(parsed, lambda code, message, line=None, seq=None: seen.append((code, seq)))
    assert parsed.report["ytd_massacres"] is None and "massacres" not in parsed.stated[0]
    assert "percent" not in parsed.stated[0]
    assert first["wounded"] is None and first["time"] is None
    assert second not in parsed.incidents and len(parsed.incidents) == 42
    assert third["lat"] is None and third["lon"] is None
    assert ("constraint_incident_skipped", second["seq"]) in seen
    assert {c for c, _ in seen} == {
        "constraint_negative_count",
        "constraint_percent",
        "constraint_time",
        "constraint_incident_skipped",
        "constraint_point_outside_syria",
    }
    from massacres import pipeline

    store.build(tmp_path / "m.duckdb", [pipeline.locate(parsed)])  # no ConstraintException
