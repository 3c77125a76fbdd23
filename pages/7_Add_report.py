"""Add a report: upload an SNHR monthly report (text or PDF), see everything that was parsed
and what it would change, and write it to the database only on confirmation."""

from __future__ import annotations

import hashlib

import duckdb
import pandas as pd
import streamlit as st

from massacres.dashboard import theme, ui, upload
from massacres.errors import ReportError
from massacres.store import db
from massacres.store import writes as store

current, default = ui.page("Add a report")
ss = st.session_state
MB = upload.MAX_UPLOAD_MB

st.title("Add a report")
st.caption(
    "Upload one of SNHR's monthly massacre reports, as the text published on the web or as the PDF. "
    "The page shows what the parser read from it, its warnings and where the geocoder places each "
    "incident, and what it would change in the database. Nothing is written until you confirm."
)

if db.parquet_dir() is not None:
    st.info(
        "The app is reading a Parquet export (MASSACRES_PARQUET), which it does not write to. Add the "
        "report to the DuckDB file with `massacres ingest FILE` and export again with `massacres export`."
    )
    st.stop()
DB = db.db_path()
if ui.serving_last_good():
    st.error(
        "The database file cannot be read (see the notice above), so nothing can be added to it. Rebuild "
        "it with `make build`, then add the report.",
        icon=":material/error:",
    )
    st.stop()

if "upload_conflict" in ss:  # another session wrote the month between the listing and the confirmation
    st.warning(
        f"{ss.pop('upload_conflict')}. The changes below are now listed against the month as it is stored.",
        icon=":material/sync_problem:",
    )
if "upload_written" in ss:  # what the last confirmation wrote, shown once
    st.success(ss.pop("upload_written"), icon=":material/check_circle:")

ss.setdefault("upload_round", 0)  # a new uploader after each write: the written file is not offered again
uploaded = st.file_uploader(
    f"A monthly report: text (.txt) or PDF (.pdf), at most {MB} MB",
    type=["txt", "pdf"],
    max_upload_size=MB,
    key=f"upload_{ss['upload_round']}",
    help="The report's month is read from its title; a month already in the database is replaced, never "
    "duplicated, and only after a second confirmation listing what changes.",
)
st.caption(
    f"Size limit: {MB} MB per file (a monthly report is well under 5 MB). The file is parsed in a "
    "temporary file of its own; its name is kept only as a label."
)


def log_table() -> None:
    with st.expander("Recent writes to the database (the ingest log)"):
        log = upload.recent_writes(DB)
        if log.empty:
            st.caption("No writes logged yet (a database built before the log keeps one from its next write).")
        else:
            st.dataframe(log.rename(columns={"at": "at (UTC)"}), hide_index=True, width="stretch", key="ingest_log")


if uploaded is None:
    log_table()
    st.stop()


@st.cache_data(show_spinner="Reading the report…", max_entries=4)
def read_upload(data: bytes, name: str) -> upload.Preview:
    return upload.preview(data, name)


pv = read_upload(uploaded.getvalue(), uploaded.name)
if not pv.ok:
    # pv.error names the file by its cleaned base name; shown as plain text, never markdown.
    st.error("This file cannot be added. Nothing was written.", icon=":material/error:")
    st.text(pv.error)
    log_table()
    st.stop()

parsed = pv.parsed
r = parsed.report
month = r["month"]
month_name = ui.month_label(month)

# --- What the file holds -----------------------------------------------------------------------
st.header(f"What the file holds: the {month_name} report")
st.text(f"File {pv.file_name} · {pv.size / 1024:.0f} KB · read as {parsed.form} · sha256 {parsed.sha256[:16]}…")
cols = st.columns(6)
cols[0].metric("Massacres stated", "–" if r["total_massacres"] is None else f"{r['total_massacres']}")
cols[1].metric("Killed stated", "–" if r["victims_total"] is None else f"{r['victims_total']}")
cols[2].metric("Children stated", "–" if r["victims_children"] is None else f"{r['victims_children']}")
cols[3].metric("Women stated", "–" if r["victims_women"] is None else f"{r['victims_women']}")
cols[4].metric(
    "Incidents detailed",
    f"{len(parsed.incidents)}",
    help=None if parsed.details_complete else "The details list only the most notable massacres.",
)
cols[5].metric("Warnings", f"{len(parsed.warnings)}")

