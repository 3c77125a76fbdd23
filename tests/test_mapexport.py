"""The map's PNG export: the same data as the map (colours, hollow rings, sizes), the governorates and the
towns, and the charts' title, filters line and source line. Expected values are written by hand."""

from __future__ import annotations

import pandas as pd

from massacres.dashboard import export, mapdeck, mapexport, palette, theme

POINTS = pd.DataFrame(
    {
        "report_month": ["2017-09", "2017-09", "2017-10"],
        "seq": [1, 2, 3],
        "perpetrator": ["russia", "syrian_regime", "russia"],
        "area_of_control": ["isis", "isis", None],
        "killed": [16, 9, 5],
        "precision": ["exact", "governorate", "locality"],
        "point_lat": [35.0, 35.3079, None],
        "point_lon": [40.0, 40.2571, None],
    }
)
COUNTS = pd.DataFrame({"governorate": ["deir_ez_zor"], "massacres": [3], "killed": [30]})


def test_points_keep_the_maps_colours_fills_and_sizes():
    traces = mapexport.point_traces(POINTS, "perpetrator")
    # The unlocated incident is not drawn; the governorate-level one is a ring; names say which.
    assert [t.name for t in traces] == ["Syrian regime (city or governorate only)", "Russia"]
    ring, dot = traces
    assert ring.marker.symbol == "circle-open" and dot.marker.symbol == "circle"
    assert ring.marker.color == theme.perpetrator_colour("syrian_regime")
    assert dot.marker.color == theme.perpetrator_colour("russia")
    # Diameter 2 x 3 x sqrt(killed): 16 killed is 24 px, 9 killed 18 px.
    assert list(dot.marker.size) == [24.0] and list(ring.marker.size) == [18.0]
    assert (list(dot.x), list(dot.y)) == ([40.0], [35.0])


def test_by_area_an_unknown_area_has_its_own_entry():
    names = [
        t.name
        for t in mapexport.point_traces(
            POINTS.assign(point_lat=[35.0, 35.3, 36.0], point_lon=[40.0, 40.2, 38.0]), "area"
        )
    ]
    assert names == [
        f"{theme.area_label('isis')} (city or governorate only)",
        theme.area_label("isis"),
        theme.area_label(None),
    ]


def test_the_figure_has_the_governorates_towns_title_and_source():
    fig = mapexport.figure(
        POINTS,
        COUNTS,
        "perpetrator",
        "Massacres by place",
        "1 Sep 2017 – 31 Oct 2017",
        "Circle area proportional to the number killed.",
    )
    govs = [t for t in fig.data if t.fill == "toself"]
    assert {t.name for t in govs} == set(theme.GOVERNORATES)  # all 14, some in several rings
    # Deir ez-Zor shaded as on the map for 3 massacres (the 2-4 bin).
    dz = next(t for t in govs if t.name == "deir_ez_zor")
    assert dz.fillcolor == "rgb({},{},{})".format(*palette.hex_to_rgb(mapdeck.governorate_fill(3)))
    towns = next(t for t in fig.data if t.name == "towns")
    assert "Al-Bukamal" in towns.text and len(towns.text) == 19
    assert fig.layout.title.text == "Massacres by place"
    assert fig.layout.title.subtitle.text == "1 Sep 2017 – 31 Oct 2017"
    notes = [a.text for a in fig.layout.annotations]
    assert theme.SOURCE in notes and "Circle area proportional to the number killed." in notes


def test_the_png_is_an_image_of_the_asked_size():
    fig = mapexport.figure(POINTS, COUNTS, "area", "Massacres by place", "1 Sep 2017 – 31 Oct 2017")
    png = export.to_bytes(fig, "png", mapexport.WIDTH, mapexport.HEIGHT)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (2 * mapexport.WIDTH, 2 * mapexport.HEIGHT)  # twice the screen size
