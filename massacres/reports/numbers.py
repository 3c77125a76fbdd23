"""Counts as the reports write them: digits, words ("eleven", "twenty-three"), "a"/"an"."""

from __future__ import annotations

import re

from text_to_num import text2num

# The number words a list item or a breakdown most often starts with ("ISIS: two", "among them
# three children"): where a pattern must tell a count from a word cheaply, before NUMBER reads it.
SMALL_COUNT_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten"
_UNITS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD = (
    rf"(?:(?:one|a) hundred(?:(?: and)? (?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_UNITS}))?"
    rf"|(?:{_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|{_UNITS})"
)
# A count: digits (with thousands commas) or words. "a"/"an" are handled by callers
# because they only mean 1 before a victim noun.
# No massacre or monthly toll comes near this; a larger count is a typo or corrupted text.
MAX_COUNT = 100_000
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD})(?![\w-])"


class ImplausibleCount(ValueError):
    """A count larger than any the reports could state."""


def to_int(token: str) -> int:
    """'12' -> 12, 'twenty-three' -> 23, 'an' -> 1. Raises ImplausibleCount past MAX_COUNT."""
    value = _to_int(token)
    if value > MAX_COUNT:
        raise ImplausibleCount(f"implausible count {token.strip()[:20]!r}")
    return value


def _to_int(token: str) -> int:
    t = token.strip().lower()
    if t in ("a", "an"):
        return 1
    if re.fullmatch(r"[\d,]+", t):
        return int(t.replace(",", ""))
    t = re.sub(r"^a (?=hundred)", "one ", t.replace("-", " ").replace(" and ", " "))
    return int(text2num(t, "en"))
