"""Readers never see an error or a half-written database while another process rebuilds it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time

import duckdb
from conftest import REPORTS, ROOT

REBUILDS = 12

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from massacres.store import writes as store
    from massacres.pipeline import read_report as parse_file  # parsed and located, as the CLI does
    db = Path(sys.argv[1])
    both = [parse_file(p) for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
    for i in range(int(sys.argv[3])):
        store.build(db, both if i % 2 else both[:1])  # alternately 1 and 2 reports
    print("done")
""")


def test_readers_see_whole_databases_during_rebuilds(built_db):
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(built_db), str(REPORTS), str(REBUILDS)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: set[tuple[int, int]] = set()
    errors: list[str] = []
    reads = 0

    def reader() -> None:
        nonlocal reads
        while writer.poll() is None:
            try:
                con = duckdb.connect(str(built_db), read_only=True)
                try:
                    row = con.execute(
                        "SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM incidents), "
                        "(SELECT sum(incident_count) FROM reports), "
                        "(SELECT count(*) FROM locations)"
                    ).fetchone()
                finally:
                    con.close()
            except Exception as exc:  # noqa: BLE001 - any error at all is the failure being tested for
                errors.append(f"{type(exc).__name__}: {exc}")
                continue
            reports, incidents, declared, located = row
            if incidents != declared or located != incidents or (reports, incidents) not in {(1, 43), (2, 62)}:
                errors.append(f"partial state: {row}")
            seen.add((reports, incidents))
            reads += 1
            time.sleep(0.005)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    out, err = writer.communicate(timeout=300)
    for t in threads:
        t.join()
    assert writer.returncode == 0 and "done" in out, err
    assert not errors, errors[:5]
    assert reads > 50 and seen == {(1, 43), (2, 62)}, (reads, seen)


def test_a_long_lived_connection_does_not_hide_a_rebuilt_file(tmp_path):
    """DuckDB shares one instance per path in a process: a new connection must still see the
    new file while the app's old connection to the replaced file is open."""
    from massacres.pipeline import read_report as parse_file  # parsed and located, as the CLI does
    from massacres.store import db
    from massacres.store import writes as store

    path = tmp_path / "m.duckdb"
    reports = [parse_file(p) for p in sorted(REPORTS.glob("*.txt"))]
    store.build(path, reports[:1])
    old = db.connect_readonly(path)
    assert old.execute("SELECT count(*) FROM incidents").fetchone()[0] == 43
    store.build(path, reports)
    new = db.connect_readonly(path)
    assert new.cursor().execute("SELECT count(*) FROM incidents").fetchone()[0] == 62
    assert old.execute("SELECT count(*) FROM incidents").fetchone()[0] == 43  # the old view stays whole
