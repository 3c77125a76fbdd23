"""Incidents page: the filtered table under URL filters, a search done in SQL with a parameter,
a row opening its source paragraph, and the CSV/Excel/Parquet downloads parsed back.

Expected values are worked out from the hand-labelled fixtures
tests/fixtures/expected/snhr-2017-0{9,10}-massacres.incidents.json (recounted in plain Python
by `_fixture_rows`), never from the page.
"""
from __future__ import annotations

import io

import duckdb
import openpyxl
import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from apptest import run_page
from conftest import SAMPLES, expected_incidents

COLUMNS = ["Date", "Perpetrator", "Governorate", "Place", "Site", "Killed", "Children", "Women", "Fetuses",
           "Wounded", "Wounded figure", "Weapon", "Area of control", "Location precision", "Attribution note",
           "Report"]
DEFAULT_STEM = "massacres-incidents_2017-08-02_2017-10-31"  # earliest incident date (Sep #34) to October's end


def _fixture_rows(keep=lambda r: True) -> list[dict]:
    return [dict(r, report_month=f"2017-{name[10:12]}") for name in SAMPLES for r in expected_incidents(name)
            if keep(r)]


def _haystack(r: dict) -> str:
    """The fields the search box looks in, as the page describes it."""
    return " ".join(x for x in (r["place"], r["parent_place"], r["site"], r["perpetrator_text"],
                                r["perpetrator_note"], r["governorate"].replace("_", " "), r["paragraph"]) if x).lower()


