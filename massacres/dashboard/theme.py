"""The words and the chart template the pages use for stored keys.

Labels come from the vocabulary tables (`massacres/reports/vocab/*.csv`) and colours and fill
patterns from `palette`, so a party has one label, one colour and one fill everywhere.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import plotly.io as pio

from massacres.dashboard import palette
from massacres.dashboard.palette import hex_to_rgb  # noqa: F401  (pages and mapdeck call theme.hex_to_rgb)
from massacres.reports import vocab

SOURCE = "Source: SNHR monthly reports"
EDGE = 24  # px between the figure's edge and its title, subtitle, source line and footnote

# key: (label, colour, bar pattern), in display order
PERPETRATORS = {k: (label, *palette.perpetrators()[k]) for k, label in vocab.labels("perpetrators.csv").items()}
AREAS = {k: (label, palette.areas()[k].colour) for k, label in vocab.labels("areas_of_control.csv").items()}
UNKNOWN_COLOUR = palette.UNKNOWN.colour
HIGHLIGHT_OUTLINE = palette.TEXT  # the outline of a bar the reader selected (the text colour: no party's)
# Victim categories: label, colour, bar pattern. "Breakdown not given" is the killed of incidents whose
# paragraph does not say how many were children or women: unknown, never counted as zero.
_VICTIM_LABELS = {
    "children": "Children",
    "women": "Women",
    "fetuses": "Fetuses",
    "others": "Others / unspecified",
    "breakdown_not_given": "Breakdown not given",
}
VICTIM_CATEGORIES = {k: (label, *palette.VICTIMS[k]) for k, label in _VICTIM_LABELS.items()}
GOVERNORATES = vocab.labels("governorates.csv")
WEAPONS = vocab.labels("weapons.csv")
TARGETS = vocab.labels("targets.csv")
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


def perpetrator_colour_map() -> dict[str, str]:
    """Label -> colour, for plotly express colour_discrete_map on labelled data."""
    return {label: colour for label, colour, _ in PERPETRATORS.values()}


def perpetrator_pattern_map() -> dict[str, str]:
    return {label: pattern for label, _, pattern in PERPETRATORS.values()}


def perpetrator_order() -> list[str]:
    return [label for label, _, _ in PERPETRATORS.values()]


TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family="DejaVu Sans, Arial, sans-serif", size=13, color=palette.TEXT),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=[c for _, c, _ in PERPETRATORS.values()],
        # automargin: long party and governorate names are never cut at the edge.
        # ticklabelstandoff: a party's name never touches the axis line it labels.
        xaxis=dict(showgrid=False, linecolor="#444444", ticks="outside", automargin=True),
        yaxis=dict(gridcolor="#E5E5E5", zeroline=False, automargin=True, ticklabelstandoff=8),
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


def _left_margin(fig: go.Figure) -> int:
    """Room for the longest category label of a horizontal bar chart, plus the figure's edge: plotly's
    automargin fits the labels flush to the edge, so a label would start a few px from it."""
    labels = [
        str(v)
        for trace in fig.data
        if getattr(trace, "orientation", None) == "h"
        for v in (trace.y if trace.y is not None else ())
        if isinstance(v, str)
    ]
    widest = max((len(label) for label in labels), default=0)
    return EDGE + 8 + round(7.6 * widest) if widest else 0  # ~7.6 px a character at 13 px DejaVu Sans


def publication(fig: go.Figure, title: str, subtitle: str, footnote: str | None = None) -> go.Figure:
    """Title, a subtitle naming the filters and basis, the source line and the caveats the page states (a
    footnote: counts derived from percentages, months detailed only in part): on screen and in every export."""
    sub = wrap(subtitle)
    # plotly express writes its own top margin; the title block needs room for every subtitle line.
    needed = 90 + 18 * sub.count("<br>")
    fig.update_layout(margin_t=max(fig.layout.margin.t or 0, needed), margin_b=max(fig.layout.margin.b or 0, 100))
    if _left_margin(fig) > (fig.layout.margin.l or TEMPLATE.layout.margin.l):
        fig.update_layout(margin_l=_left_margin(fig))
    fig.update_layout(
        template="massacres",
        # The title block starts 24 px in from the figure's edge (pad), as the source line and footnote do.
        title=dict(
            text=title,
            subtitle=dict(text=sub, font=dict(size=12, color=palette.MUTED_TEXT)),
            x=0,
            xanchor="left",
            y=0.97,
            yanchor="top",
            pad=dict(l=EDGE),
        ),
    )
    # The source line and footnote start at the figure's edge, under the title, not under the plot area.
    shift = -max(0, (fig.layout.margin.l if fig.layout.margin.l is not None else TEMPLATE.layout.margin.l) - EDGE)
    fig.add_annotation(
        text=SOURCE,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-70,
        xshift=shift,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font=dict(size=11, color=palette.MUTED_TEXT),
    )
    if footnote:
        # Plain text: plotly reads tags (<a href>, <b>) in annotations, and a footnote can quote a
        # reason a reviewer typed; escaped, it is drawn as written.
        note = wrap(html.escape(footnote, quote=False), 120)
        fig.update_layout(margin_b=max(fig.layout.margin.b or 0, 100) + 16 * (note.count("<br>") + 1) + 8)
        fig.add_annotation(
            text=note,
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-88,
            xshift=shift,
            xanchor="left",
            yanchor="top",
            align="left",
            showarrow=False,
            font=dict(size=11, color=palette.MUTED_TEXT),
            name="footnote",
        )
    return fig
