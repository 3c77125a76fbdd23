"""The scale-out path: the tables as hive-partitioned Parquet, and the app reading them
instead of the DuckDB file shows the same figures."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest
import streamlit as st
from apptest import metrics, plotly_specs, run_page

from massacres.cli import main


@pytest.fixture()
def parquet_dir(built_db, tmp_path):
    out = tmp_path / "parquet"
    assert main(["export", "--db", str(built_db), "--parquet", str(out)]) == 0
    return out


def test_export_is_partitioned_by_year_and_month(built_db, parquet_dir):
    months = sorted(p.name for p in (parquet_dir / "incidents" / "year=2017").iterdir())
    assert months == ["month=10", "month=8", "month=9"]  # two incidents from August, reported late
    manifest = json.loads((parquet_dir / "_manifest.json").read_text())
    index = {"search_terms", "search_postings"}  # the search index goes with the data, as many rows as stored
    assert {k: v for k, v in manifest["rows"].items() if k not in index} == {
        "incidents": 62,
        "locations": 62,
        "reports": 2,
        "stated_figures": 33,
        "warnings": 22,
        "corrections": 0,
    }  # the reviewers' corrections go with the data (none in a fresh build)
    stored = duckdb.connect(str(built_db), read_only=True)
    try:
        assert {t: manifest["rows"][t] for t in index} == {
            t: stored.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in index
        }
    finally:
        stored.close()
    con = duckdb.connect()
    n = con.execute(
        "SELECT count(*) FROM read_parquet(?, hive_partitioning = true) WHERE year = 2017 AND month = 9",
        [str(parquet_dir / "incidents" / "**" / "*.parquet")],
    ).fetchone()[0]
    assert n == 41


def test_export_again_replaces_the_directory(built_db, parquet_dir):
    assert main(["export", "--db", str(built_db), "--parquet", str(parquet_dir)]) == 0
    files = list((parquet_dir / "incidents").rglob("*.parquet"))
    assert len(files) == 3
    assert not [p for p in parquet_dir.parent.iterdir() if p.name.startswith(".")]


def _run(page, query, env, monkeypatch):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = run_page(page, query)
    assert not at.exception
    return at


@pytest.mark.parametrize(
    "page, query",
    [
        ("overview", {}),
        ("overview", {"from": "2017-09-01", "to": "2017-09-30"}),
        ("perpetrators", {"basis": "documented", "gov": "deir_ez_zor"}),
        ("data_quality", {}),
        ("trends", {"perp": "russia"}),
    ],
)
def test_parquet_backed_app_shows_the_same_figures(page, query, built_db, parquet_dir, monkeypatch):
    monkeypatch.delenv("MASSACRES_PARQUET", raising=False)
    from_duckdb = _run(page, query, {"MASSACRES_DB": str(built_db)}, monkeypatch)
    from_parquet = _run(page, query, {"MASSACRES_PARQUET": str(parquet_dir)}, monkeypatch)
    assert metrics(from_parquet) == metrics(from_duckdb)
    assert len(from_parquet.dataframe) == len(from_duckdb.dataframe)
    for got, want in zip(from_parquet.dataframe, from_duckdb.dataframe):
        pd.testing.assert_frame_equal(
            got.value.reset_index(drop=True), want.value.reset_index(drop=True), check_dtype=False
        )
    assert plotly_specs(from_parquet) == plotly_specs(from_duckdb)
    assert [m.value for m in from_parquet.markdown] == [m.value for m in from_duckdb.markdown]
