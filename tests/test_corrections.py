"""Reviewers' corrections: kept apart from the parsed rows, applied everywhere through one view,
surviving a rebuild, back in the queue when the parsed value changes, shared as CSV, and written
like every other write (atomic, logged, serialised, refused whole on bad input).

Expected values are read by hand from data/reports/snhr-2017-09-massacres.txt: incident 1
(line 127, Hawayej Thyab Shamiya) kills "12 civilians, including one female child and two
women"; incident 25 (line 233, al Boulayl) kills "10 civilians, including three women"; the
September report details 43 incidents and 430 killed, October 19 and 250 (62 and 680 in all).
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import textwrap

import duckdb
import pyarrow.csv as pacsv
import pytest
from conftest import ROOT, sha, stored

from massacres.cli import EXIT_BAD_INPUT, EXIT_OK, main
from massacres.dashboard import downloads
from massacres.dashboard.filters import Filters
from massacres.errors import ReportError
from massacres.store import corrections as spec
from massacres.store import corrections_write as cw
from massacres.store import db, queries

ALL = Filters(dt.date(2011, 1, 1), dt.date(2035, 12, 31))  # every incident


def totals(path) -> tuple[int, int]:
    """(massacres, killed) as the Overview's documented figures read them."""
    con = db.connect_readonly(path)
    try:
        row = queries.run(con, "documented_totals", ALL.params()).iloc[0]
        return int(row["massacres"]), int(row["killed"])
    finally:
        con.close()


def incident(path, month: str, seq: int) -> dict:
    con = db.connect_readonly(path)
    try:
        cur = con.execute("SELECT * FROM incidents WHERE report_month = ? AND seq = ?", [month, seq])
        return dict(zip([d[0] for d in cur.description], cur.fetchone()))
    finally:
        con.close()


def test_a_correction_changes_the_figures_and_not_the_parsed_row(built_db):
    assert totals(built_db) == (62, 680)
    outcome = cw.save(
        built_db, "2017-09", 25, {"killed": 17, "women": 3, "perpetrator": "russia"}, "Rana", "the parts add up to 17"
    )
    assert outcome == {"killed": "corrected", "women": "confirmed", "perpetrator": "confirmed"}
    assert totals(built_db) == (62, 687)  # 680 - 10 + 17
    inc = incident(built_db, "2017-09", 25)
    assert (inc["killed"], inc["women"], inc["reviewed"], inc["corrected"]) == (17, 3, True, "killed")
    # The parsed row is as the report gives it; the correction is a row of its own.
    assert stored(built_db, "SELECT killed FROM incidents WHERE report_month = '2017-09' AND seq = 25") == [(10,)]
    assert stored(
        built_db, "SELECT field, parsed, value, status, reason, reviewer, stale FROM corrections ORDER BY field"
    ) == [
        ("killed", "10", "17", "corrected", "the parts add up to 17", "Rana", False),
        ("perpetrator", "russia", "russia", "confirmed", None, "Rana", False),
        ("women", "3", "3", "confirmed", None, "Rana", False),
    ]


def test_corrections_for_gives_the_card_parsed_corrected_and_reason(built_db):
    cw.save(built_db, "2017-09", 25, {"killed": 17, "place": "al Bulayl"}, "Rana", "typo in the source")
    con = db.connect_readonly(built_db)
    reviews = spec.corrections_for(con, "2017-09", 25)
    assert [(r["field"], r["parsed"], r["value"], r["status"], r["reason"]) for r in reviews] == [
        ("killed", "10", "17", "corrected", "typo in the source"),
        ("place", "al Boulayl", "al Bulayl", "corrected", "typo in the source"),
    ]
    assert spec.describe(reviews[0]) == "Killed: parsed 10, corrected to 17: typo in the source (Rana)"
    assert spec.corrections_for(con, "2017-09", 24) == []


