"""pandas baselines for the query benchmark: the answer of every query in queries/, written in
plain pandas from the SQL's meaning, the way a dashboard without DuckDB would compute it.

`load(con)` reads the tables once into DataFrames (not timed by the benchmark). The incidents
frame is joined to its locations at load, with the columns the `filtered` CTE adds (point_lat,
point_lon, precision, iso_code, matched_name, the geocoder's warnings) and the incident month
as 'YYYY-MM': a dashboard would derive these once, not per chart. Then each function
`<query name>(data, params)` takes the same named parameters as the SQL (Filters.params() and
the extras) and does what a chart would: filter the preloaded frame with a boolean mask (only
the columns it needs), then group, join, sort. Its result has the SQL's column names, so that
bench/queries.py can compare the two answers.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd

Params = dict[str, Any]
INCIDENT_COLUMNS = (
    "report_month",
    "seq",
    "date",
    "time",
    "day_part",
    "perpetrator",
    "perpetrator_text",
    "attribution_uncertain",
    "perpetrator_note",
    "governorate",
    "governorate_in_text",
    "place",
    "place_type",
    "parent_place",
    "site",
    "killed",
    "children",
    "women",
    "fetuses",
    "wounded",
    "wounded_qualifier",
    "killed_is_lower_bound",
    "same_family",
    "idps",
    "weapon",
    "target",
    "area_of_control",
    "area_of_control_text",
    "lat",
    "lon",
    "coord_source",
    "map_link_name",
    "line",
    "paragraph",
)
FILTERED_COLUMNS = (
    *INCIDENT_COLUMNS,
    "point_lat",
    "point_lon",
    "precision",
    "iso_code",
    "matched_name",
    "incident_month",
    "month",
)


@dataclass
class Data:
    inc: pd.DataFrame  # incidents (with their points) + locations' warnings, + month
    reports: pd.DataFrame
    stated: pd.DataFrame
    warnings: pd.DataFrame
    terms: pd.DataFrame | None = None  # the search index (store/search_index.py), as loaded
    postings: pd.DataFrame | None = None


def _frame(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    # Arrow, then pandas: the same dtypes as .df() (str, datetime64, nullable ints via the
    # mapper), several times faster for long strings. Loading is not what is timed.
    cur = con.cursor()
    try:
        table = cur.sql(sql).to_arrow_table()
    finally:
        cur.close()
    import pyarrow as pa

    mapper = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}.get
    df = table.to_pandas(date_as_object=False, types_mapper=mapper)
    for col in df.columns:  # not-null integer columns back to numpy ints, as .df() gives them
        if isinstance(df[col].dtype, (pd.Int32Dtype, pd.Int64Dtype)) and not df[col].isna().any():
            df[col] = df[col].astype(df[col].dtype.numpy_dtype)
    return df


def load(con: duckdb.DuckDBPyConnection) -> Data:
    inc = _frame(con, "SELECT * FROM incidents")
    # incidents carry their point, precision and code (copied at ingest); only warnings join
    loc = _frame(con, "SELECT report_month, seq, warnings FROM locations")
    inc = inc.merge(loc, on=["report_month", "seq"], how="left")
    inc["month"] = inc["date"].dt.strftime("%Y-%m")
    # Nullable ints where the data has NULLs, like .df(); a column without NULLs at this size
    # may have them at another, so keep the victims' counts nullable always.
    for col in ("children", "women", "fetuses", "wounded"):
        inc[col] = inc[col].astype("Int32")
    reports = _frame(con, "SELECT * FROM reports")
    for col in ("total_massacres", "victims_total", "victims_children", "victims_women", "ytd_massacres"):
        reports[col] = reports[col].astype("Int64")
    stated = _frame(con, "SELECT * FROM stated_figures")
    for col in ("massacres", "killed", "children", "women"):
        stated[col] = stated[col].astype("Int64")
    warnings = _frame(con, "SELECT * FROM warnings")
    terms = _frame(con, "SELECT * FROM search_terms")
    # Sorted by hash, as a dashboard would keep an inverted index: a key's postings are one slice.
    postings = _frame(con, "SELECT * FROM search_postings ORDER BY term_hash, report_month, seq")
    return Data(inc, reports, stated, warnings, terms, postings)


# ----------------------------------------------------------------------------- shared pieces


def _ts(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day)


def filtered(d: Data, p: Params, cols: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """queries/filtered_incidents.sql: the sidebar's filters as one boolean mask."""
    inc = d.inc
    m = inc["date"].between(_ts(p["start"]), _ts(p["end"])).to_numpy(copy=True)
    for key, col in (
        ("perpetrators", "perpetrator"),
        ("governorates", "governorate"),
        ("areas", "area_of_control"),
        ("weapons", "weapon"),
    ):
        if p[key] is not None:
            m &= inc[col].isin(p[key]).to_numpy()
    if p["min_killed"]:
        m &= (inc["killed"] >= p["min_killed"]).to_numpy()
    if not p["include_uncertain"]:
        m &= ~inc["attribution_uncertain"].to_numpy()
    return inc.loc[m, list(cols)]


def _round(x: pd.Series) -> pd.Series:
    """DuckDB's round(): half away from zero."""
    return np.sign(x) * np.floor(np.abs(x) + 0.5)


