"""What reviewers' corrections cost the dashboard's queries: the same queries on the same corpus,
read with no correction (the plain view `incidents`) and with corrections (the corrected view,
queries/corrected_incidents.sql, a join with the corrections), in one run.

    .venv/bin/python bench/corrections.py --incidents 1000000 [--corrections 1000] [--repeat 15]

Uses bench/out/corpus-<N>.duckdb (made by bench/generate.py when missing), copies it, writes
--corrections corrections to the copy (one field of as many incidents, spread over the corpus,
through corrections_write.import_csv, the CLI's import), and times each query with the
dashboard's default filters (median and p95 of --repeat runs after one warm-up). Ends with one line:
    corrections at N incidents, C corrections: p95 max X ms (QUERY) against Y ms without; ratio Z
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import duckdb  # noqa: E402
import generate  # noqa: E402

from massacres.dashboard.filters import Filters  # noqa: E402
from massacres.store import corrections_write, db, queries, search_index  # noqa: E402

QUERIES = (
    "documented_totals",
    "trend_massacres_by_month",
    "massacres_by_perpetrator_documented",
    "victims_by_month_and_category",
    "incidents_count_by_search",
    "incidents_by_search",
    "points_map",
)


def _times(fn, repeat: int) -> list[float]:
    fn()
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * 0.95
    lo = int(k)
    return xs[lo] + (xs[min(lo + 1, len(xs) - 1)] - xs[lo]) * (k - lo)


def _params(con: duckdb.DuckDBPyConnection) -> dict:
    first, last = con.execute("SELECT min(date), max(date) FROM incidents").fetchone()
    # As the pages pass them: no search text, the Incidents page's default order and page size.
    return Filters(first, last).params() | search_index.params(None) | {"sort": "date", "limit": 250, "offset": 0}


def _write_corrections(path: Path, n: int, folder: Path) -> None:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "SELECT report_month, seq, killed FROM incidents ORDER BY hash(report_month, seq) LIMIT ?", [n]
        ).fetchall()
    finally:
        con.close()
    out = folder / "bench-corrections.csv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(corrections_write.CSV_COLUMNS)
        for month, seq, killed in rows:
            w.writerow(
                [month, seq, "", "killed", killed, killed + 1, "corrected", "benchmark", "bench", "2026-12-02T00:00:00"]
            )
    corrections_write.import_csv(path, out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--incidents", type=int, required=True)
    ap.add_argument("--corrections", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    corpus = generate.default_path(args.incidents)
    if not generate.is_current(corpus, args.incidents):
        subprocess.run(
            [sys.executable, str(BENCH / "generate.py"), "--incidents", str(args.incidents), "--out", str(corpus)],
            check=True,
        )
    work = Path(tempfile.mkdtemp(prefix="bench-corrections-", dir=BENCH / "out"))
    try:
        plain_path = work / "plain.duckdb"
        shutil.copyfile(corpus, plain_path)
        corrected_path = work / "corrected.duckdb"
        shutil.copyfile(corpus, corrected_path)
        t0 = time.perf_counter()
        _write_corrections(corrected_path, args.corrections, work)
        import_s = time.perf_counter() - t0
        plain, corrected = db.connect_readonly(plain_path), db.connect_readonly(corrected_path)
        assert (
            "corrections"
            not in plain.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'incidents'").fetchone()[0]
        )
        assert (
            "corrections"
            in corrected.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'incidents'").fetchone()[0]
        )
        params = _params(plain)
        print(
            f"# {dt.date.today()} · {args.incidents:,} incidents · {args.corrections:,} corrections "
            f"(imported in {import_s:.1f} s) · load {os.getloadavg()[0]:.2f} · {args.repeat} runs"
        )
        print(f"{'query':<40} {'plain p50':>10} {'p95':>8} {'corrected p50':>14} {'p95':>8} {'ratio':>6}")
        worst = ("", 0.0, 0.0, 0.0)
        for name in QUERIES:
            a = _times(lambda name=name: queries.run(plain, name, params), args.repeat)
            b = _times(lambda name=name: queries.run(corrected, name, params), args.repeat)
            ratio = _p95(b) / _p95(a)
            print(
                f"{name:<40} {statistics.median(a):>10.1f} {_p95(a):>8.1f} {statistics.median(b):>14.1f} "
                f"{_p95(b):>8.1f} {ratio:>5.2f}x"
            )
            if _p95(b) > worst[2]:
                worst = (name, _p95(a), _p95(b), ratio)
        print(
            f"corrections at {args.incidents} incidents, {args.corrections} corrections: p95 max {worst[2]:.1f} ms "
            f"({worst[0]}) against {worst[1]:.1f} ms without; ratio {worst[3]:.2f}"
        )
        plain.close()
        corrected.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
