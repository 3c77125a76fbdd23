"""Streamlit glue shared by every page: the connection, the sidebar filters kept in the URL,
cached queries, and the chart block (chart, exports, data, text alternative)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError
from streamlit.runtime.scriptrunner import get_script_run_ctx

from massacres.dashboard import citation, export, filters, tables, theme, url_state, wording
from massacres.store import db, queries

_FILTER_KEYS = (
    "dates",
    "perpetrators",
    "governorates",
    "areas",
    "weapons",
    "min_killed",
    "include_uncertain",
    "reviewed_only",
)


@st.cache_resource
def _connection(path: str, identity: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    # Keyed on the file's identity: a rebuilt database (os.replace) gets a new connection.
    return db.connect_readonly(db.db_path())


# The identity of the last file each path opened well, shared by every session: when the file
# is replaced by something unreadable (a half-copied file, another program's data), pages keep
# serving the connection still open on the last good one, with a notice, instead of failing.
_LAST_GOOD: dict[str, tuple[int, int]] = {}


def _identity_now(path: Path) -> tuple[int, int]:
    try:
        return db.file_identity(path)
    except FileNotFoundError:
        if (folder := db.parquet_dir()) is not None:
            db.read_manifest(folder)  # raises DataUnavailable saying what the folder lacks
        raise db.DataUnavailable(f"No database at {path}. Build it with `make build` (or `massacres build`).") from None


def _serve() -> tuple[duckdb.DuckDBPyConnection, tuple[int, int], str | None]:
    """(connection, identity of the file it reads, a notice when that is not the current file)."""
    path = db.db_path()
    try:
        ident = _identity_now(path)
        con = _connection(str(path), ident)
    except (OSError, db.DataUnavailable) as exc:
        last = _LAST_GOOD.get(str(path))
        if last is None:
            raise
        # A cache hit on the last good identity: the connection opened then still reads that file.
        # Once it has been dropped (a write from this app clears it), this raises in turn.
        return _connection(str(path), last), last, str(exc)
    _LAST_GOOD[str(path)] = ident
    return con, ident, None


def connection() -> duckdb.DuckDBPyConnection:
    """The database connection, or a stop with a message (never a traceback) when there is no
    readable database: the last good file is served, with a notice, while one is still open."""
    path = db.db_path()
    try:
        con, ident, notice = _serve()
    except (OSError, db.DataUnavailable) as exc:
        st.error(f"The data cannot be read: {exc}", icon=":material/error:")
        st.stop()
    if notice:
        st.warning(
            f"The data file has changed and cannot be read ({notice}). Showing the data as it was "
            "when last read; rebuild the database (`make build`) to fix it.",
            icon=":material/warning:",
        )
    missing = _missing_tables(str(path), ident)
    if missing:
        st.error(
            f"The database at {path} predates this version (it lacks {', '.join(missing)}). "
            "Rebuild it with `make build`."
        )
        st.stop()
    return con


@st.cache_data(show_spinner=False, max_entries=16)
def _missing_tables(path: str, ident: tuple[int, int]) -> list[str]:
    # Asked once per database file (DuckDB's information_schema takes 20-60 ms): a rebuilt or
    # written file has a new identity and is asked again.
    return db.missing_tables(_connection(path, ident))


def serving_last_good() -> bool:
    """True while pages read the last good file because the current one cannot be read."""
    return _serve()[2] is not None


def identity() -> tuple[int, int]:
    """The identity of the file the pages are reading (the last good one while the current is unreadable)."""
    return _serve()[1]


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, params: tuple[tuple[str, Any], ...], ident: tuple[int, int]) -> pd.DataFrame:
    # The connection of the file `ident` names (connection() at the page's top has said why
    # when it is not the current file); no element is drawn inside a cached function.
    return queries.run(
        _connection(str(db.db_path()), ident), name, {k: (list(v) if isinstance(v, tuple) else v) for k, v in params}
    )


def query(name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """A named query's result, cached by its parameters and the database file's identity."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in (params or {}).items()))
    return _cached(name, frozen, identity()).copy()


