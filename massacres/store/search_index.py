"""The search index: every spelling of the places an incident names, and every word of its text,
normalised once when the incident is written, so that a search compares keys instead of lowering
every paragraph on every keystroke.

Two tables (massacres/store/schema.sql), rebuilt for the months of every write in the same
transaction (store/writes.py), so the index can never disagree with the incidents:

  search_terms     (report_month, kind, term, term_hash): each distinct key of a month, of kind
                   'place' (a spelling of a place the incident names) or 'word' (a word of its text),
                   written in (kind, term) order, so that DuckDB's zone maps turn a prefix into a
                   read of the one or two row groups that hold it
  search_postings  (term_hash, report_month, seq): which incidents hold it, sorted by term_hash

The term hash keeps the order of the terms' first bytes (`term_hash`): the keys a prefix matches
("talba" -> "talbaza", "talbiseh"...) have neighbouring hashes, so their postings lie in a few
neighbouring row groups, and the range DuckDB pushes from the matched terms into the postings' scan
skips the rest (a plain hash scatters them over the whole table: half of it was read). Within a
month a hash names one key, so a posting joined back to its month's terms is exact.

A place is the incident's place, its parent place, the places its site names (capitalised names,
"al Bokamal city") and its governorate. Each gets the key of the name as the report writes it,
and every spelling (Latin and Arabic) of the gazetteer row the geocoder finds for it (the same
lookup, so the reviewed aliases of geo/place_aliases.csv apply) and of the row it was located by.
The keys are gazetteer.search_key: the geocoder's own normalisation for Latin script (case,
diacritics, hyphens, apostrophes, al-/el-, ou/u, ee/i, doubled letters, a final h), folded
letters without the article for Arabic.

A search text matches an incident when, as one name, its key is a place key of the incident (or
begins one, for keys of 4 letters or more): a place match; or when the key of each of its words
begins a word key of the incident's text: a text match. Place matches rank first
(queries/search_matches.sql).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import duckdb
import pandas as pd

from massacres.places import gazetteer
from massacres.store import db

TABLES = ("search_terms", "search_postings")
# What a word is made of: letters, combining marks, digits and the apostrophes names are written
# with ("Ma'arrat"); everything else separates words. The SQL tokeniser below and `words()` agree.
_APOSTROPHES = "'`\u2019\u2018\u02bf\u02be"
_SQL_SPLIT = r"[^\p{L}\p{M}\p{N}" + _APOSTROPHES + r"]+"
# Names inside a site: a capitalised word run, with its article ("al Bokamal", "al Masriya Circle").
_NAMES_IN_SITE = re.compile(r"(?:\b(?:al|el|ash|as|ad|ar|az)\s)?\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*")
MIN_PREFIX = 4  # a place key this long matches the keys it begins ("Deir" -> Deir ez-Zor)
# The term hash: the key's first PREFIX_BYTES bytes of UTF-8 (which order it), then the top
# DIGEST_BITS of DuckDB's hash of kind and key (which tell apart the keys that begin alike). 3
# bytes: three Latin letters, enough to keep a prefix's postings together; 40 bits: the chance
# that two keys of a write share a hash is the pairs that begin alike over 2^40 (3 in a billion
# for the bundled reports, 4 in 10 million for 100,000 generated incidents), and resolve_collisions() then
# tells them apart.
PREFIX_BYTES, DIGEST_BITS = 3, 40


def hash_sql() -> str:
    """The term hash (UBIGINT) of the row's `kind` and `term`, as SQL."""
    hex_digits = 2 * PREFIX_BYTES
    return (
        # parenthesised: SQL gives << | >> one precedence, left to right
        f"(CAST('0x' || rpad(left(hex(term), {hex_digits}), {hex_digits}, '0') AS UBIGINT) << {DIGEST_BITS}) "
        f"| (hash(kind, term) >> {64 - DIGEST_BITS})"
    )


