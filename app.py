"""Massacres in Syria: the reports and a searchable table of their incidents."""
from __future__ import annotations

import streamlit as st

from massacres import queries, ui

st.set_page_config(page_title="Massacres in Syria", page_icon=":material/summarize:", layout="wide")

con = ui.connection()

st.title("Massacres in Syria")
st.caption("Source: SNHR monthly reports. Stated figures are the reports' own totals; "
           "documented figures add up the incidents each report details.")

st.subheader("Reports")
reports = queries.run(con, "reports_by_month")
st.dataframe(reports, hide_index=True, width="stretch",
             column_config={"published": st.column_config.DateColumn(format="YYYY-MM-DD")})

st.subheader("Incidents")
left, right = st.columns([3, 1])
search = left.text_input("Search place, site, perpetrator, governorate or text", key="search").strip()
months = ["All"] + reports["month"].tolist()
month = right.selectbox("Report", months, key="month")
incidents = queries.run(con, "incidents_matching_search",
                        {"search": search or None, "month": None if month == "All" else month})
st.write(f"{len(incidents)} incidents, {int(incidents['killed'].sum())} killed")
st.dataframe(incidents, hide_index=True, width="stretch",
             column_config={"date": st.column_config.DateColumn(format="YYYY-MM-DD"),
                            "paragraph": st.column_config.TextColumn("paragraph", width="large")})