def _bounds() -> pd.Series:
    b = query("date_bounds").iloc[0]
    if pd.isna(b["first_day"]):
        st.error("The database holds no reports yet.")
        st.stop()
    return b


def default_filters() -> filters.Filters:
    """The view a page opens on: the reports' own months, first to last."""
    b = _bounds()
    return filters.Filters(pd.Timestamp(b["report_first_day"]).date(), pd.Timestamp(b["report_last_day"]).date())


def date_limits() -> tuple[dt.date, dt.date]:
    """The days a range may take in: every incident's date (one reported late included) and every report month."""
    b = _bounds()
    return pd.Timestamp(b["first_day"]).date(), pd.Timestamp(b["last_day"]).date()


def _set_state(f: filters.Filters) -> None:
    ss = st.session_state
    ss["f_dates"] = (f.start, f.end)
    ss["f_perpetrators"] = list(f.perpetrators)
    ss["f_governorates"] = list(f.governorates)
    ss["f_areas"] = list(f.areas)
    ss["f_weapons"] = list(f.weapons)
    ss["f_min_killed"] = f.min_killed
    ss["f_include_uncertain"] = f.include_uncertain
    ss["f_reviewed_only"] = f.reviewed_only


def _keep(key: str) -> None:
    # Widget state is per page; the filters live on in keys of their own across pages.
    st.session_state[f"f_{key}"] = st.session_state[f"w_{key}"]


def sidebar() -> tuple[filters.Filters, filters.Filters]:
    """The shared filters (current, default). The URL's query string opens a session;
    after that the widgets rule and the URL follows them, so a copied URL reopens the view."""
    default = default_filters()
    limits = date_limits()
    ss = st.session_state
    if "f_dates" not in ss or url_state.moved():  # a new session, or Back/Forward (url_state.py)
        # Every value of a repeated parameter (to_dict() keeps only the last one).
        parsed = filters.from_query({k: st.query_params.get_all(k) for k in st.query_params}, default, limits)
        _set_state(parsed.filters)
        ss["url_notices"] = parsed.notices
    for key in _FILTER_KEYS:
        ss[f"w_{key}"] = ss[f"f_{key}"]
    sb = st.sidebar
    sb.header("Filters")
    sb.date_input(
        "Date range",
        min_value=limits[0],
        max_value=limits[1],
        key="w_dates",
        on_change=_keep,
        args=("dates",),
        format="YYYY-MM-DD",
    )
    sb.multiselect(
        "Perpetrator",
        list(theme.PERPETRATORS),
        format_func=theme.perpetrator_label,
        key="w_perpetrators",
        on_change=_keep,
        args=("perpetrators",),
        placeholder="All parties",
    )
    sb.multiselect(
        "Governorate",
        list(theme.GOVERNORATES),
        format_func=lambda k: theme.GOVERNORATES.get(k, k),
        key="w_governorates",
        on_change=_keep,
        args=("governorates",),
        placeholder="All governorates",
    )
    sb.multiselect(
        "Area of control",
        list(theme.AREAS),
        format_func=theme.area_label,
        key="w_areas",
        on_change=_keep,
        args=("areas",),
        placeholder="All areas",
    )
    sb.multiselect(
        "Weapon",
        list(theme.WEAPONS),
        format_func=lambda k: theme.WEAPONS.get(k, k),
        key="w_weapons",
        on_change=_keep,
        args=("weapons",),
        placeholder="All weapons",
    )
    sb.number_input(
        "Minimum killed",
        min_value=0,
        max_value=filters.MAX_KILLED,
        step=1,
        key="w_min_killed",
        on_change=_keep,
        args=("min_killed",),
    )
    sb.checkbox(
        "Include uncertain attributions",
        key="w_include_uncertain",
        on_change=_keep,
        args=("include_uncertain",),
        help="Paragraphs that qualify who did it: 'we believe are Russian', "
        "'Syrian-Russian alliance', 'investigations are still ongoing'.",
    )
    sb.checkbox(
        "Only reviewed incidents",
        key="w_reviewed_only",
        on_change=_keep,
        args=("reviewed_only",),
        help="Incidents a reviewer confirmed or corrected on the Review page (a review whose parsed value "
        "has changed since is not counted).",
    )
    # Notices about the URL's values go at the top of the page, where they are seen, and only on the first
    # view: once the URL is rewritten to what is valid they no longer apply.
    for notice in ss.pop("url_notices", []):
        st.warning(notice, icon=":material/link_off:")
    dates = ss["f_dates"]
    start, end = (dates[0], dates[-1]) if isinstance(dates, (list, tuple)) and dates else (default.start, default.end)
    current = filters.Filters(
        start=start,
        end=end,
        perpetrators=tuple(ss["f_perpetrators"]),
        governorates=tuple(ss["f_governorates"]),
        areas=tuple(ss["f_areas"]),
        weapons=tuple(ss["f_weapons"]),
        min_killed=int(ss["f_min_killed"]),
        include_uncertain=bool(ss["f_include_uncertain"]),
        reviewed_only=bool(ss["f_reviewed_only"]),
    )
    # Keys a page owns (a chart basis, a colour switch) stay; the filters' keys follow the widgets.
    page_owned = {k: v for k, v in st.query_params.to_dict().items() if k not in filters.QUERY_KEYS}
    wanted = page_owned | current.to_query(default)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    url_state.remember()
    sb.caption("The URL holds these filters: copy it to share this view.")
    return current, default


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


