"""Incidents page: the filtered table under URL filters, a search done in SQL with a parameter,
a row opening its source paragraph, and the CSV/Excel/Parquet downloads parsed back.

Expected values are worked out from the hand-labelled fixtures
tests/fixtures/expected/snhr-2017-0{9,10}-massacres.incidents.json (recounted in plain Python
by `_fixture_rows`), never from the page.
"""

from __future__ import annotations

import io
import re

import duckdb
import openpyxl
import pandas as pd
import pytest
from apptest import run_page
from conftest import SAMPLES, expected_incidents
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

COLUMNS = [
    "ID",
    "Date",
    "Perpetrator",
    "Governorate",
    "Place",
    "Site",
    "Killed",
    "Children",
    "Women",
    "Fetuses",
    "Wounded",
    "Wounded figure",
    "Weapon",
    "Area of control",
    "Location precision",
    "Attribution note",
    "Report",
    "Corrected",
]
# The default range: the reports' own months, 1 September to 31 October 2017.
DEFAULT_START = "2017-09-01"
DEFAULT_STEM = "massacres-incidents_2017-09-01_2017-10-31"
# From the earliest incident's date (Sep #34, 2 Aug 2017, reported late) to October's end.
FROM_AUGUST_STEM = "massacres-incidents_2017-08-02_2017-10-31"


def _fixture_rows(keep=lambda r: True, start: str = DEFAULT_START) -> list[dict]:
    """The labelled incidents `keep` selects, dated from `start` (the default range's first day)."""
    return [
        dict(r, report_month=f"2017-{name[10:12]}")
        for name in SAMPLES
        for r in expected_incidents(name)
        if keep(r) and r["date"] >= start
    ]


def _haystack(r: dict) -> str:
    """The fields the search box looks in, as the page describes it."""
    return " ".join(
        x
        for x in (
            r["place"],
            r["parent_place"],
            r["site"],
            r["perpetrator_text"],
            r["perpetrator_note"],
            r["governorate"].replace("_", " "),
            r["paragraph"],
        )
        if x
    ).lower()


class Downloads:
    """The download buttons of the last run, by the file name offered. The page hands Streamlit a
    callable per button (nothing is built on a render); reading a file here clicks its button:
    Streamlit's media manager runs the callable, as on a click in the browser, and stores the bytes."""

    def __init__(self) -> None:
        self.deferred: dict[str, tuple[MediaFileManager, str]] = {}
        self.stored: dict[str, bytes] = {}

    def __iter__(self):
        return iter(self.deferred)

    def __contains__(self, name: str) -> bool:
        return name in self.deferred

    def __getitem__(self, name: str) -> bytes:
        manager, file_id = self.deferred[name]
        manager.execute_deferred(file_id)
        return self.stored.pop(name)


