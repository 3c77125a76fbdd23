"""Page benchmark: how long each dashboard page takes to render, cold and warm, at a corpus size.

    .venv/bin/python bench/pages.py --incidents 100000 [--runs 3] [--page map] [--profile map]
    .venv/bin/python bench/pages.py --sizes 0,10000,100000,1000000

Size 0 is the bundled data (data/reports/), built with `massacres build` into a temporary file;
size N is bench/out/corpus-N.duckdb from bench/generate.py (generated when missing, reused when
present). MASSACRES_DB points every page at it.

Each page (app.py and every file in pages/) runs in Streamlit's AppTest, in a worker process of
its own (so that one page's memory or a runaway page cannot affect the next):
  - cold: st.cache_data and st.cache_resource cleared (so a new DuckDB connection, and every query
    run again), a fresh AppTest, one run;
  - warm: a second run of that same AppTest, the caches now holding every query's result (what a
    visitor pays for a rerun, a click on a chart, or a second visitor to the same view).
Both are the median of --runs rounds; a page whose first round takes over 30 s runs once. Module
imports are excluded: the worker runs the page once, untimed, first (a server imports the stack
once, at start), and the operating system's file cache is warm. Each cold run also times every
named query the page runs (massacres.store.queries.run), to name the slow ones. A worker is stopped
past --timeout seconds or --max-rss-gb of memory, and the page reported as not finishing.
--profile PAGE prints a cProfile of one cold and one warm run of that page (of the script's own
thread: AppTest runs the page in a thread of its own).

Targets: every page under 1 s at the bundled data (cold and warm), under 1.5 s warm at 1M.
The last line per size: `pages at N incidents: warm max X s (PAGE), cold max Y s (PAGE)`.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import duckdb  # noqa: E402

PAGES = ["app.py"] + sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
TARGET_BUNDLED_S = 1.0  # every page, cold and warm, at the bundled data
TARGET_WARM_1M_S = 1.5  # every page, warm, at 1,000,000 incidents
SLOW_S = 30.0  # a page whose first cold + warm round takes longer is not repeated
RESULT = "RESULT "


def page_name(page: str) -> str:
    return Path(page).stem


def machine() -> str:
    import streamlit

    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = float("nan")
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}, Streamlit {streamlit.__version__}"
    )


def corpus(size: int, tmp: Path) -> Path:
    """The database for a size: 0 is the bundled reports built into a temporary file."""
    if size == 0:
        db = tmp / "bundled.duckdb"
        script = Path(sys.executable).parent / "massacres"
        done = subprocess.run([str(script), "build", "--db", str(db)], cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"massacres build failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        return db
    import generate  # bench/generate.py

    t0 = time.perf_counter()
    path = generate.generate(generate.default_path(size), size)
    print(f"corpus {path.relative_to(ROOT)} ready in {time.perf_counter() - t0:.1f} s", flush=True)
    return path


def incident_count(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM incidents").fetchone()[0]
    finally:
        con.close()


# --- The worker: one page, in this process ------------------------------------------------------


def _worker(page: str, runs: int, profile_it: bool) -> dict:
    import streamlit as st
    import streamlit.logger
    from streamlit.testing.v1 import AppTest

    from massacres.store import queries

    def quiet() -> None:
        streamlit.logger.set_log_level("error")  # AppTest's bare-mode warnings; its first run resets the level

    def clear_caches() -> None:
        quiet()
        st.cache_data.clear()
        st.cache_resource.clear()

    def new_app() -> AppTest:
        return AppTest.from_file(str(ROOT / page), default_timeout=24 * 3600)

    def render(at: AppTest) -> tuple[float, str | None]:
        t0 = time.perf_counter()
        at.run()
        secs = time.perf_counter() - t0
        return secs, (at.exception[0].message.splitlines()[0][:160] if at.exception else None)

    class QueryTimer:
        """Wraps massacres.store.queries.run (which ui.query's cache calls on a miss) to time each named query."""

        def __enter__(self):
            self.times: dict[str, list[float]] = defaultdict(list)
            self._orig = queries.run

            def timed(con, name, params=None):
                t0 = time.perf_counter()
                try:
                    return self._orig(con, name, params)
                finally:
                    self.times[name].append(time.perf_counter() - t0)

            queries.run = timed
            return self

        def __exit__(self, *exc):
            queries.run = self._orig

    clear_caches()
    render(new_app())  # untimed: imports
    colds, warms, errors = [], [], set()
    qtimes: dict[str, list[float]] = defaultdict(list)
    for i in range(runs):
        if i and colds[0] + warms[0] > SLOW_S:
            break  # a page this slow is measured once: the figure is clear, and rounds would take minutes
        clear_caches()
        at = new_app()
        with QueryTimer() as qt:
            cold, err = render(at)
        for name, ts in qt.times.items():
            qtimes[name].append(sum(ts))
        warm, err2 = render(at)
        colds.append(cold)
        warms.append(warm)
        errors |= {e for e in (err, err2) if e}
        print(f"    round {i + 1}: cold {cold:.2f} s, warm {warm:.2f} s", file=sys.stderr, flush=True)
        del at
    slow = sorted(((statistics.median(ts), name) for name, ts in qtimes.items()), reverse=True)
    if profile_it:
        _profile(page, clear_caches, new_app)
    return {
        "page": page_name(page),
        "rounds": len(colds),
        "cold": statistics.median(colds),
        "warm": statistics.median(warms),
        "cold_runs": colds,
        "warm_runs": warms,
        "errors": sorted(errors),
        "queries": slow,
        "query_total": sum(t for t, _ in slow),
    }


def _profile(page: str, clear_caches, new_app, top: int = 35) -> None:
    """cProfile of one cold and one warm run of a page, by cumulative time, to name the slow step.
    AppTest runs the script in a thread of its own: the profiler is switched on inside that thread."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    orig = LocalScriptRunner._run_script_thread
    holder: dict[str, cProfile.Profile] = {}

    def profiled(self) -> None:
        prof = holder["prof"]
        prof.enable()
        try:
            orig(self)
        finally:
            prof.disable()

    LocalScriptRunner._run_script_thread = profiled
    try:
        at = None
        for label in ("cold", "warm"):
            if label == "cold":
                clear_caches()
                at = new_app()
            holder["prof"] = cProfile.Profile()
            at.run()
            out = io.StringIO()
            pstats.Stats(holder["prof"], stream=out).strip_dirs().sort_stats("cumulative").print_stats(top)
            print(f"\n--- cProfile, {page_name(page)}, {label} run (top {top} by cumulative time) ---", file=sys.stderr)
            print("\n".join(ln for ln in out.getvalue().splitlines() if ln.strip()), file=sys.stderr, flush=True)
    finally:
        LocalScriptRunner._run_script_thread = orig


# --- The parent: a worker per page, watched --------------------------------------------------------


def _rss_gb(pid: int) -> float:
    """Resident memory of a process and its children (the worker has none; DuckDB's threads are in it)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return 0.0


def run_worker(page: str, db: Path, runs: int, profile_it: bool, timeout: float, max_rss_gb: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", page, "--runs", str(runs)]
    if profile_it:
        cmd.append("--worker-profile")
    env = os.environ | {"MASSACRES_DB": str(db)}
    t0 = time.perf_counter()
    peak = 0.0
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=None, text=True)
        stopped = None
        while proc.poll() is None:
            time.sleep(0.25)
            peak = max(peak, _rss_gb(proc.pid))
            elapsed = time.perf_counter() - t0
            if elapsed > timeout:
                stopped = f"did not finish in {timeout:.0f} s"
            elif peak > max_rss_gb:
                stopped = f"stopped at {peak:.1f} GB of memory after {elapsed:.0f} s"
            if stopped:
                proc.kill()
                proc.wait()
                break
        out.seek(0)
        lines = [ln for ln in out.read().splitlines() if ln.startswith(RESULT)]
    if stopped or not lines:
        why = stopped or f"worker failed (exit {proc.returncode})"
        return {
            "page": page_name(page),
            "rounds": 0,
            "cold": float("nan"),
            "warm": float("nan"),
            "errors": [why],
            "queries": [],
            "query_total": float("nan"),
            "peak_rss_gb": peak,
            "stopped": True,
        }
    result = json.loads(lines[-1][len(RESULT) :])
    result["peak_rss_gb"] = peak
    return result


def bench_size(
    size: int, runs: int, pages: list[str], prof: list[str], timeout: float, max_rss_gb: float
) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        db = corpus(size, Path(tmp))
        n = incident_count(db)
        label = f"{n:,} incidents" + (" (bundled data)" if size == 0 else f" (bench/out/corpus-{size}.duckdb)")
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"\n## {label}, {db.stat().st_size / 1e6:.1f} MB; median of {runs} runs; load average {load} "
            f"on {os.cpu_count()} cores",
            flush=True,
        )
        results = []
        for page in pages:
            r = run_worker(page, db, runs, page_name(page) in prof, timeout, max_rss_gb)
            results.append(r)
            q = ", ".join(f"{name} {t:.2f}" for t, name in r["queries"][:3])
            print(
                f"  {r['page']:<16} cold {r['cold']:7.2f} s  warm {r['warm']:7.2f} s  ({r['rounds']} rounds, "
                f"peak {r['peak_rss_gb']:.1f} GB)  queries {r['query_total']:6.2f} s (slowest: {q})"
                + (f"  ERROR: {'; '.join(r['errors'])}" if r["errors"] else ""),
                flush=True,
            )
        target = TARGET_BUNDLED_S if size == 0 else TARGET_WARM_1M_S if size >= 1_000_000 else None
        print(f"\nload average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
        print(table(results, target, size == 0))
        done = [r for r in results if not r.get("stopped")]
        unfinished = [r["page"] for r in results if r.get("stopped")]
        warm = max(done, key=lambda r: r["warm"]) if done else None
        cold = max(done, key=lambda r: r["cold"]) if done else None
        line = (
            (
                f"pages at {n} incidents: warm max {warm['warm']:.2f} s ({warm['page']}), "
                f"cold max {cold['cold']:.2f} s ({cold['page']})"
            )
            if done
            else f"pages at {n} incidents: none finished"
        )
        if unfinished:
            line += f"; did not finish: {', '.join(unfinished)}"
        print(line, flush=True)
    return results


def table(results: list[dict], target: float | None, bundled: bool) -> str:
    """A markdown table: each page's cold and warm median, its slowest queries (cold), and the target."""
    head = "| page | cold | warm | peak memory | slowest queries (cold run) |" + (" target |" if target else "")
    rows = [head, "|---|---|---|---|---|" + ("---|" if target else "")]
    for r in results:
        q = "; ".join(f"`{name}` {t:.2f} s" for t, name in r["queries"][:2]) or "(none)"
        once = " (1 run)" if r["rounds"] == 1 else ""
        mem = f"{r['peak_rss_gb']:.1f} GB"
        if r.get("stopped"):
            line = f"| {r['page']} | {'; '.join(r['errors'])} | – | {mem} | – |"
        elif r["errors"]:
            line = f"| {r['page']} | error | error | {mem} | {'; '.join(r['errors'])} |"
        else:
            line = f"| {r['page']} | {r['cold']:.2f} s{once} | {r['warm']:.2f} s{once} | {mem} | {q} |"
        if target:
            if r.get("stopped") or r["errors"]:
                line += " **missed** |"
            else:
                worst = max(r["cold"], r["warm"]) if bundled else r["warm"]
                line += " ok |" if worst < target else f" **missed by {worst - target:.2f} s** |"
        rows.append(line)
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--incidents", type=int, help="one corpus size (0: the bundled data)")
    group.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], help="sizes, comma-separated")
    group.add_argument("--worker", help=argparse.SUPPRESS)  # one page, in this process; prints RESULT {json}
    ap.add_argument("--worker-profile", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--runs", type=int, default=3, help="rounds per page; the median is reported (default 3)")
    ap.add_argument("--page", action="append", default=[], help="only this page (app, map, 4_Map or a path)")
    ap.add_argument("--profile", action="append", default=[], help="cProfile this page after timing it")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds a page's worker may take (default 1800)")
    ap.add_argument("--max-rss-gb", type=float, default=8.0, help="memory a page's worker may use (default 8)")
    args = ap.parse_args()
    if args.worker:
        result = _worker(args.worker, args.runs, args.worker_profile)
        print(RESULT + json.dumps(result), flush=True)
        return 0

    def matches(p: str, wanted: str) -> bool:
        return (
            wanted in (p, page_name(p))
            or page_name(p).split("_", 1)[-1].lower() == wanted.lower()
            or (wanted == "overview" and p == "app.py")
        )

    pages = [p for p in PAGES if not args.page or any(matches(p, w) for w in args.page)]
    prof = [page_name(p) for p in PAGES if any(matches(p, w) for w in args.profile)]
    print(f"Machine: {machine()}. Date: {dt.date.today().isoformat()}.")
    for size in args.sizes if args.sizes is not None else [args.incidents]:
        bench_size(size, args.runs, pages, prof, args.timeout, args.max_rss_gb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
