"""The "Cite this view" box: its text from plain functions (expectations written by hand), and the box on
every page, citing the page's URL with its filters, the reports the view draws on and the build date."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from apptest import PAGES, run_page

from massacres.dashboard import citation, ui


def test_the_url_keeps_the_browser_address_and_the_query():
    assert (
        citation.view_url(
            "http://host:8501/Map",
            "Map",
            {"from": ["2017-09-01"], "perp": ["russia,isis"], "color_by": ["perpetrator"]},
        )
        == "http://host:8501/Map?from=2017-09-01&perp=russia,isis&color_by=perpetrator"
    )
    # Without a browser (AppTest) the page's path stands in; no query, no '?'.
    assert citation.view_url(None, "Map", {}) == "/Map"
    assert citation.view_url(None, "", {"to": ["2017-10-31"]}) == "/?to=2017-10-31"
    # Text that is not URL-safe is encoded, never passed through.
    assert citation.view_url("http://h/", "", {"q": ["a b&c"]}) == "http://h?q=a+b%26c"


def test_the_reports_are_named_or_counted():
    assert citation.reports_text(["2017-09"]) == "the monthly report of September 2017"
    assert citation.reports_text(["2017-10", "2017-09"]) == "the monthly reports of September 2017 and October 2017"
    assert (
        citation.reports_text(["2017-09", "2017-10", "2017-11"])
        == "the monthly reports of September 2017, October 2017 and November 2017"
    )
    assert (
        citation.reports_text(["2016-12", "2015-01", "2016-02", "2015-06"])
        == "4 monthly reports, January 2015 to December 2016"
    )
    assert citation.reports_text([]) == "no report (the view holds no data)"


def test_the_citation_reads_as_one_paragraph():
    text = citation.citation(
        "Map",
        "1 Sep 2017 – 31 Oct 2017; perpetrator: Russia",
        "http://h/Map?perp=russia",
        ["2017-09", "2017-10"],
        dt.datetime(2026, 12, 2, 4, 5),
        dt.date(2026, 12, 3),
    )
    assert text == (
        'Massacres in Syria: a dashboard of the Syrian Network for Human Rights\' monthly reports, "Map" view '
        "(1 Sep 2017 – 31 Oct 2017; perpetrator: Russia). http://h/Map?perp=russia (accessed 2026-12-03). "
        "Data: Syrian Network for Human Rights (SNHR), the monthly reports of September 2017 and October 2017; "
        "data built 2026-12-02 04:05 UTC."
    )
    assert citation.built_text(None) == "build date unknown"


def test_page_paths_follow_the_file_names():
    assert ui.page_path("Overview") == ""
    assert ui.page_path("Data quality") == "Data_quality"
    assert ui.page_path("About the data") == "About"


def _cite_text(at) -> str:
    codes = [c.value for c in at.sidebar.code]
    assert len(codes) == 1, codes
    return codes[0]


def _built(db) -> str:
    con = duckdb.connect(str(db), read_only=True)
    at = con.execute('SELECT max("at") FROM ingest_log').fetchone()[0]
    con.close()
    return f"data built {at:%Y-%m-%d %H:%M} UTC"


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_has_the_box(app_db, page):
    at = run_page(page)
    assert not at.exception
    text = _cite_text(at)
    assert "the monthly reports of September 2017 and October 2017" in text
    assert _built(app_db) in text
    assert f"accessed {dt.datetime.now(dt.UTC):%Y-%m-%d}" in text


def test_the_box_cites_the_filters_and_the_pages_own_settings(app_db):
    # August 2017: no report covers it, but the September report details incidents of August (the earliest,
    # 2 August, is where the date range starts: the data begins there).
    at = run_page("map", {"from": "2017-08-02", "to": "2017-08-31", "color_by": "perpetrator"})
    text = _cite_text(at)
    assert '"Map" view (2 Aug 2017 – 31 Aug 2017)' in text
    # The start is the data's first day, which the app leaves out of the URL (it is the default).
    assert "/Map?" in text and "to=2017-08-31" in text
    assert "color_by=perpetrator" in text
    assert "Data: Syrian Network for Human Rights (SNHR), the monthly report of September 2017;" in text


def test_a_setting_changed_on_the_page_is_cited_in_the_same_run(app_db):
    at = run_page("map")
    assert "color_by=area" in _cite_text(at)
    at.radio(key="color_by").set_value("perpetrator").run()
    assert "color_by=perpetrator" in _cite_text(at)
