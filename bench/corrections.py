"""What reviewers' corrections cost the dashboard's queries: the same queries on the same corpus, in
one run, read three ways:
- plain: no correction (the app reads the parsed rows through a plain view: no cost at all);
- copy: with corrections, read from the corrected incidents the writer keeps in the file
  (store/corrected_copy.py), as the app reads them;
- computed: the same corrections, the copy dropped, so the app computes the view
  (queries/corrected_incidents.sql: the parsed rows no review touches through an anti-join, and the
  few reviewed rows), as it does for a Parquet export or a file an older version wrote to.

    .venv/bin/python bench/corrections.py --incidents 1000000 [--corrections 1000] [--repeat 15]

Uses bench/out/corpus-<N>.duckdb (made by bench/generate.py when missing), copies it, writes
--corrections corrections to the copy (one field of as many incidents, spread over the corpus,
through corrections_write.import_csv, the CLI's import: it makes the kept copy), then one more
save (a reviewer's, through corrections_write.save), and times each query with the dashboard's
default filters (median and p95 of --repeat runs after one warm-up, the three readings in turns). Also prints the files' sizes,
the time each connection takes to open (the copy's fingerprint is checked then) and the process's
resident memory. Ends with one line:
    corrections at N incidents, C corrections: p95 max X ms (QUERY) against Y ms without; ratio Z
(the copy, as the app reads it), and one for the computed view.
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
from massacres.store import corrected_copy, corrections_write, db, queries, search_index  # noqa: E402

QUERIES = (
    "documented_totals",
    "trend_massacres_by_month",
    "massacres_by_perpetrator_documented",
    "victims_by_month_and_category",
    "incidents_count_by_search",
    "incidents_by_search",
    "points_map",
)


def _interleaved(fns: dict, repeat: int) -> dict[str, list[float]]:
    """Each function timed `repeat` times after one warm-up, in turns (plain, copy, computed, plain,
    ...): on a machine shared with other work, a change of load falls on all of them alike."""
    for fn in fns.values():
        fn()
    out: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeat):
        for k, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            out[k].append((time.perf_counter() - t0) * 1000)
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


def _one_save(path: Path) -> float:
    """A reviewer's save of one incident on a file that already holds corrections: seconds."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        month, seq = con.execute(
            "SELECT report_month, seq FROM incidents ORDER BY hash(report_month, seq) DESC LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    t0 = time.perf_counter()
    corrections_write.save(path, month, seq, {"wounded": 3}, "bench", "benchmark")
    return time.perf_counter() - t0


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


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
        save_s = _one_save(corrected_path)
        computed_path = work / "computed.duckdb"
        shutil.copyfile(corrected_path, computed_path)
        rw = duckdb.connect(str(computed_path))
        rw.execute("DROP TABLE " + corrected_copy.TABLE)
        rw.execute("CHECKPOINT")
        rw.close()
        rss0 = _rss_mb()
        opened = {}
        cons = {}
        for label, path in (("plain", plain_path), ("copy", corrected_path), ("computed", computed_path)):
            t0 = time.perf_counter()
            cons[label] = db.connect_readonly(path)
            opened[label] = time.perf_counter() - t0
        views = {
            k: c.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'incidents'").fetchone()[0]
            for k, c in cons.items()
        }
        assert "corrected" not in views["plain"].replace("AS corrected", ""), views["plain"]
        assert corrected_copy.TABLE in views["copy"], views["copy"]
        assert "reviewed_incidents" in views["computed"], views["computed"]
        params = _params(cons["plain"])
        mb = {k: p.stat().st_size / 2**20 for k, p in (("plain", plain_path), ("copy", corrected_path))}
        print(
            f"# {dt.date.today()} · {args.incidents:,} incidents · {args.corrections:,} corrections "
            f"(imported in {import_s:.1f} s, the copy made with them; one more save: {save_s:.2f} s) · "
            f"load {os.getloadavg()[0]:.2f} · {args.repeat} runs"
        )
        print(
            f"# file {mb['plain']:.0f} MB plain, {mb['copy']:.0f} MB with the copy · connection opened in "
            + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in opened.items())
        )
        print(
            f"{'query':<36} {'plain p50':>9} {'p95':>7} {'copy p50':>9} {'p95':>7} {'ratio':>6} "
            f"{'computed p50':>12} {'p95':>7} {'ratio':>6}"
        )
        worst = {k: ("", 0.0, 0.0, 0.0) for k in ("copy", "computed")}
        for name in QUERIES:
            t = _interleaved(
                {k: (lambda c=c, name=name: queries.run(c, name, params)) for k, c in cons.items()}, args.repeat
            )
            line = f"{name:<36} {statistics.median(t['plain']):>9.1f} {_p95(t['plain']):>7.1f}"
            for k in ("copy", "computed"):
                ratio = _p95(t[k]) / _p95(t["plain"])
                line += f" {statistics.median(t[k]):>{9 if k == 'copy' else 12}.1f} {_p95(t[k]):>7.1f} {ratio:>5.2f}x"
                if _p95(t[k]) / _p95(t["plain"]) > worst[k][3]:
                    worst[k] = (name, _p95(t["plain"]), _p95(t[k]), ratio)
            print(line, flush=True)
        print(
            f"# resident memory: {rss0:.0f} MB before opening, {_rss_mb():.0f} MB after the runs; load {os.getloadavg()[0]:.2f}"
        )
        for k, what in (("copy", "corrections"), ("computed", "corrections, computed")):
            name, a, b, ratio = worst[k]
            print(
                f"{what} at {args.incidents} incidents, {args.corrections} corrections: worst ratio {ratio:.2f} "
                f"({name}: p95 {b:.1f} ms against {a:.1f} ms without)"
            )
        for c in cons.values():
            c.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
