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
    assert metrics(at)[0] == ("Massacres", "60")  # the default range's incidents, min_killed left at 0
    assert any("min_killed" in w.value for w in at.main.warning)


# --- The default range and the dates a URL may ask for -------------------------------------------------
# The bundled reports cover September and October 2017; September's report also details two incidents
# of August reported late (seq 34 on Wednesday 2 August, seq 33 on Friday 4 August). A page opens on the
# reports' months; a range may reach back to the first incident's date, 2 August 2017, and no further.

REPORT_MONTHS = filters.Filters(dt.date(2017, 9, 1), dt.date(2017, 10, 31))
DATA_DAYS = (dt.date(2017, 8, 2), dt.date(2017, 10, 31))


def test_a_date_before_the_default_range_but_in_the_data_is_kept_without_a_notice():
    parsed = filters.from_query({"from": "2017-08-02"}, REPORT_MONTHS, DATA_DAYS)
    assert parsed.notices == [] and parsed.filters.start == dt.date(2017, 8, 2)
    assert parsed.filters.to_query(REPORT_MONTHS) == {"from": "2017-08-02"}


@pytest.mark.parametrize(
    "name, raw, clamped",
    [("from", "2017-08-01", "2017-08-02"), ("from", "2016-01-01", "2017-08-02"), ("to", "2017-11-01", "2017-10-31")],
)
def test_a_date_outside_the_data_is_clamped_with_a_notice(name, raw, clamped):
    parsed = filters.from_query({name: raw}, REPORT_MONTHS, DATA_DAYS)
    assert parsed.notices == [f"'{name}={raw}' is outside the data (2017-08-02 to 2017-10-31); using {clamped}."]
    assert getattr(parsed.filters, "start" if name == "from" else "end") == dt.date.fromisoformat(clamped)


def test_without_limits_the_default_range_is_the_limit():
    parsed = filters.from_query({"from": "2017-08-02"}, REPORT_MONTHS)
    assert (
        parsed.filters.start == dt.date(2017, 9, 1)
        and "outside the data (2017-09-01 to 2017-10-31)" in parsed.notices[0]
    )


def test_a_page_opens_on_the_reports_months_and_the_picker_reaches_the_first_incident(app_db):
    at = run_page("overview")
    assert not at.exception and not at.main.warning
    picker = at.sidebar.date_input(key="w_dates")
    assert picker.value == (dt.date(2017, 9, 1), dt.date(2017, 10, 31))
    assert (picker.min, picker.max) == DATA_DAYS
    assert metrics(at)[:2] == [("Massacres", "60"), ("Killed", "664")]  # 62 and 680 less seq 33 and 34
    assert dict(at.query_params.items()) == {}


def test_a_url_from_the_first_incident_brings_the_august_incidents_back(app_db):
    at = run_page("overview", {"from": "2017-08-02"})
    assert not at.exception and not at.main.warning
    assert at.sidebar.date_input(key="w_dates").value == (dt.date(2017, 8, 2), dt.date(2017, 10, 31))
    # Every labelled incident: seq 33 (5 killed, 3 children, 1 woman) and seq 34 (11 killed, 3 children,
    # 2 women) added to the default range's 60, 664, 203, 122.
    assert metrics(at)[:4] == [("Massacres", "62"), ("Killed", "680"), ("Children", "209"), ("Women", "125")]
    assert at.query_params["from"] == "2017-08-02"


def test_a_url_before_the_first_incident_is_clamped_with_a_notice(app_db):
    at = run_page("overview", {"from": "2017-08-01", "to": "2017-12-31"})
    assert not at.exception
    assert [w.value for w in at.main.warning] == [
        "'from=2017-08-01' is outside the data (2017-08-02 to 2017-10-31); using 2017-08-02.",
        "'to=2017-12-31' is outside the data (2017-08-02 to 2017-10-31); using 2017-10-31.",
    ]
    assert at.sidebar.date_input(key="w_dates").value == (dt.date(2017, 8, 2), dt.date(2017, 10, 31))
    assert metrics(at)[:2] == [("Massacres", "62"), ("Killed", "680")]
    assert dict(at.query_params.items()) == {"from": "2017-08-02"}  # the URL now holds what is shown


def test_visitors_never_see_tracebacks():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
