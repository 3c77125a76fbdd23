"""Trends: massacres and victims month by month and party by party, the toll accumulated over the
year, and where they happened month by month. Months with no report are gaps, never zeros."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from massacres.dashboard import figure_corrections, heatmap, palette, theme, ui
from massacres.dashboard.summary_text import month_ranges
from massacres.dashboard.wording import axis_tick as tick
from massacres.dashboard.wording import month_list, month_ticks, short_month, values_fit
from massacres.dashboard.wording import plot_values as values

current, default = ui.page("Trends")
params = current.params()

st.title("Trends")
st.caption(
    "Month by month, by the date of each incident the reports detail (documented). A month no report "
    "covers is a gap, not a zero: it shows only incidents that later reports recorded late, if any."
)

months = ui.query("trend_massacres_by_month", params)
if months.empty:
    st.info("No report or incident falls in the date range.")
    st.stop()
by_perp = ui.query("trend_massacres_by_perpetrator_and_month", params)
view = current.describe(default)
basis = "Documented in the incident details, by incident date"
stated_shown = current.only_dates() and months["stated_massacres"].notna().any()


axis = [tick(m, r, o) for m, r, o in zip(months["month"], months["has_report"], months["summary_only"])]
ticks = dict(zip(months["month"], axis))
position = {m: i for i, m in enumerate(months["month"])}
empty = months[~months["has_report"] & months["massacres"].isna()]["month"].tolist()
if len(empty) == 1:
    st.caption(f"No report covers {ui.month_label(empty[0])} and no incident in view falls in it: a gap, not a zero.")
elif empty:
    st.caption(
        f"No report covers {month_ranges(empty)} ({len(empty)} months), and no incident in view falls in "
        "them: gaps, not zeros."
    )
for _, m in months[~months["has_report"] & months["massacres"].notna()].iterrows():
    st.caption(
        f"No report covers {ui.month_label(m['month'])}: it holds only the {int(m['massacres'])} "
        f"massacre{'s' if m['massacres'] != 1 else ''} that later reports recorded late, not a month's toll."
    )
summary_only = months[months["summary_only"]]
if not summary_only.empty:
    st.caption(
        f"The {month_list(summary_only['month'])} report{'s are' if len(summary_only) > 1 else ' is'} a summary "
        "only, with no incident details: no documented bars"
        + (", only the report's own total (◆)." if stated_shown else ".")
    )
partial = months[months["details_complete"].eq(False) & ~months["summary_only"]]
# The caveats the page states, in every exported chart's footnote too.
caveats = []
late = months[~months["has_report"] & months["massacres"].notna()]
if not late.empty:
    caveats.append(f"No report covers {month_list(late['month'])}: only massacres later reports recorded late.")
if not summary_only.empty:
    caveats.append(
        f"The {month_list(summary_only['month'])} report{'s are' if len(summary_only) > 1 else ' is'} "
        "a summary only, with no incident details."
    )
if not partial.empty:
    caveats.append(
        f"The {month_list(partial['month'])} report{'s detail' if len(partial) > 1 else ' details'} only "
        "the most notable massacres: documented figures undercount "
        f"{'those months' if len(partial) > 1 else 'that month'}."
    )
footnote = " ".join(caveats) or None
if not partial.empty:
    st.caption(
        f"The {month_list(partial['month'])} report{'s detail' if len(partial) > 1 else ' details'} only the "
        "most notable massacres: the documented bars undercount "
        f"{'those months' if len(partial) > 1 else 'that month'}"
        + (" (the ◆ marks the report's own total)." if stated_shown else ".")
    )


# Over two years of months the names would overrun each other: wording.month_ticks picks the ones
# an axis names (the months a report covers, or quarters, years...). Values are printed only while
# they fit (the hover and the table keep them): a line's labels while it has no more than 36
# values (a sparse series keeps them), the heatmap's counts while its cells are that wide.
shown_ticks = month_ticks(months["month"].tolist(), months["has_report"].tolist())
cells_labelled = values_fit(len(axis))


def labelled(points: list) -> bool:
    """Whether a line's values are printed beside its points."""
    return values_fit(sum(v is not None for v in points))


