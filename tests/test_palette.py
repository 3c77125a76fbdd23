"""One meaning, one colour and fill: the palette and the vocabulary tables it reads."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest

from massacres.dashboard import palette, theme
from massacres.reports import vocab

ROOT = Path(__file__).resolve().parents[1]
FILLS = {"", "/", "\\", "x", "-", "|", "+", "."}  # plotly's bar pattern shapes
HEX = re.compile(r"^#[0-9A-F]{6}$")


def luminance(colour: str) -> float:
    """Relative luminance (WCAG): how light the colour prints in greyscale, 0 black to 1 white."""

    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in palette.hex_to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize(
    "table", ["perpetrators.csv", "areas_of_control.csv", "weapons.csv", "targets.csv", "governorates.csv"]
)
def test_every_key_is_declared_once_with_a_label(table: str) -> None:
    rows = vocab.declared(table)
    assert rows and all(r["label"].strip() for r in rows)
    assert [int(r["order"]) for r in rows] == list(range(1, len(rows) + 1)), "orders run 1, 2, 3 ... with no gap"


@pytest.mark.parametrize("table", ["perpetrators.csv", "areas_of_control.csv", "weapons.csv", "targets.csv"])
def test_every_pattern_row_belongs_to_a_declared_key(table: str) -> None:
    from massacres.reports.vocab import _rows

    declared = set(vocab.keys(table))
    assert {r["key"] for r in _rows(table)} == declared


def test_every_party_and_area_has_a_colour_and_a_fill() -> None:
    for key, swatch in {**palette.perpetrators(), **palette.areas()}.items():
        assert HEX.match(swatch.colour), (key, swatch)
        assert swatch.fill in FILLS, (key, swatch)
    assert set(palette.perpetrators()) == set(vocab.PERPETRATORS)
    assert set(palette.areas()) == set(vocab.AREAS)


def test_an_area_held_by_a_party_is_drawn_in_that_party_colour() -> None:
    parties = palette.perpetrators()
    assert palette.areas()["isis"] == parties["isis"]
    assert palette.areas()["sdf"] == parties["kurdish_forces"]  # the SDF is the Kurdish-led force
    assert palette.areas()["syrian_regime"] == parties["syrian_regime"]


def test_no_two_meanings_share_a_colour_and_fill() -> None:
    seen: dict[tuple[str, str], str] = {}
    for meaning, swatch in palette.meanings().items():
        assert tuple(swatch) not in seen, f"{meaning} and {seen[tuple(swatch)]} are both {swatch}"
        seen[tuple(swatch)] = meaning


def test_the_map_tells_every_party_and_area_apart_by_colour_alone() -> None:
    """Points on the map have no fill pattern: the colour alone must differ, and not by a shade
    (Russia and the coalition were both blue)."""
    meanings = {m: s.colour for m, s in palette.meanings().items() if m.startswith(("party:", "area:"))}
    meanings["unknown"] = palette.UNKNOWN.colour
    for (a, ca), (b, cb) in combinations(meanings.items(), 2):
        ra, rb = palette.hex_to_rgb(ca), palette.hex_to_rgb(cb)
        # 80: Okabe & Ito's orange and vermillion (82 apart), designed to be told apart, are the closest pair.
        assert sum(abs(x - y) for x, y in zip(ra, rb)) >= 80, f"{a} {ca} and {b} {cb} look alike on the map"


def test_bars_with_the_same_fill_differ_in_greyscale() -> None:
    """Printed in greyscale, two meanings with the same fill pattern must differ in lightness."""
    for (a, sa), (b, sb) in combinations(palette.meanings().items(), 2):
        if sa.fill == sb.fill and sa.fill not in ("line", "diamond-open"):
            assert abs(luminance(sa.colour) - luminance(sb.colour)) >= 0.1, f"{a} and {b} print alike"


def test_grey_means_not_known_only() -> None:
    greys = [
        m
        for m, s in palette.meanings().items()
        if len(set(palette.hex_to_rgb(s.colour))) == 1
        and s.colour not in ("#000000", palette.TEXT, palette.NO_REPORT.colour, palette.INCOMPLETE.colour)
    ]
    assert greys == ["unknown"]
    assert theme.VICTIM_CATEGORIES["breakdown_not_given"][1:] == tuple(palette.UNKNOWN)


def test_labels_come_from_the_vocabulary_tables() -> None:
    assert theme.perpetrator_label("international_coalition") == "International coalition"
    assert theme.GOVERNORATES["deir_ez_zor"] == "Deir ez-Zor"
    assert theme.WEAPONS["rotary_wing_barrel_bomb"] == "Helicopter / barrel bomb"
    assert list(theme.PERPETRATORS)[:3] == ["syrian_regime", "russia", "syrian_russian_alliance"]


def test_no_page_writes_a_colour_of_its_own() -> None:
    """Colours are decided in palette.py (and the map's count ramps in mapdeck.py); a hex literal
    anywhere else would be a second, unchecked meaning."""
    allowed = {
        ROOT / "massacres/dashboard/palette.py",
        ROOT / "massacres/dashboard/mapdeck.py",
        ROOT / "massacres/dashboard/theme.py",
    }
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "massacres/dashboard").glob("*.py")]
    offenders = [
        f"{f.relative_to(ROOT)}: {m}"
        for f in files
        if f not in allowed
        for m in re.findall(r"#[0-9A-Fa-f]{6}\b", f.read_text(encoding="utf-8"))
    ]
    assert offenders == []
