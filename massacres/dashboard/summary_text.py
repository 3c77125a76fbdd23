"""Sentences in the reports' own form, generated from the stored figures (never stored text)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from massacres.dashboard import shares, theme


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
            text += f", including {children} children and {women} women"
            share = shares.stated_share(report.to_frame().T)
            if share.value is not None:
                recomputed = ", recomputed" if share.recomputed else ""
                text += f" ({share.value}% women and children{recomputed})"
    text += "."
    detailed = _n(report["incident_count"])
    if detailed is not None and total is not None:
        if detailed == 0:
            text += " The report is a summary only: it details none of them."
        else:
            scope = "all of them" if detailed == total else f"{detailed} of them (the most notable)"
            text += f" The report details {scope}."
    return text


def month_ranges(months: list[str]) -> str:
    """'2013-03', '2013-04', '2013-05', '2013-07' -> 'March–May 2013 and July 2013': consecutive months
    as one range, so a series with many gaps reads as one sentence, not one line a month."""
    dates = sorted(dt.date.fromisoformat(f"{m}-01") for m in months)
    runs: list[list[dt.date]] = []
    for d in dates:
        if runs and (d.year * 12 + d.month) - (runs[-1][-1].year * 12 + runs[-1][-1].month) == 1:
            runs[-1].append(d)
        else:
            runs.append([d])

    def words(run: list[dt.date]) -> str:
        first, last = run[0], run[-1]
        if first == last:
            return first.strftime("%B %Y")
        if first.year == last.year:
            return f"{first:%B}\u2013{last:%B %Y}"
        return f"{first:%B %Y} \u2013 {last:%B %Y}"

    parts = [words(r) for r in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
