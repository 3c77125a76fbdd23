"""Incidents: the filtered incidents as a table, searchable and sortable; a selected row opens
its source paragraph; the rows download as CSV, Excel and Parquet."""
from __future__ import annotations

import hashlib
import io
import math

import pandas as pd
import streamlit as st

from massacres import theme, ui

current, default = ui.page("Incidents")
params = current.params()

PAGE_SIZE = 250  # rows fetched from DuckDB per page of the table
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets read as the start of a formula

st.title("Incidents")
st.caption("Every massacre the reports detail that matches the sidebar filters, one row each, in date order. "
           "Select a row (the box at its left) to read the report's own paragraph. *None* for children, women "
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
    width="stretch", height=min(38 + 35 * len(table), 560),
    column_config={
        "Date": st.column_config.DateColumn(format="YYYY-MM-DD"),
        "Place": st.column_config.TextColumn(width="medium"),
        "Site": st.column_config.TextColumn(width="medium"),
        "Killed": st.column_config.NumberColumn(format="%d"),
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
EXPORT_COLUMNS = [
    "report_month", "seq", "date", "perpetrator", "party", "attribution_uncertain", "attribution_note",
    "governorate", "place", "place_type", "parent_place", "site", "killed", "killed_is_lower_bound", "children",
    "women", "fetuses", "wounded", "wounded_qualifier", "same_family", "idps", "weapon", "target",
    "area_of_control", "location_precision", "lat", "lon", "source_file", "line", "paragraph",
]


def _neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (CSV only)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


@st.cache_data(show_spinner=False, max_entries=64)
def export_files(frozen: tuple, identity: tuple[int, int], n: int, about: str) -> dict[str, bytes]:
    """Every matching row (not only the page shown) as CSV, Excel and Parquet bytes."""
    q = {k: (list(v) if isinstance(v, tuple) else v) for k, v in frozen}
    df = ui.label_perpetrators(ui.query("incidents_by_search", q | {"limit": n, "offset": 0}))
    df["date"] = pd.to_datetime(df["date"]).dt.date
    df = df[EXPORT_COLUMNS]
    text_cols = [c for c in df.columns if df[c].dtype == object or pd.api.types.is_string_dtype(df[c])]
    csv = df.copy()
    for c in text_cols:
        csv[c] = csv[c].map(_neutralise)
    xlsx = io.BytesIO()
    with pd.ExcelWriter(xlsx, engine="openpyxl") as writer:
        df.to_excel(writer, sheet_name="incidents", index=False)
        for row in writer.sheets["incidents"].iter_rows(min_row=2):
            for cell in row:
                if cell.data_type == "f":  # text that looks like a formula stays text
                    cell.data_type = "s"
        pd.DataFrame({"about": [about, "Source: SNHR monthly reports"]}).to_excel(
            writer, sheet_name="about", index=False)
    parquet = io.BytesIO()
    df.to_parquet(parquet, index=False, engine="pyarrow")
    return {"csv": csv.to_csv(index=False).encode("utf-8"), "xlsx": xlsx.getvalue(), "parquet": parquet.getvalue()}


st.subheader("Download")
frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in query.items()))
about = f"Massacres documented in the incident details; {current.describe(default)}" + (
    f"; search: {query['search']}" if query["search"] else "")
files = export_files(frozen, ui.identity(), total, about)
stem = f"massacres-incidents_{current.start.isoformat()}_{current.end.isoformat()}"
st.caption(f"The {total} matching rows{' (every page)' if pages > 1 else ''}, with every column and the source "
           "paragraph. In the CSV, a text cell that begins with =, +, - or @ gets a leading ' so that spreadsheets "
           "do not run it as a formula.")
cols = st.columns(3)
for col, (fmt, label, mime, icon) in zip(cols, (
        ("csv", "CSV", "text/csv", ":material/csv:"),
        ("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ":material/grid_on:"),
        ("parquet", "Parquet", "application/vnd.apache.parquet", ":material/dataset:"))):
    col.download_button(label, data=files[fmt], file_name=f"{stem}.{fmt}", mime=mime, key=f"download_{fmt}",
                        icon=icon, on_click="ignore", width="stretch")