def url_choice(label: str, options: dict[str, str], key: str, container: Any = st, **kwargs: Any) -> str:
    """A page's own setting (a chart basis, a colour switch) as a radio kept in the URL beside
    the filters, so a shared link reopens it too. An invalid value in the URL is ignored."""
    if key not in st.session_state or url_state.moved():
        wanted = st.query_params.get(key)
        st.session_state[key] = wanted if wanted in options else next(iter(options))
    choice = container.radio(label, list(options), format_func=options.get, key=key, **kwargs)
    if st.query_params.get(key) != choice:
        st.query_params[key] = choice
    url_state.remember()
    return choice


def url_select(label: str, options: dict[str, str], key: str, default: str, container: Any = st, **kwargs: Any) -> str:
    """A page's own choice among many (a report month) as a selectbox kept in the URL, like
    url_choice. The URL's value opens the session when it is offered; a value no longer offered
    (the filters changed) or an invalid one gives way to `default`, which must be offered."""
    if st.session_state.get(key) not in options:
        wanted = st.query_params.get(key)
        st.session_state[key] = wanted if wanted in options and key not in st.session_state else default
    elif url_state.moved() and st.query_params.get(key) in options:  # Back/Forward: the URL's choice
        st.session_state[key] = st.query_params.get(key)
    choice = container.selectbox(label, list(options), format_func=options.get, key=key, **kwargs)
    if st.query_params.get(key) != choice:
        st.query_params[key] = choice
    url_state.remember()
    return choice


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False}


def chart(
    fig: go.Figure | Callable[[], go.Figure],
    data: pd.DataFrame,
    title: str,
    subtitle: str,
    key: str,
    alt: str | None = None,
    footnote: str | None = None,
) -> None:
    """A chart in the publication template, its PNG/SVG/PDF exports and CSV data, and a
    text alternative: a sentence and the table behind the chart. A footnote (the caveats the page
    states) is printed under the chart and in every export.

    `fig` is best a function that builds the figure: its spec is then built once per view and kept
    (figure_spec), so a rerun, a second visitor or a return to the page does not build it again
    (plotly builds and validates a figure in 30 to 100 ms). Nothing is exported before a click:
    the PNG/SVG/PDF and the CSV are made by deferred callables when their button is clicked."""
    spec = figure_spec(fig, data, title, subtitle, key, alt, footnote)
    shown = SpecFigure(spec, title)
    # No plotly modebar: its camera made a second, worse export (980x450, legend cut) and sat over the title on
    # a phone; the PNG/SVG/PDF buttons below give the publication figure.
    st.plotly_chart(shown, key=f"chart_{key}", width="stretch", config=PLOTLY_CONFIG)
    name = _slug(title)
    cols = st.columns(4)
    for col, fmt in zip(cols, ("png", "svg", "pdf")):
        col.download_button(
            f"{fmt.upper()}",
            data=_exporter(shown, fmt),
            file_name=f"{name}.{fmt}",
            mime=export.FORMATS[fmt],
            key=f"dl_{key}_{fmt}",
            icon=":material/download:",
            on_click="ignore",
        )
    cols[3].download_button(
        "Data (CSV)",
        data=_csv(data),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"dl_{key}_csv",
        icon=":material/table:",
        on_click="ignore",
    )
    with st.expander("Text alternative: the data behind this chart"):
        if alt:
            st.text(alt)
        table(data, width="stretch")


