"""Shaping query results for the charts: plain pandas functions, no Streamlit, each tested, so a
page script is filters, calls and charts."""

from __future__ import annotations

import pandas as pd

from massacres.dashboard import theme


def parties_in(df: pd.DataFrame) -> list[str]:
    """The party labels present in `df["party"]`, in the vocabulary's order (every chart lists
    parties the same way); a label the vocabulary does not hold comes last, alphabetically."""
    present = set(df["party"])
    order = theme.perpetrator_order()
    return [p for p in order if p in present] + sorted(present - set(order))


def with_categories(df: pd.DataFrame, group: str) -> pd.DataFrame:
    """Rows of (group, category, killed) with the category's label (`victims`) and its share of
    its group's killed (`share`, 0 for a group with none killed: never a division by zero)."""
    df = df.copy()
    df["victims"] = df["category"].map(lambda c: theme.VICTIM_CATEGORIES[c][0])
    total = df.groupby(group)["killed"].transform("sum")
    df["share"] = (df["killed"] / total.where(total > 0)).fillna(0.0)
    return df
