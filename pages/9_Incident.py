"""Incident: one incident as a card, opened by its stable ID (`?incident=2017-09-12`, the report's
month and the incident's order in its details), whatever the sidebar's filters: everything the
report says of it, where the map puts it and how precisely, the report, file and line it comes
from, and the warnings that concern it. Every row of the Incidents table and every point of the
map links here."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from massacres.dashboard import incident_card, mapdeck, review, theme, ui, url_state

current, default = ui.page("Incident")

st.title("Incident")
st.caption(
    "One incident of the reports' details, whatever the sidebar's filters. Its ID is the report's month and "
    "the incident's order in that report's details (2017-09-12: the twelfth incident of the September 2017 "
    "report); the address of this page, with the ID, is a link to it."
)
raw = url_state.text(
    "Incident ID",
    key="incident_id",
    param=incident_card.PARAM,
    max_chars=20,
    placeholder="e.g. 2017-09-12",
    help="The ID column of the Incidents table and of every export.",
)
if not raw:
    st.info("Enter an incident's ID, or open one from the Incidents table or the map.", icon=":material/info:")
    incident_card.link("pages/5_Incidents.py", "Find an incident in the Incidents table", ":material/table_rows:")
    st.stop()
found = incident_card.parse_id(raw)
if found is None:
    st.warning(
        f"'{raw[:20]}' is not an incident ID: the report's month and the incident's order, as 2017-09-12.",
        icon=":material/link_off:",
    )
    st.stop()
month, seq = found
match = ui.query("incident_card", {"report_month": month, "seq": seq})
if match.empty:
    st.warning(
        f"No incident {incident_card.incident_id(month, seq)}: the data holds no report for {month}, or that "
        "report details fewer incidents.",
        icon=":material/search_off:",
    )
    st.stop()
row = match.iloc[0].to_dict()
warnings = ui.query("incident_warnings", {"report_month": month, "seq": seq, "line": int(row["line"])})
card = incident_card.fields(row, warnings)
located = pd.notna(row.get("point_lat"))

st.subheader(
    f"{pd.Timestamp(row['date']):%-d %B %Y}, {row['place'] or 'place not named'}: "
    f"{'at least ' if row['killed_is_lower_bound'] else ''}{int(row['killed'])} killed"
)
left, right = st.columns([3, 2]) if located else (st.container(), None)
with left:
    incident_card.draw(card)
    review.show_corrections(month, seq)  # a reviewer's correction: "Killed: parsed 12, corrected to 14: reason"
if located:
    deck = incident_card.small_map(row)
    right.pydeck_chart(deck, height=380, key="incident_map")
    right.caption(
        f"Coloured by the area of control ({theme.area_label(row['area_of_control'])}); "
        + ("a hollow ring: the point is approximate, " if row["precision"] in mapdeck.APPROXIMATE else "")
        + mapdeck.PRECISION_NOTES.get(row["precision"], "")
        + "."
    )

st.subheader("Source paragraph")
st.text(row["paragraph"])
incident_card.link("pages/5_Incidents.py", "All incidents", ":material/table_rows:")
ui.cite()
