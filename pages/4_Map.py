"""Map: one point per incident where it happened, coloured by the area of control at the time (or by
party), its area proportional to the killed, hollow where the location is only a city or a
governorate; governorates shaded by massacre count; a click shows the incident.

The browser never gets more than MAX_POINTS points. The page counts the filtered incidents in SQL
first (points_summary.sql); within the limit it fetches one row per incident (points_map.sql,
LIMITed in SQL, without the paragraphs), above it DuckDB aggregates them into 0.1-degree cells
(grid_cells.sql) and the map draws the cells, shaded by their number of incidents. A clicked point
fetches its own details (points_incident.sql); a clicked cell its largest incidents
(grid_cell_incidents.sql). $MASSACRES_MAP_MAX_POINTS overrides the limit (tests use a small one).
The deck's JSON is built once per view (filters, colouring, basemap) and cached, so a rerun (a click
on the map) does not rebuild 20,000 points.

It draws with no network: the default map style is a local one-layer background style served by
Streamlit's static serving (static/map_style_offline.json), so no basemap request is made.
"""
from __future__ import annotations

import html
import json
import math
import os
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pydeck as pdk
import streamlit as st
from pydeck.bindings import json_tools

from massacres import boundaries, theme, ui

current, default = ui.page("Map")
params = current.params()