# The reports' totals a reviewer corrected (the ◆): parsed, corrected and why, in the chart's footnote and data.
stated_fixes = (
    ui.query("stated_corrections_in_view", params | {"dimensions": ["total"]}) if stated_shown else pd.DataFrame()
)


def monthly_chart(value: str, stated: str, axis_title: str, title: str, key: str) -> None:
    # Months sit at 0, 1, 2 ... (ticks name them) so the stated total can stand at its bar's right edge.
    note = "; ◆ the report's own total, by report month" if stated_shown else ""
    fixes = stated_fixes[stated_fixes["field"] == value] if not stated_fixes.empty else stated_fixes
    chart_footnote = " ".join([*([footnote] if footnote else []), *figure_corrections.notes(fixes)]) or None
    corrected_months = set(fixes["month"]) if not fixes.empty else set()

    def figure():  # built once per view (ui.chart)
        df = ui.label_perpetrators(by_perp)
        df["x"] = df["month"].map(position)
        df["tick"] = df["month"].map(ticks).str.replace("<br>", " ")
        fig = px.bar(
            df,
            x="x",
            y=value,
            color="party",
            pattern_shape="party",
            custom_data=["tick"],
            color_discrete_map=theme.perpetrator_colour_map(),
            pattern_shape_map=theme.perpetrator_pattern_map(),
            category_orders={"party": theme.perpetrator_order()},
        )
        fig.update_traces(hovertemplate="%{customdata[0]}<br>%{fullData.name}: %{y}<extra></extra>")
        totals = values(months[value])
        fig.add_trace(
            go.Scatter(
                x=list(range(len(axis))),
                y=totals,
                name="Total (documented)",
                mode="lines+markers+text" if labelled(totals) else "lines+markers",
                text=["" if v is None else str(v) for v in totals] if labelled(totals) else None,
                textposition="top center",
                line=dict(color=palette.BASES["documented"].colour, width=2),
                marker=dict(size=7, color=palette.BASES["documented"].colour),
                connectgaps=False,
                hovertemplate="%{y}<extra>Total (documented)</extra>",
            )
        )
        if stated_shown:
            said = values(months[stated])
            fig.add_trace(
                go.Scatter(
                    x=[i + 0.4 for i in range(len(axis))],
                    y=said,
                    mode="markers+text" if labelled(said) else "markers",
                    name="Stated by the report (all parties)",
                    textposition="middle right",
                    # A total a reviewer corrected says so on the chart, not only in the footnote.
                    text=[
                        "" if v is None else f"{v} stated" + (", corrected" if m in corrected_months else "")
                        for v, m in zip(said, months["month"])
                    ]
                    if labelled(said)
                    else None,
                    textfont=dict(color=palette.MUTED_TEXT),
                    marker=dict(
                        symbol=palette.BASES["stated"].fill,
                        size=12,
                        color=palette.BASES["stated"].colour,
                        line=dict(width=2),
                    ),
                    hovertemplate="%{y}<extra>Stated by the report</extra>",
                )
            )
        top = max([v for v in totals + (values(months[stated]) if stated_shown else []) if v is not None] or [1])
        fig.update_layout(
            barmode="stack",
            legend_title_text=None,
            height=520,
            margin=dict(t=110),
            yaxis=dict(title=axis_title, range=[0, top * 1.15]),
            xaxis=dict(
                title=None,
                tickmode="array",
                tickvals=shown_ticks,
                ticktext=[axis[i] for i in shown_ticks],
                range=[-0.6, len(axis) - (0.05 if stated_shown else 0.4)],
                showgrid=False,
            ),
        )
        return fig

    wide = (
        by_perp.pivot_table(index="month", columns="perpetrator", values=value, aggfunc="sum")
        .rename(columns=theme.perpetrator_label)
        .reindex(months["month"])
        .reset_index()
    )
    table = wide.assign(total=months[value].to_numpy(), has_report=months["has_report"].to_numpy())
    if stated_shown:
        table[f"stated_{value}"] = months[stated].to_numpy()
        if not fixes.empty:
            table[f"stated_{value}_corrected"] = months["month"].map(figure_corrections.by_month(fixes)).to_numpy()
    alt = (
        f"{axis_title} per month ({basis.lower()}): "
        + "; ".join(
            f"{ui.month_label(m)}: "
            + ("no report, no incident (gap)" if pd.isna(t) else f"{int(t)}" + ("" if r else " (no report)"))
            for m, t, r in zip(months["month"], months[value], months["has_report"])
        )
        + "."
    )
    ui.chart(
        figure, table, title, f"{basis}; line: the month's total{note} · {view}", key, alt=alt, footnote=chart_footnote
    )


