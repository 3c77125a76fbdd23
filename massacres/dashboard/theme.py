"""The one place for labels, colours and the publication chart template.

Colours are Okabe & Ito's colour-blind-safe palette; every chart and the map use these same
mappings, so a party has one colour everywhere. Bar charts also carry one fill pattern per
party, so a chart printed in greyscale still tells the parties apart.
"""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

SOURCE = "Source: SNHR monthly reports"
EDGE = 24  # px between the figure's edge and its title, subtitle, source line and footnote

PERPETRATORS = {
    # key: (label, colour, bar pattern)
    "syrian_regime": ("Syrian regime", "#D55E00", ""),
    "russia": ("Russia", "#0072B2", "/"),
    # Attributed jointly by the report itself; Tol's dark red with Russia's stripe reversed.
    "syrian_russian_alliance": ("Syrian-Russian alliance (joint)", "#882255", "\\"),
    "isis": ("ISIS", "#000000", "x"),
    "international_coalition": ("International coalition", "#56B4E9", "."),
    "hts": ("Hay'at Tahrir al Sham", "#CC79A7", "\\"),
    "armed_opposition": ("Armed opposition", "#009E73", "+"),
    "kurdish_forces": ("Kurdish forces", "#F0E442", "-"),
    "turkish_forces": ("Turkish forces", "#E69F00", "|"),
    "other": ("Other parties", "#999999", ""),
}
AREAS = {
    "isis": ("ISIS", "#000000"),
    "armed_opposition": ("Armed opposition", "#009E73"),
    "hts": ("Hay'at Tahrir al Sham", "#CC79A7"),
    "armed_opposition_and_hts": ("Armed opposition and HTS", "#88CCAA"),
    "hts_and_turkistan_party": ("HTS and Turkistan Party", "#882255"),
    "syrian_regime": ("Syrian regime", "#D55E00"),
    "sdf": ("SDF", "#F0E442"),
    "other": ("Other", "#999999"),
}
UNKNOWN_COLOUR = "#BBBBBB"
HIGHLIGHT_OUTLINE = "#222222"  # the outline of a bar the reader selected (the text colour: no party's)
# Victim categories: label, colour, bar pattern (Tol's high-contrast set, dark to light, one
# pattern each for greyscale). "Breakdown not given" is the killed of incidents whose paragraph
# does not say how many were children or women: unknown, never counted as zero.
VICTIM_CATEGORIES = {
    "children": ("Children", "#004488", ""),
    "women": ("Women", "#BB5566", "/"),
    "fetuses": ("Fetuses", "#DDAA33", "x"),
    "others": ("Others / unspecified", "#88CCEE", "."),
    "breakdown_not_given": ("Breakdown not given", UNKNOWN_COLOUR, "\\"),
}
GOVERNORATES = {
    "damascus": "Damascus", "damascus_suburbs": "Damascus suburbs", "aleppo": "Aleppo", "idlib": "Idlib",
    "hama": "Hama", "homs": "Homs", "latakia": "Latakia", "tartus": "Tartus", "daraa": "Daraa",
    "suwayda": "Suwayda", "quneitra": "Quneitra", "deir_ez_zor": "Deir ez-Zor", "raqqa": "Raqqa", "hasaka": "Hasaka",
}
WEAPONS = {
    "fixed_wing_airstrike": "Fixed-wing airstrike", "rotary_wing_barrel_bomb": "Helicopter / barrel bomb",
    "artillery": "Artillery", "surface_to_surface_rocket": "Surface-to-surface rocket",
    "ground_raid_execution": "Ground raid / execution", "landmine": "Landmine", "ied": "IED",
    "car_bomb": "Car bomb", "other": "Other",
}
PRECISIONS = {"exact": "Exact (map link)", "locality": "Locality", "city": "City", "governorate": "Governorate only"}


def perpetrator_label(key: str) -> str:
    return PERPETRATORS.get(key, (key, "", ""))[0]


def perpetrator_colour(key: str) -> str:
    return PERPETRATORS.get(key, ("", UNKNOWN_COLOUR, ""))[1]


def area_label(key: str | None) -> str:
    return AREAS.get(key or "", ("Unknown", ""))[0]


