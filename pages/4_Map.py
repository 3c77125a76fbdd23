"""Map: one point per incident where it happened, coloured by the area of control at the time (or by
party), its area proportional to the killed, hollow where the location is only a city or a
governorate; governorates shaded by massacre count; a click shows the incident.

It draws with no network: the default map style is a local one-layer background style served by
Streamlit's static serving (static/map_style_offline.json), so no basemap request is made.
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
import streamlit as st

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


def point_colour(row: pd.Series, colour_by: str) -> str:
    if colour_by == "perpetrator":
        return theme.perpetrator_colour(row["perpetrator"])
    return theme.area_colour(row["area_of_control"])


def governorate_fill(count: int) -> str:
    for low, high, colour in GOVERNORATE_BINS:
        if count >= low and (high is None or count <= high):
            return colour
    return GOVERNORATE_BINS[-1][2]


def bin_label(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} or more"
    return f"{low}" if low == high else f"{low}–{high}"


def point_records(points: pd.DataFrame, colour_by: str) -> list[dict[str, Any]]:
    """Layer data: plain JSON values only, every text from the database escaped."""
    out = []
    for _, r in points.iterrows():
        colour = point_colour(r, colour_by)
        killed = _int(r["killed"]) or 0
        who = theme.perpetrator_label(r["perpetrator"])
        if r["attribution_uncertain"]:
            who += f" (uncertain: {r['perpetrator_note']})" if pd.notna(r["perpetrator_note"]) else " (uncertain)"
        where = r["place"] if pd.isna(r["site"]) or r["site"] == r["place"] else f"{r['place']}, {r['site']}"
        out.append({
            "report_month": r["report_month"], "seq": int(r["seq"]),
            "lon": float(r["point_lon"]), "lat": float(r["point_lat"]),
            "radius": round(PX_PER_SQRT_KILLED * math.sqrt(killed), 3),
            "killed": killed, "precision": r["precision"],
            "colour_key": r["perpetrator"] if colour_by == "perpetrator" else (r["area_of_control"] or ""),
            "fill": rgba(colour, FILL_ALPHA), "line": rgba(colour),
            "tt_title": f"{esc(r['date'])} · {esc(r['place'])}",
            "tt_1": esc(where if where != r["place"] else theme.GOVERNORATES.get(r["governorate"], r["governorate"])),
            "tt_2": f"Perpetrator: {esc(who)}",
            "tt_3": (f"Killed {killed}{'+' if r['killed_is_lower_bound'] else ''}; children {_count(r['children'])}; "
                     f"women {_count(r['women'])}"),
            "tt_4": f"Area of control: {esc(theme.area_label(r['area_of_control']))}",
            "tt_5": f"Location: {esc(PRECISION_NOTES.get(r['precision'], r['precision']))}",
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


st.title("Map")
st.caption(f"Showing {current.describe(default)}.")

controls = st.columns([3, 2], vertical_alignment="center")
colour_by = ui.url_choice("Colour points by", COLOUR_BY, key="color_by", container=controls[0], horizontal=True)
online = controls[1].toggle("Basemap (online)", key="basemap_online",
                            help="Adds CARTO's free Positron basemap, loaded from the internet. Off, the map "
                                 "draws with no network at all.")

incidents = ui.query("points_incidents", params)
counts = ui.query("massacres_by_governorate", params)
located = incidents[incidents["point_lat"].notna() & incidents["point_lon"].notna()]
unlocated = len(incidents) - len(located)
approximate = located[located["precision"].isin(APPROXIMATE)]
precise = located[~located["precision"].isin(APPROXIMATE)]

by_precision = incidents["precision"].value_counts()
parts = [f"{theme.PRECISIONS[k].lower()} {int(by_precision.get(k, 0))}" for k in theme.PRECISIONS]
st.text(f"{len(incidents)} incident{'' if len(incidents) == 1 else 's'} in the range. "
        f"Location precision: {', '.join(parts)}."
        + (f" {unlocated} have no location and are not drawn." if unlocated else ""))
if len(approximate):
    st.caption(f"{len(approximate)} of them are located only to a city or a governorate: they are drawn hollow, at "
               "the town's centre or the governorate's representative point, not where the massacre happened.")
if incidents.empty:
    st.info("No incident matches the filters: the map shows the governorates only.")

common = dict(get_position=["lon", "lat"], get_radius="radius", radius_units="'pixels'", line_width_units="'pixels'",
              pickable=True, auto_highlight=True)
layers = [
    pdk.Layer("GeoJsonLayer", id=LAYER_GOVERNORATES, data=governorate_geojson(counts, 150 if online else 255),
              stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=[110, 110, 110, 255],
              line_width_units="'pixels'", get_line_width=1, pickable=True),
    # Below locality precision: hollow rings in the category's colour, never a filled dot.
    pdk.Layer("ScatterplotLayer", id=LAYER_APPROXIMATE, data=point_records(approximate, colour_by),
              filled=False, stroked=True, get_line_color="line", get_line_width=HOLLOW_LINE_PX, **common),
    pdk.Layer("ScatterplotLayer", id=LAYER_LOCATED, data=point_records(precise, colour_by),
              filled=True, stroked=True, get_fill_color="fill", get_line_color=[255, 255, 255, 255],
              get_line_width=1, **common),
]
deck = pdk.Deck(
    layers=layers,
    initial_view_state=pdk.ViewState(latitude=34.85, longitude=38.5, zoom=6.0, min_zoom=4, max_zoom=13),
    map_style=ONLINE_STYLE if online else OFFLINE_STYLE,
    tooltip={"html": "<b>{tt_title}</b><br/>{tt_1}<br/>{tt_2}<br/>{tt_3}<br/>{tt_4}<br/>{tt_5}",
             "style": {"fontSize": "12px", "maxWidth": "360px"}},
)
event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="map", height=600)

st.subheader("Selected incident")
selected = None
objects = (event.selection.get("objects") or {}) if event is not None else {}
for layer_id in (LAYER_LOCATED, LAYER_APPROXIMATE):
    if objects.get(layer_id):
        obj = objects[layer_id][0]
        match = incidents[(incidents["report_month"] == obj.get("report_month"))
                          & (incidents["seq"] == obj.get("seq"))]
        selected = match.iloc[0] if len(match) else None
        if selected is None:
            st.info("The selected incident is outside the current filters.")
        break
if objects.get(LAYER_GOVERNORATES):
    props = objects[LAYER_GOVERNORATES][0].get("properties", {})
    row = counts[counts["governorate"] == props.get("key")]
    n = int(row["massacres"].iloc[0]) if len(row) else 0
    st.text(f"{theme.GOVERNORATES.get(props.get('key'), props.get('key'))}: {n} massacres in the range. "
            "Click a point for its incident.")
elif selected is None:
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
if colour_by == "perpetrator":
    present = incidents["perpetrator"].value_counts()
    entries = [(theme.perpetrator_colour(k), theme.perpetrator_label(k), present[k]) for k in
               list(theme.PERPETRATORS) + sorted(set(present.index) - set(theme.PERPETRATORS)) if k in present]
else:
    present = incidents["area_of_control"].fillna("").value_counts()
    entries = [(theme.area_colour(k), theme.area_label(k), present[k]) for k in
               list(theme.AREAS) + [""] if k in present]
st.text(f"Colour: {COLOUR_BY[colour_by].lower()} (number of incidents)")
legend_row([(swatch(16, colour), f"{label} ({n})") for colour, label, n in entries])
st.text("Fill: how precisely the incident is located")
legend_row([
    (swatch(16, "#555555"), f"Filled: exact or locality ({len(precise)})"),
    (swatch(16, "#555555", hollow=True), f"Hollow: city or governorate only, approximate ({len(approximate)})"),
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
    st.dataframe(pd.DataFrame({
        "date": incidents["date"], "place": incidents["place"],
        "governorate": incidents["governorate"].map(lambda k: theme.GOVERNORATES.get(k, k)),
        "perpetrator": incidents["perpetrator"].map(theme.perpetrator_label), "killed": incidents["killed"],
        "area of control": incidents["area_of_control"].map(theme.area_label),
        "precision": incidents["precision"], "lat": incidents["point_lat"], "lon": incidents["point_lon"],
    }).sort_values(["date", "place"]), hide_index=True, width="stretch", key="map_incidents")

st.caption("Place names and coordinates: Who's On First, derived largely from GeoNames (CC BY 4.0) and foursquare "
           "Quattroshapes (CC BY). Governorate boundaries: Natural Earth (public domain).")
if online:
    st.caption("Basemap: © CARTO, © OpenStreetMap contributors.")
st.caption(theme.SOURCE)