@pytest.fixture()
def downloads(monkeypatch) -> dict[str, bytes]:
    """The bytes of every download button of the last run, by the file name offered."""
    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def capture(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", capture)
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
    # 62 incidents, 680 killed, 209 children, 125 women, 2 fetuses (the labelled totals).
    assert (len(rows), sum(r["killed"] for r in rows)) == (62, 680)
    assert _summary(at) == "**62 incidents, 680 killed**"
    table = _table(at)
    assert list(table.columns) == COLUMNS
    assert len(table) == 62
    assert (table["Killed"].sum(), table["Children"].sum(), table["Women"].sum(), table["Fetuses"].sum()) == \
           (680, 209, 125, 2)
    assert int(table["Children"].isna().sum()) == 6  # Sep #14, #39; Oct #1, #10, #15, #19: no breakdown
    assert table["Wounded"].sum() == 265
    # Date order: the two August incidents of September's report come first.
    assert str(table["Date"].iloc[0]) == "2017-08-02" and str(table["Date"].iloc[-1]) == "2017-10-31"
    assert table["Perpetrator"].value_counts().to_dict() == {
        "Syrian regime": 24, "Russia": 20, "International coalition": 14, "ISIS": 3, "Other parties": 1}
    assert not at.text  # nothing selected yet: no paragraph shown
    _check_downloads(downloads, DEFAULT_STEM, rows)


@pytest.mark.parametrize("query, keep, stem, summary", [
    # Sep #34–#43 and Oct #15–#18.
    ({"perp": "international_coalition"}, lambda r: r["perpetrator"] == "international_coalition",
     DEFAULT_STEM, "**14 incidents, 144 killed**"),
    # October by incident date: October's 19 incidents; the file names carry the range.
    ({"from": "2017-10-01", "to": "2017-10-31"}, lambda r: r["date"] >= "2017-10-01",
     "massacres-incidents_2017-10-01_2017-10-31", "**19 incidents, 250 killed**"),
    # Raqqa with 20 or more killed: only Oct #18 (25 killed).
    ({"gov": "raqqa", "min_killed": "20"}, lambda r: r["governorate"] == "raqqa" and r["killed"] >= 20,
     DEFAULT_STEM, "**1 incident, 25 killed**"),
    # September 1–15, Syrian regime and Russia: regime Sep #1–#5, #14, #16 (62 killed), Russia
    # Sep #19–#23 (65 killed).
    ({"from": "2017-09-01", "to": "2017-09-15", "perp": "syrian_regime,russia"},
     lambda r: "2017-09-01" <= r["date"] <= "2017-09-15" and r["perpetrator"] in ("syrian_regime", "russia"),
     "massacres-incidents_2017-09-01_2017-09-15", "**12 incidents, 127 killed**"),
])
def test_filters_from_the_url(app_db, downloads, query, keep, stem, summary):
    at = run_page("incidents", query)
    assert not at.exception
    rows = _fixture_rows(keep)
    assert summary == f"**{len(rows)} incident{'s' if len(rows) != 1 else ''}, {sum(r['killed'] for r in rows)} killed**"
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
    assert _summary(at) == "**8 incidents, 88 killed**"
    assert len(_table(at)) == 8
    _check_downloads(downloads, DEFAULT_STEM, rows)  # the downloads follow the search

    # Case-insensitive, with an apostrophe in the text searched for: Ma'razaf (Sep #16, 16 killed).
    at.text_input(key="search").input("MA'RAZAF").run()
    assert not at.exception
    assert _summary(at) == "**1 incident, 16 killed**"
    assert list(_table(at)["Place"]) == ["Ma'razaf"]

    # Governorates are searched as words: Misraba (Sep #14, 5), Beit Sawa (Sep #15, 10), Jisreen (Oct #5, 7).
    at.text_input(key="search").input("Damascus suburbs").run()
    rows = _fixture_rows(lambda r: "damascus suburbs" in _haystack(r))
    assert sorted(r["place"] for r in rows) == ["Beit Sawa", "Jisreen", "Misraba"]
    assert _summary(at) == "**3 incidents, 22 killed**"

    # The search works inside the filters: Bokamal in October only is Oct #1, #8, #10, #11.
    at = run_page("incidents", {"from": "2017-10-01"})
    at.text_input(key="search").input("bokamal").run()
    assert _summary(at) == "**4 incidents, 48 killed**"


@pytest.mark.parametrize("text", [
    "'; DROP TABLE incidents; --",
    "\" OR 1=1 --",
    "x') OR ('1'='1",
    "%",  # literal, not a LIKE wildcard: no paragraph holds a per cent sign
    "_",  # nor an underscore: governorates are searched as words ("deir ez zor")
])
def test_search_text_is_harmless(app_db, text):
    at = run_page("incidents")
    at.text_input(key="search").input(text).run()
    assert not at.exception
    assert [i.value for i in at.info] == ["No incident matches these filters and this search."]
    # The table is intact: clearing the search shows every incident again.
    at.text_input(key="search").input("").run()
    assert not at.exception
    assert _summary(at) == "**62 incidents, 680 killed**"


def test_selected_row_opens_its_source_paragraph(app_db):
    at = run_page("incidents")
    table = _table(at)
    row = int(table.index[table["Place"] == "Khsham"][0])
    key = next(df.key for df in at.dataframe if (df.key or "").startswith("incidents_table_"))
    at.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    khsham = _fixture_rows(lambda r: r["place"] == "Khsham")[0]  # Sep #23, line 227
    texts = [t.value for t in at.text]
    assert texts[0] == (f"September 2017 report · source file snhr-2017-09-massacres.txt · line {khsham['line']} · "
                        f"incident {khsham['seq']} of the report's details")
    assert texts[1] == khsham["paragraph"]
    assert khsham["line"] == 227 and khsham["seq"] == 23


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
    # 62 incidents five times over (310 rows): more than one page of the table.
    con = duckdb.connect(str(app_db))
    con.execute("INSERT INTO incidents SELECT i.* REPLACE (i.seq + t.k * 100 AS seq) "
                "FROM incidents AS i, range(1, 5) AS t(k)")
    con.close()
    at = run_page("incidents")
    assert not at.exception
    assert _summary(at).startswith("**310 incidents, 3400 killed. The table shows 1–250")
    assert len(_table(at)) == 250
    at.pagination(key="incidents_page").select(2).run()
    assert not at.exception
    assert "The table shows 251–310" in _summary(at)
    assert len(_table(at)) == 60
    csv = pd.read_csv(io.BytesIO(downloads[f"{DEFAULT_STEM}.csv"]))
    assert (len(csv), csv["killed"].sum()) == (310, 3400)  # every page, not the one shown
