"""Data quality: what each report states beside what its details add up to, and every warning.

Built for a million incidents: every report in the range is summed up in one table computed in
SQL (quality_summary_by_report.sql); one report at a time, chosen in a selectbox kept in the URL,
shows its figures and its parser warnings; warnings are counted per code (parser) and per kind
(geocoder) in SQL, and listed a page at a time."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import streamlit as st

from massacres.dashboard import figure_corrections, palette, shares, tables, theme, ui
from massacres.dashboard.wording import md_escape, number
from massacres.places.geocode import WARNINGS as GEOCODER_WARNINGS

current, default = ui.page("Data quality")
params = current.params()

REPORT_WARNINGS_SHOWN = 200  # a report's parser warnings listed, at most
GEOCODER_PAGE = 200  # geocoder warnings a page

st.title("Data quality")
st.caption(
    "Stated figures are each report's own claims; documented figures add up the incidents it details. "
    "A difference is not an error in itself: the reasons the data can tell are given beside it."
)


def highlight(row: pd.Series) -> list[str]:
    """Shade the detailed figure that differs from the stated one."""
    return [
        f"background-color: {palette.ATTENTION_BACKGROUND}" if col == "Details" and row["Differs"] else ""
        for col in row.index
    ]


summary = ui.query("quality_summary_by_report", params)
reviewed = ui.query("review_status_by_report", params).set_index("report_month")
if summary.empty:
    st.info("No report month in the date range.")
else:
    n_reports = len(summary)
    differing = summary[summary["differing_figures"] > 0]
    st.subheader("Reports in the date range")
    st.caption(
        f"{n_reports} report{'s' if n_reports != 1 else ''}; {len(differing)} with stated figures that "
        "differ from their details. Choose a report below to see its figures side by side."
    )
    st.dataframe(
        pd.DataFrame(
            {
                "Report": summary["report_month"],
                "Details": [
                    ("every massacre" if complete else "summary only, no details" if n == 0 else "most notable only")
                    for complete, n in zip(summary["details_complete"], summary["documented_massacres"])
                ],
                "Massacres stated": summary["stated_massacres"],
                "Massacres detailed": summary["documented_massacres"],
                "Figures stated": summary["stated_figures"],
                "Figures that differ": summary["differing_figures"],
                "Parser warnings": summary["parser_warnings"],
                # The review queue (Review page): items flagged or reviewed, by status.
                **{
                    label: summary["report_month"].map(reviewed[column]).fillna(0).astype(int)
                    for label, column in (("To review", "open"), ("Confirmed", "confirmed"), ("Corrected", "corrected"))
                },
            }
        ),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * n_reports, 400),
        key="report_summary",
        placeholder=tables.PLACEHOLDER,
        column_config={
            "Report": st.column_config.TextColumn(help="The monthly report (YYYY-MM)."),
            "Massacres stated": st.column_config.NumberColumn(format="%d"),
            "Figures stated": st.column_config.NumberColumn(
                help="The report's own figures: totals, per party, per governorate, per area of control."
            ),
        },
    )

    labels = {
        m: f"{ui.month_label(m)} · {d} of {n} figure{'s' if n != 1 else ''} differ"
        for m, d, n in zip(summary["report_month"], summary["differing_figures"], summary["stated_figures"])
    }
    first_differing = differing["report_month"].iloc[0] if len(differing) else summary["report_month"].iloc[-1]
    month = ui.url_select(
        "Report",
        labels,
        key="report",
        default=first_differing,
        help="The first report with differences opens by default; the URL keeps the choice.",
    )
    info = summary.set_index("report_month").loc[month]

    rows = ui.query("stated_vs_documented_by_report", params | {"report_month": month})
    st.subheader(f"{ui.month_label(month)} report")
    st.caption(
        f"{len(rows)} stated figures, {int(rows['differs'].sum())} differ from the details."
        + (
            ""
            if info["details_complete"]
            else " This report is a summary only: it has no incident details to compare its figures with."
            if info["documented_massacres"] == 0
            else " This report details only the most notable massacres, so its details fall short of its totals."
        )
    )
    month_start = dt.date.fromisoformat(f"{month}-01")
    stated_report = ui.query(
        "stated_totals_by_report",
        {"start": month_start, "end": (pd.Timestamp(month_start) + pd.offsets.MonthEnd(0)).date()},
    )
    if not stated_report.empty and (difference := shares.share_difference(stated_report.iloc[0])):
        st.warning(difference, icon=":material/percent:")
    if not rows.empty:
        # One row per figure and measure: seven columns that fit the screen, the explanation wrapped.
        comparison = tables.comparison(rows)
        styled = (
            comparison.drop(columns=["Explanation"])
            .style.apply(highlight, axis=1)
            .format({"Stated": number, "Details": number})
        )
        config = {
            "Figure": st.column_config.TextColumn("Figure", width="medium", pinned=True),
            "Of": st.column_config.TextColumn("Of", width="medium", pinned=True),
            "Measure": st.column_config.TextColumn("Measure", width="medium"),
            "Stated": st.column_config.NumberColumn(
                "Stated",
                width="small",
                help="The report's own figure (a reviewer's correction in its place, said below the table).",
            ),
            "Details": st.column_config.NumberColumn(
                "Details", width="small", help="What the report's incident details add up to."
            ),
            "Differs": st.column_config.CheckboxColumn("Differs", width="small"),
        }
        st.dataframe(
            styled,
            hide_index=True,
            width="stretch",
            key="comparison",
            column_config=config,
            placeholder=tables.PLACEHOLDER,
            height=min(38 + 35 * len(comparison), 700),
        )
        # The explanations as wrapped text below the table: a table cell cuts a sentence off.
        if reasons := tables.explanations(comparison):
            st.markdown("**Why they differ**  \n" + "  \n".join(md_escape(r) for r in reasons))
        # A figure a reviewer corrected is compared as corrected: what the report's text says is given here.
        fixes = ui.query(
            "stated_corrections_in_view",
            {
                "start": month_start,
                "end": (pd.Timestamp(month_start) + pd.offsets.MonthEnd(0)).date(),
                "dimensions": sorted(set(rows["dimension"])),
            },
        )
        for note in figure_corrections.notes(fixes):
            st.caption(md_escape(note))

    n_warnings = int(info["parser_warnings"])
    report_warnings = ui.query("warnings_by_report", params | {"report_month": month, "limit": REPORT_WARNINGS_SHOWN})
    if n_warnings:
        st.caption(
            f"The parser's warnings for this report: {n_warnings}"
            + (f", the first {len(report_warnings)} shown." if n_warnings > len(report_warnings) else ".")
        )
        ui.table(report_warnings, "parser_warnings", width="stretch")
    else:
        st.caption("The parser raised no warning for this report.")

    st.subheader("Parser warnings")
    st.caption("Every report in the date range, by warning code.")
    ui.table(ui.query("warnings_by_code", params), "warning_counts")

st.subheader("Geocoding")
precision = ui.query("incidents_by_precision", params)
total = int(precision["incidents"].sum())
cols = st.columns(4)
for col, key in zip(cols, theme.PRECISIONS):
    n = int(precision.loc[precision["precision"] == key, "incidents"].sum())
    col.metric(theme.PRECISIONS[key], f"{n}", help=f"{n / total:.0%} of the {total} incidents shown" if total else None)
fallback = precision.loc[precision["precision"] == "governorate"]
if not fallback.empty and fallback["places"].iloc[0] is not None:
    places, n_places = list(fallback["places"].iloc[0]), int(fallback["place_count"].iloc[0])
    more = n_places - len(places)
    st.caption(
        "Located only at governorate level: "
        + ", ".join(places)
        + (f", and {more} other place{'s' if more != 1 else ''}." if more > 0 else "")
    )

kinds = ui.query("geocoding_warnings_by_kind", params)
n_geo = int(kinds["warnings"].sum())
if not n_geo:
    st.caption("The geocoder raised no warning for the incidents shown.")
else:
    st.caption(f"The geocoder's warnings for the incidents shown: {n_geo}, by code.")
    ui.table(kinds.assign(meaning=kinds["code"].map(lambda k: GEOCODER_WARNINGS.get(k, k))), "geocoder_warning_counts")
    pages = math.ceil(n_geo / GEOCODER_PAGE)
    page = st.pagination(pages, key="geocoder_page", width="stretch") if pages > 1 else 1
    offset = (page - 1) * GEOCODER_PAGE
    geo = ui.query("geocoding_warnings_by_incident", params | {"limit": GEOCODER_PAGE, "offset": offset})
    if pages > 1:
        st.caption(f"Warnings {offset + 1}–{offset + len(geo)} of {n_geo}, {GEOCODER_PAGE} a page, in report order.")
    ui.table(geo, "geocoder_warnings", width="stretch")
ui.cite()