OFFLINE_STYLE = "/app/static/map_style_offline.json"  # static/map_style_offline.json, served by Streamlit
ONLINE_STYLE = pdk.map_styles.CARTO_LIGHT  # CARTO Positron: free, no token
APPROXIMATE = ("city", "governorate")  # below locality precision: drawn hollow, never as if exact
PX_PER_SQRT_KILLED = 3.0  # radius in screen pixels = this x sqrt(killed): circle area proportional to killed
FILL_ALPHA = 220
HOLLOW_LINE_PX = 2.5
LAYER_LOCATED, LAYER_APPROXIMATE, LAYER_GOVERNORATES = "incidents-located", "incidents-approximate", "governorates"
GOVERNORATE_BINS = (  # (lowest count, highest count or None, fill): a neutral ramp under the coloured points
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
COLOUR_BY = {"area": "Area of control at the time", "perpetrator": "Perpetrator"}
MAX_POINTS = int(os.environ.get("MASSACRES_MAP_MAX_POINTS") or 20_000)  # points sent to the browser, at most
CELL_DEG = 0.1  # grid cell size in degrees of latitude and longitude, above MAX_POINTS
LAYER_CELLS = "grid-cells"
CELL_ALPHA = 215
CELL_INCIDENTS_SHOWN = 10  # the largest incidents listed for a clicked cell
CELL_BINS = (  # (lowest, highest or None, fill): incidents per cell, by decade; viridis, colour-blind safe
    (1, 1, "#FDE725"),
    (2, 9, "#7AD151"),
    (10, 99, "#22A884"),
    (100, 999, "#2A788E"),
    (1000, 9999, "#414487"),
    (10000, None, "#440154"),
)


def esc(value: Any) -> str:
    """Text from the reports made safe for the HTML tooltip template: &, < and > become entities,
    so no string can open a tag. Quotes are left alone: the values sit in element text, never in
    an attribute, and Streamlit escapes substituted values again (a quote escaped here would show
    as '&#x27;')."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=False)


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _count(value: Any) -> str:
    n = _int(value)
    return "unknown" if n is None else str(n)


def rgba(colour: str, alpha: int = 255) -> list[int]:
    return [*theme.hex_to_rgb(colour), alpha]


def point_colour(row: dict[str, Any], colour_by: str) -> str:
    if colour_by == "perpetrator":
        return theme.perpetrator_colour(row["perpetrator"])
    return theme.area_colour(row["area_of_control"])


def binned(count: int, bins: tuple) -> str:
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


def _rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as plain dicts, column by column (DataFrame.iterrows and to_dict take seconds and a
    fifth of a second at MAX_POINTS rows); a missing value is None."""
    cols = {c: [None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v for v in df[c].tolist()]
            for c in df.columns}
    return [dict(zip(cols, vals)) for vals in zip(*cols.values())]


def point_records(points: pd.DataFrame, colour_by: str) -> list[dict[str, Any]]:
    """Layer data: plain JSON values only, every text from the database escaped."""
    out = []
    colours: dict[str, tuple[list[int], list[int]]] = {}  # one colour's fill and line, shared by its points
    for r in _rows(points):
        colour = point_colour(r, colour_by)
        if colour not in colours:
            colours[colour] = (rgba(colour, FILL_ALPHA), rgba(colour))
        fill, line = colours[colour]
        killed = _int(r["killed"]) or 0
        who = theme.perpetrator_label(r["perpetrator"])
        if r["attribution_uncertain"]:
            who += f" (uncertain: {r['perpetrator_note']})" if r["perpetrator_note"] is not None else " (uncertain)"
        where = r["place"] if r["site"] is None or r["site"] == r["place"] else f"{r['place']}, {r['site']}"
        out.append({
            "report_month": r["report_month"], "seq": int(r["seq"]),
            "lon": float(r["point_lon"]), "lat": float(r["point_lat"]),
            "radius": round(PX_PER_SQRT_KILLED * math.sqrt(killed), 3),
            "killed": killed, "precision": r["precision"],
            "colour_key": r["perpetrator"] if colour_by == "perpetrator" else (r["area_of_control"] or ""),
            "fill": fill, "line": line,
            "tt_title": f"{esc(r['date'])} · {esc(r['place'])}",
            "tt_1": esc(where if where != r["place"] else theme.GOVERNORATES.get(r["governorate"], r["governorate"])),
            "tt_2": f"Perpetrator: {esc(who)}",
            "tt_3": (f"Killed {killed}{'+' if r['killed_is_lower_bound'] else ''}; children {_count(r['children'])}; "
                     f"women {_count(r['women'])}"),
            "tt_4": f"Area of control: {esc(theme.area_label(r['area_of_control']))}",
            "tt_5": f"Location: {esc(PRECISION_NOTES.get(r['precision'], r['precision']))}",
        })
    return out


def cell_bounds(row: int, col: int) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a grid cell, as grid_cells.sql numbers them."""
    return (round(row * CELL_DEG, 6), round(col * CELL_DEG, 6),
            round((row + 1) * CELL_DEG, 6), round((col + 1) * CELL_DEG, 6))


def _deg(value: float, pos: str, neg: str) -> str:
    return f"{abs(value):.1f}°{pos if value >= 0 else neg}"


def cell_name(row: int, col: int) -> str:
    s, w, n, e = cell_bounds(row, col)
    return f"{_deg(s, 'N', 'S')}–{_deg(n, 'N', 'S')}, {_deg(w, 'E', 'W')}–{_deg(e, 'E', 'W')}"


def cell_records(cells: pd.DataFrame) -> list[dict[str, Any]]:
    """Layer data for the grid: each cell as its square polygon, shaded by its number of incidents."""
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
    """The 14 polygons, each with its massacre count joined on the `key` property (never on names)."""
    by_key = {r["governorate"]: (int(r["massacres"]), _int(r["killed"]) or 0) for _, r in counts.iterrows()}
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


def swatch(diameter: float, colour: str, hollow: bool = False, square: bool = False, box: int | None = None,
           border: str | None = None) -> np.ndarray:
    """A legend symbol as an RGB image: a filled or hollow circle (as the map draws it) or a square."""
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


def legend_row(items: list[tuple[np.ndarray, str]], per_row: int = 4, symbol_share: float = 1.0) -> None:
    """Legend entries as image + text in columns (no HTML). A symbol column must be wide enough for
    its image at full size, or the size key would no longer match the map."""
    for start in range(0, len(items), per_row):
        chunk = items[start:start + per_row]
        cols = st.columns([symbol_share, 5 - symbol_share] * per_row, gap="small", vertical_alignment="center")
        for i, (img, label) in enumerate(chunk):
            cols[2 * i].image(img, width=img.shape[1])
            cols[2 * i + 1].text(label)


TOOLTIP = {"html": "<b>{tt_title}</b><br/>{tt_1}<br/>{tt_2}<br/>{tt_3}<br/>{tt_4}<br/>{tt_5}",
           "style": {"fontSize": "12px", "maxWidth": "360px"}}


def map_deck(layers: list[pdk.Layer], online: bool) -> pdk.Deck:
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=34.85, longitude=38.5, zoom=6.0, min_zoom=4, max_zoom=13),
        map_style=ONLINE_STYLE if online else OFFLINE_STYLE,
        tooltip=TOOLTIP,
    )


def map_layers(params: dict[str, Any], colour_by: str, online: bool, aggregated: bool) -> list[pdk.Layer]:
    """The governorates, then either the grid cells or the incidents' points (hollow, then filled)."""
    counts = ui.query("massacres_by_governorate", params)
    layers = [
        pdk.Layer("GeoJsonLayer", id=LAYER_GOVERNORATES, data=governorate_geojson(counts, 150 if online else 255),
                  stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=[110, 110, 110, 255],
                  line_width_units="'pixels'", get_line_width=1, pickable=True),
    ]
    if aggregated:
        cells = ui.query("grid_cells", params | {"cell": CELL_DEG})
        layers.append(pdk.Layer("PolygonLayer", id=LAYER_CELLS, data=cell_records(cells), get_polygon="polygon",
                                filled=True, stroked=True, get_fill_color="fill",
                                get_line_color=[255, 255, 255, 160], line_width_units="'pixels'",
                                get_line_width=0.5, pickable=True, auto_highlight=True))
        return layers
    points = ui.query("points_map", params | {"limit": MAX_POINTS})
    drawn = points[points["point_lat"].notna() & points["point_lon"].notna()]
    approximate = drawn[drawn["precision"].isin(APPROXIMATE)]
    precise = drawn[~drawn["precision"].isin(APPROXIMATE)]
    common = dict(get_position=["lon", "lat"], get_radius="radius", radius_units="'pixels'",
                  line_width_units="'pixels'", pickable=True, auto_highlight=True)
    return layers + [
        # Below locality precision: hollow rings in the category's colour, never a filled dot.
        pdk.Layer("ScatterplotLayer", id=LAYER_APPROXIMATE, data=point_records(approximate, colour_by),
                  filled=False, stroked=True, get_line_color="line", get_line_width=HOLLOW_LINE_PX, **common),
        pdk.Layer("ScatterplotLayer", id=LAYER_LOCATED, data=point_records(precise, colour_by),
                  filled=True, stroked=True, get_fill_color="fill", get_line_color=[255, 255, 255, 255],
                  get_line_width=1, **common),
    ]


@st.cache_data(show_spinner=False, max_entries=16)
def deck_spec(frozen: tuple, identity: tuple[int, int], colour_by: str, online: bool, aggregated: bool,
              max_points: int) -> str:
    """The deck's JSON for one view, built once per view and database file: a rerun (a click on the map)
    reuses it. Serialised compactly by the standard library's C encoder; pydeck's own to_json indents,
    which falls back to the pure-Python encoder (1.3 s per 10,000 points on this machine)."""
    params = {k: (list(v) if isinstance(v, tuple) else v) for k, v in frozen}
    deck = map_deck(map_layers(params, colour_by, online, aggregated), online)
    return json.dumps(deck, sort_keys=True, default=json_tools.default_serialize, separators=(",", ":"))


st.title("Map")
st.caption(f"Showing {current.describe(default)}.")

# Count first, in SQL: a few dozen rows whatever the corpus size. Then either the points or the cells.
summary = ui.query("points_summary", params)
total = int(summary["incidents"].sum())
located_n = int(summary.loc[summary["precision"].notna(), "incidents"].sum())
approximate_n = int(summary.loc[summary["precision"].isin(APPROXIMATE), "incidents"].sum())
precise_n = located_n - approximate_n
unlocated = total - located_n
aggregated = total > MAX_POINTS

controls = st.columns([3, 2], vertical_alignment="center")
colour_by = ui.url_choice("Colour points by", COLOUR_BY, key="color_by", container=controls[0], horizontal=True,
                          disabled=aggregated,
                          help="Too many incidents to draw each one: the map shows grid cells shaded by their "
                               "number of incidents." if aggregated else None)
online = controls[1].toggle("Basemap (online)", key="basemap_online",
                            help="Adds CARTO's free Positron basemap, loaded from the internet. Off, the map "
                                 "draws with no network at all.")

counts = ui.query("massacres_by_governorate", params)
by_precision = summary.groupby("precision")["incidents"].sum()
parts = [f"{theme.PRECISIONS[k].lower()} {int(by_precision.get(k, 0)):,}" for k in theme.PRECISIONS]
st.text(f"{total:,} incident{'' if total == 1 else 's'} in the range. "
        f"Location precision: {', '.join(parts)}."
        + (f" {unlocated:,} have no location and are not drawn." if unlocated else ""))

points = cells = None
if aggregated:
    cells = ui.query("grid_cells", params | {"cell": CELL_DEG})
    st.info(f"{total:,} incidents: shown as {len(cells):,} grid cells of {CELL_DEG:g}°; filter to "
            f"{MAX_POINTS:,} or fewer to see each incident.", icon=":material/grid_on:")
    if approximate_n:
        st.caption(f"{approximate_n:,} of them are located only to a city or a governorate: they are counted in "
                   "the cell of the town's centre or the governorate's representative point, not where the "
                   "massacre happened.")
else:
    # Within the limit by the count above; the LIMIT in SQL is a guard, so no page ever pulls all incidents.
    points = ui.query("points_map", params | {"limit": MAX_POINTS})
    if approximate_n:
        st.caption(f"{approximate_n:,} of them are located only to a city or a governorate: they are drawn hollow, "
                   "at the town's centre or the governorate's representative point, not where the massacre "
                   "happened.")
if not total:
    st.info("No incident matches the filters: the map shows the governorates only.")

frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
spec = deck_spec(frozen, ui.identity(), colour_by, online, aggregated, MAX_POINTS)
deck = map_deck([], online)
deck.to_json = lambda: spec  # noqa: E731  (the cached JSON: see deck_spec)
event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="map", height=600)

