"""The parser reads the series, not two files: invented reports shaped like each year's wording
(tests/fixtures/variants/, labelled by hand from their text; README.md there says what each
exercises) give the figures a careful reader finds in them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from massacres.reports.parse import parse_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VARIANTS = FIXTURES / "variants"
# Two corpora: variants/ was written beside the parser; heldout/ was written blind to it and to
# variants/, to stand in for the real reports the project does not have.
# pdf/: PDF files, read through the PDF path
CORPORA = ("variants", "heldout", "blind2", "blind3", "blind4", "blind5", "pdf")
FILES = sorted(f"{c}/{p.stem}" for c in CORPORA for p in (FIXTURES / c).iterdir() if p.suffix in (".txt", ".pdf"))


def _source(name: str) -> Path:
    return next(p for p in (FIXTURES / f"{name}.txt", FIXTURES / f"{name}.pdf") if p.exists())


# The incident fields labelled in the variants (a subset of the contract's).
INCIDENT_FIELDS = (
    "date",
    "perpetrator",
    "governorate",
    "place",
    "killed",
    "children",
    "women",
    "fetuses",
    "wounded",
    "killed_is_lower_bound",
    "area_of_control",
    "weapon",
)


# Gaps the corpus shows and this parser does not close yet, each named; strict, so a fix that
# closes one fails here until its line is removed.
KNOWN_GAPS = {}


def _known_gap(kind: str, name: str) -> list:
    reason = KNOWN_GAPS.get((kind, name))
    return [pytest.param(name, marks=pytest.mark.xfail(reason=reason, strict=True))] if reason else [name]


def _expected(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    return {name: parse_file(_source(name)).to_json() for name in FILES}


def test_the_corpus_covers_every_kind_of_document():
    kinds = {_expected(n)["report"]["kind"] for n in FILES}
    assert kinds == {"monthly", "year", "death_toll", "press_release"}
    assert len(FILES) >= 70


@pytest.mark.parametrize("name", FILES)
def test_report_fields(parsed, name):
    want = _expected(name)["report"]
    got = parsed[name]["report"]
    diffs = [f"{k}: expected {v!r}, parsed {got.get(k)!r}" for k, v in want.items() if k != "title" and got.get(k) != v]
    assert not diffs, "\n".join(diffs)


@pytest.mark.parametrize("name", [p for n in FILES for p in _known_gap("stated", n)])
def test_stated_figures(parsed, name):
    want = {(r["dimension"], r["key"]): r for r in _expected(name)["stated"]}
    got = {
        (r["dimension"], r["key"]): r
        for r in parsed[name]["stated"]
        if not r["dimension"].startswith(("ytd_", "civilians_"))
    }
    missing = [f"expected {want[k]}, parsed {got.get(k)}" for k in want if got.get(k) != want[k]]
    extra = [f"not in the text: {got[k]}" for k in got if k not in want]
    assert not missing + extra, "\n".join(missing + extra)


@pytest.mark.parametrize("name", [p for n in FILES for p in _known_gap("incidents", n)])
def test_incidents(parsed, name):
    want = _expected(name)["incidents"]
    got = parsed[name]["incidents"]
    assert len(got) == len(want), [(i["date"], i["place"]) for i in got]
    diffs = [
        f"#{n} {field}: expected {w[field]!r}, parsed {g.get(field)!r}"
        for n, (w, g) in enumerate(zip(want, got), start=1)
        for field in INCIDENT_FIELDS
        if field in w and w[field] != g.get(field)
    ]
    assert not diffs, "\n".join(diffs)


@pytest.mark.parametrize("name", FILES)
def test_planted_inconsistencies_are_warned(parsed, name):
    codes = {w["code"] for w in parsed[name]["warnings"]}
    assert set(_expected(name)["warnings"]) <= codes, sorted(codes)


def test_a_sentence_no_rule_reads_is_reported_with_its_line(tmp_path):
    from conftest import REPORTS

    lines = (REPORTS / "snhr-2017-09-massacres.txt").read_text(encoding="utf-8").splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("SNHR has documented no less than 43 massacres")) + 1
    new = "Of the month's massacres, a further 12 were counted after the cut-off date of our preliminary count."
    lines[at:at] = ["", new]
    path = tmp_path / "september-with-a-new-sentence.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    parsed = parse_file(path)
    unread = [w for w in parsed.warnings if w["code"] == "unread_figure"]
    assert [w["line"] for w in unread] == [at + 2]
    assert "a further 12 were counted" in unread[0]["message"]
    assert parsed.report["total_massacres"] == 43  # the new sentence changed no figure


def test_a_summary_only_text_loads_and_only_strict_refuses_it(tmp_path, capsys):
    from massacres.cli import EXIT_OK, EXIT_WARNINGS, main

    source = VARIANTS / "2013-02-summary-only-no-title.txt"
    db = tmp_path / "m.duckdb"
    assert main(["ingest", str(source), "--db", str(db)]) == EXIT_OK
    assert main(["parse", str(source), "--strict"]) == EXIT_WARNINGS
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT kind, details_complete, incident_count, total_massacres FROM reports").fetchone()
    finally:
        con.close()
    assert row == ("monthly", False, 0, 37)


def test_an_incident_with_no_governorate_is_stored_unlocated(tmp_path, capsys):
    """Issue 11: `ingest` of a report whose incident names no governorate printed a traceback
    from the geocoder; the one path (pipeline.read_report) stores it without a point and says so."""
    from massacres.cli import main

    report = tmp_path / "2016-03-no-governorate.txt"
    report.write_text(
        "No less than 5 Massacres in March 2016\n\nSNHR documented no less than 5 massacres in March 2016.\n\n"
        "Details of March's incidents\n\nMonday, March 7, 2016, unidentified gunmen opened fire on a bus near "
        "Kafr Tallal village, which resulted in the killing of 5 civilians.\n\nConclusions\n\nSNHR calls for "
        "accountability.\n",
        encoding="utf-8",
    )
    db = tmp_path / "m.duckdb"
    assert main(["ingest", str(report), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "not_located [incident 1]" in err
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT killed, governorate, point_lat FROM incidents").fetchall() == [(5, None, None)]
        assert con.execute("SELECT count(*) FROM locations").fetchone()[0] == 0
    finally:
        con.close()


def test_a_month_of_massacres_with_no_readable_figure_loads_and_says_so(tmp_path):
    """No file of the series is refused once its month is found: a text whose figures no rule
    reads is the month with nothing stated, warned no_figures (and refused only under --strict)."""
    from massacres.cli import EXIT_OK, EXIT_WARNINGS, main

    report = tmp_path / "2016-03-figures-in-a-table.txt"
    report.write_text(
        "Massacres in March 2016\n\nSNHR documented several massacres in March 2016, listed in the attached table.\n",
        encoding="utf-8",
    )
    parsed = parse_file(report)
    assert parsed.report["month"] == "2016-03" and parsed.report["total_massacres"] is None
    assert {w["code"] for w in parsed.warnings} >= {"no_figures", "no_details"}
    assert main(["ingest", str(report), "--db", str(tmp_path / "m.duckdb")]) == EXIT_OK
    assert main(["parse", str(report), "--strict"]) == EXIT_WARNINGS
