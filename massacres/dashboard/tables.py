"""Tables as a reader sees them: integers as integers, dates as dates, every key as its label,
column names in words. Plain functions (no Streamlit) so each rule is tested on its own; the pages
pass what `shown` returns to st.dataframe with `PLACEHOLDER` for missing values."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from massacres.dashboard import theme

PLACEHOLDER = "–"  # a missing value on screen: never "None"

# Column -> the labels of its keys.
_KEYS: dict[str, Any] = {
    "perpetrator": theme.perpetrator_label,
    "governorate": lambda k: theme.GOVERNORATES.get(k, k),
    "point_governorate": lambda k: theme.GOVERNORATES.get(k, k),
    "governorate_in_text": lambda k: theme.GOVERNORATES.get(k, k),
    "area_of_control": theme.area_label,
    "weapon": lambda k: theme.WEAPONS.get(k, k),
    "precision": lambda k: theme.PRECISIONS.get(k, k),
    "location_precision": lambda k: theme.PRECISIONS.get(k, k),
}
# Column names that read badly when only de-snaked.
_NAMES = {"report_month": "Report", "seq": "Incident", "n": "No.", "code": "Code", "of": "Of"}
# Keys written inside a sentence (a stored warning's message names "the deir_ez_zor heading"). Only keys
# with an underscore or a place's name: a plain word such as "other" is left alone.
_IN_TEXT = {k: v for k, v in theme.GOVERNORATES.items()}
_IN_TEXT |= {k: label for k, (label, _, _) in theme.PERPETRATORS.items() if "_" in k}
_IN_TEXT_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _IN_TEXT), key=len, reverse=True)) + r")\b")


def label_keys_in_text(text: Any) -> Any:
    """'under the deir_ez_zor heading, but the paragraph names idlib' -> '... the Deir ez-Zor heading, ... Idlib'."""
    if not isinstance(text, str):
        return text
    return _IN_TEXT_RE.sub(lambda m: _IN_TEXT[m.group(1)], text)


def column_name(name: str) -> str:
    """'documented_killed' -> 'Documented killed'; names already in words are kept."""
    if name in _NAMES:
        return _NAMES[name]
    if "_" not in name and name[:1].isupper():
        return name
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _whole(col: pd.Series) -> bool:
    values = col.dropna()
    return len(values) == 0 or bool(((values % 1) == 0).all())


def shown(
    df: pd.DataFrame, text_columns: tuple[str, ...] = ("message", "warning", "explanation", "paragraph")
) -> pd.DataFrame:
    """The table as shown: whole floats as nullable integers, timestamps at midnight as dates, keys as labels,
    keys inside messages as labels, and column names in words."""
    out = pd.DataFrame(index=df.index)
    for name in df.columns:
        col = df[name]
        if name in _KEYS:
            col = col.map(lambda k, f=_KEYS[name]: k if k is None or (isinstance(k, float) and pd.isna(k)) else f(k))
        elif name in text_columns:
            col = col.map(label_keys_in_text)
        elif pd.api.types.is_float_dtype(col) and _whole(col):
            col = col.astype("Int64")
        elif pd.api.types.is_datetime64_any_dtype(col) and (col.dropna() == col.dropna().dt.normalize()).all():
            col = col.dt.date
        out[column_name(name)] = col
    return out


def number_formats(df: pd.DataFrame) -> dict[str, dict[str, str]]:
    """For st.column_config: integer columns shown as integers ("%d"), whatever their dtype."""
    return {name: {"format": "%d"} for name in df.columns if pd.api.types.is_integer_dtype(df[name])}


COMPARED = (
    ("massacres", "Massacres"),
    ("percent", "Share of massacres (%)"),
    ("killed", "Killed"),
    ("children", "Children"),
    ("women", "Women"),
)


def comparison(rows: pd.DataFrame) -> pd.DataFrame:
    """One report's stated figures beside its details (stated_vs_documented_by_report), one row per figure and
    measure the report states: Figure, Of, Measure, Stated, Details, Differs, Explanation. Seven columns that fit
    a 1440 px screen, where a column per measure ran off it. The explanation is on the figure's first row; fetuses
    (never stated, documented apart from children) get a row where the details count any."""
    out = []
    for _, r in rows.iterrows():
        figure, of = theme.stated_figure_label(r["dimension"], r["key"])
        first = True
        for m, measure in COMPARED:
            stated = r.get(f"stated_{m}")
            if stated is None or pd.isna(stated):
                continue
            documented = r.get(f"documented_{m}")
            differs = (
                m != "percent"
                and not bool(r.get("summary_only", False))
                and (documented is None or pd.isna(documented) or stated != documented)
            )
            out.append(
                {
                    "Figure": figure,
                    "Of": of,
                    "Measure": measure,
                    "Stated": float(stated),
                    "Details": None if documented is None or pd.isna(documented) else float(documented),
                    "Differs": bool(differs),
                    "Explanation": (r["explanation"] or None) if first else None,
                }
            )
            first = False
        fetuses = r.get("documented_fetuses")
        if not first and fetuses is not None and not pd.isna(fetuses) and fetuses > 0:
            out.append(
                {
                    "Figure": figure,
                    "Of": of,
                    "Measure": "Fetuses (never stated apart)",
                    "Stated": None,
                    "Details": float(fetuses),
                    "Differs": False,
                    "Explanation": None,
                }
            )
    table = pd.DataFrame(out, columns=["Figure", "Of", "Measure", "Stated", "Details", "Differs", "Explanation"])
    for col in ("Stated", "Details"):  # counts as integers unless a share with a decimal is among them
        if _whole(table[col].astype(float)):
            table[col] = table[col].astype(float).astype("Int64")
    return table


def explanations(table: pd.DataFrame) -> list[str]:
    """The comparison's explanations as sentences for below the table (a table cell does not wrap):
    'Total, All parties: the details list only the most notable massacres'."""
    rows = table.dropna(subset=["Explanation"])
    return [f"{f}, {o}: {e}" for f, o, e in zip(rows["Figure"], rows["Of"], rows["Explanation"]) if e]


APPROXIMATE = "≈"


def mark_approximate(table: pd.DataFrame, column: str, approximate: list[bool] | pd.Series, why: str) -> pd.DataFrame:
    """A chart's data where some counts are derived from a stated percentage, not counted: the column's name
    carries "≈" and the reason, and a column says which rows are approximate, so a CSV read without the page
    never passes 30 off as a count."""
    approximate = [bool(a) for a in approximate]
    if not any(approximate):
        return table
    out = table.rename(columns={column: f"{column} ({APPROXIMATE} where {why})"})
    out[f"{column} approximate"] = approximate
    return out
