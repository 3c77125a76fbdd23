"""Overview: the filtered range in figures, beside what the reports themselves state."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from massacres.dashboard import figure_corrections, shares, summary_text, theme, ui
from massacres.dashboard.wording import figure, md_escape

# A share no report states, computed here from the reports' counts: said under the figure, in grey.
RECOMPUTED = {"delta": "recomputed", "delta_color": "off", "delta_arrow": "off"}

current, default = ui.page("Overview")
params = current.params()

st.title("Massacres in Syria")
st.caption(
    "From the Syrian Network for Human Rights' monthly reports. *Documented* figures add up the "
    "incidents each report details; *stated* figures are the reports' own totals, which are complete "
    "where the details may list only the most notable massacres."
)
st.caption(f"Showing {current.describe(default)}.")

doc = ui.query("documented_totals", params).iloc[0]
covered = ui.query("stated_totals_by_report", params)
comparable = current.only_dates() and not covered.empty
# The reports state each party's figures too: with a perpetrator selected (and no other filter but the
# dates) the stated block shows the selected parties' own stated figures.
by_party = bool(current.perpetrators) and replace(current, perpetrators=()).only_dates() and not covered.empty

st.subheader("Documented in the incident details")
cols = st.columns(5)
share = shares.documented_share(doc)
cols[0].metric("Massacres", f"{int(doc['massacres'])}")
cols[1].metric("Killed", f"{int(doc['killed'])}")
cols[2].metric(
    "Children", f"{int(doc['children'])}", help="Fetuses are counted apart: " + f"{int(doc['fetuses'])} in this range."
)
cols[3].metric("Women", f"{int(doc['women'])}")
cols[4].metric(
    "Women and children",
    share.text(),
    help="Share of the killed in the incidents that give a breakdown of children and women; the "
    "killed of incidents that give none are left out of the divisor, not counted as zero.",
)
st.caption(share.note)
if doc["no_breakdown"]:
    st.caption(
        f"{int(doc['no_breakdown'])} incident{'s' if doc['no_breakdown'] != 1 else ''} "
        f"({int(doc['killed_without_breakdown'])} killed) give{'s' if doc['no_breakdown'] == 1 else ''} no "
        "breakdown of children and women: they are unknown, not zero, and left out of the share."
    )

# A stated figure a reviewer corrected is shown corrected, and said so beside it: parsed, corrected, why.
corrected_figures = ui.query("stated_corrections_in_view", params | {"dimensions": ["total", "perpetrator"]})
corrected_notes = figure_corrections.notes(corrected_figures)

st.subheader("Stated by the reports")
if comparable:
    months = ", ".join(ui.month_label(m) for m in covered["month"])
    s = covered[["total_massacres", "victims_total", "victims_children", "victims_women"]].sum()
    cols = st.columns(5)
    cols[0].metric("Massacres", f"{int(s['total_massacres'])}")
    cols[1].metric("Killed", f"{int(s['victims_total'])}")
    cols[2].metric("Children", f"{int(s['victims_children'])}")
    cols[3].metric("Women", f"{int(s['victims_women'])}")
    stated_share = shares.stated_share(covered)
    cols[4].metric(
        "Women and children",
        stated_share.text(),
        help=stated_share.note,
        **(RECOMPUTED if stated_share.recomputed else {}),
    )
    st.caption(f"Women and children: {stated_share.text()}. {stated_share.note}")
    st.caption(
        f"Stated by the reports for {months}. Reports also count incidents from earlier months that were "
        "confirmed late."
    )
    for note in corrected_notes:
        st.caption(md_escape(note))
elif by_party:
    months = ", ".join(ui.month_label(m) for m in covered["month"])
    parties = ", ".join(theme.perpetrator_label(p) for p in current.perpetrators)
    t = shares.party_totals(
        ui.query("massacres_by_perpetrator_stated", params), ui.query("victims_by_perpetrator_stated", params)
    )

    cols = st.columns(5)
    cols[0].metric("Massacres", figure(t.massacres, t.approximate))
    cols[1].metric("Killed", figure(t.killed))
    cols[2].metric("Children", figure(t.children))
    cols[3].metric("Women", figure(t.women))
    party_share = (
        shares.percent(t.children + t.women, t.killed) if None not in (t.killed, t.children, t.women) else None
    )
    cols[4].metric(
        "Women and children",
        "not stated" if party_share is None else f"{party_share}%",
        help="Recomputed from the selected parties' stated killed, children and women.",
        **RECOMPUTED,
    )
    st.caption(
        f"Stated by the reports for {months}, for {parties} (the reports' per-party figures)."
        + (
            " ≈: a count derived from a report that states only each party's percentage of its massacres."
            if t.approximate
            else ""
        )
    )
    for note in corrected_notes:
        st.caption(md_escape(note))
elif covered.empty:
    st.info("The date range covers no whole report month, so there is no stated figure to compare.")
else:
    st.info(
        "Stated figures are totals per report, and per party: they are shown when only the date range and the "
        "perpetrator are filtered (the reports state no figures by governorate, area, weapon or size)."
    )

st.subheader("Month by month, in the reports' words")
if not current.only_dates():
    st.caption(
        "Each report's own summary, for every party and place: the filters other than the dates do not "
        "apply to what a report states."
    )
perps = ui.query(
    "stated_massacres_by_perpetrator_and_month", default.params() | {"start": current.start, "end": current.end}
)
if covered.empty:
    st.write("No whole report month in the range.")
for _, report in covered.iterrows():
    said = summary_text.month_sentence(report, perps[perps["month"] == report["month"]]).replace("*", "\\*")
    # Not the report's words where a reviewer corrected one of its figures: said in the same line.
    if note := figure_corrections.month_note(corrected_figures, report["month"]):
        said += " " + md_escape(note)
    st.markdown("- " + said)
if corrected_notes and not (comparable or by_party):  # said under the stated block when it is shown
    for note in corrected_notes:
        st.caption(md_escape(note))

latest = covered.dropna(subset=["ytd_massacres"]).tail(1)
if not latest.empty:
    r = latest.iloc[0]
    start_m, end_m = r["ytd_period"].split("/")
    st.metric(
        f"Year to date, {ui.month_label(start_m)} – {ui.month_label(end_m)}",
        f"{int(r['ytd_massacres'])} massacres",
        help=f"As stated by the {ui.month_label(r['month'])} report.",
    )
    if not current.only_dates():
        st.caption(
            "Year to date: all parties and places, as the report states it. The reports give no year-to-date "
            "toll per party, governorate or weapon, so the filters other than the dates do not apply to it."
        )
ui.cite()
