"""The map as a publication figure (plotly, exported by kaleido like every chart): the governorates shaded
by massacre count, the main towns, and one circle per incident in the map's own colours, sizes and fills,
with the charts' title, filters line, source line and caveats. deck.gl draws in the browser and cannot be
exported from the server; this draws the same data again, offline.

Longitude and latitude are plotted on plain axes with the latitude stretched by 1/cos(35 deg), Syria's
middle latitude, so shapes keep their proportions (a local equirectangular projection)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from massacres.dashboard import mapdeck, palette, theme
from massacres.places import towns

WIDTH, HEIGHT = 1000, 800
ASPECT = 1 / math.cos(math.radians(35))  # y units per x unit


def _rings(geometry: dict) -> list[list[list[float]]]:
    """The outer rings of a Polygon or MultiPolygon (Damascus fills Rif Dimashq's one hole, so holes are
    drawn by the polygon on top of them)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [poly[0] for poly in geometry["coordinates"]]


def governorate_traces(counts: pd.DataFrame) -> list[go.Scatter]:
    """One filled outline per ring, shaded like the map; Damascus last, over Rif Dimashq's hole."""
    geo = mapdeck.governorate_geojson(counts, 255)
    features = sorted(geo["features"], key=lambda f: f["properties"]["key"] == "damascus")
    out = []
    for f in features:
        p = f["properties"]
        fill = "rgb({},{},{})".format(*p["fill"][:3])
        for ring in _rings(f["geometry"]):
            out.append(
                go.Scatter(
                    x=[c[0] for c in ring],
                    y=[c[1] for c in ring],
                    mode="lines",
                    fill="toself",
                    fillcolor=fill,
                    line=dict(color=palette.SYMBOL_BORDER, width=0.8),
                    hoverinfo="skip",
                    showlegend=False,
                    name=p["key"],
                )
            )
    return out


def town_trace() -> go.Scatter:
    listed = towns.main_towns()
    return go.Scatter(
        x=[t.lon for t in listed],
        y=[t.lat for t in listed],
        text=[t.label for t in listed],
        mode="markers+text",
        textposition="middle right",
        marker=dict(size=4, color=palette.TEXT),
        textfont=dict(size=10, color=palette.TEXT),
        hoverinfo="skip",
        showlegend=False,
        name="towns",
    )


def point_traces(points: pd.DataFrame, colour_by: str) -> list[go.Scatter]:
    """The incidents with a location, one trace per colour and fill (so the legend names each), largest
    first within a trace; marker size is the map's diameter, so areas stay proportional to the killed."""
    drawn = points[points["point_lat"].notna() & points["point_lon"].notna()]
    drawn = drawn.sort_values("killed", ascending=False, kind="stable")
    out = []
    for approximate in (True, False):
        part = drawn[drawn["precision"].isin(mapdeck.APPROXIMATE) == approximate]
        keys = part["perpetrator"] if colour_by == "perpetrator" else part["area_of_control"].fillna("")
        for key in dict.fromkeys(keys.tolist()):
            rows = part[keys == key]
            colour = theme.perpetrator_colour(key) if colour_by == "perpetrator" else theme.area_colour(key)
            label = theme.perpetrator_label(key) if colour_by == "perpetrator" else theme.area_label(key)
            sizes = [2 * mapdeck.radius_px(mapdeck.optional_int(k) or 0) for k in rows["killed"]]
            out.append(
                go.Scatter(
                    x=rows["point_lon"].tolist(),
                    y=rows["point_lat"].tolist(),
                    mode="markers",
                    name=f"{label}{' (city or governorate only)' if approximate else ''}",
                    marker=dict(
                        size=sizes,
                        sizemode="diameter",
                        color=colour,
                        symbol="circle-open" if approximate else "circle",
                        line=dict(
                            width=mapdeck.HOLLOW_LINE_PX if approximate else 1, color=colour if approximate else "white"
                        ),
                        opacity=1 if approximate else mapdeck.FILL_ALPHA / 255,
                    ),
                    hoverinfo="skip",
                )
            )
    return out


def figure(
    points: pd.DataFrame, counts: pd.DataFrame, colour_by: str, title: str, subtitle: str, footnote: str | None = None
) -> go.Figure:
    fig = go.Figure(governorate_traces(counts) + [town_trace()] + point_traces(points, colour_by))
    s, w, n, e = mapdeck.syria_bounds()
    fig.update_xaxes(range=[w - 0.2, e + 0.2], visible=False)
    fig.update_yaxes(range=[s - 0.2, n + 0.2], visible=False, scaleanchor="x", scaleratio=ASPECT)
    theme.publication(fig, title, subtitle, footnote)
    fig.update_layout(legend_title_text=mapdeck.COLOUR_BY[colour_by], width=WIDTH, height=HEIGHT)
    return fig
