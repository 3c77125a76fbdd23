"""The About page and its reviewed texts (docs/about/*.md): the README holds the same texts, the data
model lists every column of every table in massacres/store/schema.sql, and the warning codes table
lists every code the parser and the pipeline write (and no code they never write)."""

from __future__ import annotations

import re

import duckdb
import pytest
from apptest import run_page
from conftest import ROOT

from massacres.dashboard import about

README = (ROOT / "README.md").read_text(encoding="utf-8")
TABLES = (
    "reports",
    "stated_figures",
    "incidents",
    "warnings",
    "locations",
    "ingest_log",
    "corrections",
    "search_terms",
    "search_postings",
)


def schema_columns() -> dict[str, set[str]]:
    """Every column of every table, read by DuckDB from the schema file itself."""
    con = duckdb.connect()
    con.execute((ROOT / "massacres" / "store" / "schema.sql").read_text(encoding="utf-8"))
    rows = con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
    out: dict[str, set[str]] = {}
    for table, column in rows:
        out.setdefault(table, set()).add(column)
    return out


def emitted_codes() -> set[str]:
    """Every warning code written in the parser's and the pipeline's source: the first argument of each
    warn("code", ...) call, and the quoted snake_case words of the lines that name a `code` variable or
    key ({"code": "not_located"}, `code = "unknown_perpetrator" if ... else "unknown_governorate"`,
    `for dim, code in (("perpetrator", "perpetrator_sum_differs"), ...)`)."""
    codes = set()
    for path in [*(ROOT / "massacres" / "reports").glob("*.py"), ROOT / "massacres" / "pipeline.py"]:
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r"\bwarn\(\s*\"([a-z_]+)\"", text))
        for line in text.splitlines():
            if re.search(r"\bcode\b", line) and not line.lstrip().startswith("#"):
                codes |= set(re.findall(r"\"([a-z]+(?:_[a-z]+)+)\"", line))
    return codes


@pytest.mark.parametrize("name", about.SHARED)
def test_the_readme_holds_each_shared_text_as_written(name):
    assert about.readme_block(README, name) == about.text(name), (
        f"README.md's copy of docs/about/{name}.md differs: edit the file and copy it between the markers"
    )


def test_the_schema_is_read_as_written():
    # A check on the check: the schema file has the six tables, and incidents' first and last columns.
    cols = schema_columns()
    assert set(cols) == set(TABLES)
    assert {"report_month", "seq", "incident_month", "paragraph"} <= cols["incidents"]
    assert cols["ingest_log"] == {
        "id",
        "at",
        "action",
        "file_name",
        "sha256",
        "report_month",
        "incidents",
        "warnings",
        "replaced",
    }


def test_the_data_model_describes_every_column_of_the_schema_and_no_other():
    documented = about.documented_columns(about.text("data-model"))
    assert set(documented) == set(TABLES)
    for table, columns in schema_columns().items():
        assert documented[table] == columns, (table, columns ^ documented[table])


def test_the_column_reader_splits_grouped_cells():
    md = (
        "### `t`: a table\n\n| column | meaning |\n|---|---|\n| a, b | two |\n| c | one |\n| *d* (derived) | x |\n\n### `u`\n\n"
        "| column | meaning |\n|---|---|\n| d | x |\n"
    )
    assert about.documented_columns(md) == {"t": {"a", "b", "c"}, "u": {"d"}}


def test_the_warning_codes_table_lists_every_code_written_and_only_those():
    from massacres.places import geocode

    codes = emitted_codes() | set(geocode.WARNINGS)
    # Hand-listed spot checks, so an empty scan cannot pass: codes from parse.py, summary.py,
    # constraints.py and pipeline.py.
    assert {
        "weekday_mismatch",
        "unread_figure",
        "constraint_time",
        "not_located",
        "unknown_perpetrator",
        "unknown_governorate",
        "perpetrator_sum_differs",
        "point_outside_heading",
    } <= codes
    assert about.documented_codes(about.text("warning-codes")) == codes


def test_the_about_page_shows_every_text(app_db):
    at = run_page("about")
    assert not at.exception
    assert at.title[0].value == "About the data"
    shown = "\n".join(m.value for m in at.markdown)
    for name in ("method",) + about.SHARED:
        assert about.text(name) in shown, name
    # Spot checks in words a reader looks for.
    assert "killing of five peaceful individuals at the same time" in shown
    assert "| incident_month |" in shown and "| `constraint_time` |" in shown
    assert "GeoNames" in shown and "Natural Earth" in shown
    assert [h.value for h in at.main.header] == [
        "The data model",
        "Location precision",
        "Warning codes",
        "Sources and licences",
    ]
