"""Geocoding benchmark: the bundled corpus, indexed gazetteer vs a per-place scan.

    .venv/bin/python bench/geocode.py [--repeat 5]

Times, in one run: loading and indexing the gazetteer and boundaries once; geocoding
every incident of the bundled reports with the index; and the baseline a first version
would write: for each incident, scan every gazetteer row of its governorate and score
every name with rapidfuzz. Prints both and the speed-up; the target is under 2 s in all.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from massacres.places import boundaries, gazetteer
from massacres.places.geocode import Geocoder  # noqa: E402
from massacres.reports import vocab  # noqa: E402
from massacres.reports.parse import parse_file  # noqa: E402

TARGET_S = 2.0


def _scan(rows: list[tuple[gazetteer.Place, list[str]]], name: str, gov: str) -> gazetteer.Place | None:
    key = gazetteer.normalise(name)
    best, best_score = None, 0.0
    for place, names in rows:
        if place.governorate != gov:
            continue
        for n in names:
            score = fuzz.ratio(key, gazetteer.normalise(n))
            if score > best_score:
                best, best_score = place, score
    return best if best_score >= gazetteer.FUZZY_CUTOFF else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    incidents = [i for p in sorted((ROOT / "data" / "reports").glob("*.txt")) for i in parse_file(p).incidents]

    t0 = time.perf_counter()
    gazetteer.load.cache_clear()
    boundaries.load.cache_clear()
    coder = Geocoder()
    load_s = time.perf_counter() - t0
    runs = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for inc in incidents:
            coder.locate(inc)
        runs.append(time.perf_counter() - t0)
    geocode_s = statistics.median(runs)

    admin1 = {r["geonames_admin1"]: r["key"] for r in vocab.governorate_rows()}
    with open(gazetteer.GAZETTEER_CSV, encoding="utf-8") as fh:
        rows = [
            (
                gazetteer.Place(
                    r["wof_id"], r["name"], float(r["lat"]), float(r["lon"]), admin1[r["admin1_code"]], r["placetype"]
                ),
                [r["name"], *filter(None, r["alt_names"].split("|"))],
            )
            for r in csv.DictReader(fh)
        ]
    t0 = time.perf_counter()
    for inc in incidents:
        if inc["lat"] is None:
            _scan(rows, inc["place"] or "", inc["governorate"])
    scan_s = time.perf_counter() - t0

    total = load_s + geocode_s
    print(f"incidents: {len(incidents)} (bundled reports)")
    print(f"load + index gazetteer ({len(coder.gaz.by_id)} rows) and boundaries: {load_s:.3f} s")
    print(
        f"geocode with the index: {geocode_s * 1000:.1f} ms (median of {args.repeat}), "
        f"{geocode_s * 1e6 / len(incidents):.0f} us/incident"
    )
    print(f"baseline, scan the gazetteer per place: {scan_s * 1000:.0f} ms ({scan_s / geocode_s:.0f}x slower)")
    print(f"total {total:.3f} s, target {TARGET_S:.0f} s: {'met' if total < TARGET_S else 'MISSED'}")
    return 0 if total < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
