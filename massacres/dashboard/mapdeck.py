"""The Map page's deck.gl map, built from query results with no Streamlit: the incidents' points or
the grid cells, the shaded governorates, their tooltips, and the legend's symbols drawn to match.

Everything here takes its data as arguments (the page runs the queries), so the same frames always
give the same deck JSON, and each piece can be tested without running the page.

Every text from the database that reaches a tooltip goes through `esc`: deck.gl substitutes the
values into the tooltip's HTML template, so a place name could otherwise open a tag.
"""

from __future__ import annotations

import html
import json
import math
import urllib.error
import urllib.request
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pydeck as pdk
from pydeck.bindings import json_tools

from massacres.dashboard import theme
from massacres.places import boundaries, towns

Bins = tuple[tuple[int, int | None, str], ...]  # (lowest, highest or None for no limit, fill colour)

OFFLINE_STYLE = "/app/static/map_style_offline.json"  # static/map_style_offline.json, served by Streamlit
ONLINE_STYLE = pdk.map_styles.CARTO_LIGHT  # CARTO Positron: free, no token
APPROXIMATE = ("city", "governorate")  # below locality precision: drawn hollow, never as if exact
PX_PER_SQRT_KILLED = 3.0  # radius in screen pixels = this x sqrt(killed): circle area proportional to killed
FILL_ALPHA = 220
HOLLOW_LINE_PX = 2.5
LAYER_LOCATED, LAYER_APPROXIMATE, LAYER_GOVERNORATES = "incidents-located", "incidents-approximate", "governorates"
GOVERNORATE_BINS: Bins = (  # a neutral ramp, so the shading never competes with the coloured points
    (0, 0, "#FFFFFF"),
    (1, 1, "#F1EFEC"),
    (2, 4, "#E2DED8"),
    (5, 9, "#D0C9BF"),
    (10, 19, "#BDB4A7"),
    (20, None, "#A89D8E"),
)
PRECISION_NOTES = {
    "exact": "exact: the report's own map link",
    "locality": "locality: the village or neighbourhood found in the gazetteer",
    "city": "city only: the point is the town's centre, not the place itself",
    "governorate": "governorate only: the point is the governorate's representative point, not the place",
}
COLOUR_BY = {"area": "Area of control at the time", "perpetrator": "Perpetrator"}  # the colourings point_colour knows
CELL_DEG = 0.1  # grid cell size in degrees of latitude and longitude, when there are too many points to draw
LAYER_CELLS = "grid-cells"
CELL_ALPHA = 215
CELL_BINS: Bins = (  # incidents per cell, by decade (counts span 1 to tens of thousands); viridis, colour-blind safe
    (1, 1, "#FDE725"),
    (2, 9, "#7AD151"),
    (10, 99, "#22A884"),
    (100, 999, "#2A788E"),
    (1000, 9999, "#414487"),
    (10000, None, "#440154"),
)
LAYER_LABELS, LAYER_TOWNS, LAYER_STACKS = "labels-governorates", "labels-towns", "stack-counts"
# The viewports the first view is fitted to (CSS pixels): the map's column beside the incident panel on
# a desktop, and a phone's width. The server cannot see the window, so a phone is told by its user agent.
DESKTOP_VIEW, PHONE_VIEW = (500, 560), (340, 420)
FIT_PADDING_PX = 16
MIN_FIT_SPAN_DEG = 0.6  # a view of one village still shows its surroundings
TILE_PX = 512  # deck.gl's world is 512 px wide at zoom 0
LEGEND_SIZES = (5, 10, 20, 40)  # killed, for the size key: the range most massacres fall in
# Every layer's records carry tt_title and tt_1..tt_5, so one template serves points, cells and governorates.
TOOLTIP = {
    "html": "<b>{tt_title}</b><br/>{tt_1}<br/>{tt_2}<br/>{tt_3}<br/>{tt_4}<br/>{tt_5}",
    "style": {"fontSize": "12px", "maxWidth": "360px"},
}


