"""Issue 16: a chart's figure is built once per view, and nothing is exported before a click.

ui.chart takes a function that builds the figure and keeps the published spec per view (page,
chart, titles, text alternative, data, URL, database file, the builder's code): a rerun or a second
visitor to the same view gets the same spec without plotly building it again; another view builds
its own. The chart's PNG/SVG/PDF and CSV are deferred callables, run only when clicked."""

from __future__ import annotations

import io
import json

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest
from apptest import plotly_specs, run_page
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage


@pytest.fixture()
def builds(monkeypatch) -> list[str]:
    """Every plotly figure built, by kind: px.bar calls and go.Figure constructions with data."""
    calls: list[str] = []
    bar = px.bar

    def counted_bar(*args, **kwargs):
        calls.append("px.bar")
        return bar(*args, **kwargs)

    monkeypatch.setattr(px, "bar", counted_bar)
    return calls


def test_a_rerun_builds_no_figure_and_shows_the_same_charts(app_db, builds):
    at = run_page("victims")
    first = [el.proto.spec for el in at.get("plotly_chart")]
    assert len(first) == 7 and len(builds) == 7  # every chart on the page is a px.bar
    at.run()
    assert len(builds) == 7  # none built again
    assert [el.proto.spec for el in at.get("plotly_chart")] == first


def test_a_second_visitor_to_the_same_view_gets_the_kept_specs(app_db, builds):
    first = plotly_specs(run_page("perpetrators", {"basis": "documented"}))
    n = len(builds)
    assert n == 3
    assert plotly_specs(run_page("perpetrators", {"basis": "documented"})) == first
    assert len(builds) == n


def test_another_view_builds_its_own_charts(app_db, builds):
    everyone = plotly_specs(run_page("victims"))
    russia = plotly_specs(run_page("victims", {"perp": "russia"}))
    assert len(builds) == 14
    # Russia's own figures, not the kept ones of every party: the bars name one party only.
    parties = {t["name"] for t in russia[4]["data"]}
    assert parties == {"Russia"} and len({t["name"] for t in everyone[4]["data"]}) > 1


def test_a_view_of_another_database_file_is_built_again(app_db, builds, tmp_path, monkeypatch):
    import shutil

    first = plotly_specs(run_page("trends"))
    other = tmp_path / "copy.duckdb"
    shutil.copy(app_db, other)  # the same data in another file: another identity
    monkeypatch.setenv("MASSACRES_DB", str(other))
    n = len(builds)
    assert plotly_specs(run_page("trends")) == first  # the same figures, built from the other file
    assert len(builds) > n


class Deferred:
    """Download buttons' deferred callables by file name; nothing stored until one is run."""

    def __init__(self, monkeypatch) -> None:
        self.deferred: dict[str, tuple[MediaFileManager, str]] = {}
        self.stored: dict[str, bytes] = {}
        add_deferred, load = MediaFileManager.add_deferred, MemoryMediaFileStorage.load_and_get_id

        def deferred(manager, data_callable, mimetype, coordinates, file_name=None, **kw):
            file_id = add_deferred(manager, data_callable, mimetype, coordinates, file_name, **kw)
            self.deferred[file_name] = (manager, file_id)
            return file_id

        def stored(storage, path_or_data, mimetype, kind, filename=None):
            if filename:
                self.stored[filename] = path_or_data
            return load(storage, path_or_data, mimetype, kind, filename)

        monkeypatch.setattr(MediaFileManager, "add_deferred", deferred)
        monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", stored)

    def click(self, name: str) -> bytes:
        manager, file_id = self.deferred[name]
        manager.execute_deferred(file_id)
        return self.stored.pop(name)


def test_chart_exports_and_data_are_made_on_a_click(app_db, monkeypatch):
    from massacres.dashboard import export

    made = []
    to_bytes = export.to_bytes
    monkeypatch.setattr(export, "to_bytes", lambda fig, fmt: made.append(fmt) or to_bytes(fig, fmt))
    files = Deferred(monkeypatch)
    at = run_page("perpetrators", {"basis": "documented"})
    stem = "share-of-massacres-by-perpetrator"
    assert {f"{stem}.{fmt}" for fmt in ("png", "svg", "pdf", "csv")} <= set(files.deferred)
    assert len(files.deferred) == 12  # three charts, four buttons each
    assert made == [] and files.stored == {}  # nothing made on the render
    # The CSV is the table behind the chart, as the text alternative shows it.
    csv = pd.read_csv(io.BytesIO(files.click(f"{stem}.csv")))
    assert list(csv.columns) == ["party", "massacres", "percent"]
    assert csv["massacres"].sum() == 60  # the default range: 62 incidents less the two of August reported late
    # The SVG is the published figure, drawn from the kept spec: the title, the subtitle's basis, the source.
    svg = files.click(f"{stem}.svg").decode("utf-8")
    assert made == ["svg"]
    for text in (
        "Share of massacres by perpetrator",
        "Documented in the incident details",
        "Source: SNHR monthly reports",
    ):
        assert text in svg
    # Every bar of the chart shown is in the export: its labels, as the screen shows them.
    shown = json.loads(at.get("plotly_chart")[0].proto.spec)
    for trace in shown["data"]:
        for label in trace["text"]:
            assert label.replace("(", "").split()[0] in svg


def test_a_kept_spec_exports_as_the_figure_it_came_from():
    from massacres.dashboard import ui

    fig = go.Figure(go.Bar(x=["a", "b"], y=[3, 5]))
    spec = ui.figure_spec(fig, pd.DataFrame({"x": ["a", "b"], "y": [3, 5]}), "A title", "A subtitle", "k")
    kept = ui.SpecFigure(spec, "A title")
    assert kept.to_dict() == json.loads(spec) == json.loads(fig.to_json())
    assert kept.to_dict()["layout"]["title"]["text"] == "A title"  # published: the title block, the template
    assert kept.layout.title.text == "A title"  # the PDF's document title
