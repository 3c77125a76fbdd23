"""Sentences generated from stored figures: input -> expected, by hand."""
from __future__ import annotations

import pytest

from massacres.summary_text import month_ranges


@pytest.mark.parametrize("months, words", [
    (["2017-08"], "August 2017"),
    (["2013-03", "2013-04", "2013-05"], "March\u2013May 2013"),
    (["2013-03", "2013-04", "2013-05", "2013-07"], "March\u2013May 2013 and July 2013"),
    (["2013-12", "2014-01", "2014-02", "2014-05", "2014-09"], "December 2013 \u2013 February 2014, May 2014 and September 2014"),
    (["2014-05", "2013-12", "2014-01"], "December 2013 \u2013 January 2014 and May 2014"),  # any order in
])
def test_month_ranges(months, words):
    assert month_ranges(months) == words