@pytest.fixture()
def downloads(monkeypatch) -> Downloads:
    files = Downloads()
    add_deferred, load = MediaFileManager.add_deferred, MemoryMediaFileStorage.load_and_get_id

    def deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        file_id = add_deferred(self, data_callable, mimetype, coordinates, file_name, **kw)
        files.deferred[file_name] = (self, file_id)
        return file_id

    def stored(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            files.stored[filename] = path_or_data
        return load(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MediaFileManager, "add_deferred", deferred)
    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", stored)
    return files


def _table(at) -> pd.DataFrame:
    tables = [df for df in at.dataframe if (df.key or "").startswith("incidents_table_")]
    assert len(tables) == 1
    return tables[0].value


def _summary(at) -> str:
    return next(m.value for m in at.markdown if " incident" in m.value and "killed" in m.value)


def _parsed(files: dict[str, bytes], stem: str) -> dict[str, pd.DataFrame]:
    assert {f"{stem}.csv", f"{stem}.xlsx", f"{stem}.parquet"} <= set(files), sorted(files)
    return {
        "csv": pd.read_csv(io.BytesIO(files[f"{stem}.csv"])),
        "xlsx": pd.read_excel(io.BytesIO(files[f"{stem}.xlsx"]), sheet_name="incidents", engine="openpyxl"),
        "parquet": pd.read_parquet(io.BytesIO(files[f"{stem}.parquet"])),
    }


def _check_downloads(files, stem, rows: list[dict]) -> None:
    """Each format holds exactly the expected incidents, with their sums; unknowns stay empty."""
    for fmt, df in _parsed(files, stem).items():
        assert len(df) == len(rows), fmt
        assert sorted(zip(df["report_month"], df["seq"])) == sorted((r["report_month"], r["seq"]) for r in rows), fmt
        assert df["killed"].sum() == sum(r["killed"] for r in rows), fmt
        assert df["children"].sum() == sum(r["children"] or 0 for r in rows), fmt
        assert df["women"].sum() == sum(r["women"] or 0 for r in rows), fmt
        assert df["fetuses"].sum() == sum(r["fetuses"] or 0 for r in rows), fmt
        assert df["wounded"].sum() == sum(r["wounded"] or 0 for r in rows), fmt
        assert int(df["children"].isna().sum()) == sum(r["children"] is None for r in rows), fmt  # never 0
        assert set(df["party"]) <= {"Syrian regime", "Russia", "ISIS", "International coalition", "Other parties"}
        assert df["paragraph"].notna().all(), fmt


def test_default_view(app_db, downloads):
    at = run_page("incidents")
    assert not at.exception
    rows = _fixture_rows()
    # The labelled totals (62 incidents, 680 killed, 209 children, 125 women, 2 fetuses) less September's two
    # late-reported August incidents, before the default range: #33 (5 killed, 3 children, 1 woman) and #34
    # (11 killed, 3 children, 2 women): 60, 664, 203, 122, 2.
    assert (len(rows), sum(r["killed"] for r in rows)) == (60, 664)
    assert _summary(at) == "**60 incidents, 664 killed**"
    table = _table(at)
    assert list(table.columns) == COLUMNS
    assert len(table) == 60
    assert (table["Killed"].sum(), table["Children"].sum(), table["Women"].sum(), table["Fetuses"].sum()) == (
        664,
        203,
        122,
        2,
    )
    assert int(table["Children"].isna().sum()) == 6  # Sep #14, #39; Oct #1, #10, #15, #19: no breakdown
    assert table["Wounded"].sum() == 265  # neither August incident gives a wounded figure
    # Date order, from the range's first day: Sep #35 (1 September) first.
    assert str(table["Date"].iloc[0]) == "2017-09-01" and str(table["Date"].iloc[-1]) == "2017-10-31"
    assert table["Perpetrator"].value_counts().to_dict() == {
        "Syrian regime": 24,
        "Russia": 20,
        "International coalition": 13,
        "ISIS": 2,
        "Other parties": 1,
    }
    assert not at.text  # nothing selected yet: no paragraph shown
    _check_downloads(downloads, DEFAULT_STEM, rows)


def test_from_the_first_incident_the_late_august_incidents_come_first(app_db, downloads):
    at = run_page("incidents", {"from": "2017-08-02"})
    assert not at.exception and not at.main.warning
    rows = _fixture_rows(start="2017-08-02")
    # Every labelled incident: 62, 680 killed, 209 children, 125 women, 2 fetuses.
    assert (len(rows), sum(r["killed"] for r in rows)) == (62, 680)
    assert _summary(at) == "**62 incidents, 680 killed**"
    table = _table(at)
    assert (table["Killed"].sum(), table["Children"].sum(), table["Women"].sum()) == (680, 209, 125)
    # Date order: the two August incidents of September's report come first.
    assert [str(d) for d in table["Date"].iloc[:2]] == ["2017-08-02", "2017-08-04"]
    assert table["Perpetrator"].value_counts().to_dict() == {
        "Syrian regime": 24,
        "Russia": 20,
        "International coalition": 14,
        "ISIS": 3,
        "Other parties": 1,
    }
    _check_downloads(downloads, FROM_AUGUST_STEM, rows)


@pytest.mark.parametrize(
    "query, keep, stem, summary",
    [
        # Sep #35–#43 and Oct #15–#18 (Sep #34, 2 August, is before the default range).
        (
            {"perp": "international_coalition"},
            lambda r: r["perpetrator"] == "international_coalition",
            DEFAULT_STEM,
            "**13 incidents, 133 killed**",
        ),
        # October by incident date: October's 19 incidents; the file names carry the range.
        (
            {"from": "2017-10-01", "to": "2017-10-31"},
            lambda r: r["date"] >= "2017-10-01",
            "massacres-incidents_2017-10-01_2017-10-31",
            "**19 incidents, 250 killed**",
        ),
        # Raqqa with 20 or more killed: only Oct #18 (25 killed).
        (
            {"gov": "raqqa", "min_killed": "20"},
            lambda r: r["governorate"] == "raqqa" and r["killed"] >= 20,
            DEFAULT_STEM,
            "**1 incident, 25 killed**",
        ),
        # September 1–15, Syrian regime and Russia: regime Sep #1–#5, #14, #16 (62 killed), Russia
        # Sep #19–#23 (65 killed).
        (
            {"from": "2017-09-01", "to": "2017-09-15", "perp": "syrian_regime,russia"},
            lambda r: "2017-09-01" <= r["date"] <= "2017-09-15" and r["perpetrator"] in ("syrian_regime", "russia"),
            "massacres-incidents_2017-09-01_2017-09-15",
            "**12 incidents, 127 killed**",
        ),
    ],
)
def test_filters_from_the_url(app_db, downloads, query, keep, stem, summary):
    at = run_page("incidents", query)
    assert not at.exception
    rows = _fixture_rows(keep)
    assert (
        summary == f"**{len(rows)} incident{'s' if len(rows) != 1 else ''}, {sum(r['killed'] for r in rows)} killed**"
    )
    assert _summary(at) == summary
    table = _table(at)
    assert len(table) == len(rows)
    assert table["Killed"].sum() == sum(r["killed"] for r in rows)
    assert sorted(table["Place"]) == sorted(r["place"] for r in rows)
    _check_downloads(downloads, stem, rows)


def test_search_matches(app_db, downloads):
    at = run_page("incidents")
    at.text_input(key="search").input("Bokamal").run()
    assert not at.exception
    rows = _fixture_rows(lambda r: "bokamal" in _haystack(r))
    # Sep #28, #39, #41, #42 and Oct #1, #8, #10, #11: 8 incidents, 88 killed.
    assert (len(rows), sum(r["killed"] for r in rows)) == (8, 88)
    assert _summary(at) == (
        "**8 incidents, 88 killed; 8 name the place searched for (listed first), 0 match words of the text**"
    )
    assert len(_table(at)) == 8
    assert at.query_params["q"] == "Bokamal"  # the search is in the URL
    _check_downloads(downloads, DEFAULT_STEM, rows)  # the downloads follow the search

    # Case-insensitive, with an apostrophe in the text searched for: Ma'razaf (Sep #16, 16 killed).
    at.text_input(key="search").input("MA'RAZAF").run()
    assert not at.exception
    assert _summary(at).startswith("**1 incident, 16 killed; 1 name the place")
    assert list(_table(at)["Place"]) == ["Ma'razaf"]

    # A governorate is a place: Misraba (Sep #14, 5), Beit Sawa (Sep #15, 10), Jisreen (Oct #5, 7).
    at.text_input(key="search").input("Damascus suburbs").run()
    rows = _fixture_rows(lambda r: r["governorate"] == "damascus_suburbs")
    assert sorted(r["place"] for r in rows) == ["Beit Sawa", "Jisreen", "Misraba"]
    assert _summary(at).startswith("**3 incidents, 22 killed; 3 name the place")

    # The search works inside the filters: Bokamal in October only is Oct #1, #8, #10, #11.
    at = run_page("incidents", {"from": "2017-10-01"})
    at.text_input(key="search").input("bokamal").run()
    assert _summary(at).startswith("**4 incidents, 48 killed")


def test_search_sort_and_incident_come_from_the_url(app_db):
    # A pasted link: the Arabic name of al Bokamal, most killed first, Sep #41 open.
    at = run_page("incidents", {"q": "البوكمال", "sort": "killed", "incident": "2017-09-41"})
    assert not at.exception
    assert at.text_input(key="search").value == "البوكمال"
    assert at.selectbox(key="sort").value == "killed"
    table = _table(at)
    # The 8 al Bokamal incidents (Sep #28, #39, #41, #42, Oct #1, #8, #10, #11), most killed first.
    killed = sorted(
        (
            r["killed"]
            for r in _fixture_rows()
            if (r["report_month"], r["seq"])
            in {
                ("2017-09", 28),
                ("2017-09", 39),
                ("2017-09", 41),
                ("2017-09", 42),
                ("2017-10", 1),
                ("2017-10", 8),
                ("2017-10", 10),
                ("2017-10", 11),
            }
        ),
        reverse=True,
    )
    assert list(table["Killed"]) == killed
    assert all(u.startswith("/Incident?incident=20") for u in table["ID"])
    # The card of Sep #41 (line 265 of the September report) under the table.
    sep41 = next(r for r in _fixture_rows() if (r["report_month"], r["seq"]) == ("2017-09", 41))
    texts = [t.value for t in at.text]
    assert "2017-09-41" in texts
    assert f"file snhr-2017-09-massacres.txt, line {sep41['line']}; incident 41 of the report's details" in texts
    assert sep41["paragraph"] in texts
    # An invalid order in the URL gives way to the default; the URL is rewritten without it.
    at = run_page("incidents", {"sort": "'; DROP"})
    assert not at.exception and at.selectbox(key="sort").value == "date" and "sort" not in at.query_params


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE incidents; --",
        '" OR 1=1 --',
        "x') OR ('1'='1",
        "%",  # literal, not a LIKE wildcard: no paragraph holds a per cent sign
        "_",  # nor an underscore: governorates are searched as words ("deir ez zor")
    ],
)
def test_search_text_is_harmless(app_db, text):
    at = run_page("incidents")
    at.text_input(key="search").input(text).run()
    assert not at.exception
    assert [i.value for i in at.info] == ["No incident matches these filters and this search."]
    assert "q" in at.query_params  # kept as typed (the URL escapes it), never run as SQL
    # The table is intact: clearing the search shows every incident again.
    at.text_input(key="search").input("").run()
    assert not at.exception
    assert _summary(at) == "**60 incidents, 664 killed**"


