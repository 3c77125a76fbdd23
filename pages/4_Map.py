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

This file holds the filters, the queries, the widgets and the click handling; massacres/mapdeck.py
turns the query results into the deck, its tooltips and the legend's symbols.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import streamlit as st

from massacres.dashboard import export, incident_card, mapdeck, mapexport, palette, theme, ui

current, default = ui.page("Map")
params = current.params()

MAX_POINTS = int(os.environ.get("MASSACRES_MAP_MAX_POINTS") or 20_000)  # points sent to the browser, at most
CELL_INCIDENTS_SHOWN = 10  # the largest incidents listed for a clicked cell


def legend_row(items: list[tuple[np.ndarray, str]], per_row: int = 4, symbol_share: float = 1.0) -> None:
    """Legend entries as image + text in columns (no HTML). A symbol column must be wide enough for
    its image at full size, or the size key would no longer match the map."""
    for start in range(0, len(items), per_row):
        chunk = items[start : start + per_row]
        cols = st.columns([symbol_share, 5 - symbol_share] * per_row, gap="small", vertical_alignment="center")
        for i, (img, label) in enumerate(chunk):
            cols[2 * i].image(img, width=img.shape[1])
            cols[2 * i + 1].text(label)


@st.cache_data(show_spinner=False, max_entries=16)
def deck_spec(
    frozen: tuple,
    identity: tuple[int, int],
    colour_by: str,
    online: bool,
    aggregated: bool,
    max_points: int,
    phone: bool,
) -> str:
    """The deck's JSON for one view, built once per view and database file: a rerun (a click on the map)
    reuses it. The governorates, their names and the main towns', then either the grid cells or the
    incidents' points with a count over each stack; the first view fitted to what is drawn."""
    params = {k: (list(v) if isinstance(v, tuple) else v) for k, v in frozen}
    layers = [mapdeck.governorate_layer(ui.query("massacres_by_governorate", params), online)]
    if aggregated:
        cells = ui.query("grid_cells", params | {"cell": mapdeck.CELL_DEG})
        layers += mapdeck.label_layers()
        layers.append(mapdeck.cell_layer(cells))
        lats = [(r + 0.5) * mapdeck.CELL_DEG for r in cells["cell_row"].tolist()]
        lons = [(c + 0.5) * mapdeck.CELL_DEG for c in cells["cell_col"].tolist()]
    else:
        points = ui.query("points_map", params | {"limit": max_points})
        layers += mapdeck.label_layers()
        layers += mapdeck.point_layers(points, colour_by)
        layers += mapdeck.stack_layers(points)
        drawn = points.dropna(subset=["point_lat"])
        lats, lons = drawn["point_lat"].tolist(), drawn["point_lon"].tolist()
    view = mapdeck.initial_view(mapdeck.data_bounds(lats, lons), phone)
    return mapdeck.deck_json(mapdeck.map_deck(layers, online, view))


@st.cache_data(show_spinner=False, ttl=300)
def basemap_reachable() -> bool:
    return mapdeck.reachable(mapdeck.ONLINE_STYLE)


def selected_card(selected: pd.Series) -> None:
    """The clicked incident in full, with a link to its own page."""
    with st.container(border=True):
        place = selected["place"] + (f" ({selected['place_type']})" if pd.notna(selected["place_type"]) else "")
        if pd.notna(selected["parent_place"]):
            place += f", {selected['parent_place']}"
        place += f", {theme.GOVERNORATES.get(selected['governorate'], selected['governorate'])}"
        who = theme.perpetrator_label(selected["perpetrator"])
        if selected["attribution_uncertain"]:
            who += " (the report qualifies the attribution" + (
                f": {selected['perpetrator_note']})" if pd.notna(selected["perpetrator_note"]) else ")"
            )
        st.text(f"Date: {selected['date']}")
        st.text(f"Place: {place}")
        if pd.notna(selected["site"]) and selected["site"] != selected["place"]:
            st.text(f"Site: {selected['site']}")
        st.text(f"Perpetrator: {who}")
        fetuses = mapdeck.optional_int(selected["fetuses"])
        st.text(
            f"Killed: {mapdeck.optional_int(selected['killed'])}"
            f"{' or more' if selected['killed_is_lower_bound'] else ''}; "
            f"children: {mapdeck.count_text(selected['children'])}; women: {mapdeck.count_text(selected['women'])}"
            + (f"; fetuses: {fetuses}" if fetuses else "")
        )
        st.text(f"Area of control: {theme.area_label(selected['area_of_control'])}")
        st.text(
            f"Location: {mapdeck.PRECISION_NOTES.get(selected['precision'], selected['precision'])}"
            + (f" (gazetteer name: {selected['matched_name']})" if pd.notna(selected["matched_name"]) else "")
        )
        st.text(f"Report: {ui.month_label(selected['report_month'])}, incident {int(selected['seq'])}")
        incident_card.link(
            incident_card.INCIDENT_PAGE,
            "Open this incident's page (a link to paste)",
            ":material/open_in_new:",
            incident_card.page_link_params(selected["report_month"], selected["seq"]),
        )
        with st.expander("The report's paragraph"):
            st.text(selected["paragraph"])


