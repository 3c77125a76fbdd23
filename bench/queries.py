"""Query benchmark: every query in queries/ on a generated corpus, DuckDB against a pandas baseline.

    .venv/bin/python bench/queries.py --incidents 1000000 [--repeat 15] [--seed 0] [--only NAME,...]

Generates bench/out/corpus-<N>.duckdb with bench/generate.py (in a child process, so that the
peak memory reported is the benchmark's own; an existing corpus of the same N and seed is
reused), then, in one run:

  1. DuckDB: each query of queries/ (the directory is listed: a new query is picked up, and one
     that cannot be run is named in the output with the reason) with three typical filter sets
     -- all data; the last three years and one perpetrator; one governorate, at least 20 killed,
     uncertain attributions excluded -- through massacres.store.queries.run on a read-only connection,
     as the dashboard runs them (the SQL, the parameters it names, the result as a DataFrame).
     Queries that take no filter run once; the search queries also run with a search text.
     One warm-up run, then --repeat timed runs: median and p95 (linear interpolation).
  2. pandas: the tables loaded once into DataFrames (not timed), then for each query and filter
     set the same answer by bench/baselines.py (filter the preloaded frame, group, join, sort),
     timed the same way; the two answers are compared (rows sorted, floats to a relative 1e-9).

Prints a table per size, what was compared per query, where the time goes for a slow query
(the same SQL fetched as Arrow, without the DataFrame conversion), the machine, the DuckDB file
size and the peak memory, and ends with exactly one line:
    queries at N incidents: p95 max X ms (QUERY), min speedup vs pandas Y
(over the dashboard's queries: filtered_incidents and month_axis, the CTEs they share, are in the
table only).
Targets (issue 5) at 1M incidents: every p95 under 100 ms, every query 5x faster than pandas.
Exit status: 2 if an answer differs from its baseline, 1 if a target is missed at >= 1M, else 0.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import math
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import baselines  # noqa: E402
import duckdb  # noqa: E402
import generate  # noqa: E402

from massacres.dashboard import theme  # noqa: E402
from massacres.dashboard.filters import Filters  # noqa: E402
from massacres.store import db, queries, search_index

TARGET_P95_MS = 100.0
TARGET_SPEEDUP = 5.0
TARGET_SIZE = 1_000_000
SEARCH_TEXT = "school"  # words of the text
PLACE_SEARCH = "al-Qasr"  # a place (bench/generate.py invents names like these): see place_search()
PAGE_SIZE = 250  # pages/5_Incidents.py
MAP_MAX_POINTS = 20_000  # pages/4_Map.py
CELL_DEG = 0.1  # massacres/dashboard/mapdeck.py
CELL_INCIDENTS = 10  # pages/4_Map.py
RTOL = 1e-9
FILTER_PARAMS = {
    "start",
    "end",
    "perpetrators",
    "governorates",
    "areas",
    "weapons",
    "min_killed",
    "include_uncertain",
    "reviewed_only",
    "month_start",
    "month_end",
}
NOTES = {  # said beside a query in the output
    "filtered_incidents": "the CTE every chart reads; no page runs it alone (every column of every filtered row); "
    "left out of the last line",
    "month_axis": "the months the monthly charts share; no page runs it alone; left out of the last line",
    "points_map": "the page runs it only when the filtered count is within 20,000 (grid_cells above that)",
}
SHARED_PARTS = set(queries.SHARED.values())  # CTEs other queries read, timed for reference only


@dataclass
class Case:
    query: str
    label: str
    params: dict[str, Any]
    duck_ms: list[float] = field(default_factory=list)
    pandas_ms: list[float] = field(default_factory=list)
    rows: int | None = None
    result: pd.DataFrame | None = None
    arrow_ms: float | None = None
    equal: bool | None = None
    compared: str = ""
    error: str | None = None


# ----------------------------------------------------------------------------- the cases


def _date_bounds(con: duckdb.DuckDBPyConnection) -> tuple[dt.date, dt.date]:
    b = queries.run(con, "date_bounds").iloc[0]
    return pd.Timestamp(b["first_day"]).date(), pd.Timestamp(b["last_day"]).date()


def filter_sets(con: duckdb.DuckDBPyConnection) -> list[tuple[str, Filters]]:
    first, last = _date_bounds(con)
    recent = dt.date(last.year - 2, 1, 1)
    return [
        ("all data", Filters(first, last)),
        (f"{recent:%Y}-{last:%Y}, syrian_regime", Filters(recent, last, perpetrators=("syrian_regime",))),
        (
            "aleppo, killed>=20, certain",
            Filters(first, last, governorates=("aleppo",), min_killed=20, include_uncertain=False),
        ),
    ]


def _extras(f: Filters) -> dict[str, Any]:
    """The parameters beyond the filters, as the pages pass them."""
    return {
        "governorate_keys": list(f.governorates) or list(theme.GOVERNORATES),
        **search_index.params(None),
        "sort": "date",
        "limit": PAGE_SIZE,
        "offset": 0,
        "month": None,
        "cell": CELL_DEG,
    }


def place_search(con: duckdb.DuckDBPyConnection) -> str:
    """The place named by the most incidents, written with a hyphen and its article as a reader might
    type it ('al Qasrumta' -> 'al-Qasrumta'): a place search that must go through normalisation."""
    cur = con.cursor()
    try:
        name = cur.execute(
            "SELECT place FROM incidents WHERE place IS NOT NULL GROUP BY place ORDER BY count(*) DESC, place LIMIT 1"
        ).fetchone()
    finally:
        cur.close()
    return name[0].replace(" ", "-", 1) if name else PLACE_SEARCH


def _pick(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> tuple | None:
    """One row of a query over the filtered incidents (to choose the clicked point or cell)."""
    full = queries.with_shared(sql)
    wanted = queries.parameters_in(full)
    cur = con.cursor()
    try:
        rows = cur.execute(full, {k: v for k, v in params.items() if k in wanted}).fetchall()
        return rows[0] if rows else None
    finally:
        cur.close()


def cases_for(name: str, con: duckdb.DuckDBPyConnection, sets: list[tuple[str, Filters]]) -> list[Case]:
    wanted = queries.parameters(name)
    if not wanted:
        return [Case(name, "no parameters", {})]
    out = []
    for label, f in sets:
        p = f.params() | _extras(f)
        if "report_month" in wanted:  # the clicked incident: one inside the filters
            row = _pick(con, "SELECT report_month, seq FROM filtered ORDER BY hash(report_month, seq) LIMIT 1", p)
            p |= {"report_month": row[0], "seq": row[1]} if row else {"report_month": "", "seq": 0}
        if "cell_row" in wanted:  # the clicked cell: the busiest one
            row = _pick(
                con,
                f"SELECT floor(point_lat / {CELL_DEG})::INTEGER, floor(point_lon / {CELL_DEG})::INTEGER "
                "FROM filtered WHERE point_lat IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, 1, 2 "
                "LIMIT 1",
                p,
            )
            p |= {"cell_row": row[0] if row else 0, "cell_col": row[1] if row else 0, "limit": CELL_INCIDENTS}
        if "limit" in wanted and name.startswith("points_map"):
            p["limit"] = MAP_MAX_POINTS
        missing = wanted - set(p)
        case = Case(name, label, p)
        if missing:
            case.error = f"needs parameters the benchmark does not know: {sorted(missing)}"
        out.append(case)
        if not (wanted & FILTER_PARAMS):
            out[-1].label = "no filter parameters"
            break
    if "search" in wanted:
        label, f = sets[0]
        for text in (SEARCH_TEXT, place_search(con)):
            out.append(Case(name, f"{label} + search '{text}'", f.params() | _extras(f) | search_index.params(text)))
    return out


# ----------------------------------------------------------------------------- timing


def _time(fn: Callable[[], pd.DataFrame], repeat: int) -> tuple[list[float], pd.DataFrame]:
    result = fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times, result


def _median(xs: list[float]) -> float:
    return float(np.median(xs)) if xs else math.nan


def _p95(xs: list[float]) -> float:
    return float(np.percentile(xs, 95)) if xs else math.nan


def _arrow_ms(con: duckdb.DuckDBPyConnection, case: Case, repeat: int) -> float:
    """The same query fetched as an Arrow table: the engine's time without the DataFrame conversion."""
    cur = con.cursor()
    try:
        times, _ = _time(lambda: queries.execute(cur, case.query, case.params).to_arrow_table(), max(3, repeat // 3))
    finally:
        cur.close()
    return _median(times)


# ----------------------------------------------------------------------------- comparing answers


def _null(v: Any) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def _norm(s: pd.Series) -> tuple[pd.Series, bool]:
    """A column as comparable values: (values, is_float). Numbers and booleans as float64 with NaN;
    dates as ISO text; lists as '[a|b]'; text as object with None."""
    if pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_numeric_dtype(s.dtype):
        return pd.Series(s.to_numpy(dtype="float64", na_value=np.nan)), True
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return s.dt.strftime("%Y-%m-%d %H:%M:%S").astype(object).where(s.notna(), None).reset_index(drop=True), False
    vals = s.astype(object).reset_index(drop=True)
    present = vals.dropna()
    first = present.iloc[0] if len(present) else None
    if isinstance(first, (list, tuple, np.ndarray)):
        return vals.map(lambda v: None if _null(v) else "[" + "|".join(map(str, v)) + "]"), False
    if isinstance(first, (bool, np.bool_, int, float, np.integer, np.floating)):
        return pd.to_numeric(vals.map(lambda v: None if _null(v) else float(v)), errors="coerce").astype(
            "float64"
        ), True
    if isinstance(first, (dt.date, pd.Timestamp)):
        return vals.map(lambda v: None if _null(v) else pd.Timestamp(v).strftime("%Y-%m-%d %H:%M:%S")), False
    return vals.where(vals.notna(), None), False


def compare(duck: pd.DataFrame, base: pd.DataFrame) -> tuple[bool, str]:
    """Equal answers? Same columns; rows sorted by (report_month, seq) when present, else by every
    non-float column then the floats; floats equal to a relative 1e-9 (NaN equals NaN)."""
    if set(duck.columns) != set(base.columns):
        return False, (
            f"columns differ: only DuckDB {sorted(set(duck.columns) - set(base.columns))}, "
            f"only pandas {sorted(set(base.columns) - set(duck.columns))}"
        )
    if len(duck) != len(base):
        return False, f"{len(duck)} rows from DuckDB, {len(base)} from pandas"
    cols = list(duck.columns)
    a, b, floats = {}, {}, set()
    for c in cols:
        a[c], fa = _norm(duck[c])
        b[c], fb = _norm(base[c])
        if fa != fb:  # one side all NULL, or a type mismatch: compare as text
            a[c] = a[c].map(lambda v: None if _null(v) else str(v))
            b[c] = b[c].map(lambda v: None if _null(v) else str(v))
        elif fa:
            floats.add(c)
    a, b = pd.DataFrame(a), pd.DataFrame(b)
    keys = (
        ["report_month", "seq"]
        if {"report_month", "seq"} <= set(cols)
        else [c for c in cols if c not in floats] + [c for c in cols if c in floats]
    )
    if keys and len(a):
        a = a.sort_values(keys, kind="mergesort", na_position="last").reset_index(drop=True)
        b = b.sort_values(keys, kind="mergesort", na_position="last").reset_index(drop=True)
    bad = []
    for c in cols:
        x, y = a[c].to_numpy(), b[c].to_numpy()
        if c in floats:
            ok = np.isclose(x, y, rtol=RTOL, atol=0.0, equal_nan=True)
        else:
            ok = (x == y) | (pd.isna(x) & pd.isna(y))
        if not ok.all():
            i = int(np.argmin(ok))
            bad.append(f"{c} ({int((~ok).sum())} rows; e.g. row {i}: DuckDB {x[i]!r}, pandas {y[i]!r})")
    if bad:
        return False, "differ in " + "; ".join(bad)
    return (
        True,
        f"{len(cols)} columns x {len(a)} rows, sorted by {'(report_month, seq)' if keys[:2] == ['report_month', 'seq'] and len(keys) == 2 else 'all non-float columns'}",
    )


# ----------------------------------------------------------------------------- the run


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as info:
        cpu = next((ln.split(":", 1)[1].strip() for ln in info if ln.startswith("model name")), "")
    return (
        f"{platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}, pandas {pd.__version__}, numpy {np.__version__}"
    )


def _fmt(ms: float) -> str:
    if math.isnan(ms):
        return "–"
    return f"{ms:.2f}" if ms < 10 else f"{ms:.1f}" if ms < 100 else f"{ms:.0f}"


def _ratio(r: float) -> str:
    return "–" if math.isnan(r) else f"{r:.2g}x" if r < 0.1 else f"{r:.2f}x" if r < 10 else f"{r:.0f}x"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--incidents", type=int, required=True)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", default="", help="comma-separated query names (default: every query in queries/)")
    args = ap.parse_args()
    n = args.incidents

    path = generate.default_path(n)
    t0 = time.perf_counter()
    reused = generate.is_current(path, n, args.seed)
    if not reused:  # a child process: its memory is not the benchmark's
        subprocess.run(
            [
                sys.executable,
                str(BENCH / "generate.py"),
                "--incidents",
                str(n),
                "--seed",
                str(args.seed),
                "--out",
                str(path),
            ],
            check=True,
        )
    gen_s = time.perf_counter() - t0

    load_start = os.getloadavg()[0]
    names = sorted(p.stem for p in queries.QUERY_DIR.glob("*.sql"))
    if args.only:
        names = [x for x in names if x in set(args.only.split(","))]
    con = db.connect_readonly(path)
    sets = filter_sets(con)

    # 1. DuckDB, every query and filter set.
    cases: list[Case] = []
    skipped: list[tuple[str, str]] = []
    for name in names:
        try:
            qcases = cases_for(name, con, sets)
        except Exception as e:  # noqa: BLE001 - a query the benchmark cannot set up is reported, not fatal
            skipped.append((name, f"cannot be set up: {type(e).__name__}: {e}"))
            continue
        for case in qcases:
            cases.append(case)
            if case.error:
                continue
            try:
                case.duck_ms, case.result = _time(lambda c=case: queries.run(con, c.query, c.params), args.repeat)
                case.rows = len(case.result)
            except Exception as e:  # noqa: BLE001
                case.error = f"DuckDB failed: {type(e).__name__}: {str(e).splitlines()[0]}"
    for case in cases:  # where the time goes, for the slow ones
        if case.duck_ms and _p95(case.duck_ms) > TARGET_P95_MS:
            case.arrow_ms = _arrow_ms(con, case, args.repeat)
    rss_duck = _rss_mb()

    # 2. pandas: load once (not timed), then the same answers.
    t0 = time.perf_counter()
    data = baselines.load(con)
    load_s = time.perf_counter() - t0
    for case in cases:
        if case.error or case.result is None:
            continue
        fn = baselines.BASELINES.get(case.query)
        if fn is None:
            case.compared = "no pandas baseline in bench/baselines.py: DuckDB timed only"
            continue
        try:
            case.pandas_ms, base = _time(lambda f=fn, c=case: f(data, c.params), args.repeat)
            case.equal, case.compared = compare(case.result, base)
        except Exception as e:  # noqa: BLE001
            case.equal, case.compared = False, f"pandas baseline failed: {type(e).__name__}: {e}"
        case.result = None  # free the answer
    rss_all = _rss_mb()
    con.close()

    # Report.
    size_mb = path.stat().st_size / 1e6
    print(f"machine: {_machine()}")
    print(f"date: {dt.date.today().isoformat()}")
    print(
        f"corpus: {path} ({'reused' if reused else f'generated in {gen_s:.1f} s'}), {n:,} incidents, "
        f"seed {args.seed}, DuckDB file {size_mb:.1f} MB"
    )
    print(
        f"runs: 1 warm-up + {args.repeat} timed per query and filter set; pandas tables loaded once in {load_s:.1f} s "
        f"(not timed)"
    )
    print(
        f"peak RSS: {rss_duck:.0f} MB after the DuckDB runs (every answer kept for the comparison), "
        f"{rss_all:.0f} MB with the pandas frames"
    )
    print(
        f"load average (1 min): {load_start:.2f} at the start, {os.getloadavg()[0]:.2f} at the end "
        f"({os.cpu_count()} cores; anything else running skews the times)"
    )
    print("filter sets: " + "; ".join(f"{label} = {f.describe(sets[0][1])}" for label, f in sets))
    print()
    print(f"### {n:,} incidents")
    print()
    print(
        "| query | filter set | rows | median ms | p95 ms | pandas median ms | pandas p95 ms | pandas / DuckDB | equal |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    timed = [c for c in cases if c.duck_ms]
    for c in cases:
        if c.error:
            print(f"| {c.query} | {c.label} | | | | | | | not run: {c.error} |")
            continue
        dm, pm = _median(c.duck_ms), _median(c.pandas_ms)
        ratio = _ratio(pm / dm) if c.pandas_ms else "–"
        eq = "yes" if c.equal else "NO" if c.equal is False else "–"
        print(
            f"| {c.query} | {c.label} | {c.rows:,} | {_fmt(dm)} | {_fmt(_p95(c.duck_ms))} | {_fmt(pm)} "
            f"| {_fmt(_p95(c.pandas_ms))} | {ratio} | {eq} |"
        )
    for name, why in skipped:
        print(f"| {name} | | | | | | | | not run: {why} |")
    print()
    print("compared:")
    for name in names:
        qc = [c for c in cases if c.query == name]
        if not qc:
            continue
        texts = sorted({c.compared or c.error or "" for c in qc})
        note = f" [{NOTES[name]}]" if name in NOTES else ""
        print(f"  {name}{note}: " + " / ".join(t for t in texts if t))
    slow = [c for c in timed if _p95(c.duck_ms) > TARGET_P95_MS]
    if slow:
        print()
        print(f"over {TARGET_P95_MS:.0f} ms p95 (the same SQL fetched as Arrow, without the DataFrame conversion):")
        for c in sorted(slow, key=lambda c: -_p95(c.duck_ms)):
            print(
                f"  {c.query} / {c.label}: p95 {_fmt(_p95(c.duck_ms))} ms, {c.rows:,} rows; "
                f"as Arrow {_fmt(c.arrow_ms or math.nan)} ms median"
            )
    ratios = [(_median(c.pandas_ms) / _median(c.duck_ms), c) for c in timed if c.pandas_ms]
    below = [(r, c) for r, c in ratios if r < TARGET_SPEEDUP]
    if below:
        print()
        print(f"under {TARGET_SPEEDUP:.0f}x faster than pandas:")
        for r, c in sorted(below, key=lambda rc: rc[0]):
            print(
                f"  {c.query} / {c.label}: {_ratio(r)} (DuckDB {_fmt(_median(c.duck_ms))} ms, "
                f"pandas {_fmt(_median(c.pandas_ms))} ms)"
            )
    failed = [c for c in cases if c.equal is False or c.error] + [None for _ in skipped]
    if failed:
        print()
        print(f"{len(failed)} case(s) not run or not equal: see the table")
    print()
    met = [
        c.query
        for c in timed
        if _p95(c.duck_ms) <= TARGET_P95_MS
        and all(_p95(o.duck_ms) <= TARGET_P95_MS for o in timed if o.query == c.query)
    ]
    fast = sorted({c.query for c in timed if c.pandas_ms} - {c.query for _, c in below})
    print(
        f"p95 under {TARGET_P95_MS:.0f} ms in every case: {len(set(met))} of {len({c.query for c in timed})} queries; "
        f"{TARGET_SPEEDUP:.0f}x faster than pandas in every case: {len(fast)} "
        f"({', '.join(fast) if fast else 'none'})"
    )
    others = [c for c in timed if c.query not in SHARED_PARTS]
    if others and len(others) < len(timed):
        w = max(others, key=lambda c: _p95(c.duck_ms))
        r = [(rr, c) for rr, c in ratios if c.query not in SHARED_PARTS]
        rr, rc = min(r, key=lambda x: x[0]) if r else (math.nan, None)
        print(
            f"without {', '.join(sorted(SHARED_PARTS))} (CTEs, never run alone): p95 max {_fmt(_p95(w.duck_ms))} ms "
            f"({w.query} / {w.label}), min speedup {_ratio(rr)} ({rc.query + ' / ' + rc.label if rc else '–'})"
        )
    # The summary line is about the dashboard's questions: filtered_incidents and month_axis are
    # CTEs they read, timed above for reference, never run alone by a page.
    headline = others or timed
    worst = max(headline, key=lambda c: _p95(c.duck_ms))
    hr = [(rr, c) for rr, c in ratios if c in headline]
    min_ratio, min_case = min(hr, key=lambda rc: rc[0]) if hr else (math.nan, None)
    print(
        f"slowest p95: {worst.query} / {worst.label}; smallest speedup: "
        f"{min_case.query + ' / ' + min_case.label if min_case else '–'}"
    )
    print(
        f"queries at {n} incidents: p95 max {_fmt(_p95(worst.duck_ms))} ms ({worst.query}), "
        f"min speedup vs pandas {_ratio(min_ratio)}"
    )
    if any(c.equal is False for c in cases):
        return 2
    missed = [c for c in slow if c.query not in SHARED_PARTS] or [c for _, c in below if c.query not in SHARED_PARTS]
    return 1 if n >= TARGET_SIZE and missed else 0


if __name__ == "__main__":
    sys.exit(main())
