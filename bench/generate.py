"""Synthetic corpus for the query benchmarks: N incidents written straight into a DuckDB file.

    .venv/bin/python bench/generate.py --incidents 1000000 [--out PATH] [--seed 0]

    from generate import generate      # with bench/ on sys.path
    path = generate("bench/out/corpus-100000.duckdb", 100_000, seed=0)

No text is parsed: the tables of massacres/store/schema.sql (reports, stated_figures, incidents,
warnings, locations) are filled from numpy draws, vectorised, and inserted by DuckDB from
DataFrames, so that a million incidents take seconds. Every CHECK constraint of the schema
holds (DuckDB enforces them on insert). The shape of the data follows the series:

  - one report a month from 2011-03 to 2025-12, a few months without one (some of them gaps
    with no incident at all, some holding incidents a later report dated back);
  - massacres a month rising to 2012-2013 and falling after 2019; the perpetrator mix changes
    with time (the regime dominant to 2015, Russia from October 2015, ISIS 2014-2017, the
    coalition 2014-2019, Turkish forces from August 2016, HTS, the armed opposition, Kurdish
    forces, others), and governorate, area of control and weapon depend on the perpetrator;
  - killed >= 5, heavy-tailed (discrete Pareto, alpha 1.7, capped at 500), with children and
    women given for ~90% of incidents (NULL otherwise), fetuses rare, wounded for a third of
    them (half "about"), same-family and IDP flags, ~15% of Russia's attributions qualified;
  - a pool of invented places per governorate, each a point drawn inside the real governorate
    polygon (geo/syria_governorates.geojson); locations at exact / locality / city /
    governorate precision (about 10 / 52 / 22 / 16%), with the governorate's ISO 3166-2 code;
  - each report's stated figures are what its incidents add up to (total, victims share,
    per perpetrator with fetuses counted among children as the reports do, the regime's per
    area of control, per governorate); ~10% of reports list only "the most notable"
    massacres and state more than they detail; ~5% state perpetrators as percentages only.

The file records N and the seed in a table `corpus_meta` (with the generator's version and a
hash of massacres/store/schema.sql); an existing file with the same N, seed, version and schema is
reused as it is, anything else is generated afresh (written beside it, then moved into place).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import json
import os
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the project's package
from massacres.store import search_index  # noqa: E402
from massacres.store.writes import copy_points  # noqa: E402

SCHEMA = ROOT / "massacres" / "store" / "schema.sql"
BOUNDARIES = ROOT / "geo" / "syria_governorates.geojson"
OUT = Path(__file__).resolve().parent / "out"
VERSION = 5  # bump when the generated data changes, so old corpora are not reused

FIRST_MONTH, LAST_MONTH = (2011, 3), (2025, 12)

PERPS = (
    "syrian_regime",
    "russia",
    "isis",
    "international_coalition",
    "hts",
    "armed_opposition",
    "kurdish_forces",
    "turkish_forces",
    "other",
)
PERP_TEXT = (
    "Syrian regime forces (army, security, local militias, Shiite foreign militias)",
    "Russian forces",
    "ISIS (Self-proclaimed the Islamic State)",
    "International coalition forces",
    "Hay'at Tahrir al Sham",
    "Factions of the Armed Opposition",
    "Kurdish-led Syrian Democratic Forces",
    "Turkish forces",
    "Other parties",
)
GOVS = (
    "damascus",
    "damascus_suburbs",
    "aleppo",
    "idlib",
    "hama",
    "homs",
    "latakia",
    "tartus",
    "daraa",
    "suwayda",
    "quneitra",
    "deir_ez_zor",
    "raqqa",
    "hasaka",
)
GOV_NAMES = (
    "Damascus",
    "Damascus Suburbs",
    "Aleppo",
    "Idlib",
    "Hama",
    "Homs",
    "Latakia",
    "Tartus",
    "Daraa",
    "Suwayda",
    "Quneitra",
    "Deir Ez-Zour",
    "Raqqa",
    "Hasaka",
)
AREAS = (
    "isis",
    "armed_opposition",
    "hts",
    "armed_opposition_and_hts",
    "hts_and_turkistan_party",
    "syrian_regime",
    "sdf",
    "other",
)
AREA_TEXT = (
    "ISIS",
    "armed opposition factions",
    "Hay'at Tahrir al Sham",
    "armed opposition factions and Hay'at Tahrir al Sham",
    "Hay'at Tahrir al Sham and the Islamic Turkistani Party",
    "Syrian regime forces",
    "the Kurdish-Majority SDF",
    "local armed groups",
)
WEAPONS = (
    "fixed_wing_airstrike",
    "rotary_wing_barrel_bomb",
    "artillery",
    "surface_to_surface_rocket",
    "ground_raid_execution",
    "landmine",
    "ied",
    "car_bomb",
    "other",
)
WEAPON_TEXT = (
    "warplanes fired a number of missiles at",
    "helicopters dropped barrel bombs on",
    "fired artillery shells at",
    "fired surface-to-surface rockets at",
    "raided and executed civilians in",
    "a landmine exploded at",
    "an improvised explosive device exploded at",
    "a car bomb exploded at",
    "attacked",
)
TARGETS = (
    "residential",
    "populated_area",
    "market",
    "vehicle",
    "idp_shelter",
    "school",
    "mosque",
    "medical",
    "gathering",
    "farm",
    "river_crossing",
    "police_station",
    "other",
)
TARGET_P = (30, 25, 8, 8, 5, 3, 3, 2, 5, 4, 1, 1, 5)
SITE_TEXT = (
    "a residential building",
    None,
    "a popular market",
    "a civilian bus",
    "an IDPs camp",
    "a school",
    "a mosque",
    "a field hospital",
    "a gathering of civilians",
    "a farm",
    "a river crossing",
    "a police station",
    "a bakery",
)
PLACE_TYPES = ("village", "town", "city", "neighborhood", "area")
PRECISIONS = ("exact", "locality", "city", "governorate")
QUALIFIERS = (None, "about", "at least", "no less than")
NOTES = {  # perpetrator -> (share of attributions qualified, the words)
    "russia": (0.15, "we believe are Russian"),
    "syrian_regime": (0.02, "Syrian-Russian alliance"),
    "other": (0.30, "We haven't been able to identify the group behind the bombing as of this writing"),
}
NOTE_OTHERWISE = (0.01, "Investigations are still ongoing to determine the perpetrating party accurately")

# Governorate weights per perpetrator (order of GOVS).
GOV_W = {
    "syrian_regime": (4, 16, 16, 14, 10, 10, 2, 0.5, 10, 1, 1, 6, 3, 1),
    "russia": (0, 2, 18, 35, 12, 6, 3, 0, 2, 0, 0, 14, 8, 1),
    "isis": (1, 3, 12, 1, 3, 6, 0, 0, 1, 1, 0, 35, 25, 12),
    "international_coalition": (0, 0, 15, 6, 0, 1, 0, 0, 0, 0, 0, 35, 38, 5),
    "hts": (0, 1, 20, 50, 12, 2, 3, 0, 3, 0, 1, 2, 3, 1),
    "armed_opposition": (6, 6, 35, 10, 6, 6, 3, 1, 10, 2, 2, 5, 3, 5),
    "kurdish_forces": (0, 0, 40, 2, 0, 0, 0, 0, 0, 0, 0, 20, 15, 23),
    "turkish_forces": (0, 0, 55, 10, 0, 0, 0, 0, 0, 0, 0, 3, 12, 20),
    "other": (5, 8, 15, 10, 8, 8, 3, 2, 12, 8, 2, 10, 5, 6),
}
# Area of control at the time, per perpetrator (order of AREAS).
AREA_W = {
    "syrian_regime": (15, 55, 10, 10, 3, 3, 2, 2),
    "russia": (20, 35, 20, 15, 8, 1, 0, 1),
    "isis": (5, 30, 2, 2, 0, 40, 20, 1),
    "international_coalition": (90, 2, 2, 0, 0, 1, 4, 1),
    "hts": (2, 40, 5, 5, 1, 45, 1, 1),
    "armed_opposition": (5, 10, 3, 2, 0, 70, 9, 1),
    "kurdish_forces": (5, 60, 5, 5, 0, 5, 15, 5),
    "turkish_forces": (5, 5, 0, 0, 0, 10, 75, 5),
    "other": (10, 30, 10, 5, 2, 30, 8, 5),
}
# Weapon per perpetrator (order of WEAPONS).
WEAPON_W = {
    "syrian_regime": (30, 20, 20, 10, 15, 1, 1, 1, 2),
    "russia": (95, 0, 2, 2, 0, 0, 0, 0, 1),
    "isis": (0, 0, 15, 5, 30, 15, 15, 18, 2),
    "international_coalition": (97, 1, 1, 0, 0, 0, 0, 0, 1),
    "hts": (0, 0, 25, 10, 30, 5, 15, 13, 2),
    "armed_opposition": (0, 0, 45, 25, 10, 3, 7, 7, 3),
    "kurdish_forces": (0, 0, 30, 10, 35, 10, 5, 5, 5),
    "turkish_forces": (55, 0, 35, 5, 0, 0, 0, 0, 5),
    "other": (0, 0, 10, 5, 25, 20, 15, 15, 10),
}
# Massacres a month, relative, by year (the series peaks in 2012-2013).
YEAR_W = {
    2011: 0.4,
    2012: 1.0,
    2013: 1.0,
    2014: 0.8,
    2015: 0.7,
    2016: 0.7,
    2017: 0.6,
    2018: 0.5,
    2019: 0.35,
    2020: 0.15,
    2021: 0.08,
    2022: 0.06,
    2023: 0.06,
    2024: 0.06,
    2025: 0.12,
}
SYLLABLES = np.array(
    [
        "ba",
        "bu",
        "da",
        "der",
        "fa",
        "ha",
        "hal",
        "ja",
        "kaf",
        "kha",
        "ma",
        "mar",
        "na",
        "qa",
        "qas",
        "ra",
        "rum",
        "sa",
        "sha",
        "ta",
        "tal",
        "wa",
        "ya",
        "za",
        "zor",
        "ain",
        "ab",
        "an",
        "ar",
        "is",
        "um",
        "el",
    ]
)


# ----------------------------------------------------------------------------- helpers


def _months() -> list[tuple[int, int]]:
    out, (y, m) = [], FIRST_MONTH
    while (y, m) <= LAST_MONTH:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _perp_weights(y: float) -> list[float]:
    """The perpetrator mix of a month at fractional year y (order of PERPS)."""
    fall = 2024 + 11 / 12  # December 2024
    regime = 0.80 if y < 2015.75 else 0.45 if y < 2020 else 0.35 if y < fall else 0.02
    russia = 0.0 if y < 2015.75 or y >= fall else 0.25 if y < 2020 else 0.15
    isis = 0.03 if 2013.3 <= y < 2014 else 0.12 if 2014 <= y < 2018 else 0.04 if 2018 <= y < 2019.5 else 0.0
    coalition = 0.10 if 2014.7 <= y < 2020 else 0.0
    hts = 0.04 if y >= 2017 else 0.02 if y >= 2012.5 else 0.0
    opposition = 0.03 if y < 2013 else 0.05
    kurdish = 0.04 if y >= 2013 else 0.0
    turkish = 0.05 if y >= 2016.6 else 0.0
    other = 0.5 if y >= fall else 0.03
    return [regime, russia, isis, coalition, hts, opposition, kurdish, turkish, other]


def _norm(rows) -> np.ndarray:
    a = np.asarray(rows, dtype=float)
    return a / a.sum(axis=-1, keepdims=True)


def _draw(rng: np.random.Generator, probs: np.ndarray, group: np.ndarray) -> np.ndarray:
    """One category per row, from the probability row of its group (vectorised inverse CDF)."""
    cum = np.cumsum(probs, axis=1)
    cum[:, -1] = 1.0
    u = rng.random(len(group))
    return (u[:, None] >= cum[group]).sum(axis=1).astype(np.int16)


def _points_inside(rng: np.random.Generator, geom, k: int) -> tuple[np.ndarray, np.ndarray]:
    """k uniform points inside the polygon: batches in its bounds, kept by shapely.contains_xy."""
    minx, miny, maxx, maxy = geom.bounds
    share = max(geom.area / ((maxx - minx) * (maxy - miny)), 0.05)
    xs, ys, have = [], [], 0
    while have < k:
        m = int((k - have) / share * 1.3) + 64
        x, y = rng.uniform(minx, maxx, m), rng.uniform(miny, maxy, m)
        ok = shapely.contains_xy(geom, x, y)
        xs.append(x[ok])
        ys.append(y[ok])
        have += int(ok.sum())
    return np.concatenate(xs)[:k], np.concatenate(ys)[:k]


def _names(rng: np.random.Generator, k: int) -> np.ndarray:
    """k invented place names from syllables ("al Qasrumta", "Tal Hamar")."""
    n_syl = rng.integers(2, 4, k)
    parts = SYLLABLES[rng.integers(0, len(SYLLABLES), (k, 3))]
    word = np.char.add(np.char.add(parts[:, 0], parts[:, 1]), np.where(n_syl == 3, parts[:, 2], ""))
    word = np.char.capitalize(word)
    prefix = np.array(["", "al ", "Tal ", "Kafr ", "Deir ", "Ain "])[
        _draw(rng, _norm([[50, 30, 6, 6, 4, 4]]), np.zeros(k, dtype=np.int64))
    ]
    return np.char.add(prefix, word)


def _cat(codes: np.ndarray, categories) -> pd.Categorical:
    return pd.Categorical.from_codes(codes.astype(np.int16), categories=list(categories))


def _load_geoms() -> list:
    features = {f["properties"]["key"]: f for f in json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"]}
    return [features[g] for g in GOVS]


# ----------------------------------------------------------------------------- the corpus


def _frames(n: int, seed: int) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    months = _months()
    n_months = len(months)

    # Reports: a few months without one; about half of those are true gaps (no incident dated there).
    missing = np.zeros(n_months, dtype=bool)
    missing[rng.choice(np.arange(1, n_months - 1), size=max(2, n_months // 25), replace=False)] = True
    true_gap = missing & (rng.random(n_months) < 0.5)
    month_w = np.array([YEAR_W[y] for y, _ in months]) * rng.lognormal(0, 0.25, n_months)
    month_w[missing] = 0
    per_month = rng.multinomial(n, month_w / month_w.sum())
    rm = np.repeat(np.arange(n_months), per_month)  # report month index of each incident, sorted
    starts = np.array([np.datetime64(f"{y:04d}-{m:02d}-01") for y, m in months])
    days = np.array([calendar.monthrange(y, m)[1] for y, m in months])
    frac_year = np.array([y + (m - 1) / 12 for y, m in months])

    # Dates: in the report's month; ~3% reported late, dated in the month before (never into a true gap).
    late = (rng.random(n) < 0.03) & (rm > 0)
    late &= ~true_gap[np.maximum(rm - 1, 0)]
    dm = rm - late.astype(np.int64)  # month index of the incident's own date
    date = starts[dm] + np.floor(rng.random(n) * days[dm]).astype("timedelta64[D]")

    # Perpetrator by month; governorate, area of control and weapon by perpetrator.
    perp = _draw(rng, _norm([_perp_weights(y) for y in frac_year]), dm)
    gov = _draw(rng, _norm([GOV_W[p] for p in PERPS]), perp)
    area = _draw(rng, _norm([AREA_W[p] for p in PERPS]), perp)
    y_inc = frac_year[dm]
    hts_areas = np.isin(area, [2, 3, 4])
    area[hts_areas & (y_inc < 2017)] = 1  # before HTS: the armed opposition held it
    area[(area == 0) & ((y_inc < 2013.5) | (y_inc >= 2019.25))] = 1  # ISIS held land 2013-2019
    area[(area == 6) & (y_inc < 2015.8)] = 7  # before the SDF
    area_null = rng.random(n) < 0.03
    weapon = _draw(rng, _norm([WEAPON_W[p] for p in PERPS]), perp)
    regime = perp == 0
    weapon[regime & (weapon == 1) & (y_inc < 2012.5)] = 4  # barrel bombs from mid-2012
    weapon[regime & (weapon == 0) & (y_inc < 2012.6)] = 2  # warplanes from mid-2012
    target = _draw(rng, _norm([TARGET_P]), np.zeros(n, dtype=np.int64))

    # Victims: killed >= 5, discrete Pareto; children and women given for ~90%.
    killed = np.minimum(np.floor(5 * (1 - rng.random(n)) ** (-1 / 1.7)), 500).astype(np.int32)
    known = rng.random(n) >= 0.10
    children = rng.binomial(killed, rng.beta(2, 5, n)).astype(np.int32)
    women = rng.binomial(killed - children, rng.beta(2, 6, n)).astype(np.int32)
    rest = killed - children - women
    fetuses = np.where(rng.random(n) < 0.01, np.minimum(rng.integers(1, 3, n), rest), 0).astype(np.int32)
    wounded_given = rng.random(n) < 0.35
    wounded = np.maximum(1, np.round(killed * rng.lognormal(0.3, 0.7, n))).astype(np.int32)
    qualifier = _draw(rng, _norm([[20, 50, 20, 10]]), np.zeros(n, dtype=np.int64))
    idp_target = target == 4

    # Attribution: Russia's qualified ~15% of the time, the others less.
    note_p = np.full(len(PERPS), NOTE_OTHERWISE[0])
    for p, (share, _) in NOTES.items():
        note_p[PERPS.index(p)] = share
    uncertain = rng.random(n) < note_p[perp]
    note_text = np.array([NOTES.get(p, NOTE_OTHERWISE)[1] for p in PERPS], dtype=object)

    # Places: a pool per governorate, points inside the governorate's polygon; cities apart.
    geoms = [shape(f["geometry"]) for f in _load_geoms()]
    for g in geoms:
        shapely.prepare(g)
    per_gov = int(np.clip(n // 300, 40, 4000))
    cities_per_gov = 10
    place_rows, city_rows = [], []
    for gi, g in enumerate(geoms):
        cx, cy = _points_inside(rng, g, cities_per_gov)
        city_rows.append(pd.DataFrame({"gov": gi, "city_no": np.arange(cities_per_gov), "lon": cx, "lat": cy}))
        px, py = _points_inside(rng, g, per_gov)
        place_rows.append(pd.DataFrame({"gov": gi, "place_no": np.arange(per_gov), "lon": px, "lat": py}))
    cities = pd.concat(city_rows, ignore_index=True)
    cities["name"] = _names(rng, len(cities))
    places = pd.concat(place_rows, ignore_index=True)
    places["name"] = _names(rng, len(places))
    ptype = _draw(rng, _norm([[45, 25, 15, 10, 5]]), np.zeros(len(places), dtype=np.int64))
    places["place_type"] = np.array(PLACE_TYPES)[ptype]
    places["city_no"] = rng.integers(0, cities_per_gov, len(places))
    places["has_parent"] = (ptype == 3) | ((ptype < 2) & (rng.random(len(places)) < 0.5))
    # How well the gazetteer would know each place: locality, only its city, or not at all.
    places["precision"] = _draw(rng, _norm([[0, 68, 22, 10]]), np.zeros(len(places), dtype=np.int64))
    places.loc[places["place_type"] == "city", "precision"] = 2  # a city is located at its centre
    # Only a city, or a place that names the town it follows, can be located at city precision.
    places.loc[(places["precision"] == 2) & (places["place_type"] != "city") & ~places["has_parent"], "precision"] = 3
    places["score"] = np.where(rng.random(len(places)) < 0.8, 100.0, np.round(rng.uniform(85, 100, len(places)), 1))
    place_no = np.minimum((per_gov * rng.random(n) ** 2).astype(np.int64), per_gov - 1)  # a few places recur often
    place_id = gov.astype(np.int64) * per_gov + place_no

    # Exact points: the report's own map link, near the place, kept inside the polygon.
    exact = rng.random(n) < 0.10
    lon = places["lon"].to_numpy()[place_id] + rng.uniform(-0.01, 0.01, n)
    lat = places["lat"].to_numpy()[place_id] + rng.uniform(-0.01, 0.01, n)
    for gi, g in enumerate(geoms):
        sel = exact & (gov == gi)
        outside = sel.copy()
        outside[sel] = ~shapely.contains_xy(g, lon[sel], lat[sel])
        lon[outside] = places["lon"].to_numpy()[place_id[outside]]
        lat[outside] = places["lat"].to_numpy()[place_id[outside]]

    in_text = np.where(rng.random(n) < 0.01, rng.integers(0, len(GOVS), n), gov)
    in_text_null = rng.random(n) < 0.14
    has_time = rng.random(n) < 0.25
    day_part = _draw(rng, _norm([[90, 3, 3, 2, 2]]), np.zeros(n, dtype=np.int64))

    base = pd.DataFrame(
        {
            "rm": rm.astype(np.int32),
            "date": date,
            "hour": np.where(has_time, rng.integers(0, 24, n), -1).astype(np.int16),
            "minute": (rng.integers(0, 12, n) * 5).astype(np.int16),
            "day_part": _cat(day_part, ["", "dawn", "morning", "evening", "night"]),
            "perpetrator": _cat(perp, PERPS),
            "perpetrator_text": _cat(perp, PERP_TEXT),
            "uncertain": uncertain,
            "note": pd.Series(note_text[perp]).where(uncertain, None),
            "gov": gov.astype(np.int16),
            "in_text": _cat(in_text, GOVS),
            "in_text_null": in_text_null,
            "place_id": place_id,
            "place_no": place_no.astype(np.int32),
            "killed": killed,
            "children": pd.array(children, dtype="Int32"),
            "women": pd.array(women, dtype="Int32"),
            "fetuses": pd.array(fetuses, dtype="Int32"),
            "known": known,
            "wounded": pd.array(np.where(wounded_given, wounded, 0), dtype="Int32"),
            "wounded_given": wounded_given,
            "qualifier": _cat(qualifier, ["", *QUALIFIERS[1:]]),
            "lower_bound": rng.random(n) < 0.05,
            "same_family": rng.random(n) < 0.20,
            "idps": np.where(idp_target, rng.random(n) < 0.8, rng.random(n) < 0.07),
            "weapon": _cat(weapon, WEAPONS),
            "weapon_text": _cat(weapon, WEAPON_TEXT),
            "target": _cat(target, TARGETS),
            "site": _cat(target, [s or "" for s in SITE_TEXT]),
            "area": _cat(area, AREAS),
            "area_text": _cat(area, AREA_TEXT),
            "area_null": area_null,
            "exact": exact,
            "lon": lon,
            "lat": lat,
        }
    )
    reports = pd.DataFrame(
        {
            "rm": np.arange(n_months, dtype=np.int32),
            "month": [f"{y:04d}-{m:02d}" for y, m in months],
            "month_start": starts,
            "missing": missing,
            "title_null": rng.random(n_months) < 0.10,
            "published_days": rng.integers(3, 16, n_months),
            "published_null": rng.random(n_months) < 0.10,
            "source_form": _cat(
                _draw(rng, _norm([[50, 40, 10]]), np.zeros(n_months, dtype=np.int64)), ["web", "pdf_text", "pdf"]
            ),
            "incomplete": rng.random(n_months) < 0.10,
            "extra_frac": rng.uniform(0.1, 0.5, n_months),
            "percent_only": rng.random(n_months) < 0.05,
            "other_breakdown_null": rng.random(n_months) < 0.10,
            "ytd_null": rng.random(n_months) < 0.15,
            "sha256": [hashlib.sha256(f"{seed}:{y}-{m}".encode()).hexdigest() for y, m in months],
        }
    )
    gov_df = pd.DataFrame(
        {
            "gov": np.arange(len(GOVS), dtype=np.int16),
            "key": list(GOVS),
            "name": list(GOV_NAMES),
            "iso_code": [f["properties"]["iso_code"] for f in _load_geoms()],
            "label_lat": [f["properties"]["label_lat"] for f in _load_geoms()],
            "label_lon": [f["properties"]["label_lon"] for f in _load_geoms()],
        }
    )
    return {"base": base, "reports_src": reports, "places": places, "cities": cities, "govs": gov_df}


_INCIDENTS = """
CREATE TEMP TABLE inc AS
SELECT
    r.month                                               AS report_month,
    CAST(row_number() OVER (PARTITION BY b.rm ORDER BY b.date, b.place_id) AS INTEGER) AS seq,
    b.*,
    g.key AS governorate, g.name AS gov_name, g.iso_code, g.label_lat, g.label_lon,
    p.name AS place, p.place_type, p.precision AS place_precision, p.score, p.has_parent,
    p.lat AS place_lat, p.lon AS place_lon,
    c.name AS city, c.lat AS city_lat, c.lon AS city_lon