def esc(value: Any) -> str:
    """Text from the reports made safe for the HTML tooltip template: &, < and > become entities,
    so no string can open a tag. Quotes are left alone: the values sit in element text, never in
    an attribute, and Streamlit escapes substituted values again (a quote escaped here would show
    as '&#x27;')."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=False)


def optional_int(value: Any) -> int | None:
    """A count that may be missing (NULL, NaN, pd.NA) as an int or None: a missing count is unknown, not 0."""
    return None if value is None or pd.isna(value) else int(value)


def count_text(value: Any) -> str:
    n = optional_int(value)
    return "unknown" if n is None else str(n)


def rgba(colour: str, alpha: int = 255) -> list[int]:
    return [*theme.hex_to_rgb(colour), alpha]


def point_colour(row: dict[str, Any], colour_by: str) -> str:
    """The theme colour of an incident under one of COLOUR_BY's colourings (the same as the charts')."""
    if colour_by == "perpetrator":
        return theme.perpetrator_colour(row["perpetrator"])
    return theme.area_colour(row["area_of_control"])


def binned(count: int, bins: Bins) -> str:
    """The fill of the bin a count falls in; past the last bin (never, with an open top) the last one."""
    for low, high, colour in bins:
        if count >= low and (high is None or count <= high):
            return colour
    return bins[-1][2]


def governorate_fill(count: int) -> str:
    return binned(count, GOVERNORATE_BINS)


def bin_label(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} or more"
    return f"{low}" if low == high else f"{low}–{high}"


def radius_px(killed: int) -> float:
    """A point's radius on screen: proportional to sqrt(killed), so its area is proportional to killed."""
    return round(PX_PER_SQRT_KILLED * math.sqrt(killed), 3)


def _rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as plain dicts, column by column (DataFrame.iterrows and to_dict take seconds and a
    fifth of a second at 20,000 rows); a missing value is None."""
    cols = {
        c: [None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v for v in df[c].tolist()]
        for c in df.columns
    }
    return [dict(zip(cols, vals)) for vals in zip(*cols.values())]


def point_records(points: pd.DataFrame, colour_by: str) -> list[dict[str, Any]]:
    """Layer data from points_map.sql rows: plain JSON values only, every text from the database escaped."""
    out = []
    colours: dict[str, tuple[list[int], list[int]]] = {}  # one colour's fill and line, shared by its points
    for r in _rows(points):
        colour = point_colour(r, colour_by)
        if colour not in colours:
            colours[colour] = (rgba(colour, FILL_ALPHA), rgba(colour))
        fill, line = colours[colour]
        killed = optional_int(r["killed"]) or 0
        who = theme.perpetrator_label(r["perpetrator"])
        if r["attribution_uncertain"]:
            who += f" (uncertain: {r['perpetrator_note']})" if r["perpetrator_note"] is not None else " (uncertain)"
        where = r["place"] if r["site"] is None or r["site"] == r["place"] else f"{r['place']}, {r['site']}"
        out.append(
            {
                "report_month": r["report_month"],
                "seq": int(r["seq"]),
                "lon": float(r["point_lon"]),
                "lat": float(r["point_lat"]),
                "radius": radius_px(killed),
                "killed": killed,
                "precision": r["precision"],
                "colour_key": r["perpetrator"] if colour_by == "perpetrator" else (r["area_of_control"] or ""),
                "fill": fill,
                "line": line,
                "tt_title": f"{esc(r['date'])} · {esc(r['place'])}",
                "tt_1": esc(
                    where if where != r["place"] else theme.GOVERNORATES.get(r["governorate"], r["governorate"])
                ),
                "tt_2": f"Perpetrator: {esc(who)}",
                "tt_3": (
                    f"Killed {killed}{'+' if r['killed_is_lower_bound'] else ''}; children "
                    f"{count_text(r['children'])}; women {count_text(r['women'])}"
                ),
                "tt_4": f"Area of control: {esc(theme.area_label(r['area_of_control']))}",
                "tt_5": f"Location: {esc(PRECISION_NOTES.get(r['precision'], r['precision']))}"
                + (f" · {r['stack']} incidents at this point: click to list them" if r.get("stack", 1) > 1 else ""),
            }
        )
    return out


def cell_bounds(row: int, col: int) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a grid cell, as grid_cells.sql numbers them (floor of degrees /
    CELL_DEG). Rounded, so 0.1-degree steps print as 35.1, not 35.100000000000001."""
    return (
        round(row * CELL_DEG, 6),
        round(col * CELL_DEG, 6),
        round((row + 1) * CELL_DEG, 6),
        round((col + 1) * CELL_DEG, 6),
    )


def _deg(value: float, pos: str, neg: str) -> str:
    return f"{abs(value):.1f}°{pos if value >= 0 else neg}"


