"""Data quality: what each report states beside what its details add up to, and every warning."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from massacres import theme, ui

current, default = ui.page("Data quality")
params = current.params()

st.title("Data quality")
st.caption("Stated figures are each report's own claims; documented figures add up the incidents it details. "
           "A difference is not an error in itself: the reasons the data can tell are given beside it.")

MEASURES = ("massacres", "killed", "children", "women")


def highlight(row: pd.Series) -> list[str]:
    """Shade each documented figure that differs from the stated one."""
    out = []
    for col in row.index:
        m = next((m for m in MEASURES if col == f"documented_{m}"), None)
        stated = row.get(f"stated_{m}") if m else None
        out.append("background-color: #FCE4D6" if m and pd.notna(stated) and stated != row[col] else "")
    return out


comparison = ui.query("stated_vs_documented_by_report", params)
if comparison.empty:
    st.info("No report month in the date range.")
for month, rows in comparison.groupby("report_month", sort=True):
    differing = int(rows["differs"].sum())
    st.subheader(f"{ui.month_label(month)} report")
    st.caption(f"{len(rows)} stated figures, {differing} differ from the details."
               + ("" if rows["details_complete"].iloc[0] else
                  " This report details only the most notable massacres, so its details fall short of its totals."))
    table = rows.drop(columns=["report_month", "details_complete", "heading_text_conflicts"]).rename(
        columns={"dimension": "figure", "key": "of"})
    table = table[["figure", "of", "differs", "explanation"]
                  + [c for c in table.columns if c not in ("figure", "of", "differs", "explanation")]]
    styled = table.style.apply(highlight, axis=1).format(
        {"stated_percent": "{:.0f}%", "documented_percent": "{:.1f}%"}, na_rep="–")
    st.dataframe(styled, hide_index=True, width="stretch", key=f"comparison_{month}")

st.subheader("Parser warnings")
warnings = ui.query("warnings_by_report", params)
st.dataframe(warnings.groupby("code").size().rename("warnings").reset_index(), hide_index=True,
             key="warning_counts")
st.dataframe(warnings, hide_index=True, width="stretch", key="parser_warnings")

st.subheader("Geocoding")
precision = ui.query("incidents_by_precision", params)
total = int(precision["incidents"].sum())
cols = st.columns(4)
for col, key in zip(cols, theme.PRECISIONS):
    n = int(precision.loc[precision["precision"] == key, "incidents"].sum())
    col.metric(theme.PRECISIONS[key], f"{n}", help=f"{n / total:.0%} of the {total} incidents shown" if total else None)
fallback = precision.loc[precision["precision"] == "governorate", "places"]
if not fallback.empty and fallback.iloc[0] is not None:
    st.caption("Located only at governorate level: " + ", ".join(fallback.iloc[0]))
st.dataframe(ui.query("geocoding_warnings_by_incident", params), hide_index=True, width="stretch",
             key="geocoder_warnings")