if not stated_shown and not current.only_dates() and months["stated_massacres"].notna().any():
    st.caption(
        "The reports' own monthly totals (◆) count every party and place, so they are left out while a filter "
        "other than the dates is set: the bars follow every filter."
    )
monthly_chart("massacres", "stated_massacres", "Massacres", "Massacres per month by perpetrator", "monthly_massacres")
monthly_chart("killed", "stated_killed", "People killed", "Victims per month by perpetrator", "monthly_victims")

st.subheader("Year to date")
cumulative = ui.query("trend_cumulative_massacres_by_month", params)
show_ytd = current.only_dates() and cumulative["stated_ytd"].notna().any()


def cumulative_figure():  # built once per view (ui.chart)
    fig = go.Figure()
    cum = values(cumulative["cumulative"])
    fig.add_trace(
        go.Scatter(
            x=axis,
            y=cum,
            name="Documented, accumulated within the year",
            mode="lines+markers+text" if labelled(cum) else "lines+markers",
            text=["" if v is None else str(v) for v in cum] if labelled(cum) else None,
            textposition="top left",
            line=dict(color=palette.BASES["documented"].colour, width=2),
            connectgaps=False,
        )
    )
    if show_ytd:
        ytd = values(cumulative["stated_ytd"])
        fig.add_trace(
            go.Scatter(
                x=axis,
                y=ytd,
                name="Stated by the reports, since January",
                mode="markers+text" if labelled(ytd) else "markers",
                text=["" if v is None else str(v) for v in ytd] if labelled(ytd) else None,
                textposition="middle right",
                marker=dict(
                    symbol=palette.BASES["stated"].fill,
                    size=12,
                    color=palette.BASES["stated"].colour,
                    line=dict(width=2),
                ),
            )
        )
        top = max(v for v in cum + ytd if v is not None)
    else:
        top = max([v for v in cum if v is not None] or [1])
    fig.update_layout(
        legend_title_text=None,
        height=520,
        margin=dict(t=110),
        yaxis=dict(title="Massacres, cumulative", range=[0, top * 1.15]),
        xaxis=dict(title=None, type="category", categoryorder="array", categoryarray=axis),
    )
    return fig


first = cumulative.dropna(subset=["cumulative"])["month"]
since = f"from {ui.month_label(first.iloc[0])}" if not first.empty else ""
ui.chart(
    cumulative_figure,
    cumulative,
    "Massacres accumulated over the year",
    f"{basis}, accumulated {since} within each year"
    + ("; ◆ the reports' own year-to-date toll" if show_ytd else "")
    + f" · {view}",
    "cumulative",
    footnote=footnote,
    alt="Massacres accumulated: "
    + "; ".join(
        f"{ui.month_label(m)}: "
        + ("gap" if pd.isna(c) else f"{int(c)} documented")
        + ("" if pd.isna(y) else f", {int(y)} stated year to date")
        for m, c, y in zip(cumulative["month"], cumulative["cumulative"], cumulative["stated_ytd"])
    )
    + ".",
)
if not first.empty and first.iloc[0][5:] != "01":
    st.caption(
        f"The documented line accumulates from {ui.month_label(first.iloc[0])}, the first month of this view "
        "with data; the reports' own year-to-date toll counts from January."
    )
