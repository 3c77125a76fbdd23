"""The Incidents page's downloads: every filtered, searched incident as CSV, Excel or Parquet.

Built only when a download button is clicked (Streamlit calls a deferred callable), never on a
render. DuckDB runs the page's own query (queries/incidents_by_search.sql, with no row limit)
and hands the rows over as one Arrow table; CSV and Parquet are written from it by pyarrow,
column by column. Excel is written row by row (openpyxl), the only way to an .xlsx, and holds at
most a sheet's 1,048,576 rows, the header included: beyond that, the first rows in the table's order,
and its 'about' sheet says how many of how many.
"""

from __future__ import annotations

import io
import os
import re
from typing import Any

import duckdb
import openpyxl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from massacres.dashboard import theme
from massacres.reports import record
from massacres.store import queries, search_index

QUERY = "incidents_by_search"
COLUMNS = list(record.exported())  # massacres/reports/record.py
EXCEL_SHEET_ROWS = 1_048_576  # rows in an Excel sheet
FORMULA_START = r"^[=+\-@\t\r]"  # what spreadsheets read as the start of a formula
BATCH = 10_000  # rows converted to Python objects at a time for Excel


# Well under a sheet's limit: an .xlsx is written row by row (openpyxl; xlsxwriter was only 1.7x
# faster), about 20 s per 100,000 rows here, so a million would keep a click waiting five minutes.
# CSV and Parquet, written by Arrow in seconds, hold every row.
EXCEL_MAX_ROWS = 100_000


def excel_max_rows() -> int:
    """Data rows an Excel download holds (never more than a sheet's rows less the header).
    $MASSACRES_EXCEL_MAX_ROWS changes it (tests use a small one)."""
    return min(int(os.environ.get("MASSACRES_EXCEL_MAX_ROWS") or EXCEL_MAX_ROWS), EXCEL_SHEET_ROWS - 1)


def rows(con: duckdb.DuckDBPyConnection, params: dict[str, Any], limit: int | None = None) -> pa.Table:
    """Every incident the filters and the search select (the first `limit`, when given), in date
    order, with every export column."""
    # The search's keys and the order, from the search text when the caller gives only that.
    params = search_index.params(params.get("search")) | {"sort": "date"} | params
    cur = con.cursor()
    try:
        table = queries.execute(cur, QUERY, params | {"limit": limit, "offset": 0}).to_arrow_table()
    finally:
        cur.close()
    # The party's label beside its key: mapped once per distinct key, not per row.
    keys = table.column("perpetrator").combine_chunks().dictionary_encode()
    labels = pa.array([theme.perpetrator_label(k) for k in keys.dictionary.to_pylist()], pa.string())
    party = pa.DictionaryArray.from_arrays(keys.indices, labels).cast(pa.string())
    table = table.append_column("party", party)
    return table.select(COLUMNS)


def _is_text(t: pa.DataType) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)


def csv_bytes(table: pa.Table) -> bytes:
    """CSV (UTF-8, a header row). A text cell that begins like a formula gets a leading
    apostrophe, so that spreadsheets show it instead of running it."""
    for i, field in enumerate(table.schema):
        if _is_text(field.type):
            col = table.column(i)
            risky = pc.match_substring_regex(col, FORMULA_START)
            table = table.set_column(i, field, pc.if_else(risky, pc.binary_join_element_wise("'", col, ""), col))
    buf = io.BytesIO()
    pacsv.write_csv(table, buf)
    return buf.getvalue()


def parquet_bytes(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def excel_bytes(table: pa.Table, about: str, max_rows: int | None = None, total: int | None = None) -> bytes:
    """An .xlsx with the rows (at most `max_rows`, by default a sheet's limit) on an 'incidents'
    sheet and what they are on an 'about' sheet, which says when they are the first `max_rows`
    of `total` (by default the table's rows). Text that begins with '=' stays text."""
    max_rows = excel_max_rows() if max_rows is None else max_rows
    total = table.num_rows if total is None else total
    shown = table.slice(0, max_rows)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("incidents")
    # The header stays in view while scrolling, and every column can be filtered.
    ws.freeze_panes = "A2"
    if shown.num_columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(shown.num_columns)}{shown.num_rows + 1}"
    ws.append(shown.column_names)
    text = [i for i, f in enumerate(shown.schema) if _is_text(f.type)]
    for batch in shown.to_batches(max_chunksize=BATCH):
        # Rows holding text that openpyxl would store as a formula, found column by column.
        # and rows holding control characters, which an .xlsx cannot store (a database written
        # before reports were cleaned of them at read time may hold some): those are dropped.
        risky = None
        for i in text:
            hit = pc.fill_null(
                pc.or_(pc.starts_with(batch.column(i), "="), pc.match_substring_regex(batch.column(i), EXCEL_ILLEGAL)),
                False,
            )
            risky = hit if risky is None else pc.or_(risky, hit)
        risky_rows = set(pc.indices_nonzero(risky).to_pylist()) if risky is not None else set()
        for r, values in enumerate(zip(*(c.to_pylist() for c in batch.columns))):
            if r in risky_rows:
                values = tuple(_excel_safe(ws, v) if isinstance(v, str) else v for v in values)
            ws.append(values)
    notes = [about, "Source: SNHR monthly reports"]
    if total > max_rows:
        notes.append(
            f"The Excel download holds at most {max_rows:,} rows: this file has the first "
            f"{max_rows:,} of the {total:,} matching incidents, in the table's order. The CSV and Parquet "
            "downloads hold them all."
        )
    about_sheet = wb.create_sheet("about")
    about_sheet.append(["about"])
    for note in notes:
        about_sheet.append([note])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


EXCEL_ILLEGAL = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"  # what openpyxl refuses in a cell (its ILLEGAL_CHARACTERS_RE)
_ILLEGAL = re.compile(EXCEL_ILLEGAL)


def _excel_safe(ws: Any, value: str) -> Any:
    value = _ILLEGAL.sub("", value)
    return _as_text(ws, value) if value.startswith("=") else value


def _as_text(ws: Any, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    return cell
