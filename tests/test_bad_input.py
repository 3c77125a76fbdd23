"""Bad input: a one-line error naming the file (and line), exit code 2, database unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import REPORTS

from massacres.cli import EXIT_BAD_INPUT, main


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pdf(text_lines: list[str], path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    for line in text_lines:
        pdf.multi_cell(0, 5, line)
    pdf.output(str(path))
    return path


def _truncated(tmp: Path) -> Path:
    text = (REPORTS / "snhr-2017-09-massacres.txt").read_text(encoding="utf-8")
    cut = text.index("Jdeidat Bakkara](#) village, eastern suburbs")
    p = tmp / "truncated.txt"
    p.write_text(text[:cut], encoding="utf-8")
    return p


def _no_text_pdf(tmp: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50)
    path = tmp / "scan.pdf"
    pdf.output(str(path))
    return path


CASES = {
    "empty": (lambda tmp: (tmp / "empty.txt", b""), "the file is empty", None),
    "binary": (lambda tmp: (tmp / "photo.txt", bytes(range(256)) * 40), "binary content", None),
    "not_a_report": (
        lambda tmp: (tmp / "notes.txt", b"Shopping list\n\nMilk, eggs and bread.\n"),
        "not an SNHR massacres report",
        None,
    ),
    "fake_pdf": (lambda tmp: (tmp / "fake.pdf", b"%PDF-1.7\nthis is not really a pdf\n"), "not a readable PDF", None),
    "latin1": (
        lambda tmp: (tmp / "latin1.txt", "No less than 3 massacres\n\ncaf\xe9\n".encode("latin-1")),
        "not UTF-8 text",
        3,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_is_refused_and_database_unchanged(case, tmp_path, built_db, capsys):
    make, message, line = CASES[case]
    path, data = make(tmp_path)
    path.write_bytes(data)
    before = _digest(built_db)
    assert main(["ingest", str(path), "--db", str(built_db)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, err
    assert err.startswith(f"error: {path}") and message in err
    if line is not None:
        assert err.startswith(f"error: {path}:{line}:")
    assert _digest(built_db) == before


def test_pdf_without_text(tmp_path, built_db, capsys):
    path = _no_text_pdf(tmp_path)
    before = _digest(built_db)
    assert main(["ingest", str(path), "--db", str(built_db)]) == EXIT_BAD_INPUT
    assert "the PDF has no text layer" in capsys.readouterr().err
    assert _digest(built_db) == before


def test_truncated_report_names_the_line(tmp_path, built_db, capsys):
    path = _truncated(tmp_path)
    before = _digest(built_db)
    assert main(["ingest", str(path), "--db", str(built_db)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    # The cut falls inside the paragraph on line 225 of the original.
    assert err.startswith(f"error: {path}:225: ") and "truncated" in err
    assert _digest(built_db) == before


def test_one_bad_file_among_good_ones_writes_nothing(tmp_path, built_db, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    before = _digest(built_db)
    rc = main(["ingest", str(REPORTS / "snhr-2017-10-massacres.txt"), str(bad), "--db", str(built_db)])
    assert rc == EXIT_BAD_INPUT
    assert _digest(built_db) == before


def test_missing_file(tmp_path, capsys):
    assert main(["parse", str(tmp_path / "nope.txt")]) == EXIT_BAD_INPUT
    assert "cannot read the file" in capsys.readouterr().err


def test_build_from_empty_directory_keeps_database(tmp_path, built_db, capsys):
    empty = tmp_path / "none"
    empty.mkdir()
    before = _digest(built_db)
    assert main(["build", "--reports", str(empty), "--db", str(built_db)]) == EXIT_BAD_INPUT
    assert _digest(built_db) == before
