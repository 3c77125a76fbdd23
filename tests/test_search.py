"""The search (store/search_index.py, queries/search_matches.sql): a place in any spelling the
gazetteer or the reviewed aliases hold, Latin or Arabic; words of the text; place matches first;
the index built with the data, in the same write.

Expected incidents are read off the bundled reports by hand (the paragraphs of
data/reports/snhr-2017-0{9,10}-massacres.txt), never from the code's output.
"""

from __future__ import annotations

import datetime as dt
import shutil

import duckdb
import pytest

from massacres.dashboard.filters import Filters
from massacres.places import gazetteer
from massacres.store import db, queries, search_index

# al Bokamal is the place of Sep #28, #39, #41 and Oct #8, #10, #11, the town Sep #42 (al Mrashda)
# administratively follows, and a place Oct #1's site names ("the water-crossing between al Baghouz
# village and al Bokamal city"). The gazetteer row 'Ālbū Kamāl' (and the district row 'Abu Kamal')
# holds Abu Kamal, Al-Bukamal, Boukamal, البوكمال, البو كمال.
BOKAMAL = {
    ("2017-09", 28),
    ("2017-09", 39),
    ("2017-09", 41),
    ("2017-09", 42),
    ("2017-10", 1),
    ("2017-10", 8),
    ("2017-10", 10),
    ("2017-10", 11),
}
ALL_DATES = Filters(dt.date(2017, 8, 1), dt.date(2017, 10, 31))

SEARCH_EXAMPLES = [
    # query -> the incidents it must find
    ("Abu Kamal", BOKAMAL),
    ("Albukamal", BOKAMAL),
    ("Boukamal", BOKAMAL),
    ("Bukamal", BOKAMAL),
    ("al-Bokamal", BOKAMAL),
    ("Bokamal", BOKAMAL),
    ("AL BOKAMAL", BOKAMAL),
    ("البوكمال", BOKAMAL),
    ("البو كمال", BOKAMAL),
    # Ma'razaf, the place of Sep #16, written with and without its apostrophe.
    ("Ma'razaf", {("2017-09", 16)}),
    ("MARAZAF", {("2017-09", 16)}),
    # Words of the text: "school" begins "school"/"schools" in Sep #2, #33 and Oct #5.
    ("school", {("2017-09", 2), ("2017-09", 33), ("2017-10", 5)}),
    # An alias (geo/place_aliases.csv): the reports' 'Mathloun' is the row 'Mazlum' (مظلوم), Sep #2.
    ("Mazlum", {("2017-09", 2)}),
    ("مظلوم", {("2017-09", 2)}),
]


def _search(con, text: str, f: Filters = ALL_DATES, sort: str = "date"):
    params = f.params() | search_index.params(text) | {"limit": 1000, "offset": 0, "sort": sort}
    return queries.run(con, "incidents_by_search", params), queries.run(con, "incidents_count_by_search", params)


@pytest.fixture()
def con(built_db):
    c = db.connect_readonly(built_db)
    yield c
    c.close()


@pytest.mark.parametrize("text, expected", SEARCH_EXAMPLES, ids=[q for q, _ in SEARCH_EXAMPLES])
def test_search_examples(con, text, expected):
    rows, count = _search(con, text)
    assert set(zip(rows["report_month"], rows["seq"])) == expected
    assert int(count["incidents"].iloc[0]) == len(expected)


@pytest.mark.parametrize("text", ["Abu Kamal", "Boukamal", "البوكمال"])
def test_a_spelling_of_the_place_is_a_place_match(con, text):
    rows, count = _search(con, text)
    assert set(rows["search_rank"]) == {0}
    assert int(count["place_matches"].iloc[0]) == 8


def test_place_matches_rank_before_text_matches(con):
    # 'Deir Ez-Zour' is the place of Oct #3 and #13 (the city); the other paragraphs of the
    # governorate only name it in their text ("Deir Ez-Zour governorate").
    rows, count = _search(con, "Deir Ez-Zour")
    first = list(zip(rows["report_month"], rows["seq"]))[:2]
    assert set(first) == {("2017-10", 3), ("2017-10", 13)}
    assert list(rows["search_rank"][:2]) == [0, 0]
    assert set(rows["search_rank"][2:]) == {1} and len(rows) > 2
    assert int(count["place_matches"].iloc[0]) == 2
    # Whatever the order chosen, the place matches stay first.
    by_killed, _ = _search(con, "Deir Ez-Zour", sort="killed")
    assert set(list(zip(by_killed["report_month"], by_killed["seq"]))[:2]) == {("2017-10", 3), ("2017-10", 13)}
    text_part = by_killed["killed"][2:].tolist()
    assert text_part == sorted(text_part, reverse=True)