def test_selected_row_opens_its_card_and_goes_in_the_url(app_db):
    at = run_page("incidents")
    table = _table(at)
    row = int(table.index[table["Place"] == "Khsham"][0])
    key = next(df.key for df in at.dataframe if (df.key or "").startswith("incidents_table_"))
    at.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    khsham = _fixture_rows(lambda r: r["place"] == "Khsham")[0]  # Sep #23, line 227
    assert khsham["line"] == 227 and khsham["seq"] == 23
    assert at.query_params["incident"] == "2017-09-23"
    texts = [t.value for t in at.text]
    assert texts[0] == "2017-09-23"
    assert "file snhr-2017-09-massacres.txt, line 227; incident 23 of the report's details" in texts
    assert khsham["paragraph"] in texts
    # Deselecting the row takes the incident out of the URL.
    at.session_state[key] = {"selection": {"rows": [], "columns": [], "cells": []}}
    at.run()
    assert "incident" not in at.query_params


def test_formula_like_text_stays_text(app_db, downloads):
    # A place written like a spreadsheet formula (report text is untrusted).
    formula = '=HYPERLINK("http://example.invalid","x")'
    con = duckdb.connect(str(app_db))
    con.execute("UPDATE incidents SET place = $p WHERE report_month = '2017-09' AND seq = 23", {"p": formula})
    con.close()
    at = run_page("incidents")
    assert not at.exception
    assert formula in set(_table(at)["Place"])
    csv = pd.read_csv(io.BytesIO(downloads[f"{DEFAULT_STEM}.csv"]))
    assert "'" + formula in set(csv["place"])
    sheet = openpyxl.load_workbook(io.BytesIO(downloads[f"{DEFAULT_STEM}.xlsx"]))["incidents"]
    header = [c.value for c in sheet[1]]
    cells = [row[header.index("place")] for row in sheet.iter_rows(min_row=2)]
    cell = next(c for c in cells if c.value == formula)
    assert cell.data_type == "s"
    assert formula in set(pd.read_parquet(io.BytesIO(downloads[f"{DEFAULT_STEM}.parquet"]))["place"])


