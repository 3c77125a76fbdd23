"""The first dashboard, run by Streamlit's AppTest against a freshly built database."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT


@pytest.fixture()
def app_env(built_db, monkeypatch):
    monkeypatch.setenv("MASSACRES_DB", str(built_db))
    return built_db


def test_reports_and_incidents_shown(app_env):
    at = AppTest.from_file(str(ROOT / "app.py")).run(timeout=60)
    assert not at.exception
    reports = at.dataframe[0].value
    assert reports["month"].tolist() == ["2017-09", "2017-10"]
    assert reports["stated_massacres"].tolist() == [43, 39]
    assert reports["documented_massacres"].tolist() == [43, 19]
    assert [m.value for m in at.markdown] == ["62 incidents, 680 killed"]


def test_search_filters_incidents(app_env):
    at = AppTest.from_file(str(ROOT / "app.py")).run(timeout=60)
    at.text_input(key="search").input("Bokamal").run()
    table = at.dataframe[1].value
    assert len(table) == 8 and table["paragraph"].str.contains("Bokamal").all()
    at.selectbox(key="month").select("2017-10").run()
    assert len(at.dataframe[1].value) == 4
    at.text_input(key="search").input("'; DROP TABLE incidents; --").run()
    assert not at.exception and len(at.dataframe[1].value) == 0


def test_missing_database_explains_how_to_build(tmp_path, monkeypatch):
    monkeypatch.setenv("MASSACRES_DB", str(tmp_path / "absent.duckdb"))
    at = AppTest.from_file(str(ROOT / "app.py")).run(timeout=60)
    assert not at.exception
    assert "make build" in at.error[0].value


def test_warnings_page(app_env):
    at = AppTest.from_file(str(ROOT / "pages" / "1_Warnings.py")).run(timeout=60)
    assert not at.exception
    table = at.dataframe[0].value
    assert (table["code"] == "governorate_conflict").sum() == 4