st.subheader("Selected cell" if aggregated else "Selected incident")
selected = None
objects = (event.selection.get("objects") or {}) if event is not None else {}
for layer_id in (LAYER_LOCATED, LAYER_APPROXIMATE):
    if objects.get(layer_id) and not aggregated:
        obj = objects[layer_id][0]
        match = ui.query("points_incident", params | {"report_month": obj.get("report_month"),
                                                      "seq": _int(obj.get("seq"))})
        selected = match.iloc[0] if len(match) else None
        if selected is None:
            st.info("The selected incident is outside the current filters.")
        break
cell_clicked = aggregated and bool(objects.get(LAYER_CELLS))
if cell_clicked:
    obj = objects[LAYER_CELLS][0]
    row, col = _int(obj.get("cell_row")), _int(obj.get("cell_col"))
    largest = ui.query("grid_cell_incidents", params | {"cell": CELL_DEG, "cell_row": row, "cell_col": col,
                                                         "limit": CELL_INCIDENTS_SHOWN})
    match = cells[(cells["cell_row"] == row) & (cells["cell_col"] == col)]
    if match.empty:
        st.info("The selected cell has no incident under the current filters.")
    else:
        c = match.iloc[0]
        st.text(f"Cell {cell_name(row, col)}: {int(c['incidents']):,} incidents, {int(c['killed']):,} killed. "
                f"The {len(largest)} largest:")
        st.dataframe(pd.DataFrame({
            "date": largest["date"], "place": largest["place"],
            "perpetrator": largest["perpetrator"].map(theme.perpetrator_label),
            "killed": largest["killed"].astype(str) + largest["killed_is_lower_bound"].map({True: "+", False: ""}),
            "area of control": largest["area_of_control"].map(theme.area_label),
            "precision": largest["precision"], "report": largest["report_month"], "incident": largest["seq"],
        }), hide_index=True, width="stretch", key="map_cell_incidents")
