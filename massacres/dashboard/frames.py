"""Shaping query results for the charts: plain pandas functions, no Streamlit, each tested, so a
page script is filters, calls and charts."""

from __future__ import annotations

import pandas as pd

from massacres.dashboard import theme, wording


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


def massacre_labels(df: pd.DataFrame) -> list[str]:
    """A bar's label on the Perpetrators page: '18 (42%)'; '≈16 (42%)' when the count was derived
    from a stated percentage (`converted_months`), and the months the report states nothing for
    the party (`unstated_months`) when there are some. Both columns are optional (documented basis)."""
    converted = df["converted_months"] if "converted_months" in df else [()] * len(df)
    unstated = df["unstated_months"] if "unstated_months" in df else [()] * len(df)
    return [
        ("≈" if len(c) else "")
        + f"{int(n)} ({wording.percent(p)})"
        + (f" · not stated for {', '.join(wording.short_month(m) for m in u)}" if len(u) else "")
        for n, p, c, u in zip(df["massacres"], df["percent"], converted, unstated)
    ]


def victim_labels(df: pd.DataFrame) -> list[str]:
    """A victims bar's label: '152 (22%) · 46 children, 29 women'; on the documented basis, how many
    of the party's incidents give no breakdown (their children and women are unknown, not zero)."""
    labels = [
        f"{int(k)} ({wording.percent(p)}) · {wording.breakdown(c, w)}"
        for k, p, c, w in zip(df["killed"], df["percent"], df["children"], df["women"])
    ]
    if "no_breakdown" in df:
        labels = [
            label + (f"; {wording.plural(n, 'incident', 'incidents')} without breakdown" if n and pd.notna(c) else "")
            for label, n, c in zip(labels, df["no_breakdown"], df["children"])
        ]
    return labels
