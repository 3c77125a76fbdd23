"""Every colour and fill pattern the dashboard draws with, and what each one means.

One meaning, one colour and fill, on every chart and the map: a reader who learnt on the
Perpetrators page that olive dots are the international coalition must never meet olive dots
meaning something else on the Victims page. Parties' and areas of control's colours are declared
in their vocabulary tables (`massacres/reports/vocab/*.csv`, beside their labels and patterns);
the meanings that are no vocabulary's (victim categories, the two bases, gaps) are declared here.
`meanings()` lists them all, and tests/test_palette.py checks no two share a colour and fill.

Colours are Okabe & Ito's colour-blind-safe set for the parties, completed by Paul Tol's muted
set; every bar also has a fill pattern, so a chart printed in greyscale still tells them apart.
"""

from __future__ import annotations

from typing import NamedTuple

from massacres.reports import vocab


class Swatch(NamedTuple):
    colour: str  # "#RRGGBB"
    fill: str  # plotly's bar pattern shape: "", "/", "\\", "x", "-", "|", "+", "."


# Not known: a party the vocabulary does not hold, an area of control not stated, the killed of an
# incident whose paragraph gives no breakdown. Grey means "not known" and nothing else.
UNKNOWN = Swatch("#BBBBBB", "\\")
# A month no report covers (the heatmap's and the trend lines' gaps): drawn as an empty cell.
NO_REPORT = Swatch("#EEEEEE", "")
# A month whose report details only "the most notable" massacres: its cells are hatched.
INCOMPLETE = Swatch("#FFFFFF", "/")
# The outline of a bar the reader selected, and the totals' line: the text colour, no party's.
TEXT = "#222222"
MUTED_TEXT = "#555555"
# The map legend's neutral symbols (precision: filled or hollow; a bin's border): shape, not colour.
SYMBOL = MUTED_TEXT
SYMBOL_BORDER = "#6E6E6E"
# The background of a table cell the reader should look at (the Data quality page's differences).
ATTENTION_BACKGROUND = "#FCE4D6"
# Counts of massacres in a cell (the heatmap): white for none to a dark warm grey, a neutral ramp
# like the map's governorate shading, so it never reads as a party's colour.
COUNT_SCALE = [[0.0, "#FFFFFF"], [1.0, "#6B5E4F"]]

# Victim categories, dark to light (Tol's muted set, none a party's colour).
VICTIMS = {
    "children": Swatch("#332288", ""),
    "women": Swatch("#CC6677", "|"),
    "fetuses": Swatch("#DDCC77", "x"),
    "others": Swatch("#88CCEE", "."),
    "breakdown_not_given": UNKNOWN,
}

# The two bases drawn over the bars: the documented total (a line with dots) and the report's
# own stated figure (open diamonds). Both in the text colour: neither is a party.
BASES = {
    "documented": Swatch(TEXT, "line"),
    "stated": Swatch(TEXT, "diamond-open"),
}


def _swatch(row: dict[str, str]) -> Swatch:
    return Swatch(row["colour"], row["fill"])


def perpetrators() -> dict[str, Swatch]:
    """Party key -> its swatch, in display order (vocab/perpetrators.csv)."""
    return {r["key"]: _swatch(r) for r in vocab.declared("perpetrators.csv")}


def areas() -> dict[str, Swatch]:
    """Area-of-control key -> its swatch: the party's that holds it, or its own (joint control)."""
    parties = perpetrators()
    return {r["key"]: parties[r["party"]] if r["party"] else _swatch(r) for r in vocab.declared("areas_of_control.csv")}


def area_meanings() -> dict[str, str]:
    """Area key -> the meaning its swatch stands for: the party's key when a party holds it."""
    return {r["key"]: r["party"] or f"area:{r['key']}" for r in vocab.declared("areas_of_control.csv")}


def meanings() -> dict[str, Swatch]:
    """Every meaning the dashboard draws, each once: parties, joint areas, victim categories,
    bases, gaps. Two entries with the same swatch would be one colour read two ways."""
    found: dict[str, Swatch] = {f"party:{k}": s for k, s in perpetrators().items()}
    own = area_meanings()
    found |= {own[k]: s for k, s in areas().items() if own[k].startswith("area:")}
    found |= {f"victims:{k}": s for k, s in VICTIMS.items() if s is not UNKNOWN}
    found |= {f"basis:{k}": s for k, s in BASES.items()}
    found |= {"unknown": UNKNOWN, "no_report": NO_REPORT, "incomplete": INCOMPLETE}
    return found


def hex_to_rgb(colour: str) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
