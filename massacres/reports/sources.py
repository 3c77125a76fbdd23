"""Reading a report file: text as published, or a PDF whose text is extracted first."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import stat
from pathlib import Path

from massacres.errors import ReportError

MAX_BYTES = 50 * 1024 * 1024  # a monthly report is well under 5 MB; more is not a report
MAX_PDF_PAGES = 300  # the longest monthly reports run to a few dozen pages
# A page's text past this is not a report page (a decompression bomb, or a data dump).
MAX_PAGE_TEXT = 200_000


def read_source(path: Path) -> tuple[str, str | None, str]:
    """(text, form hint, sha256 of the file's bytes). Raises ReportError naming the file."""
    source = str(path)
    data = read_capped(path)
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise ReportError(source, "the file is empty")
    if data[:5] == b"%PDF-":
        return strip_controls(pdf_text(data, source)), "pdf", digest
    if b"\x00" in data[:65536]:
        raise ReportError(source, "binary content: neither a text report nor a PDF")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReportError(source, "not UTF-8 text (undecodable byte)", line) from None
    return strip_controls(text), None, digest


def read_capped(path: Path) -> bytes:
    """The file's bytes, never more than MAX_BYTES read: a directory, a FIFO (which would wait
    forever for a writer) or a device such as /dev/zero (endless, and its st_size says 0) is
    refused before it is read, and a file growing past the limit while read is refused too."""
    source = str(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked on the open file.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise ReportError(source, "a directory, not a report file") from None
    except OSError as exc:
        raise ReportError(source, f"cannot read the file: {exc.strerror or exc}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReportError(source, "a directory, not a report file")
        raise ReportError(source, "not a regular file (a pipe, device or socket): save the report to a file first")
    with os.fdopen(fd, "rb") as fh:
        size = info.st_size
        if size > MAX_BYTES:
            raise ReportError(source, f"the file is {size / 2**20:.0f} MB, over the {MAX_BYTES // 2**20} MB limit")
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ReportError(source, f"the file is over the {MAX_BYTES // 2**20} MB limit")
    return data


# C0 control characters but tab, line feed and carriage return, DEL, and the C1 controls: no
# report text holds them, spreadsheets refuse them (one made the Excel download fail for every
# filter including its incident), and a NUL past the first 64 KiB slipped by the binary check.
_CONTROLS = dict.fromkeys([c for c in range(0x20) if chr(c) not in "\t\n\r"] + list(range(0x7F, 0xA0)))


def strip_controls(text: str) -> str:
    """The text without control characters (line breaks and tabs kept, so line numbers hold)."""
    return text.translate(_CONTROLS)


def pdf_text(data: bytes, source: str) -> str:
    """The PDF's text, page by page, as the PDF-text form (each page starts with a space)."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ReportError(source, "the PDF is encrypted: export an unprotected copy")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise ReportError(source, f"the PDF has {len(reader.pages)} pages, over the {MAX_PDF_PAGES}-page limit")
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            if len(text) > MAX_PAGE_TEXT:
                raise ReportError(source, f"page {number} of the PDF holds {len(text):,} characters: not a report page")
            pages.append(text)
    except ReportError:
        raise
    except LimitReachedError:
        # pypdf's own guard: no stream inflates past 75 MB.
        raise ReportError(source, "the PDF inflates beyond safe limits (a compression bomb?)") from None
    except (PyPdfError, PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ReportError(source, f"not a readable PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    if not any(p.strip() for p in pages):
        raise ReportError(source, "the PDF has no text layer (scanned images?)")
    return "\n".join(" " + p.strip("\n") for p in pages if p.strip())