def test_large_result_is_paged_in_sql(app_db, downloads):
    # The default range's 60 incidents (664 killed) five times over (300 rows, 3320 killed): more than one page.
    con = duckdb.connect(str(app_db))
    con.execute(
        "INSERT INTO incidents SELECT i.* REPLACE (i.seq + t.k * 100 AS seq) FROM incidents AS i, range(1, 5) AS t(k)"
    )
    con.close()
    at = run_page("incidents")
    assert not at.exception
    assert _summary(at).startswith("**300 incidents, 3320 killed. The table shows 1–250")
    assert len(_table(at)) == 250
    at.pagination(key="incidents_page").select(2).run()
    assert not at.exception
    assert "The table shows 251–300" in _summary(at)
    assert len(_table(at)) == 50
    csv = pd.read_csv(io.BytesIO(downloads[f"{DEFAULT_STEM}.csv"]))
    assert (len(csv), csv["killed"].sum()) == (300, 3320)  # every page, not the one shown


# --- Downloads made on a click, from DuckDB --------------------------------------------------


def test_downloads_are_made_only_on_a_click(app_db, downloads, monkeypatch):
    from massacres.dashboard import downloads as made

    calls = []
    rows = made.rows
    monkeypatch.setattr(made, "rows", lambda con, params, *a: calls.append(params) or rows(con, params, *a))
    at = run_page("incidents")
    assert not at.exception
    at.text_input(key="search").input("Bokamal").run()  # a rerun: still nothing made
    assert not at.exception
    assert calls == [] and downloads.stored == {}
    assert set(downloads) == {f"{DEFAULT_STEM}.{fmt}" for fmt in ("csv", "xlsx", "parquet")}
    csv = pd.read_csv(io.BytesIO(downloads[f"{DEFAULT_STEM}.csv"]))  # the click
    assert len(calls) == 1 and calls[0]["search"] == "Bokamal"
    assert len(csv) == 8


