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
    "Incidents the parser or the geocoder flagged, and every incident already reviewed. Check the fields "
    "against the report's paragraph: a field left as it is is confirmed, a changed one is corrected (give a "
    "reason). Corrections are kept apart from the parsed data, apply to every chart and export, and survive "
    "a rebuild; if a rebuild parses a field differently, its review goes back to the queue."
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
cols[0].metric("Open", int(row["open"]), help="Never reviewed, or a review whose parsed value has changed since.")
cols[1].metric("Confirmed", int(row["confirmed"]))
cols[2].metric("Corrected", int(row["corrected"]))
cols[3].metric(
    "Back in the queue",
    int(row["returned"]),
    help="Reviewed, but a rebuild parsed a field differently: the review is not applied until it is looked at again.",
)

# Warnings about the report's own figures (a stated figure its details do not add up to, a figure
# not read) are not items yet: correcting a stated figure is not supported. Listed so none is hidden.
report_warnings = ui.query("warnings_by_report", params | {"report_month": month, "limit": 200})
report_level = report_warnings[report_warnings["seq"].isna()]
if not report_level.empty:
    with st.expander(
        f"The report's own figures: {len(report_level)} warning{'s' if len(report_level) != 1 else ''} "
        "(not correctable here yet)"
    ):
        ui.table(report_level[["line", "code", "message"]], "report_level_warnings", width="stretch")

show = ui.url_choice("Show", SHOW, key="show", horizontal=True)
queue = ui.query("review_queue_by_report", {"report_month": month})
# An item stays in the view it was shown in for the rest of the session, whatever its status
# becomes: a save (this reviewer's or another's) never makes a form vanish under the cursor, and
# a click on it is never lost.
seen = st.session_state.setdefault("review_seen", set())
kept = queue["seq"].map(lambda s: (month, show, int(s)) in seen)
if show == "open":
    queue = queue[(queue["status"] == "open") | kept]
elif show == "reviewed":
    queue = queue[(queue["status"] != "open") | kept]
seen.update((month, show, int(s)) for s in queue["seq"])
if queue.empty:
    st.info("Nothing to show here for this report." if show != "open" else "Every item of this report is reviewed.")
    st.stop()

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
                    "A rebuild parsed a reviewed field differently: that review is not applied; review the field again."
                )
            review.show_corrections(month, seq)
        with right:
            review.form(month, seq)
ui.cite()
