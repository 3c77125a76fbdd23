"""What every page calls first and last: the page list, the page's set-up (navigation, sidebar
filters, notices) and the Cite-this-view box. The connection, the sidebar and the chart block
live in connection.py, sidebar.py and charts.py; their names are re-exported here, so a page
reads `ui.query`, `ui.chart`, `ui.table`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from massacres.dashboard import citation, filters, url_state, wording
from massacres.dashboard.charts import SpecFigure, chart, figure_spec, label_perpetrators, table  # noqa: F401
from massacres.dashboard.connection import (  # noqa: F401
    _LAST_GOOD,
    _connection,
    connection,
    identity,
    query,
    serving_last_good,
)
from massacres.dashboard.sidebar import date_limits, default_filters, sidebar, url_choice, url_select  # noqa: F401
from massacres.store import db

month_label = wording.month_label  # the pages call ui.month_label


FAVICON = Path(__file__).resolve().parents[2] / "static" / "favicon.png"


# The sidebar's page list. Streamlit's own list names the entry page after its file ("app");
# it is hidden (.streamlit/config.toml) for this one, which says "Overview".
NAVIGATION = (
    ("app.py", "Overview", ":material/dashboard:"),
    ("pages/1_Perpetrators.py", "Perpetrators", ":material/groups:"),
    ("pages/2_Trends.py", "Trends", ":material/show_chart:"),
    ("pages/3_Victims.py", "Victims", ":material/person:"),
    ("pages/4_Map.py", "Map", ":material/map:"),
    ("pages/5_Incidents.py", "Incidents", ":material/table_rows:"),
    ("pages/6_Data_quality.py", "Data quality", ":material/fact_check:"),
    ("pages/7_Add_report.py", "Add a report", ":material/upload_file:"),
    ("pages/8_Review.py", "Review", ":material/rate_review:"),
    ("pages/9_Incident.py", "Incident", ":material/article:"),
    ("pages/10_About.py", "About the data", ":material/info:"),
)


def navigation() -> None:
    try:
        for path, label, icon in NAVIGATION:
            st.sidebar.page_link(path, label=label, icon=icon)
    except StreamlitPageNotFoundError:
        # A page file run as the entry point on its own (AppTest does) has no others to link to;
        # tests/test_navigation.py checks the list against app.py and pages/.
        return
    st.sidebar.divider()


def page(title: str) -> tuple[filters.Filters, filters.Filters]:
    """Page setup, the page list, the connection and the shared filters. The browser tab gets a
    local image: a material icon as favicon is fetched from a font CDN, which fails offline."""
    st.set_page_config(page_title=f"{title} · Massacres in Syria", page_icon=str(FAVICON), layout="wide")
    navigation()
    connection()
    url_state.begin(title)
    current, default = sidebar()
    # The citation is drawn now, so a page that stops early still has it, and again by cite() at the
    # page's end, once the page's own settings (a colouring, a basis) are in the URL too.
    st.session_state["_cite"] = (title, current, default, st.sidebar.empty())
    cite()
    return current, default


def cite() -> None:
    """The "Cite this view" box in the sidebar (massacres/dashboard/citation.py): call it as the last line of a
    page, so the URL it cites holds every setting the page put there."""
    title, current, default, slot = st.session_state["_cite"]
    params = current.params()
    months = query("reports_in_view", params)["month"].tolist()
    text = citation.citation(
        title,
        current.describe(default),
        citation.view_url(st.context.url, page_path(title), {k: st.query_params.get_all(k) for k in st.query_params}),
        months,
        _built(),
        dt.datetime.now(dt.UTC).date(),
    )
    with slot.container(), st.expander("Cite this view", icon=":material/format_quote:"):
        st.code(text, language=None, wrap_lines=True)
        st.caption("The link reopens this view with its filters.")


def page_path(title: str) -> str:
    """The URL path Streamlit gives the page listed under `title` (its file's name less the order number:
    pages/6_Data_quality.py is 'Data_quality'; the entry page ''), for a citation read without a browser."""
    for path, label, _ in NAVIGATION:
        if label == title:
            return "" if path == "app.py" else re.sub(r"^\d+_", "", Path(path).stem)
    return ""


def _built() -> dt.datetime | None:
    """When the data was last written: the ingest log's latest entry, or for a Parquet export (which leaves
    the log out) the time its manifest was written."""
    folder = db.parquet_dir()
    if folder is not None:
        manifest = folder / db.MANIFEST
        return (
            dt.datetime.fromtimestamp(manifest.stat().st_mtime, dt.UTC).replace(tzinfo=None)
            if manifest.exists()
            else None
        )
    try:
        built = query("database_built")["built"].iloc[0]
    except duckdb.Error:  # a file from before the log was kept
        return None
    return None if pd.isna(built) else pd.Timestamp(built).to_pydatetime()