def test_a_correction_survives_massacres_build(built_db, reports_dir):
    cw.save(built_db, "2017-09", 25, {"killed": 17}, "Rana", "the parts add up to 17")
    assert main(["build", "--reports", str(reports_dir), "--db", str(built_db)]) == EXIT_OK
    assert totals(built_db) == (62, 687)
    assert incident(built_db, "2017-09", 25)["corrected"] == "killed"
    assert stored(built_db, "SELECT action FROM ingest_log ORDER BY id") == [
        ("build",),
        ("build",),
        ("correct",),
        ("build",),
        ("build",),
    ]


def test_a_correction_whose_parsed_value_changed_goes_back_to_the_queue(built_db, reports_dir):
    cw.save(built_db, "2017-09", 1, {"killed": 14, "perpetrator": "syrian_regime"}, "Rana", "two more named")
    assert incident(built_db, "2017-09", 1)["killed"] == 14
    report = reports_dir / "snhr-2017-09-massacres.txt"
    text = report.read_text(encoding="utf-8")
    old = "Thyab Shamiya village, western suburbs of Deir Ez-Zour governorate, which resulted in the killing of 12 civilians"
    assert text.count(old) == 1
    report.write_text(text.replace(old, old.replace("12 civilians", "13 civilians")), encoding="utf-8")
    assert main(["build", "--reports", str(reports_dir), "--db", str(built_db)]) == EXIT_OK
    # Parsed now 13: the review of 12 is neither applied to 13 nor dropped.
    inc = incident(built_db, "2017-09", 1)
    assert (inc["killed"], inc["reviewed"], inc["corrected"]) == (13, False, None)
    assert stored(built_db, "SELECT field, parsed, value, stale FROM corrections ORDER BY field") == [
        ("killed", "12", "14", True),
        ("perpetrator", "syrian_regime", "syrian_regime", False),
    ]
    con = db.connect_readonly(built_db)
    queue = queries.run(con, "review_queue_by_report", {"report_month": "2017-09"})
    item = queue[queue["seq"] == 1].iloc[0]
    assert (item["status"], bool(item["returned"])) == ("open", True)
    # Put back to 12 by a later rebuild, the review applies again.
    report.write_text(text, encoding="utf-8")
    assert main(["build", "--reports", str(reports_dir), "--db", str(built_db)]) == EXIT_OK
    assert incident(built_db, "2017-09", 1)["killed"] == 14


def test_ingesting_a_report_again_keeps_its_corrections(built_db, reports_dir):
    cw.save(built_db, "2017-09", 25, {"killed": 17}, "Rana", "the parts add up to 17")
    assert main(["ingest", str(reports_dir / "snhr-2017-09-massacres.txt"), "--db", str(built_db)]) == EXIT_OK
    assert totals(built_db) == (62, 687)


def test_the_export_shows_corrected_values_and_the_corrected_column(built_db):
    cw.save(built_db, "2017-09", 25, {"killed": 17, "place": "al Bulayl"}, "Rana", "checked")
    con = db.connect_readonly(built_db)
    table = downloads.rows(con, ALL.params() | {"search": None})
    rows = pacsv.read_csv(io.BytesIO(downloads.csv_bytes(table))).to_pylist()
    assert len(rows) == 62 and "corrected" in rows[0]
    by_key = {(r["report_month"], r["seq"]): r for r in rows}
    assert (
        by_key[("2017-09", 25)]["killed"],
        by_key[("2017-09", 25)]["place"],
        by_key[("2017-09", 25)]["corrected"],
    ) == (17, "al Bulayl", "killed; place")
    assert (
        by_key[("2017-09", 26)]["corrected"] in (None, "") and by_key[("2017-09", 26)]["killed"] == 10
    )  # an empty cell
    assert sum(r["killed"] for r in rows) == 687


