"""Google Maps links in PDF text: their coordinates and the paragraph each belongs to.

The PDF keeps a page's link annotations as bare URL lines after the page's text, so a
link can belong to any paragraph of the page above it. It belongs to the paragraph whose
place it names; the name may be Latin or Arabic, so both sides are compared as consonant
skeletons ("Mwayleh bin Hdaib" and "موليح بن دهيب" both give mwlh/bn/...), never guessed
by position alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote_plus

from anyascii import anyascii
from rapidfuzz import fuzz

_PLACE_LINK = re.compile(r"/maps/place/(?P<name>[^/@?]+)(?:/@(?P<lat>-?\d+\.\d+),(?P<lon>-?\d+\.\d+))?")
_MARKER = re.compile(r"!3d(?P<lat>-?\d+\.\d+)!4d(?P<lon>-?\d+\.\d+)")
_ARTICLE = re.compile(r"^(?:al|el|l|ar|as|ash|ad|az|an|at)(?=[bcdfghjklmnpqrstvwxz]{2})")
# Token agreement needed for a link to claim a paragraph; "Al Asharah" vs "al Ashara"
# scores 86, unrelated names on the same page stay below 60.
TOKEN_CUTOFF = 80.0


@dataclass(frozen=True)
class MapLink:
    url: str
    line: int
    name: str
    lat: float
    lon: float


def parse_link(url: str, line: int) -> MapLink | None:
    """A place link's name and marker coordinates; None for links that carry none."""
    m = _PLACE_LINK.search(url)
    if not m:
        return None
    markers = list(_MARKER.finditer(url))
    if markers:  # the last !3d!4d pair is the pinned place; @lat,lon is only the view centre
        lat, lon = float(markers[-1].group("lat")), float(markers[-1].group("lon"))
    elif m.group("lat"):
        lat, lon = float(m.group("lat")), float(m.group("lon"))
    else:
        return None
    name = unquote_plus(m.group("name"))
    name = re.sub(r"[\u200e\u200f\u202a-\u202e]", "", name)
    name = re.sub(r"[,\u060c]?\s*Syria\s*$", "", name).strip(" ,\u060c")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return MapLink(url, line, name, lat, lon)


def skeleton_tokens(text: str) -> list[str]:
    """Consonant skeletons of a name's words, articles dropped: transliteration-proof keys."""
    return list(_skeleton_tokens(text))


@lru_cache(maxsize=1 << 14)  # pure; each link is scored against every paragraph of its page
def _skeleton_tokens(text: str) -> tuple[str, ...]:
    out = []
    text = re.sub(r"(?<![\u0600-\u06ff])\u0627\u0644(?=[\u0600-\u06ff]{2})", "", text)  # Arabic article al-
    for word in re.split(r"[\s,\-_/]+", anyascii(text).lower()):
        word = re.sub(r"[^a-z]", "", word)
        word = _ARTICLE.sub("", word) if len(word) > 3 else word
        skel = re.sub(r"[aeiouyw']", "", word[:1]) + re.sub(r"[aeiouy']", "", word[1:])
        if word in ("al", "el", "syria", "neighborhood", "neighbourhood", "city", "village", "town"):
            continue
        if len(skel) >= 2:
            out.append(skel)
    return tuple(out)


def link_score(link_name: str, candidate_names: list[str]) -> float:
    """0..1: how well the candidate's names cover the link's name tokens (graded, so that
    an exact token beats a near one: "Qosoor" is al Qosour, not al Qouriya)."""
    link_tokens = [t for t in skeleton_tokens(link_name) if len(t) >= 3] or skeleton_tokens(link_name)
    cand = [t for n in candidate_names if n for t in skeleton_tokens(n)]
    if not link_tokens or not cand:
        return 0.0
    total = 0.0
    for t in link_tokens:
        best = max(fuzz.ratio(t, c) for c in cand)
        total += best if best >= TOKEN_CUTOFF else 0.0
    return total / (100.0 * len(link_tokens))
