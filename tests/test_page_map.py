"""Map page: one point per incident, hollow when located only to a city or governorate, theme colours
(by area of control, or by party), governorates shaded by count, the local offline style, escaped
tooltips, and a click showing the incident.

Expected values come from the hand-labelled fixtures: tests/fixtures/expected/*.incidents.json
(perpetrator, governorate, area of control, killed per incident) and geocode.json (each incident's
expected location precision), never from the database the page reads.
"""

from __future__ import annotations

import json
from collections import Counter

import duckdb
import pytest
from apptest import deck_specs, run_page
from conftest import EXPECTED, ROOT, SAMPLES, expected_incidents

from massacres.dashboard import mapdeck, theme

OFFLINE_STYLE = "/app/static/map_style_offline.json"
LOCATED, APPROXIMATE, GOVERNORATES = "incidents-located", "incidents-approximate", "governorates"


def _fixture_incidents() -> dict[tuple[str, int], dict]:
    """Every labelled incident keyed (report_month, seq), with its expected precision added."""
    out = {}
    for name in SAMPLES:  # "snhr-2017-09-massacres" -> report month "2017-09"
        month = name.split("-")[1] + "-" + name.split("-")[2]
        for inc in expected_incidents(name):
            out[(month, inc["seq"])] = dict(inc)
    for g in json.loads((EXPECTED / "geocode.json").read_text(encoding="utf-8")):
        out[(g["report_month"], g["seq"])]["precision"] = g["expected_precision"]
    return out


FIXTURES = _fixture_incidents()


DEFAULT_START = "2017-09-01"  # the default range: the reports' months, September and October 2017


def _expected(perp=None, gov=None, min_killed=0, start=DEFAULT_START) -> dict[tuple[str, int], dict]:
    """The fixture incidents a filter selects (from `start` to the data's end; uncertain attributions
    included). From the default start, September's two late-reported August incidents (#33, #34) are out."""
    return {
        k: v
        for k, v in FIXTURES.items()
        if (perp is None or v["perpetrator"] in perp)
        and (gov is None or v["governorate"] in gov)
        and v["killed"] >= min_killed
        and v["date"] >= start
    }


def _layers(spec: dict) -> dict[str, dict]:
    return {layer["id"]: layer for layer in spec["layers"]}


def _points(spec: dict) -> dict[tuple[str, int], tuple[str, dict]]:
    """(report_month, seq) -> (layer id, point) for every incident point on the map."""
    layers = _layers(spec)
    return {(p["report_month"], p["seq"]): (lid, p) for lid in (LOCATED, APPROXIMATE) for p in layers[lid]["data"]}


def _colour(lid: str, point: dict) -> list[int]:
    """The colour a point is drawn in: the fill of a filled point, the ring of a hollow one."""
    return point["fill"][:3] if lid == LOCATED else point["line"][:3]


def _governorate_counts(spec: dict) -> dict[str, int]:
    return {
        f["properties"]["key"]: f["properties"]["massacres"] for f in _layers(spec)[GOVERNORATES]["data"]["features"]
    }


def _texts(at) -> list[str]:
    return [t.value for t in at.text]


def _check_view(at, expected: dict) -> dict:
    """What every view must satisfy: one point per expected incident, hollow exactly when the
    precision is below locality, colours by area of control, radius^2 proportional to killed."""
    assert not at.exception
    (spec,) = deck_specs(at)
    points = _points(spec)
    assert set(points) == set(expected)
    hollow = {k for k, (lid, _) in points.items() if lid == APPROXIMATE}
    assert hollow == {k for k, v in expected.items() if v["precision"] in ("city", "governorate")}
    for k, (lid, p) in points.items():
        assert _colour(lid, p) == theme.hex_to_rgb(theme.area_colour(expected[k]["area_of_control"])), k
        assert p["killed"] == expected[k]["killed"]
        assert abs(p["radius"] ** 2 / expected[k]["killed"] - 9.0) < 0.01  # radius = 3 px x sqrt(killed)
    counts = _governorate_counts(spec)
    assert len(counts) == 14 and set(counts) == set(theme.GOVERNORATES)
    assert counts == {g: Counter(v["governorate"] for v in expected.values())[g] for g in theme.GOVERNORATES}
    return spec