def test_every_word_must_match(con):
    # Of the three paragraphs with "school" (Sep #2, #33, Oct #5), only Sep #33 also has "same".
    rows, _ = _search(con, "school same")
    assert set(zip(rows["report_month"], rows["seq"])) == {("2017-09", 33)}
    none, count = _search(con, "school zzzzqqq")
    assert none.empty and int(count["incidents"].iloc[0]) == 0


def test_the_search_stays_inside_the_filters(con):
    # October only: Oct #1, #8, #10, #11.
    rows, _ = _search(con, "Abu Kamal", Filters(dt.date(2017, 10, 1), dt.date(2017, 10, 31)))
    assert set(zip(rows["report_month"], rows["seq"])) == {
        ("2017-10", 1),
        ("2017-10", 8),
        ("2017-10", 10),
        ("2017-10", 11),
    }


@pytest.mark.parametrize("text", ["al", "%", "_", "'", "  ", "x') OR ('1'='1", "-- ;"])
def test_texts_with_nothing_to_match_match_nothing(con, text):
    rows, count = _search(con, text)
    if text.strip():
        assert rows.empty and int(count["incidents"].iloc[0]) == 0
    else:  # an empty box is no search: every incident
        assert int(count["incidents"].iloc[0]) == 62


@pytest.mark.parametrize(
    "name, key",
    [
        ("al Bokamal", "bokamal"),
        ("al-Bokamal", "bokamal"),
        ("Boukamal", "bukamal"),
        ("Al-Bukamal", "bukamal"),
        ("Ālbū Kamāl", "albukamal"),
        ("Jisr ash-Shughūr", "jisrshughur"),
        ("Qurayyah", "quraya"),
        ("البوكمال", "بوكمال"),
        ("البو كمال", "بوكمال"),
        ("أبو كمال", "ابوكمال"),
        ("إدلب", "ادلب"),
        ("الرقّة", "رقه"),
        ("", ""),
    ],
)
def test_search_key(name, key):
    assert gazetteer.search_key(name) == key


def test_params():
    assert search_index.params(None) == {"search": None, "search_place": None, "search_words": None}
    assert search_index.params("  ") == {"search": None, "search_place": None, "search_words": None}
    assert search_index.params(" Abu  Kamal ") == {
        "search": "Abu  Kamal",
        "search_place": "abukamal",
        "search_words": ["abu", "kamal"],
    }
    assert search_index.params("al-Bokamal") == {
        "search": "al-Bokamal",
        "search_place": "bokamal",
        "search_words": ["bokamal"],
    }
    assert search_index.params("%") == {"search": "%", "search_place": None, "search_words": None}


def _indexed(path) -> set:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return set(con.execute("SELECT DISTINCT report_month, seq FROM search_postings").fetchall()), set(
            con.execute("SELECT report_month, seq FROM incidents").fetchall()
        )
    finally:
        con.close()


def test_the_index_is_built_with_the_data_and_follows_an_ingest(built_db, tmp_path):
    indexed, incidents = _indexed(built_db)
    assert indexed == incidents and len(incidents) == 62
    # Replacing October with the same report again: the index holds October once, not twice.
    from massacres.cli import main

    report = tmp_path / "reports" / "snhr-2017-10-massacres.txt"
    before = duckdb.connect(str(built_db), read_only=True)
    n_before = before.execute("SELECT count(*) FROM search_postings").fetchone()[0]
    before.close()
    assert main(["ingest", str(report), "--db", str(built_db)]) == 0
    after = duckdb.connect(str(built_db), read_only=True)
    try:
        assert after.execute("SELECT count(*) FROM search_postings").fetchone()[0] == n_before
        assert (
            after.execute(
                "SELECT count(*) FROM (SELECT report_month, kind, term FROM search_terms "
                "GROUP BY ALL HAVING count(*) > 1)"
            ).fetchone()[0]
            == 0
        )
    finally:
        after.close()
    assert _indexed(built_db)[0] == _indexed(built_db)[1]


def test_an_old_database_without_the_index_is_named(built_db, tmp_path):
    old = tmp_path / "old.duckdb"
    shutil.copy(built_db, old)
    c = duckdb.connect(str(old))
    c.execute("DROP TABLE search_postings")
    c.close()
    con = db.connect_readonly(old)
    try:
        assert db.missing_tables(con) == ["search_postings"]
    finally:
        con.close()


def test_the_search_reads_the_index_from_a_parquet_export(built_db, tmp_path):
    from massacres.cli import main

    out = tmp_path / "parquet"
    assert main(["export", "--db", str(built_db), "--parquet", str(out)]) == 0
    con = db.connect_parquet(out)
    try:
        rows, _ = _search(con, "البوكمال")
        assert set(zip(rows["report_month"], rows["seq"])) == BOKAMAL
    finally:
        con.close()


# ----------------------------------------------------------------------------- the term hash


