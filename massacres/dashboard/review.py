"""The Review page's parts: an item's form (its fields, parsed and in force), turning what the
form returns into the values a save records, and the reviews of an item in words. Items are
incidents and a report's own stated figures ('dimension:key'), whose form shows the report's
summary lines that state them, read from the report's file kept beside the database.

A save records every field the form shows: one left as parsed is confirmed, one changed is
corrected (with the reason). What the reviewer was shown is kept in the session when the form is
first drawn, so that a save after someone else's is refused (CorrectionConflict), never lost.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from massacres.dashboard import figure_corrections, theme, ui
from massacres.errors import ReportError
from massacres.reports import numbers
from massacres.reports.layout import split_blocks
from massacres.reports.sources import read_source
from massacres.store import corrections as spec
from massacres.store import corrections_write, db
from massacres.store import writes as store

NONE = "–"  # a key field with no value


def in_force(parsed: dict[str, str | None], reviews: list[dict[str, Any]]) -> dict[str, str | None]:
    """Each field's value as the pages show it: a review's value where one applies (not stale),
    else the parsed value."""
    shown = dict(parsed)
    for r in reviews:
        if not r["stale"] and r["field"] in shown:
            shown[r["field"]] = r["value"]
    return shown


def values_from_form(form: dict[str, Any]) -> dict[str, Any]:
    """The form's widgets' values as the fields' raw values (corrections.canonical checks them):
    a date as YYYY-MM-DD, NONE (a key field's empty choice) as no value."""
    return {name: None if v == NONE else v.isoformat() if isinstance(v, dt.date) else v for name, v in form.items()}


def plain(text: str) -> str:
    """Text from a report shown in a label Streamlit reads as markdown (an expander's title),
    every markdown character taken literally."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


def _number(text: str | None) -> int | None:
    return None if text is None else int(text)


def _options(keys: tuple[str, ...], nullable: bool) -> list[str]:
    return ([NONE] if nullable else []) + list(keys)


def _label(name: str, key: str) -> str:
    if key == NONE:
        return "none"
    if name == "perpetrator":
        return theme.perpetrator_label(key)
    if name == "governorate":
        return theme.GOVERNORATES.get(key, key)
    if name == "area_of_control":
        return theme.area_label(key)
    if name == "weapon":
        return theme.WEAPONS.get(key, key)
    return key


def form(month: str, seq: int) -> None:
    """The form that reviews one incident: every field, in force now, with the parsed value
    beside it when a review changed it; the reviewer's name and the reason; Save."""
    con = ui.connection()
    parsed = spec.parsed_values(con, month, seq, None, table="parsed_incidents")
    if parsed is None:
        st.warning(
            "A rebuild no longer gives this incident: its reviews are kept but not applied.", icon=":material/warning:"
        )
        return
    reviews = spec.corrections_for(con, month, seq)
    now = in_force(parsed, reviews)
    key = f"review_{month}_{seq}"
    shown_key = f"shown_{key}"
    if shown_key not in st.session_state:
        st.session_state[shown_key] = now  # what the reviewer is shown: checked again when saving
    got: dict[str, Any] = {}
    # Each widget's first value goes through the session, never a `value=` that changes with
    # the data: a widget whose arguments change is a new widget, and what the reviewer typed
    # would be lost when someone else's save changed the value meanwhile.
    initial = _initial(now)
    for wkey, value in initial.items():
        st.session_state.setdefault(f"{key}_{wkey}", value)
    with st.form(key, border=True):
        cols = st.columns(3)
        for i, (name, field) in enumerate(spec.INCIDENT_FIELDS.items()):
            col = cols[i % 3]
            help_ = (
                f"Parsed: {parsed[name] if parsed[name] is not None else 'none'}" if now[name] != parsed[name] else None
            )
            wkey = f"{key}_{name}"
            if field.kind == "count":
                got[name] = col.number_input(
                    field.label, min_value=0, max_value=spec.MAX_COUNT, step=1, value=None, key=wkey, help=help_
                )
            elif field.kind == "key":
                got[name] = col.selectbox(
                    field.label,
                    _options(field.keys, field.nullable),
                    key=wkey,
                    help=help_,
                    format_func=lambda k, n=name: _label(n, k),
                )
            elif field.kind == "date":
                got[name] = col.date_input(
                    field.label,
                    key=wkey,
                    help=help_,
                    min_value=spec.FIRST_DAY,
                    max_value=spec.LAST_DAY,
                    format="YYYY-MM-DD",
                )
            elif field.kind == "text":
                got[name] = col.text_input(field.label, key=wkey, help=help_, max_chars=spec.MAX_TEXT)
            elif field.kind == "point":
                got[name] = col.text_input(
                    "Point (lat, lon)",
                    key=wkey,
                    max_chars=60,
                    placeholder="35.9306, 36.6339",
                    help=(help_ + ". " if help_ else "") + "Decimal degrees; empty for none.",
                )
        reviewer, reason, submitted = _signed(key, "e.g. the parts add up to 17; the source says 60 for 601")
    if submitted:
        _save(month, seq, got, reviewer, reason, shown_key, [f"{key}_{k}" for k in initial])


def _signed(key: str, example: str) -> tuple[str, str, bool]:
    """A review form's foot, for an incident or a stated figure: who reviews (remembered for the
    session), the reason for a correction (`example` shows one), and the save button."""
    left, right = st.columns([1, 3])
    reviewer = left.text_input(
        "Reviewer",
        key=f"{key}_reviewer",
        max_chars=corrections_write.MAX_REVIEWER,
        value=st.session_state.get("reviewer", ""),
        placeholder="Your name or initials",
    )
    reason = right.text_input(
        "Reason for a correction", key=f"{key}_reason", max_chars=corrections_write.MAX_REASON, placeholder=example
    )
    submitted = st.form_submit_button("Save review", icon=":material/save:", type="primary")
    return reviewer, reason, submitted


def _initial(now: dict[str, str | None]) -> dict[str, Any]:
    """The widgets' first values, by field, from the values in force."""
    values: dict[str, Any] = {}
    for name, field in spec.INCIDENT_FIELDS.items():
        v = now[name]
        if field.kind == "count":
            values[name] = _number(v)
        elif field.kind == "key":
            options = _options(field.keys, field.nullable)
            values[name] = v if v in options else options[0]
        elif field.kind == "date":
            values[name] = dt.date.fromisoformat(str(v))  # an incident always has a date (NOT NULL)
        elif field.kind in ("text", "point"):
            values[name] = (v or "").replace(",", ", ")
    return values


def _save(
    month: str, seq: int, got: dict[str, Any], reviewer: str, reason: str, shown_key: str, widget_keys: list[str]
) -> None:
    _store(
        lambda: corrections_write.save(
            db.db_path(), month, seq, values_from_form(got), reviewer, reason, shown=st.session_state[shown_key]
        ),
        reviewer,
        shown_key,
        widget_keys,
        f"Saved incident {seq} of {ui.month_label(month)}",
        "field(s)",
    )


def _store(
    write: Callable[[], dict[str, str]], reviewer: str, shown_key: str, widget_keys: list[str], saved: str, unit: str
) -> None:
    """Save a review through `write` (it returns each field's outcome) and show the queue again.
    Someone else saved the item meanwhile: the next view shows what is there now, and says so.
    Bad input: one line, nothing saved."""
    st.session_state["reviewer"] = reviewer  # remembered for the next item
    try:
        outcome = write()
    except corrections_write.CorrectionConflict as exc:
        for k in [shown_key, *widget_keys]:
            st.session_state.pop(k, None)
        st.session_state["review_conflict"] = str(exc)
        st.rerun()
    except (ReportError, ValueError, OSError) as exc:
        st.error(f"Not saved: {exc}", icon=":material/error:")
        return
    st.session_state.pop(shown_key, None)
    corrected = [n for n, s in outcome.items() if s == "corrected"]
    st.session_state["review_saved"] = (
        f"{saved}: "
        + (f"corrected {', '.join(corrected)}; " if corrected else "")
        + f"{len(outcome) - len(corrected)} {unit} confirmed."
    )
    st.rerun()


def show_corrections(month: str, seq: int) -> None:
    """The reviews of an incident under its paragraph, as plain text (a reason is typed by a
    person: never markdown or HTML)."""
    _show_reviews(spec.corrections_for(ui.connection(), month, seq), "field")


def _show_reviews(reviews: list[dict[str, Any]], unit: str) -> None:
    """Reviews as plain text: each correction ('Killed: parsed 430, corrected to 431: reason (Rana)'),
    or that every `unit` was confirmed as parsed."""
    corrected = [r for r in reviews if r["status"] == "corrected" or r["stale"]]
    if not reviews:
        return
    if corrected:
        st.text("Reviewed: " + "\n".join(spec.describe(r) for r in corrected))
    else:
        st.text(f"Reviewed: every {unit} confirmed as parsed ({reviews[0]['reviewer']}).")


# --- a report's own stated figures ---------------------------------------------------------------

_COUNT = re.compile(rf"(?<![\w-]){numbers.NUMBER}", re.IGNORECASE)
SOURCE_LINES = 6  # summary paragraphs shown beside a figure, at most
SHORT = 300  # characters: a list item or a figure's own sentence, not a page of narrative


def counts_in(text: str) -> set[int]:
    """The counts a paragraph writes, in digits or words ('430', 'five', 'twenty-three')."""
    found = set()
    for m in _COUNT.finditer(text):
        try:
            found.add(numbers.to_int(m.group(0)))
        except ValueError:  # ImplausibleCount, or words text2num cannot read
            continue
    return found


def source_lines(
    blocks: list[tuple[int, int, str]], line: int | None, wanted: set[int], skip: set[int], limit: int = SOURCE_LINES
) -> list[tuple[int, str]]:
    """The paragraphs a reviewer checks a stated figure against: the one the parser read it from
    (`line`), then every other paragraph that is not an incident's (`skip`: their first lines) and
    writes the figure's counts (`wanted`: a party's killed and breakdown often stand in another
    sentence than its massacres): two of them, or one in a short paragraph (a list item "Russian
    forces: 14"; a long narrative paragraph holds many dates and numbers by chance). In the
    report's order, at most `limit`; (first line, text) each."""
    own = next((b for b in blocks if line is not None and b[0] <= line <= b[1]), None)
    found = [own] if own else []
    for b in blocks:
        if len(found) >= limit:
            break
        if b is own or b[0] in skip:
            continue
        hits = len(wanted & counts_in(b[2]))
        if hits >= 2 or (hits == 1 and len(b[2]) <= SHORT):
            found.append(b)
    return [(b[0], b[2]) for b in found]


@st.cache_data(show_spinner=False, max_entries=16)
def _blocks(path: str, sha256: str) -> list[tuple[int, int, str]] | None:
    # Keyed on the hash the database holds: the paragraphs of the file whose bytes are those.
    try:
        text, _, digest = read_source(Path(path))
    except (ReportError, OSError):
        return None
    if digest != sha256:
        return None
    return [(b.line, b.last_line, b.text) for b in split_blocks(text).blocks]


def report_blocks(month: str) -> tuple[list[tuple[int, int, str]] | None, set[int], str]:
    """The report's paragraphs (None when its file is not beside the database, or has other bytes
    than those parsed), the first lines of its incident paragraphs, and the file's name."""
    source = ui.query("report_source", {"report_month": month})
    if source.empty:
        return None, set(), ""
    row = source.iloc[0]
    path = store.sources_dir(db.db_path()) / str(row["source_file"])
    return _blocks(str(path), str(row["sha256"])), {int(x) for x in row["incident_lines"]}, str(row["source_file"])


def figure_title(row: Any) -> str:
    """An item of the figures' queue: 'The month's total · 43 massacres · 430 killed · open'."""
    label = figure_corrections.figure_words(row.dimension, row.key)
    parts = [label[:1].upper() + label[1:]]
    for name in spec.FIGURE_FIELDS:
        value = getattr(row, name)
        if value == value and value is not None:  # not NA
            parts.append(f"{int(value)} {name}")
    if row.percent == row.percent and row.percent is not None:
        parts.append(f"{row.percent:g}%")
    parts.append("back in the queue" if row.returned else row.status)
    return plain(" · ".join(parts))


def documented_words(row: Any) -> str | None:
    """What the report's incident details add up to for the figure, or None when not compared."""
    if row.documented_massacres != row.documented_massacres or row.documented_massacres is None:
        return None
    return (
        f"The report's incident details add up to {int(row.documented_massacres)} massacres, "
        f"{int(row.documented_killed)} killed, {int(row.documented_children)} children and "
        f"{int(row.documented_women)} women."
    )


def figure_form(month: str, figure: str) -> None:
    """The form that reviews one stated figure: its counts in force now, the parsed value beside a
    corrected one; the reviewer's name and the reason; Save. Empty is 'not stated'."""
    con = ui.connection()
    parsed = spec.parsed_values(con, month, None, figure, table="parsed_incidents")
    if parsed is None:
        st.warning(
            "A rebuild no longer gives this figure: its reviews are kept but not applied.", icon=":material/warning:"
        )
        return
    reviews = spec.corrections_for(con, month, None, figure)
    now = in_force(parsed, reviews)
    key = f"figure_{month}_{figure}"
    shown_key = f"shown_{key}"
    if shown_key not in st.session_state:
        st.session_state[shown_key] = now  # what the reviewer is shown: checked again when saving
    for name in spec.FIGURE_FIELDS:  # first values through the session, as the incident form's
        st.session_state.setdefault(f"{key}_{name}", _number(now[name]))
    got: dict[str, Any] = {}
    with st.form(key, border=True):
        cols = st.columns(len(spec.FIGURE_FIELDS))
        for col, (name, field) in zip(cols, spec.FIGURE_FIELDS.items()):
            parsed_text = parsed[name] if parsed[name] is not None else "not stated"
            got[name] = col.number_input(
                field.label,
                min_value=0,
                max_value=spec.MAX_COUNT,
                step=1,
                value=None,
                key=f"{key}_{name}",
                help=f"Parsed: {parsed_text}" if now[name] != parsed[name] else "Empty: not stated by the report.",
            )
        reviewer, reason, submitted = _signed(key, "e.g. the party list adds up to 431; the source says 43 for 34")
    if submitted:
        _save_figure(month, figure, got, reviewer, reason, shown_key, [f"{key}_{k}" for k in spec.FIGURE_FIELDS])


def _save_figure(
    month: str, figure: str, got: dict[str, Any], reviewer: str, reason: str, shown_key: str, widget_keys: list[str]
) -> None:
    dimension, _, key = figure.partition(":")
    _store(
        lambda: corrections_write.save_figure(
            db.db_path(), month, figure, dict(got), reviewer, reason, shown=st.session_state[shown_key]
        ),
        reviewer,
        shown_key,
        widget_keys,
        f"Saved {figure_corrections.figure_words(dimension, key)} of the {ui.month_label(month)} report",
        "count(s)",
    )


def show_figure_corrections(month: str, figure: str) -> None:
    """The reviews of a stated figure, as plain text: 'Killed: parsed 430, corrected to 431: reason (Rana)'."""
    _show_reviews(spec.corrections_for(ui.connection(), month, None, figure), "count")
