"""Ingest benchmark: parse and store a corpus of generated reports.

    .venv/bin/python bench/ingest.py [--reports 1000] [--seed 0]

Generates N reports (bench/synth_reports.py: the series' grammar, random places, dates and
counts, half web text and half PDF text) into a temporary directory, then times, in one run:
  - parse: every file read and parsed (massacres.reports.parse.parse_file);
  - store: one atomic build of the DuckDB file from the parsed reports, without and with
    geocoding (the build geocodes every incident);
  - baseline: reading the same files without parsing (the floor any parser pays),
and prints per-report figures against the target of 20 ms per report.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth_reports  # noqa: E402

from massacres import pipeline
from massacres.reports.parse import parse_file  # noqa: E402
from massacres.store import writes as store  # noqa: E402

TARGET_MS = 20.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        t0 = time.perf_counter()
        paths = synth_reports.write_corpus(tmpdir / "reports", args.reports, seed=args.seed, with_truth=False)
        gen_s = time.perf_counter() - t0
        size_mb = sum(p.stat().st_size for p in paths) / 1e6

        t0 = time.perf_counter()
        for p in paths:
            p.read_text(encoding="utf-8")
        read_s = time.perf_counter() - t0

        per_report = []
        parsed = []
        t0 = time.perf_counter()
        for p in paths:
            t = time.perf_counter()
            parsed.append(parse_file(p))
            per_report.append((time.perf_counter() - t) * 1000)
        parse_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        store.build(tmpdir / "tables-only.duckdb", parsed)  # parsed, not located: no locations
        tables_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        db = tmpdir / "bench.duckdb"
        store.build(db, [pipeline.locate(p) for p in parsed])  # what `massacres build` does: locate, then write
        store_s = time.perf_counter() - t0
        incidents = sum(len(p.incidents) for p in parsed)
        months = len({p.report["month"] for p in parsed})

    n = len(paths)
    total_ms = (parse_s + store_s) * 1000 / n
    per_report.sort()
    print(f"machine: {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"corpus: {n} reports ({size_mb:.1f} MB, {incidents} incidents, {months} distinct months) generated in {gen_s:.1f} s"
    )
    print(f"baseline read only: {read_s * 1000 / n:.2f} ms/report")
    print(
        f"parse: {parse_s:.2f} s total, {parse_s * 1000 / n:.2f} ms/report "
        f"(median {statistics.median(per_report):.2f}, p95 {per_report[int(0.95 * n) - 1]:.2f}, max {per_report[-1]:.2f})"
    )
    print(f"store tables only: {tables_s:.2f} s ({tables_s * 1000 / n:.2f} ms/report)")
    print(f"store with geocoding (as `massacres build`): {store_s:.2f} s ({store_s * 1000 / n:.2f} ms/report)")
    print(
        f"parse + store: {total_ms:.2f} ms/report, target {TARGET_MS:.0f} ms: {'met' if total_ms < TARGET_MS else 'MISSED'}"
    )
    return 0 if total_ms < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
