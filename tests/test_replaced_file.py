"""Issue 12, point 11: the database file replaced by something that is not a DuckDB file while
the app runs. Pages keep serving the last good file with a notice, or say clearly what is wrong."""

from __future__ import annotations

import os

import streamlit as st
from apptest import metrics, run_page
from conftest import ROOT
from streamlit.testing.v1 import AppTest


def _add_report() -> AppTest:
    return AppTest.from_file(str(ROOT / "pages" / "7_Add_report.py"), default_timeout=60).run()


def _replace_with_text(path) -> None:
    junk = path.with_name("junk.tmp")
    junk.write_text("this is not a database\n" * 100)
    os.replace(junk, path)


def test_pages_keep_serving_the_last_good_file(app_db):
    first = run_page("overview")  # the default range, from 1 Sep: 62 incidents less the two dated in August
    assert not first.exception and metrics(first)[0] == ("Massacres", "60")
    _replace_with_text(app_db)
    for page in ("overview", "perpetrators", "incidents", "add_report"):
        at = _add_report() if page == "add_report" else run_page(page)
        assert not at.exception, page
        assert any("cannot be read" in w.value for w in at.warning), page
    assert metrics(run_page("overview"))[0] == ("Massacres", "60")


def test_with_no_good_file_open_the_page_says_what_is_wrong(app_db):
    _replace_with_text(app_db)
    st.cache_resource.clear()
    from massacres.dashboard import ui

    ui._LAST_GOOD.clear()
    at = run_page("overview")
    assert not at.exception
    assert any("is not a DuckDB database this app can read" in e.value for e in at.error)


def test_nothing_can_be_added_to_an_unreadable_file(app_db):
    run_page("overview")
    _replace_with_text(app_db)
    at = _add_report()
    assert not at.exception and not at.file_uploader
    assert any("nothing can be added" in e.value for e in at.error)
