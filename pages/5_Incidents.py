"""Incidents: the filtered incidents as a table, searchable and sortable; a selected row opens
its source paragraph; the rows download as CSV, Excel and Parquet.

Built for a million incidents: the count and the table's page (250 rows) come from DuckDB, the
search runs there with a parameter, and the downloads are made only when a button is clicked."""
from __future__ import annotations

import hashlib
import math
from collections.abc import Callable

import pandas as pd
import streamlit as st

from massacres.dashboard import downloads
from massacres.dashboard import tables
from massacres.dashboard import theme
from massacres.dashboard import ui

current, default = ui.page("Incidents")
params = current.params()

PAGE_SIZE = 250  # rows fetched from DuckDB per page of the table

st.title("Incidents")
st.caption("Every massacre the reports detail that matches the sidebar filters, one row each, in date order. "
           "Select a row (the box at its left) to read the report's own paragraph. A dash (–) for children, women "
           "and fetuses: the paragraph gives no breakdown (unknown, not zero); for wounded: no figure given; for "
           "site: the target is the place itself.")
st.caption(f"Showing {current.describe(default)}.")

search = st.text_input("Search place, site, perpetrator, governorate or text", key="search", max_chars=200,
                       placeholder="e.g. Raqqa, bus, school, same family",
                       help="Case-insensitive; matches the text literally (no wildcards).")
query = params | {"search": search.strip() or None}

found = ui.query("incidents_count_by_search", query).iloc[0]
total, total_killed = int(found["incidents"]), int(found["killed"])
if not total:
    st.info("No incident matches these filters and this search.")
    st.stop()

pages = math.ceil(total / PAGE_SIZE)
page = 1
if pages > 1:
    page = st.pagination(pages, key="incidents_page", width="stretch")
offset = (page - 1) * PAGE_SIZE
rows = ui.query("incidents_by_search", query | {"limit": PAGE_SIZE, "offset": offset}).reset_index(drop=True)
summary = f"{total} incident{'s' if total != 1 else ''}, {total_killed} killed"
if pages > 1:
    summary += (f". The table shows {offset + 1}–{offset + len(rows)} ({PAGE_SIZE} a page, fetched page by page "
                "in date order); sorting a column sorts the page shown. The downloads hold every matching row.")
st.markdown(f"**{summary}**")

table = pd.DataFrame({
    "Date": pd.to_datetime(rows["date"]).dt.date,
    "Perpetrator": rows["perpetrator"].map(theme.perpetrator_label),
    "Governorate": rows["governorate"].map(lambda g: theme.GOVERNORATES.get(g, g)),
    "Place": rows["place"],
    "Site": rows["site"],
    "Killed": rows["killed"],
    "Children": rows["children"],
    "Women": rows["women"],
    "Fetuses": rows["fetuses"],
    "Wounded": rows["wounded"],
    "Wounded figure": rows["wounded_qualifier"],
    "Weapon": rows["weapon"].map(lambda w: theme.WEAPONS.get(w, w)),
    "Area of control": rows["area_of_control"].map(theme.area_label),
    "Location precision": rows["location_precision"].map(lambda p: theme.PRECISIONS.get(p, p)),
    "Attribution note": rows["attribution_note"],
    "Report": rows["report_month"],
})
# A new view (filters, search, page) is a new table: a row selected in another view never
# points at a different incident here.
view = hashlib.sha1(repr((sorted(query.items()), page)).encode()).hexdigest()[:12]
event = st.dataframe(
    table, key=f"incidents_table_{view}", on_select="rerun", selection_mode="single-row", hide_index=True,
    width="stretch", height=min(38 + 35 * len(table), 560), placeholder=tables.PLACEHOLDER,
    column_config={
        "Date": st.column_config.DateColumn(format="YYYY-MM-DD"),
        "Place": st.column_config.TextColumn(width="medium"),
        "Site": st.column_config.TextColumn(width="medium"),
        # Counts at a width their header fits ("Killed", never "Kil"), as integers; a missing one shows "–".
        **{c: st.column_config.NumberColumn(c, format="%d", width=90)
           for c in ("Killed", "Children", "Women", "Fetuses", "Wounded")},
        "Wounded figure": st.column_config.TextColumn(help="As written: about, at least, no less than."),
        "Attribution note": st.column_config.TextColumn(
            help="The paragraph's own words when it qualifies who did it ('we believe are Russian')."),
        "Location precision": st.column_config.TextColumn(
            help="How precisely the map places it: a link in the report, the locality, its city, or only the "
                 "governorate."),
        "Report": st.column_config.TextColumn(help="The monthly report (YYYY-MM) that details it."),
    },
)

st.subheader("Source paragraph")
selected = [i for i in event.selection.rows if 0 <= i < len(rows)]
if selected:
    inc = rows.iloc[selected[0]]
    # Report text is untrusted: shown as plain text, never as markdown or HTML.
    st.text(f"{ui.month_label(inc['report_month'])} report · source file {inc['source_file']} · "
            f"line {int(inc['line'])} · incident {int(inc['seq'])} of the report's details")
    st.text(inc["paragraph"])
else:
    st.caption("Select a row in the table to read its paragraph here, with the report and line it comes from.")

# --- Downloads ------------------------------------------------------------------------------
# Built only when a button is clicked (a deferred callable), never on a render: DuckDB runs the
# query with no row limit and massacres/downloads.py writes the file (see there).
st.subheader("Download")
about = f"Massacres documented in the incident details; {current.describe(default)}" + (
    f"; search: {query['search']}" if query["search"] else "")
stem = f"massacres-incidents_{current.start.isoformat()}_{current.end.isoformat()}"
excel_rows = downloads.excel_max_rows()
st.caption(f"The {total} matching rows{' (every page)' if pages > 1 else ''}, with every column and the source "
           "paragraph, made when you click (a large download takes a while). In the CSV, a text cell that begins "
           "with =, +, - or @ gets a leading ' so that spreadsheets do not run it as a formula. The Excel file "
           f"holds at most {excel_rows:,} rows (an .xlsx is slow to write); CSV and Parquet hold every row.")
if total > excel_rows:
    st.warning(f"The Excel file holds the first {excel_rows:,} of the {total:,} matching rows (in date order); "
               "the CSV and Parquet files hold them all.", icon=":material/warning:")
con = ui.connection()


def _maker(fmt: str) -> Callable[[], bytes]:
    def make() -> bytes:
        if fmt == "xlsx":  # the rows a sheet holds, and the 'about' sheet says of how many
            return downloads.excel_bytes(downloads.rows(con, query, excel_rows), about, excel_rows, total)
        table = downloads.rows(con, query)
        return downloads.csv_bytes(table) if fmt == "csv" else downloads.parquet_bytes(table)
    return make


cols = st.columns(3)
for col, (fmt, label, mime, icon) in zip(cols, (
        ("csv", "CSV", "text/csv", ":material/csv:"),
        ("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ":material/grid_on:"),
        ("parquet", "Parquet", "application/vnd.apache.parquet", ":material/dataset:"))):
    col.download_button(label, data=_maker(fmt), file_name=f"{stem}.{fmt}", mime=mime, key=f"download_{fmt}",
                        icon=icon, on_click="ignore", width="stretch")
ui.cite()