# The same selection counted by DuckDB on its own, with the search written the plain way
# (contains over the joined columns: what the page's search must answer).
PLAIN_SEARCH = """
SELECT report_month, seq FROM incidents
WHERE date BETWEEN $start AND $end
  AND ($perpetrators IS NULL OR list_contains($perpetrators, perpetrator))
  AND killed >= $min_killed
  AND ($search IS NULL OR contains(lower(concat_ws(' ', place, parent_place, site, perpetrator_text,
                                                   perpetrator_note, replace(governorate, '_', ' '), paragraph)),
                                   lower($search)))
"""


def _plain(db, search=None, perpetrators=None, start=DEFAULT_START, end="2017-10-31", min_killed=0) -> set:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return set(
            con.execute(
                PLAIN_SEARCH,
                {"start": start, "end": end, "perpetrators": perpetrators, "min_killed": min_killed, "search": search},
            ).fetchall()
        )
    finally:
        con.close()


@pytest.mark.parametrize(
    "url, search, perpetrators, start, end, min_killed",
    [
        ({}, None, None, "2017-09-01", "2017-10-31", 0),
        ({"from": "2017-08-02"}, None, None, "2017-08-01", "2017-10-31", 0),  # every incident, August's too
        ({"perp": "russia"}, "deir", ["russia"], "2017-09-01", "2017-10-31", 0),
        ({"from": "2017-09-10", "to": "2017-10-20", "min_killed": "10"}, None, None, "2017-09-10", "2017-10-20", 10),
        ({}, "children", None, "2017-09-01", "2017-10-31", 0),
        ({"from": "2017-08-02"}, "children", None, "2017-08-01", "2017-10-31", 0),
    ],
)
def test_downloads_hold_exactly_the_selected_rows(app_db, downloads, url, search, perpetrators, start, end, min_killed):
    expected = _plain(app_db, search, perpetrators, start, end, min_killed)
    assert expected
    at = run_page("incidents", url)
    if search:
        at.text_input(key="search").input(search).run()
    assert not at.exception
    stem = f"massacres-incidents_{url.get('from', '2017-09-01')}_{url.get('to', '2017-10-31')}"
    for fmt, df in _parsed(downloads, stem).items():
        assert len(df) == len(expected), fmt
        assert set(zip(df["report_month"], df["seq"])) == expected, fmt
        assert list(df.columns) == EXPORT_COLUMNS, fmt
        # In date order, as the page's table.
        assert list(pd.to_datetime(df["date"])) == sorted(pd.to_datetime(df["date"])), fmt