def test_default_view(app_db):
    at = run_page("map")
    spec = _check_view(at, _expected())
    points = _points(spec)
    # By hand from the fixtures: 62 incidents; geocode.json: exact 7, locality 20, city 25, governorate 10.
    # From 1 Sep (the default range) the two August ones, both Raqqa city (geocode.json: "city"), are out:
    # 60 incidents, city 23, hollow 23 + 10 = 33.
    assert len(points) == 60
    assert sum(lid == APPROXIMATE for lid, _ in points.values()) == 33
    assert (
        "60 incidents in the range. Location precision: exact (map link) 7, locality 20, city 23, governorate only 10."
    ) in _texts(at)
    layers = _layers(spec)
    # Hollow: stroked, not filled; precise points filled.
    assert layers[APPROXIMATE]["filled"] is False and layers[APPROXIMATE]["stroked"] is True
    assert layers[LOCATED]["filled"] is True
    assert layers[LOCATED]["radiusUnits"] == "pixels"
    # Known incidents: Hawayej Thyab Shamiya (2017-09 #1, ISIS-held, governorate precision): a black ring;
    # Armanaz (2017-09 #13, armed opposition, locality): filled #009E73; Mazra'at al Tes'a (#12, HTS,
    # governorate precision): a #CC79A7 ring; al Boulayl (#19, ISIS-held, locality): filled black.
    assert points[("2017-09", 1)][0] == APPROXIMATE and points[("2017-09", 1)][1]["line"] == [0, 0, 0, 255]
    assert points[("2017-09", 13)][0] == LOCATED and points[("2017-09", 13)][1]["fill"][:3] == [0, 158, 115]
    assert points[("2017-09", 12)][0] == APPROXIMATE and points[("2017-09", 12)][1]["line"][:3] == [204, 121, 167]
    assert points[("2017-09", 19)][0] == LOCATED and points[("2017-09", 19)][1]["fill"][:3] == [0, 0, 0]
    # Deir ez-Zor: 34 incidents under its heading (24 in September, 10 in October); Raqqa 10 less the two
    # August ones = 8; Latakia none.
    counts = _governorate_counts(spec)
    assert counts["deir_ez_zor"] == 34 and counts["raqqa"] == 8 and counts["latakia"] == 0
    shades = {f["properties"]["key"]: f["properties"]["fill"] for f in layers[GOVERNORATES]["data"]["features"]}
    assert shades["deir_ez_zor"] != shades["raqqa"] != shades["latakia"]
    # The tooltip: date, place, party, victims, area of control, precision.
    armanaz = points[("2017-09", 13)][1]
    assert armanaz["tt_title"] == "2017-09-29 · Armanaz"
    assert armanaz["tt_2"] == "Perpetrator: Syrian regime"
    assert armanaz["tt_3"] == "Killed 39; children 9; women 11"
    assert armanaz["tt_4"] == "Area of control: Armed opposition"
    assert armanaz["tt_5"].startswith("Location: locality")
    tooltip = json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip)
    assert tooltip["html"].startswith("<b>{tt_title}</b>")
    # Quotes are left as they are (Streamlit escapes substituted values itself): no '&#x27;' shown.
    assert points[("2017-09", 12)][1]["tt_title"] == "2017-09-28 · Mazra'at al Tes'a"
    # Legend, attribution, source.
    texts = _texts(at)
    assert "Hollow: city or governorate only, approximate (33)" in texts
    assert "Filled: exact or locality (27)" in texts
    assert "ISIS (41)" in texts  # 43 in ISIS-held areas, less the two August ones (both ISIS-held)
    captions = [c.value for c in at.caption]
    assert (
        "Place names and coordinates: Who's On First, derived largely from GeoNames (CC BY 4.0) and foursquare "
        "Quattroshapes (CC BY). Governorate boundaries: Natural Earth (public domain)."
    ) in captions
    assert "Source: SNHR monthly reports" in captions


def test_map_style_is_local_by_default_and_online_on_request(app_db, monkeypatch):
    monkeypatch.setattr(mapdeck, "reachable", lambda url, timeout=2.0: True)  # as if online
    at = run_page("map")
    assert not at.exception
    assert deck_specs(at)[0]["mapStyle"] == OFFLINE_STYLE
    style = json.loads((ROOT / "static" / "map_style_offline.json").read_text(encoding="utf-8"))
    assert style["version"] == 8 and style["sources"] == {}
    assert [layer["type"] for layer in style["layers"]] == ["background"]
    assert "http" not in json.dumps(style)  # nothing to fetch: no tiles, glyphs or sprites
    at.toggle(key="basemap_online").set_value(True).run()
    assert not at.exception
    assert deck_specs(at)[0]["mapStyle"].startswith("https://basemaps.cartocdn.com/")
    assert any("OpenStreetMap" in c.value for c in at.caption)


