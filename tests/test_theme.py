"""massacres/dashboard/theme.py: the words the pages use for stored keys."""

from __future__ import annotations

from massacres.dashboard import theme


def test_stated_figures_in_words():
    assert theme.stated_figure_label("total", "all") == ("Total", "All parties")
    assert theme.stated_figure_label("victims_share", "women_and_children") == (
        "Share of the victims",
        "Women and children",
    )
    assert theme.stated_figure_label("perpetrator", "international_coalition") == ("Party", "International coalition")
    assert theme.stated_figure_label("governorate", "damascus_suburbs") == ("Governorate", "Damascus suburbs")
    assert theme.stated_figure_label("regime_area_of_control", "armed_opposition_and_hts") == (
        "Syrian regime, by area of control",
        "Armed opposition and HTS",
    )
    assert theme.stated_figure_label("russia_area_of_control", "isis") == ("Russia, by area of control", "ISIS")


def test_keys_it_does_not_know_stay_as_written():
    # A party or area a future report adds is shown as the parser stored it, never dropped.
    assert theme.stated_figure_label("perpetrator", "Unidentified gunmen") == ("Party", "Unidentified gunmen")
    assert theme.stated_figure_label("regime_area_of_control", "tribal_forces") == (
        "Syrian regime, by area of control",
        "tribal_forces",
    )
    assert theme.stated_figure_label("new_dimension", "x") == ("new_dimension", "x")
