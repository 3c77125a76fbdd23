"""An incident's date as the series writes it: one grammar for every form.

"Monday, September 11, 2017", "on 8 May, 2016", "On the 15th of July, 2016", "July 24th, 2016";
a night across two days ("On the night between 9 and 10 August 2014", "March 16-17, 2018"),
whose date is the first day's; and a date in digits, day first as in the Arabic originals
("Saturday 2/8/2014"), where the weekday, when given, settles the order.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_RX = "|".join(MONTHS)  # a month's name, for patterns
_PART = "dawn|morning|noon|afternoon|evening|night|midnight"
_ORDINAL = r"(?:st|nd|rd|th)?"
# The second day of a night told across two days: "9 and 10", "9 - 10", "16-17", "13 and Sunday 14".
_SECOND_DAY = rf"(?:\s*(?:-|\u2013|and|to)\s*(?:(?:{WEEKDAYS}),?\s+)?\d{{1,2}}{_ORDINAL})?"

DATE_RX = rf"""
    (?:
        \b(?:on\s+)?                                         # "on" before a date goes with it
        (?:the\s+(?P<span_part>{_PART})\s+(?:of|between)\s+  # "the night of / between ...": its part of day
         |between\s+)?                                       # "between 13 and 14 February"
        (?:(?P<weekday>{WEEKDAYS})                           # a weekday, perhaps with its part of day:
           (?:\s+(?P<part>{_PART}))?,?\s+)?                  #   "Tuesday morning, "
        (?:
            (?:the\s+)?(?P<day1>\d{{1,2}}){_ORDINAL}         # day first: "8 May", "the 15th of July",
            {_SECOND_DAY}\s+(?:of\s+)?(?P<month1>{MONTH_RX})  #   "9 and 10 August"
          | (?P<month2>{MONTH_RX})\s+(?P<day2>\d{{1,2}}){_ORDINAL}  # month first: "May 8", "July 24th",
            {_SECOND_DAY}                                    #   "July 9 - 10", "November 7 and 8"
        ),?\s+(?P<year>(?:19|20)\d\d)\b
      |
        (?:\b(?:on\s+)?)?(?:(?P<weekday3>{WEEKDAYS}),?\s+)?  # digits: "Saturday 2/8/2014", "on 2-8-2014"
        (?<![\d/.-])(?P<a3>\d{{1,2}})(?P<sep>[/.-])(?P<b3>\d{{1,2}})(?P=sep)(?P<year3>(?:19|20)\d\d)(?![\d/])
    )
    \s*,?\s*                                                 # the comma after the date
"""
_DATE = re.compile(DATE_RX, re.I | re.X)


class FoundDate(NamedTuple):
    date: dt.date
    weekday: str | None  # as written, capitalised
    part: str | None  # "night", "morning", ... lower case
    start: int
    end: int  # after the date and its comma


class ImpossibleDate(ValueError):
    """The words read as a date that no calendar holds (February 30)."""


def _numeric(a: int, b: int, year: int, weekday: str | None) -> dt.date:
    """A date in digits: day first unless only month first is a date, or the weekday says so."""
    candidates = []
    for day, month in ((a, b), (b, a)):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise ImpossibleDate(f"no date is {a}/{b}/{year}")
    if weekday:
        named = [d for d in candidates if d.strftime("%A").lower() == weekday.lower()]
        if named:
            return named[0]
    return candidates[0]


def _found(m: re.Match[str]) -> FoundDate:
    weekday = m.group("weekday") or m.group("weekday3")
    part = m.group("part") or m.group("span_part")
    if m.group("year3"):
        date = _numeric(int(m.group("a3")), int(m.group("b3")), int(m.group("year3")), weekday)
    else:
        month = m.group("month1") or m.group("month2")
        day = m.group("day1") or m.group("day2")
        try:
            date = dt.date(int(m.group("year")), MONTHS.index(month.capitalize()) + 1, int(day))
        except ValueError as exc:
            raise ImpossibleDate(str(exc)) from None
    return FoundDate(
        date, weekday.capitalize() if weekday else None, part.lower() if part else None, m.start(), m.end()
    )


def opening_date(text: str) -> FoundDate | None:
    """The date a paragraph opens with ("Sunday, May 8, 2016, ..."), or None."""
    m = _DATE.match(text)
    return _found(m) if m else None


# Every date the grammar reads ends with its year: the full grammar, slow to try at every
# position of a long paragraph, is tried only in the words before a year.
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BEFORE_YEAR = 90  # "On the night between Saturday 13 and Sunday 14 February 2016": the longest run to a year


def first_date(text: str) -> FoundDate | None:
    """The first date anywhere in the text ("... killing 14 people, on May 8, 2016."), or None."""
    for year in _YEAR.finditer(text):
        m = _DATE.search(text, max(0, year.start() - _BEFORE_YEAR), year.end() + 3)  # the year, its comma
        if m:
            return _found(m)
    return None


def opens_with_date(text: str) -> bool:
    """Whether the text opens with a date (however written): how an incident paragraph starts."""
    return _DATE.match(text) is not None
