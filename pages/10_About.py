"""About the data: what a massacre is, the two bases, every column of the data model, location
precision, warning codes, sources and licences. Each text is a reviewed file in docs/about/ that the
README shows too (massacres/dashboard/about.py; tests/test_about.py keeps them equal)."""

from __future__ import annotations

import streamlit as st

from massacres.dashboard import about, theme, ui

current, default = ui.page("About the data")

st.title("About the data")
st.caption("How the figures on every page are made, and what each stored field means.")
st.markdown(about.text("method"))

st.header("The data model")
st.markdown(about.text("data-model"))

st.header("Location precision")
st.markdown(about.text("precision"))

st.header("Warning codes")
st.caption("What the parser and the geocoder flag; the Data quality page counts and lists them.")
st.markdown(about.text("warning-codes"))

st.header("Sources and licences")
st.markdown(about.text("attributions"))
st.caption(theme.SOURCE)
ui.cite()
