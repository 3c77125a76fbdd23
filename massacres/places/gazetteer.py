"""Syrian places by name: the shipped gazetteer (geo/syria_places.csv) and the project's own
reviewed additions (geo/places_extra.csv), indexed once by governorate and normalised name.

Reports write "al Bokamal", the gazetteer "Albu Kamal", "Abu Kamal", "Al-Bukamal": every
alternate name is indexed, names are normalised, and only then compared fuzzily, always
within one governorate. Short names collide ("Midan" / "Ma'dan", "Sabha" / "Sabkhah"), so
the fuzzy cutoff is strict and short names must match exactly.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from massacres.reports import vocab

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"
GAZETTEER_CSV = GEO_DIR / "syria_places.csv"
EXTRA_CSV = GEO_DIR / "places_extra.csv"
ALIASES_CSV = GEO_DIR / "place_aliases.csv"
# rapidfuzz ratio on normalised names. 85 accepts Bokamal/Bukamal (86) and
# Shoghur/Shughur (91) and refuses Sabha/Sabkhah (83) and Midan/Madan (80); see tests.
FUZZY_CUTOFF = 85.0
# Names this short differ by one letter between different villages: exact matches only.
MIN_FUZZY_LENGTH = 7
_ARTICLES = {"al", "el", "ash", "as", "ez", "ad", "an", "at", "ar", "az", "ath", "adh", "es", "ed", "en", "ul", "l"}
_PLACE_RANK = {"locality": 0, "neighbourhood": 1, "county": 2, "region": 3}


@lru_cache(maxsize=1 << 16)  # pure; asked of the same place names incident after incident
def normalise(name: str) -> str:
    """'al Bokamal' -> 'bokamal', 'Jisr ash-Shughūr' -> 'jisrshughur', 'Ma`arrzaf' -> 'marazaf'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[`'\u2019\u2018\u02bf\u02be\u0060\u00b4\"]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    words = [w for w in text.split() if w not in _ARTICLES]
    flat = "".join(words)
    flat = flat.replace("ou", "u").replace("ee", "i").replace("oo", "u")
    flat = re.sub(r"(?<=[aeiu])h$", "", flat)  # final ta marbuta: Qurayyah / Qurayya
    return re.sub(r"(.)\1+", r"\1", flat)


_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]")
# One letter for each set a writer may use for the same sound (after diacritics are gone):
# alef forms, alef maqsura / farsi yeh, ta marbuta / heh, keheh / kaf.
_ARABIC_FOLD = str.maketrans(
    {
        "\u0622": "\u0627",
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0671": "\u0627",
        "\u0649": "\u064a",
        "\u06cc": "\u064a",
        "\u0629": "\u0647",
        "\u06a9": "\u0643",
        "\u0640": None,
    }
)


@lru_cache(maxsize=1 << 18)  # pure; a build asks it of the same words again and again
def search_key(name: str) -> str:
    """The key a search compares: `normalise` for a name in Latin script; for one in Arabic
    script, without diacritics, hamza seats, tatweel and the article ال, letters that are written
    for one another folded ('البو كمال' and 'البوكمال' -> 'بوكمال'), spaces removed."""
    if not _ARABIC_LETTER.search(name):
        return normalise(name)
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_ARABIC_FOLD)
    words = re.split(r"[^\w]+|_", text)
    return "".join(w[2:] if w.startswith("\u0627\u0644") and len(w) > 3 else w for w in words).lower()


@dataclass(frozen=True)
class Place:
    id: str  # gazetteer wof_id, or "extra:<name>" for the project's own table
    name: str
    lat: float
    lon: float
    governorate: str
    placetype: str
    precision: str | None = None  # set for places_extra rows
    source: str | None = None


@dataclass(frozen=True)
class Match:
    place: Place
    matched_name: str  # the name variant that matched
    score: float  # 100 for a normalised exact match


class Gazetteer:
    def __init__(
        self,
        places: list[tuple[Place, list[str]]],
        aliases: dict[tuple[str, str], str | None] | None = None,
        spellings: dict[str, list[str]] | None = None,
    ) -> None:
        # Reviewed decisions (geo/place_aliases.csv): a report's name -> a row id, or None
        # for "no row here is this place", taking precedence over any matching.
        self.aliases = aliases or {}
        self._memo: dict[tuple[str, str, bool], Match | None] = {}
        self.by_id = {place.id: place for place, _ in places}
        # Every name a row holds, the Arabic ones included (lookups compare Latin names only;
        # the search index reads these).
        self.spellings = {place.id: list(names) for place, names in places}
        for pid, more in (spellings or {}).items():
            self.spellings.setdefault(pid, []).extend(more)
        self.exact: dict[tuple[str, str], list[tuple[Place, str]]] = {}
        self.choices: dict[str, list[str]] = {}
        self.owners: dict[str, list[list[tuple[Place, str]]]] = {}
        by_gov: dict[str, dict[str, list[tuple[Place, str]]]] = {}
        for place, names in places:
            for variant in names:
                key = normalise(variant)
                if not key:
                    continue
                self.exact.setdefault((place.governorate, key), []).append((place, variant))
                by_gov.setdefault(place.governorate, {}).setdefault(key, []).append((place, variant))
        for gov, keyed in by_gov.items():
            self.choices[gov] = list(keyed)
            self.owners[gov] = list(keyed.values())

    def lookup(self, name: str, governorate: str, fuzzy: bool = True) -> Match | None:
        """The place a name means within a governorate, or None when no row (or more than one) fits.
        Remembered: the gazetteer does not change while loaded, and a month's reports name the same
        places again and again (a fuzzy search over a governorate's names is most of the time)."""
        memo_key = (name, governorate, fuzzy)
        if memo_key not in self._memo:
            self._memo[memo_key] = self._lookup(name, governorate, fuzzy)
        return self._memo[memo_key]

    def _lookup(self, name: str, governorate: str, fuzzy: bool) -> Match | None:
        key = normalise(name)
        if not key:
            return None
        if (governorate, key) in self.aliases:
            target = self.aliases[(governorate, key)]
            return Match(self.by_id[target], name, 100.0) if target else None
        hits = self.exact.get((governorate, key))
        if hits:
            return _single(hits, 100.0)
        if not fuzzy or len(key) < MIN_FUZZY_LENGTH or governorate not in self.choices:
            return None
        found = process.extract(key, self.choices[governorate], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
        if not found:
            return None
        best = found[0][1]
        tied = [hit for _, score, idx in found if score == best for hit in self.owners[governorate][idx]]
        return _single(tied, round(best, 1))


def _single(hits: list[tuple[Place, str]], score: float) -> Match | None:
    """One place, preferring a locality over the district or governorate of the same name."""
    rank = min(_PLACE_RANK.get(p.placetype, 9) for p, _ in hits)
    best = {p.id: (p, v) for p, v in hits if _PLACE_RANK.get(p.placetype, 9) == rank}
    if len(best) != 1:
        return None  # two different villages answer to this name: do not guess
    place, variant = next(iter(best.values()))
    return Match(place, variant, score)


def _admin1_keys() -> dict[str, str]:
    return {row["geonames_admin1"]: row["key"] for row in vocab.governorate_rows()}


def _aliases(path: Path) -> dict[tuple[str, str], str | None]:
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {(r["governorate"], normalise(r["name"])): (r["wof_id"] or None) for r in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def load(
    gazetteer_csv: Path = GAZETTEER_CSV, extra_csv: Path = EXTRA_CSV, aliases_csv: Path = ALIASES_CSV
) -> tuple[Gazetteer, Gazetteer]:
    """(gazetteer, project additions), each read and indexed once per process."""
    admin1 = _admin1_keys()
    rows: list[tuple[Place, list[str]]] = []
    arabic: dict[str, list[str]] = {}
    with open(gazetteer_csv, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            gov = admin1.get(r["admin1_code"])
            if gov is None:
                continue
            place = Place(r["wof_id"], r["name"], float(r["lat"]), float(r["lon"]), gov, r["placetype"])
            names = [r["name"]] + [n for n in r["alt_names"].split("|") if n]
            rows.append((place, names))
            arabic[place.id] = [n for n in r.get("name_ar", "").split("|") if n]
    extra: list[tuple[Place, list[str]]] = []
    if extra_csv.exists():
        with open(extra_csv, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                place = Place(
                    f"extra:{r['name']}",
                    r["name"],
                    float(r["lat"]),
                    float(r["lon"]),
                    r["governorate"],
                    "locality",
                    r["precision"],
                    r["source"],
                )
                extra.append((place, [r["name"]]))
    gaz = Gazetteer(rows, _aliases(aliases_csv), arabic)
    unknown = [k for k, v in gaz.aliases.items() if v and v not in gaz.by_id]
    if unknown:
        raise ValueError(f"{aliases_csv}: aliases name rows the gazetteer lacks: {unknown}")
    return gaz, Gazetteer(extra)