st.subheader("Report figures")
figures = pd.DataFrame(
    [
        {"figure": k, "value": None if r.get(k) is None else str(r.get(k))}
        for k in (
            "title",
            "published",
            "total_massacres",
            "victims_total",
            "victims_children",
            "victims_women",
            "ytd_massacres",
            "ytd_period",
            "ytd_period_text",
        )
    ]
    + [{"figure": "details_complete", "value": str(parsed.details_complete)}]
)
stated = pd.DataFrame(
    parsed.stated, columns=["dimension", "key", "massacres", "percent", "killed", "children", "women", "line"]
)
left, right = st.columns([1, 2])
left.dataframe(figures, hide_index=True, width="stretch", key="preview_report")
right.dataframe(stated, hide_index=True, width="stretch", key="preview_stated")

locations = pv.locations.set_index("seq")
incidents = pd.DataFrame(parsed.incidents)
st.subheader(f"Incidents ({len(incidents)})")
if incidents.empty:
    st.info("The details hold no incident the parser could read.")
else:
    table = pd.DataFrame(
        {
            "Seq": incidents["seq"],
            "Date": incidents["date"],
            "Perpetrator": incidents["perpetrator"].map(theme.perpetrator_label),
            "Uncertain attribution": incidents["attribution_uncertain"],
            "Governorate": incidents["governorate"].map(lambda g: theme.GOVERNORATES.get(g, g)),
            "Place": incidents["place"],
            "Site": incidents["site"],
            "Killed": incidents["killed"],
            "Children": incidents["children"],
            "Women": incidents["women"],
            "Fetuses": incidents["fetuses"],
            "Wounded": incidents["wounded"],
            "Weapon": incidents["weapon"].map(lambda w: theme.WEAPONS.get(w, w)),
            "Area of control": incidents["area_of_control"].map(theme.area_label),
            "Location precision": incidents["seq"]
            .map(locations["precision"])
            .map(lambda p: theme.PRECISIONS.get(p, p)),
            "Line": incidents["line"],
            "Paragraph": incidents["paragraph"],  # untrusted text: a dataframe cell renders it as plain text
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(table), 420),
        key="preview_incidents",
        column_config={
            "Paragraph": st.column_config.TextColumn(width="large"),
            "Killed": st.column_config.NumberColumn(format="%d"),
        },
    )

st.subheader("Warnings")
if parsed.warnings:
    st.dataframe(
        pd.DataFrame(parsed.warnings, columns=["code", "line", "seq", "message"]),
        hide_index=True,
        width="stretch",
        key="preview_warnings",
    )
else:
    st.caption("The parser raised no warning.")

st.subheader("Geocoding")
counts = pv.locations["precision"].value_counts()
cols = st.columns(4)
for col, key in zip(cols, theme.PRECISIONS):
    n = int(counts.get(key, 0))
    col.metric(
        theme.PRECISIONS[key],
        f"{n}",
        help=f"{n / len(pv.locations):.0%} of the {len(pv.locations)} incidents" if len(pv.locations) else None,
    )
with st.expander("Where each incident would be placed"):
    st.dataframe(pv.locations, hide_index=True, width="stretch", key="preview_locations")

# --- What writing it would change --------------------------------------------------------------
st.header("Write it to the database")
d = upload.diff(DB, parsed)
# The confirmation belongs to this file and to the stored month as it was when the changes were
# listed: if another session replaces the month meanwhile, the widgets change and the new
# changes are shown before anything is written.
basis = hashlib.sha256(f"{parsed.sha256}:{d.stored_sha256}".encode()).hexdigest()[:16]


def incident_rows(records: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "seq": x["seq"],
                "date": x["date"],
                "perpetrator": theme.perpetrator_label(x["perpetrator"]),
                "governorate": x["governorate"],
                "place": x["place"],
                "killed": x["killed"],
                "children": x["children"],
                "women": x["women"],
                "paragraph": x["paragraph"],
            }
            for x in records
        ]
    )


def changed_rows(changes: list[upload.Change]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "seq stored": c.before["seq"],
                "seq new": c.after["seq"],
                "date": c.after["date"],
                "place": c.after["place"],
                "fields": ", ".join(c.fields),
                "stored → new": "; ".join(
                    f"{f}: {c.before[f]!r} → {c.after[f]!r}" for f in c.fields if f != "paragraph"
                )
                + ("; paragraph text" if "paragraph" in c.fields else ""),
            }
            for c in changes
        ]
    )


