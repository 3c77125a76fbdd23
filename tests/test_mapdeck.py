"""massacres/dashboard/mapdeck.py on its own, with frames written here by hand: what the Map page tests
(tests/test_page_map.py, through the page on the labelled fixtures) do not pin down: cell
bounds and names in every hemisphere, hollow drawing by precision, unlocated rows skipped,
every tooltip text escaped, the bins without gaps, and the legend symbols' pixels."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pandas as pd
import pytest

from massacres.dashboard import mapdeck, theme

HOSTILE = "<script>alert(1)</script> & <b>x</b>"
HOSTILE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;"


def _point(seq: int, precision: str | None, **overrides) -> dict:
    """One points_map.sql row, as the query returns it."""
    row = {
        "report_month": "2017-09",
        "seq": seq,
        "date": "2017-09-29",
        "place": "Armanaz",
        "site": None,
        "governorate": "idlib",
        "perpetrator": "syrian_regime",
        "attribution_uncertain": False,
        "perpetrator_note": None,
        "killed": 16,
        "killed_is_lower_bound": False,
        "children": 4.0,
        "women": 2.0,
        "area_of_control": "armed_opposition",
        "point_lat": 36.08,
        "point_lon": 36.55,
        "precision": precision,
    }
    return row | overrides


def _points(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def _layers(layers) -> dict[str, dict]:
    return {layer["id"]: layer for layer in json.loads(mapdeck.deck_json(mapdeck.map_deck(layers, False)))["layers"]}


# --- Escaping -------------------------------------------------------------------------------------------


def test_esc_neutralises_markup_and_keeps_quotes():
    assert mapdeck.esc(HOSTILE) == HOSTILE_ESCAPED
    assert mapdeck.esc("<img src=x onerror=alert(2)>") == "&lt;img src=x onerror=alert(2)&gt;"
    assert mapdeck.esc("Mazra'at \"al\" Tes'a") == "Mazra'at \"al\" Tes'a"  # element text: quotes are harmless
    assert mapdeck.esc(12) == "12"


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA])
def test_esc_of_a_missing_value_is_empty(missing):
    assert mapdeck.esc(missing) == ""


@pytest.mark.parametrize(
    "value, number, text",
    [
        (None, None, "unknown"),
        (float("nan"), None, "unknown"),
        (pd.NA, None, "unknown"),
        (0, 0, "0"),
        (np.int64(7), 7, "7"),
        (3.0, 3, "3"),
    ],
)
def test_a_missing_count_is_unknown_never_zero(value, number, text):
    assert mapdeck.optional_int(value) == number
    assert mapdeck.count_text(value) == text


def test_every_point_tooltip_text_from_the_database_is_escaped():
    rows = _points(
        _point(
            1,
            "locality",
            place=HOSTILE,
            site="<img src=x onerror=alert(2)>",
            attribution_uncertain=True,
            perpetrator_note="<script>x</script>",
            perpetrator="<b>new party</b>",
            date="<i>2017</i>",
        )
    )
    (rec,) = mapdeck.point_records(rows, "area")
    assert rec["tt_title"] == f"&lt;i&gt;2017&lt;/i&gt; · {HOSTILE_ESCAPED}"
    assert rec["tt_1"] == f"{HOSTILE_ESCAPED}, &lt;img src=x onerror=alert(2)&gt;"
    assert rec["tt_2"] == ("Perpetrator: &lt;b&gt;new party&lt;/b&gt; (uncertain: &lt;script&gt;x&lt;/script&gt;)")
    text = json.dumps([v for k, v in rec.items() if k.startswith("tt_")])
    assert "<" not in text and ">" not in text


def test_cell_and_governorate_tooltips_escape_unknown_keys():
    cells = pd.DataFrame(
        [
            {
                "cell_row": 350,
                "cell_col": 400,
                "incidents": 3,
                "killed": 9,
                "approximate": 0,
                "perpetrator": "<script>p</script>",
                "perpetrator_incidents": 2,
                "area_of_control": "",
                "area_incidents": 3,
            }
        ]
    )
    (rec,) = mapdeck.cell_records(cells)
    assert rec["tt_2"] == "Most by: &lt;script&gt;p&lt;/script&gt; (2)"
    assert "<script" not in json.dumps(rec)


# --- Points -----------------------------------------------------------------------------------------------


def test_hollow_exactly_for_city_and_governorate_precision_and_unlocated_rows_skipped():
    rows = _points(
        _point(1, "exact"),
        _point(2, "locality"),
        _point(3, "city"),
        _point(4, "governorate"),
        _point(5, None, point_lat=None, point_lon=None),
    )
    layers = _layers(mapdeck.point_layers(rows, "area"))
    hollow, filled = layers[mapdeck.LAYER_APPROXIMATE], layers[mapdeck.LAYER_LOCATED]
    assert [p["seq"] for p in hollow["data"]] == [3, 4]
    assert [p["seq"] for p in filled["data"]] == [1, 2]
    assert hollow["filled"] is False and hollow["stroked"] is True and hollow["getLineColor"] == "@@=line"
    assert hollow["getLineWidth"] == mapdeck.HOLLOW_LINE_PX
    assert filled["filled"] is True and filled["getFillColor"] == "@@=fill"
    # Hollow rings first, so a filled (precise) point is drawn on top of a guess.
    assert list(layers) == [mapdeck.LAYER_APPROXIMATE, mapdeck.LAYER_LOCATED]


def test_point_size_colour_and_text():
    rows = _points(
        _point(
            1, "locality", killed=25, killed_is_lower_bound=True, children=None, area_of_control=None, site="the market"
        )
    )
    (rec,) = mapdeck.point_records(rows, "area")
    assert rec["radius"] == 15.0  # 3 px x sqrt(25): area proportional to the killed
    assert rec["fill"] == [*theme.hex_to_rgb(theme.UNKNOWN_COLOUR), mapdeck.FILL_ALPHA]
    assert rec["line"] == [*theme.hex_to_rgb(theme.UNKNOWN_COLOUR), 255]
    assert rec["colour_key"] == ""
    assert rec["tt_1"] == "Armanaz, the market"
    assert rec["tt_3"] == "Killed 25+; children unknown; women 2"
    assert rec["tt_4"] == "Area of control: Unknown"
    assert rec["tt_5"] == "Location: " + mapdeck.PRECISION_NOTES["locality"]
    (by_party,) = mapdeck.point_records(rows, "perpetrator")
    assert by_party["fill"][:3] == theme.hex_to_rgb("#D55E00") and by_party["colour_key"] == "syrian_regime"


def test_a_point_without_a_site_names_its_governorate_and_unknown_killed_is_a_dot():
    (rec,) = mapdeck.point_records(_points(_point(1, "city", killed=None, governorate="deir_ez_zor")), "area")
    assert rec["tt_1"] == "Deir ez-Zor"
    assert rec["killed"] == 0 and rec["radius"] == 0.0


def test_points_of_one_colour_share_their_colour_lists():
    recs = mapdeck.point_records(_points(_point(1, "exact"), _point(2, "exact")), "area")
    assert recs[0]["fill"] is recs[1]["fill"]  # one list per colour, not one per point (20,000 points)


# --- Grid cells -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lat, lon", [(35.33, 40.17), (36.0, 36.55), (32.05, 35.95), (-0.05, -0.15), (-33.87, 151.21), (0.0, 0.0)]
)
def test_cell_bounds_contain_the_point_they_are_numbered_from(lat, lon):
    row, col = math.floor(lat / mapdeck.CELL_DEG), math.floor(lon / mapdeck.CELL_DEG)  # as grid_cells.sql
    s, w, n, e = mapdeck.cell_bounds(row, col)
    assert s <= lat < n + 1e-9 and w <= lon < e + 1e-9
    assert n - s == pytest.approx(mapdeck.CELL_DEG) and e - w == pytest.approx(mapdeck.CELL_DEG)
    assert all(len(repr(v).split(".")[-1]) <= 6 for v in (s, w, n, e))  # 35.3, not 35.300000000000004


_NAME = re.compile(r"(\d+\.\d)°([NS])–(\d+\.\d)°([NS]), (\d+\.\d)°([EW])–(\d+\.\d)°([EW])")


def _signed(value: str, hemisphere: str) -> float:
    return -float(value) if hemisphere in "SW" else float(value)


@pytest.mark.parametrize("row, col", [(353, 401), (0, 0), (-1, -2), (-339, 1512), (320, 359)])
def test_cell_name_round_trips_to_its_bounds(row, col):
    name = mapdeck.cell_name(row, col)
    m = _NAME.fullmatch(name)
    assert m, name
    s, n = _signed(m[1], m[2]), _signed(m[3], m[4])
    w, e = _signed(m[5], m[6]), _signed(m[7], m[8])
    assert (s, w, n, e) == pytest.approx(mapdeck.cell_bounds(row, col))
    assert (round(s / mapdeck.CELL_DEG), round(w / mapdeck.CELL_DEG)) == (row, col)


def test_cell_name_reads_like_a_map():
    assert mapdeck.cell_name(353, 401) == "35.3°N–35.4°N, 40.1°E–40.2°E"
    assert mapdeck.cell_name(-1, -1) == "0.1°S–0.0°N, 0.1°W–0.0°E"


def test_cell_records_are_squares_shaded_by_count():
    cells = pd.DataFrame(
        [
            {
                "cell_row": 353,
                "cell_col": 401,
                "incidents": 1,
                "killed": 5,
                "approximate": 1,
                "perpetrator": "russia",
                "perpetrator_incidents": 1,
                "area_of_control": "isis",
                "area_incidents": 1,
            },
            {
                "cell_row": 360,
                "cell_col": 372,
                "incidents": 12_345,
                "killed": 67_890,
                "approximate": 0,
                "perpetrator": "syrian_regime",
                "perpetrator_incidents": 9_000,
                "area_of_control": "",
                "area_incidents": 12,
            },
        ]
    )
    one, many = mapdeck.cell_records(cells)
    assert one["polygon"] == [[40.1, 35.3], [40.2, 35.3], [40.2, 35.4], [40.1, 35.4]]
    assert one["fill"] == [*theme.hex_to_rgb("#FDE725"), mapdeck.CELL_ALPHA]
    assert one["tt_1"] == "1 incident, 5 killed"
    assert one["tt_4"] == "1 located only to a city or governorate"
    assert many["fill"][:3] == theme.hex_to_rgb("#440154")
    assert many["tt_1"] == "12,345 incidents, 67,890 killed"
    assert many["tt_2"] == "Most by: Syrian regime (9,000)"
    assert many["tt_3"] == "Most in areas held by: Unknown (12)"
    assert many["tt_4"] == "All located to the place itself"
    layer = _layers([mapdeck.cell_layer(cells)])[mapdeck.LAYER_CELLS]
    assert layer["@@type"] == "PolygonLayer" and "report_month" not in json.dumps(layer["data"])


@pytest.mark.parametrize("bins", [mapdeck.CELL_BINS, mapdeck.GOVERNORATE_BINS])
def test_bins_leave_no_gap_and_end_open(bins):
    for (_, high, _), (low, _, _) in zip(bins, bins[1:]):
        assert low == high + 1
    assert bins[-1][1] is None
    for low, high, colour in bins:
        assert mapdeck.binned(low, bins) == colour
        if high is not None:
            assert mapdeck.binned(high, bins) == colour
    assert mapdeck.binned(10**9, bins) == bins[-1][2]


def test_bin_labels():
    assert mapdeck.bin_label(1, 1) == "1"
    assert mapdeck.bin_label(2, 9) == "2–9"
    assert mapdeck.bin_label(10000, None) == "10000 or more"


# --- Governorates -----------------------------------------------------------------------------------------


def test_governorate_counts_join_on_the_key_and_missing_ones_are_zero():
    counts = pd.DataFrame(
        {"governorate": ["deir_ez_zor", "raqqa", "nowhere"], "massacres": [34, 1, 5], "killed": [300, None, 7]}
    )
    geo = mapdeck.governorate_geojson(counts, 150)
    props = {f["properties"]["key"]: f["properties"] for f in geo["features"]}
    assert set(props) == set(theme.GOVERNORATES)  # the unknown key joins nothing
    assert props["deir_ez_zor"]["massacres"] == 34 and props["deir_ez_zor"]["killed"] == 300
    assert props["deir_ez_zor"]["fill"] == [*theme.hex_to_rgb("#A89D8E"), 150]
    assert props["raqqa"]["killed"] == 0 and props["raqqa"]["tt_1"] == "1 massacre in the range"
    assert props["latakia"]["massacres"] == 0 and props["latakia"]["fill"] == [255, 255, 255, 150]
    assert props["deir_ez_zor"]["tt_title"] == "Deir ez-Zor governorate"


def test_the_governorates_are_translucent_only_over_a_basemap():
    counts = pd.DataFrame({"governorate": ["idlib"], "massacres": [3], "killed": [10]})
    alpha = {
        online: mapdeck.governorate_layer(counts, online).data["features"][0]["properties"]["fill"][3]
        for online in (False, True)
    }
    assert alpha == {False: 255, True: 150}


# --- The deck ---------------------------------------------------------------------------------------------


def test_the_deck_is_offline_unless_asked_and_its_json_compact():
    spec = mapdeck.deck_json(mapdeck.map_deck([], False))
    assert "\n" not in spec and ", " not in spec
    deck = json.loads(spec)
    assert deck["mapStyle"] == mapdeck.OFFLINE_STYLE and "http" not in spec
    # By default the view is Syria's whole, fitted to a desktop's map column.
    lat, lon, zoom = mapdeck.fit_view(*mapdeck.syria_bounds(), *mapdeck.DESKTOP_VIEW)
    assert (deck["initialViewState"]["latitude"], deck["initialViewState"]["longitude"]) == (lat, lon)
    # The wheel scrolls the page: the map's controller does not zoom on it.
    assert deck["views"] == [{"@@type": "MapView", "id": "map", "controller": {"scrollZoom": False}}]
    assert json.loads(mapdeck.deck_json(mapdeck.map_deck([], True)))["mapStyle"] == mapdeck.ONLINE_STYLE


def test_deck_from_json_sends_the_given_json():
    spec = mapdeck.deck_json(mapdeck.map_deck([], True))
    deck = mapdeck.deck_from_json(spec, True)
    assert deck.to_json() is spec
    assert deck.map_style == mapdeck.ONLINE_STYLE


def test_every_layer_carries_the_fields_the_one_tooltip_shows():
    fields = set(re.findall(r"\{(\w+)\}", mapdeck.TOOLTIP["html"]))
    counts = pd.DataFrame({"governorate": ["idlib"], "massacres": [3], "killed": [10]})
    cells = pd.DataFrame(
        [
            {
                "cell_row": 353,
                "cell_col": 401,
                "incidents": 1,
                "killed": 5,
                "approximate": 0,
                "perpetrator": "russia",
                "perpetrator_incidents": 1,
                "area_of_control": "isis",
                "area_incidents": 1,
            }
        ]
    )
    assert fields <= set(mapdeck.point_records(_points(_point(1, "exact")), "area")[0])
    assert fields <= set(mapdeck.cell_records(cells)[0])
    assert fields <= set(mapdeck.governorate_geojson(counts, 255)["features"][0]["properties"])


# --- Legend symbols ---------------------------------------------------------------------------------------


def test_filled_and_hollow_swatches_look_like_the_map():
    filled = mapdeck.swatch(16, "#0072B2")
    hollow = mapdeck.swatch(16, "#0072B2", hollow=True)
    assert filled.shape == hollow.shape == (20, 20, 3) and filled.dtype == np.uint8
    assert filled[10, 10].tolist() == [0, 114, 178]  # the centre is filled
    assert hollow[10, 10].tolist() == [255, 255, 255]  # a ring: white inside
    assert hollow[10, 2].tolist() == [0, 114, 178]  # on the radius (centre 10, radius 8)
    assert filled[0, 0].tolist() == hollow[0, 0].tolist() == [255, 255, 255]  # corners outside


def test_square_swatch_with_border():
    sq = mapdeck.swatch(16, "#FFFFFF", square=True, border="#6E6E6E")
    assert sq[2, 10].tolist() == [110, 110, 110]  # the border
    assert sq[10, 10].tolist() == [255, 255, 255]  # the fill
    assert mapdeck.swatch(16, "#440154", square=True)[2, 2].tolist() == [68, 1, 84]  # a corner, unlike a circle


def test_size_legend_circles_share_one_box_and_grow_with_sqrt_killed():
    items = mapdeck.size_legend()
    assert [label for _, label in items] == [f"{k} killed" for k in mapdeck.LEGEND_SIZES]
    assert len({img.shape for img, _ in items}) == 1
    inked = [(255 - img.astype(int)).sum() for img, _ in items]
    for (k1, a1), (k2, a2) in zip(zip(mapdeck.LEGEND_SIZES, inked), list(zip(mapdeck.LEGEND_SIZES, inked))[1:]):
        assert a2 / a1 == pytest.approx(k2 / k1, rel=0.1)  # area proportional to the killed


def test_colour_legend_follows_the_theme_order_and_counts():
    summary = pd.DataFrame(
        {
            "precision": ["exact", "city", None, "city"],
            "perpetrator": ["russia", "syrian_regime", "zz_new", "russia"],
            "area_of_control": ["isis", None, "sdf", "isis"],
            "incidents": [2, 3, 1, 4],
            "killed": [9, 9, 9, 9],
        }
    )
    assert mapdeck.colour_legend(summary, "perpetrator") == [
        ("#D55E00", "Syrian regime", 3),
        ("#0072B2", "Russia", 6),
        (theme.UNKNOWN_COLOUR, "zz_new", 1),
    ]
    assert mapdeck.colour_legend(summary, "area") == [
        ("#000000", "ISIS", 6),
        ("#F0E442", "SDF", 1),
        (theme.UNKNOWN_COLOUR, "Unknown", 3),
    ]


# --- Fitting the view, labels, stacked points, links --------------------------------------------------------


def test_fit_view_on_hand_computed_boxes():
    # 20 x 20 degrees around (0, 0) in 512 px (544 less 16 each side): the width allows log2(18.0) = 4.17,
    # the height log2(2 pi / (2 ln tan 50 deg)) = log2(17.91) = 4.16, floored to a tenth.
    assert mapdeck.fit_view(-10, -10, 10, 10, 544, 544) == (0.0, 0.0, 4.1)
    # 90 degrees of longitude in 512 px is a quarter of the 2048 px world: zoom 2 exactly.
    assert mapdeck.fit_view(-1, 0, 1, 90, 544, 2000) == (0.0, 45.0, 2.0)
    # The centre is the middle in Mercator, north of the middle latitude: 0..60 N centres not at 30 N but
    # at gd(y(60) / 2), where e^y(60) = tan 75 deg = 2 + sqrt 3; tanh(y / 2) = (e^y - 1) / (e^y + 1)
    # = (1 + sqrt 3) / (3 + sqrt 3) = 1 / sqrt 3, so the latitude is asin(1 / sqrt 3) = 35.2644 deg.
    assert mapdeck.fit_view(0, 0, 60, 10, 544, 544)[0] == 35.2644


def _pixel(lat: float, lon: float, view: tuple[float, float, float], size: tuple[int, int]) -> tuple[float, float]:
    """Where (lat, lon) falls in a viewport of `size` centred on `view`, by Web Mercator."""
    clat, clon, zoom = view
    scale = 512 * 2**zoom / (2 * math.pi)
    y = lambda a: math.log(math.tan(math.pi / 4 + math.radians(a) / 2))  # noqa: E731
    return (size[0] / 2 + scale * math.radians(lon - clon), size[1] / 2 - scale * (y(lat) - y(clat)))


@pytest.mark.parametrize("size", [mapdeck.DESKTOP_VIEW, mapdeck.PHONE_VIEW])
def test_syria_fits_whole_on_a_desktop_and_on_a_phone(size):
    s, w, n, e = mapdeck.syria_bounds()
    # Syria's extent, by hand from the polygons' known corners: 32.3-37.4 N, 35.7-42.4 E.
    assert (round(s, 1), round(w, 1), round(n, 1), round(e, 1)) == (32.3, 35.7, 37.3, 42.4)
    view = mapdeck.fit_view(s, w, n, e, *size)
    for lat, lon in ((s, w), (n, e), (s, e), (n, w)):
        x, y = _pixel(lat, lon, view, size)
        assert 0 <= x <= size[0] and 0 <= y <= size[1], (lat, lon, x, y)
    # and it is not a postage stamp: Syria spans at least 80% of the limiting side.
    x0, y0 = _pixel(n, w, view, size)
    x1, y1 = _pixel(s, e, view, size)
    assert max((x1 - x0) / size[0], (y1 - y0) / size[1]) > 0.8


def test_the_data_box_is_the_points_widened_to_a_minimum_and_clipped_to_syria():
    assert mapdeck.data_bounds([], []) == mapdeck.syria_bounds()
    # One point: 0.6 degrees around it.
    assert [round(v, 6) for v in mapdeck.data_bounds([35.0], [40.0])] == [34.7, 39.7, 35.3, 40.3]
    # Two points in Deir ez-Zor governorate, 0.9 by 1.0 degrees apart: their box.
    assert mapdeck.data_bounds([35.0, 35.9], [40.0, 41.0]) == (35.0, 40.0, 35.9, 41.0)
    # Points across half of Syria's height (5.0 degrees) or width (6.7): all of Syria.
    assert mapdeck.data_bounds([32.6, 35.3], [36.1, 36.2]) == mapdeck.syria_bounds()
    assert mapdeck.data_bounds([35.0, 35.1], [36.0, 39.5]) == mapdeck.syria_bounds()
    # A point a little over the border does not widen the view past Syria plus 0.3 degrees.
    s, w, n, e = mapdeck.syria_bounds()
    assert mapdeck.data_bounds([36.0, 36.5], [41.5, 43.0])[3] == pytest.approx(e + 0.3)


def test_a_phone_is_told_by_its_user_agent():
    iphone = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.0 Mobile/15E148 Safari/604.1"
    )
    android = (
        "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Mobile Safari/537.36"
    )
    desktop = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
    assert mapdeck.is_phone(iphone) and mapdeck.is_phone(android)
    assert not mapdeck.is_phone(desktop) and not mapdeck.is_phone(None) and not mapdeck.is_phone("")
    assert mapdeck.map_height(True) < mapdeck.map_height(False)


def test_points_at_the_same_position_are_counted_and_badged():
    assert mapdeck.stacks([35.0, 35.0, 35.000001, 36.0], [40.0, 40.0, 40.0, 40.0]) == [3, 3, 3, 1]
    pts = pd.DataFrame({"point_lat": [35.0, 35.0, 36.0, None], "point_lon": [40.0, 40.0, 41.0, None]})
    assert mapdeck.stack_records(pts) == [{"lon": 40.0, "lat": 35.0, "text": "×2"}]


def test_the_labels_are_the_governorates_and_the_listed_towns():
    layers = {layer.id: layer for layer in mapdeck.label_layers()}
    govs = [r["text"] for r in layers[mapdeck.LAYER_LABELS].data]
    # A governorate whose seat's label, the same word, lies within 0.35 degrees of its representative point
    # is named by that label. By hand from geo/syria_governorates.geojson and the towns' gazetteer rows:
    # Deir ez-Zor 0.12 apart (35.31, 40.26 / 35.34, 40.14), Quneitra 0.09, Hasaka 0.19, Aleppo 0.26,
    # Suwayda 0.31, Damascus 0.01: not repeated; Hama 0.54 (35.29, 37.27 / 35.13, 36.76) and Homs (its point
    # is in the desert): named; Damascus suburbs has no town of its name.
    assert sorted(govs) == ["DAMASCUS SUBURBS", "HAMA", "HOMS"]
    towns = {r["text"]: (r["lat"], r["lon"]) for r in layers[mapdeck.LAYER_TOWNS].data}
    assert len(towns) == 19
    # Al-Bukamal at its gazetteer row (890449891: Albu Kamal, 34.45 N 40.91861 E).
    assert towns["Al-Bukamal"] == (34.45, 40.91861)
    pts = pd.DataFrame({"point_lat": [35.0, 35.0], "point_lon": [40.0, 40.0]})
    (badges,) = mapdeck.stack_layers(pts)
    assert badges.id == mapdeck.LAYER_STACKS and badges.data == [{"lon": 40.0, "lat": 35.0, "text": "×2"}]
    assert mapdeck.stack_layers(pts.iloc[:1]) == []  # one point alone: no badge