def cell_name(row: int, col: int) -> str:
    """A cell as a reader can find it on a map: '35.3°N–35.4°N, 40.1°E–40.2°E'."""
    s, w, n, e = cell_bounds(row, col)
    return f"{_deg(s, 'N', 'S')}–{_deg(n, 'N', 'S')}, {_deg(w, 'E', 'W')}–{_deg(e, 'E', 'W')}"


def cell_records(cells: pd.DataFrame) -> list[dict[str, Any]]:
    """Layer data from grid_cells.sql rows: each cell as its square polygon, shaded by its number of incidents."""
    out = []
    for r in _rows(cells):
        row, col, n = int(r["cell_row"]), int(r["cell_col"]), int(r["incidents"])
        s, w, nn, e = cell_bounds(row, col)
        approx = int(r["approximate"])
        out.append(
            {
                "cell_row": row,
                "cell_col": col,
                "incidents": n,
                "killed": int(r["killed"]),
                "polygon": [[w, s], [e, s], [e, nn], [w, nn]],
                "fill": rgba(binned(n, CELL_BINS), CELL_ALPHA),
                "tt_title": f"Cell {cell_name(row, col)}",
                "tt_1": f"{n:,} incident{'s' if n != 1 else ''}, {int(r['killed']):,} killed",
                "tt_2": (
                    f"Most by: {esc(theme.perpetrator_label(r['perpetrator']))} ({int(r['perpetrator_incidents']):,})"
                ),
                "tt_3": (
                    f"Most in areas held by: {esc(theme.area_label(r['area_of_control']))} "
                    f"({int(r['area_incidents']):,})"
                ),
                "tt_4": (
                    f"{approx:,} located only to a city or governorate" if approx else "All located to the place itself"
                ),
                "tt_5": "Click for its largest incidents",
            }
        )
    return out


@lru_cache(maxsize=1)
def _boundaries() -> dict:
    return json.loads(boundaries.BOUNDARIES.read_text(encoding="utf-8"))


