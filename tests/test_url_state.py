"""The view in the URL, round trip: a pasted link opens the search, order, selected incident and
the map's colouring; after Back (the browser reruns the page with the older query string) the
page reads them back from the URL instead of writing the newer view over it. The real Back
button is driven in tests/test_browser_links.py."""

from __future__ import annotations

from apptest import run_page


def _qp(at) -> dict[str, str]:
    return {k: at.query_params[k] for k in at.query_params}


def test_the_incidents_view_round_trips(app_db):
    url = {"perp": "russia", "q": "Boukamal", "sort": "date_desc", "incident": "2017-10-8"}
    at = run_page("incidents", url)
    assert not at.exception
    assert at.text_input(key="search").value == "Boukamal"
    assert at.selectbox(key="sort").value == "date_desc"
    assert at.multiselect(key="w_perpetrators").value == ["russia"]
    assert _qp(at) == url  # nothing added, nothing lost
    # Russia's al Bokamal incidents, newest first: Oct #11 (19 Oct), #10 (18 Oct), #8 (11 Oct), Sep #28 (30 Sep).
    table = next(df.value for df in at.dataframe if (df.key or "").startswith("incidents_table_"))
    assert [u.rsplit("=", 1)[1] for u in table["ID"]] == ["2017-10-11", "2017-10-10", "2017-10-8", "2017-09-28"]


def test_the_map_colouring_round_trips(app_db):
    at = run_page("map", {"color_by": "perpetrator", "gov": "deir_ez_zor"})
    assert not at.exception
    assert at.radio(key="color_by").value == "perpetrator"
    assert _qp(at)["color_by"] == "perpetrator" and _qp(at)["gov"] == "deir_ez_zor"


def test_back_reads_the_older_view_from_the_url(app_db):
    at = run_page("incidents", {"q": "Bokamal"})
    # A change in the page: the search and a filter, each written to the URL.
    at.text_input(key="search").input("school").run()
    at.multiselect(key="w_perpetrators").select("russia").run()
    assert _qp(at)["q"] == "school" and _qp(at)["perp"] == "russia"
    # Back: the browser puts the older query string in place and reruns the page.
    at.query_params.clear()
    at.query_params["q"] = "Bokamal"
    at.run()
    assert not at.exception
    assert at.text_input(key="search").value == "Bokamal"
    assert at.multiselect(key="w_perpetrators").value == []
    assert _qp(at) == {"q": "Bokamal"}  # not overwritten by the newer view
    # A change after Back is written as usual.
    at.selectbox(key="sort").select("killed").run()
    assert _qp(at) == {"q": "Bokamal", "sort": "killed"}


def test_back_on_the_map_restores_the_colouring(app_db):
    at = run_page("map", {"color_by": "perpetrator"})
    at.radio(key="color_by").set_value("area").run()
    assert _qp(at)["color_by"] == "area"
    at.query_params["color_by"] = "perpetrator"
    at.run()
    assert at.radio(key="color_by").value == "perpetrator"
