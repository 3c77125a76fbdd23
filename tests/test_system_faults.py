"""Issue 12, points 8, 9, 12: faults of the machine get one line and exit 3 with the database
intact; a report path that is not a regular file is refused without being read; control
characters never reach the database or the Excel download."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil

import duckdb
import pyarrow as pa
import pytest
from conftest import REPORTS

from massacres.cli import EXIT_BAD_INPUT, EXIT_SYSTEM, main
from massacres.dashboard import downloads
from massacres.store import writes as store

OCTOBER = REPORTS / "snhr-2017-10-massacres.txt"


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fail_with(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code), args[-1] if args else None)

    return fail


@pytest.mark.parametrize(
    "code, words", [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")]
)
def test_a_full_disk_or_read_only_directory_is_one_line_and_exit_3(code, words, built_db, monkeypatch, capsys):
    before = _digest(built_db)
    monkeypatch.setattr(shutil, "copyfile", _fail_with(code))  # the copy every ingest starts with
    assert main(["ingest", str(OCTOBER), "--db", str(built_db)]) == EXIT_SYSTEM
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and words in err and "nothing was written" in err
    assert "\n" not in err and "Traceback" not in err
    assert _digest(built_db) == before
    assert [p.name for p in built_db.parent.iterdir() if p.name.startswith(".")] == []


def test_a_directory_it_cannot_create_is_exit_3(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("tempfile.mkstemp", _fail_with(errno.EACCES))
    assert main(["build", "--reports", str(REPORTS), "--db", str(tmp_path / "m.duckdb")]) == EXIT_SYSTEM
    assert "Permission denied" in capsys.readouterr().err


def test_a_duckdb_io_error_is_exit_3(built_db, monkeypatch, capsys):
    def full(self, *args, **kwargs):
        raise duckdb.IOException('Could not write file "x": No space left on device')

    monkeypatch.setattr(store, "copy_points", lambda *a, **k: full(None))
    before = _digest(built_db)
    assert main(["ingest", str(OCTOBER), "--db", str(built_db)]) == EXIT_SYSTEM
    assert "No space left on device" in capsys.readouterr().err
    assert _digest(built_db) == before


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_a_report_path_that_is_not_a_file_is_refused_unread(kind, tmp_path, built_db, capsys):
    if kind == "directory":
        path = tmp_path / "a-folder.txt"
        path.mkdir()
        words = "a directory, not a report file"
    elif kind == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)  # no writer: opening it for reading would wait forever
        words = "not a regular file"
    else:
        path = "/dev/zero"  # endless, and its size says 0
        words = "not a regular file"
    before = _digest(built_db)
    assert main(["ingest", str(path), "--db", str(built_db)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err == f"error: {path}: {words}" + (
        "" if kind == "directory" else " (a pipe, device or socket): save the report to a file first"
    )
    assert _digest(built_db) == before


def test_a_file_growing_past_the_cap_is_refused(tmp_path, monkeypatch):
    from massacres.errors import ReportError
    from massacres.reports import sources

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    monkeypatch.setattr(sources, "MAX_BYTES", 1024)
    with pytest.raises(ReportError, match="over the"):
        sources.read_capped(path)


def test_control_characters_past_64k_are_not_stored(tmp_path, built_db):
    text = (REPORTS / "snhr-2017-09-massacres.txt").read_text(encoding="utf-8")
    padding = "An introduction paragraph that pushes the details past the first 64 KiB.\n\n" * 900
    cut = text.index("I. Introduction\n")
    first = text.index("Monday, September 11, 2017")
    dirty = text[:cut] + padding + text[cut:first] + text[first:].replace(" civilians", " civ\x01il\x00ians\x0b", 1)
    assert dirty.encode().index(b"\x00") > 65536
    path = tmp_path / "dirty.txt"
    path.write_text(dirty, encoding="utf-8")
    assert main(["ingest", str(path), "--db", str(built_db)]) == 0
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        paragraphs = [r[0] for r in con.execute("SELECT paragraph FROM incidents").fetchall()]
        assert paragraphs and not [p for p in paragraphs if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", p)]
        assert (
            con.execute(
                "SELECT count(*) FROM incidents WHERE report_month = '2017-09' "
                "AND paragraph LIKE '%al Kharita river crossing%killing of 12 civilians,%'"
            ).fetchone()[0]
            == 1
        )
        assert con.execute("SELECT count(*) FROM incidents WHERE report_month = '2017-09'").fetchone()[0] == 43
    finally:
        con.close()


def test_excel_download_survives_control_characters_already_stored():
    table = pa.table({"paragraph": ["fine", "bad\x01text", "=1+1\x00"], "killed": [5, 6, 7]})
    data = downloads.excel_bytes(table, "about")
    import io

    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(data))["incidents"]
    assert [c.value for c in ws["A"]] == ["paragraph", "fine", "badtext", "=1+1"]
    assert ws["A4"].data_type == "s"


def test_exit_codes_are_documented():
    from conftest import ROOT

    from massacres import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert cli.EXIT_SYSTEM == 3
    assert "3 a system error: the disk is full" in cli.__doc__
    assert "| `3` | a system error: the disk is full" in readme and "| `2` | bad input" in readme
