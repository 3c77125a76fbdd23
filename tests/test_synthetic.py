"""Synthetic reports in the series' grammar (bench/synth_reports.py): invented places, months
from 2011 to 2025, every section and spelling the series uses, in web and PDF-text form.
The parser must recover the generator's truth."""

from __future__ import annotations

import pytest
import synth_reports

from massacres.reports.parse import parse_text

SEEDS = range(40)
COORDS = ("lat", "lon")


@pytest.mark.parametrize("form", ["web", "pdf"])
def test_parser_recovers_the_truth(form):
    missed = with_coords = 0
    problems: list[str] = []
    for seed in SEEDS:
        text, truth = synth_reports.generate_report(seed, form=form)
        parsed = parse_text(text, f"synthetic-{seed}-{form}.txt")
        if parsed.report["month"] != truth["report"]["month"]:
            problems.append(f"seed {seed}: month {parsed.report['month']}")
        for key, value in truth["report"].items():
            if parsed.report.get(key) != value:
                problems.append(f"seed {seed} report {key}: {parsed.report.get(key)!r} != {value!r}")
        stated = {(r["dimension"], r["key"]): {k: v for k, v in r.items() if k != "line"} for r in parsed.stated}
        for row in truth["stated"]:
            if stated.get((row["dimension"], row["key"])) != row:
                problems.append(f"seed {seed} stated {row} parsed {stated.get((row['dimension'], row['key']))}")
        if len(parsed.incidents) != len(truth["incidents"]):
            problems.append(f"seed {seed}: {len(parsed.incidents)} incidents, truth {len(truth['incidents'])}")
            continue
        for got, want in zip(parsed.incidents, truth["incidents"]):
            for field, value in want.items():
                if field in COORDS or field == "line" and form == "pdf":
                    continue
                if got.get(field) != value:
                    problems.append(f"seed {seed} seq {want['seq']} {field}: {got.get(field)!r} != {value!r}")
            if want["lat"] is not None:
                with_coords += 1
                missed += got["lat"] is None
            # A point is never wrong: either the truth's, or the same place's from a link naming it.
            if got["lat"] is not None and want["lat"] is not None:
                assert (got["lat"], got["lon"]) == (want["lat"], want["lon"]), (seed, want["seq"])
    assert not problems, "\n".join(problems[:40])
    if form == "pdf":
        assert with_coords > 200 and missed <= 0.03 * with_coords, (missed, with_coords)
