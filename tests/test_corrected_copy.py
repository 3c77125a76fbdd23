"""The corrected incidents kept in the database file (store/corrected_copy.py): written by every write
while a review applies, equal row for row to the view computed from the parsed rows and the
corrections, read by the app only while its fingerprint is the file's, and gone when no review
applies. The figures are test_corrections.py's (by hand from data/reports/): incident 25 of
September 2017 kills 10, incident 1 kills 12; 680 killed in the two reports' details."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from massacres.cli import EXIT_OK, main
from massacres.store import corrected_copy, db
from massacres.store import corrections_write as cw

ROWS = "SELECT * FROM incidents ORDER BY report_month, seq"


def reads_copy(path) -> bool:
    con = db.connect_readonly(path)
    try:
        sql = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'incidents'").fetchone()[0]
        return corrected_copy.TABLE in sql
    finally:
        con.close()


def rows(path) -> list[tuple]:
    con = db.connect_readonly(path)
    try:
        return con.execute(ROWS).fetchall()
    finally:
        con.close()


def computed(path, tmp_path) -> list[tuple]:
    """The corrected incidents as the view computes them, on a copy of the file without the kept copy."""
    other = tmp_path / "computed.duckdb"
    shutil.copyfile(path, other)
    con = duckdb.connect(str(other))
    con.execute(f"DROP TABLE IF EXISTS {corrected_copy.TABLE}")
    con.close()
    assert not reads_copy(other)
    return rows(other)


def has_copy(path) -> bool:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return bool(
            con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [corrected_copy.TABLE]).fetchone()[
                0
            ]
        )
    finally:
        con.close()


def killed(path, month: str, seq: int) -> int:
    con = db.connect_readonly(path)
    try:
        return con.execute("SELECT killed FROM incidents WHERE report_month = ? AND seq = ?", [month, seq]).fetchone()[
            0
        ]
    finally:
        con.close()


def test_no_review_no_copy(built_db):
    assert not has_copy(built_db) and not reads_copy(built_db)
    # A confirmation applies (reviewed = true): the copy is there, equal to the view.
    cw.save(built_db, "2017-09", 26, {"killed": 10}, "Rana", None)
    assert has_copy(built_db) and reads_copy(built_db)


def test_the_copy_equals_the_computed_view_after_every_kind_of_write(built_db, reports_dir, tmp_path):
    cw.save(built_db, "2017-09", 25, {"killed": 17, "date": "2017-10-02", "point": "35.93,36.63"}, "Rana", "x")
    assert reads_copy(built_db) and rows(built_db) == computed(built_db, tmp_path)
    assert killed(built_db, "2017-09", 25) == 17
    cw.save(built_db, "2017-10", 1, {"wounded": 4}, "Omar", "y")  # another month: only its row rewritten
    assert reads_copy(built_db) and rows(built_db) == computed(built_db, tmp_path)
    assert main(["ingest", str(reports_dir / "snhr-2017-09-massacres.txt"), "--db", str(built_db)]) == EXIT_OK
    assert reads_copy(built_db) and rows(built_db) == computed(built_db, tmp_path)
    assert main(["build", "--reports", str(reports_dir), "--db", str(built_db)]) == EXIT_OK
    assert reads_copy(built_db) and rows(built_db) == computed(built_db, tmp_path)
    assert main(["geocode", "--db", str(built_db)]) == EXIT_OK
    assert reads_copy(built_db) and rows(built_db) == computed(built_db, tmp_path)
    assert killed(built_db, "2017-09", 25) == 17
    out = tmp_path / "corrections.csv"
    assert main(["corrections", "export", str(out), "--db", str(built_db)]) == EXIT_OK
    fresh = tmp_path / "fresh.duckdb"
    assert main(["build", "--reports", str(reports_dir), "--db", str(fresh)]) == EXIT_OK
    assert main(["corrections", "import", str(out), "--db", str(fresh)]) == EXIT_OK
    assert reads_copy(fresh) and rows(fresh) == rows(built_db)


def test_a_review_gone_stale_leaves_the_copy_and_the_last_one_removes_it(built_db, reports_dir, tmp_path):
    cw.save(built_db, "2017-09", 1, {"killed": 14}, "Rana", "two more named")
    assert killed(built_db, "2017-09", 1) == 14
    report = reports_dir / "snhr-2017-09-massacres.txt"
    text = report.read_text(encoding="utf-8")
    old = "Thyab Shamiya village, western suburbs of Deir Ez-Zour governorate, which resulted in the killing of 12 civilians"
    report.write_text(text.replace(old, old.replace("12 civilians", "13 civilians")), encoding="utf-8")
    assert main(["ingest", str(report), "--db", str(built_db)]) == EXIT_OK
    # The only review is stale now: no review applies, so no copy; the parsed 13 is read.
    assert not has_copy(built_db) and killed(built_db, "2017-09", 1) == 13
    report.write_text(text, encoding="utf-8")
    assert main(["ingest", str(report), "--db", str(built_db)]) == EXIT_OK
    assert has_copy(built_db) and reads_copy(built_db) and killed(built_db, "2017-09", 1) == 14
    assert rows(built_db) == computed(built_db, tmp_path)


@pytest.mark.parametrize("change", ["a parsed row", "a correction"])
def test_a_copy_its_file_moved_on_from_is_not_read(built_db, change):
    """A write that did not refresh the copy (an older version of this code) leaves it behind the
    data: the app computes the view instead, and shows the file's figures."""
    cw.save(built_db, "2017-09", 25, {"killed": 17}, "Rana", "parts")
    con = duckdb.connect(str(built_db))
    if change == "a parsed row":
        con.execute("UPDATE incidents SET killed = killed + 1 WHERE report_month = '2017-09' AND seq = 26")
    else:
        con.execute("UPDATE corrections SET value = '18', reason = 'recount' WHERE seq = 25")
    con.close()
    assert has_copy(built_db) and not reads_copy(built_db)
    assert (killed(built_db, "2017-09", 25), killed(built_db, "2017-09", 26)) == (
        (17, 11) if change == "a parsed row" else (18, 10)
    )


def test_the_copy_is_not_data(built_db, tmp_path):
    from massacres.store import writes as store

    before = store.table_checksums(built_db)
    cw.save(built_db, "2017-09", 25, {"killed": 17}, "Rana", "parts")
    assert has_copy(built_db) and store.table_checksums(built_db) == before  # the parsed rows as they were
    out = tmp_path / "parquet"
    counts = store.export_parquet(built_db, out)
    assert corrected_copy.TABLE not in counts
    assert killed(out / db.MANIFEST, "2017-09", 25) == 17  # the export computes the view