if not show_ytd and cumulative["stated_ytd"].notna().any():
    st.caption(
        "The reports' year-to-date toll covers every party and place: it is shown when only the date range is filtered."
    )

st.subheader("Where, month by month")
keys = list(current.governorates) or list(theme.GOVERNORATES)
cells = ui.query("heatmap_massacres_by_governorate_and_month", params | {"governorate_keys": keys})
grid = cells.pivot(index="governorate", columns="month", values="massacres").reindex(
    index=keys, columns=months["month"]
)
names = [theme.GOVERNORATES[k] for k in keys]
shown = heatmap.grid(
    [values(row) for _, row in grid.iterrows()],
    months["has_report"].tolist(),
    months["summary_only"].tolist(),
    [None if pd.isna(d) else bool(d) for d in months["details_complete"]],
)
# Months and governorates sit at 0, 1, 2 ... (the ticks name them) so the hatched cells of a month detailed only in
# part can be drawn over the grid: a heatmap has no fill patterns.
cols, rows = list(range(len(axis))), list(range(len(keys)))
hover = [[f"{g}, {short_month(m)}: {c.hover}" for m, c in zip(months["month"], row)] for g, row in zip(names, shown)]
z = [[c.value if c.kind == "count" else None for c in row] for row in shown]


def heatmap_figure():  # built once per view (ui.chart)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=cols,
            y=rows,
            colorscale=palette.COUNT_SCALE,
            zmin=0,
            zmax=max([v for row in z for v in row if v is not None] + [1]),
            text=[[c.text if c.kind == "count" else "" for c in row] for row in shown] if cells_labelled else None,
            texttemplate="%{text}" if cells_labelled else None,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            xgap=2,
            ygap=2,
            colorbar=dict(title=dict(text="Massacres"), thickness=14),
        )
    )
    fig.add_trace(
        go.Heatmap(  # the gaps: no report covers the month (or only a summary does) and no incident in view
            z=[[1 if c.kind == "gap" else None for c in row] for row in shown],
            x=cols,
            y=rows,
            colorscale=[[0, palette.NO_REPORT.colour], [1, palette.NO_REPORT.colour]],
            showscale=False,
            xgap=2,
            ygap=2,
            text=[[c.text if c.kind == "gap" else "" for c in row] for row in shown] if cells_labelled else None,
            texttemplate="%{text}" if cells_labelled else None,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            name="No report",
        )
    )
    unknown = [(i, j) for i, row in enumerate(shown) for j, c in enumerate(row) if c.kind == "incomplete"]
    if unknown:
        # A month whose report details only the most notable massacres: a governorate with none detailed is not a
        # known zero. Its cells are hatched (the palette's INCOMPLETE swatch) and read "0*", never white "0".
        wide, tall = 0.495, 0.46  # within the cell's 2 px gaps: a month's column is wide, a governorate's row low
        xs, ys = [], []
        for i, j in unknown:
            xs += [j - wide, j + wide, j + wide, j - wide, j - wide, None]
            ys += [i - tall, i - tall, i + tall, i + tall, i - tall, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                fill="toself",
                mode="lines",
                line=dict(width=0),
                fillcolor=palette.INCOMPLETE.colour,
                fillpattern=dict(
                    shape=palette.INCOMPLETE.fill,
                    fgcolor=palette.MUTED_TEXT,
                    bgcolor=palette.INCOMPLETE.colour,
                    size=8,
                    solidity=0.15,
                ),
                hoverinfo="skip",
                name=f"Hatched{(', 0' + heatmap.INCOMPLETE_MARK) if cells_labelled else ''}: {heatmap.INCOMPLETE_NOTE}",
                showlegend=True,
            )
        )
        fig.add_trace(
            go.Scatter(  # the hover of each hatched cell: the hatching itself takes none
                x=[j for _, j in unknown],
                y=[i for i, _ in unknown],
                mode="markers",
                text=[shown[i][j].text for i, j in unknown],
                marker=dict(symbol="square", size=24, opacity=0),
                hovertext=[hover[i][j] for i, j in unknown],
                hovertemplate="%{hovertext}<extra></extra>",
                name="Incomplete month",
                showlegend=False,
            )
        )
        for i, j in unknown if len(axis) <= 24 else []:  # "0*" on a clear patch; over years the cells are too narrow
            fig.add_annotation(
                x=j,
                y=i,
                text=shown[i][j].text,
                showarrow=False,
                bgcolor=palette.INCOMPLETE.colour,
                borderpad=2,
                font=dict(color=palette.TEXT),
                name="incomplete",
            )
    fig.update_layout(
        yaxis=dict(
            autorange="reversed",
            showgrid=False,
            zeroline=False,
            automargin=True,
            tickmode="array",
            tickvals=rows,
            ticktext=names,
        ),
        xaxis=dict(
            showgrid=False,
            zeroline=False,
            tickmode="array",
            tickvals=shown_ticks,
            ticktext=[axis[i] for i in shown_ticks],
            range=[-0.5, len(axis) - 0.5],
        ),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
        height=max(420, 90 + 150 + 28 * len(keys)),
    )
    return fig


