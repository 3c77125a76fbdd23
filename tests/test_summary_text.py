"""Sentences generated from stored figures: input -> expected, by hand."""

from __future__ import annotations

import pytest

from massacres.dashboard.summary_text import month_ranges


@pytest.mark.parametrize(
    "months, words",
    [
        (["2017-08"], "August 2017"),
        (["2013-03", "2013-04", "2013-05"], "March\u2013May 2013"),
        (["2013-03", "2013-04", "2013-05", "2013-07"], "March\u2013May 2013 and July 2013"),
        (
            ["2013-12", "2014-01", "2014-02", "2014-05", "2014-09"],
            "December 2013 \u2013 February 2014, May 2014 and September 2014",
        ),
        (["2014-05", "2013-12", "2014-01"], "December 2013 \u2013 January 2014 and May 2014"),  # any order in
    ],
)
def test_month_ranges(months, words):
    assert month_ranges(months) == words


def _report(**kw):
    import pandas as pd

    base = {
        "month": "2017-09",
        "total_massacres": 43,
        "victims_total": 430,
        "victims_children": 139,
        "victims_women": 85,
        "incident_count": 43,
        "victims_share_stated": 53.0,
    }
    return pd.Series(base | kw)


def test_month_sentence_quotes_the_reports_own_share():
    import pandas as pd

    from massacres.dashboard.summary_text import month_sentence

    # September 2017's report: "430 individuals ... including 139 children and 85 women ... 53% of all
    # victims were women and children". (139 + 85) / 430 is 52.1%: the report's 53% is the one to quote.
    text = month_sentence(_report(), pd.DataFrame(columns=["perpetrator", "massacres", "percent"]))
    assert "including 139 children and 85 women (53% women and children)." in text
    # A report that states no share: the one its counts give, said to be recomputed.
    text = month_sentence(
        _report(victims_share_stated=None), pd.DataFrame(columns=["perpetrator", "massacres", "percent"])
    )
    assert "(52% women and children, recomputed)" in text


def test_documented_share_leaves_incidents_without_a_breakdown_out():
    from massacres.dashboard.shares import documented_share

    # 56 incidents give a breakdown: 621 killed, 209 children + 125 women = 334; 6 give none (59 killed).
    s = documented_share({"with_breakdown": 56, "killed_with_breakdown": 621, "women_and_children_with_breakdown": 334})
    assert s.value == 54 and s.recomputed
    assert s.note == "54% of the killed in the 56 incidents that give a breakdown (334 of 621)."
    assert (
        documented_share(
            {"with_breakdown": 0, "killed_with_breakdown": 0, "women_and_children_with_breakdown": 0}
        ).value
        is None
    )


def test_stated_share_over_several_months_is_recomputed():
    import pandas as pd

    from massacres.dashboard.shares import stated_share

    sep = _report()
    oct_ = _report(month="2017-10", total_massacres=39, victims_total=435, victims_children=145, victims_women=85)
    one = stated_share(pd.DataFrame([sep]))
    assert (one.value, one.recomputed) == (53, False) and "counts give 52%" in one.note
    both = stated_share(pd.DataFrame([sep, oct_]))
    # (139 + 85 + 145 + 85) / (430 + 435) = 454 / 865 = 52.5%, rounded down (52.49)
    assert (both.value, both.recomputed) == (52, True)
    assert "53% (September 2017), 53% (October 2017)" in both.note


def test_party_totals_add_the_selected_parties_stated_figures():
    import pandas as pd

    from massacres.dashboard.shares import party_totals

    # Russia: 14 stated (September) + 42% of 39 (October, ≈16); killed 152 + 186.
    m = pd.DataFrame(
        [
            {
                "perpetrator": "russia",
                "massacres": 30,
                "massacres_exact": 30.38,
                "converted_months": ["2017-10"],
                "unstated_months": [],
            }
        ]
    )
    v = pd.DataFrame(
        [
            {
                "perpetrator": "russia",
                "killed": 338,
                "children": 111,
                "women": 64,
                "killed_unstated_months": [],
                "breakdown_unstated_months": [],
            }
        ]
    )
    t = party_totals(m, v)
    assert (t.massacres, t.approximate, t.killed, t.children, t.women) == (30, True, 338, 111, 64)
    # "Other parties" states no breakdown in October: unknown, not a partial sum.
    v2 = pd.concat(
        [
            v,
            pd.DataFrame(
                [
                    {
                        "perpetrator": "other",
                        "killed": 17,
                        "children": None,
                        "women": None,
                        "killed_unstated_months": [],
                        "breakdown_unstated_months": ["2017-10"],
                    }
                ]
            ),
        ]
    )
    t2 = party_totals(m, v2)
    assert (t2.killed, t2.children, t2.women) == (355, None, None)
