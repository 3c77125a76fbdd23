"""The chart block every page uses: a chart in the publication template, built once per view,
its PNG/SVG/PDF exports and CSV made on a click, and a text alternative; and tables as a reader
sees them."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from massacres.dashboard import export, tables, theme
from massacres.dashboard.connection import identity


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
