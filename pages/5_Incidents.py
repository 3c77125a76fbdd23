"""Incidents: the filtered incidents as a table, searchable by place (any spelling, Latin or Arabic)
and by the words of the text, in the order chosen; each row links to its incident page, a selected
row shows its card here; the rows download as CSV, Excel and Parquet. The search text (`q`), the
order (`sort`) and the selected incident (`incident`) are kept in the URL beside the filters.

Built for a million incidents: the count and the table's page (250 rows) come from DuckDB, the
search reads the index built with the data (store/search_index.py), and the downloads are made
only when a button is clicked."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable

import pandas as pd
import streamlit as st

from massacres.dashboard import downloads, incident_card, review, tables, theme, ui, url_state
from massacres.store import search_index

current, default = ui.page("Incidents")
params = current.params()

PAGE_SIZE = 250  # rows fetched from DuckDB per page of the table
SORTS = {  # the orders queries/incidents_by_search.sql knows; the first is the default
    "date": "Date, oldest first",
    "date_desc": "Date, newest first",
    "killed": "Most killed first",
    "place": "Place name, A to Z",
}

st.title("Incidents")
st.caption(
    "Every massacre the reports detail that matches the sidebar filters, one row each, in the order chosen. "
    "Click an ID to open the incident's own page; select a row (the box at its left) to read its card here. A dash (–) for children, women "
    "and fetuses: the paragraph gives no breakdown (unknown, not zero); for wounded: no figure given; for "
    "site: the target is the place itself."
)
st.caption(f"Showing {current.describe(default)}.")

box, order = st.columns([3, 1])
search = url_state.text(
    "Search a place (any spelling, Latin or Arabic) or words of the text",
    key="search",
    param="q",
    max_chars=200,
    container=box,
    placeholder="e.g. Abu Kamal, البوكمال, Raqqa, school, same family",
    help="A place matches in any spelling the gazetteer holds (Abu Kamal, Albukamal, Boukamal, al-Bokamal, "
    "البوكمال), ignoring case, accents, hyphens, apostrophes and al-/el-; so do its parent town, the places "
    "its site names and its governorate. Otherwise every word must begin a word of the incident's text. "
    "Place matches are listed first.",
)
sort = url_state.select("Order", SORTS, key="sort", param="sort", container=order)
query = params | search_index.params(search) | {"sort": sort}

found = ui.query("incidents_count_by_search", query).iloc[0]
total, total_killed = int(found["incidents"]), int(found["killed"])
place_matches = int(found["place_matches"])
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
if query["search"]:
    summary += (
        f"; {place_matches} name the place searched for (listed first), {total - place_matches} match words of the text"
    )
if pages > 1:
    summary += (
        f". The table shows {offset + 1}–{offset + len(rows)} ({PAGE_SIZE} a page, fetched page by page "
        f"in the order chosen); sorting a column sorts the page shown. The downloads hold every matching row."
    )
st.markdown(f"**{summary}**")

table = pd.DataFrame(
    {
        "ID": [incident_card.url(m, q) for m, q in zip(rows["report_month"], rows["seq"])],
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
        "Corrected": rows["corrected"],
    }
)
# A new view (filters, search, page) is a new table: a row selected in another view never
# points at a different incident here.
view = hashlib.sha1(repr((sorted(query.items()), page)).encode()).hexdigest()[:12]
event = st.dataframe(
    table,
    key=f"incidents_table_{view}",
    on_select="rerun",
    selection_mode="single-row",
    hide_index=True,
    width="stretch",
    height=min(38 + 35 * len(table), 560),
    placeholder=tables.PLACEHOLDER,
    column_config={
        "ID": st.column_config.LinkColumn(
            display_text=rf"{incident_card.PARAM}=(.*)$",
            width="small",
            help="The incident's stable ID (report month and its order in the report): opens its page.",
        ),
        "Date": st.column_config.DateColumn(format="YYYY-MM-DD"),
        "Place": st.column_config.TextColumn(width="medium"),
        "Site": st.column_config.TextColumn(width="medium"),
        # Counts at a width their header fits ("Killed", never "Kil"), as integers; a missing one shows "–".
        **{
            c: st.column_config.NumberColumn(c, format="%d", width=90)
            for c in ("Killed", "Children", "Women", "Fetuses", "Wounded")
        },
        "Wounded figure": st.column_config.TextColumn(help="As written: about, at least, no less than."),
        "Attribution note": st.column_config.TextColumn(
            help="The paragraph's own words when it qualifies who did it ('we believe are Russian')."
        ),
        "Location precision": st.column_config.TextColumn(
            help="How precisely the map places it: a link in the report, the locality, its city, or only the "
            "governorate."
        ),
        "Report": st.column_config.TextColumn(help="The monthly report (YYYY-MM) that details it."),
        "Corrected": st.column_config.TextColumn(
            help="The fields a reviewer corrected on the Review page; the row shows the corrected values."
        ),
    },
)

st.subheader("Selected incident")
selected = [i for i in event.selection.rows if 0 <= i < len(rows)]
picked = (
    incident_card.incident_id(rows.iloc[selected[0]]["report_month"], rows.iloc[selected[0]]["seq"])
    if selected
    else None
)
# The URL follows a change of the selection (a Back to an earlier incident is not overwritten by the
# selection still drawn), and it says which incident the card below shows.
if picked != st.session_state.get("incident_picked"):
    st.session_state["incident_picked"] = picked
    url_state.set_param(incident_card.PARAM, picked)
shown = incident_card.parse_id(st.query_params.get(incident_card.PARAM))
if shown:
    match = ui.query("incident_card", {"report_month": shown[0], "seq": shown[1]})
    if match.empty:
        st.warning(f"No incident {incident_card.incident_id(*shown)} in the data.", icon=":material/search_off:")
    else:
        inc = match.iloc[0].to_dict()
        warns = ui.query("incident_warnings", {"report_month": shown[0], "seq": shown[1], "line": int(inc["line"])})
        incident_card.draw(incident_card.fields(inc, warns) + [("Paragraph", inc["paragraph"])], 1, 5)
        review.show_corrections(shown[0], shown[1])  # "Killed: parsed 12, corrected to 14: reason (Rana)"
        incident_card.link(
            incident_card.INCIDENT_PAGE,
            f"Open incident {incident_card.incident_id(*shown)} on its own page (a link to paste)",
            ":material/open_in_new:",
            incident_card.page_link_params(*shown),
        )
else:
    st.caption(
        "Select a row in the table (the box at its left) to read its card and paragraph here, or click its ID "
        "to open its own page."
    )

# --- Downloads ------------------------------------------------------------------------------
# Built only when a button is clicked (a deferred callable), never on a render: DuckDB runs the
# query with no row limit and massacres/downloads.py writes the file (see there).
st.subheader("Download")
about = (
    f"Massacres documented in the incident details; {current.describe(default)}"
    + (f"; search: {query['search']} (place matches first)" if query["search"] else "")
    + f"; order: {SORTS[sort].lower()}"
)
stem = f"massacres-incidents_{current.start.isoformat()}_{current.end.isoformat()}"
excel_rows = downloads.excel_max_rows()
st.caption(
    f"The {total} matching rows{' (every page)' if pages > 1 else ''}, with every column and the source "
    "paragraph, made when you click (a large download takes a while). In the CSV, a text cell that begins "
    "with =, +, - or @ gets a leading ' so that spreadsheets do not run it as a formula. The Excel file "
    f"holds at most {excel_rows:,} rows (an .xlsx is slow to write); CSV and Parquet hold every row."
)
if total > excel_rows:
    st.warning(
        f"The Excel file holds the first {excel_rows:,} of the {total:,} matching rows (in the table's order: "
        f"{SORTS[sort].lower()}); "
        "the CSV and Parquet files hold them all.",
        icon=":material/warning:",
    )
con = ui.connection()


def _maker(fmt: str) -> Callable[[], bytes]:
    def make() -> bytes:
        if fmt == "xlsx":  # the rows a sheet holds, and the 'about' sheet says of how many
            return downloads.excel_bytes(downloads.rows(con, query, excel_rows), about, excel_rows, total)
        table = downloads.rows(con, query)
        return downloads.csv_bytes(table) if fmt == "csv" else downloads.parquet_bytes(table)

    return make


cols = st.columns(3)
for col, (fmt, label, mime, icon) in zip(
    cols,
    (
        ("csv", "CSV", "text/csv", ":material/csv:"),
        ("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ":material/grid_on:"),
        ("parquet", "Parquet", "application/vnd.apache.parquet", ":material/dataset:"),
    ),
):
    col.download_button(
        label,
        data=_maker(fmt),
        file_name=f"{stem}.{fmt}",
        mime=mime,
        key=f"download_{fmt}",
        icon=icon,
        on_click="ignore",
        width="stretch",
    )
ui.cite()