def stack_table(points: pd.DataFrame, lat: float, lon: float) -> None:
    """Every incident drawn at one position (a town centre or a governorate point holds many), each with
    a link to its own page: the way to reach the ones hidden under the top circle."""
    key = mapdeck.stack_key(lat, lon)
    here = points[
        [
            mapdeck.stack_key(a, b) == key if pd.notna(a) else False
            for a, b in zip(points["point_lat"], points["point_lon"])
        ]
    ]
    if len(here) < 2:
        return
    st.text(f"{len(here)} incidents are drawn at this point:")
    ui.table(
        pd.DataFrame(
            {
                "incident": [incident_card.url(m, q) for m, q in zip(here["report_month"], here["seq"])],
                "date": here["date"],
                "place": here["place"],
                "perpetrator": here["perpetrator"].map(theme.perpetrator_label),
                "killed": here["killed"],
                "precision": here["precision"],
            }
        ).sort_values(["date", "incident"]),
        key="map_stack",
        width="stretch",
        column_config={
            "Incident": st.column_config.LinkColumn("Incident", display_text=rf"{incident_card.PARAM}=(.*)$")
        },
    )


def show_selection(
    objects: dict, aggregated: bool, cells: pd.DataFrame | None, points: pd.DataFrame | None, counts: pd.DataFrame
) -> None:
    """What the click selected: an incident (and the others drawn at the same point), a cell's largest
    incidents, or a governorate's count; a hint when nothing is selected."""
    st.subheader("Selected cell" if aggregated else "Selected incident")
    selected, obj = None, None
    for layer_id in (mapdeck.LAYER_LOCATED, mapdeck.LAYER_APPROXIMATE):
        if objects.get(layer_id) and not aggregated:
            obj = objects[layer_id][0]
            match = ui.query(
                "points_incident",
                params | {"report_month": obj.get("report_month"), "seq": mapdeck.optional_int(obj.get("seq"))},
            )
            selected = match.iloc[0] if len(match) else None
            if selected is None:
                st.info("The selected incident is outside the current filters.")
            break
    cell_clicked = aggregated and bool(objects.get(mapdeck.LAYER_CELLS))
    if cell_clicked:
        obj = objects[mapdeck.LAYER_CELLS][0]
        row, col = mapdeck.optional_int(obj.get("cell_row")), mapdeck.optional_int(obj.get("cell_col"))
        largest = ui.query(
            "grid_cell_incidents",
            params | {"cell": mapdeck.CELL_DEG, "cell_row": row, "cell_col": col, "limit": CELL_INCIDENTS_SHOWN},
        )
        match = cells[(cells["cell_row"] == row) & (cells["cell_col"] == col)]
        if match.empty:
            st.info("The selected cell has no incident under the current filters.")
        else:
            c = match.iloc[0]
            st.text(
                f"Cell {mapdeck.cell_name(row, col)}: {int(c['incidents']):,} incidents, "
                f"{int(c['killed']):,} killed. The {len(largest)} largest:"
            )
            ui.table(
                pd.DataFrame(
                    {
                        "incident": [incident_card.url(m, q) for m, q in zip(largest["report_month"], largest["seq"])],
                        "date": largest["date"],
                        "place": largest["place"],
                        "perpetrator": largest["perpetrator"].map(theme.perpetrator_label),
                        "killed": largest["killed"].astype(str)
                        + largest["killed_is_lower_bound"].map({True: "+", False: ""}),
                        "area of control": largest["area_of_control"].map(theme.area_label),
                        "precision": largest["precision"],
                    }
                ),
                key="map_cell_incidents",
                width="stretch",
                column_config={
                    "Incident": st.column_config.LinkColumn("Incident", display_text=rf"{incident_card.PARAM}=(.*)$")
                },
            )
    if objects.get(mapdeck.LAYER_GOVERNORATES):
        props = objects[mapdeck.LAYER_GOVERNORATES][0].get("properties", {})
        row = counts[counts["governorate"] == props.get("key")]
        n = int(row["massacres"].iloc[0]) if len(row) else 0
        st.text(
            f"{theme.GOVERNORATES.get(props.get('key'), props.get('key'))}: {n} massacres in the range. "
            + ("Click a cell for its largest incidents." if aggregated else "Click a point for its incident.")
        )
    elif aggregated and not cell_clicked:
        st.caption("Click a cell on the map to list its largest incidents here.")
    elif not aggregated and selected is None:
        st.caption(
            "Click a point on the map to show its incident here. A number beside a point (×8) counts the "
            "incidents drawn at that same point: click it to list them all."
        )
    if selected is not None:
        selected_card(selected)
        if points is not None and obj is not None and obj.get("lat") is not None:
            stack_table(points, float(obj["lat"]), float(obj["lon"]))