class SpecFigure(go.Figure):
    """A figure already built and serialised, as st.plotly_chart and the exports take it: plotly
    reads a figure through to_dict(), which returns the stored spec, so the figure is neither built
    nor validated again. Its own `layout` holds the title only (the PDF export's document title)."""

    def __init__(self, spec: str, title: str):
        super().__init__(layout={"title": {"text": title}})
        self._spec = spec

    def to_dict(self) -> dict:
        return json.loads(self._spec)


def figure_spec(
    fig: go.Figure | Callable[[], go.Figure],
    data: pd.DataFrame,
    title: str,
    subtitle: str,
    key: str,
    alt: str | None = None,
    footnote: str | None = None,
) -> str:
    """The figure's JSON in the publication template. A builder function is called only when its
    view is new: the view is the page, the chart's key, its title, subtitle, footnote and text
    alternative (which spell out the filters and every value shown), its data table, the URL's
    query string (every filter and page setting), the database file, and the builder's own code."""
    if isinstance(fig, go.Figure):
        return _publish(fig, title, subtitle, footnote)
    ctx = get_script_run_ctx()
    # repr and CSV, not pickle: a pickle's bytes change with how strings are shared in memory.
    view = hashlib.sha256(
        repr(
            (
                ctx.page_script_hash if ctx else "",
                key,
                title,
                subtitle,
                footnote,
                alt,
                list(data.dtypes.astype(str)),
                sorted(st.query_params.to_dict().items()),
                identity(),
                _code_digest(fig.__code__),
                fig.__defaults__,
            )
        ).encode()
        + data.to_csv().encode()
    ).hexdigest()
    return _cached_spec(view, fig, title, subtitle, footnote)


def _code_digest(code: Any) -> tuple:
    # A code object's repr holds its address, new each time the page is compiled: its parts instead.
    return (
        code.co_code,
        code.co_names,
        tuple(_code_digest(c) if hasattr(c, "co_code") else repr(c) for c in code.co_consts),
    )


def _publish(fig: go.Figure, title: str, subtitle: str, footnote: str | None) -> str:
    return theme.publication(fig, title, subtitle, footnote).to_json(validate=False)


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_spec(view: str, _build: Callable[[], go.Figure], title: str, subtitle: str, footnote: str | None) -> str:
    return _publish(_build(), title, subtitle, footnote)


def _csv(data: pd.DataFrame) -> Callable[[], bytes]:
    data = data.copy()  # as drawn: the page may reuse the frame after the chart
    return lambda: data.to_csv(index=False).encode("utf-8")


def table(df: pd.DataFrame, key: str | None = None, column_config: dict | None = None, **kwargs: Any) -> Any:
    """A table in the app's one form: integers as integers, dates as dates, keys as labels, column names in
    words, no 'None' for a missing value (tables.py)."""
    shown = tables.shown(df)
    config = {c: st.column_config.NumberColumn(format="%d") for c in tables.number_formats(shown)}
    config |= {c: st.column_config.TextColumn(width="large") for c in ("Message", "Warning") if c in shown}
    config |= column_config or {}
    return st.dataframe(shown, hide_index=True, key=key, placeholder=tables.PLACEHOLDER, column_config=config, **kwargs)


def _exporter(fig: go.Figure, fmt: str) -> Callable[[], bytes]:
    return lambda: export.to_bytes(fig, fmt)


def label_perpetrators(df: pd.DataFrame, column: str = "perpetrator") -> pd.DataFrame:
    df = df.copy()
    df["party"] = df[column].map(theme.perpetrator_label)
    return df


month_label = wording.month_label  # the pages call ui.month_label
