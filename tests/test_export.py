"""Chart export for publication: valid PNG/SVG/PDF with title, filters and source in them."""
from __future__ import annotations

import struct

import plotly.express as px
import pandas as pd
import pytest

from massacres import export, theme


@pytest.fixture(scope="module")
def figure():
    data = pd.DataFrame({"party": ["Syrian regime", "Russia", "International coalition", "ISIS"],
                         "massacres": [18, 14, 10, 1]})
    fig = px.bar(data, x="party", y="massacres", color="party", pattern_shape="party",
                 color_discrete_map=theme.perpetrator_colour_map(),
                 pattern_shape_map=theme.perpetrator_pattern_map())
    return theme.publication(fig, "Massacres by perpetrator, September 2017",
                             "Stated basis; 1 Sep 2017 – 30 Sep 2017")


def test_png_is_a_real_image_at_twice_the_size(figure):
    png = export.to_bytes(figure, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (export.WIDTH * 2, export.HEIGHT * 2)


def test_svg_carries_title_subtitle_and_source(figure):
    svg = export.to_bytes(figure, "svg").decode("utf-8")
    assert svg.startswith("<svg") and len(svg) > 5_000
    for text in ("Massacres by perpetrator, September 2017", "Stated basis; 1 Sep 2017 – 30 Sep 2017",
                 "Source: SNHR monthly reports"):
        assert text in svg
    assert theme.perpetrator_colour("syrian_regime").lower() in svg.lower().replace("rgb(213, 94, 0)", "#d55e00")


def test_pdf_is_a_pdf(figure):
    pdf = export.to_bytes(figure, "pdf")
    assert pdf[:5] == b"%PDF-" and len(pdf) > 5_000 and pdf.rstrip().endswith(b"%%EOF")


def test_unknown_format_refused(figure):
    with pytest.raises(ValueError):
        export.to_bytes(figure, "gif")


def test_palette_is_distinct_and_fixed():
    colours = [theme.perpetrator_colour(k) for k in theme.PERPETRATORS]
    assert len(set(colours)) == len(colours)
    # Okabe & Ito: the colour-blind-safe palette, one colour per party everywhere; its eight
    # colours and grey are taken, so the joint Syrian-Russian attribution takes Tol's wine.
    assert set(colours) <= {"#D55E00", "#0072B2", "#000000", "#56B4E9", "#CC79A7", "#009E73", "#F0E442",
                            "#E69F00", "#999999", "#882255"}
    patterns = [p for _, _, p in theme.PERPETRATORS.values()]
    assert len(set(patterns)) >= 8  # parties stay apart in greyscale too