EXPORT_COLUMNS = [
    "incident_id",
    "report_month",
    "seq",
    "date",
    "perpetrator",
    "party",
    "attribution_uncertain",
    "attribution_note",
    "governorate",
    "place",
    "place_type",
    "parent_place",
    "site",
    "killed",
    "killed_is_lower_bound",
    "children",
    "women",
    "fetuses",
    "wounded",
    "wounded_qualifier",
    "same_family",
    "idps",
    "weapon",
    "target",
    "area_of_control",
    "location_precision",
    "lat",
    "lon",
    "corrected",
    "source_file",
    "line",
    "paragraph",
]


def test_parquet_keeps_types_and_unknowns(app_db, downloads):
    at = run_page("incidents")
    assert not at.exception
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(downloads[f"{DEFAULT_STEM}.parquet"]))
    assert table.num_rows == 60  # the default range's incidents
    assert str(table.schema.field("date").type) == "date32[day]"
    assert str(table.schema.field("killed").type) == "int32"
    assert table.column("children").null_count == 6  # no breakdown: unknown, never 0


def test_excel_is_capped_at_a_sheet_and_says_so(app_db, downloads, monkeypatch):
    # 300 rows (the default range's 60, five times over); an Excel limit of 100 (the real one, 100,000
    # rows, is too large for a test): the page warns, the Excel file has the first 100 and says so.
    con = duckdb.connect(str(app_db))
    con.execute(
        "INSERT INTO incidents SELECT i.* REPLACE (i.seq + t.k * 100 AS seq) FROM incidents AS i, range(1, 5) AS t(k)"
    )
    con.close()
    monkeypatch.setenv("MASSACRES_EXCEL_MAX_ROWS", "100")
    at = run_page("incidents")
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "The Excel file holds the first 100 of the 300 matching rows (in the table's order: date, oldest first); "
        "the CSV and Parquet files hold them all."
    ]
    xlsx = downloads[f"{DEFAULT_STEM}.xlsx"]
    sheet = pd.read_excel(io.BytesIO(xlsx), sheet_name="incidents", engine="openpyxl")
    csv = pd.read_csv(io.BytesIO(downloads[f"{DEFAULT_STEM}.csv"]))
    assert (len(sheet), len(csv)) == (100, 300)
    assert list(zip(sheet["report_month"], sheet["seq"])) == list(zip(csv["report_month"], csv["seq"]))[:100]
    about = pd.read_excel(io.BytesIO(xlsx), sheet_name="about", engine="openpyxl")["about"].tolist()
    assert about[-1].startswith(
        "The Excel download holds at most 100 rows: this file has the first 100 of the 300 matching incidents"
    )
    assert len(pd.read_parquet(io.BytesIO(downloads[f"{DEFAULT_STEM}.parquet"]))) == 300


