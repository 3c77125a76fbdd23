"""The About page's reviewed texts (docs/about/*.md) and the checks that keep the README, the schema
and the parser's warning codes in step with them.

Each text is written once: the page renders the file, and the README holds the same file between
two marker comments, so the two cannot drift (tests/test_about.py compares them, and every column of
massacres/store/schema.sql and every warning code the parser emits with the texts).
"""

from __future__ import annotations

import re
from pathlib import Path

ABOUT_DIR = Path(__file__).resolve().parents[2] / "docs" / "about"
# The texts the README shows too, in the order the page shows them; method.md is the page's alone.
SHARED = ("data-model", "precision", "warning-codes", "attributions")
_HEADING = re.compile(r"^#{2,4}\s+`([a-z_]+)`")
_ROW = re.compile(r"^\|(.+)\|\s*$")


def text(name: str) -> str:
    """The reviewed text docs/about/<name>.md, as written."""
    return (ABOUT_DIR / f"{name}.md").read_text(encoding="utf-8").strip("\n")


def begin_marker(name: str) -> str:
    return (
        f"<!-- begin docs/about/{name}.md (the About page shows the same file; "
        "tests/test_about.py keeps them equal) -->"
    )


def end_marker(name: str) -> str:
    return f"<!-- end docs/about/{name}.md -->"


def readme_block(readme: str, name: str) -> str | None:
    """The README's copy of docs/about/<name>.md: the text between its two markers, or None when the
    markers are missing."""
    start, end = readme.find(begin_marker(name)), readme.find(end_marker(name))
    if start < 0 or end < start:
        return None
    return readme[start + len(begin_marker(name)) : end].strip("\n")


def _first_cells(lines: list[str]) -> list[str]:
    """The first cell of each body row of the markdown tables in `lines` (header and rule rows skipped)."""
    cells, in_table = [], False
    for line in lines:
        m = _ROW.match(line.strip())
        if not m:
            in_table = False
            continue
        first = m.group(1).split("|")[0].strip()
        if not in_table:  # the header row
            in_table = True
            continue
        if set(first) <= set("-: "):
            continue
        cells.append(first)
    return cells


def documented_columns(markdown: str) -> dict[str, set[str]]:
    """Each table the data model describes (a heading naming it in backquotes) and the stored columns its
    table lists in the first cell of a row ("victims_total, victims_children, victims_women" lists three;
    a name in italics is derived by a query, not stored, and left out)."""
    out: dict[str, set[str]] = {}
    table: str | None = None
    lines: list[str] = []
    for line in markdown.splitlines() + ["## end"]:
        m = _HEADING.match(line)
        if m or line.startswith("## "):
            if table:
                # A row whose name is in italics is derived by a query, not stored (*has_breakdown*).
                out[table] = {
                    c.strip().strip("`")
                    for cell in _first_cells(lines)
                    if not cell.startswith("*")
                    for c in cell.split(",")
                }
            table, lines = (m.group(1) if m else None), []
        elif table:
            lines.append(line)
    return out


def documented_codes(markdown: str) -> set[str]:
    """The warning codes a table lists, in backquotes in the first cell of its rows."""
    return {code for cell in _first_cells(markdown.splitlines()) for code in re.findall(r"`([a-z_]+)`", cell)}