FROM base AS b
JOIN reports_src AS r USING (rm)
JOIN govs AS g USING (gov)
JOIN places AS p ON p.gov = b.gov AND p.place_no = b.place_no
JOIN cities AS c ON c.gov = b.gov AND c.city_no = p.city_no
"""

_INSERT_INCIDENTS = """
INSERT INTO incidents
SELECT
    report_month, seq, date,
    CASE WHEN hour >= 0 THEN lpad(CAST(hour AS VARCHAR), 2, '0') || ':' || lpad(CAST(minute AS VARCHAR), 2, '0') END,
    nullif(CAST(day_part AS VARCHAR), ''),
    CAST(perpetrator AS VARCHAR), CAST(perpetrator_text AS VARCHAR), uncertain, note,
    governorate,
    CASE WHEN NOT in_text_null THEN CAST(in_text AS VARCHAR) END,
    place, place_type,
    CASE WHEN has_parent THEN city END,
    nullif(CAST(site AS VARCHAR), ''),
    killed,
    CASE WHEN known THEN children END,
    CASE WHEN known THEN women END,
    CASE WHEN known THEN fetuses END,
    CASE WHEN wounded_given THEN wounded END,
    CASE WHEN wounded_given THEN nullif(CAST(qualifier AS VARCHAR), '') END,
    lower_bound, same_family, idps,
    CAST(weapon AS VARCHAR), CAST(target AS VARCHAR),
    CASE WHEN NOT area_null THEN CAST(area AS VARCHAR) END,
    CASE WHEN NOT area_null THEN CAST(area_text AS VARCHAR) END,
    CASE WHEN exact THEN round(lat, 5) END,
    CASE WHEN exact THEN round(lon, 5) END,
    CASE WHEN exact THEN 'map_link' END,
    CASE WHEN exact THEN place END,
    100 + 3 * seq,
    concat(
        strftime(date, '%A, %B %-d, %Y'), ', ', CAST(perpetrator_text AS VARCHAR), ' ',
        CAST(weapon_text AS VARCHAR), ' ', coalesce(nullif(CAST(site AS VARCHAR), '') || ' in ', ''),
        place, ' ', place_type,
        CASE WHEN has_parent THEN ', which administratively follows ' || city END,
        ', ', gov_name, ' governorate, which resulted in the killing of ',
        CASE WHEN lower_bound THEN 'no less than ' END, killed, ' civilians',
        CASE WHEN known AND children + women > 0
             THEN ', including ' || children || ' children and ' || women || ' women' END,
        CASE WHEN known AND fetuses > 0 THEN ' and ' || fetuses || ' fetuses' END,
        CASE WHEN wounded_given THEN ', while ' || coalesce(CAST(qualifier AS VARCHAR) || ' ', '') || wounded
                                     || ' others were wounded' END,
        CASE WHEN uncertain THEN ' (' || note || ')' END,
        '.',
        CASE WHEN NOT area_null THEN ' The ' || place_type || ' was under the control of '
                                     || CAST(area_text AS VARCHAR) || ' at the time of the incident.' END),
    NULL, NULL, NULL, NULL, NULL,  -- point_lat .. matched_name: store.copy_points fills them from locations
    strftime(date, '%Y-%m')
