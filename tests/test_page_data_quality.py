"""Data-quality page: every report summed up, one report's stated figures beside its details
(chosen in a selectbox kept in the URL), explained; warnings counted and listed; geocoding
precision."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from apptest import metrics, run_page

LABELS = {"2017-09": "September 2017 report", "2017-10": "October 2017 report"}


def _tables(at, column):
    """The page's tables that have `column`, in page order (st.dataframe has no key to look up by)."""
    return [df.value for df in at.dataframe if column in df.value.columns]


# A column only that table has (st.dataframe without selection keeps no key in AppTest).
TABLES = {
    "report_summary": "Figures that differ",
    "parser_warnings": "Message",
    "warning_counts": "Reports",
    "geocoder_warning_counts": "Meaning",
    "geocoder_warnings": "Warning",
}


def _table(at, name):
    tables = _tables(at, TABLES[name])
    assert len(tables) == 1, name
    return tables[0]


def _report_headings(at):
    return [s.value for s in at.subheader if s.value.endswith(" report")]


def _comparison(at, month):
    """The comparison table of `month`'s report: the page shows one report at a time, chosen in
    the selectbox (a rerun when another report is shown)."""
    if _report_headings(at) != [LABELS[month]]:
        at.selectbox(key="report").select(month).run()
        assert not at.exception
    assert _report_headings(at) == [LABELS[month]]
    tables = _tables(at, "Figure")
    assert len(tables) == 1
    return _with_explanations(at, tables[0])


def _with_explanations(at, table):
    """The table with each figure's explanation, read from the wrapped text below it."""
    import re

    text = next(
        (re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown if m.value.startswith("**Why they differ**")), ""
    )
    lines = text.split("  \n")[1:]
    table = table.copy()
    table["Explanation"] = [
        next((line[len(f"{f}, {o}: ") :] for line in lines if line.startswith(f"{f}, {o}: ")), "")
        for f, o in zip(table["Figure"], table["Of"])
    ]
    return table


MEASURES = {
    "Massacres": "massacres",
    "Share of massacres (%)": "percent",
    "Killed": "killed",
    "Children": "children",
    "Women": "women",
    "Fetuses (never stated apart)": "fetuses",
}


def _row(table, figure, of=None):
    """One stated figure of the comparison (one row per measure on the page) as
    {"Stated killed": ..., "Documented killed": ..., "Explanation": ...}."""
    rows = table[(table["Figure"] == figure) & ((table["Of"] == of) if of else True)]
    assert len(rows), (figure, of)
    rows = rows[rows["Of"] == rows["Of"].iloc[0]]
    out = {"Explanation": rows["Explanation"].iloc[0] or ""}
    for _, r in rows.iterrows():
        m = MEASURES[r["Measure"]]
        out[f"Stated {m}"] = None if pd.isna(r["Stated"]) else r["Stated"]
        out[f"Documented {m}"] = None if pd.isna(r["Details"]) else r["Details"]
    return out


def _figures(table):
    return len(table.drop_duplicates(["Figure", "Of"]))


def _differing(table):
    return len(table[table["Differs"]].drop_duplicates(["Figure", "Of"]))


def test_default_view(app_db):
    at = run_page("data_quality")
    assert not at.exception
    sep = _comparison(at, "2017-09")
    total = _row(sep, "Total", "All parties")
    assert (total["Stated massacres"], total["Documented massacres"]) == (43, 43)
    assert (total["Stated children"], total["Documented children"], total["Documented fetuses"]) == (139, 137, 2)
    assert total["Explanation"] == "the report counts 2 fetuses among children"
    regime = _row(sep, "Party", "Syrian regime")
    assert (regime["Stated killed"], regime["Documented killed"], regime["Stated percent"]) == (177, 177, 42)
    deir = _row(sep, "Governorate", "Deir ez-Zor")
    # 24 stated, 24 under the heading; two of them (the bus paragraph) name Idlib in their text.
    assert (deir["Stated massacres"], deir["Documented massacres"]) == (24, 24)
    assert "2 incident(s) under this heading name another governorate" in deir["Explanation"]
    assert _differing(sep) == 2

    # Every code over both reports (the range): 2 + 16 stated_differs, 3 + 1 governorate_conflict.
    codes = dict(zip(_table(at, "warning_counts")["Code"], _table(at, "warning_counts")["Warnings"]))
    assert codes == {"stated_differs": 18, "governorate_conflict": 4}
    # Location precision of the incidents dated in the range: geocode.json's 7 / 20 / 25 / 10 less the two
    # late-reported August incidents (Sep #33, #34, both Raqqa city), before the default range's 1 Sep.
    m = dict(metrics(at))
    assert m == {"Exact (map link)": "7", "Locality": "20", "City": "23", "Governorate only": "10"}

    octo = _comparison(at, "2017-10")
    total = _row(octo, "Total")
    assert (total["Stated massacres"], total["Documented massacres"]) == (39, 19)
    assert "only the most notable" in total["Explanation"]
    assert any("details only the most notable massacres" in c.value for c in at.caption)


