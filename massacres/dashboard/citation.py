"""The "Cite this view" text: what a reader pastes into their notes to cite exactly what a page
showed. Plain functions of their inputs (the page's title and filters, its URL, the reports it
draws on, when the data was built), so each can be tested without a browser."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

APP_NAME = "Massacres in Syria: a dashboard of the Syrian Network for Human Rights' monthly reports"
PUBLISHER = "Syrian Network for Human Rights (SNHR)"


def month_name(month: str) -> str:
    """'2017-09' as 'September 2017'."""
    return dt.date.fromisoformat(f"{month}-01").strftime("%B %Y")


def view_url(page_url: str | None, page_path: str, query: dict[str, list[str]]) -> str:
    """The address that reopens the view: the page's URL as the browser has it (None when there is
    no browser, as under AppTest: then the path alone) and the query string, lists joined as the app
    writes them (`perp=russia,isis` keeps its comma)."""
    base = page_url.rstrip("/") if page_url else "/" + page_path.lstrip("/")
    pairs = [(k, v) for k, values in query.items() for v in values]
    return f"{base}?{urlencode(pairs, safe=',:')}" if pairs else base


def reports_text(months: list[str]) -> str:
    """The reports cited, by month: each named when there are three or fewer, else their number and span."""
    months = sorted(set(months))
    if not months:
        return "no report (the view holds no data)"
    if len(months) <= 3:
        names = [month_name(m) for m in months]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"the monthly report{'s' if len(months) > 1 else ''} of {listed}"
    return f"{len(months)} monthly reports, {month_name(months[0])} to {month_name(months[-1])}"


def built_text(built: dt.datetime | None) -> str:
    return "build date unknown" if built is None else f"data built {built:%Y-%m-%d %H:%M} UTC"


def citation(
    page_title: str, filters_text: str, url: str, months: list[str], built: dt.datetime | None, accessed: dt.date
) -> str:
    """One paragraph: the dashboard and page, the filters in words, the URL, when it was read, the
    reports it draws on and when the data was built."""
    return (
        f'{APP_NAME}, "{page_title}" view ({filters_text}). {url} (accessed {accessed:%Y-%m-%d}). '
        f"Data: {PUBLISHER}, {reports_text(months)}; {built_text(built)}."
    )