def test_only_reviewed_incidents(built_db):
    cw.save(built_db, "2017-09", 25, {"killed": 17}, "Rana", "checked")
    cw.save(built_db, "2017-10", 1, {"perpetrator": incident(built_db, "2017-10", 1)["perpetrator"]}, "Rana", None)
    con = db.connect_readonly(built_db)
    only = Filters(ALL.start, ALL.end, reviewed_only=True)
    row = queries.run(con, "documented_totals", only.params()).iloc[0]
    assert (int(row["massacres"]), int(row["killed"])) == (2, 17 + incident(built_db, "2017-10", 1)["killed"])
    assert "only reviewed incidents" in only.describe(ALL)


def test_a_corrected_point_date_and_governorate_reach_the_map_and_the_trends(built_db):
    cw.save(
        built_db,
        "2017-09",
        25,
        {"point": "35.93, 36.63", "date": "2017-10-02", "governorate": "idlib"},
        "Rana",
        "map link in the PDF",
    )
    inc = incident(built_db, "2017-09", 25)
    assert (inc["point_lat"], inc["point_lon"], inc["precision"]) == (35.93, 36.63, "exact")
    assert (inc["date"], inc["incident_month"], inc["governorate"]) == (dt.date(2017, 10, 2), "2017-10", "idlib")


def test_values_outside_the_schema_are_refused_and_nothing_is_written(built_db):
    before = sha(built_db)
    for values, why in (
        ({"killed": -1}, "whole number"),
        ({"killed": "ten"}, "whole number"),
        ({"perpetrator": "martians"}, "one of"),
        ({"date": "2010-12-31"}, "date"),
        ({"point": "48.1,2.3"}, "outside Syria"),
        ({"colour": "red"}, "not a field"),
    ):
        with pytest.raises(ReportError, match=why):
            cw.save(built_db, "2017-09", 25, values, "Rana", "x")
    # Three women cannot be among 2 killed: the schema's rule holds for corrected rows too.
    with pytest.raises(ReportError, match="cannot exceed the killed"):
        cw.save(built_db, "2017-09", 25, {"killed": 2}, "Rana", "x")
    with pytest.raises(ReportError, match="give a reason"):
        cw.save(built_db, "2017-09", 25, {"killed": 11}, "Rana", "  ")
    with pytest.raises(ReportError, match="reviewer"):
        cw.save(built_db, "2017-09", 25, {"killed": 11}, " ", "why")
    with pytest.raises(ReportError, match="no such incident"):
        cw.save(built_db, "2017-09", 99, {"killed": 11}, "Rana", "why")
    assert sha(built_db) == before


def test_a_save_after_someone_elses_is_refused_not_lost(built_db):
    shown = {"killed": "10"}  # what both reviewers were shown
    cw.save(built_db, "2017-09", 25, {"killed": 17}, "Rana", "parts", shown=shown)
    before = sha(built_db)
    with pytest.raises(cw.CorrectionConflict, match="reviewed by Rana meanwhile"):
        cw.save(built_db, "2017-09", 25, {"killed": 12}, "Omar", "recount", shown=shown)
    assert sha(built_db) == before and incident(built_db, "2017-09", 25)["killed"] == 17


SAVER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from massacres.store import corrections_write as cw
    seq, n = int(sys.argv[2]), int(sys.argv[3])
    for i in range(n):
        cw.save(Path(sys.argv[1]), "2017-09", seq, {"wounded": i}, f"reviewer {seq}", f"save {i}")
    print("done")
