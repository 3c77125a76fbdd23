"""Hostile input: PDFs that are not what they claim, oversized files, bombs, path tricks."""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

import duckdb
import pytest
from conftest import REPORTS

from massacres.cli import EXIT_BAD_INPUT, main


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(path: Path, db: Path, capsys, message: str) -> None:
    before = _digest(db)
    assert main(["ingest", str(path), "--db", str(db)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {path}") and message in err, err
    assert err.count("\n") == 0
    assert _digest(db) == before


def test_encrypted_pdf(tmp_path, built_db, capsys):
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.multi_cell(0, 5, "No less than 3 massacres in March 2031")
    pdf.output(str(plain))
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    _refused(locked, built_db, capsys, "the PDF is encrypted")


def test_huge_file(tmp_path, built_db, capsys):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # sparse: no disk used
    _refused(huge, built_db, capsys, "over the 50 MB limit")


def _deflate(chunk: bytes, repeat: int) -> bytes:
    """`chunk` * `repeat`, Flate-compressed without ever holding the whole in memory."""
    z = zlib.compressobj(9)
    return b"".join(z.compress(chunk) for _ in range(repeat)) + z.flush()


def _raw_pdf(content: bytes, pages: int = 1, repeat: int = 1) -> bytes:
    """A minimal PDF whose page content stream is `content` * `repeat`, Flate-compressed."""
    stream = _deflate(content, repeat)
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_compression_bomb(tmp_path, built_db, capsys):
    import time

    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_raw_pdf(b"BT (massacre) Tj ET " * 1000, repeat=10_000))  # 200 MB in a few hundred KB
    assert bomb.stat().st_size < 2_000_000
    t0 = time.perf_counter()
    before = _digest(built_db)
    assert main(["ingest", str(bomb), "--db", str(built_db)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    # pypdf never inflates a stream past 75 MB: refused fast, whichever way it is refused.
    assert ("compression bomb" in err or "no text layer" in err) and err.startswith(f"error: {bomb}")
    assert time.perf_counter() - t0 < 20
    assert _digest(built_db) == before


def test_too_many_pages(tmp_path, built_db, capsys):
    many = tmp_path / "many.pdf"
    many.write_bytes(_raw_pdf(b"BT ET", pages=301))
    _refused(many, built_db, capsys, "over the 300-page limit")


def test_a_pdf_that_is_text(tmp_path, built_db, capsys):
    fake = tmp_path / "report.pdf"
    fake.write_bytes(b"%PDF-1.4\n" + (REPORTS / "snhr-2017-09-massacres.txt").read_bytes())
    _refused(fake, built_db, capsys, "not a readable PDF")


def test_path_segments_in_a_file_name_are_not_kept(tmp_path, built_db):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    target = tmp_path / "a" / "snhr-2017-10-massacres.txt"
    target.write_bytes((REPORTS / "snhr-2017-10-massacres.txt").read_bytes())
    assert main(["ingest", str(sub / ".." / target.name), "--db", str(built_db)]) == 0
    con = duckdb.connect(str(built_db), read_only=True)
    stored = con.execute("SELECT source_file FROM reports WHERE month = '2017-10'").fetchone()[0]
    con.close()
    assert stored == "snhr-2017-10-massacres.txt"


@pytest.mark.parametrize("value", ["'; DROP TABLE incidents; --", '" OR 1=1 --', "russia') OR ('1'='1"])
def test_sql_in_url_filters_is_harmless(app_db, value):
    from apptest import metrics, run_page

    at = run_page("overview", {"perp": value, "gov": value, "from": value})
    assert not at.exception
    # Every invalid value dropped: the default view, the reports' months from 1 Sep (62 incidents less
    # September's two late-reported August ones); the data intact, all 62 stored.
    assert metrics(at)[0] == ("Massacres", "60")
    con = duckdb.connect(str(app_db), read_only=True)
    assert con.execute("SELECT count(*) FROM incidents").fetchone()[0] == 62
    con.close()


def test_a_database_file_cannot_make_the_app_read_other_files(tmp_path):
    """Issue 12, point 14: a database whose table is a view calling read_text() on a secret
    file gets a permission error in the app's connection, never the file's content."""
    from massacres.store import db

    secret = tmp_path / "secret.txt"
    secret.write_text("the password")
    path = tmp_path / "hostile.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE VIEW reports AS SELECT content AS month FROM read_text(" + f"'{secret}'" + ")")
    con.close()
    with pytest.raises(db.DataUnavailable, match="PermissionException") as refused:
        db.connect_readonly(path)
    assert "the password" not in str(refused.value)
    con = duckdb.connect(str(path))
    con.execute("DROP VIEW reports")
    con.execute("CREATE TABLE reports (month VARCHAR)")
    con.close()
    ro = db.connect_readonly(path)
    with pytest.raises(duckdb.Error, match="disabled by configuration"):
        ro.execute("SELECT content FROM read_text(?)", [str(secret)]).fetchall()
    with pytest.raises(duckdb.Error, match="lock"):
        ro.execute("SET enable_external_access = true")
