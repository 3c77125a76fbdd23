"""The shared filters in the sidebar, kept in the URL (a pasted link reopens the view; Back undoes
a change), and a page's own settings kept beside them (url_choice, url_select)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from massacres.dashboard import filters, theme, url_state
from massacres.dashboard.connection import query

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


# The sidebar's lists, one row a filter: the session key, the label, the keys offered (in the
# vocabulary's order), how a key reads, and what an empty choice means.
_CHOICES: tuple[tuple[str, str, Any, Callable[[str], str], str], ...] = (
    ("perpetrators", "Perpetrator", theme.PERPETRATORS, theme.perpetrator_label, "All parties"),
    ("governorates", "Governorate", theme.GOVERNORATES, lambda k: theme.GOVERNORATES.get(k, k), "All governorates"),
    ("areas", "Area of control", theme.AREAS, theme.area_label, "All areas"),
    ("weapons", "Weapon", theme.WEAPONS, lambda k: theme.WEAPONS.get(k, k), "All weapons"),
)


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
    for key, label, options, words, placeholder in _CHOICES:
        sb.multiselect(
            label,
            list(options),
            format_func=words,
            key=f"w_{key}",
            on_change=_keep,
            args=(key,),
            placeholder=placeholder,
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