def governorate_geojson(counts: pd.DataFrame, alpha: int) -> dict:
    """The 14 polygons, each with its massacre count (massacres_by_governorate.sql) joined on the `key`
    property, never on names: the boundary file's names are not the reports' spellings."""
    by_key = {r["governorate"]: (int(r["massacres"]), optional_int(r["killed"]) or 0) for _, r in counts.iterrows()}
    features = []
    for f in _boundaries()["features"]:
        props = f["properties"]
        n, killed = by_key.get(props["key"], (0, 0))
        name = theme.GOVERNORATES.get(props["key"], props["name"])
        features.append(
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {
                    "key": props["key"],
                    "iso_code": props["iso_code"],
                    "massacres": n,
                    "killed": killed,
                    "fill": rgba(governorate_fill(n), alpha),
                    "tt_title": f"{esc(name)} governorate",
                    "tt_1": f"{n} massacre{'s' if n != 1 else ''} in the range",
                    "tt_2": f"{killed} killed",
                    "tt_3": "Governorate of the report's heading",
                    "tt_4": "Shaded by massacre count",
                    "tt_5": "Click a point for its incident",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def governorate_layer(counts: pd.DataFrame, online: bool) -> pdk.Layer:
    """The governorates shaded by massacre count; translucent over a basemap so its roads show through."""
    return pdk.Layer(
        "GeoJsonLayer",
        id=LAYER_GOVERNORATES,
        data=governorate_geojson(counts, 150 if online else 255),
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=[110, 110, 110, 255],
        line_width_units="'pixels'",
        get_line_width=1,
        pickable=True,
    )


def cell_layer(cells: pd.DataFrame) -> pdk.Layer:
    """The grid cells (grid_cells.sql), drawn instead of the points when there are too many of them."""
    return pdk.Layer(
        "PolygonLayer",
        id=LAYER_CELLS,
        data=cell_records(cells),
        get_polygon="polygon",
        filled=True,
        stroked=True,
        get_fill_color="fill",
        get_line_color=[255, 255, 255, 160],
        line_width_units="'pixels'",
        get_line_width=0.5,
        pickable=True,
        auto_highlight=True,
    )


def point_layers(points: pd.DataFrame, colour_by: str) -> list[pdk.Layer]:
    """The incidents (points_map.sql) with a location: approximate ones as hollow rings, then the located
    ones filled on top, so a precise point is never hidden under a guess. Unlocated rows are skipped."""
    drawn = points[points["point_lat"].notna() & points["point_lon"].notna()]
    drawn = drawn.assign(stack=stacks(drawn["point_lat"].tolist(), drawn["point_lon"].tolist()))
    approximate = drawn[drawn["precision"].isin(APPROXIMATE)]
    precise = drawn[~drawn["precision"].isin(APPROXIMATE)]
    common = dict(
        get_position=["lon", "lat"],
        get_radius="radius",
        radius_units="'pixels'",
        line_width_units="'pixels'",
        pickable=True,
        auto_highlight=True,
    )
    return [
        # Below locality precision: hollow rings in the category's colour, never a filled dot.
        pdk.Layer(
            "ScatterplotLayer",
            id=LAYER_APPROXIMATE,
            data=point_records(approximate, colour_by),
            filled=False,
            stroked=True,
            get_line_color="line",
            get_line_width=HOLLOW_LINE_PX,
            **common,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id=LAYER_LOCATED,
            data=point_records(precise, colour_by),
            filled=True,
            stroked=True,
            get_fill_color="fill",
            get_line_color=[255, 255, 255, 255],
            get_line_width=1,
            **common,
        ),
    ]


def reachable(url: str, timeout: float = 2.0) -> bool:
    """Whether a web address answers at all (any HTTP status counts) within `timeout` seconds: the online
    basemap is asked for only when it does, so an offline machine is told instead of shown a blank map."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout):
            return True
    except urllib.error.HTTPError:
        return True
    except (OSError, ValueError):
        return False


def is_phone(user_agent: str | None) -> bool:
    """A phone or small tablet by its user agent: browsers put "Mobi" in a mobile one (MDN's advice)."""
    return user_agent is not None and "Mobi" in user_agent


def _mercator_y(lat: float) -> float:
    """Web Mercator y of a latitude, in the units where the world is 2*pi wide."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(
    south: float, west: float, north: float, east: float, width: int, height: int, padding: int = FIT_PADDING_PX
) -> tuple[float, float, float]:
    """(latitude, longitude, zoom) that shows the box whole in a width x height viewport with `padding`
    pixels spare on each side: the zoom is the lower of what the width and the height allow, floored to
    a tenth so the box is never cut; the centre is the box's centre in Mercator, so it sits mid-screen."""
    w, h = max(width - 2 * padding, 1), max(height - 2 * padding, 1)
    span_x = math.radians(east - west)
    span_y = _mercator_y(north) - _mercator_y(south)
    zoom_x = math.log2(w * 2 * math.pi / (TILE_PX * span_x)) if span_x > 0 else 20.0
    zoom_y = math.log2(h * 2 * math.pi / (TILE_PX * span_y)) if span_y > 0 else 20.0
    zoom = math.floor(min(zoom_x, zoom_y) * 10 + 1e-9) / 10  # 1e-9: log2(4.0) may come out a hair under 2
    mid_y = (_mercator_y(north) + _mercator_y(south)) / 2
    lat = math.degrees(2 * math.atan(math.exp(mid_y)) - math.pi / 2)
    return round(lat, 4), round((west + east) / 2, 4), zoom


def syria_bounds() -> tuple[float, float, float, float]:
    """(south, west, north, east) of the governorate polygons."""
    xs, ys = [], []

    def walk(coords: Any) -> None:
        if isinstance(coords[0], (int, float)):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for f in _boundaries()["features"]:
        walk(f["geometry"]["coordinates"])
    return min(ys), min(xs), max(ys), max(xs)


def data_bounds(lats: list[float], lons: list[float]) -> tuple[float, float, float, float]:
    """The box to fit: Syria when nothing is drawn or the points span half its width or height or more;
    else the points' extent (a governorate, a valley), at least MIN_FIT_SPAN_DEG each way around its
    centre, and never past Syria's edges (a point just over the border does not zoom the view out)."""
    if not lats:
        return syria_bounds()
    s, w, n, e = min(lats), min(lons), max(lats), max(lons)
    ss, sw, sn, se = syria_bounds()
    if n - s >= (sn - ss) / 2 or e - w >= (se - sw) / 2:
        # Points across much of the country: the whole country, so that no governorate is cut at an edge.
        return ss, sw, sn, se
    half = MIN_FIT_SPAN_DEG / 2
    if n - s < MIN_FIT_SPAN_DEG:
        s, n = (s + n) / 2 - half, (s + n) / 2 + half
    if e - w < MIN_FIT_SPAN_DEG:
        w, e = (w + e) / 2 - half, (w + e) / 2 + half
    return max(s, ss - half), max(w, sw - half), min(n, sn + half), min(e, se + half)


def initial_view(bounds: tuple[float, float, float, float], phone: bool) -> pdk.ViewState:
    lat, lon, zoom = fit_view(*bounds, *(PHONE_VIEW if phone else DESKTOP_VIEW))
    return pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom, min_zoom=4, max_zoom=13)


def map_height(phone: bool) -> int:
    return (PHONE_VIEW if phone else DESKTOP_VIEW)[1]


def stacks(lats: list[float], lons: list[float]) -> list[int]:
    """For each point, how many points share its position (to 1e-5 degree, about a metre): incidents
    placed at the same town centre or governorate point, drawn on top of one another."""
    keys = [stack_key(a, b) for a, b in zip(lats, lons)]
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    return [counts[k] for k in keys]


def stack_key(lat: float, lon: float) -> str:
    return f"{lat:.5f},{lon:.5f}"


def stack_records(points: pd.DataFrame) -> list[dict[str, Any]]:
    """One badge per position shared by two or more drawn points: where, and how many."""
    drawn = points[points["point_lat"].notna() & points["point_lon"].notna()]
    counts: dict[str, list] = {}
    for lat, lon in zip(drawn["point_lat"].tolist(), drawn["point_lon"].tolist()):
        k = stack_key(lat, lon)
        if k in counts:
            counts[k][2] += 1
        else:
            counts[k] = [float(lon), float(lat), 1]
    return [{"lon": lon, "lat": lat, "text": f"×{n}"} for lon, lat, n in counts.values() if n > 1]


SAME_NAME_DEG = 0.35  # about 35 km


def label_layers() -> list[pdk.Layer]:
    """Names drawn offline, from the shipped data: each governorate's name at its representative point
    (unless its seat's label says it there), and the main towns (geo/main_towns.csv) as a dot and a name."""
    town_rows = [{"lon": t.lon, "lat": t.lat, "text": t.label} for t in towns.main_towns()]
    govs = []
    for f in _boundaries()["features"]:
        name = theme.GOVERNORATES.get(f["properties"]["key"], f["properties"]["name"])
        lat, lon = f["properties"]["label_lat"], f["properties"]["label_lon"]
        # The same word twice side by side is noise (and on a phone ran off the map's edge): a governorate
        # named after its seat is named by the seat's label when that lies within SAME_NAME_DEG.
        if any(t["text"] == name and math.hypot(t["lat"] - lat, t["lon"] - lon) < SAME_NAME_DEG for t in town_rows):
            continue
        govs.append({"lon": lon, "lat": lat, "text": name.upper()})
    text = dict(
        get_position=["lon", "lat"],
        get_text="text",
        character_set="'auto'",
        font_family="'Helvetica, Arial, sans-serif'",
        font_settings={"sdf": True},
        outline_width=4,
        outline_color=[255, 255, 255, 230],
        pickable=False,
    )
    layers = [
        pdk.Layer(
            "TextLayer",
            id=LAYER_LABELS,
            data=govs,
            get_size=11,
            get_color=[110, 110, 110, 255],
            font_weight=600,
            **text,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id=LAYER_TOWNS + "-dots",
            data=town_rows,
            get_position=["lon", "lat"],
            get_radius=2.5,
            radius_units="'pixels'",
            get_fill_color=[40, 40, 40, 255],
            pickable=False,
        ),
        pdk.Layer(
            "TextLayer",
            id=LAYER_TOWNS,
            data=town_rows,
            get_size=12,
            get_color=[30, 30, 30, 255],
            get_text_anchor="'start'",
            get_pixel_offset=[6, 0],
            **text,
        ),
    ]
    return layers


def stack_layers(points: pd.DataFrame) -> list[pdk.Layer]:
    """A count ('×8') beside each position where several incidents are drawn, over the points; none
    when no two share a position."""
    badges = stack_records(points)
    if not badges:
        return []
    return [
        pdk.Layer(
            "TextLayer",
            id=LAYER_STACKS,
            data=badges,
            get_size=12,
            get_color=[0, 0, 0, 255],
            get_text_anchor="'start'",
            get_alignment_baseline="'bottom'",
            get_pixel_offset=[7, -7],
            get_position=["lon", "lat"],
            get_text="text",
            character_set="'auto'",
            font_family="'Helvetica, Arial, sans-serif'",
            font_settings={"sdf": True},
            outline_width=4,
            outline_color=[255, 255, 255, 230],
            pickable=False,
        )
    ]


def map_deck(layers: list[pdk.Layer], online: bool, view: pdk.ViewState | None = None) -> pdk.Deck:
    """The deck over Syria, fitted to `view` (the whole country by default); offline, a local background
    style, so no basemap request leaves the machine. The mouse wheel scrolls the page, never zooms the
    map (scrollZoom off): zoom with the buttons, a double click or a pinch."""
    return pdk.Deck(
        layers=layers,
        initial_view_state=view or initial_view(syria_bounds(), phone=False),
        views=[pdk.View(type="MapView", id="map", controller={"scrollZoom": False})],
        map_style=ONLINE_STYLE if online else OFFLINE_STYLE,
        tooltip=TOOLTIP,
    )


def deck_json(deck: pdk.Deck) -> str:
    """The deck's JSON, compact, by the standard library's C encoder: pydeck's own to_json indents, which
    falls back to the pure-Python encoder (1.3 s per 10,000 points on this machine)."""
    return json.dumps(deck, sort_keys=True, default=json_tools.default_serialize, separators=(",", ":"))


def deck_from_json(spec: str, online: bool) -> pdk.Deck:
    """A deck that sends `spec` (from deck_json, typically cached) as its JSON without rebuilding it; the
    rest (tooltip, map style) is what st.pydeck_chart reads from the deck object itself."""
    deck = map_deck([], online)
    deck.to_json = lambda: spec  # noqa: E731
    return deck


def swatch(
    diameter: float,
    colour: str,
    hollow: bool = False,
    square: bool = False,
    box: int | None = None,
    border: str | None = None,
) -> np.ndarray:
    """A legend symbol as an RGB image: a filled or hollow circle (as the map draws it) or a square.
    An image, not HTML, so the legend needs no unsafe_allow_html and matches the map pixel for pixel."""
    size = box or int(math.ceil(diameter)) + 4
    s = 4  # supersampling for smooth edges
    yy, xx = (np.mgrid[0 : size * s, 0 : size * s] + 0.5) / s
    c, r = size / 2, diameter / 2
    if square:
        inside = (np.abs(xx - c) <= r) & (np.abs(yy - c) <= r)
        edge = inside & ((np.abs(xx - c) > r - 1) | (np.abs(yy - c) > r - 1))
    else:
        d = np.hypot(xx - c, yy - c)
        inside = d <= r
        edge = np.abs(d - r) <= HOLLOW_LINE_PX / 2  # deck.gl centres a stroke on the radius
    cover = (edge if hollow else inside).reshape(size, s, size, s).mean(axis=(1, 3))[..., None]
    img = 255 * (1 - cover) + np.array(theme.hex_to_rgb(colour)) * cover
    if border:
        line = edge.reshape(size, s, size, s).mean(axis=(1, 3))[..., None]
        img = img * (1 - line) + np.array(theme.hex_to_rgb(border)) * line
    return img.round().astype(np.uint8)


def size_legend(sizes: tuple[int, ...] = LEGEND_SIZES) -> list[tuple[np.ndarray, str]]:
    """The size key: circles at the map's own scale (unrounded diameter 2 x radius), all in one box size
    so the labels line up."""
    box = int(math.ceil(2 * PX_PER_SQRT_KILLED * math.sqrt(max(sizes)))) + 4
    return [(swatch(2 * PX_PER_SQRT_KILLED * math.sqrt(k), "#777777", box=box), f"{k} killed") for k in sizes]


def colour_legend(summary: pd.DataFrame, colour_by: str) -> list[tuple[str, str, int]]:
    """(colour, label, incidents) for each category present in points_summary.sql's rows, in the theme's
    order (unknown parties after the known ones; no area of control last), so the legend reads like the charts."""
    if colour_by == "perpetrator":
        present = summary.groupby("perpetrator")["incidents"].sum()
        return [
            (theme.perpetrator_colour(k), theme.perpetrator_label(k), present[k])
            for k in list(theme.PERPETRATORS) + sorted(set(present.index) - set(theme.PERPETRATORS))
            if k in present
        ]
    present = (
        summary.assign(area_of_control=summary["area_of_control"].fillna(""))
        .groupby("area_of_control")["incidents"]
        .sum()
    )
    return [(theme.area_colour(k), theme.area_label(k), present[k]) for k in list(theme.AREAS) + [""] if k in present]
