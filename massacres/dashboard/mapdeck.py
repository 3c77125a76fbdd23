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
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pydeck as pdk
from pydeck.bindings import json_tools

from massacres.places import boundaries
from massacres.dashboard import theme

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
LEGEND_SIZES = (5, 10, 20, 40)  # killed, for the size key: the range most massacres fall in
# Every layer's records carry tt_title and tt_1..tt_5, so one template serves points, cells and governorates.
TOOLTIP = {"html": "<b>{tt_title}</b><br/>{tt_1}<br/>{tt_2}<br/>{tt_3}<br/>{tt_4}<br/>{tt_5}",
           "style": {"fontSize": "12px", "maxWidth": "360px"}}


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
    cols = {c: [None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v for v in df[c].tolist()]
            for c in df.columns}
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
        out.append({
            "report_month": r["report_month"], "seq": int(r["seq"]),
            "lon": float(r["point_lon"]), "lat": float(r["point_lat"]),
            "radius": radius_px(killed),
            "killed": killed, "precision": r["precision"],
            "colour_key": r["perpetrator"] if colour_by == "perpetrator" else (r["area_of_control"] or ""),
            "fill": fill, "line": line,
            "tt_title": f"{esc(r['date'])} · {esc(r['place'])}",
            "tt_1": esc(where if where != r["place"] else theme.GOVERNORATES.get(r["governorate"], r["governorate"])),
            "tt_2": f"Perpetrator: {esc(who)}",
            "tt_3": (f"Killed {killed}{'+' if r['killed_is_lower_bound'] else ''}; children "
                     f"{count_text(r['children'])}; women {count_text(r['women'])}"),
            "tt_4": f"Area of control: {esc(theme.area_label(r['area_of_control']))}",
            "tt_5": f"Location: {esc(PRECISION_NOTES.get(r['precision'], r['precision']))}",
        })
    return out


def cell_bounds(row: int, col: int) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a grid cell, as grid_cells.sql numbers them (floor of degrees /
    CELL_DEG). Rounded, so 0.1-degree steps print as 35.1, not 35.100000000000001."""
    return (round(row * CELL_DEG, 6), round(col * CELL_DEG, 6),
            round((row + 1) * CELL_DEG, 6), round((col + 1) * CELL_DEG, 6))


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
        out.append({
            "cell_row": row, "cell_col": col, "incidents": n, "killed": int(r["killed"]),
            "polygon": [[w, s], [e, s], [e, nn], [w, nn]],
            "fill": rgba(binned(n, CELL_BINS), CELL_ALPHA),
            "tt_title": f"Cell {cell_name(row, col)}",
            "tt_1": f"{n:,} incident{'s' if n != 1 else ''}, {int(r['killed']):,} killed",
            "tt_2": (f"Most by: {esc(theme.perpetrator_label(r['perpetrator']))} "
                     f"({int(r['perpetrator_incidents']):,})"),
            "tt_3": (f"Most in areas held by: {esc(theme.area_label(r['area_of_control']))} "
                     f"({int(r['area_incidents']):,})"),
            "tt_4": (f"{approx:,} located only to a city or governorate" if approx
                     else "All located to the place itself"),
            "tt_5": "Click for its largest incidents",
        })
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
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": {
            "key": props["key"], "iso_code": props["iso_code"], "massacres": n, "killed": killed,
            "fill": rgba(governorate_fill(n), alpha),
            "tt_title": f"{esc(name)} governorate", "tt_1": f"{n} massacre{'s' if n != 1 else ''} in the range",
            "tt_2": f"{killed} killed", "tt_3": "Governorate of the report's heading",
            "tt_4": "Shaded by massacre count", "tt_5": "Click a point for its incident",
        }})
    return {"type": "FeatureCollection", "features": features}


def governorate_layer(counts: pd.DataFrame, online: bool) -> pdk.Layer:
    """The governorates shaded by massacre count; translucent over a basemap so its roads show through."""
    return pdk.Layer("GeoJsonLayer", id=LAYER_GOVERNORATES, data=governorate_geojson(counts, 150 if online else 255),
                     stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=[110, 110, 110, 255],
                     line_width_units="'pixels'", get_line_width=1, pickable=True)


def cell_layer(cells: pd.DataFrame) -> pdk.Layer:
    """The grid cells (grid_cells.sql), drawn instead of the points when there are too many of them."""
    return pdk.Layer("PolygonLayer", id=LAYER_CELLS, data=cell_records(cells), get_polygon="polygon",
                     filled=True, stroked=True, get_fill_color="fill",
                     get_line_color=[255, 255, 255, 160], line_width_units="'pixels'",
                     get_line_width=0.5, pickable=True, auto_highlight=True)


def point_layers(points: pd.DataFrame, colour_by: str) -> list[pdk.Layer]:
    """The incidents (points_map.sql) with a location: approximate ones as hollow rings, then the located
    ones filled on top, so a precise point is never hidden under a guess. Unlocated rows are skipped."""
    drawn = points[points["point_lat"].notna() & points["point_lon"].notna()]
    approximate = drawn[drawn["precision"].isin(APPROXIMATE)]
    precise = drawn[~drawn["precision"].isin(APPROXIMATE)]
    common = dict(get_position=["lon", "lat"], get_radius="radius", radius_units="'pixels'",
                  line_width_units="'pixels'", pickable=True, auto_highlight=True)
    return [
        # Below locality precision: hollow rings in the category's colour, never a filled dot.
        pdk.Layer("ScatterplotLayer", id=LAYER_APPROXIMATE, data=point_records(approximate, colour_by),
                  filled=False, stroked=True, get_line_color="line", get_line_width=HOLLOW_LINE_PX, **common),
        pdk.Layer("ScatterplotLayer", id=LAYER_LOCATED, data=point_records(precise, colour_by),
                  filled=True, stroked=True, get_fill_color="fill", get_line_color=[255, 255, 255, 255],
                  get_line_width=1, **common),
    ]


def map_deck(layers: list[pdk.Layer], online: bool) -> pdk.Deck:
    """The deck over Syria; offline, a local background style, so no basemap request leaves the machine."""
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=34.85, longitude=38.5, zoom=6.0, min_zoom=4, max_zoom=13),
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


def swatch(diameter: float, colour: str, hollow: bool = False, square: bool = False, box: int | None = None,
           border: str | None = None) -> np.ndarray:
    """A legend symbol as an RGB image: a filled or hollow circle (as the map draws it) or a square.
    An image, not HTML, so the legend needs no unsafe_allow_html and matches the map pixel for pixel."""
    size = box or int(math.ceil(diameter)) + 4
    s = 4  # supersampling for smooth edges
    yy, xx = (np.mgrid[0:size * s, 0:size * s] + 0.5) / s
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
        return [(theme.perpetrator_colour(k), theme.perpetrator_label(k), present[k]) for k in
                list(theme.PERPETRATORS) + sorted(set(present.index) - set(theme.PERPETRATORS)) if k in present]
    present = summary.assign(area_of_control=summary["area_of_control"].fillna("")).groupby(
        "area_of_control")["incidents"].sum()
    return [(theme.area_colour(k), theme.area_label(k), present[k]) for k in list(theme.AREAS) + [""] if k in present]
