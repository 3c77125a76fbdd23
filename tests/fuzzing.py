"""Strategies and checks shared by the fuzz tests and the long fuzz run (bench/fuzz.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import REPORTS
from hypothesis import strategies as hst

from massacres.errors import ReportError
from massacres.reports.numbers import MAX_COUNT
from massacres.reports.parse import ParsedReport, parse_text

# Issue 12 point 7 (the lead developer's): an incident with no governorate anywhere makes the
# geocoder raise this ValueError. Counted apart until that fix lands; any other exception fails.

SAMPLES = {
    name: (REPORTS / f"{name}.txt").read_text(encoding="utf-8")
    for name in ("snhr-2017-09-massacres", "snhr-2017-10-massacres")
}
_NUMBER = re.compile(r"\b\d+\b")
_HEADING = re.compile(r"^[A-H]\. .*$|^.* governorate$", re.M)


def check(text: str) -> ParsedReport | None:
    """The parser's contract on any input: a parse whose records keep the schema's
    constraints, or the project's own input error; never another exception."""
    try:
        parsed = parse_text(text, "fuzz.txt")
    except ReportError as exc:
        assert str(exc).startswith("fuzz.txt"), exc
        return None
    assert re.fullmatch(r"\d{4}-\d{2}", parsed.report["month"])
    for row in parsed.stated:
        assert row.get("percent") is None or 0 <= row["percent"] <= 100, row
        assert all(row.get(k) is None or 0 <= row[k] <= MAX_COUNT for k in ("massacres", "killed", "children", "women"))
    for k in ("total_massacres", "victims_total", "victims_children", "victims_women", "ytd_massacres"):
        assert parsed.report[k] is None or 0 <= parsed.report[k] <= MAX_COUNT
    for inc in parsed.incidents:
        assert inc["killed"] is not None and inc["killed"] >= 0
        parts = sum(inc[k] or 0 for k in ("children", "women", "fetuses"))
        assert parts <= inc["killed"], inc
        for k in ("killed", "children", "women", "fetuses", "wounded"):
            assert inc[k] is None or 0 <= inc[k] <= MAX_COUNT
        assert dt.date(2011, 1, 1) <= dt.date.fromisoformat(inc["date"]) <= dt.date(2035, 12, 31) or any(
            w["code"] == "date_out_of_range" for w in parsed.warnings
        )
        assert inc["time"] is None or re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", inc["time"])
        assert (inc["lat"] is None) == (inc["lon"] is None)
    return parsed


def _lines(text: str) -> list[str]:
    return text.split("\n")


@hst.composite
def mutated_report(draw) -> str:
    """A sample report with lines deleted, duplicated or shuffled, headings swapped, numbers
    made huge or words, unicode and control characters, or cut at a paragraph boundary."""
    lines = _lines(SAMPLES[draw(hst.sampled_from(sorted(SAMPLES)))])
    for _ in range(draw(hst.integers(1, 6))):
        op = draw(hst.sampled_from(["delete", "duplicate", "swap", "number", "unicode", "truncate", "heading"]))
        if not lines:
            break
        i = draw(hst.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i : i + draw(hst.integers(1, 5))]
        elif op == "duplicate":
            lines[i:i] = lines[i : i + draw(hst.integers(1, 5))]
        elif op == "swap":
            j = draw(hst.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "number":
            new = draw(
                hst.sampled_from(
                    ["0", "99999999999999999999", "-4", "ninety-nine", "a hundred", "1e9", "twelve thousand", "007"]
                )
            )
            lines[i] = _NUMBER.sub(new, lines[i], count=1)
        elif op == "unicode":
            junk = draw(hst.text(alphabet=hst.characters(blacklist_categories=("Cs",)), max_size=20))
            k = draw(hst.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + junk + lines[i][k:]
        elif op == "truncate":
            blanks = [n for n, ln in enumerate(lines) if not ln.strip()]
            if blanks:
                lines = lines[: draw(hst.sampled_from(blanks))]
        elif op == "heading":
            text = "\n".join(lines)
            heads = _HEADING.findall(text)
            if len(heads) >= 2:
                a, b = draw(hst.sampled_from(heads)), draw(hst.sampled_from(heads))
                text = text.replace(a, "\0").replace(b, a).replace("\0", b)
                lines = _lines(text)
    return "\n".join(lines)


random_text = hst.text(alphabet=hst.characters(blacklist_categories=("Cs",)), max_size=3000)


def check_ingest(text: str, db: Path) -> str:
    """The ingest contract on any input: what `parse` accepts, `ingest` stores (every record,
    located where it can be, no ConstraintException, no geocoder error). 'stored' or 'refused'
    (the project's own input error); any other exception propagates."""
    import duckdb

    from massacres import pipeline
    from massacres.store import writes as store

    parsed = check(text)
    if parsed is None:
        return "refused"
    store.ingest(db, [pipeline.locate(parsed)])
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = con.execute(
            "SELECT count(*) FROM incidents WHERE report_month = ?", [parsed.report["month"]]
        ).fetchone()
    finally:
        con.close()
    assert stored[0] == len(parsed.incidents), (stored, len(parsed.incidents))
    return "stored"
