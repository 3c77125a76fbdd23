"""massacres/dashboard/tables.py: tables as a reader sees them (input -> expected by hand)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from massacres.dashboard.tables import column_name, label_keys_in_text, shown


def test_whole_floats_become_integers_and_keep_missing_values():
    df = pd.DataFrame({"documented_killed": [430.0, 96.0, None], "documented_percent": [100.0, 23.3, None]})
    out = shown(df)
    assert list(out.columns) == ["Documented killed", "Documented percent"]
    assert str(out["Documented killed"].dtype) == "Int64"
    assert out["Documented killed"].tolist()[:2] == [430, 96] and pd.isna(out["Documented killed"].iloc[2])
    assert out["Documented percent"].dtype == float  # 23.3 is not whole: stays a float


def test_midnight_timestamps_become_dates():
    df = pd.DataFrame({"date": pd.to_datetime(["2017-09-11", "2017-09-14"])})
    assert shown(df)["Date"].tolist() == [dt.date(2017, 9, 11), dt.date(2017, 9, 14)]


def test_keys_become_labels_in_columns_and_in_messages():
    df = pd.DataFrame(
        {
            "governorate": ["deir_ez_zor", None],
            "perpetrator": ["syrian_regime", "other"],
            "precision": ["governorate", "exact"],
            "message": ["under the deir_ez_zor heading, but the paragraph names idlib", None],
        }
    )
    out = shown(df)
    assert out["Governorate"].tolist()[0] == "Deir ez-Zor" and out["Governorate"].isna().iloc[1]
    assert out["Perpetrator"].tolist() == ["Syrian regime", "Other parties"]
    assert out["Precision"].tolist() == ["Governorate only", "Exact (map link)"]
    assert out["Message"].iloc[0] == "under the Deir ez-Zor heading, but the paragraph names Idlib"
    assert label_keys_in_text("no other party") == "no other party"  # a plain word is not a key here


def test_column_names():
    assert column_name("report_month") == "Report"
    assert column_name("stated_children") == "Stated children"
    assert column_name("Killed") == "Killed"


# --- every table of every page, as AppTest sees it ---------------------------------------------

import re  # noqa: E402

import pytest  # noqa: E402
from apptest import run_page  # noqa: E402

from massacres.dashboard import theme  # noqa: E402

KEYS_WITH_UNDERSCORE = {k for k in [*theme.PERPETRATORS, *theme.GOVERNORATES, *theme.AREAS, *theme.WEAPONS] if "_" in k}


def _problems(df) -> list[str]:
    out = []
    for name in df.columns:
        col = df[name]
        if "_" in str(name):
            out.append(f"column name {name!r}")
        if str(col.dtype).startswith("float") and len(col.dropna()) and ((col.dropna() % 1) == 0).all():
            out.append(f"{name!r}: whole numbers as floats")
        if str(col.dtype).startswith("datetime64"):
            out.append(f"{name!r}: dates as timestamps")
        if col.dtype == object or str(col.dtype).startswith("string"):
            for v in col.dropna().astype(str):
                if v in KEYS_WITH_UNDERSCORE or re.search(r"\b(" + "|".join(KEYS_WITH_UNDERSCORE) + r")\b", v):
                    out.append(f"{name!r}: key {v!r}")
                    break
    return out


@pytest.mark.parametrize(
    "page, query",
    [
        ("overview", {}),
        ("perpetrators", {}),
        ("perpetrators", {"basis": "documented"}),
        ("trends", {}),
        ("victims", {}),
        ("map", {}),
        ("incidents", {}),
        ("data_quality", {"report": "2017-09"}),
        ("data_quality", {"report": "2017-10"}),
    ],
)
def test_every_table_shows_integers_dates_and_labels(app_db, page, query):
    at = run_page(page, query)
    assert not at.exception
    problems = {i: p for i, df in enumerate(at.dataframe) if (p := _problems(df.value))}
    assert not problems
    # A missing value shows a dash, never "None".
    assert [df.proto.placeholder for df in at.dataframe] == ["–"] * len(at.dataframe)


def test_incidents_counts_are_wide_enough_for_their_header(app_db):
    import json

    at = run_page("incidents")
    config = json.loads(at.dataframe[0].proto.columns)
    for name in ("Killed", "Children", "Women", "Fetuses", "Wounded"):
        assert config[name]["type_config"] == {"type": "number", "format": "%d"}
        assert config[name]["width"] >= 80  # "Killed" in full, not "Kil"


def test_comparison_is_one_row_per_stated_measure():
    from massacres.dashboard.tables import comparison

    # September's total: 43 massacres, 430 killed, 139 children, 85 women stated; the details give 137 children
    # and 2 fetuses. The regime: 18 massacres (42%) stated, 177 killed.
    rows = pd.DataFrame(
        [
            {
                "dimension": "total",
                "key": "all",
                "stated_massacres": 43,
                "documented_massacres": 43,
                "stated_percent": None,
                "documented_percent": 100.0,
                "stated_killed": 430,
                "documented_killed": 430.0,
                "stated_children": 139,
                "documented_children": 137.0,
                "stated_women": 85,
                "documented_women": 85.0,
                "documented_fetuses": 2.0,
                "summary_only": False,
                "explanation": "the report counts 2 fetuses among children",
            },
            {
                "dimension": "perpetrator",
                "key": "syrian_regime",
                "stated_massacres": 18,
                "documented_massacres": 18,
                "stated_percent": 42.0,
                "documented_percent": 41.9,
                "stated_killed": 177,
                "documented_killed": 177.0,
                "stated_children": None,
                "documented_children": 53.0,
                "stated_women": None,
                "documented_women": 37.0,
                "documented_fetuses": 0.0,
                "summary_only": False,
                "explanation": "",
            },
        ]
    )
    out = comparison(rows)
    values = [
        [None if v is pd.NA or (isinstance(v, float) and v != v) else v for v in row]
        for row in out[["Figure", "Of", "Measure", "Stated", "Details", "Differs"]].values.tolist()
    ]
    assert values == [
        ["Total", "All parties", "Massacres", 43, 43, False],
        ["Total", "All parties", "Killed", 430, 430, False],
        ["Total", "All parties", "Children", 139, 137, True],
        ["Total", "All parties", "Women", 85, 85, False],
        ["Total", "All parties", "Fetuses (never stated apart)", None, 2, False],
        ["Party", "Syrian regime", "Massacres", 18, 18, False],
        ["Party", "Syrian regime", "Share of massacres (%)", 42.0, 41.9, False],
        ["Party", "Syrian regime", "Killed", 177, 177, False],
    ]
    assert out["Explanation"].tolist()[0] == "the report counts 2 fetuses among children"
    assert out["Explanation"].iloc[1:].isna().all()


def test_explanations_are_sentences_below_the_table():
    from massacres.dashboard.tables import explanations

    table = pd.DataFrame(
        {
            "Figure": ["Total", "Total", "Syrian regime, by area of control"],
            "Of": ["All parties", "All parties", "ISIS"],
            "Explanation": [
                "the details list only the most notable massacres",
                None,
                "the details list only the most notable massacres",
            ],
        }
    )
    assert explanations(table) == [
        "Total, All parties: the details list only the most notable massacres",
        "Syrian regime, by area of control, ISIS: the details list only the most notable massacres",
    ]
