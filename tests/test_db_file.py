"""Issue 12, points 4 and 13: the database path. A symlink is followed and the target replaced;
a path holding anything else is never overwritten; owner and mode survive a write; temporary
copies left by killed writes are removed at the next write."""

from __future__ import annotations

import hashlib
import os
import shutil

import duckdb
import pytest
from conftest import REPORTS

from massacres.cli import EXIT_BAD_INPUT, EXIT_OK, main
from massacres.store import writes as store

OCTOBER = REPORTS / "snhr-2017-10-massacres.txt"


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _months(path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM reports").fetchone()[0]
    finally:
        con.close()


def test_a_symlinked_database_is_updated_through_the_link(tmp_path, reports_dir):
    real = tmp_path / "real" / "massacres.duckdb"
    real.parent.mkdir()
    link = tmp_path / "link.duckdb"
    link.symlink_to(real)
    (reports_dir / "snhr-2017-10-massacres.txt").unlink()
    assert main(["build", "--reports", str(reports_dir), "--db", str(link)]) == EXIT_OK
    assert link.is_symlink() and real.is_file() and _months(real) == 1
    assert main(["ingest", str(OCTOBER), "--db", str(link)]) == EXIT_OK
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert _months(real) == 2


@pytest.mark.parametrize(
    "content", [b"No less than 43 Massacres in September 2017\n", b"\x89PNG\r\n\x1a\n" + b"0" * 64]
)
def test_build_never_overwrites_a_file_that_is_not_its_database(content, tmp_path, reports_dir, capsys):
    victim = tmp_path / "precious.txt"
    victim.write_bytes(content)
    for args in (["build", "--reports", str(reports_dir)], ["ingest", str(OCTOBER)]):
        assert main([*args, "--db", str(victim)]) == EXIT_BAD_INPUT
        err = capsys.readouterr().err.strip()
        assert err == (
            f"error: {victim}: exists and is not a DuckDB database: refusing to replace it "
            "(give --db a new path or this project's database)"
        )
    assert victim.read_bytes() == content


def test_build_never_overwrites_another_projects_duckdb(tmp_path, reports_dir, capsys):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE accounts (id INTEGER)")
    con.close()
    before = _digest(other)
    assert main(["build", "--reports", str(reports_dir), "--db", str(other)]) == EXIT_BAD_INPUT
    assert "a DuckDB database of something else" in capsys.readouterr().err
    assert _digest(other) == before


def test_owner_and_mode_survive_a_write(built_db):
    os.chmod(built_db, 0o640)
    if os.geteuid() == 0:
        os.chown(built_db, 65534, 65534)  # nobody:nogroup, as the issue found it
    before = os.stat(built_db)
    assert main(["ingest", str(OCTOBER), "--db", str(built_db)]) == EXIT_OK
    after = os.stat(built_db)
    assert after.st_ino != before.st_ino  # replaced, not written in place
    assert (after.st_mode & 0o7777, after.st_uid, after.st_gid) == (0o640, before.st_uid, before.st_gid)


def test_copies_left_by_killed_writes_are_removed_at_the_next_write(built_db):
    stale = [
        built_db.parent / f".{built_db.name}.abc123.tmp",
        built_db.parent / f".{built_db.name}.abc123.tmp.wal",
        built_db.parent / f".{built_db.name}.zz9.tmp",
    ]
    for path in stale:
        shutil.copyfile(built_db, path)
    unrelated = built_db.parent / ".other.duckdb.abc.tmp"
    unrelated.write_text("not ours")
    assert main(["ingest", str(OCTOBER), "--db", str(built_db)]) == EXIT_OK
    assert not [p for p in stale if p.exists()]
    assert unrelated.exists()


def test_stale_copies_are_only_ours(tmp_path):
    db = tmp_path / "m[1].duckdb"  # glob characters in the name match only this name
    (tmp_path / ".m1.duckdb.x.tmp").write_text("another database's copy")
    (tmp_path / ".m[1].duckdb.x.tmp").write_text("ours")
    assert store.remove_stale_copies(db) == [tmp_path / ".m[1].duckdb.x.tmp"]
    assert (tmp_path / ".m1.duckdb.x.tmp").exists()
