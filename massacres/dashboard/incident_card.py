"""One incident as a card: its stable ID, and every field a reader quotes, in words.

The ID is the report's month and the incident's order in that report's details ('2017-09-12'):
stable across rebuilds of the same reports, and what `?incident=` takes, the tables link with and
every export carries (queries/incidents_by_search.sql writes it the same way).

`fields` shapes the card from the row of queries/incident_card.sql and its warnings
(queries/incident_warnings.sql) as (label, text) pairs, a plain tested function; `render` draws it.
Report text is untrusted: it is shown with st.text only, never as markdown or HTML.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from massacres.dashboard import mapdeck, theme
from massacres.places import boundaries

INCIDENT_PAGE = "pages/9_Incident.py"
PARAM = "incident"  # the query parameter that names an incident, on every page that takes one
_ID = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])-0*([1-9][0-9]{0,4})", re.ASCII)


def incident_id(report_month: str, seq: int) -> str:
    """'2017-09', 12 -> '2017-09-12'."""
    return f"{report_month}-{int(seq)}"


def parse_id(raw: str | None) -> tuple[str, int] | None:
    """('2017-09', 12) from '2017-09-12' (a leading zero in the order is accepted); None for anything else."""
    if not raw:
        return None
    found = _ID.fullmatch(raw.strip())
    if not found:
        return None
    return f"{found.group(1)}-{found.group(2)}", int(found.group(3))


def page_link_params(report_month: str, seq: int) -> dict[str, str]:
    """The query parameters of the incident page for one incident (st.page_link's query_params)."""
    return {PARAM: incident_id(report_month, seq)}


def url(report_month: str, seq: int) -> str:
    """The incident page's address relative to the app (a LinkColumn's value)."""
    return f"/Incident?{PARAM}={incident_id(report_month, seq)}"


def _present(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return False
    if isinstance(value, float) and value != value:
        return False
    return not (isinstance(value, str) and not value.strip())


def _count(value: Any, missing: str) -> str:
    return str(int(value)) if _present(value) else missing


def _date_time(row: dict[str, Any]) -> str:
    day = pd.Timestamp(row["date"]).date()
    text = f"{day:%A} {day.day} {day:%B %Y} ({day.isoformat()})"
    if _present(row.get("time")):
        text += f", {row['time']}"
    if _present(row.get("day_part")):
        text += f", {row['day_part']}"
    if not _present(row.get("time")) and not _present(row.get("day_part")):
        text += "; the report gives no time"
    return text


def _party(row: dict[str, Any]) -> str:
    text = theme.perpetrator_label(row["perpetrator"])
    if _present(row.get("perpetrator_text")):
        text += f" (the report's heading: {row['perpetrator_text']})"
    if row.get("attribution_uncertain"):
        note = row.get("perpetrator_note")
        text += (
            ("; the report qualifies the attribution: " + str(note))
            if _present(note)
            else "; the report qualifies the attribution"
        )
    return text


def _place(row: dict[str, Any]) -> str:
    parts = []
    if _present(row.get("place")):
        parts.append(str(row["place"]) + (f" ({row['place_type']})" if _present(row.get("place_type")) else ""))
    if _present(row.get("parent_place")):
        parts.append(f"in {row['parent_place']}")
    gov = row.get("governorate")
    parts.append(
        f"{theme.GOVERNORATES.get(str(gov), str(gov))} governorate" if _present(gov) else "no governorate named"
    )
    text = ", ".join(parts)
    if _present(row.get("governorate_in_text")) and row.get("governorate_in_text") != gov:
        other = row["governorate_in_text"]
        text += f" (the paragraph names {theme.GOVERNORATES.get(other, other)})"
    return text


def _location(row: dict[str, Any]) -> str:
    precision = row.get("precision")
    if not _present(precision):
        return "not located: the report gives no map link and no governorate"
    text = mapdeck.PRECISION_NOTES.get(str(precision), str(precision))
    text += f"; point {float(row['point_lat']):.5f}° N, {float(row['point_lon']):.5f}° E"
    if _present(row.get("matched_name")):
        text += f"; gazetteer name: {row['matched_name']}"
    if _present(row.get("location_method")):
        text += f"; found by: {str(row['location_method']).replace('_', ' ')}"
    return text


def _victims(row: dict[str, Any]) -> str:
    killed = int(row["killed"])
    text = f"{'at least ' if row.get('killed_is_lower_bound') else ''}{killed} killed"
    # Fetuses are named only when the paragraph counts some: a 0 stored beside a breakdown is not a claim.
    given = [(k, row.get(k)) for k in ("children", "women")]
    if _present(row.get("fetuses")) and int(row["fetuses"]) > 0:
        given.append(("fetuses", row["fetuses"]))
    if any(_present(v) for _, v in given):
        text += ", including " + ", ".join(f"{_count(v, 'no figure')} {k}" for k, v in given if _present(v))
    else:
        text += "; the paragraph gives no breakdown by children and women (unknown, not zero)"
    if _present(row.get("wounded")):
        qualifier = f"{row['wounded_qualifier']} " if _present(row.get("wounded_qualifier")) else ""
        text += f"; {qualifier}{int(row['wounded'])} wounded"
    else:
        text += "; no figure for the wounded"
    flags = [
        w
        for w, on in (
            ("the victims were of one family", row.get("same_family")),
            ("the victims included displaced people (IDPs)", row.get("idps")),
        )
        if on
    ]
    if flags:
        text += "; " + "; ".join(flags)
    return text


def _area(row: dict[str, Any]) -> str:
    text = theme.area_label(row.get("area_of_control") if _present(row.get("area_of_control")) else None)
    if _present(row.get("area_of_control_text")):
        text += f" (the report's words: {row['area_of_control_text']})"
    return text


def _report(row: dict[str, Any]) -> str:
    month = dt.date.fromisoformat(f"{row['report_month']}-01")
    title = str(row["report_title"]) if _present(row.get("report_title")) else "(the report has no title line)"
    text = f"{title}; the {month:%B %Y} report"
    if _present(row.get("report_published")):
        text += f", published {pd.Timestamp(row['report_published']).date().isoformat()}"
    return text


def _warnings(row: dict[str, Any], warnings: pd.DataFrame) -> list[str]:
    out = [
        f"{w['code']} (line {int(w['line'])}): {w['message']}"
        if _present(w.get("line"))
        else f"{w['code']}: {w['message']}"
        for w in warnings.to_dict("records")
    ]
    located = row.get("location_warnings")
    if located is not None and not isinstance(located, float):
        out += [f"location: {w}" for w in list(located)]
    return out


def fields(row: dict[str, Any], warnings: pd.DataFrame) -> list[tuple[str, str]]:
    """The card as (label, text) pairs, in reading order, from incident_card.sql's row and its warnings."""
    site = row.get("site")
    weapon = row.get("weapon")
    return [
        ("Incident", incident_id(row["report_month"], row["seq"])),
        ("Date and time", _date_time(row)),
        ("Party", _party(row)),
        ("Place", _place(row)),
        ("Site", str(site) if _present(site) else "– (the target is the place itself)"),
        ("Location", _location(row)),
        ("Victims", _victims(row)),
        ("Weapon", theme.WEAPONS.get(str(weapon), str(weapon))),
        ("Target", str(row.get("target")).replace("_", " ")),
        ("Area of control", _area(row)),
        ("Report", _report(row)),
        (
            "Source",
            f"file {row['source_file']}, line {int(row['line'])}; incident {int(row['seq'])} of the report's details",
        ),
        ("Warnings", "\n".join(_warnings(row, warnings)) or "none"),
    ]


def draw(card: list[tuple[str, str]], label_share: int = 1, text_share: int = 4) -> None:
    """The card's pairs, a label beside each text, in a bordered box. Text only: report text is untrusted."""
    with st.container(border=True):
        for label, text in card:
            a, b = st.columns([label_share, text_share])
            a.markdown(f"**{label}**")  # our own label, never report text
            b.text(text)


def link(page: str, label: str, icon: str, query_params: dict[str, str] | None = None) -> None:
    """A link to another page of the app. A page file run on its own as the entry point (AppTest
    does) has no other pages: the link is then written out as text, never an error."""
    try:
        st.page_link(page, label=label, icon=icon, query_params=query_params)
    except StreamlitPageNotFoundError:
        query = "&".join(f"{k}={v}" for k, v in (query_params or {}).items())
        st.caption(f"{label}: /{page.split('_', 1)[-1].removesuffix('.py')}" + (f"?{query}" if query else ""))


def small_map(row: dict[str, Any]) -> pdk.Deck:
    """The incident's point over the governorates' outlines (drawn offline from the shipped
    boundaries; not pickable, so no tooltip claims a count), drawn as the Map page draws it."""
    outlines = pdk.Layer(
        "GeoJsonLayer",
        id="incident-governorates",
        data=json.loads(boundaries.BOUNDARIES.read_text(encoding="utf-8")),
        stroked=True,
        filled=True,
        get_fill_color=[245, 245, 245, 255],
        get_line_color=[110, 110, 110, 255],
        line_width_units="'pixels'",
        get_line_width=1,
        pickable=False,
    )
    point = pd.DataFrame(
        [
            {
                k: row.get(k)
                for k in (
                    "report_month",
                    "seq",
                    "place",
                    "site",
                    "governorate",
                    "perpetrator",
                    "attribution_uncertain",
                    "perpetrator_note",
                    "killed",
                    "killed_is_lower_bound",
                    "children",
                    "women",
                    "area_of_control",
                    "point_lat",
                    "point_lon",
                    "precision",
                )
            }
            | {"date": str(pd.Timestamp(row["date"]).date())}
        ]
    )
    deck = mapdeck.map_deck([outlines, *mapdeck.point_layers(point, "area")], online=False)
    deck.initial_view_state = pdk.ViewState(
        latitude=float(row["point_lat"]), longitude=float(row["point_lon"]), zoom=6.3, min_zoom=4, max_zoom=13
    )
    return deck
