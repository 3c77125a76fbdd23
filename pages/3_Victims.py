"""Victims: who was killed (children, women, fetuses, others; unknown breakdowns apart), how
large the massacres were, the wounded, and the massacres that hit one family or IDPs."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from massacres.dashboard import theme, ui
from massacres.dashboard.frames import parties_in, with_categories
from massacres.dashboard.wording import count_of, month_ticks, short_month

current, default = ui.page("Victims")
params = current.params()

BASIS = "Documented incident details"
SUBTITLE = f"{BASIS} · {current.describe(default)}"
CATEGORIES = theme.VICTIM_CATEGORIES
CATEGORY_ORDER = [label for label, _, _ in CATEGORIES.values()]
CATEGORY_COLOURS = {label: colour for label, colour, _ in CATEGORIES.values()}
CATEGORY_PATTERNS = {label: pattern for label, _, pattern in CATEGORIES.values()}
PARTY_STYLE = dict(
    color="party",
    pattern_shape="party",
    color_discrete_map=theme.perpetrator_colour_map(),
    pattern_shape_map=theme.perpetrator_pattern_map(),
)


def composition(
    df: pd.DataFrame,
    group: str,
    position: str,
    names: dict[str, str],
    what: str,
    key: str,
    subtitle: str,
    footnote: str | None = None,
    **style,
) -> None:
    """Two stacked bar charts of the same data: the killed per victim category, then each group as
    100%. `group` names the groups (`names` gives their words), `position` is the bar axis column;
    perpetrators are drawn as horizontal bars, months as vertical ones on a time axis."""
    horizontal = group == "perpetrator"
    data = df[(["party"] if horizontal else []) + [group, "massacres", "victims", "killed", "share"]]

    def sentence(value) -> str:
        return "; ".join(
            f"{names[g]}: " + ", ".join(value(r) for r in rows.itertuples() if r.killed)
            for g, rows in df.groupby(group, sort=False)
        )

    value_axis, bar_axis = ("x", "y") if horizontal else ("y", "x")
    for measure, title, axis_title, alt in (
        (
            "killed",
            f"Killed by {what} and victim category",
            "Killed",
            f"Killed per {what} by victim category. " + sentence(lambda r: f"{int(r.killed)} {r.victims.lower()}"),
        ),
        (
            "share",
            f"Victim composition by {what} (100%)",
            "Share of the killed",
            f"Each {what}'s killed as 100%, split by victim category. "
            + sentence(lambda r: f"{r.share:.0%} {r.victims.lower()}"),
        ),
    ):

        def figure(measure=measure, axis_title=axis_title):  # built once per view (ui.chart)
            fig = px.bar(
                df,
                **{value_axis: measure, bar_axis: position},
                orientation="h" if horizontal else "v",
                hover_data=[c for c in ("killed", "massacres") if c != measure],
                labels={measure: axis_title, position: "", "victims": "", "killed": "Killed", "massacres": "Massacres"},
                **style,
            )
            if horizontal:
                fig.update_yaxes(autorange="reversed")
            else:  # the months an axis can name (wording.month_ticks), not one a month over years
                months = sorted(pd.Timestamp(m) for m in df[position].unique())
                keys = [m.strftime("%Y-%m") for m in months]
                named = month_ticks(keys)
                fig.update_xaxes(
                    tickmode="array",
                    tickvals=[months[i] for i in named],
                    ticktext=[short_month(keys[i]) for i in named],
                )
            if measure == "share":
                shares_axis = dict(tickformat=".0%", range=[0, 1], tickvals=[0, 0.25, 0.5, 0.75, 1])
                if horizontal:
                    fig.update_xaxes(**shares_axis)
                    fig.update_layout(margin_r=50)  # room for the 100% tick label
                else:
                    fig.update_yaxes(**shares_axis)
                    fig.update_layout(margin_t=115)  # the 100% tick clear of the subtitle
            return fig

        ui.chart(
            figure,
            data,
            title,
            subtitle,
            f"{key}_{'counts' if measure == 'killed' else 'shares'}",
            alt=alt + ".",
            footnote=footnote,
        )


st.title("Victims")
st.caption(
    "Who was killed in the massacres the reports detail. Fetuses are counted apart from children "
    "(the reports' own totals count them among children). When a paragraph gives no breakdown of "
    "children and women, its killed are shown as *Breakdown not given*: unknown, never zero."
)
st.caption(f"Basis: {BASIS.lower()}. Showing {current.describe(default)}.")

by_party = ui.query("victims_by_perpetrator_and_category", params)
if by_party.empty:
    st.info("No documented incident matches these filters.")
    st.stop()
by_party = with_categories(ui.label_perpetrators(by_party), "perpetrator")
parties = parties_in(by_party)
by_party = by_party.sort_values(
    ["party", "victims"],
    key=lambda s: s.map({v: i for i, v in enumerate(parties if s.name == "party" else CATEGORY_ORDER)}),
    kind="stable",
)

# --- Totals -------------------------------------------------------------------------------
totals = by_party.groupby("category")["killed"].sum()
massacres = int(by_party.drop_duplicates("perpetrator")["massacres"].sum())
no_breakdown = int(by_party.drop_duplicates("perpetrator")["incidents_without_breakdown"].sum())
killed = int(totals.sum())
cols = st.columns([0.8, 0.8, 0.8, 0.8, 1.2, 1.3])  # room for the longer labels
cols[0].metric("Killed", f"{killed}", help=f"In {massacres} massacres.")
for col, key in zip(cols[1:], CATEGORIES):
    help_text = {
        "fetuses": "Counted apart from children.",
        "others": "Killed in incidents with a breakdown who are neither children, women nor fetuses: "
        "men, or victims the paragraph does not describe.",
        "breakdown_not_given": f"The killed of {no_breakdown} incident(s) whose paragraph gives no breakdown "
        "of children and women: unknown, not zero.",
    }.get(key)
    col.metric(CATEGORIES[key][0], f"{int(totals.get(key, 0))}", help=help_text)
# The caveat the page states, also in every exported composition chart's footnote.
breakdown_note = (
    f"{no_breakdown} of the {massacres} incidents ({int(totals.get('breakdown_not_given', 0))} killed) "
    "give no breakdown of children and women: they are a category of their own, not zeros."
    if no_breakdown
    else None
)
if breakdown_note:
    st.caption(
        f"{no_breakdown} of the {massacres} incidents ({int(totals.get('breakdown_not_given', 0))} killed) "
        "give no breakdown of children and women: they are a category of their own on every chart below, "
        "not zeros."
    )

# --- Composition by perpetrator and by month: counts, then shares ------------------------------
category_style = dict(
    color="victims", pattern_shape="victims", color_discrete_map=CATEGORY_COLOURS, pattern_shape_map=CATEGORY_PATTERNS
)
st.subheader("Who was killed, by perpetrator")
composition(
    by_party,
    "perpetrator",
    "party",
    dict(zip(by_party["perpetrator"], by_party["party"])),
    "perpetrator",
    "victims_party",
    SUBTITLE,
    footnote=breakdown_note,
    category_orders={"victims": CATEGORY_ORDER, "party": parties},
    **category_style,
)

st.subheader("Who was killed, month by month")
by_month = with_categories(ui.query("victims_by_month_and_category", params), "month")
by_month["month_start"] = pd.to_datetime(by_month["month_start"])
composition(
    by_month,
    "month",
    "month_start",
    {m: ui.month_label(m) for m in by_month["month"]},
    "month",
    "victims_month",
    SUBTITLE + " · month of the incident's date",
    footnote=breakdown_note,
    category_orders={"victims": CATEGORY_ORDER},
    **category_style,
)
st.caption(
    "Months follow each incident's own date: a report can detail an incident from an earlier month; a month "
    "with no incident is a gap, not a zero."
)

# --- Massacre size --------------------------------------------------------------------------
st.subheader("How large the massacres were")
sizes = ui.label_perpetrators(ui.query("size_distribution_by_perpetrator", params))
under_five = int(sizes.loc[sizes["bin"] == "under 5", "massacres"].sum())
if not under_five:
    sizes = sizes[sizes["bin"] != "under 5"]
bins = list(dict.fromkeys(sizes.sort_values("bin_order")["bin"]))
size_totals = sizes.groupby("bin", sort=False)["massacres"].sum()
ui.chart(
    lambda: px.bar(
        sizes,
        x="bin",
        y="massacres",
        hover_data=["killed"],
        labels={"bin": "Killed per massacre", "massacres": "Massacres", "party": "", "killed": "Killed"},
        category_orders={"bin": bins, "party": parties},
        **PARTY_STYLE,
    ),
    sizes[["bin", "party", "perpetrator", "massacres", "killed"]],
    "Massacres by size (killed per massacre)",
    SUBTITLE,
    "size_distribution",
    alt="Massacres per size bin: " + ", ".join(f"{b} killed: {int(size_totals[b])}" for b in bins) + ".",
)
st.caption(
    "SNHR counts an attack as a massacre when it kills five or more civilians, so the smallest bin starts "
    "at 5."
    + (
        f" {under_five} incident(s) in this view record fewer than 5 killed: shown apart as 'under 5'."
        if under_five
        else ""
    )
)

# --- Wounded --------------------------------------------------------------------------------
st.subheader("Wounded")
wounded = ui.label_perpetrators(ui.query("wounded_by_perpetrator", params))
w = wounded[["massacres", "with_figure", "wounded", "about", "at_least", "exact"]].sum()
cols = st.columns(4)
cols[0].metric(
    "Wounded",
    f"{int(w['wounded'])}",
    help="The sum of the figures the paragraphs give; an incident with no figure is unknown, not zero.",
)
cols[1].metric("Incidents giving a figure", f"{int(w['with_figure'])} of {int(w['massacres'])}")
cols[2].metric("Approximate ('about')", f"{int(w['about'])}", help="Figures written 'about N'.")
cols[3].metric(
    "Lower bounds ('at least')", f"{int(w['at_least'])}", help="Figures written 'at least N' or 'no less than N'."
)
st.caption(
    f"{int(w['massacres'] - w['with_figure'])} incidents give no figure for the wounded: the total counts only "
    f"the figures given. Of the {int(w['with_figure'])} figures, {int(w['about'])} are approximate ('about'), "
    f"{int(w['at_least'])} are lower bounds ('at least', 'no less than') and {int(w['exact'])} are stated "
    "without a qualifier."
)
wounded["figures"] = [f"{r.with_figure} of {r.massacres} incidents" for r in wounded.itertuples()]


def wounded_figure():  # built once per view (ui.chart)
    fig = px.bar(
        wounded,
        x="wounded",
        y="party",
        orientation="h",
        text="figures",
        hover_data=["about", "at_least"],
        labels={
            "wounded": "Wounded (the figures given; label: incidents giving one)",
            "party": "",
            "about": "'About' figures",
            "at_least": "'At least' figures",
        },
        category_orders={"party": parties},
        **PARTY_STYLE,
    )
    fig.update_traces(textposition="outside", cliponaxis=False)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, max(1, int(wounded["wounded"].max())) * 1.3])  # room for the labels
    fig.update_layout(showlegend=False)
    return fig


ui.chart(
    wounded_figure,
    wounded[["party", "perpetrator", "massacres", "with_figure", "wounded", "about", "at_least", "exact"]],
    "Wounded by perpetrator (figures given)",
    SUBTITLE,
    "wounded",
    alt="Wounded per perpetrator, from the figures given: "
    + "; ".join(
        f"{r.party}: {r.wounded} ({r.with_figure} of {r.massacres} incidents give a figure)"
        for r in wounded.itertuples()
    )
    + ".",
)

# --- Same family, IDPs ----------------------------------------------------------------------
st.subheader("Families and displaced people")
fam = ui.label_perpetrators(ui.query("incidents_same_family_and_idps_by_perpetrator", params))
f = fam[["massacres", "same_family", "idps", "killed_same_family", "killed_idps"]].sum()
cols = st.columns(2)
cols[0].metric(
    "Massacres of one family",
    count_of(int(f["same_family"]), int(f["massacres"])),
    help=f"{int(f['killed_same_family'])} killed in them. The paragraph says the victims were "
    "(mostly) from the same family.",
)
cols[1].metric(
    "Massacres of IDPs",
    count_of(int(f["idps"]), int(f["massacres"])),
    help=f"{int(f['killed_idps'])} killed in them. The victims were internally displaced people or were "
    "hit in an IDP shelter, tent or camp.",
)
MEASURES = {"same_family": "Victims from one family", "idps": "Victims were IDPs"}
shares = fam.melt(
    id_vars=["perpetrator", "party", "massacres"],
    value_vars=list(MEASURES),
    var_name="measure",
    value_name="massacres_with",
)
shares["measure"] = shares["measure"].map(MEASURES)
shares["share"] = shares["massacres_with"] / shares["massacres"]
shares["label"] = [f"{r.massacres_with} of {r.massacres}" for r in shares.itertuples()]


def family_figure():  # built once per view (ui.chart)
    fig = px.bar(
        shares,
        x="share",
        y="party",
        facet_col="measure",
        orientation="h",
        text="label",
        labels={"share": "Share of the party's massacres", "party": "", "measure": ""},
        category_orders={"party": parties, "measure": list(MEASURES.values())},
        **PARTY_STYLE,
    )
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
    fig.update_traces(textposition="outside", cliponaxis=False)
    fig.update_xaxes(tickformat=".0%", range=[0, 1.15], tickvals=[0, 0.25, 0.5, 0.75, 1])
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(showlegend=False, margin_t=130)  # facet titles below the subtitle
    return fig


ui.chart(
    family_figure,
    shares[["party", "perpetrator", "measure", "massacres_with", "massacres", "share"]],
    "Massacres of one family, and of displaced people",
    SUBTITLE,
    "family_idps",
    alt="Share of each perpetrator's massacres whose victims were from one family, and whose victims were "
    "IDPs: "
    + "; ".join(
        f"{r.party}: one family {r.same_family} of {r.massacres}, IDPs {r.idps} of {r.massacres}"
        for r in fam.itertuples()
    )
    + ".",
)
ui.cite()
