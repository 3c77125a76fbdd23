"""Data-quality page: stated figures beside the details, explained; warnings; geocoding precision."""
from __future__ import annotations

from apptest import metrics, run_page


def _tables(at, column):
    """The page's tables that have `column`, in page order (st.dataframe has no key to look up by)."""
    return [df.value for df in at.dataframe if column in df.value.columns]


def _comparison(at, month):
    """The comparison table under the heading for `month` (one table per report, in month order)."""
    months = [s.value for s in at.subheader if s.value.endswith(" report")]
    label = {"2017-09": "September 2017 report", "2017-10": "October 2017 report"}[month]
    return _tables(at, "figure")[months.index(label)]


def test_default_view(app_db):
    at = run_page("data_quality")
    assert not at.exception
    sep = _comparison(at, "2017-09")
    total = sep[(sep["figure"] == "total")].iloc[0]
    assert (total["stated_massacres"], total["documented_massacres"]) == (43, 43)
    assert (total["stated_children"], total["documented_children"], total["documented_fetuses"]) == (139, 137, 2)
    assert total["explanation"] == "the report counts 2 fetuses among children"
    regime = sep[(sep["figure"] == "perpetrator") & (sep["of"] == "syrian_regime")].iloc[0]
    assert (regime["stated_killed"], regime["documented_killed"], regime["stated_percent"]) == (177, 177, 42)
    deir = sep[(sep["figure"] == "governorate") & (sep["of"] == "deir_ez_zor")].iloc[0]
    # 24 stated, 24 under the heading; two of them (the bus paragraph) name Idlib in their text.
    assert (deir["stated_massacres"], deir["documented_massacres"]) == (24, 24)
    assert "2 incident(s) under this heading name another governorate" in deir["explanation"]
    assert int(sep["differs"].sum()) == 2

    octo = _comparison(at, "2017-10")
    total = octo[octo["figure"] == "total"].iloc[0]
    assert (total["stated_massacres"], total["documented_massacres"]) == (39, 19)
    assert "only the most notable" in total["explanation"]

    codes = _tables(at, "message")[0]["code"].value_counts().to_dict()
    assert codes == {"stated_differs": 18, "governorate_conflict": 4}
    m = dict(metrics(at))
    assert m == {"Exact (map link)": "7", "Locality": "20", "City": "25", "Governorate only": "10"}


def test_september_range_shows_only_that_report(app_db):
    at = run_page("data_quality", {"from": "2017-09-01", "to": "2017-09-30"})
    assert not at.exception
    assert [s.value for s in at.subheader][0] == "September 2017 report"
    assert set(_tables(at, "message")[0]["report_month"]) == {"2017-09"}
    # 41 incidents dated in September: the two August ones fall outside.
    assert sum(int(v) for v in dict(metrics(at)).values()) == 41


def test_geocoder_warnings_follow_the_filters(app_db):
    at = run_page("data_quality", {"gov": "aleppo"})
    assert not at.exception
    warnings = _tables(at, "warning")[0]
    assert list(warnings["place"]) == ["Hwayyer al Eis"]
    assert "the paragraph names idlib" in warnings["warning"].iloc[0]