if objects.get(LAYER_GOVERNORATES):
    props = objects[LAYER_GOVERNORATES][0].get("properties", {})
    row = counts[counts["governorate"] == props.get("key")]
    n = int(row["massacres"].iloc[0]) if len(row) else 0
    st.text(f"{theme.GOVERNORATES.get(props.get('key'), props.get('key'))}: {n} massacres in the range. "
            + ("Click a cell for its largest incidents." if aggregated else "Click a point for its incident."))
elif aggregated and not cell_clicked:
    st.caption("Click a cell on the map to list its largest incidents here.")
elif not aggregated and selected is None:
    st.caption("Click a point on the map to show its incident here.")
if selected is not None:
    with st.container(border=True):
        place = selected["place"] + (f" ({selected['place_type']})" if pd.notna(selected["place_type"]) else "")
        if pd.notna(selected["parent_place"]):
            place += f", {selected['parent_place']}"
        place += f", {theme.GOVERNORATES.get(selected['governorate'], selected['governorate'])}"
        who = theme.perpetrator_label(selected["perpetrator"])
        if selected["attribution_uncertain"]:
            who += " (the report qualifies the attribution" + (
                f": {selected['perpetrator_note']})" if pd.notna(selected["perpetrator_note"]) else ")")
        st.text(f"Date: {selected['date']}")
        st.text(f"Place: {place}")
        if pd.notna(selected["site"]) and selected["site"] != selected["place"]:
            st.text(f"Site: {selected['site']}")
        st.text(f"Perpetrator: {who}")
        st.text(f"Killed: {_int(selected['killed'])}{' or more' if selected['killed_is_lower_bound'] else ''}; "
                f"children: {_count(selected['children'])}; women: {_count(selected['women'])}"
                + (f"; fetuses: {_int(selected['fetuses'])}" if _int(selected["fetuses"]) else ""))
        st.text(f"Area of control: {theme.area_label(selected['area_of_control'])}")
        st.text(f"Location: {PRECISION_NOTES.get(selected['precision'], selected['precision'])}"
                + (f" (gazetteer name: {selected['matched_name']})" if pd.notna(selected["matched_name"]) else ""))
        st.text(f"Report: {ui.month_label(selected['report_month'])}, incident {int(selected['seq'])}")
        st.text(selected["paragraph"])