st.title("Map")
st.caption(f"Showing {current.describe(default)}.")

# Count first, in SQL: a few dozen rows whatever the corpus size. Then either the points or the cells.
summary = ui.query("points_summary", params)
total = int(summary["incidents"].sum())
located_n = int(summary.loc[summary["precision"].notna(), "incidents"].sum())
approximate_n = int(summary.loc[summary["precision"].isin(mapdeck.APPROXIMATE), "incidents"].sum())
precise_n = located_n - approximate_n
unlocated = total - located_n
aggregated = total > MAX_POINTS

controls = st.columns([3, 2], vertical_alignment="center")
colour_by = ui.url_choice(
    "Colour points by",
    mapdeck.COLOUR_BY,
    key="color_by",
    container=controls[0],
    horizontal=True,
    disabled=aggregated,
    help="Too many incidents to draw each one: the map shows grid cells shaded by their number of incidents."
    if aggregated
    else None,
)
online = controls[1].toggle(
    "Basemap (online)",
    key="basemap_online",
    help="Adds CARTO's free Positron basemap, loaded from the internet. Off, the map draws with no network at all.",
)
if online and not basemap_reachable():
    # Without this the map would draw on blank white and say nothing.
    st.warning(
        "The online basemap (CARTO) cannot be reached from here: the map is drawn without it, with the "
        "governorates, their names and the main towns from the app's own data.",
        icon=":material/cloud_off:",
    )
    online = False
phone = mapdeck.is_phone(st.context.headers.get("User-Agent"))

counts = ui.query("massacres_by_governorate", params)
by_precision = summary.groupby("precision")["incidents"].sum()
parts = [f"{theme.PRECISIONS[k].lower()} {int(by_precision.get(k, 0)):,}" for k in theme.PRECISIONS]
st.text(
    f"{total:,} incident{'' if total == 1 else 's'} in the range. "
    f"Location precision: {', '.join(parts)}."
    + (f" {unlocated:,} have no location and are not drawn." if unlocated else "")
)

points = cells = None
if aggregated:
    cells = ui.query("grid_cells", params | {"cell": mapdeck.CELL_DEG})
    st.info(
        f"{total:,} incidents: shown as {len(cells):,} grid cells of {mapdeck.CELL_DEG:g}°; filter to "
        f"{MAX_POINTS:,} or fewer to see each incident.",
        icon=":material/grid_on:",
    )
    if approximate_n:
        st.caption(
            f"{approximate_n:,} of them are located only to a city or a governorate: they are counted in "
            "the cell of the town's centre or the governorate's representative point, not where the "
            "massacre happened."
        )
else:
    # Within the limit by the count above; the LIMIT in SQL is a guard, so no page ever pulls all incidents.
    points = ui.query("points_map", params | {"limit": MAX_POINTS})
    if approximate_n:
        st.caption(
            f"{approximate_n:,} of them are located only to a city or a governorate: they are drawn hollow, "
            "at the town's centre or the governorate's representative point, not where the massacre "
            "happened."
        )
if not total:
    st.info("No incident matches the filters: the map shows the governorates only.")

frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
spec = deck_spec(frozen, ui.identity(), colour_by, online, aggregated, MAX_POINTS, phone)
# The map and, beside it (below it on a phone), what was clicked, so a click never sends the reader below the fold.
map_col, side = st.columns([3, 2], gap="medium")
with map_col:
    event = st.pydeck_chart(
        mapdeck.deck_from_json(spec, online),
        on_select="rerun",
        selection_mode="single-object",
        key="map",
        height=mapdeck.map_height(phone),
    )
    st.caption("Scroll the page with the wheel; zoom with the + and − buttons, a double click or a pinch.")
    if aggregated:
        st.caption(f"A map image is made for {MAX_POINTS:,} incidents or fewer: filter further to download one.")
    else:
        title = "Massacres by place"
        subtitle = f"{current.describe(default)}. Colour: {mapdeck.COLOUR_BY[colour_by].lower()}."
        footnote = (
            "Circle area proportional to the number killed. Hollow: located only to a city or a governorate "
            "(drawn at its centre, not where the massacre happened)."
            + (f" {unlocated:,} incidents without a location are not drawn." if unlocated else "")
            + " Place names: Who's On First, GeoNames (CC BY 4.0). Boundaries: Natural Earth."
        )
        st.download_button(
            "Map (PNG)",
            data=lambda: export.to_bytes(
                mapexport.figure(points, counts, colour_by, title, subtitle, footnote),
                "png",
                mapexport.WIDTH,
                mapexport.HEIGHT,
            ),
            file_name="massacres-by-place.png",
            mime="image/png",
            key="dl_map_png",
            icon=":material/download:",
            on_click="ignore",
        )

objects = (event.selection.get("objects") or {}) if event is not None else {}
with side:
    show_selection(objects, aggregated, cells, points, counts)

st.subheader("Legend")
if aggregated:
    st.text(f"Colour: incidents per {mapdeck.CELL_DEG:g}° cell ({len(cells):,} cells, {located_n:,} located incidents)")
    legend_row(
        [
            (mapdeck.swatch(16, colour, square=True), mapdeck.bin_label(low, high))
            for low, high, colour in mapdeck.CELL_BINS
        ],
        per_row=6,
        symbol_share=1.6,
    )
else:
    st.text(f"Colour: {mapdeck.COLOUR_BY[colour_by].lower()} (number of incidents)")
    legend_row(
        [
            (mapdeck.swatch(16, colour), f"{label} ({n:,})")
            for colour, label, n in mapdeck.colour_legend(summary, colour_by)
        ]
    )
    st.text("Fill: how precisely the incident is located")
    legend_row(
        [
            (mapdeck.swatch(16, palette.SYMBOL), f"Filled: exact or locality ({precise_n:,})"),
            (
                mapdeck.swatch(16, palette.SYMBOL, hollow=True),
                f"Hollow: city or governorate only, approximate ({approximate_n:,})",
            ),
        ]
    )
    st.text("Size: circle area proportional to the number killed")
    legend_row(mapdeck.size_legend(), symbol_share=1.6)
st.text("Governorates: massacres in the range")
legend_row(
    [
        (mapdeck.swatch(16, colour, square=True, border=palette.SYMBOL_BORDER), mapdeck.bin_label(low, high))
        for low, high, colour in mapdeck.GOVERNORATE_BINS
    ],
    per_row=6,
    symbol_share=1.6,
)

with st.expander("Text alternative: the data behind this map"):
    table = counts.assign(governorate=counts["governorate"].map(lambda k: theme.GOVERNORATES.get(k, k)))
    ui.table(table, key="map_governorates")
    if aggregated:
        bounds = [mapdeck.cell_bounds(int(r), int(c)) for r, c in zip(cells["cell_row"], cells["cell_col"])]
        ui.table(
            pd.DataFrame(
                {
                    "south": [b[0] for b in bounds],
                    "west": [b[1] for b in bounds],
                    "north": [b[2] for b in bounds],
                    "east": [b[3] for b in bounds],
                    "incidents": cells["incidents"],
                    "killed": cells["killed"],
                    "city or governorate only": cells["approximate"],
                    "most by": cells["perpetrator"].map(theme.perpetrator_label),
                    "most in areas held by": cells["area_of_control"].map(theme.area_label),
                }
            ),
            key="map_cells",
            width="stretch",
        )
    else:
        ui.table(
            pd.DataFrame(
                {
                    "date": points["date"],
                    "place": points["place"],
                    "governorate": points["governorate"].map(lambda k: theme.GOVERNORATES.get(k, k)),
                    "perpetrator": points["perpetrator"].map(theme.perpetrator_label),
                    "killed": points["killed"],
                    "area of control": points["area_of_control"].map(theme.area_label),
                    "precision": points["precision"],
                    "lat": points["point_lat"],
                    "lon": points["point_lon"],
                }
            ).sort_values(["date", "place"]),
            key="map_incidents",
            width="stretch",
        )

st.caption(
    "Place names and coordinates: Who's On First, derived largely from GeoNames (CC BY 4.0) and foursquare "
    "Quattroshapes (CC BY). Governorate boundaries: Natural Earth (public domain)."
)
if online:
    st.caption("Basemap: © CARTO, © OpenStreetMap contributors.")
st.caption(theme.SOURCE)
ui.cite()