def words(text: str) -> list[str]:
    """The words of a text, split as the index splits paragraphs (lower-cased)."""
    out, word = [], []
    for ch in text.lower():
        if ch.isalnum() or unicodedata.category(ch).startswith("M") or ch in _APOSTROPHES:
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def params(search: str | None) -> dict[str, Any]:
    """The search's SQL parameters: the text as typed (None: no search), its key as a place name,
    and the keys of its words (a word that normalises to nothing, an article, is left out). A text
    with neither matches no incident."""
    text = (search or "").strip()
    if not text:
        return {"search": None, "search_place": None, "search_words": None}
    place = gazetteer.search_key(text)
    keys = list(dict.fromkeys(k for k in (gazetteer.search_key(w) for w in words(text)) if k))
    return {"search": text, "search_place": place or None, "search_words": keys or None}


def resolve_collisions(hashes: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """The hashes of a write's distinct (kind, key)s, each unique: a key whose hash another key
    already took (in key order, so a build is repeatable) gets the next free one up. A write
    re-indexes whole months, so every key of its months is here: within each of them a hash
    names one key."""
    taken: set[int] = set()
    out: dict[tuple[str, str], int] = {}
    for key in sorted(hashes):
        h = hashes[key]
        while h in taken:  # the next hash up: beside its prefix's, so the order barely moves
            h = (h + 1) % (1 << 64)
        taken.add(h)
        out[key] = h
    return out


def _place_keys(combo: tuple, coder: Any) -> frozenset[str]:
    """Every key of every place one (governorate, governorate in the text, place, parent place,
    site, located row) names."""
    heading, in_text, place, parent, site, matched_id = combo
    governorates = tuple(g for g in dict.fromkeys((heading, in_text)) if g)
    keys: set[str] = set()
    for name in (place, parent, *_names_in_site(site)):
        if name:
            keys |= _name_keys(name, governorates, coder)
    if matched_id:
        keys |= _row_keys(matched_id, coder)
    for gov in governorates:
        keys |= _governorate_keys(gov)
    return frozenset(keys)


# Remembered per build: a million incidents name a few thousand places, sites and rows.
@lru_cache(maxsize=1 << 16)
def _names_in_site(site: str | None) -> tuple[str, ...]:
    return tuple(_NAMES_IN_SITE.findall(site or ""))


@lru_cache(maxsize=1 << 18)
def _name_keys(name: str, governorates: tuple[str, ...], coder: Any) -> frozenset[str]:
    """The key of a name as written, and of every spelling of the row the geocoder finds for it."""
    keys = {gazetteer.search_key(name)}
    match = coder.find(name, list(governorates))
    if match is not None:
        keys |= _row_keys(match.place.id, coder)
    return frozenset(k for k in keys if k)


@lru_cache(maxsize=1 << 16)
def _row_keys(row_id: str, coder: Any) -> frozenset[str]:
    spellings = coder.gaz.spellings.get(row_id, []) + coder.extra.spellings.get(row_id, [])
    return frozenset(k for k in map(gazetteer.search_key, spellings) if k)


@lru_cache(maxsize=64)
def _governorate_keys(gov: str) -> frozenset[str]:
    """The names of a governorate: its key in words, and its gazetteer row (placetype region), Latin and Arabic."""
    gaz, _ = gazetteer.load()
    spellings = [gov.replace("_", " ")]
    for pid, place in gaz.by_id.items():
        if place.placetype == "region" and place.governorate == gov:
            spellings += gaz.spellings.get(pid, [])
    return frozenset(k for k in map(gazetteer.search_key, spellings) if k)


@lru_cache(maxsize=1)  # one geocoder per process, so the lookups above are remembered across writes
def _coder() -> Any:
    from massacres.places.geocode import Geocoder  # the gazetteer loads only when indexing

    return Geocoder()


_MONTHS = " WHERE (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], {col}))"


def rebuild(con: duckdb.DuckDBPyConnection, months: list[str] | None = None) -> None:
    """Index the incidents of `months` (every month when None), replacing what the index held for
    them. Runs inside the caller's transaction: the index is written with the incidents or not at all."""
    m = [months, months]
    for table in TABLES:
        con.execute("DELETE FROM " + table + _MONTHS.format(col="report_month"), m)
    # Words: split in SQL; each distinct word normalised once here.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _search_tokens AS SELECT DISTINCT report_month, seq, token FROM ("
        " SELECT report_month, seq, unnest(regexp_split_to_array(lower(concat_ws(' ', paragraph, place, parent_place,"
        " site, perpetrator_text, perpetrator_note, replace(governorate, '_', ' '))), ?)) AS token FROM incidents"
        + _MONTHS.format(col="report_month")
        + ") WHERE token <> ''",
        [_SQL_SPLIT, *m],
    )
    tokens = [r[0] for r in con.execute("SELECT DISTINCT token FROM _search_tokens").fetchall()]
    token_terms = {t: gazetteer.search_key(t) for t in tokens}
    # Places: each incident numbered by its combination of the columns that name places (the
    # same numbers for the same values, NULLs included), each combination looked up once.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _search_places AS SELECT i.report_month, i.seq, dense_rank() OVER ("
        "ORDER BY i.governorate, i.governorate_in_text, i.place, i.parent_place, i.site, l.matched_id) AS combo, "
        "i.governorate, i.governorate_in_text, i.place, i.parent_place, i.site, l.matched_id "
        "FROM incidents AS i LEFT JOIN locations AS l USING (report_month, seq)" + _MONTHS.format(col="i.report_month"),
        m,
    )
    combos = con.execute(
        "SELECT combo, any_value(governorate), any_value(governorate_in_text), any_value(place), "
        "any_value(parent_place), any_value(site), any_value(matched_id) FROM _search_places "
        "GROUP BY combo"
    ).fetchall()
    coder = _coder() if combos else None
    token_keys = pd.DataFrame([(t, k) for t, k in token_terms.items() if k], columns=["token", "term"])
    combo_keys = pd.DataFrame(
        [(c[0], k) for c in combos for k in sorted(_place_keys(c[1:], coder))], columns=["combo", "term"]
    )
    con.register("_search_token_keys", token_keys)
    con.register("_search_combo_keys", combo_keys)
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _search_hashes AS SELECT kind, term, " + hash_sql() + " AS term_hash "
            "FROM (SELECT DISTINCT 'word' AS kind, term FROM _search_token_keys "
            "UNION SELECT DISTINCT 'place' AS kind, term FROM _search_combo_keys)"
        )
        if db.scalar(con, "SELECT count(*) - count(DISTINCT term_hash) FROM _search_hashes"):
            _resolve_in_table(con)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _search_entries AS "
            "SELECT DISTINCT t.report_month, t.seq, 'word' AS kind, k.term, h.term_hash FROM _search_tokens AS t "
            "JOIN _search_token_keys AS k USING (token) JOIN _search_hashes AS h ON h.kind = 'word' AND h.term = k.term "
            "UNION "
            "SELECT p.report_month, p.seq, 'place' AS kind, ck.term, h.term_hash FROM _search_places AS p "
            "JOIN _search_combo_keys AS ck ON ck.combo = p.combo "
            "JOIN _search_hashes AS h ON h.kind = 'place' AND h.term = ck.term"
        )
        # In (kind, term) order: a prefix is then a range of the table (the zone maps skip the rest).
        con.execute(
            "INSERT INTO search_terms SELECT DISTINCT report_month, kind, term, term_hash FROM _search_entries "
            "ORDER BY kind, term, report_month"
        )
        con.execute(
            "INSERT INTO search_postings SELECT DISTINCT term_hash, report_month, seq "
            "FROM _search_entries ORDER BY term_hash, report_month, seq"
        )
    finally:
        for name in ("_search_token_keys", "_search_combo_keys"):
            con.unregister(name)
        con.execute("DROP TABLE IF EXISTS _search_places")
        con.execute("DROP TABLE IF EXISTS _search_tokens")
        con.execute("DROP TABLE IF EXISTS _search_entries")
        con.execute("DROP TABLE IF EXISTS _search_hashes")


def _resolve_in_table(con: duckdb.DuckDBPyConnection) -> None:
    """Give the keys of _search_hashes that share a hash a hash each (resolve_collisions)."""
    rows = con.execute("SELECT kind, term, term_hash FROM _search_hashes").fetchall()
    unique = resolve_collisions({(kind, term): h for kind, term, h in rows})
    frame = pd.DataFrame(
        [(kind, term, h) for (kind, term), h in unique.items()], columns=["kind", "term", "term_hash"]
    ).astype({"term_hash": "uint64"})
    con.register("_search_resolved", frame)
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _search_hashes AS SELECT * FROM _search_resolved")
    finally:
        con.unregister("_search_resolved")
