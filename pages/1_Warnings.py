"""Parser warnings per report: heading/text conflicts, stated figures the details do not reach."""
from __future__ import annotations

import streamlit as st

from massacres import queries, ui

st.set_page_config(page_title="Warnings", page_icon=":material/warning:", layout="wide")

con = ui.connection()
st.title("Parser warnings")
warnings = queries.run(con, "warnings_by_report", {"month": None})
st.dataframe(warnings, hide_index=True, width="stretch")
