"""Review: the items the parser or the geocoder flagged, one report at a time, most consequential
first, each with its source paragraph beside its fields; a reviewer confirms or corrects them.

Corrections are stored in their own table (never in the parsed rows), survive every rebuild, and
reach every chart and export through the one corrected view (store/db.py)."""

from __future__ import annotations

import streamlit as st

from massacres.dashboard import review, tables, theme, ui

current, default = ui.page("Review")
params = current.params()

ITEMS_A_PAGE = 20
SHOW = {"open": "Open", "reviewed": "Reviewed", "all": "All"}

st.title("Review")
st.caption(
    "Incidents and the report's own stated figures that the parser or the geocoder flagged, and every item "
    "already reviewed. Check the fields against the report's text: a field left as it is is confirmed, a changed "
    "one is corrected (give a reason). Corrections are kept apart from the parsed data, apply to every chart and "
    "export, and survive a rebuild; if a rebuild parses a field differently, its review goes back to the queue."
)
if saved := st.session_state.pop("review_saved", None):
    st.success(saved, icon=":material/check_circle:")
if conflict := st.session_state.pop("review_conflict", None):
    st.error(f"Not saved: {conflict}", icon=":material/sync_problem:")

status = ui.query("review_status_by_report", params)
if status.empty:
    st.info("No report month in the date range.")
    st.stop()
# Month names only: a count in an option's label would go stale in the browser after a save.
labels = {m: ui.month_label(m) for m in status["report_month"]}
with_open = status.loc[status["open"] > 0, "report_month"]
month = ui.url_select(
    "Report",
    labels,
    key="report",
    default=with_open.iloc[0] if len(with_open) else status["report_month"].iloc[-1],
    help="The first report with open items opens by default; the URL keeps the choice.",
)
row = status.set_index("report_month").loc[month]
cols = st.columns(4)
cols[0].metric(
    "Open",
    int(row["open"]),
    help=f"Never reviewed, or a review whose parsed value has changed since: {int(row['open_figures'])} of the "
    "report's own figures, the rest incidents.",
)
cols[1].metric("Confirmed", int(row["confirmed"]))
cols[2].metric("Corrected", int(row["corrected"]))
cols[3].metric(
    "Back in the queue",
    int(row["returned"]),
    help="Reviewed, but a rebuild parsed a field differently: the review is not applied until it is looked at again.",
)

show = ui.url_choice("Show", SHOW, key="show", horizontal=True)
# An item stays in the view it was shown in for the rest of the session, whatever its status
# becomes: a save (this reviewer's or another's) never makes a form vanish under the cursor, and
# a click on it is never lost.
seen = st.session_state.setdefault("review_seen", set())


def in_view(items, item_key: str):
    """The items `show` selects, and those already shown in this view."""
    kept = items[item_key].map(lambda k: (month, show, k) in seen)
    if show == "open":
        items = items[(items["status"] == "open") | kept]
    elif show == "reviewed":
        items = items[(items["status"] != "open") | kept]
    seen.update((month, show, k) for k in items[item_key])
    return items


st.subheader("The report's own figures")
figures = in_view(ui.query("review_figures_by_report", {"report_month": month}), "figure")
if figures.empty:
    st.caption(
        "No stated figure of this report to show here."
        if show != "open"
        else "No open stated figure: none flagged, or every flagged one reviewed."
    )
else:
    st.caption(
        f"{len(figures)} stated figure{'s' if len(figures) != 1 else ''} the parser flagged (the report's figures "
        "against each other or against its details), open ones first. A count a reviewer corrects is shown "
        "corrected wherever the report's figures are, with the parsed value and the reason."
    )
    blocks, incident_lines, source_file = review.report_blocks(month)
    for item in figures.itertuples():
        with st.expander(review.figure_title(item)):
            left, right = st.columns([2, 3])
            with left:
                wanted = {
                    int(v)
                    for v in (item.parsed_massacres, item.parsed_killed, item.parsed_children, item.parsed_women)
                    if v == v and v is not None and int(v) >= 2  # 0 and 1 stand in too many sentences
                }
                lines = review.source_lines(blocks, item.line, wanted, incident_lines) if blocks else []
                if lines:
                    for n, (line, text) in enumerate(lines):
                        # Report text is untrusted: plain text, never markdown or HTML.
                        st.text(
                            (f"Line {line} of the report (the figure read here):" if n == 0 else f"Line {line}:")
                            + "\n"
                            + text
                        )
                else:
                    where = f"line {int(item.line)} of {source_file}" if item.line == item.line else source_file
                    st.text(
                        f"Stated at {where}; the report's file is not beside the database (or has changed since it "
                        "was read), so its text cannot be shown."
                    )
                if documented := review.documented_words(item):
                    st.text(documented)
                for why in item.why:
                    st.text("Flagged: " + why)
                if item.returned:
                    st.text(
                        "A rebuild parsed a reviewed count differently: that review is not applied; review it again."
                    )
                review.show_figure_corrections(month, item.figure)
            with right:
                review.figure_form(month, item.figure)

# Warnings about the report's own text that name no stated figure (a figure not read, no details):
# listed so none is hidden.
report_warnings = ui.query("warnings_by_report", params | {"report_month": month, "limit": 200})
report_level = report_warnings[report_warnings["seq"].isna()]
flagged = {why for whys in ui.query("review_figures_by_report", {"report_month": month})["why"] for why in whys}
other = report_level[~(report_level["code"] + ": " + report_level["message"]).isin(flagged)]
if not other.empty:
    with st.expander(f"Other warnings about the report's text: {len(other)} (no stated figure to correct)"):
        ui.table(other[["line", "code", "message"]], "report_level_warnings", width="stretch")

st.subheader("Incidents")
queue = in_view(ui.query("review_queue_by_report", {"report_month": month}), "seq")
if queue.empty:
    st.info("Nothing to show here for this report." if show != "open" else "Every incident of this report is reviewed.")
else:
    n_pages = -(-len(queue) // ITEMS_A_PAGE)
    page = st.pagination(n_pages, key="review_page", width="stretch") if n_pages > 1 else 1
    shown = queue.iloc[(page - 1) * ITEMS_A_PAGE : page * ITEMS_A_PAGE]
    st.caption(
        f"{len(queue)} item{'s' if len(queue) != 1 else ''}, open ones first, then by killed."
        + (f" Items {(page - 1) * ITEMS_A_PAGE + 1}–{(page - 1) * ITEMS_A_PAGE + len(shown)}." if n_pages > 1 else "")
    )

    for item in shown.itertuples():
        seq = int(item.seq)
        killed = tables.PLACEHOLDER if item.killed != item.killed else int(item.killed)
        where = item.place if isinstance(item.place, str) else theme.GOVERNORATES.get(item.governorate, "place unknown")
        state = "back in the queue" if item.returned else item.status
        title = f"Incident {seq} · {killed} killed · {review.plain(where)} · {state}"
        with st.expander(title, expanded=bool(item.status == "open" and page == 1 and item.Index == queue.index[0])):
            left, right = st.columns([2, 3])
            with left:
                if isinstance(item.paragraph, str):
                    # Report text is untrusted: plain text, never markdown or HTML.
                    st.text(f"Line {int(item.line)} of the report:")
                    st.text(item.paragraph)
                for why in item.why:
                    st.text("Flagged: " + why)
                if item.returned:
                    st.text(
                        "A rebuild parsed a reviewed field differently: that review is not applied; "
                        "review the field again."
                    )
                review.show_corrections(month, seq)
            with right:
                review.form(month, seq)
ui.cite()
