"""Adding a report from the app: parsed from bytes before anything is written, compared with
the stored month, written atomically and logged; and the Add-a-report page around it."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from conftest import REPORTS, ROOT
from streamlit.testing.v1 import AppTest

from massacres.cli import main
from massacres.dashboard import upload
from massacres.store import writes as store

OCTOBER = REPORTS / "snhr-2017-10-massacres.txt"
PAGE = str(ROOT / "pages" / "7_Add_report.py")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture()
def september_db(tmp_path: Path) -> Path:
    """A database holding September only: October is a new month for it."""
    d = tmp_path / "september"
    d.mkdir()
    (d / "snhr-2017-09-massacres.txt").write_bytes((REPORTS / "snhr-2017-09-massacres.txt").read_bytes())
    db = tmp_path / "massacres.duckdb"
    assert main(["build", "--reports", str(d), "--db", str(db)]) == 0
    return db


def revised_october() -> bytes:
    """October as a revised edition: the Hasaka incident (12 Oct) dropped, the Bokamal river
    crossing (19 Oct) with 22 killed instead of 20, a new incident in al Sousa on 31 Oct placed
    before the ISIS section (so every later incident moves up one seq), and 40 massacres stated."""
    text = OCTOBER.read_text(encoding="utf-8")
    cut = text.index("Thursday, October 12, 2017")
    end = text.index("\nhttps://www.google.com.tr/maps/place/Al+-+Qosoor")  # the page's links stay
    text = text[:cut] + text[end:]
    old = "Bokamal city, eastern suburbs of Deir Ez-Zour governorate, which resulted in the killing of \n20 civilians"
    assert text.count(old) == 1
    text = text.replace(old, old.replace("\n20 civilians", "\n22 civilians"))
    sousa = text.index("Monday, October 30, 2017, fixed-wing warplanes we believe are Russian")
    end_sousa = text.index("\n\n", sousa)
    new = (
        text[sousa:end_sousa]
        .replace("Monday, October 30, 2017", "Tuesday, October 31, 2017")
        .replace("al Sousa village", "al Baghouz village")
    )
    text = text[:end_sousa] + "\n\n" + new + text[end_sousa:]
    stated = "SNHR has documented no less than 39 massacres in October"
    assert text.count(stated) == 1
    return text.replace(stated, stated.replace("39", "40")).encode("utf-8")


# --- preview -----------------------------------------------------------------------------------


def test_preview_reads_text_and_locates_every_incident():
    pv = upload.preview(OCTOBER.read_bytes(), "snhr-2017-10-massacres.txt")
    assert pv.ok and pv.error is None
    assert pv.parsed.report["month"] == "2017-10" and len(pv.parsed.incidents) == 19
    assert pv.parsed.sha256 == hashlib.sha256(OCTOBER.read_bytes()).hexdigest()
    assert pv.parsed.source == "snhr-2017-10-massacres.txt"
    assert list(pv.locations["seq"]) == list(range(1, 20))
    assert set(pv.locations["precision"]) <= {"exact", "locality", "city", "governorate"}
    assert (pv.locations["precision"] == "exact").sum() == 7  # the seven map links


def test_preview_reads_a_pdf():
    """A PDF made from the September report (as tests/test_variants.py makes one), uploaded as bytes."""
    import re

    from fpdf import FPDF

    from massacres.reports.layout import clean

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    text = (REPORTS / "snhr-2017-09-massacres.txt").read_text(encoding="utf-8")
    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    if font.exists():
        pdf.add_font("dejavu", fname=str(font))
        pdf.set_font("dejavu", size=10)
    else:  # core fonts are Latin-1 only
        text = text.translate(str.maketrans({"\u2013": "-", "\u2019": "'", "\u201c": '"', "\u201d": '"'}))
        text = text.encode("latin-1", "ignore").decode("latin-1")
        pdf.set_font("helvetica", size=10)
    for para in re.split(r"\n\s*\n", text):
        if para := clean(para):
            pdf.multi_cell(0, 5, para)
            pdf.ln(4)
    pv = upload.preview(bytes(pdf.output()), "september.pdf")
    assert pv.ok, pv.error
    assert pv.parsed.form == "pdf" and pv.parsed.report["month"] == "2017-09"
    assert pv.parsed.report["total_massacres"] == 43 and len(pv.parsed.incidents) == 43
    assert len(pv.locations) == 43


BAD = {
    "empty": (b"", "the file is empty"),
    "binary": (bytes(range(256)) * 40, "binary content"),
    "fake_pdf": (b"%PDF-1.7\nthis is not really a pdf\n", "not a readable PDF"),
    "not_a_report": (b"Shopping list\n\nMilk, eggs and bread.\n", "not an SNHR massacres report"),
    "latin1": ("No less than 3 massacres\n\ncaf\xe9\n".encode("latin-1"), "not UTF-8 text"),
    "truncated": (OCTOBER.read_bytes()[: OCTOBER.read_bytes().index(b"Abu Fas village")], "looks truncated"),
    "too_big": (b"x" * (upload.MAX_UPLOAD_BYTES + 1), "over the 10 MB limit"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_file_gets_a_message_and_nothing_is_written(case, built_db):
    data, message = BAD[case]
    before = _digest(built_db)
    leftovers = set(Path(tempfile.gettempdir()).glob("massacres-upload-*"))
    pv = upload.preview(data, f"../{case}.txt")
    assert not pv.ok and pv.parsed is None
    assert message in pv.error and pv.error.startswith(f"{case}.txt")
    assert "massacres-upload-" not in pv.error and "/" not in pv.error.split(":")[0]  # no temporary path shown
    assert _digest(built_db) == before
    assert set(Path(tempfile.gettempdir()).glob("massacres-upload-*")) == leftovers  # the temporary file is gone


def test_the_uploaded_name_is_a_label_never_a_path(built_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    opened: list[Path] = []
    real = upload.read_source
    monkeypatch.setattr(upload, "read_source", lambda path: (opened.append(path), real(path))[1])
    pv = upload.preview(OCTOBER.read_bytes(), "../../etc/passwd.txt")
    assert pv.ok and pv.file_name == "passwd.txt" and pv.parsed.source == "passwd.txt"
    [path] = opened
    assert path.name.startswith("massacres-upload-") and "passwd" not in str(path) and ".." not in path.parts
    assert not path.exists()
    upload.commit(built_db, pv.parsed, "../../etc/passwd.txt")
    assert _rows(built_db, "SELECT source_file FROM reports WHERE month = '2017-10'") == [("passwd.txt",)]
    assert _rows(built_db, "SELECT action, file_name FROM ingest_log ORDER BY id DESC LIMIT 1") == [
        ("upload", "passwd.txt")
    ]
    assert not list(tmp_path.rglob("passwd*"))


@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\report.pdf", "report.pdf"),
        ("/abs/path/snhr-2017-10.txt", "snhr-2017-10.txt"),
        ("..", "upload"),
        ("", "upload"),
        (".hidden.txt", "hidden.txt"),
        ("evil\u202etxt.pdf", "eviltxt.pdf"),  # a right-to-left override is dropped
        ("a\x00b\nc.txt", "abc.txt"),
        ("<b>bold</b>.txt", "b_.txt"),  # "/" is a separator: the last part is kept
        ("<img src=x onerror=alert(1)>.txt", "_img src_x onerror_alert(1)_.txt"),
        ("x" * 300 + ".txt", "x" * 116 + ".txt"),
    ],
)
def test_safe_name(name, expected):
    assert upload.safe_name(name) == expected


# --- diff --------------------------------------------------------------------------------------


def test_a_new_month_is_all_added(september_db):
    pv = upload.preview(OCTOBER.read_bytes(), "snhr-2017-10-massacres.txt")
    d = upload.diff(september_db, pv.parsed)
    assert not d.stored and d.month == "2017-10"
    assert len(d.added) == 19 and not d.removed and not d.changed and d.has_changes
    upload.commit(september_db, pv.parsed, "snhr-2017-10-massacres.txt")
    assert _rows(september_db, "SELECT month FROM reports ORDER BY month") == [("2017-09",), ("2017-10",)]
    assert _rows(september_db, "SELECT count(*) FROM incidents WHERE report_month = '2017-10'") == [(19,)]
    assert _rows(september_db, "SELECT action, report_month, incidents, replaced FROM ingest_log ORDER BY id") == [
        ("build", "2017-09", 43, False),
        ("upload", "2017-10", 19, False),
    ]
    assert not upload.diff(september_db, pv.parsed).has_changes


def test_the_same_file_again_changes_nothing(built_db):
    pv = upload.preview(OCTOBER.read_bytes(), "snhr-2017-10-massacres.txt")
    d = upload.diff(built_db, pv.parsed)
    assert d.stored and d.same_file and d.stored_file == "snhr-2017-10-massacres.txt"
    assert not d.has_changes and d.unchanged == 19 and not d.figures
    before = store.table_checksums(built_db)
    upload.commit(built_db, pv.parsed, "snhr-2017-10-massacres.txt")
    assert store.table_checksums(built_db) == before
    assert _rows(built_db, "SELECT action, replaced FROM ingest_log ORDER BY id DESC LIMIT 1") == [("upload", True)]


def test_a_revised_report_lists_what_is_added_removed_and_changed(built_db):
    pv = upload.preview(revised_october(), "snhr-2017-10-revised.txt")
    assert pv.ok, pv.error
    d = upload.diff(built_db, pv.parsed)
    assert d.stored and not d.same_file
    assert [(r["date"], r["place"]) for r in d.added] == [("2017-10-31", "al Baghouz")]
    assert [(r["date"], r["place"], r["governorate"]) for r in d.removed] == [("2017-10-12", "Abu Fas", "hasaka")]
    [change] = d.changed
    assert (change.after["date"], change.after["place"]) == ("2017-10-19", "al Bokamal")
    assert change.fields == ("killed", "paragraph")
    assert (change.before["killed"], change.after["killed"]) == (20, 22)
    # The new incident moved every later one a place down; moving is not changing.
    assert d.unchanged == 17
    assert {(f.figure, f.before, f.after) for f in d.figures} == {
        ("report total_massacres", 39, 40),
        ("total all: massacres", 39, 40),
    }
    assert d.summary() == "1 added, 1 removed, 1 changed, 17 unchanged incidents; 2 stated figures changed"
    upload.commit(built_db, pv.parsed, "snhr-2017-10-revised.txt")
    assert _rows(built_db, "SELECT count(*), sum(killed) FROM incidents WHERE report_month = '2017-10'") == [
        (19, 250 - 24 + 2 + 5)
    ]  # less Hasaka's 24, 2 more at Bokamal, the new incident's 5
    assert _rows(built_db, "SELECT count(*) FROM incidents WHERE report_month = '2017-09'") == [(43,)]
    assert not upload.diff(built_db, pv.parsed).has_changes


def test_two_massacres_in_one_place_on_one_day_pair_in_order(built_db):
    """September has two massacres on one day in one place (paragraph "another massacre on the
    same day"): pairing goes first by identical content, so only the edited one is changed."""
    pv = upload.preview((REPORTS / "snhr-2017-09-massacres.txt").read_bytes(), "september.txt")
    keys = [(i["date"], i["place"]) for i in pv.parsed.incidents]
    twins = [k for k in dict.fromkeys(keys) if keys.count(k) > 1]
    assert twins, "the fixture has no two incidents sharing a date and place"
    second = [i for i in pv.parsed.incidents if (i["date"], i["place"]) == twins[0]][1]
    second["killed"] += 1
    d = upload.diff(built_db, pv.parsed)
    assert [(c.after["seq"], c.fields) for c in d.changed] == [(second["seq"], ("killed",))]
    assert not d.added and not d.removed and d.unchanged == 42


def test_diff_sees_the_file_as_it_is_now_despite_an_open_connection(september_db):
    """DuckDB shares one open database per path within a process: a reader still open on the
    replaced file must not make the diff compare with the old data."""
    stale = duckdb.connect(str(september_db), read_only=True)
    try:
        pv = upload.preview(OCTOBER.read_bytes(), "october.txt")
        upload.commit(september_db, pv.parsed, "october.txt")
        assert stale.execute("SELECT count(*) FROM reports").fetchone() == (1,)  # the old file, whole
        d = upload.diff(september_db, pv.parsed)
        assert d.stored and not d.has_changes
    finally:
        stale.close()


def test_commit_failure_leaves_the_database_byte_identical(built_db, monkeypatch):
    pv = upload.preview(revised_october(), "revised.txt")
    before = _digest(built_db)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_location_rows", broken)  # fails mid-write, after the copy is made
    with pytest.raises(RuntimeError):
        upload.commit(built_db, pv.parsed, "revised.txt")
    assert _digest(built_db) == before
    assert sorted(p.name for p in built_db.parent.iterdir() if p.name.startswith(".")) == []


# --- the page ----------------------------------------------------------------------------------


def _page(timeout: float = 60) -> AppTest:
    return AppTest.from_file(PAGE, default_timeout=timeout).run()


def test_page_without_an_upload_states_the_limit(app_db):
    at = _page()
    assert not at.exception
    assert at.title[0].value == "Add a report"
    [uploader] = at.file_uploader
    assert "10 MB" in uploader.label and sorted(uploader.allowed_type) == [".pdf", ".txt"]
    assert any("Size limit: 10 MB" in c.value for c in at.caption)
    assert at.sidebar.checkbox[0].label == "Include uncertain attributions"  # the shared sidebar
    assert not at.button  # nothing to confirm before a file is given


def test_page_previews_then_replaces_only_after_confirmation(app_db):
    before = _digest(app_db)
    at = _page()
    at.file_uploader[0].upload("../snhr-2017-10-revised.txt", revised_october(), "text/plain").run()
    assert not at.exception
    assert at.header[0].value == "What the file holds: the October 2017 report"
    shown = {m.label: m.value for m in at.metric}
    assert shown["Massacres stated"] == "40" and shown["Incidents detailed"] == "19"
    assert (shown["Incidents added"], shown["Incidents removed"], shown["Incidents changed"]) == ("1", "1", "1")
    incidents = next(df.value for df in at.dataframe if "Paragraph" in df.value.columns)
    assert len(incidents) == 19 and incidents["Paragraph"].str.len().min() > 100  # the text, as data
    assert "October 2017 is already in the database" in at.warning[0].value
    [button] = at.button
    assert button.label == "Replace October 2017" and button.disabled
    assert _digest(app_db) == before  # shown, not written
    at.checkbox(key=next(c.key for c in at.checkbox if c.key.startswith("understood_"))).check().run()
    assert not at.button[0].disabled and _digest(app_db) == before
    at.button[0].click().run()
    assert not at.exception
    assert "Wrote the October 2017 report from `snhr-2017-10-revised.txt`" in at.success[0].value
    assert "1 added, 1 removed, 1 changed" in at.success[0].value
    assert _digest(app_db) != before
    assert _rows(app_db, "SELECT action, file_name, replaced FROM ingest_log ORDER BY id DESC LIMIT 1") == [
        ("upload", "snhr-2017-10-revised.txt", True)
    ]
    # A fresh, empty uploader: the written file is not offered again.
    assert not [h for h in at.header if h.value.startswith("What the file holds")] and not at.button


def test_page_adds_a_new_month_and_other_pages_show_it(september_db, monkeypatch):
    monkeypatch.setenv("MASSACRES_DB", str(september_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    overview = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not overview.exception
    at = _page()
    at.file_uploader[0].upload("snhr-2017-10-massacres.txt", OCTOBER.read_bytes(), "text/plain").run()
    assert "not in the database yet" in at.info[0].value
    assert not [c for c in at.checkbox if (c.key or "").startswith("understood_")]  # nothing to replace
    at.button[0].click().run()
    assert not at.exception and "a new month" in at.success[0].value
    # The overview, run again in this process, reads the new file (not the cached connection's).
    overview = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not overview.exception
    assert overview.sidebar.date_input[0].value[-1].isoformat() >= "2017-10-30"


def test_page_refuses_a_bad_file_and_writes_nothing(app_db):
    before = _digest(app_db)
    at = _page()
    at.file_uploader[0].upload("notes.txt", b"Shopping list\n\nMilk, eggs and bread.\n", "text/plain").run()
    assert not at.exception
    assert "cannot be added" in at.error[0].value
    assert any("not an SNHR massacres report" in t.value for t in at.text)
    assert not at.button and _digest(app_db) == before


def test_page_on_a_parquet_export_says_where_to_add_reports(built_db, tmp_path, monkeypatch):
    out = tmp_path / "parquet"
    store.export_parquet(built_db, out)
    monkeypatch.setenv("MASSACRES_PARQUET", str(out))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = _page()
    assert not at.exception and not at.file_uploader
    assert "massacres ingest" in at.info[0].value