st.subheader("Legend")
if aggregated:
    st.text(f"Colour: incidents per {CELL_DEG:g}° cell ({len(cells):,} cells, {located_n:,} located incidents)")
    legend_row([(swatch(16, colour, square=True), bin_label(low, high)) for low, high, colour in CELL_BINS],
               per_row=6, symbol_share=1.6)
else:
    if colour_by == "perpetrator":
        present = summary.groupby("perpetrator")["incidents"].sum()
        entries = [(theme.perpetrator_colour(k), theme.perpetrator_label(k), present[k]) for k in
                   list(theme.PERPETRATORS) + sorted(set(present.index) - set(theme.PERPETRATORS)) if k in present]
    else:
        present = summary.assign(area_of_control=summary["area_of_control"].fillna("")).groupby(
            "area_of_control")["incidents"].sum()
        entries = [(theme.area_colour(k), theme.area_label(k), present[k]) for k in
                   list(theme.AREAS) + [""] if k in present]
    st.text(f"Colour: {COLOUR_BY[colour_by].lower()} (number of incidents)")
    legend_row([(swatch(16, colour), f"{label} ({n:,})") for colour, label, n in entries])
    st.text("Fill: how precisely the incident is located")
    legend_row([
        (swatch(16, "#555555"), f"Filled: exact or locality ({precise_n:,})"),
        (swatch(16, "#555555", hollow=True), f"Hollow: city or governorate only, approximate ({approximate_n:,})"),
    ])
    st.text("Size: circle area proportional to the number killed")
    sizes = [5, 10, 20, 40]
    box = int(math.ceil(2 * PX_PER_SQRT_KILLED * math.sqrt(max(sizes)))) + 4
    legend_row([(swatch(2 * PX_PER_SQRT_KILLED * math.sqrt(k), "#777777", box=box), f"{k} killed") for k in sizes],
               symbol_share=1.6)
st.text("Governorates: massacres in the range")
legend_row([(swatch(16, colour, square=True, border="#6E6E6E"), bin_label(low, high))
            for low, high, colour in GOVERNORATE_BINS], per_row=6, symbol_share=1.6)

with st.expander("Text alternative: the data behind this map"):
    table = counts.assign(governorate=counts["governorate"].map(lambda k: theme.GOVERNORATES.get(k, k)))
    st.dataframe(table, hide_index=True, key="map_governorates")
    if aggregated:
        bounds = [cell_bounds(int(r), int(c)) for r, c in zip(cells["cell_row"], cells["cell_col"])]
        st.dataframe(pd.DataFrame({
            "south": [b[0] for b in bounds], "west": [b[1] for b in bounds],
            "north": [b[2] for b in bounds], "east": [b[3] for b in bounds],
            "incidents": cells["incidents"], "killed": cells["killed"],
            "city or governorate only": cells["approximate"],
            "most by": cells["perpetrator"].map(theme.perpetrator_label),
            "most in areas held by": cells["area_of_control"].map(theme.area_label),
        }), hide_index=True, width="stretch", key="map_cells")
    else:
        st.dataframe(pd.DataFrame({
            "date": points["date"], "place": points["place"],
            "governorate": points["governorate"].map(lambda k: theme.GOVERNORATES.get(k, k)),
            "perpetrator": points["perpetrator"].map(theme.perpetrator_label), "killed": points["killed"],
            "area of control": points["area_of_control"].map(theme.area_label),
            "precision": points["precision"], "lat": points["point_lat"], "lon": points["point_lon"],
        }).sort_values(["date", "place"]), hide_index=True, width="stretch", key="map_incidents")

st.caption("Place names and coordinates: Who's On First, derived largely from GeoNames (CC BY 4.0) and foursquare "
           "Quattroshapes (CC BY). Governorate boundaries: Natural Earth (public domain).")
if online:
    st.caption("Basemap: © CARTO, © OpenStreetMap contributors.")
st.caption(theme.SOURCE)
