"""massacres/dashboard/frames.py: chart data shaped by plain functions (input -> expected by hand)."""

from __future__ import annotations

import pandas as pd

from massacres.dashboard.frames import parties_in, with_categories


def test_parties_are_listed_in_the_vocabulary_order_and_an_unknown_one_last():
    df = pd.DataFrame({"party": ["ISIS", "Russia", "Syrian regime", "Some new militia", "Russia"]})
    assert parties_in(df) == ["Syrian regime", "Russia", "ISIS", "Some new militia"]


def test_categories_get_their_label_and_their_share_of_the_group():
    df = pd.DataFrame(
        {
            "perpetrator": ["russia", "russia", "russia", "isis"],
            "category": ["children", "women", "breakdown_not_given", "children"],
            "killed": [46, 29, 77, 0],
        }
    )
    out = with_categories(df, "perpetrator")
    assert list(out["victims"]) == ["Children", "Women", "Breakdown not given", "Children"]
    # Russia: 46 + 29 + 77 = 152 killed; ISIS' group has none: its share is 0, not a division by zero.
    assert [round(s, 4) for s in out["share"]] == [round(46 / 152, 4), round(29 / 152, 4), round(77 / 152, 4), 0.0]


def test_massacre_labels_mark_counts_derived_from_percentages_and_unstated_months():
    from massacres.dashboard.frames import massacre_labels

    # Stated basis, by hand from the reports: Russia 14 in September and 42% of October's 39 (≈16);
    # ISIS 1 in September, nothing stated for October.
    df = pd.DataFrame(
        {
            "massacres": [30, 1],
            "percent": [36.6, 1.2],
            "converted_months": [["2017-10"], []],
            "unstated_months": [[], ["2017-10"]],
        }
    )
    assert massacre_labels(df) == ["≈30 (37%)", "1 (1%) · not stated for Oct 2017"]
    # Documented basis: plain counts.
    assert massacre_labels(pd.DataFrame({"massacres": [18], "percent": [41.86]})) == ["18 (42%)"]


def test_victim_labels_say_when_a_breakdown_is_unknown():
    from massacres.dashboard.frames import victim_labels

    stated = pd.DataFrame({"killed": [152, 96], "percent": [35.3, 22.3], "children": [46, None], "women": [29, None]})
    assert victim_labels(stated) == ["152 (35%) · 46 children, 29 women", "96 (22%) · no breakdown stated"]
    documented = stated.assign(no_breakdown=[2, 0])
    assert victim_labels(documented)[0] == "152 (35%) · 46 children, 29 women; 2 incidents without breakdown"
    assert victim_labels(documented)[1] == "96 (22%) · no breakdown stated"
