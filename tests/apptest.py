"""Helpers for AppTest page tests: a page run against a freshly built database."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
from conftest import ROOT
from streamlit.testing.v1 import AppTest

PAGES = {
    "overview": "app.py",
    "perpetrators": "pages/1_Perpetrators.py",
    "trends": "pages/2_Trends.py",
    "victims": "pages/3_Victims.py",
    "map": "pages/4_Map.py",
    "incidents": "pages/5_Incidents.py",
    "data_quality": "pages/6_Data_quality.py",
    "review": "pages/8_Review.py",
    "incident": "pages/9_Incident.py",
    "about": "pages/10_About.py",
}


def run_page(page: str, query: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    """Run one page as a first visit, with the URL query string given."""
    at = AppTest.from_file(str(ROOT / PAGES[page]), default_timeout=timeout)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


def metrics(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def plotly_specs(at: AppTest) -> list[dict]:
    """The figure JSON of every plotly chart on the page, in order."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def plotly_array(v):
    """A plotly trace array as a list: plotly stores numeric arrays base64-encoded ({bdata, dtype, shape})."""
    if isinstance(v, dict) and "bdata" in v:
        a = np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"])
        if "shape" in v:
            a = a.reshape([int(n) for n in str(v["shape"]).split(",")])
        return a.tolist()
    return v


def deck_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.json) for el in at.get("deck_gl_json_chart")]


def page_path(page: str) -> Path:
    return ROOT / PAGES[page]


def figure(at: AppTest, title: str) -> dict:
    """The one plotly figure on the page with this title."""
    found = [s for s in plotly_specs(at) if s["layout"]["title"]["text"] == title]
    assert len(found) == 1, [s["layout"]["title"]["text"] for s in plotly_specs(at)]
    return found[0]


def use_database(db: Path, monkeypatch) -> Path:
    """Point the app at `db` (MASSACRES_DB) with Streamlit's caches cleared."""
    import streamlit as st

    monkeypatch.setenv("MASSACRES_DB", str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    return db