def test_excel_limit_is_100k_rows_and_never_more_than_a_sheet(monkeypatch):
    from massacres.dashboard import downloads as made

    monkeypatch.delenv("MASSACRES_EXCEL_MAX_ROWS", raising=False)
    assert made.excel_max_rows() == 100_000
    monkeypatch.setenv("MASSACRES_EXCEL_MAX_ROWS", "5000000")
    assert made.excel_max_rows() == 1_048_576 - 1  # a sheet's rows less the header


# --- The search: the words of the text, the plain way -------------------------------------------


def _plain_words(db, search: str) -> set:
    """Incidents where every word of `search` begins a word of the searched fields, by a regular
    expression over the lower-cased text (for words the normalisation leaves as they are)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT report_month, seq, concat_ws(' ', place, parent_place, site, perpetrator_text, "
            "perpetrator_note, replace(governorate, '_', ' '), paragraph) FROM incidents"
        ).fetchall()
    finally:
        con.close()
    words = search.lower().split()
    return {(m, q) for m, q, text in rows if all(re.search(r"(?<![\w'])" + re.escape(w), text.lower()) for w in words)}


@pytest.mark.parametrize(
    "term",
    [
        "school",
        "children",
        "Russian",
        "bus",
        "hospital",
        "market",
        "same family",
        "water crossing",
        "Syrian regime",
        "barrel",
        "IDPs",
    ],
)
def test_text_search_finds_every_paragraph_with_the_words(app_db, term):
    import datetime as dt

    from massacres.dashboard.filters import Filters
    from massacres.store import db, queries, search_index

    expected = _plain_words(app_db, term)
    con = db.connect_readonly(app_db)
    params = Filters(dt.date(2017, 8, 1), dt.date(2017, 10, 31)).params() | {"limit": 1000, "offset": 0, "sort": "date"}
    page = queries.run(con, "incidents_by_search", params | search_index.params(term))
    con.close()
    found = set(zip(page["report_month"], page["seq"]))
    assert expected <= found, term
    # Anything more is a place match (a governorate, a gazetteer spelling), ranked first.
    extra = page.loc[[k not in expected for k in zip(page["report_month"], page["seq"])]]
    assert set(extra["search_rank"]) <= {0}, term


@pytest.mark.parametrize("term", ["Raqqa", "bus", "Deir Ez", "al Mayadin", "hospital"])
def test_search_on_the_page_shows_what_the_query_finds(app_db, term):
    import datetime as dt

    from massacres.dashboard.filters import Filters
    from massacres.store import db, queries, search_index

    con = db.connect_readonly(app_db)
    found = queries.run(
        con,
        "incidents_by_search",
        Filters(dt.date(2017, 8, 2), dt.date(2017, 10, 31)).params()
        | search_index.params(term)
        | {"limit": None, "offset": 0, "sort": "date"},
    )
    con.close()
    expected = set(zip(found["report_month"], found["seq"]))
    assert expected >= _plain_words(app_db, term)
    at = run_page("incidents", {"from": "2017-08-02"})  # the same range as the query above
    at.text_input(key="search").input(term).run()
    assert not at.exception
    if not expected:
        assert [i.value for i in at.info] == ["No incident matches these filters and this search."]
        return
    assert _summary(at).startswith(f"**{len(expected)} incident{'s' if len(expected) != 1 else ''}, ")
    table = _table(at)
    assert len(table) == len(expected)
