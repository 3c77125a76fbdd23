"""What a report's incident details add up to, in the terms of its stated figures: one rule.

A stated figure is a (dimension, key) pair ("perpetrator", "russia"); the incidents that count
towards it are declared once, in DIMENSIONS below. The parser's `stated_differs` check
(`totals`) and the SQL of the dashboard (`sql()`, the shared CTE `documented_by_dimension` that
massacres/store/queries.py puts in front of the Data quality queries) are both derived from
it, so the page and the parser can never disagree on what "the details add up to" means.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, NamedTuple

# A joint "Syrian-Russian" figure counts the massacres of either party and of the two together.
JOINT_PARTS = ("syrian_regime", "russia", "syrian_russian_alliance")
# The measures a stated figure and the details are compared on (fetuses are summed to explain a
# difference in children: some reports count them among the children).
MEASURES = ("massacres", "killed", "children", "women")
# Stated figures that are not the month's massacres, so the details cannot be compared with them:
# a share of the victims, a year-to-date toll, all civilians killed in the month.
NOT_COMPARED = ("victims_share",)
NOT_COMPARED_PREFIXES = ("ytd_", "civilians_")
# The area-of-control dimension of a party's incidents: "regime_area_of_control" for the regime
# (the reports' own wording), "<party>_area_of_control" for the others.
_AREA_PARTY_NAMES = {"syrian_regime": "regime"}


class Dimension(NamedTuple):
    name: str  # the stated figure's dimension; "area_of_control" stands for the party's own
    key: str  # the incident column whose value is the key, or a 'literal'
    parties: tuple[str, ...] | None = None  # only incidents of these parties count


DIMENSIONS = (
    Dimension("total", "'all'"),
    Dimension("perpetrator", "perpetrator"),
    Dimension("governorate", "governorate"),
    Dimension("joint_perpetrator", "'syrian_russian_alliance'", JOINT_PARTS),
    Dimension("area_of_control", "area_of_control"),
)


def area_dimension(perpetrator: str | None) -> str:
    """The stated-figure dimension of a party's breakdown by area of control."""
    return f"{_AREA_PARTY_NAMES.get(perpetrator or '', perpetrator or 'unknown')}_area_of_control"


def compared(dimension: str) -> bool:
    """Whether a stated figure of this dimension is one the details can be compared with."""
    return dimension not in NOT_COMPARED and not dimension.startswith(NOT_COMPARED_PREFIXES)


def _keys(inc: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for d in DIMENSIONS:
        if d.parties is not None and inc["perpetrator"] not in d.parties:
            continue
        key = d.key.strip("'") if d.key.startswith("'") else inc[d.key]
        if key is None:
            continue  # an incident with no governorate (or area) counts towards none
        found.append((area_dimension(inc["perpetrator"]) if d.name == "area_of_control" else d.name, key))
    return found


def totals(incidents: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, int]]:
    """What the incident details add up to, per (dimension, key): massacres, killed, children,
    women, fetuses (a count not given adds nothing)."""
    out: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for inc in incidents:
        for key in _keys(inc):
            c = out[key]
            c["massacres"] += 1
            for measure in ("killed", "children", "women", "fetuses"):
                c[measure] += inc[measure] or 0
    return {k: dict(v) for k, v in out.items()}


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql(source: str = "incidents") -> str:
    """The same rule in SQL: one row per (report_month, dimension, key) with massacres, killed,
    children, women and fetuses summed over `source`'s incidents (a count not given adds nothing)."""
    area = (
        "CASE perpetrator "
        + " ".join(f"WHEN {_sql_literal(p)} THEN {_sql_literal(area_dimension(p))}" for p in _AREA_PARTY_NAMES)
        + " ELSE perpetrator || '_area_of_control' END"
    )
    branches = []
    for d in DIMENSIONS:
        name = area if d.name == "area_of_control" else _sql_literal(d.name)
        where = [] if d.key.startswith("'") else [f"{d.key} IS NOT NULL"]
        if d.parties is not None:
            where.append(f"perpetrator IN ({', '.join(_sql_literal(p) for p in d.parties)})")
        branches.append(
            f"SELECT report_month, {name} AS dimension, {d.key} AS key, count(*) AS massacres,\n"
            "       coalesce(sum(killed), 0)::BIGINT AS killed, coalesce(sum(children), 0)::BIGINT AS children,\n"
            "       coalesce(sum(women), 0)::BIGINT AS women, coalesce(sum(fetuses), 0)::BIGINT AS fetuses\n"
            f"FROM {source}" + (f" WHERE {' AND '.join(where)}" if where else "") + "\nGROUP BY ALL"
        )
    return "\nUNION ALL\n".join(branches)


def compared_sql() -> str:
    """Every stated figure the details can be compared with (`compared`), beside what the
    report's details add up to (`documented_by_dimension`, from `sql`), and whether the two
    differ on any of MEASURES. A summary-only report has no details: its figures are not
    "different", there is nothing to compare."""
    excluded = [f"s.dimension <> {_sql_literal(d)}" for d in NOT_COMPARED]
    excluded += [f"NOT starts_with(s.dimension, {_sql_literal(p)})" for p in NOT_COMPARED_PREFIXES]
    pairs = [f"s.{m} AS stated_{m}, coalesce(d.{m}, 0) AS documented_{m}" for m in MEASURES]
    # The share of the month's massacres, beside the massacres (what a percentage-only list states).
    pairs.insert(
        1,
        "s.percent AS stated_percent,\n    "
        "round(100.0 * coalesce(d.massacres, 0) / nullif(r.incident_count, 0), 1) AS documented_percent",
    )
    columns = ",\n    ".join(pairs)
    differs = "\n        OR ".join(f"(s.{m} IS NOT NULL AND s.{m} <> coalesce(d.{m}, 0))" for m in MEASURES)
    return f"""SELECT
    s.report_month, s.dimension, s.key, s.line,
    {columns},
    coalesce(d.fetuses, 0) AS documented_fetuses,
    r.details_complete,
    r.incident_count = 0 AND NOT r.details_complete AS summary_only,
    NOT (r.incident_count = 0 AND NOT r.details_complete) AND (
        {differs}) AS differs
FROM stated_figures AS s
JOIN reports AS r ON r.month = s.report_month
LEFT JOIN documented_by_dimension AS d USING (report_month, dimension, key)
WHERE {" AND ".join(excluded)}"""
