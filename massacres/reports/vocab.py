"""Hand-made mappings from the reports' words to keys, kept in small reviewed CSV files
(`vocab/*.csv`) beside this module so that a new spelling is a one-line review, not a code change."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib.resources import files


def _rows(name: str) -> list[dict[str, str]]:
    """The rows of vocab table `name`, comments and blank lines left out. The pattern is always the
    last column and may hold commas; the other columns hold none."""
    text = files("massacres.reports").joinpath("vocab", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    header = lines[0].split(",")
    if header[-1] != "pattern":
        raise ValueError(f"vocab/{name}: the last column must be the pattern")
    return [dict(zip(header, ln.split(",", len(header) - 1))) for ln in lines[1:]]


@cache
def declared(name: str) -> tuple[dict[str, str], ...]:
    """Each key of vocab table `name` once, in display order: the row that declares it (its first,
    carrying order, label and any colour), every column but the pattern."""
    rows = [r for r in _rows(name) if r.get("order")]
    keys = [r["key"] for r in rows]
    if len(set(keys)) != len(keys):
        raise ValueError(f"vocab/{name}: a key is declared twice")
    return tuple({k: v for k, v in r.items() if k != "pattern"} for r in sorted(rows, key=lambda r: int(r["order"])))


def keys(name: str) -> tuple[str, ...]:
    """The keys of vocab table `name`, in display order."""
    return tuple(r["key"] for r in declared(name))


def labels(name: str) -> dict[str, str]:
    """Key -> label of vocab table `name`, in display order."""
    return {r["key"]: r["label"] for r in declared(name)}


PERPETRATORS = keys("perpetrators.csv")
AREAS = keys("areas_of_control.csv")
WEAPONS = keys("weapons.csv")
TARGETS = keys("targets.csv")


@cache
def _ordered(name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    # A key declared with no pattern (weapon "other") is what is left when nothing matches.
    return tuple((re.compile(r["pattern"], re.I), r["key"]) for r in _rows(name) if r["pattern"])


def first_key(name: str, text: str) -> str | None:
    """Key of the first pattern of vocab file `name` found anywhere in `text`."""
    for rx, key in _ordered(name):
        if rx.search(text):
            return key
    return None


def leftmost_key(name: str, text: str) -> str | None:
    """Key of the pattern whose match starts earliest in `text` (the head noun of a phrase)."""
    best: tuple[int, int, str] | None = None
    for order, (rx, key) in enumerate(_ordered(name)):
        m = rx.search(text)
        if m and (best is None or (m.start(), order) < best[:2]):
            best = (m.start(), order, key)
    return best[2] if best else None


def perpetrator_key(text: str) -> str | None:
    return first_key("perpetrators.csv", text)


def perpetrator_mentions(text: str, end: int | None = None) -> list[tuple[int, str]]:
    """(position, key) of every party the text names, in order."""
    found = []
    for rx, key in _ordered("perpetrators.csv"):
        for m in rx.finditer(text, 0, len(text) if end is None else end):
            found.append((m.start(), key))
    return sorted(found)


def perpetrator_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each party the text names, in order; where two patterns cover the
    same words ("Syrian-Russian alliance" and "Russian"), the earlier pattern in the table wins."""
    taken: list[tuple[int, int, str]] = []
    for rx, key in _ordered("perpetrators.csv"):
        for m in rx.finditer(text):
            if not any(m.start() < e and s < m.end() for s, e, _ in taken):
                taken.append((m.start(), m.end(), key))
    return sorted(taken)


_PLACE_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*(?:\s*-\s*[A-Za-z']+)*")


def governorate_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each governorate the text names in any spelling ("Deir Az- Zour",
    "Rural Damascus", "Al-Hassaka"), longest name first."""
    words = list(_PLACE_WORD.finditer(text))
    # joined[j]: word j and word j + 1 stand apart by spaces or hyphens only (one name may span them)
    joined = [
        re.fullmatch(r"[\s\-]*", text[words[j].end() : words[j + 1].start()]) is not None for j in range(len(words) - 1)
    ]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        if not text[words[i].start()].isupper():
            i += 1  # a governorate's name is capitalised
            continue
        for width in (4, 3, 2, 1):
            if i + width > len(words) or not all(joined[i : i + width - 1]):
                continue
            first, last = words[i], words[i + width - 1]
            phrase = text[first.start() : last.end()]
            if len(phrase) < 4:
                continue
            key = governorate_key(phrase)
            if key:
                found.append((first.start(), last.end(), key))
                i += width
                break
        else:
            i += 1
    return found


@cache
def _regions() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r["pattern"], re.I), r["key"]) for r in _rows("regions.csv"))


def region_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, governorate key) of each region the text names that lies in one governorate
    ("Eastern Ghouta"): the governorate of a paragraph that names no governorate itself."""
    return sorted((m.start(), m.end(), key) for rx, key in _regions() for m in rx.finditer(text))


def area_key(text: str) -> str | None:
    return first_key("areas_of_control.csv", text)


def weapon_key(text: str) -> str | None:
    return first_key("weapons.csv", text)


def target_key(site: str | None) -> str:
    if not site:
        return "populated_area"
    # The head of the phrase names what was hit: "a bakery in al Rnoush neighborhood" is a bakery.
    head = re.split(r",|\s+(?:in|near|by|behind|inside|next to|adjacent to|opposite)\s+", site, maxsplit=1)[0]
    return leftmost_key("targets.csv", head) or "other"


@cache
def attribution_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r["pattern"], re.I) for r in _rows("attribution.csv"))


@cache
def non_figure_patterns() -> tuple[re.Pattern[str], ...]:
    """Sentences that hold a count but state no figure (SNHR's definition of a massacre)."""
    return tuple(re.compile(r["pattern"], re.I) for r in _rows("non_figures.csv"))


def squash(name: str) -> str:
    """Lower-case ASCII letters only: the form governorate patterns are written against."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", ascii_only.lower())


@cache
def governorate_rows() -> tuple[dict[str, str], ...]:
    """key, iso (ISO 3166-2), geonames_admin1 and name pattern of each governorate."""
    return tuple(_rows("governorates.csv"))


@cache
def _governorates() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return tuple((re.compile(r["pattern"]), r["key"], r["iso"]) for r in governorate_rows())


GOVERNORATE_KEYS = tuple(k for _, k, _ in _governorates())


@lru_cache(maxsize=65536)  # pure, and asked of every word run of every summary sentence
def governorate_key(name: str) -> str | None:
    """Key for a governorate name in any spelling the series uses, or None."""
    flat = squash(re.sub(r"\bgovernorate\b", "", name, flags=re.I))
    for rx, key, _ in _governorates():
        if rx.search(flat):
            return key
    return None


def governorate_iso(key: str) -> str | None:
    for _, k, iso in _governorates():
        if k == key:
            return iso
    return None
