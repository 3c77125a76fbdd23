"""Issue 12, point 10: a shareable link can hold anything. URL values are read by the rules of
the widgets they fill (ASCII digits, YYYY-MM-DD), and no visitor ever sees a traceback."""
from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from apptest import metrics, run_page
from conftest import ROOT
from massacres.dashboard import filters

DEFAULT = filters.Filters(dt.date(2017, 8, 1), dt.date(2017, 10, 31))


@pytest.mark.parametrize("raw", ["²", "①", "١٢", "12 ", "+5", "-1", "1e3", "100001", "9" * 40])
def test_min_killed_that_is_not_a_widget_value_is_dropped_with_a_notice(raw):
    parsed = filters.from_query({"min_killed": raw}, DEFAULT)
    assert parsed.filters.min_killed == 0
    assert parsed.notices and "not a whole number" in parsed.notices[0]


@pytest.mark.parametrize("raw", ["20170901", "2017-W36-5", "２０１７-09-01", "2017-09-01T00:00"])
def test_a_date_the_date_widget_would_not_write_is_dropped(raw):
    parsed = filters.from_query({"from": raw}, DEFAULT)
    assert parsed.filters.start == DEFAULT.start and "not a date" in parsed.notices[0]


def test_repeated_parameters_are_one_list():
    parsed = filters.from_query({"perp": ["russia", "isis"], "gov": ["raqqa,idlib", "hama"]}, DEFAULT)
    assert parsed.notices == []
    assert parsed.filters.perpetrators == ("russia", "isis")
    assert parsed.filters.governorates == ("raqqa", "idlib", "hama")


def test_widget_values_still_read():
    parsed = filters.from_query({"min_killed": "10", "from": "2017-09-01"}, DEFAULT)
    assert parsed.notices == [] and parsed.filters.min_killed == 10 and parsed.filters.start == dt.date(2017, 9, 1)


@pytest.mark.parametrize("raw", ["²", "①"])
def test_a_page_opened_with_a_superscript_renders_with_a_notice(raw, app_db):
    at = run_page("overview", {"min_killed": raw})
    assert not at.exception
    assert metrics(at)[0] == ("Massacres", "62")
    assert any("min_killed" in w.value for w in at.main.warning)


def test_visitors_never_see_tracebacks():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
