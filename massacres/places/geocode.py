"""A point for every incident, with an honest statement of how precise it is.

In order: (a) a map link in the incident's own paragraph (`exact`); (b) a neighbourhood the
site names, or the place itself, in the gazetteer or the project's reviewed additions,
within the governorate (`locality`; `city` when the place is a city, so the point is the
city's centre and not the site); (c) the town the place "administratively follows"
(`city`); (d) the governorate's representative point (`governorate`). A wrong village is
worse than an honest governorate-level point, so nothing is guessed past these.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from massacres.places import boundaries, gazetteer
from massacres.reports import vocab

PRECISIONS = ("exact", "locality", "city", "governorate")
# Every warning the geocoder raises, by code: what it means to a reader (the Data quality page
# and the README list these). A message may be reworded freely; its code is what is counted.
WARNINGS = {
    "no_gazetteer_place": "No gazetteer place: the point is the governorate's",
    "found_in_named_governorate": "Found in the governorate the paragraph names, not the heading's",
    "point_outside_heading": "The point falls outside the heading's governorate",
    "heading_text_conflict": "The heading and the paragraph name different governorates",
}
_NEIGHBOURHOOD = re.compile(
    r"(?P<name>(?:(?:al|el|ash|as|ad|ar|az)\s)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)\s+neighbou?rhood"
)


@dataclass
class Location:
    lat: float
    lon: float
    precision: str
    method: str  # map_link, neighbourhood, place, places_extra, parent_place, governorate_point
    matched_name: str | None = None
    matched_id: str | None = None
    score: float | None = None
    iso_code: str | None = None
    point_governorate: str | None = None  # the governorate polygon the point falls in
    warnings: list[str] = field(default_factory=list)  # messages, each with its code at the same index
    warning_codes: list[str] = field(default_factory=list)

    def warn(self, code: str, message: str) -> None:
        if code not in WARNINGS:
            raise ValueError(f"undeclared geocoder warning code {code!r}")
        self.warning_codes.append(code)
        self.warnings.append(message)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Geocoder:
    def __init__(self) -> None:
        self.gaz, self.extra = gazetteer.load()
        self.bounds = boundaries.load()

    def find(self, name: str | None, governorates: list[str]) -> gazetteer.Match | None:
        """The row a name means in these governorates, as locating finds it (the search index
        reads every spelling of that row)."""
        found = self._find(name, governorates)
        return found[0] if found else None

    def _find(self, name: str | None, governorates: list[str]) -> tuple[gazetteer.Match, str, str] | None:
        """(match, governorate, method): the gazetteer exactly, the project's table, then fuzzily."""
        if not name:
            return None
        for fuzzy in (False, True):
            for gov in governorates:
                m = self.gaz.lookup(name, gov, fuzzy=fuzzy)
                if m:
                    return m, gov, "place"
                m = self.extra.lookup(name, gov, fuzzy=fuzzy)
                if m:
                    return m, gov, "places_extra"
        return None

    def locate(self, inc: dict[str, Any]) -> Location | None:
        """Where the incident is; None when the report names no governorate for it and nothing
        else places it (it is stored without a point, and the parser has warned no_governorate)."""
        heading, in_text = inc.get("governorate"), inc.get("governorate_in_text")
        governorates = [g for g in dict.fromkeys((heading, in_text)) if g]
        loc = self._choose(inc, governorates)
        if loc is not None:
            self._check(loc, heading, in_text)
        return loc

    def _choose(self, inc: dict[str, Any], governorates: list[str]) -> Location | None:
        if inc.get("lat") is not None and inc.get("lon") is not None:
            return Location(inc["lat"], inc["lon"], "exact", "map_link", inc.get("map_link_name"))
        found = None
        for hood in _NEIGHBOURHOOD.finditer(inc.get("site") or ""):
            found = self._find(hood.group("name"), governorates)
            if found and (found[0].place.placetype == "neighbourhood" or found[0].place.precision == "neighbourhood"):
                m, gov, _ = found
                return self._located(m, "locality", "neighbourhood", gov, governorates)
            found = None
        found = self._find(inc.get("place"), governorates)
        if found:
            m, gov, method = found
            if m.place.precision:  # the reviewed table says how precise its point is
                precision = "locality" if m.place.precision == "neighbourhood" else m.place.precision
            else:
                precision = "city" if inc.get("place_type") == "city" else "locality"
            return self._located(m, precision, method, gov, governorates)
        found = self._find(inc.get("parent_place"), governorates)
        if found:
            m, gov, _ = found
            return self._located(m, "city", "parent_place", gov, governorates)
        if not governorates:
            return None  # no governorate anywhere: an honest "not located", not a guessed point
        lat, lon = self.bounds.label_point(governorates[0])
        loc = Location(lat, lon, "governorate", "governorate_point")
        loc.warn(
            "no_gazetteer_place",
            f"no gazetteer place for {inc.get('place')!r} in {governorates[0]}: governorate-level point",
        )
        return loc

    def _located(self, m: gazetteer.Match, precision: str, method: str, gov: str, governorates: list[str]) -> Location:
        loc = Location(m.place.lat, m.place.lon, precision, method, m.matched_name, m.place.id, m.score)
        if gov != governorates[0]:
            loc.warn(
                "found_in_named_governorate",
                f"{m.place.name!r} found in {gov}, the governorate the paragraph names, "
                f"not under the {governorates[0]} heading",
            )
        return loc

    def _check(self, loc: Location, heading: str | None, in_text: str | None) -> None:
        """The point against the polygons: in the heading's governorate, or a border town
        within the tolerance of it; anything else is a warning, never silently accepted."""
        hit = self.bounds.at(loc.lat, loc.lon)
        loc.point_governorate = hit.key if hit else None
        if heading is None:
            loc.iso_code = hit.iso_code if hit else None
        elif hit is not None and hit.key == heading:
            loc.iso_code = hit.iso_code
        else:
            loc.iso_code = vocab.governorate_iso(heading)
            off = self.bounds.distance_km(loc.lat, loc.lon, heading)
            if off > boundaries.NEAREST_TOLERANCE_KM:
                where = f"in {hit.key}" if hit else "outside every governorate polygon"
                loc.warn(
                    "point_outside_heading", f"the point falls {where}, {off:.0f} km outside {heading} (the heading)"
                )
        if heading and in_text and heading != in_text:
            loc.warn("heading_text_conflict", f"the heading says {heading}, the paragraph names {in_text}")


def geocode_all(incidents: list[dict[str, Any]]) -> list[Location | None]:
    coder = Geocoder()
    return [coder.locate(inc) for inc in incidents]