if not d.stored:
    st.info(
        f"{month_name} is not in the database yet. Confirming adds the report, its "
        f"{len(parsed.incidents)} incidents, {len(parsed.stated)} stated figures and "
        f"{len(parsed.warnings)} warnings.",
        icon=":material/add_circle:",
    )
    confirmed = st.button(f"Add {month_name} to the database", type="primary", key=f"confirm_{basis}")
else:
    st.warning(
        f"{month_name} is already in the database. Writing this file replaces the stored report "
        "(its incidents, figures, warnings and locations) as a whole.",
        icon=":material/warning:",
    )
    st.text(f"Stored from file {d.stored_file} (sha256 {str(d.stored_sha256)[:16]}…)")
    cols = st.columns(5)
    cols[0].metric("Incidents added", len(d.added))
    cols[1].metric("Incidents removed", len(d.removed))
    cols[2].metric("Incidents changed", len(d.changed))
    cols[3].metric("Incidents unchanged", d.unchanged)
    cols[4].metric("Stated figures changed", len(d.figures))
    st.caption(
        "Incidents are matched on their date and place (the report's own way of naming a massacre): "
        "first those identical in every field, wherever they sit in the list, then the rest on date and "
        "place; a matched incident whose fields differ is *changed*."
    )
    if d.same_file:
        st.info("This is the very file already stored (same sha256): replacing it changes no data.")
    elif not d.has_changes:
        st.info("This file differs from the stored one, but not in anything the database holds.")
    if d.added:
        st.markdown(f"**Added** ({len(d.added)}): in this file only")
        st.dataframe(incident_rows(d.added), hide_index=True, width="stretch", key="diff_added")
    if d.removed:
        st.markdown(f"**Removed** ({len(d.removed)}): in the database only")
        st.dataframe(incident_rows(d.removed), hide_index=True, width="stretch", key="diff_removed")
    if d.changed:
        st.markdown(f"**Changed** ({len(d.changed)})")
        st.dataframe(changed_rows(d.changed), hide_index=True, width="stretch", key="diff_changed")
    if d.figures:
        st.markdown(f"**Stated figures changed** ({len(d.figures)})")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "figure": f.figure,
                        "stored": None if f.before is None else str(f.before),
                        "new": None if f.after is None else str(f.after),
                    }
                    for f in d.figures
                ]
            ),
            hide_index=True,
            width="stretch",
            key="diff_figures",
        )
    understood = st.checkbox(f"Replace the stored {month_name} report: {d.summary()}", key=f"understood_{basis}")
    confirmed = st.button(f"Replace {month_name}", type="primary", disabled=not understood, key=f"confirm_{basis}")

if confirmed:
    try:
        with st.spinner("Writing…"):
            # The stored month must still be the one whose changes were listed (checked under
            # the writer lock), and the file is kept beside the database for rebuilds.
            upload.commit(DB, parsed, pv.file_name, data=uploaded.getvalue(), expect_stored=d.stored_sha256)
    except store.MonthChanged as exc:
        st.cache_data.clear()
        ui._connection.clear()
        ss["upload_conflict"] = str(exc.message)
        st.rerun()
    except (ReportError, ValueError, OSError, duckdb.Error) as exc:
        st.error("Nothing was written: the database is as it was.", icon=":material/error:")
        st.text(str(exc))
        st.stop()
    # Every page reads through caches keyed on the database file's identity; clear them, and
    # drop the cached connection too: DuckDB shares one open database per path in a process,
    # so while the old connection lives a new one would still see the replaced file.
    st.cache_data.clear()
    ui._connection.clear()
    ss["upload_written"] = (
        f"Wrote the {month_name} report from `{pv.file_name}`: {len(parsed.incidents)} incidents, "
        f"{len(parsed.stated)} stated figures, {len(parsed.warnings)} warnings"
        + (f", replacing the stored report ({d.summary()})." if d.stored else ", a new month.")
        + " Logged as an upload; every page now shows it."
    )
    ss["upload_round"] += 1
    st.rerun()

log_table()
ui.cite()
