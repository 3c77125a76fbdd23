"""Chart export for publication: valid PNG/SVG/PDF with title, filters and source in them."""

from __future__ import annotations

import struct

import pandas as pd
import plotly.express as px
import pytest

from massacres.dashboard import export, theme


@pytest.fixture(scope="module")
def figure():
    data = pd.DataFrame(
        {"party": ["Syrian regime", "Russia", "International coalition", "ISIS"], "massacres": [18, 14, 10, 1]}
    )
    fig = px.bar(
        data,
        x="party",
        y="massacres",
        color="party",
        pattern_shape="party",
        color_discrete_map=theme.perpetrator_colour_map(),
        pattern_shape_map=theme.perpetrator_pattern_map(),
    )
    return theme.publication(fig, "Massacres by perpetrator, September 2017", "Stated basis; 1 Sep 2017 – 30 Sep 2017")


def test_png_is_a_real_image_at_twice_the_size(figure):
    png = export.to_bytes(figure, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (export.WIDTH * 2, export.HEIGHT * 2)


def test_svg_carries_title_subtitle_and_source(figure):
    svg = export.to_bytes(figure, "svg").decode("utf-8")
    assert svg.startswith("<svg") and len(svg) > 5_000
    for text in (
        "Massacres by perpetrator, September 2017",
        "Stated basis; 1 Sep 2017 – 30 Sep 2017",
        "Source: SNHR monthly reports",
    ):
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
    # Okabe & Ito's colour-blind-safe palette, one colour per party everywhere, completed by
    # Tol's wine (the joint Syrian-Russian attribution), olive (the coalition: no longer a second
    # blue beside Russia's) and a dark brown (other parties: grey means "not known" only).
    assert set(colours) == {
        "#D55E00",
        "#0072B2",
        "#000000",
        "#999933",
        "#CC79A7",
        "#009E73",
        "#F0E442",
        "#E69F00",
        "#661100",
        "#882255",
    }
    patterns = [p for _, _, p in theme.PERPETRATORS.values()]
    assert len(set(patterns)) >= 8  # parties stay apart in greyscale too


# --- issue 14, points 9-12: exports ready for a publication ---------------------------------------


def test_pdf_document_title_is_the_chart_title(figure):
    import io

    from pypdf import PdfReader

    meta = PdfReader(io.BytesIO(export.to_bytes(figure, "pdf"))).metadata
    assert meta.title == "Massacres by perpetrator, September 2017"  # not kaleido's "Kaleido-fier"
    assert meta.subject == "Source: SNHR monthly reports"


def test_title_and_footnote_stand_clear_of_the_edge():
    import re

    data = pd.DataFrame({"party": ["Russia"], "massacres": [30]})
    fig = theme.publication(
        px.bar(data, x="party", y="massacres"),
        "Share of massacres by perpetrator",
        "Stated by the reports",
        footnote="The counts marked ≈ are percentages of 39 massacres.",
    )
    svg = export.to_bytes(fig, "svg").decode("utf-8")
    title_x = float(re.search(r'<text class="gtitle" x="([\d.]+)"', svg).group(1))
    assert title_x >= 20  # it was 1 px from the edge
    assert "The counts marked ≈ are percentages of 39 massacres." in svg


def test_the_export_page_fetches_no_mathjax():
    import kaleido

    page = kaleido.PageGenerator(**export.KALEIDO_OPTIONS).generate_index()
    assert "mathjax" not in page.lower() and "https://" not in page


def test_excel_has_a_frozen_header_and_an_autofilter():
    import io

    import openpyxl
    import pyarrow as pa

    from massacres.dashboard import downloads

    table = pa.table({"date": ["2017-09-01", "2017-09-02"], "killed": [7, 13], "place": ["Raqqa", "Raqqa"]})
    ws = openpyxl.load_workbook(io.BytesIO(downloads.excel_bytes(table, "about")))["incidents"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:C3"


def test_the_published_perpetrators_exports_in_docs():
    # docs/exports/: the Perpetrators page's share chart, exported from the app (stated basis, both reports).
    import io

    from conftest import ROOT
    from pypdf import PdfReader

    folder = ROOT / "docs" / "exports"
    stem = "share-of-massacres-by-perpetrator"
    pdf = (folder / f"{stem}.pdf").read_bytes()
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Share of massacres by perpetrator"
    svg = (folder / f"{stem}.svg").read_text("utf-8")
    # The footnote: October 2017 states only percentages per party ("Russian forces 42%" of 39 massacres).
    assert "the counts marked ≈ are those percentages" in svg and "of its 39 massacres, rounded." in svg
    assert "Source: SNHR monthly reports" in svg
    png = (folder / f"{stem}.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (2000, 1200)
