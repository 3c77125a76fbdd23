"""The one path a report takes: read and parse -> locate -> (the caller) store.

`massacres build`, `massacres ingest` and the Add-a-report page all get their reports here, so a
report is parsed and located the same way whichever door it came in by; `store` only writes what
it is given. An incident the geocoder cannot place (no governorate anywhere, no map link) is
stored without a point and says so in a `not_located` warning, never a traceback.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from massacres.reports.parse import ParsedReport, parse_file


def locate(parsed: ParsedReport) -> ParsedReport:
    """The report with a location for each incident (None where none can be had)."""
    from massacres.places.geocode import geocode_all  # the gazetteer loads only when locating

    locations = geocode_all(parsed.incidents)
    warnings = list(parsed.warnings) + [
        {
            "code": "not_located",
            "message": "the incident has no map link and no governorate: stored without a point",
            "line": inc["line"],
            "seq": inc["seq"],
        }
        for inc, loc in zip(parsed.incidents, locations)
        if loc is None
    ]
    return dataclasses.replace(parsed, locations=locations, warnings=warnings)


def read_report(path: str | Path) -> ParsedReport:
    """A report file parsed and located, ready for `store.build` / `store.ingest`."""
    return locate(parse_file(path))


def locations_table(parsed: ParsedReport) -> pd.DataFrame:
    """Where each incident of a located report is, as the upload preview shows it."""
    rows = []
    for inc, loc in zip(parsed.incidents, parsed.locations or [None] * len(parsed.incidents)):
        rows.append(
            {
                "seq": inc["seq"],
                "place": inc["place"],
                "governorate": inc["governorate"],
                "precision": loc.precision if loc else None,
                "method": loc.method if loc else None,
                "matched_name": loc.matched_name if loc else None,
                "lat": loc.lat if loc else None,
                "lon": loc.lon if loc else None,
                "warnings": "; ".join(loc.warnings) if loc else "not located: no map link and no governorate",
            }
        )
    return pd.DataFrame(
        rows, columns=["seq", "place", "governorate", "precision", "method", "matched_name", "lat", "lon", "warnings"]
    )


def relocate(db_path: Path) -> pd.DataFrame:
    """Locate every stored incident again (after the gazetteer or geo/ tables changed) and have
    the store replace the locations table."""
    from massacres.places.geocode import geocode_all
    from massacres.store import writes as store

    incidents = store.incidents_to_locate(db_path)
    rows = [
        {"report_month": inc["report_month"], "seq": inc["seq"], **loc.as_dict()}
        for inc, loc in zip(incidents, geocode_all(incidents))
        if loc is not None
    ]
    return store.replace_locations(db_path, rows)