def test_perpetrator_filter(app_db):
    at = run_page("map", {"perp": "russia"})
    spec = _check_view(at, _expected(perp={"russia"}))
    # By hand: 20 Russian incidents; city 8 + governorate 2 of them are hollow.
    assert len(_points(spec)) == 20
    assert sum(lid == APPROXIMATE for lid, _ in _points(spec).values()) == 10
    assert _governorate_counts(spec)["deir_ez_zor"] == sum(
        1 for v in _expected(perp={"russia"}).values() if v["governorate"] == "deir_ez_zor"
    )


def test_governorate_filter(app_db):
    at = run_page("map", {"gov": "raqqa"})
    spec = _check_view(at, _expected(gov={"raqqa"}))
    # By hand: 10 incidents in Raqqa, all located only to the city: all hollow; 8 from 1 Sep.
    assert len(_points(spec)) == 8 and not _layers(spec)[LOCATED]["data"]
    counts = _governorate_counts(spec)
    assert counts["raqqa"] == 8 and sum(counts.values()) == 8
    # From 2 Aug, September's two late-reported August incidents (#33, #34, Raqqa city) are drawn too.
    at = run_page("map", {"gov": "raqqa", "from": "2017-08-02"})
    spec = _check_view(at, _expected(gov={"raqqa"}, start="2017-08-02"))
    assert len(_points(spec)) == 10 and {("2017-09", 33), ("2017-09", 34)} <= set(_points(spec))
    assert _governorate_counts(spec)["raqqa"] == 10


def test_combined_filters(app_db):
    at = run_page("map", {"perp": "syrian_regime,russia", "gov": "deir_ez_zor", "min_killed": "10"})
    spec = _check_view(at, _expected(perp={"syrian_regime", "russia"}, gov={"deir_ez_zor"}, min_killed=10))
    assert len(_points(spec)) == 15  # by hand: Russia 11, regime 4


def test_no_incident_in_range(app_db):
    at = run_page("map", {"min_killed": "1000"})
    spec = _check_view(at, _expected(min_killed=1000))
    assert not _points(spec) and not any(_governorate_counts(spec).values())
    assert any("No incident matches the filters" in i.value for i in at.info)
    assert deck_specs(at)[0]["mapStyle"] == OFFLINE_STYLE


def test_colour_by_perpetrator(app_db):
    at = run_page("map")
    assert at.radio(key="color_by").value == "area"
    at.radio(key="color_by").set_value("perpetrator").run()
    assert not at.exception
    points = _points(deck_specs(at)[0])
    for k, (lid, p) in points.items():
        assert _colour(lid, p) == theme.hex_to_rgb(theme.perpetrator_colour(FIXTURES[k]["perpetrator"])), k
    assert points[("2017-09", 13)][1]["fill"][:3] == theme.hex_to_rgb("#D55E00")  # Armanaz: Syrian regime
    assert points[("2017-09", 19)][1]["fill"][:3] == theme.hex_to_rgb("#0072B2")  # al Boulayl: Russia
    assert "Russia (20)" in _texts(at)


def test_place_text_cannot_inject_markup(app_db):
    con = duckdb.connect(str(app_db))
    con.execute(
        "UPDATE incidents SET place = '<script>alert(1)</script> & <b>x</b>', site = '<img src=x onerror=alert(2)>' "
        "WHERE report_month = '2017-09' AND seq = 13"
    )
    con.close()
    at = run_page("map")
    assert not at.exception
    spec = deck_specs(at)[0]
    point = _points(spec)[("2017-09", 13)][1]
    assert point["tt_title"] == "2017-09-29 · &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;"
    assert "&lt;img src=x onerror=alert(2)&gt;" in point["tt_1"]
    layer_text = json.dumps(spec["layers"])
    assert "<script" not in layer_text and "<img" not in layer_text and "<b>" not in layer_text


def test_an_unreachable_basemap_is_said_and_the_map_drawn_offline(app_db, monkeypatch):
    monkeypatch.setattr(mapdeck, "reachable", lambda url, timeout=2.0: False)  # no network
    at = run_page("map")
    at.toggle(key="basemap_online").set_value(True).run()
    assert not at.exception
    assert deck_specs(at)[0]["mapStyle"] == OFFLINE_STYLE
    assert any(w.value.startswith("The online basemap (CARTO) cannot be reached from here") for w in at.warning)


