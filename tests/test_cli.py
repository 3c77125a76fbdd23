"""The console script's contract: JSON shape, exit codes, the installed entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPORTS

from massacres.cli import EXIT_OK, EXIT_WARNINGS, main

REPORT_KEYS = {
    "month",
    "title",
    "published",
    "total_massacres",
    "victims_total",
    "victims_children",
    "victims_women",
    "ytd_massacres",
    "ytd_period",
    "kind",
    "details_complete",
    "civilians_killed",
}


def test_parse_json_contract(capsys):
    assert main(["parse", str(REPORTS / "snhr-2017-09-massacres.txt"), "--json"]) == EXIT_OK
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"report", "stated", "incidents", "warnings"}
    assert set(out["report"]) == REPORT_KEYS
    assert out["report"]["month"] == "2017-09" and out["report"]["published"] == "2017-10-09"
    assert all({"dimension", "key"} <= set(s) for s in out["stated"])
    assert [i["seq"] for i in out["incidents"]] == list(range(1, 44))
    assert {w["code"] for w in out["warnings"]} == {"governorate_conflict", "stated_differs"}


def test_strict_turns_warnings_into_exit_1(capsys):
    path = str(REPORTS / "snhr-2017-09-massacres.txt")
    assert main(["parse", path]) == EXIT_OK
    assert main(["parse", path, "--strict"]) == EXIT_WARNINGS
    err = capsys.readouterr().err
    assert f"warning: {path}:233: governorate_conflict [incident 25]" in err


def test_parse_writes_nothing(tmp_path):
    db = tmp_path / "never.duckdb"
    assert main(["parse", str(REPORTS / "snhr-2017-10-massacres.txt"), "--db", str(db)]) == EXIT_OK
    assert not db.exists()


def test_console_script_is_installed(tmp_path):
    exe = Path(sys.executable).parent / "massacres"
    db = tmp_path / "m.duckdb"
    run = subprocess.run(
        [str(exe), "build", "--reports", str(REPORTS), "--db", str(db)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert "built" in run.stdout and "2 reports, 62 incidents" in run.stdout
    bad = tmp_path / "bad.txt"
    bad.write_text("")
    run = subprocess.run([str(exe), "ingest", str(bad), "--db", str(db)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and run.stderr.strip() == f"error: {bad}: the file is empty"
