"""The view's state in the URL, across Back and Forward.

Streamlit pushes a browser history entry whenever a script changes the query string, and on Back
it reruns the page with the older query string. The app writes the URL from its widgets; on Back
it must instead read its widgets from the URL, or it would write the newer view straight back.
So each run asks first whether the URL is still what the app last left there (`begin`): when it
is not (Back, Forward, an edited address), the filters and the page's own settings are read from
the URL again (`moved`). Every writer records what it left (`remember`).

A query string emptied by a switch to another page is not a move: the page list opens pages
without the view's parameters, and the filters carry over in the session.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

_SEEN = "url_seen"  # the query string the app last left in the URL
_PAGE = "url_page"  # the page that left it
_MOVED = "url_moved"  # this run: the browser changed the URL since


def _now() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def begin(page: str) -> bool:
    """Once at the top of every run (ui.page): True when the browser has changed the URL since the
    app last wrote it on this page, so that the view is read from the URL again."""
    ss = st.session_state
    now = _now()
    moved = ss.get(_PAGE) == page and _SEEN in ss and now != ss[_SEEN] and bool(now)
    ss[_PAGE] = page
    ss[_MOVED] = moved
    return moved


def moved() -> bool:
    """True in a run that follows Back or Forward (see `begin`)."""
    return bool(st.session_state.get(_MOVED))


def remember() -> None:
    """Record the query string as the app leaves it (after every write to st.query_params)."""
    st.session_state[_SEEN] = _now()


def set_param(name: str, value: str | None) -> None:
    """One query parameter set (None or '' removes it), and remembered."""
    if value:
        if st.query_params.get(name) != value:
            st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]
    remember()


def text(label: str, key: str, param: str, max_chars: int, container: Any = st, **kwargs: Any) -> str:
    """A text box kept in the URL as `param` (stripped; an empty box removes it); the URL's value
    opens the session and comes back on Back and Forward."""
    ss = st.session_state
    if key not in ss or moved():
        ss[key] = (st.query_params.get(param) or "")[:max_chars]
    value = container.text_input(label, key=key, max_chars=max_chars, **kwargs).strip()
    set_param(param, value)
    return value


def select(label: str, options: dict[str, str], key: str, param: str, container: Any = st, **kwargs: Any) -> str:
    """A choice among `options` (value -> label) kept in the URL as `param`; the first option is the
    default and is left out of the URL. An invalid value in the URL gives way to the default."""
    ss = st.session_state
    default = next(iter(options))
    if key not in ss or moved():
        wanted = st.query_params.get(param)
        ss[key] = wanted if wanted in options else default
    choice = container.selectbox(label, list(options), format_func=options.get, key=key, **kwargs)
    set_param(param, None if choice == default else choice)
    return choice