def test_reachable_tells_an_answering_server_from_a_closed_port():
    import http.server
    import socket
    import threading

    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert mapdeck.reachable(f"http://127.0.0.1:{server.server_port}/no-such-file")  # a 404 is an answer
    finally:
        server.shutdown()
    with socket.socket() as sock:  # a port just freed: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert not mapdeck.reachable(f"http://127.0.0.1:{port}/", timeout=1.0)


def _click(at, layer_id: str, obj: dict):
    """What a click on the map sends: the chart's selection state, then a rerun."""
    (chart,) = at.get("deck_gl_json_chart")
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = chart.proto.id
    state.string_value = json.dumps({"selection": {"indices": {layer_id: [0]}, "objects": {layer_id: [obj]}}})
    return at._run(states)


def test_clicking_a_point_shows_its_incident(app_db):
    at = run_page("map")
    assert any(c.value.startswith("Click a point on the map to show its incident here.") for c in at.caption)
    lid, armanaz = _points(deck_specs(at)[0])[("2017-09", 13)]
    at = _click(at, lid, armanaz)
    assert not at.exception
    texts = _texts(at)
    assert "Date: 2017-09-29" in texts
    assert any(t.startswith("Place: Armanaz") for t in texts)
    assert "Perpetrator: Syrian regime" in texts
    assert "Killed: 39; children: 9; women: 11" in texts
    assert "Area of control: Armed opposition" in texts
    assert any(t.startswith("Location: locality") for t in texts)
    assert any("Armanaz" in t and "which resulted in the killing of" in t for t in texts)  # the paragraph


# --- Above MAX_POINTS: the incidents aggregated into 0.1-degree cells in SQL ----------------------------

CELLS = "grid-cells"
LABELS = {"labels-governorates", "labels-towns", "labels-towns-dots"}  # names drawn offline, not data
CELL_DEG = 0.1


def _cells(spec: dict) -> list[dict]:
    return _layers(spec)[CELLS]["data"]


def _db_cells(db, perp=None, start: str | None = DEFAULT_START) -> Counter:
    """Incidents per 0.1-degree cell from `start` (None: every date), counted here in Python from the stored
    points (the same cell rule as the page: floor(lat / 0.1), floor(lon / 0.1)), independently of the page's SQL."""
    import datetime as dt
    import math

    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT i.perpetrator, i.date, l.lat, l.lon FROM incidents i JOIN locations l USING (report_month, seq)"
    ).fetchall()
    con.close()
    return Counter(
        (math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG))
        for p, day, lat, lon in rows
        if (perp is None or p in perp) and (start is None or day >= dt.date.fromisoformat(start))
    )


def test_above_the_limit_the_map_draws_grid_cells(app_db, monkeypatch):
    monkeypatch.setenv("MASSACRES_MAP_MAX_POINTS", "10")
    at = run_page("map")
    assert not at.exception
    (spec,) = deck_specs(at)
    layers = _layers(spec)
    # No incident is sent to the browser: only the governorates and the cells.
    assert set(layers) == {GOVERNORATES, CELLS} | LABELS
    assert layers[CELLS]["@@type"] == "PolygonLayer"
    assert "report_month" not in json.dumps(layers[CELLS]["data"])
    cells = _cells(spec)
    expected = _db_cells(app_db)
    # The cells' counts add up to the filtered total of the hand-labelled fixtures (60 from 1 Sep, all located).
    assert sum(c["incidents"] for c in cells) == len(_expected()) == 60
    assert {(c["cell_row"], c["cell_col"]): c["incidents"] for c in cells} == dict(expected)
    assert sum(c["killed"] for c in cells) == sum(v["killed"] for v in _expected().values())
    assert (
        f"60 incidents: shown as {len(expected)} grid cells of 0.1°; filter to 10 or fewer to see each "
        "incident." in [i.value for i in at.info]
    )
    # Each cell is its own square of 0.1 degrees, shaded by its count.
    for c in cells:
        (w, s), (e, _), (_, n), _ = c["polygon"]
        assert abs(s - c["cell_row"] * CELL_DEG) < 1e-9 and abs(w - c["cell_col"] * CELL_DEG) < 1e-9
        assert abs(n - s - CELL_DEG) < 1e-9 and abs(e - w - CELL_DEG) < 1e-9
        shade = "#FDE725" if c["incidents"] == 1 else "#7AD151" if c["incidents"] < 10 else "#22A884"
        assert c["fill"][:3] == theme.hex_to_rgb(shade)
    # The precision line and the governorates stay as in the point view; colour-by has nothing to colour.
    assert (
        "60 incidents in the range. Location precision: exact (map link) 7, locality 20, city 23, governorate only 10."
    ) in _texts(at)
    assert _governorate_counts(spec)["deir_ez_zor"] == 34
    assert at.radio(key="color_by").disabled
    assert f"Colour: incidents per 0.1° cell ({len(expected)} cells, 60 located incidents)" in _texts(at)


