"""Property-based tests: the parser on random and mutated reports, and what it accepts through
`ingest` (a short run here; the long run of 10,000+ cases is `bench/fuzz.py`)."""

from __future__ import annotations

from fuzzing import check, check_ingest, mutated_report, random_text
from hypothesis import HealthCheck, given, settings

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(random_text)
def test_random_text(text):
    check(text)


@FAST
@given(mutated_report())
def test_mutated_reports(text):
    check(text)


@FAST
@given(random_text)
def test_random_text_inside_a_report(junk):
    from fuzzing import SAMPLES

    text = SAMPLES["snhr-2017-09-massacres"]
    cut = text.index("Monday, September 11, 2017")
    check(text[:cut] + junk + "\n\n" + text[cut:])


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_report())
def test_mutated_reports_that_parse_are_stored(tmp_path_factory, text):
    """Issue 12, point 6: a report `parse` accepts never ends `ingest` in a ConstraintException."""
    db = tmp_path_factory.getbasetemp() / "fuzz-ingest.duckdb"
    check_ingest(text, db)