def test_summary_of_every_report(app_db):
    at = run_page("data_quality")
    assert not at.exception
    summary = _table(at, "report_summary").set_index("Report")
    assert list(summary.index) == ["2017-09", "2017-10"]
    sep, octo = summary.loc["2017-09"], summary.loc["2017-10"]
    # September: 43 stated and detailed; 19 figures (the subtitle's joint 32 among them), the two counting fetuses among children differ
    # (total and the regime's); 3 governorate conflicts + 2 stated_differs warnings.
    assert (sep["Details"], sep["Massacres stated"], sep["Massacres detailed"]) == ("every massacre", 43, 43)
    assert (sep["Figures stated"], sep["Figures that differ"], sep["Parser warnings"]) == (19, 2, 5)
    # October details only the most notable: 39 stated, 19 detailed; the total, three parties and
    # three areas of control differ (7 of 12 figures); 16 stated_differs + 1 governorate_conflict.
    assert (octo["Details"], octo["Massacres stated"], octo["Massacres detailed"]) == ("most notable only", 39, 19)
    assert (octo["Figures stated"], octo["Figures that differ"], octo["Parser warnings"]) == (12, 7, 17)


def test_report_selector_opens_the_first_report_with_differences_and_keeps_the_url(app_db):
    at = run_page("data_quality")
    assert not at.exception
    box = at.selectbox(key="report")
    assert box.options == ["September 2017 · 2 of 19 figures differ", "October 2017 · 7 of 12 figures differ"]
    assert box.value == "2017-09"
    assert at.query_params["report"] == "2017-09"
    # September's own parser warnings only: 3 governorate conflicts, 2 stated figures that differ.
    assert _table(at, "parser_warnings")["Code"].value_counts().to_dict() == {
        "governorate_conflict": 3,
        "stated_differs": 2,
    }

    box.select("2017-10").run()
    assert not at.exception
    assert at.query_params["report"] == "2017-10"
    assert _report_headings(at) == ["October 2017 report"]
    warnings = _table(at, "parser_warnings")
    assert set(warnings["Report"]) == {"2017-10"}
    assert warnings["Code"].value_counts().to_dict() == {"stated_differs": 16, "governorate_conflict": 1}
    assert list(warnings["No."]) == sorted(warnings["No."])  # in the order they were raised
    octo = _with_explanations(at, _tables(at, "Figure")[0])
    assert (_figures(octo), _differing(octo)) == (12, 7)


@pytest.mark.parametrize(
    "url, shown",
    [
        ("2017-10", "October 2017 report"),  # a shared link reopens that report
        ("2017-09", "September 2017 report"),
        ("2016-01", "September 2017 report"),  # not a report in the range: the default
        ("<script>", "September 2017 report"),
    ],
)
def test_report_from_the_url(app_db, url, shown):
    at = run_page("data_quality", {"report": url})
    assert not at.exception
    assert _report_headings(at) == [shown]
    assert at.query_params["report"] == {"October 2017 report": "2017-10"}.get(shown, "2017-09")