def test_grid_cells_follow_the_filters(app_db, monkeypatch):
    monkeypatch.setenv("MASSACRES_MAP_MAX_POINTS", "10")
    at = run_page("map", {"perp": "russia"})
    assert not at.exception
    cells = _cells(deck_specs(at)[0])
    assert sum(c["incidents"] for c in cells) == len(_expected(perp={"russia"})) == 20
    assert {(c["cell_row"], c["cell_col"]): c["incidents"] for c in cells} == dict(_db_cells(app_db, {"russia"}))
    for c in cells:
        assert c["tt_2"].startswith("Most by: Russia (")


def test_the_limit_is_inclusive(app_db, monkeypatch):
    monkeypatch.setenv("MASSACRES_MAP_MAX_POINTS", "60")
    spec = _check_view(run_page("map"), _expected())  # 60 incidents from 1 Sep, limit 60: every point
    assert CELLS not in _layers(spec)
    monkeypatch.setenv("MASSACRES_MAP_MAX_POINTS", "59")
    at = run_page("map")
    assert set(_layers(deck_specs(at)[0])) == {GOVERNORATES, CELLS} | LABELS


def test_filtering_below_the_limit_brings_the_points_back(app_db, monkeypatch):
    monkeypatch.setenv("MASSACRES_MAP_MAX_POINTS", "10")
    # Raqqa from 2 Aug: 10 incidents (the two late-reported August ones included), exactly the limit.
    expected = _expected(gov={"raqqa"}, start="2017-08-02")
    assert len(expected) == 10
    _check_view(run_page("map", {"gov": "raqqa", "from": "2017-08-02"}), expected)


def test_clicking_a_cell_lists_its_largest_incidents(app_db, monkeypatch):
    monkeypatch.setenv("MASSACRES_MAP_MAX_POINTS", "10")
    at = run_page("map")
    assert any(c.value == "Click a cell on the map to list its largest incidents here." for c in at.caption)
    cell = max(_cells(deck_specs(at)[0]), key=lambda c: (c["incidents"], c["killed"]))
    at = _click(at, CELLS, cell)
    assert not at.exception
    shown = min(cell["incidents"], 10)
    assert any(
        t.startswith("Cell ") and f": {cell['incidents']} incidents, {cell['killed']} killed. The {shown} largest:" in t
        for t in _texts(at)
    )
    table = at.dataframe[0].value  # the cell's incidents come first; the expander's tables after
    assert len(table) == shown
    killed = [int(k.rstrip("+")) for k in table["Killed"]]
    assert killed == sorted(killed, reverse=True)


# --- A generated corpus of 25,000 incidents (bench/generate.py): above the real limit of 20,000 ----------

MAX_POINTS = 20_000


@pytest.fixture(scope="module")
def corpus_25k(tmp_path_factory):
    from generate import generate  # bench/generate.py (conftest puts bench/ on sys.path)

    return generate(tmp_path_factory.mktemp("corpus") / "corpus-25000.duckdb", 25_000, seed=0)


@pytest.fixture()
def big_db(corpus_25k, monkeypatch):
    import streamlit as st

    monkeypatch.delenv("MASSACRES_MAP_MAX_POINTS", raising=False)
    monkeypatch.setenv("MASSACRES_DB", str(corpus_25k))
    st.cache_data.clear()
    st.cache_resource.clear()
    return corpus_25k


def test_25k_incidents_are_drawn_as_cells_that_add_up(big_db):
    con = duckdb.connect(str(big_db), read_only=True)
    total, located = con.execute(
        "SELECT count(*), count(l.lat) FROM incidents i LEFT JOIN locations l USING (report_month, seq)"
    ).fetchone()
    con.close()
    assert total == 25_000
    at = run_page("map", timeout=120)
    assert not at.exception
    (spec,) = deck_specs(at)
    layers = _layers(spec)
    assert set(layers) == {GOVERNORATES, CELLS} | LABELS  # not one incident's point in the browser
    cells = _cells(spec)
    expected = _db_cells(big_db, start=None)  # the generated corpus has no incident outside its reports' months
    assert sum(c["incidents"] for c in cells) == located == sum(expected.values())
    assert {(c["cell_row"], c["cell_col"]): c["incidents"] for c in cells} == dict(expected)
    assert len(cells) < MAX_POINTS
    assert (
        f"25,000 incidents: shown as {len(expected):,} grid cells of 0.1°; filter to 20,000 or fewer to see "
        "each incident."
    ) in [i.value for i in at.info]
    assert sum(_governorate_counts(spec).values()) == 25_000
    assert len(at.get("deck_gl_json_chart")[0].proto.json) < 5_000_000