""")


def test_two_concurrent_saves_both_land(built_db):
    saves = 6
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(built_db), str(seq), str(saves)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seq in (25, 26)
    ]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0 and "done" in out, err
    assert stored(built_db, "SELECT seq, value, reviewer FROM corrections ORDER BY seq") == [
        (25, str(saves - 1), "reviewer 25"),
        (26, str(saves - 1), "reviewer 26"),
    ]
    assert stored(built_db, "SELECT count(*) FROM ingest_log WHERE action = 'correct'") == [(2 * saves,)]


def test_csv_export_and_import_round_trip(built_db, tmp_path, reports_dir, capsys):
    cw.save(built_db, "2017-09", 25, {"killed": 17, "place": 'al Bulayl, "the bus"'}, "Rana", "typo, see PDF")
    cw.save(built_db, "2017-10", 1, {"wounded": None}, "Omar", None)
    out = tmp_path / "corrections.csv"
    assert main(["corrections", "export", str(out), "--db", str(built_db)]) == EXIT_OK
    fresh = tmp_path / "fresh.duckdb"
    assert main(["build", "--reports", str(reports_dir), "--db", str(fresh)]) == EXIT_OK
    assert main(["corrections", "import", str(out), "--db", str(fresh)]) == EXIT_OK
    assert "imported 3 correction(s)" in capsys.readouterr().out
    columns = 'report_month, seq, field, parsed, value, status, reason, reviewer, "at", stale'
    assert stored(fresh, f"SELECT {columns} FROM corrections ORDER BY ALL") == stored(
        built_db, f"SELECT {columns} FROM corrections ORDER BY ALL"
    )
    assert totals(fresh) == (62, 687)
    assert stored(
        fresh,
        "SELECT action, file_name, report_month, incidents FROM ingest_log WHERE action = 'import' "
        "ORDER BY report_month",
    ) == [("import", "corrections.csv", "2017-09", 1), ("import", "corrections.csv", "2017-10", 1)]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("2017-09,25,,killed,10,ten,corrected,typo,Rana,", ":2: killed must be a whole number"),
        ("2017-09,99,,killed,10,11,corrected,typo,Rana,", ":2: no incident 99 in the 2017-09 report"),
        ("2017-09,25,,killed,10,11,corrected,,Rana,", ":2: a correction needs a reason"),
        ("2017-09,25,,killed,10,11,confirmed,,Rana,", ":2: status is confirmed but value"),
        ("2017-13,25,,killed,10,11,corrected,typo,Rana,", ":2: report_month must be YYYY-MM"),
        ("2017-09,25,,colour,10,11,corrected,typo,Rana,", ":2: field must be one of"),
        (
            "2017-09,25,,killed,10,2,corrected,typo,Rana,",
            ":2: 2017-09 incident 25 would have 2 killed but 0 children, 3 women",
        ),
    ],
)
def test_a_bad_csv_is_refused_with_its_line_and_nothing_is_written(built_db, tmp_path, capsys, line, message):
    good = "2017-10,1,,wounded,,,confirmed,,Omar,2026-12-01T10:00:00"
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(cw.CSV_COLUMNS) + "\n" + line + "\n" + good + "\n", encoding="utf-8")
    before = sha(built_db)
    assert main(["corrections", "import", str(bad), "--db", str(built_db)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {bad}") and message in err[0], err
    assert sha(built_db) == before


def test_a_csv_with_the_wrong_columns_or_a_repeated_row_is_refused(built_db, tmp_path, capsys):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("month,seq,field,value\n2017-09,25,killed,11\n", encoding="utf-8")
    assert main(["corrections", "import", str(wrong), "--db", str(built_db)]) == EXIT_BAD_INPUT
    assert f"error: {wrong}:1: the first line must be the columns" in capsys.readouterr().err
    twice = tmp_path / "twice.csv"
    row = "2017-09,25,,killed,10,11,corrected,typo,Rana,"
    twice.write_text(",".join(cw.CSV_COLUMNS) + f"\n{row}\n{row}\n", encoding="utf-8")
    assert main(["corrections", "import", str(twice), "--db", str(built_db)]) == EXIT_BAD_INPUT
    assert f"error: {twice}:3: the same item and field as line 2" in capsys.readouterr().err


def test_an_imported_correction_of_another_parse_is_kept_stale(built_db, tmp_path, capsys):
    other = tmp_path / "other.csv"
    other.write_text(",".join(cw.CSV_COLUMNS) + "\n2017-09,25,,killed,9,11,corrected,typo,Rana,\n", encoding="utf-8")
    assert main(["corrections", "import", str(other), "--db", str(built_db)]) == EXIT_OK
    assert "1 no longer match the parsed value" in capsys.readouterr().out
    assert incident(built_db, "2017-09", 25)["killed"] == 10


def test_the_parquet_export_carries_the_corrections(built_db, tmp_path):
    from massacres.store import writes as store

    cw.save(built_db, "2017-09", 25, {"killed": 17}, "Rana", "checked")
    out = tmp_path / "parquet"
    counts = store.export_parquet(built_db, out)
    assert counts["corrections"] == 1
    con = db.connect_readonly(out / db.MANIFEST)
    assert con.execute("SELECT sum(killed) FROM incidents").fetchone()[0] == 687


def test_a_database_made_before_corrections_gets_the_table_and_a_log_that_takes_them(built_db):
    con = duckdb.connect(str(built_db))
    con.execute("DROP TABLE corrections")
    con.execute("ALTER TABLE ingest_log RENAME TO log_old")
    con.execute(
        'CREATE TABLE ingest_log (id INTEGER PRIMARY KEY, "at" TIMESTAMP NOT NULL, action VARCHAR NOT NULL '
        "CHECK (action IN ('build', 'ingest', 'upload')), file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, "
        "report_month VARCHAR NOT NULL, incidents INTEGER NOT NULL, warnings INTEGER NOT NULL, "
        "replaced BOOLEAN NOT NULL)"
    )
    con.execute("INSERT INTO ingest_log SELECT * FROM log_old")
    con.execute("DROP TABLE log_old")
    con.close()
    assert totals(built_db) == (62, 680)  # read without the table: the parsed values
    cw.save(built_db, "2017-09", 25, {"killed": 17}, "Rana", "checked")
    assert totals(built_db) == (62, 687)
    assert stored(built_db, "SELECT action FROM ingest_log ORDER BY id") == [("build",), ("build",), ("correct",)]


def test_values_are_stored_in_one_form_and_compared_as_values():
    f = spec.INCIDENT_FIELDS
    assert spec.canonical(f["killed"], " 17 ") == "17" and spec.canonical(f["killed"], 17.0) == "17"
    assert spec.canonical(f["children"], "") is None and spec.canonical(f["place"], None) is None
    assert spec.canonical(f["point"], "35.93, 36.630000") == "35.93,36.63"
    assert spec.canonical(f["date"], "2017-09-29") == "2017-09-29"
    with pytest.raises(ValueError, match="cannot be empty"):
        spec.canonical(f["killed"], "")
    with pytest.raises(ValueError, match="whole number"):
        spec.canonical(f["killed"], "١٢")  # Arabic-Indic digits: not what the form or the CSV takes
    with pytest.raises(ValueError, match="one line"):
        spec.canonical(f["place"], "two\nlines")
    # The same point typed with fewer digits is a confirmation, not a correction.
    assert spec.same_value(f["point"], "35.30839,40.2571", "35.308390,40.257100")
    assert not spec.same_value(f["killed"], "11", "10") and spec.same_value(f["children"], None, None)


def test_the_form_values_and_the_values_in_force():
    from massacres.dashboard import review

    assert review.values_from_form({"date": dt.date(2017, 9, 29), "area_of_control": review.NONE, "killed": 3}) == {
        "date": "2017-09-29",
        "area_of_control": None,
        "killed": 3,
    }
    reviews = [{"field": "killed", "value": "17", "stale": False}, {"field": "place", "value": "x", "stale": True}]
    assert review.in_force({"killed": "10", "place": "al Boulayl"}, reviews) == {"killed": "17", "place": "al Boulayl"}
    assert review.plain("[a](b) *c*") == "\\[a\\]\\(b\\) \\*c\\*"