incomplete_months = partial["month"].tolist()
marked = ""
heatmap_footnote = footnote
if incomplete_months:
    # The cells print their counts (and the * of a month detailed in part) only while they fit: the
    # words then say what the cells show, and never promise a mark that is not drawn.
    mark = f", {heatmap.INCOMPLETE_MARK}" if cells_labelled else ""
    marked = f"; hatched{mark}: the {month_list(incomplete_months)} " + (
        heatmap.INCOMPLETE_NOTE
        if len(incomplete_months) == 1
        else heatmap.INCOMPLETE_NOTE.replace("report details", "reports detail")
    )
    said = (
        f"In the heatmap, {month_list(incomplete_months)} counts "
        + (f"(marked {heatmap.INCOMPLETE_MARK}) " if cells_labelled else "")
        + "are at least that many"
        + ("" if cells_labelled else " (the cells are too narrow here to print counts; their hover says so)")
        + f", and a hatched {'0' + heatmap.INCOMPLETE_MARK if cells_labelled else 'cell'} is not a known zero: the "
        f"report{'s detail' if len(incomplete_months) > 1 else ' details'} only the most notable massacres."
    )
    st.caption(said.replace("*", "\\*"))  # Markdown would read a bare * as emphasis
    heatmap_footnote = " ".join(x for x in (footnote, said) if x)
# The table behind the chart: a month detailed only in part says so in its column name, as the cells do.
table = grid.rename(index=theme.GOVERNORATES).rename_axis("governorate").reset_index()
table = table.rename(columns={m: f"{m} (≥: {heatmap.INCOMPLETE_NOTE})" for m in incomplete_months})
ui.chart(
    heatmap_figure,
    table,
    "Massacres per governorate and month",
    f"{basis}; governorate from the report's heading; grey: no report covers the month{marked} · {view}",
    "heatmap",
    footnote=heatmap_footnote,
    alt="Massacres per governorate and month: "
    + "; ".join(
        f"{g}: "
        + ", ".join(
            f"{short_month(m)} {'no report' if c.kind == 'gap' else c.text}" for m, c in zip(months["month"], row)
        )
        for g, row in zip(names, shown)
        if any(c.value for c in row)
    )
    + ". Every other cell is 0 where a report "
    "details every massacre of the month."
    + (f" {heatmap.INCOMPLETE_MARK}: the {heatmap.INCOMPLETE_NOTE}." if incomplete_months else ""),
)
ui.cite()