def stated_figure_label(dimension: str, key: str) -> tuple[str, str]:
    """A stated figure's dimension and key (stated_figures) in words: ("Party", "Russia"),
    ("Syrian regime, by area of control", "ISIS"). Unknown ones stay as written."""
    if dimension == "total":
        return "Total", "All parties" if key == "all" else key
    if dimension == "victims_share":
        return "Share of the victims", "Women and children" if key == "women_and_children" else key
    if dimension.startswith("ytd_"):
        what, of = stated_figure_label(dimension.removeprefix("ytd_"), key)
        return f"Year to date: {what}", of
    if dimension == "perpetrator":
        return "Party", perpetrator_label(key)
    if dimension == "joint_perpetrator":
        return "Parties jointly", perpetrator_label(key)
    if dimension == "governorate":
        return "Governorate", GOVERNORATES.get(key, key)
    if dimension.endswith("_area_of_control"):
        party = "syrian_regime" if dimension == "regime_area_of_control" else dimension.removesuffix("_area_of_control")
        return f"{perpetrator_label(party)}, by area of control", AREAS.get(key, (key, ""))[0]
    return dimension, key


def area_colour(key: str | None) -> str:
    return AREAS.get(key or "", ("", UNKNOWN_COLOUR))[1]


def hex_to_rgb(colour: str) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i: i + 2], 16) for i in (0, 2, 4)]


def perpetrator_colour_map() -> dict[str, str]:
    """Label -> colour, for plotly express colour_discrete_map on labelled data."""
    return {label: colour for label, colour, _ in PERPETRATORS.values()}


def perpetrator_pattern_map() -> dict[str, str]:
    return {label: pattern for label, _, pattern in PERPETRATORS.values()}


def perpetrator_order() -> list[str]:
    return [label for label, _, _ in PERPETRATORS.values()]


TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family="DejaVu Sans, Arial, sans-serif", size=13, color="#222222"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=[c for _, c, _ in PERPETRATORS.values()],
        # automargin: long party and governorate names are never cut at the edge.
        xaxis=dict(showgrid=False, linecolor="#444444", ticks="outside", automargin=True),
        yaxis=dict(gridcolor="#E5E5E5", zeroline=False, automargin=True),
        # The legend stands to the right, so the source line below the axis has the bottom to itself.
        legend=dict(orientation="v", yanchor="top", y=1, xanchor="left", x=1.02),
        margin=dict(t=130, b=100, l=80, r=20),
        hoverlabel=dict(font_size=12),
    )
)
pio.templates["massacres"] = TEMPLATE


def wrap(text: str, width: int = 100) -> str:
    """Break a long subtitle into lines (plotly does not wrap titles)."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def publication(fig: go.Figure, title: str, subtitle: str, footnote: str | None = None) -> go.Figure:
    """Title, a subtitle naming the filters and basis, the source line and the caveats the page states (a
    footnote: counts derived from percentages, months detailed only in part): on screen and in every export."""
    sub = wrap(subtitle)
    # plotly express writes its own top margin; the title block needs room for every subtitle line.
    needed = 90 + 18 * sub.count("<br>")
    fig.update_layout(margin_t=max(fig.layout.margin.t or 0, needed), margin_b=max(fig.layout.margin.b or 0, 100))
    fig.update_layout(
        template="massacres",
        # The title block starts 24 px in from the figure's edge (pad), as the source line and footnote do.
        title=dict(text=title, subtitle=dict(text=sub, font=dict(size=12, color="#555555")),
                   x=0, xanchor="left", y=0.97, yanchor="top", pad=dict(l=EDGE)),
    )
    fig.add_annotation(text=SOURCE, xref="paper", yref="paper", x=0, y=0, yshift=-70, xanchor="left",
                       yanchor="top", showarrow=False, font=dict(size=11, color="#555555"))
    if footnote:
        note = wrap(footnote, 120)
        fig.update_layout(margin_b=max(fig.layout.margin.b or 0, 100) + 16 * (note.count("<br>") + 1) + 8)
        fig.add_annotation(text=note, xref="paper", yref="paper", x=0, y=0, yshift=-88, xanchor="left",
                           yanchor="top", align="left", showarrow=False, font=dict(size=11, color="#555555"),
                           name="footnote")
    return fig
