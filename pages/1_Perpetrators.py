"""Perpetrators: each party's share of the massacres and of their victims, and which party led
each month, on the basis the reader chooses: the reports' own stated figures, or the incidents
their details document."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.express as px
import streamlit as st

from massacres.dashboard import figure_corrections, frames, tables, theme, ui
from massacres.dashboard.wording import md_escape, plural
from massacres.dashboard.wording import month_list as months_text
from massacres.dashboard.wording import percent as pct

current, default = ui.page("Perpetrators")
params = current.params()

BASES = {"stated": "Stated by the reports", "documented": "Documented in the incident details"}

st.title("Perpetrators")
st.caption("Who committed the massacres, and what share of them and of their victims each party bears.")
basis = ui.url_choice(
    "Basis",
    BASES,
    key="basis",
    horizontal=True,
    help="Stated: each report's own figures per party, complete for its month; they exist only for whole report "
    "months and only the date range and perpetrator filters apply. Documented: the incidents the reports "
    "detail, to which every filter applies; a report that details only its most notable massacres undercounts.",
)
view = current.describe(default)


notes: list[str] = []
# Per chart ("massacres", "victims"): party -> its stated figures a reviewer corrected, for the bars and data.
corrected: dict[str, dict[str, str]] = {"massacres": {}, "victims": {}}
correction_notes: list[str] = []
if basis == "stated":
    covered = ui.query("stated_totals_by_report", params)
    if not replace(current, perpetrators=()).only_dates():
        st.info(
            "On the stated basis only the date range and the perpetrator filter apply: the reports state no "
            "per-party figures by governorate, area of control, weapon, minimum killed or certainty of "
            "attribution. Choose the documented basis to apply those filters.",
            icon=":material/filter_alt_off:",
        )
        view += " (stated figures: only the dates and perpetrator apply)"
    if covered.empty:
        st.info(
            "The date range covers no whole report month, so there are no stated figures: widen it to whole "
            "months, or choose the documented basis."
        )
        st.stop()
    basis_text = f"Stated by the reports for {months_text(covered['month'])}"
    totals = dict(
        zip(
            ("massacres", "killed", "children", "women"),
            (
                covered[c].sum(min_count=1)
                for c in ("total_massacres", "victims_total", "victims_children", "victims_women")
            ),
        )
    )
    massacres = ui.query("massacres_by_perpetrator_stated", params)
    victims = ui.query("victims_by_perpetrator_stated", params)
    # The leader of a month is a fact about all parties: never narrowed by the perpetrator filter.
    leaders = ui.query("leading_perpetrator_by_month_stated", params | {"perpetrators": None})
    for month in sorted({m for ms in massacres["converted_months"] for m in ms}):
        total = int(covered.loc[covered["month"] == month, "total_massacres"].iloc[0])
        notes.append(
            f"The {ui.month_label(month)} report states only each party's percentage of its massacres: the "
            f"counts marked ≈ are those percentages of its {total} massacres, rounded."
        )
    for _, r in massacres[massacres["unstated_months"].map(len) > 0].iterrows():
        notes.append(
            f"{theme.perpetrator_label(r['perpetrator'])}: no count or share of massacres is stated for "
            f"{months_text(r['unstated_months'])}"
            + ("." if pd.notna(r["massacres"]) else ", so the party is not in the massacres chart.")
        )
    rest = int(totals["massacres"] - massacres["massacres"].sum())
    if rest > 0 and not current.perpetrators:
        notes.append(
            f"{rest} of the {int(totals['massacres'])} massacres are not attributed to a party in the reports' figures."
        )
    for _, r in victims[victims["breakdown_unstated_months"].map(len) > 0].iterrows():
        notes.append(
            f"{theme.perpetrator_label(r['perpetrator'])}: no breakdown of children and women is stated for "
            f"{months_text(r['breakdown_unstated_months'])}."
        )
    # A reviewer's correction of a party's or the month's stated figure: parsed, corrected and why,
    # under the charts, in every export's footnote, and per party in the charts' data.
    fixes = ui.query("stated_corrections_in_view", params | {"dimensions": ["total", "perpetrator"]})
    correction_notes = figure_corrections.notes(fixes)
    notes += correction_notes
    counted = fixes["field"] == "massacres"
    corrected = {
        "massacres": figure_corrections.by_key(fixes[counted], "perpetrator"),
        "victims": figure_corrections.by_key(fixes[~counted], "perpetrator"),
    }
    massacres = massacres.dropna(subset=["massacres"])
    massacres["label"] = frames.massacre_labels(massacres)
    leader_basis = "most massacres in each report"
    leader_note = "The leader has the most massacres in the report's own figures; the share is of its massacres."
else:
    base = ui.query("documented_totals", params | {"perpetrators": None}).iloc[0]
    if not base["massacres"]:
        st.info("No incident matches the filters.")
        st.stop()
    basis_text = "Documented in the incident details (by incident date)"
    totals = {k: base[k] for k in ("massacres", "killed", "children", "women")}
    massacres = ui.query("massacres_by_perpetrator_documented", params)
    victims = ui.query("victims_by_perpetrator_documented", params)
    leaders = ui.query("leading_perpetrator_by_month_documented", params | {"perpetrators": None})
    massacres["percent"] = 100 * massacres["massacres"] / base["massacres"]
    victims["percent"] = 100 * victims["killed"] / base["killed"] if base["killed"] else None
    massacres["label"] = frames.massacre_labels(massacres)
    reports = ui.query("massacres_by_report", params)
    for _, r in reports[~reports["details_complete"]].iterrows():
        notes.append(
            f"The {ui.month_label(r['month'])} report details only {r['incident_count']} of its "
            f"{r['stated_massacres']} massacres (the most notable): documented figures undercount it."
        )
    if victims["no_breakdown"].sum():
        notes.append(
            f"{plural(victims['no_breakdown'].sum(), 'incident gives', 'incidents give')} no breakdown of "
            "children and women: they are unknown, not zero."
        )
    leader_basis = "most incidents in each month"
    leader_note = "The leader has the most incidents in the month (incident date); the share is of its incidents."

victims = victims.dropna(subset=["killed"])
victims["label"] = frames.victim_labels(victims)

st.subheader(BASES[basis])
for col, (key, label) in zip(
    st.columns(4), (("massacres", "Massacres"), ("killed", "Killed"), ("children", "Children"), ("women", "Women"))
):
    col.metric(f"{label}, all parties", "not stated" if pd.isna(totals[key]) else f"{int(totals[key])}")
st.caption("Shares are of all parties' massacres and victims on this basis, whichever perpetrators are selected.")
if notes:
    st.caption("  \n".join(md_escape(n) if n in correction_notes else n for n in notes))


def share_chart(df: pd.DataFrame, value: str, columns: list[str], axis_title: str, title: str, key: str) -> None:
    """Horizontal bars, one per party, labelled with the count and the share (and 'corrected' where a
    reviewer corrected the party's stated figure the bar shows: said on the bar, not only in the footnote)."""
    df = ui.label_perpetrators(df)
    fixed = corrected[key]
    if fixed:
        df["label"] = [f"{lab} · corrected" if p in fixed else lab for p, lab in zip(df["perpetrator"], df["label"])]

    def figure():  # built once per view (ui.chart)
        fig = px.bar(
            df,
            x=value,
            y="party",
            orientation="h",
            color="party",
            pattern_shape="party",
            text="label",
            custom_data=[c for c in ("children", "women") if c in df] or None,
            color_discrete_map=theme.perpetrator_colour_map(),
            pattern_shape_map=theme.perpetrator_pattern_map(),
            category_orders={"party": [p for p in theme.perpetrator_order() if p in set(df["party"])]},
        )
        fig.update_traces(textposition="outside", cliponaxis=False)
        fig.update_layout(
            showlegend=False,
            bargap=0.35,
            yaxis=dict(title=None, automargin=True),
            xaxis=dict(title=axis_title, range=[0, df[value].max() * (1.9 if value == "killed" else 1.55)]),
        )
        return fig

    table = df[["party", *columns]].assign(percent=df["percent"].astype(float).round(1))
    if "converted_months" in df:  # counts that are a stated percentage of the month's total, not counted
        table = tables.mark_approximate(
            table, "massacres", df["converted_months"].map(len) > 0, "derived from a stated percentage"
        )
    if fixed:  # the stated figures behind a bar that a reviewer corrected: parsed, corrected, why
        table["corrected"] = df["perpetrator"].map(fixed)
    alt = f"{title}: " + "; ".join(f"{p} {lab}" for p, lab in zip(df["party"], df["label"])) + "."
    ui.chart(figure, table, title, f"{basis_text} · {view}", key, alt=alt, footnote=" ".join(notes) or None)


if massacres.empty:
    st.info("None of the selected parties has stated or documented massacres in this view.")
else:
    share_chart(massacres, "massacres", ["massacres"], "Massacres", "Share of massacres by perpetrator", "massacres")
if not victims.empty:
    share_chart(
        victims,
        "killed",
        ["killed", "children", "women"],
        "People killed",
        "Share of victims by perpetrator",
        "victims",
    )

st.subheader("Which party led each month")
if leaders.empty:
    st.info("No month in this view has a party with massacres.")
else:
    leaders = ui.label_perpetrators(leaders)
    leaders["month_label"] = leaders["month"].map(ui.month_label)
    selected = {theme.perpetrator_label(p) for p in current.perpetrators}
    leaders["selected"] = leaders["party"].isin(selected) if selected else True
    leaders["label"] = [
        f"{p} · {'≈' if c else ''}{n} ({pct(s)})" + (" tie" if t else "")
        for p, n, s, c, t in zip(
            leaders["party"], leaders["massacres"], leaders["percent"], leaders["converted"], leaders["tied"]
        )
    ]
    # The bar shows the count and share (the party is in the legend), a tied bar, narrower, its count only; the
    # whole label is in the hover. Labels stand outside at full size: never shrunk to a few pixels to fit a bar.
    leaders["short_label"] = [
        f"{'≈' if c else ''}{n}" + ("" if t else f" ({pct(s)})")
        for n, s, c, t in zip(leaders["massacres"], leaders["percent"], leaders["converted"], leaders["tied"])
    ]

    def leaders_figure():  # built once per view (ui.chart)
        fig = px.bar(
            leaders,
            x="month_label",
            y="massacres",
            color="party",
            pattern_shape="party",
            text="label",
            custom_data=["short_label", "selected"],
            barmode="group" if leaders["tied"].any() else "relative",
            color_discrete_map=theme.perpetrator_colour_map(),
            pattern_shape_map=theme.perpetrator_pattern_map(),
            category_orders={
                "party": theme.perpetrator_order(),
                "month_label": list(dict.fromkeys(leaders["month_label"])),
            },
        )
        fig.update_traces(
            texttemplate="%{customdata[0]}",
            hovertemplate="%{x}: %{text}<extra></extra>",
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            textfont_size=12,
        )
        if selected:
            # Selected parties at full strength with a dark outline; a leader the filter did not select is faded.
            for trace in fig.data:
                on = trace.name in selected
                trace.update(
                    marker_opacity=1.0 if on else 0.35,
                    marker_line=dict(width=2.5 if on else 0, color=theme.HIGHLIGHT_OUTLINE),
                    legendgroup=trace.name,
                    name=trace.name + (" (selected)" if on else ""),
                )
        fig.update_layout(
            xaxis_title=None,
            yaxis_title="Massacres by the leading party",
            legend_title_text=None,
            bargap=0.45,
            yaxis_range=[0, leaders["massacres"].max() * 1.25],
        )
        return fig

    table = leaders[["month", "party", "massacres", "percent", "tied", "selected"]].assign(
        percent=leaders["percent"].round(1)
    )
    table = tables.mark_approximate(table, "massacres", leaders["converted"], "derived from a stated percentage")
    leader_notes = [n for n in notes if "≈" in n or "most notable" in n or n in correction_notes]
    leader_view = replace(current, perpetrators=()).describe(default)
    if basis == "stated" and not replace(current, perpetrators=()).only_dates():
        leader_view += " (stated figures: only the dates apply)"
    among = "among all parties" + (f"; selected: {', '.join(sorted(selected))}, highlighted" if selected else "")
    ui.chart(
        leaders_figure,
        table,
        "Which party led each month",
        f"{basis_text}: {leader_basis}, {among} · {leader_view}",
        "leaders",
        footnote=" ".join(leader_notes) or None,
        alt="Leading party by month: "
        + "; ".join(f"{m}: {lab}" for m, lab in zip(leaders["month_label"], leaders["label"]))
        + ".",
    )
    st.caption(
        leader_note
        + (
            " The leader is found among all parties, whichever are selected: the perpetrator "
            "filter does not change who led; a selected party that led is drawn solid and outlined, "
            "another leader faded."
            if current.perpetrators
            else ""
        )
    )
ui.cite()
