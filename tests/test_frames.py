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