def _last_day(month_start: pd.Series) -> pd.Series:
    return month_start + pd.offsets.MonthEnd(0)


def _covered(d: Data, p: Params) -> pd.DataFrame:
    """Reports whose whole month lies in [start, end]."""
    r = d.reports
    return r[(r["month_start"] >= _ts(p["start"])) & (_last_day(r["month_start"]) <= _ts(p["end"]))]


def _stated_perpetrators(d: Data, p: Params, covered: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    s = d.stated[d.stated["dimension"] == "perpetrator"]
    if p["perpetrators"] is not None:
        s = s[s["key"].isin(p["perpetrators"])]
    s = s.merge(covered[cols], left_on="report_month", right_on="month")
    return s.rename(columns={"key": "perpetrator"})


def _axis(d: Data, p: Params) -> pd.DatetimeIndex:
    """Months from the first to the last, within [month_start, month_end], with a report or an incident."""
    ms, me = _ts(p["month_start"]), _ts(p["month_end"])
    rs = d.reports["month_start"]
    rs = rs[(rs >= ms) & (rs <= me)]
    dates = d.inc["date"]
    ds = dates[(dates >= ms) & (dates < me + pd.offsets.MonthBegin(1))]
    ends = [x for x in (rs.min(), rs.max(), ds.min(), ds.max()) if pd.notna(x)]
    if not ends:
        return pd.DatetimeIndex([])
    lo, hi = min(ends).to_period("M").to_timestamp(), max(ends).to_period("M").to_timestamp()
    return pd.date_range(lo, hi, freq="MS")


def _postings(d: Data, terms: pd.DataFrame) -> pd.DataFrame:
    """The postings of these (report_month, term_hash) rows: each hash's slice of the sorted postings,
    kept where the month matches too (so two keys sharing a hash are not confused)."""
    hashes = d.postings["term_hash"].to_numpy()
    parts = []
    for h in terms["term_hash"].unique():
        lo, hi = np.searchsorted(hashes, h, "left"), np.searchsorted(hashes, h, "right")
        parts.append(d.postings.iloc[lo:hi])
    if not parts:
        return pd.DataFrame({"report_month": [], "seq": []})
    found = pd.concat(parts)
    return found.merge(terms, on=["report_month", "term_hash"])


def _search_ranks(d: Data, p: Params) -> pd.Series:
    """queries/search_matches.sql: (report_month, seq) -> 0 (a place spelling) or 1 (every word begins a
    word of the text), from the index loaded once, as a pandas dashboard would keep it."""
    t, place, words = d.terms, p["search_place"], p["search_words"]
    hits = []
    if place is not None:
        ok = (t["kind"] == "place") & ((t["term"] == place) | ((len(place) >= 4) & t["term"].str.startswith(place)))
        m = _postings(d, t.loc[ok, ["report_month", "term_hash"]])
        hits.append(m[["report_month", "seq"]].assign(rank=0))
    if words:
        tw = t[t["kind"] == "word"]
        per_word = []
        for i, w in enumerate(words):
            m = _postings(d, tw.loc[tw["term"].str.startswith(w), ["report_month", "term_hash"]])
            per_word.append(m[["report_month", "seq"]].drop_duplicates().assign(i=i))
        allw = pd.concat(per_word)
        n = allw.groupby(["report_month", "seq"])["i"].nunique()
        ok = n[n == len(words)].reset_index()[["report_month", "seq"]]
        hits.append(ok.assign(rank=1))
    if not hits:
        return pd.Series(dtype="int64", index=pd.MultiIndex.from_arrays([[], []], names=["report_month", "seq"]))
    return pd.concat(hits).groupby(["report_month", "seq"])["rank"].min()


def _with_ranks(d: Data, p: Params, f: pd.DataFrame) -> pd.DataFrame:
    if p["search"] is None:
        return f.assign(search_rank=pd.Series(np.nan, index=f.index))
    ranks = _search_ranks(d, p).rename("search_rank").reset_index()
    return f.merge(ranks, on=["report_month", "seq"], how="inner")


def _categories(f: pd.DataFrame, key: str, extra: dict[str, tuple[str, str]] | None = None) -> pd.DataFrame:
    """The victim categories of victims_by_*_and_category, per `key`, before unpivoting."""
    known = f["children"].notna() & f["women"].notna()
    fet = f["fetuses"].fillna(0)
    parts = pd.DataFrame(
        {
            key: f[key],
            "no_bd": ~known,
            "children": f["children"].where(known, 0).fillna(0),
            "women": f["women"].where(known, 0).fillna(0),
            "fetuses": fet.where(known, 0),
            "others": (f["killed"] - f["children"] - f["women"] - fet).where(known, 0).fillna(0),
            "breakdown_not_given": f["killed"].where(~known, 0),
        }
    )
    agg = {
        "massacres": ("no_bd", "size"),
        "incidents_without_breakdown": ("no_bd", "sum"),
        **{c: (c, "sum") for c in ("children", "women", "fetuses", "others", "breakdown_not_given")},
    }
    if extra:
        for spec in extra.values():
            parts[spec[0]] = f[spec[0]]
        agg |= extra
    return parts.groupby(key).agg(**agg).reset_index()


def _months_where(s: pd.DataFrame, mask: pd.Series, index: pd.Index) -> pd.Series:
    """list(month ORDER BY month) FILTER (WHERE mask) per perpetrator, [] when none."""
    lists = s.loc[mask].sort_values("month").groupby("perpetrator")["month"].agg(list)
    return pd.Series([lists.get(k, []) for k in index], index=index, dtype=object)


def _unpivot(sums: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    return sums.melt(
        id_vars=ids,
        value_vars=["children", "women", "fetuses", "others", "breakdown_not_given"],
        var_name="category",
        value_name="killed",
    )


# ----------------------------------------------------------------------------- one function per query


def date_bounds(d: Data, p: Params) -> pd.DataFrame:
    r = d.reports
    dates = d.inc.loc[d.inc["report_month"].isin(r["month"]), "date"]
    first = min(x for x in (dates.min(), r["month_start"].min()) if pd.notna(x))
    last = max(x for x in (dates.max(), _last_day(r["month_start"]).max()) if pd.notna(x))
    return pd.DataFrame(
        {
            "first_day": [first],
            "last_day": [last],
            "report_first_day": [r["month_start"].min()],
            "report_last_day": [_last_day(r["month_start"]).max()],
        }
    )


def documented_totals(d: Data, p: Params) -> pd.DataFrame:
    f = filtered(d, p, ["killed", "children", "women", "fetuses"])
    nb = f["children"].isna()
    return pd.DataFrame(
        [
            {
                "massacres": len(f),
                "killed": f["killed"].sum(),
                "children": f["children"].sum(),
                "women": f["women"].sum(),
                "fetuses": f["fetuses"].sum(),
                "no_breakdown": nb.sum(),
                "killed_without_breakdown": f["killed"][nb].sum(),
                "with_breakdown": (f["children"].notna() & f["women"].notna()).sum(),
                "killed_with_breakdown": f["killed"][f["children"].notna() & f["women"].notna()].sum(),
                "women_and_children_with_breakdown": (f["children"] + f["women"])[
                    f["children"].notna() & f["women"].notna()
                ].sum(),
            }
        ]
    )


def filtered_incidents(d: Data, p: Params) -> pd.DataFrame:
    return filtered(d, p, FILTERED_COLUMNS)


def _geocoding_warnings(d: Data, p: Params) -> pd.DataFrame:
    """One row per geocoder warning of the filtered incidents, in report order (list order within one)."""
    f = filtered(d, p, ["report_month", "seq", "date", "place", "governorate", "precision", "warnings"])
    f = f[f["warnings"].str.len() > 0].explode("warnings").rename(columns={"warnings": "warning"})
    return f.sort_values(["report_month", "seq"], kind="stable")


def geocoding_warnings_by_incident(d: Data, p: Params) -> pd.DataFrame:
    return _geocoding_warnings(d, p).iloc[p["offset"] : p["offset"] + p["limit"]]


def geocoding_warnings_by_kind(d: Data, p: Params) -> pd.DataFrame:
    w = _geocoding_warnings(d, p)
    text = w["warning"]
    kind = np.select(
        [
            text.str.startswith("no gazetteer place for "),
            text.str.startswith("the heading says "),
            text.str.startswith("the point falls "),
            text.str.contains(", the governorate the paragraph names, not under the ", regex=False),
        ],
        ["no_gazetteer_place", "heading_text_conflict", "point_outside_heading", "found_in_named_governorate"],
        "other",
    )
    w = w.assign(kind=kind, incident=w["report_month"] + "#" + w["seq"].astype(str))
    out = w.groupby("kind").agg(warnings=("warning", "size"), incidents=("incident", "nunique")).reset_index()
    return out.sort_values(["warnings", "kind"], ascending=[False, True], kind="stable")


def heatmap_massacres_by_governorate_and_month(d: Data, p: Params) -> pd.DataFrame:
    axis = _axis(d, p)
    months = axis.strftime("%Y-%m")
    keys = list(p["governorate_keys"])
    counts = filtered(d, p, ["month", "governorate"]).groupby(["month", "governorate"]).size()
    has_report = np.asarray(months.isin(d.reports["month"]))
    idx = pd.MultiIndex.from_product([months, keys], names=["month", "governorate"])
    out = counts.reindex(idx).rename("massacres").reset_index()
    out["has_report"] = np.repeat(has_report, len(keys))
    out.loc[out["has_report"], "massacres"] = out.loc[out["has_report"], "massacres"].fillna(0)
    out["ord"] = np.tile(np.arange(len(keys)), len(months))
    out = out.sort_values(["ord", "month"], kind="stable")
    return out[["month", "has_report", "governorate", "massacres"]]


def incidents_by_precision(d: Data, p: Params) -> pd.DataFrame:
    f = filtered(d, p, ["precision", "place"])
    out = f.groupby("precision", dropna=False).size().rename("incidents").reset_index()
    gov_places = sorted(f.loc[f["precision"] == "governorate", "place"].dropna().unique())
    out["places"] = [gov_places[:50] if pr == "governorate" else None for pr in out["precision"]]
    out["place_count"] = [len(gov_places) if pr == "governorate" else 0 for pr in out["precision"]]
    order = {"exact": 0, "locality": 1, "city": 2}
    return out.sort_values("precision", key=lambda s: s.map(order).fillna(3), kind="stable")


def incidents_by_search(d: Data, p: Params) -> pd.DataFrame:
    cols = [
        "report_month",
        "seq",
        "date",
        "perpetrator",
        "attribution_uncertain",
        "perpetrator_note",
        "governorate",
        "place",
        "place_type",
        "parent_place",
        "site",
        "killed",
        "killed_is_lower_bound",
        "children",
        "women",
        "fetuses",
        "wounded",
        "wounded_qualifier",
        "same_family",
        "idps",
        "weapon",
        "target",
        "area_of_control",
        "precision",
        "point_lat",
        "point_lon",
        "line",
        "paragraph",
    ]
    f = filtered(d, p, cols)
    f = _with_ranks(d, p, f[f["report_month"].isin(d.reports["month"])])
    sort = p.get("sort")
    f = f.assign(
        _killed=-f["killed"] if sort == "killed" else 0,
        _newest=-(f["date"].astype("int64")) if sort == "date_desc" else 0,
        _place=f["place"].str.lower() if sort == "place" else "",
    )
    f = f.sort_values(
        ["search_rank", "_killed", "_newest", "_place", "date", "report_month", "seq"],
        na_position="last",
        kind="mergesort",
    )
    end = None if p["limit"] is None else p["offset"] + p["limit"]  # a NULL limit: every row
    f = f.iloc[p["offset"] : end].drop(columns=["_killed", "_newest", "_place"])
    f = f.rename(
        columns={
            "perpetrator_note": "attribution_note",
            "precision": "location_precision",
            "point_lat": "lat",
            "point_lon": "lon",
        }
    )
    f["source_file"] = f["report_month"].map(d.reports.set_index("month")["source_file"])
    f["incident_id"] = f["report_month"] + "-" + f["seq"].astype(str)
    # A generated corpus has no reviewers' corrections: the corrected view's column is NULL throughout.
    f["corrected"] = pd.Series([None] * len(f), index=f.index, dtype="object")
    return f


def incidents_count_by_search(d: Data, p: Params) -> pd.DataFrame:
    f = _with_ranks(d, p, filtered(d, p, ["report_month", "seq", "killed"]))
    return pd.DataFrame(
        {"incidents": [len(f)], "killed": [f["killed"].sum()], "place_matches": [int((f["search_rank"] == 0).sum())]}
    )


def incidents_same_family_and_idps_by_perpetrator(d: Data, p: Params) -> pd.DataFrame:
    f = filtered(d, p, ["perpetrator", "same_family", "idps", "killed"])
    f = f.assign(k_sf=f["killed"].where(f["same_family"], 0), k_idps=f["killed"].where(f["idps"], 0))
    return (
        f.groupby("perpetrator")
        .agg(
            massacres=("killed", "size"),
            same_family=("same_family", "sum"),
            idps=("idps", "sum"),
            killed_same_family=("k_sf", "sum"),
            killed_idps=("k_idps", "sum"),
        )
        .reset_index()
    )


def leading_perpetrator_by_month_documented(d: Data, p: Params) -> pd.DataFrame:
    c = filtered(d, p, ["month", "perpetrator"]).groupby(["month", "perpetrator"]).size()
    c = c.rename("massacres").reset_index()
    by_month = c.groupby("month")["massacres"]
    c["top"], c["month_total"] = by_month.transform("max"), by_month.transform("sum")
    w = c[c["massacres"] == c["top"]].copy()
    w["percent"] = 100.0 * w["massacres"] / w["month_total"]
    w["converted"] = False
    w["tied"] = w.groupby("month")["month"].transform("size") > 1
    return w[["month", "perpetrator", "massacres", "percent", "converted", "tied"]]


def leading_perpetrator_by_month_stated(d: Data, p: Params) -> pd.DataFrame:
    s = _stated_perpetrators(d, p, _covered(d, p), ["month", "total_massacres"])
    s["exact"] = s["massacres"].astype("float64").fillna(s["percent"] * s["total_massacres"].astype("float64") / 100.0)
    s["converted"] = s["massacres"].isna() & s["percent"].notna()
    s = s[s["exact"].notna()]
    w = s[s["exact"] == s.groupby("month")["exact"].transform("max")].copy()
    w["massacres"] = _round(w["exact"]).astype("int64")
    w["percent"] = 100.0 * w["exact"] / w["total_massacres"].astype("float64")
    w["tied"] = w.groupby("month")["month"].transform("size") > 1
    return w[["month", "perpetrator", "massacres", "percent", "converted", "tied"]]


def month_axis(d: Data, p: Params) -> pd.DataFrame:
    return pd.DataFrame({"month_start": _axis(d, p)})


def massacres_by_governorate(d: Data, p: Params) -> pd.DataFrame:
    f = filtered(d, p, ["governorate", "killed"])
    return (
        f.groupby("governorate", dropna=False).agg(massacres=("killed", "size"), killed=("killed", "sum")).reset_index()
    )


def massacres_by_perpetrator_documented(d: Data, p: Params) -> pd.DataFrame:
    c = filtered(d, p, ["perpetrator"]).groupby("perpetrator").size().rename("massacres").reset_index()
    return c.sort_values(["massacres", "perpetrator"], ascending=[False, True])


def massacres_by_perpetrator_stated(d: Data, p: Params) -> pd.DataFrame:
    covered = _covered(d, p)
    s = _stated_perpetrators(d, p, covered, ["month", "total_massacres"])
    total = s["total_massacres"].astype("float64")
    s["exact"] = s["massacres"].astype("float64").fillna(s["percent"] * total / 100.0)
    s["converted"] = s["massacres"].isna() & s["percent"].notna() & s["total_massacres"].notna()
    s["rounded"] = _round(s["exact"])
    g = s.groupby("perpetrator")
    out = pd.DataFrame({"massacres": g["rounded"].sum(min_count=1), "massacres_exact": g["exact"].sum(min_count=1)})
    out["converted_months"] = _months_where(s, s["converted"], out.index)
    out["unstated_months"] = _months_where(s, s["exact"].isna(), out.index)
    out["percent"] = 100.0 * out["massacres_exact"] / float(covered["total_massacres"].sum())
    out = out.reset_index()
    return out[["perpetrator", "massacres", "massacres_exact", "percent", "converted_months", "unstated_months"]]


def massacres_by_report(d: Data, p: Params) -> pd.DataFrame:
    c = filtered(d, p, ["report_month"]).groupby("report_month").size().rename("documented_massacres")
    r = d.reports.set_index("month")
    out = r.join(c, how="inner").reset_index()
    out = out.rename(columns={"total_massacres": "stated_massacres"})
    return out[["month", "documented_massacres", "incident_count", "stated_massacres", "details_complete"]]


BINS = (("under 5", 0, 0, 4), ("5–9", 1, 5, 9), ("10–19", 2, 10, 19), ("20–49", 3, 20, 49), ("50+", 4, 50, None))


def size_distribution_by_perpetrator(d: Data, p: Params) -> pd.DataFrame:
    f = filtered(d, p, ["perpetrator", "killed"])
    order = np.searchsorted(np.array([5, 10, 20, 50]), f["killed"].to_numpy(), side="right")
    g = (
        f.assign(bin_order=order)
        .groupby(["bin_order", "perpetrator"])
        .agg(massacres=("killed", "size"), killed=("killed", "sum"))
    )
    parties = sorted(f["perpetrator"].unique())
    idx = pd.MultiIndex.from_product([range(len(BINS)), parties], names=["bin_order", "perpetrator"])
    out = g.reindex(idx, fill_value=0).reset_index()
    out["bin"] = out["bin_order"].map({b[1]: b[0] for b in BINS})
    return out[["bin", "bin_order", "perpetrator", "massacres", "killed"]]


def stated_massacres_by_perpetrator_and_month(d: Data, p: Params) -> pd.DataFrame:
    s = _stated_perpetrators(d, p, _covered(d, p), ["month"])
    return s[["month", "perpetrator", "massacres", "percent", "killed", "children", "women"]]


def stated_totals_by_report(d: Data, p: Params) -> pd.DataFrame:
    out = _covered(d, p)[
        [
            "month",
            "total_massacres",
            "victims_total",
            "victims_children",
            "victims_women",
            "ytd_massacres",
            "ytd_period",
            "details_complete",
            "incident_count",
        ]
    ]
    s = d.stated[(d.stated["dimension"] == "victims_share") & (d.stated["key"] == "women_and_children")]
    share = s.set_index("report_month")["percent"]
    return out.assign(victims_share_stated=out["month"].map(share)).sort_values("month")


def stated_vs_documented_by_report(d: Data, p: Params) -> pd.DataFrame:
    out = _stated_vs_documented(d, p)
    return out[out["report_month"] == p["report_month"]]


def quality_summary_by_report(d: Data, p: Params) -> pd.DataFrame:
    r = d.reports
    r = r[(r["month_start"] >= _ts(p["month_start"])) & (r["month_start"] <= _ts(p["month_end"]))]
    cmp = _stated_vs_documented(d, p)
    figures = cmp.groupby("report_month").agg(stated_figures=("differs", "size"), differing_figures=("differs", "sum"))
    detailed = d.inc.groupby("report_month").size()
    warned = d.warnings.groupby("report_month").size()
    out = pd.DataFrame(
        {
            "report_month": r["month"].to_numpy(),
            "details_complete": r["details_complete"].to_numpy(),
            "stated_massacres": r["total_massacres"].to_numpy(),
        }
    )
    out["documented_massacres"] = out["report_month"].map(detailed).fillna(0).astype("int64")
    out["stated_figures"] = out["report_month"].map(figures["stated_figures"]).fillna(0).astype("int64")
    out["differing_figures"] = out["report_month"].map(figures["differing_figures"]).fillna(0).astype("int64")
    out["parser_warnings"] = out["report_month"].map(warned).fillna(0).astype("int64")
    return out.sort_values("report_month")


def _stated_vs_documented(d: Data, p: Params) -> pd.DataFrame:
    """Every report's (in the month range) stated figures beside its details."""
    inc = d.inc
    sums = {
        "massacres": ("killed", "size"),
        "killed": ("killed", "sum"),
        "children": ("children", "sum"),
        "women": ("women", "sum"),
        "fetuses": ("fetuses", "sum"),
    }
    parts = [inc.groupby("report_month").agg(**sums).reset_index().assign(dimension="total", key="all")]
    parts.append(
        inc.groupby(["report_month", "perpetrator"])
        .agg(**sums)
        .reset_index()
        .rename(columns={"perpetrator": "key"})
        .assign(dimension="perpetrator")
    )
    parts.append(
        inc[inc["governorate"].notna()]
        .groupby(["report_month", "governorate"])
        .agg(**sums)
        .reset_index()
        .rename(columns={"governorate": "key"})
        .assign(dimension="governorate")
    )
    area = inc[inc["area_of_control"].notna()]
    area = area.assign(
        dimension=np.where(
            area["perpetrator"] == "syrian_regime", "regime_area_of_control", area["perpetrator"] + "_area_of_control"
        )
    )
    parts.append(
        area.groupby(["report_month", "dimension", "area_of_control"])
        .agg(**sums)
        .reset_index()
        .rename(columns={"area_of_control": "key"})
    )
    documented = pd.concat(parts, ignore_index=True)
    conflict = inc[inc["governorate_in_text"].notna() & (inc["governorate_in_text"] != inc["governorate"])]
    conflicts = conflict.groupby(["report_month", "governorate"]).size().rename("heading_text_conflicts").reset_index()
    conflicts = conflicts.rename(columns={"governorate": "key"}).assign(dimension="governorate")

    r = d.reports
    r = r[(r["month_start"] >= _ts(p["month_start"])) & (r["month_start"] <= _ts(p["month_end"]))]
    s = d.stated[d.stated["dimension"] != "victims_share"]
    j = s.merge(r[["month", "incident_count", "details_complete"]], left_on="report_month", right_on="month")
    documented = documented.rename(columns={c: c + "_d" for c in sums})
    j = j.merge(documented, on=["report_month", "dimension", "key"], how="left")
    j = j.merge(conflicts, on=["report_month", "dimension", "key"], how="left")
    dm = j["massacres_d"].fillna(0)
    out = pd.DataFrame(
        {
            "report_month": j["report_month"],
            "dimension": j["dimension"],
            "key": j["key"],
            "stated_massacres": j["massacres"],
            "documented_massacres": dm,
            "stated_percent": j["percent"],
            "documented_percent": _round(100.0 * dm / j["incident_count"].astype("float64").replace(0, np.nan) * 10)
            / 10,
            "stated_killed": j["killed"],
            "documented_killed": j["killed_d"].fillna(0),
            "stated_children": j["children"],
            "documented_children": j["children_d"].fillna(0),
            "stated_women": j["women"],
            "documented_women": j["women_d"].fillna(0),
            "documented_fetuses": j["fetuses_d"].fillna(0),
            "details_complete": j["details_complete"],
            "heading_text_conflicts": j["heading_text_conflicts"],
        }
    )

    def differs(stated: str, documented: str) -> pd.Series:
        return (out[stated].notna() & (out[stated] != out[documented])).fillna(False).astype(bool)

    out["differs"] = (
        differs("stated_massacres", "documented_massacres")
        | differs("stated_killed", "documented_killed")
        | differs("stated_children", "documented_children")
        | differs("stated_women", "documented_women")
    )
    notable = pd.Series(
        np.where(~out["details_complete"], "the details list only the most notable massacres", None),
        index=out.index,
        dtype=object,
    )
    fet = out["documented_fetuses"]
    fetus_rule = (
        (out["stated_children"].notna() & (fet > 0) & (out["stated_children"] == out["documented_children"] + fet))
        .fillna(False)
        .astype(bool)
    )
    fetus_text = pd.Series(None, index=out.index, dtype=object)
    fetus_text[fetus_rule] = (
        "the report counts " + fet[fetus_rule].astype("int64").astype(str) + " fetuses among children"
    )
    conflicts_n = out["heading_text_conflicts"]
    has_conflict = (conflicts_n > 0).fillna(False).astype(bool)
    conflict_text = pd.Series(None, index=out.index, dtype=object)
    conflict_text[has_conflict] = (
        conflicts_n[has_conflict].astype("int64").astype(str)
        + " incident(s) under this heading name another governorate in their text"
    )
    texts = pd.concat([notable, fetus_text, conflict_text], axis=1)
    out["explanation"] = (
        texts.apply(lambda row: "; ".join(x for x in row if isinstance(x, str)), axis=1)
        if len(texts)
        else pd.Series(dtype=object)
    )
    return out


def trend_cumulative_massacres_by_month(d: Data, p: Params) -> pd.DataFrame:
    axis = _axis(d, p)
    months = pd.Index(axis.strftime("%Y-%m"))
    monthly = filtered(d, p, ["month"])["month"].value_counts()
    r = d.reports
    has_report = months.isin(r["month"])
    massacres = monthly.reindex(months)
    massacres = massacres.where(~has_report, massacres.fillna(0))
    out = pd.DataFrame(
        {"month": months, "has_report": has_report, "massacres": massacres.to_numpy(), "year": axis.year}
    )
    out["cumulative"] = out["massacres"].fillna(0).groupby(out["year"]).cumsum().where(out["massacres"].notna())
    ytd = r[
        r["ytd_massacres"].notna()
        & (r["month_start"] >= _ts(p["month_start"]))
        & (r["month_start"] <= _ts(p["month_end"]))
    ]
    ytd = pd.DataFrame(
        {
            "period_end": ytd["ytd_period"].str.split("/").str[1],
            "stated_ytd": ytd["ytd_massacres"],
            "stated_ytd_period": ytd["ytd_period"],
            "stated_ytd_report": ytd["month"],
        }
    )
    out = out.merge(ytd, left_on="month", right_on="period_end", how="left")
    return out[
        ["month", "has_report", "massacres", "cumulative", "stated_ytd", "stated_ytd_period", "stated_ytd_report"]
    ]


def trend_massacres_by_month(d: Data, p: Params) -> pd.DataFrame:
    axis = _axis(d, p)
    months = pd.Index(axis.strftime("%Y-%m"))
    f = filtered(d, p, ["month", "killed", "children", "women"])
    g = f.groupby("month")
    m = pd.DataFrame(
        {
            "massacres": g.size(),
            "killed": g["killed"].sum(),
            "children": g["children"].sum(min_count=1),
            "women": g["women"].sum(min_count=1),
        }
    ).reindex(months)
    r = d.reports.set_index("month").reindex(months)
    has_report = r["month_start"].notna().to_numpy()
    covered = ((r["month_start"] >= _ts(p["start"])) & (_last_day(r["month_start"]) <= _ts(p["end"]))).to_numpy()
    return pd.DataFrame(
        {
            "month": months,
            "has_report": has_report,
            "details_complete": r["details_complete"].to_numpy(),
            "massacres": m["massacres"].where(~has_report, m["massacres"].fillna(0)).to_numpy(),
            "killed": m["killed"].where(~has_report, m["killed"].fillna(0)).to_numpy(),
            "children": m["children"].to_numpy(),
            "women": m["women"].to_numpy(),
            "stated_massacres": r["total_massacres"].where(covered).to_numpy(),
            "stated_killed": r["victims_total"].where(covered).to_numpy(),
        }
    )


def trend_massacres_by_perpetrator_and_month(d: Data, p: Params) -> pd.DataFrame:
    g = filtered(d, p, ["month", "perpetrator", "killed", "children", "women"]).groupby(["month", "perpetrator"])
    return pd.DataFrame(
        {
            "massacres": g.size(),
            "killed": g["killed"].sum(),
            "children": g["children"].sum(min_count=1),
            "women": g["women"].sum(min_count=1),
        }
    ).reset_index()


def victims_by_month_and_category(d: Data, p: Params) -> pd.DataFrame:
    f = filtered(d, p, ["month", "date", "killed", "children", "women", "fetuses"])
    sums = _categories(f, "month", {"first_date": ("date", "min")})
    sums["month_start"] = sums["first_date"].dt.to_period("M").dt.to_timestamp()
    out = _unpivot(sums, ["month", "month_start", "massacres", "incidents_without_breakdown"])
    return out.sort_values(["month", "category"])


def victims_by_perpetrator_and_category(d: Data, p: Params) -> pd.DataFrame:
    f = filtered(d, p, ["perpetrator", "killed", "children", "women", "fetuses"])
    out = _unpivot(_categories(f, "perpetrator"), ["perpetrator", "massacres", "incidents_without_breakdown"])
    return out.sort_values(["perpetrator", "category"])


def victims_by_perpetrator_documented(d: Data, p: Params) -> pd.DataFrame:
    f = filtered(d, p, ["perpetrator", "killed", "children", "women", "fetuses"])
    g = f.groupby("perpetrator")
    out = pd.DataFrame(
        {
            "killed": g["killed"].sum(),
            "children": g["children"].sum(min_count=1),
            "women": g["women"].sum(min_count=1),
            "fetuses": g["fetuses"].sum(),
            "no_breakdown": f["children"].isna().groupby(f["perpetrator"]).sum(),
        }
    ).reset_index()
    return out.sort_values(["killed", "perpetrator"], ascending=[False, True])


def victims_by_perpetrator_stated(d: Data, p: Params) -> pd.DataFrame:
    covered = _covered(d, p)
    s = _stated_perpetrators(d, p, covered, ["month", "victims_total"]).sort_values("month")
    g = s.groupby("perpetrator")
    n = g.size()

    def complete(col: str) -> pd.Series:
        return g[col].sum().where(g[col].count() == n)

    out = pd.DataFrame({"killed": complete("killed"), "children": complete("children"), "women": complete("women")})
    out["percent"] = 100.0 * out["killed"].astype("float64") / float(covered["victims_total"].sum())
    out["killed_unstated_months"] = _months_where(s, s["killed"].isna(), out.index)
    out["breakdown_unstated_months"] = _months_where(s, s["children"].isna() | s["women"].isna(), out.index)
    return out.reset_index()


def _warnings_in_range(d: Data, p: Params) -> pd.DataFrame:
    r = d.reports
    r = r[(r["month_start"] >= _ts(p["month_start"])) & (r["month_start"] <= _ts(p["month_end"]))]
    return d.warnings[d.warnings["report_month"].isin(r["month"])]


def warnings_by_report(d: Data, p: Params) -> pd.DataFrame:
    w = _warnings_in_range(d, p)
    w = w[w["report_month"] == p["report_month"]]
    return w[["report_month", "n", "code", "line", "seq", "message"]].sort_values("n").head(p["limit"])


def warnings_by_code(d: Data, p: Params) -> pd.DataFrame:
    w = _warnings_in_range(d, p)
    out = w.groupby("code").agg(warnings=("n", "size"), reports=("report_month", "nunique")).reset_index()
    return out.sort_values(["warnings", "code"], ascending=[False, True], kind="stable")


def wounded_by_perpetrator(d: Data, p: Params) -> pd.DataFrame:
    f = filtered(d, p, ["perpetrator", "wounded", "wounded_qualifier"])
    given = f["wounded"].notna()
    q = f["wounded_qualifier"]
    f = f.assign(
        given=given,
        about=given & (q == "about"),
        at_least=given & q.isin(["at least", "no less than"]),
        exact=given & q.isna(),
    )
    return (
        f.groupby("perpetrator")
        .agg(
            massacres=("given", "size"),
            with_figure=("given", "sum"),
            wounded=("wounded", "sum"),
            about=("about", "sum"),
            at_least=("at_least", "sum"),
            exact=("exact", "sum"),
        )
        .reset_index()
    )


POINT_COLUMNS = [
    "report_month",
    "seq",
    "date",
    "place",
    "site",
    "governorate",
    "perpetrator",
    "attribution_uncertain",
    "perpetrator_note",
    "killed",
    "killed_is_lower_bound",
    "children",
    "women",
    "area_of_control",
    "point_lat",
    "point_lon",
    "precision",
]


def _largest_first(f: pd.DataFrame) -> pd.DataFrame:
    return f.sort_values(["killed", "date", "report_month", "seq"], ascending=[False, True, True, True])


def points_map(d: Data, p: Params) -> pd.DataFrame:
    f = _largest_first(filtered(d, p, POINT_COLUMNS)).head(p["limit"])
    return f.assign(date=f["date"].dt.strftime("%Y-%m-%d"))


def points_incident(d: Data, p: Params) -> pd.DataFrame:
    cols = [
        "report_month",
        "seq",
        "date",
        "place",
        "place_type",
        "parent_place",
        "site",
        "governorate",
        "perpetrator",
        "attribution_uncertain",
        "perpetrator_note",
        "killed",
        "killed_is_lower_bound",
        "children",
        "women",
        "fetuses",
        "area_of_control",
        "point_lat",
        "point_lon",
        "precision",
        "matched_name",
        "paragraph",
    ]
    f = filtered(d, p, cols)
    f = f[(f["report_month"] == p["report_month"]) & (f["seq"] == p["seq"])]
    return f.assign(date=f["date"].dt.strftime("%Y-%m-%d"))


def points_summary(d: Data, p: Params) -> pd.DataFrame:
    f = filtered(d, p, ["precision", "perpetrator", "area_of_control", "killed"])
    return (
        f.groupby(["precision", "perpetrator", "area_of_control"], dropna=False)
        .agg(incidents=("killed", "size"), killed=("killed", "sum"))
        .reset_index()
    )


def _located(d: Data, p: Params, cols: list[str]) -> pd.DataFrame:
    f = filtered(d, p, cols)
    f = f[f["point_lat"].notna() & f["point_lon"].notna()]
    return f.assign(
        cell_row=np.floor(f["point_lat"] / p["cell"]).astype("int64"),
        cell_col=np.floor(f["point_lon"] / p["cell"]).astype("int64"),
    )


def grid_cells(d: Data, p: Params) -> pd.DataFrame:
    f = _located(d, p, ["point_lat", "point_lon", "perpetrator", "area_of_control", "killed", "precision"])
    f = f.assign(
        area_of_control=f["area_of_control"].fillna(""), approximate=f["precision"].isin(["city", "governorate"])
    )
    cells = f.groupby(["cell_row", "cell_col"]).agg(
        incidents=("killed", "size"), killed=("killed", "sum"), approximate=("approximate", "sum")
    )

    def leading(col: str, count_name: str) -> pd.DataFrame:
        n = f.groupby(["cell_row", "cell_col", col]).size().rename("n").reset_index()
        n = n.sort_values(["cell_row", "cell_col", "n", col], ascending=[True, True, False, True])
        first = n.drop_duplicates(["cell_row", "cell_col"]).set_index(["cell_row", "cell_col"])
        return first.rename(columns={"n": count_name})[[col, count_name]]

    out = cells.join(leading("perpetrator", "perpetrator_incidents")).join(leading("area_of_control", "area_incidents"))
    out = out.reset_index()
    return out[
        [
            "cell_row",
            "cell_col",
            "incidents",
            "killed",
            "approximate",
            "perpetrator",
            "perpetrator_incidents",
            "area_of_control",
            "area_incidents",
        ]
    ]


def grid_cell_incidents(d: Data, p: Params) -> pd.DataFrame:
    f = _located(
        d,
        p,
        [
            "report_month",
            "seq",
            "date",
            "place",
            "governorate",
            "perpetrator",
            "killed",
            "killed_is_lower_bound",
            "area_of_control",
            "precision",
            "point_lat",
            "point_lon",
        ],
    )
    f = f[(f["cell_row"] == p["cell_row"]) & (f["cell_col"] == p["cell_col"])]
    f = _largest_first(f).head(p["limit"])
    f = f.assign(date=f["date"].dt.strftime("%Y-%m-%d"))
    return f[
        [
            "report_month",
            "seq",
            "date",
            "place",
            "governorate",
            "perpetrator",
            "killed",
            "killed_is_lower_bound",
            "area_of_control",
            "precision",
        ]
    ]


BASELINES: dict[str, Callable[[Data, Params], pd.DataFrame]] = {
    name: fn
    for name, fn in globals().items()
    if inspect.isfunction(fn)
    and not name.startswith("_")
    and fn.__module__ == __name__
    and name not in ("load", "filtered")
}