FROM inc
ORDER BY report_month, seq  -- the order the store writes: date zone maps then skip most row groups
"""

_INSERT_LOCATIONS = """
INSERT INTO locations
SELECT
    report_month, seq,
    round(CASE pr WHEN 'exact' THEN lat WHEN 'locality' THEN place_lat WHEN 'city' THEN
                 (CASE WHEN place_type = 'city' THEN place_lat ELSE city_lat END) ELSE label_lat END, 5),
    round(CASE pr WHEN 'exact' THEN lon WHEN 'locality' THEN place_lon WHEN 'city' THEN
                 (CASE WHEN place_type = 'city' THEN place_lon ELSE city_lon END) ELSE label_lon END, 5),
    pr,
    CASE pr WHEN 'exact' THEN 'map_link' WHEN 'locality' THEN 'place'
            WHEN 'city' THEN (CASE WHEN place_type = 'city' THEN 'place' ELSE 'parent_place' END)
            ELSE 'governorate_point' END,
    CASE pr WHEN 'exact' THEN place WHEN 'locality' THEN place
            WHEN 'city' THEN (CASE WHEN place_type = 'city' THEN place ELSE city END) END,
    CASE WHEN pr IN ('locality', 'city') THEN 'synthetic:' || governorate || ':' ||
         (CASE WHEN pr = 'city' AND place_type <> 'city' THEN 'city:' || city ELSE place END) END,
    CASE WHEN pr IN ('locality', 'city') THEN score END,
    iso_code,
    governorate,
    CASE WHEN pr = 'governorate'
         THEN ['no gazetteer place for ''' || place || ''' in ' || governorate || ': governorate-level point']
         WHEN NOT in_text_null AND CAST(in_text AS VARCHAR) <> governorate
         THEN ['the heading says ' || governorate || ', the paragraph names ' || CAST(in_text AS VARCHAR)]
         ELSE CAST([] AS VARCHAR[]) END,
    CASE WHEN pr = 'governorate' THEN ['no_gazetteer_place']
         WHEN NOT in_text_null AND CAST(in_text AS VARCHAR) <> governorate THEN ['heading_text_conflict']
         ELSE CAST([] AS VARCHAR[]) END
FROM (SELECT *, CASE WHEN exact THEN 'exact' ELSE ['exact', 'locality', 'city', 'governorate'][place_precision + 1]
                END AS pr FROM inc)
"""

_INSERT_REPORTS = """
INSERT INTO reports (month, month_start, title, published, total_massacres, victims_total, victims_children,
                     victims_women, ytd_massacres, ytd_period, ytd_period_text, details_complete, source_file,
                     source_form, sha256, incident_count)
WITH counts AS (
    SELECT report_month AS month, count(*) AS n, sum(killed) AS killed,
           coalesce(sum(children), 0) + coalesce(sum(fetuses), 0) AS children, coalesce(sum(women), 0) AS women
    FROM incidents GROUP BY report_month
),
stated AS (
    SELECT s.*, coalesce(c.n, 0) AS n, coalesce(c.killed, 0) AS killed, coalesce(c.children, 0) AS children,
           coalesce(c.women, 0) AS women,
           coalesce(c.n, 0) + CASE WHEN s.incomplete THEN CAST(ceil(coalesce(c.n, 0) * s.extra_frac) AS INTEGER) ELSE 0 END AS total,
           coalesce(c.killed, 0) + CASE WHEN s.incomplete THEN CAST(ceil(coalesce(c.n, 0) * s.extra_frac) AS INTEGER) * 8 ELSE 0 END AS victims
    FROM reports_src AS s LEFT JOIN counts AS c USING (month)
    WHERE NOT s.missing
)
SELECT
    month, month_start,
    CASE WHEN NOT title_null THEN 'No less than ' || total || ' Massacres in ' || strftime(month_start, '%B %Y') END,
    CASE WHEN NOT published_null THEN CAST(month_start + INTERVAL 1 MONTH + published_days * INTERVAL 1 DAY AS DATE) END,
    total, victims, children, women,
    CASE WHEN NOT ytd_null THEN CAST(sum(total) OVER (PARTITION BY year(month_start) ORDER BY month_start) AS INTEGER) END,
    CASE WHEN NOT ytd_null THEN strftime(month_start, '%Y') || '-01/' || month END,
    CASE WHEN NOT ytd_null THEN
        CASE WHEN month(month_start) = 12 THEN 'in ' || strftime(month_start, '%Y')
             ELSE 'between the start of ' || strftime(month_start, '%Y') || ' and '
                  || strftime(month_start + INTERVAL 1 MONTH, '%B') || ' of the same year' END END,
    NOT incomplete,
    'snhr-' || month || '-massacres.' || CASE WHEN source_form = 'pdf' THEN 'pdf' ELSE 'txt' END,
    CAST(source_form AS VARCHAR), sha256, n
FROM stated
"""

_INSERT_STATED = """
INSERT INTO stated_figures
WITH r AS (
    SELECT r.month, r.total_massacres, r.victims_total, r.victims_children, r.victims_women, r.incident_count,
           s.percent_only, s.other_breakdown_null, r.total_massacres - r.incident_count AS extra,
           r.victims_total - coalesce((SELECT sum(killed) FROM incidents AS i WHERE i.report_month = r.month), 0) AS extra_killed
    FROM reports AS r JOIN reports_src AS s USING (month)
),
perp AS (
    SELECT report_month AS month, perpetrator AS key, count(*) AS n, sum(killed) AS killed,
           coalesce(sum(children), 0) + coalesce(sum(fetuses), 0) AS children, coalesce(sum(women), 0) AS women,
           row_number() OVER (PARTITION BY report_month ORDER BY count(*) DESC, perpetrator) AS rank
    FROM incidents GROUP BY report_month, perpetrator
),
gov AS (
    SELECT report_month AS month, governorate AS key, count(*) AS n,
           row_number() OVER (PARTITION BY report_month ORDER BY count(*) DESC, governorate) AS rank
    FROM incidents GROUP BY report_month, governorate
)
SELECT month, 'total', 'all', total_massacres, NULL, victims_total, victims_children, victims_women, 40 FROM r
UNION ALL
SELECT month, 'victims_share', 'women_and_children', NULL,
       round(100.0 * (victims_children + victims_women) / nullif(victims_total, 0)), NULL, NULL, NULL, 60
FROM r
UNION ALL
SELECT p.month, 'perpetrator', p.key,
       CASE WHEN NOT r.percent_only THEN p.n + CASE WHEN p.rank = 1 THEN r.extra ELSE 0 END END,
       round(100.0 * (p.n + CASE WHEN p.rank = 1 THEN r.extra ELSE 0 END) / r.total_massacres),
       p.killed + CASE WHEN p.rank = 1 THEN r.extra_killed ELSE 0 END,
       CASE WHEN p.key <> 'other' OR NOT r.other_breakdown_null THEN p.children END,
       CASE WHEN p.key <> 'other' OR NOT r.other_breakdown_null THEN p.women END,
       50
FROM perp AS p JOIN r USING (month)
UNION ALL
SELECT report_month, 'regime_area_of_control', area_of_control, count(*), NULL, NULL, NULL, NULL, 70
FROM incidents WHERE perpetrator = 'syrian_regime' AND area_of_control IS NOT NULL GROUP BY ALL
UNION ALL
SELECT g.month, 'governorate', g.key, g.n + CASE WHEN g.rank = 1 THEN r.extra ELSE 0 END, NULL, NULL, NULL, NULL, 80
FROM gov AS g JOIN r USING (month)
"""

_INSERT_WARNINGS = """
INSERT INTO warnings
SELECT report_month, CAST(row_number() OVER (PARTITION BY report_month ORDER BY seq NULLS LAST, code) AS INTEGER),
       code, message, line, seq
FROM (
    SELECT report_month, 'governorate_conflict' AS code,
           'under the ' || governorate || ' heading, but the paragraph names ' || governorate_in_text AS message,
           line, seq
    FROM incidents WHERE governorate_in_text <> governorate
    UNION ALL
    SELECT month, 'stated_differs', 'the details list only the most notable massacres: stated '
           || total_massacres || ', detailed ' || incident_count, 40, NULL
    FROM reports WHERE NOT details_complete AND total_massacres > incident_count
)
"""


def _schema_sha() -> str:
    return hashlib.sha256(SCHEMA.read_bytes()).hexdigest()


def _meta(path: Path) -> tuple[int, int, int, str] | None:
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT n_incidents, seed, version, schema_sha256 FROM corpus_meta").fetchone()
        return tuple(row) if row else None
    except duckdb.Error:
        return None
    finally:
        con.close()


def default_path(n_incidents: int) -> Path:
    return OUT / f"corpus-{n_incidents}.duckdb"


def is_current(path: Path, n_incidents: int, seed: int = 0) -> bool:
    """True when `path` holds a corpus generated with these N and seed by this generator and schema."""
    return path.exists() and _meta(path) == (n_incidents, seed, VERSION, _schema_sha())


def generate(path: str | os.PathLike | None, n_incidents: int, seed: int = 0) -> Path:
    """A DuckDB file at `path` (default bench/out/corpus-<N>.duckdb) holding n_incidents synthetic
    incidents and their reports, stated figures, warnings and locations. Deterministic in the
    seed; an existing file generated with the same N, seed and version is reused."""
    path = Path(path) if path else default_path(n_incidents)
    if n_incidents < 1:
        raise ValueError("n_incidents must be at least 1")
    if is_current(path, n_incidents, seed):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # another process may be generating it too
    for p in (tmp, Path(str(tmp) + ".wal")):
        p.unlink(missing_ok=True)
    frames = _frames(n_incidents, seed)
    con = duckdb.connect(str(tmp))
    try:
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        for name, df in frames.items():
            con.register(name, df)
        con.execute(_INCIDENTS)
        con.execute(_INSERT_INCIDENTS)
        con.execute(_INSERT_LOCATIONS)
        copy_points(con)  # the same step the store runs after every write
        search_index.rebuild(con)  # and the search index, as store/writes.py builds it
        con.execute(_INSERT_REPORTS)
        con.execute(_INSERT_STATED)
        con.execute(_INSERT_WARNINGS)
        con.execute(
            "CREATE TABLE corpus_meta (n_incidents BIGINT NOT NULL, seed BIGINT NOT NULL, "
            "version INTEGER NOT NULL, schema_sha256 VARCHAR NOT NULL, generated TIMESTAMP NOT NULL)"
        )
        con.execute(
            "INSERT INTO corpus_meta VALUES (?, ?, ?, ?, ?)",
            [n_incidents, seed, VERSION, _schema_sha(), dt.datetime.now().replace(microsecond=0)],
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, path)
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--incidents", type=int, required=True, help="how many incidents")
    ap.add_argument("--out", type=Path, default=None, help="the DuckDB file (default bench/out/corpus-<N>.duckdb)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    path = args.out or default_path(args.incidents)
    reused = is_current(path, args.incidents, args.seed)
    t0 = time.perf_counter()
    generate(path, args.incidents, args.seed)
    secs = time.perf_counter() - t0
    con = duckdb.connect(str(path), read_only=True)
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("reports", "stated_figures", "incidents", "warnings", "locations")
    }
    con.close()
    print(
        f"{path}: {'reused' if reused else f'generated in {secs:.1f} s'}, "
        f"{path.stat().st_size / 1e6:.1f} MB, " + ", ".join(f"{k} {v:,}" for k, v in counts.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