def _hashes(keys: list[tuple[str, str]]) -> list[int]:
    con = duckdb.connect()
    try:
        return [
            con.execute("SELECT " + search_index.hash_sql() + " FROM (SELECT ? AS kind, ? AS term)", key).fetchone()[0]
            for key in keys
        ]
    finally:
        con.close()


def test_term_hashes_keep_the_order_of_the_keys_first_letters():
    # The postings are sorted by hash: the keys a prefix matches must lie together.
    keys = ["deir", "talba", "talbaza", "talbiseh", "talbisah", "zabadani", "بوكمال", "حمص", "ta"]
    hashes = _hashes([("place", k) for k in keys])
    # the top 24 bits are the first three bytes of UTF-8, written out by hand (ب U+0628 = D8 A8,
    # ح U+062D = D8 AD, م U+0645 = D9 85, و U+0648 = D9 88; "ta" is padded with a zero byte)
    prefixes = [h >> search_index.DIGEST_BITS for h in hashes]
    assert prefixes == [0x646569, 0x74616C, 0x74616C, 0x74616C, 0x74616C, 0x7A6162, 0xD8A8D9, 0xD8ADD9, 0x746100]
    tal = [h for k, h in zip(keys, hashes) if k.startswith("tal")]
    others = [h for k, h in zip(keys, hashes) if not k.startswith("tal")]
    assert not any(min(tal) <= h <= max(tal) for h in others)
    # The same key names different things as a place and as a word.
    assert _hashes([("place", "talba")]) != _hashes([("word", "talba")])


def test_keys_whose_hashes_collide_are_told_apart():
    sch = 0x736368 << 1  # 'sch', with one bit of digest: four keys that begin alike
    base = {("word", "school"): sch, ("word", "schools"): sch, ("word", "schul"): sch + 1, ("place", "schul"): sch}
    got = search_index.resolve_collisions(base)
    # in key order: ('place','schul') keeps sch, ('word','school') takes sch + 1, ('word','schools')
    # the next free one, sch + 2, and ('word','schul') finds its own sch + 1 taken: sch + 3
    assert got == {
        ("place", "schul"): sch,
        ("word", "school"): sch + 1,
        ("word", "schools"): sch + 2,
        ("word", "schul"): sch + 3,
    }
    assert search_index.resolve_collisions(dict(reversed(list(base.items())))) == got  # repeatable


def test_the_search_is_exact_when_hashes_collide(reports_dir, tmp_path, monkeypatch):
    # A build where most keys of a month collide (2 bits of digest): every search example still
    # finds exactly its incidents, because a month's hash names one key.
    from massacres.cli import main

    monkeypatch.setattr(search_index, "DIGEST_BITS", 2)
    path = tmp_path / "colliding.duckdb"
    assert main(["build", "--reports", str(reports_dir), "--db", str(path)]) == 0
    raw = duckdb.connect(str(path), read_only=True)
    try:
        keys = raw.execute("SELECT DISTINCT kind, term, term_hash FROM search_terms").fetchall()
        per_month = raw.execute(
            "SELECT count(*) FROM search_terms GROUP BY report_month, term_hash HAVING count(*) > 1"
        ).fetchall()
    finally:
        raw.close()
    assert per_month == []
    # the build did meet keys whose hashes collide, and gave them the next free hash
    base = _hashes([(kind, term) for kind, term, _ in keys])
    assert sum(h != b for (_, _, h), b in zip(keys, base)) > 10
    con = db.connect_readonly(path)
    try:
        for text, expected in SEARCH_EXAMPLES:
            rows, count = _search(con, text)
            assert set(zip(rows["report_month"], rows["seq"])) == expected, text
            assert int(count["incidents"].iloc[0]) == len(expected), text
    finally:
        con.close()


@pytest.mark.parametrize("text", [None, "school", "Abu Kamal", "البوكمال", "school same", "%"])
@pytest.mark.parametrize("name", ["incidents_by_search", "incidents_count_by_search"])
def test_the_matches_computed_first_give_the_one_statements_answer(con, name, text):
    # queries.run computes search_matches on its own and hands its rows to the query; the same
    # question asked as one statement (every shared part inlined) must give the same rows.
    params = ALL_DATES.params() | search_index.params(text) | {"limit": 1000, "offset": 0, "sort": "killed"}
    assert queries._plan(name)[0] == ("search_matches",)
    one = con.cursor()
    try:
        sql = queries.prepare(name)
        inlined = one.execute(sql, {k: v for k, v in params.items() if k in queries.parameters_in(sql)}).df()
    finally:
        one.close()
    run = queries.run(con, name, params)
    if name == "incidents_by_search":
        assert (len(run) == 0) == (text == "%")  # '%' has no letter to match
    assert run.equals(inlined)