def test_25k_incidents_filtered_below_the_limit_are_drawn_one_point_each(big_db):
    con = duckdb.connect(str(big_db), read_only=True)
    n = con.execute("SELECT count(*) FROM incidents WHERE governorate = 'aleppo'").fetchone()[0]
    keys = set(
        con.execute(
            "SELECT report_month, seq FROM incidents JOIN locations USING (report_month, seq) "
            "WHERE governorate = 'aleppo'"
        ).fetchall()
    )
    con.close()
    assert 0 < n <= MAX_POINTS
    at = run_page("map", {"gov": "aleppo"}, timeout=120)
    assert not at.exception
    spec = deck_specs(at)[0]
    assert CELLS not in _layers(spec)
    assert set(_points(spec)) == keys
    assert not at.info or not any("grid cells" in i.value for i in at.info)


def test_grid_cells_and_unlocated_incidents_add_up_to_the_filtered_total(app_db, monkeypatch):
    con = duckdb.connect(str(app_db))
    con.execute("DELETE FROM locations WHERE report_month = '2017-09' AND seq IN (1, 13)")
    con.execute(
        "UPDATE incidents SET point_lat = NULL, point_lon = NULL, precision = NULL, iso_code = NULL, "
        "matched_name = NULL WHERE report_month = '2017-09' AND seq IN (1, 13)"
    )  # as a build without them
    con.close()
    monkeypatch.setenv("MASSACRES_MAP_MAX_POINTS", "10")
    at = run_page("map")
    assert not at.exception
    cells = _cells(deck_specs(at)[0])
    assert sum(c["incidents"] for c in cells) + 2 == len(_expected()) == 60
    assert any(
        t.startswith("60 incidents in the range.") and t.endswith(" 2 have no location and are not drawn.")
        for t in _texts(at)
    )
    assert "60 incidents: shown as" in " ".join(i.value for i in at.info)


def test_a_click_on_stacked_points_lists_every_incident_there_with_links(app_db):
    # The hand-labelled geocoding: 9 Deir ez-Zor incidents are located only to the governorate, so all nine
    # are drawn at its representative point, one over another.
    at_gov = sorted(
        (k, v) for k, v in FIXTURES.items() if v.get("precision") == "governorate" and v["governorate"] == "deir_ez_zor"
    )
    assert len(at_gov) == 9
    at = run_page("map")
    spec = deck_specs(at)[0]
    (month, seq), _ = at_gov[0]
    lid, point = _points(spec)[(month, seq)]
    assert point["tt_5"].endswith("· 9 incidents at this point: click to list them")
    badges = _layers(spec)["stack-counts"]["data"]
    assert {"lon": point["lon"], "lat": point["lat"], "text": "×9"} in badges
    at = _click(at, lid, point)
    assert not at.exception
    assert "9 incidents are drawn at this point:" in _texts(at)
    (table,) = [d for d in at.dataframe if "Incident" in d.value.columns]
    # Shown as links: the column is a link column whose text is the id.
    config = json.loads(table.proto.columns)["Incident"]
    assert config["type_config"]["type"] == "link" and config["type_config"]["display_text"] == "incident=(.*)$"
    assert sorted(table.value["Incident"]) == sorted(f"/Incident?incident={m}-{s}" for (m, s), _ in at_gov)
    # The card's own link (written out as text under AppTest, which has no other pages to link to).
    assert f"Open this incident's page (a link to paste): /Incident?incident={month}-{seq}" in [
        c.value for c in at.caption
    ]


def test_the_map_offers_a_png_download(app_db):
    # What the PNG holds (title, filters line, source, the same data) is tested in tests/test_mapexport.py.
    at = run_page("map", {"perp": "russia"})
    assert not at.exception
    (button,) = [b for b in at.get("download_button") if b.proto.label == "Map (PNG)"]
    assert button.proto.id  # made when clicked (a callable), so a page view never renders it
