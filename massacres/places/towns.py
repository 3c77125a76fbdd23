"""The main towns the map labels (geo/main_towns.csv, a reviewed list of labels and gazetteer rows),
placed at their gazetteer coordinates (geo/syria_places.csv), so no coordinate is typed by hand."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GEO = Path(__file__).resolve().parents[2] / "geo"
TOWNS = GEO / "main_towns.csv"
GAZETTEER = GEO / "syria_places.csv"


@dataclass(frozen=True)
class Town:
    label: str
    lat: float
    lon: float
    governorate: str  # the gazetteer's governorate name


@lru_cache(maxsize=1)
def main_towns(towns: Path = TOWNS, gazetteer: Path = GAZETTEER) -> tuple[Town, ...]:
    """Each listed town at its gazetteer row's point, in the list's order. A wof_id the gazetteer lacks
    is an error: the list is reviewed against the shipped gazetteer (tests/test_towns.py)."""
    with towns.open(encoding="utf-8", newline="") as f:
        wanted = [(r["label"], r["wof_id"]) for r in csv.DictReader(f)]
    ids = {wof for _, wof in wanted}
    rows = {}
    with gazetteer.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["wof_id"] in ids:
                rows[r["wof_id"]] = r
    missing = [label for label, wof in wanted if wof not in rows]
    if missing:
        raise ValueError(f"{towns}: no gazetteer row for {', '.join(missing)}")
    return tuple(
        Town(label, float(rows[wof]["lat"]), float(rows[wof]["lon"]), rows[wof]["governorate"]) for label, wof in wanted
    )