def test_september_range_shows_only_that_report(app_db):
    at = run_page("data_quality", {"from": "2017-09-01", "to": "2017-09-30"})
    assert not at.exception
    assert _report_headings(at) == ["September 2017 report"]
    assert at.selectbox(key="report").options == ["September 2017 · 2 of 19 figures differ"]
    assert list(_table(at, "report_summary")["Report"]) == ["2017-09"]
    assert set(_tables(at, "Message")[0]["Report"]) == {"2017-09"}
    assert dict(zip(_table(at, "warning_counts")["Code"], _table(at, "warning_counts")["Warnings"])) == {
        "governorate_conflict": 3,
        "stated_differs": 2,
    }
    # 41 incidents dated in September: the two August ones fall outside.
    assert sum(int(v) for v in dict(metrics(at)).values()) == 41


def test_a_range_of_one_report_or_none(app_db):
    # October alone opens October; a range with no report month says so.
    at = run_page("data_quality", {"from": "2017-10-01", "to": "2017-10-31"})
    assert _report_headings(at) == ["October 2017 report"]
    at = run_page("data_quality", {"from": "2017-08-02", "to": "2017-08-31"})
    assert not at.exception
    assert [i.value for i in at.info] == ["No report month in the date range."]
    assert not _report_headings(at)


def test_geocoder_warnings_follow_the_filters(app_db):
    at = run_page("data_quality", {"gov": "aleppo"})
    assert not at.exception
    warnings = _tables(at, "Warning")[0]
    assert list(warnings["Place"]) == ["Hwayyer al Eis"]
    assert "the paragraph names Idlib" in warnings["Warning"].iloc[0]


def test_geocoder_warnings_counted_by_code(app_db):
    at = run_page("data_quality")
    assert not at.exception
    # Ten places not in the gazetteer (the governorate-only ones), four heading/text conflicts.
    kinds = _table(at, "geocoder_warning_counts")
    assert list(kinds["Warnings"]) == [10, 4]
    assert list(kinds["Code"]) == ["no_gazetteer_place", "heading_text_conflict"]
    assert list(kinds["Meaning"]) == [
        "No gazetteer place: the point is the governorate's",
        "The heading and the paragraph name different governorates",
    ]
    assert len(_table(at, "geocoder_warnings")) == 14
    assert "Located only at governorate level: Buqrus Fouqani" in " ".join(c.value for c in at.caption)


def test_geocoder_warnings_are_paged(app_db):
    # The 62 incidents and their locations 25 times over: 14 x 25 = 350 geocoder warnings, two pages of 200.
    con = duckdb.connect(str(app_db))
    con.execute(
        "INSERT INTO incidents SELECT i.* REPLACE (i.seq + t.k * 100 AS seq) FROM incidents AS i, range(1, 25) AS t(k)"
    )
    con.execute(
        "INSERT INTO locations SELECT l.* REPLACE (l.seq + t.k * 100 AS seq) FROM locations AS l, range(1, 25) AS t(k)"
    )
    con.close()
    at = run_page("data_quality")
    assert not at.exception
    assert int(_table(at, "geocoder_warning_counts")["Warnings"].sum()) == 14 * 25
    first = _table(at, "geocoder_warnings")
    assert len(first) == 200
    at.pagination(key="geocoder_page").select(2).run()
    assert not at.exception
    second = _table(at, "geocoder_warnings")
    assert len(second) == 150
    keys = set(zip(first["Report"], first["Incident"], first["Warning"]))
    assert not keys & set(zip(second["Report"], second["Incident"], second["Warning"]))
    assert any("Warnings 201–350 of 350" in c.value for c in at.caption)


def test_a_stated_share_its_own_counts_do_not_give_is_an_item(app_db):
    # September 2017: "139 children and 85 women ... 53% of all victims were women and children";
    # 224 / 430 = 52.1%, so 52%. October: 230 / 435 = 52.9%, 53% as stated: no item.
    at = run_page("data_quality", {"report": "2017-09"})
    assert not at.exception
    assert [w.value for w in at.warning if "women and children" in w.value] == [
        "The report states that 53% of the victims were women and children; its own counts (139 children and "
        "85 women of 430 killed) give 52%. The dashboard quotes the report's 53%."
    ]
    at = run_page("data_quality", {"report": "2017-10"})
    assert not [w.value for w in at.warning if "women and children" in w.value]
