"""Sentences in the reports' own form, generated from the stored figures (never stored text)."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from . import theme


def _n(x) -> int | None:
    return None if x is None or pd.isna(x) else int(x)


def month_sentence(report: pd.Series, perpetrators: pd.DataFrame) -> str:
    """'No less than 43 massacres in September 2017: Syrian regime 18, Russia 14, ...; 430 killed, ...'"""
    month = dt.date.fromisoformat(f"{report['month']}-01").strftime("%B %Y")
    parts = []
    for _, p in perpetrators.iterrows():
        label = theme.perpetrator_label(p["perpetrator"])
        if _n(p["massacres"]) is not None:
            parts.append(f"{label} {_n(p['massacres'])}")
        elif _n(p["percent"]) is not None:
            parts.append(f"{label} {_n(p['percent'])}%")
    total = _n(report["total_massacres"])
    text = f"No less than {total} massacres in {month}" if total is not None else f"Massacres in {month}"
    if parts:
        text += ": " + ", ".join(parts)
    killed, children, women = (_n(report[k]) for k in ("victims_total", "victims_children", "victims_women"))
    if killed is not None:
        text += f". {killed} people were killed"
        if children is not None and women is not None:
            share = round(100 * (children + women) / killed) if killed else 0
            text += f", including {children} children and {women} women ({share}% women and children)"
    text += "."
    detailed = _n(report["incident_count"])
    if detailed is not None and total is not None:
        scope = "all of them" if detailed == total else f"{detailed} of them (the most notable)"
        text += f" The report details {scope}."
    return text
