"""The corrected incidents kept in the database file, so that reading them costs nothing.

The pages read `incidents` with the reviewers' corrections applied (queries/corrected_incidents.sql).
Computed on every query, that view excludes the reviewed rows from a scan of every incident (a
join over a million rows: 1.3 to 3.4 times the time of the plain table at a million incidents,
BENCHMARKS.md); materialised in the app's in-memory connection it took 300 MB and more and 4 s on
the first page after each write. So the writer keeps it in the file, as a table of its own
(`corrected_incidents`: every incident, corrected, with `reviewed` and `corrected`), written in the
same transaction as the data and the corrections it derives from, and the app reads that table as
it reads the parsed one: compressed, with its statistics, at the plain table's speed.

- Only while a review applies: with none, there is no copy (and nothing to pay on disk).
- Kept up to date by every write (`refresh`): a correction rewrites only the incidents it reviews;
  an ingest the months it writes; a build or a new geocoding all of it.
- Never trusted blindly: the table's comment holds a fingerprint of what it was made from
  (`fingerprint`): the log of writes (every write of parsed rows logs one: build, ingest, upload),
  every incident's key, counts, party, date, places, point and the other fields a review can change
  (a new geocoding writes points and no log), and every correction. The app uses the copy only
  while the file's fingerprint is still that one: a file an older version wrote to without
  refreshing the copy gets the view computed instead, with the same figures.
- Derived, like the search index: not data of its own. Checksums, the Parquet export and the
  month replacement leave it out; the parsed rows are never edited.
"""

from __future__ import annotations

import duckdb

from massacres.store import db, queries

TABLE = "corrected_incidents"
# What a copy is made from (see above); cheap enough to be checked each time the app opens the file
# (40 ms at a million incidents, where a hash of every column, the paragraphs too, took 190).
_PARSED = (
    "report_month, seq, killed, children, women, fetuses, wounded, perpetrator, date, governorate, place, "
    "point_lat, point_lon, precision, iso_code, matched_name, area_of_control, weapon, incident_month"
)
_FINGERPRINT = (
    "SELECT (SELECT count(*) || ':' || coalesce(max(id), 0) FROM {log}) || '/' || "
    "(SELECT count(*) || ':' || coalesce(bit_xor(hash(" + _PARSED + ")), 0) FROM {incidents}) || '/' || "
    "(SELECT count(*) || ':' || coalesce(bit_xor(hash(c)), 0) FROM corrections AS c)"
)


def fingerprint(con: duckdb.DuckDBPyConnection, incidents: str = "incidents", log: str = "ingest_log") -> str:
    """What the copy is made from: the log of writes, the parsed incidents (`incidents`: the table
    in a database file, 'parsed_incidents' on the app's connection) and the corrections."""
    return str(db.scalar(con, _FINGERPRINT.format(incidents=incidents, log=log)))


def _active(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(db.scalar(con, "SELECT count(*) FROM corrections WHERE seq IS NOT NULL AND NOT stale"))


def _exists(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(
        db.scalar(
            con,
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND table_name = ?",
            [TABLE],
        )
    )


def refresh(
    con: duckdb.DuckDBPyConnection,
    months: list[str] | None = None,
    keys: list[tuple[str, int]] | None = None,
) -> None:
    """Bring the copy in the writer's database up to date at the end of a write, in its transaction
    (after corrections.refresh_stale and the write's log row): `keys` (report month, seq) are the
    incidents whose reviews changed, `months` the months whose rows were written anew; neither:
    everything."""
    if not _active(con):
        con.execute("DROP TABLE IF EXISTS " + TABLE)
        return
    # The writer's `incidents` is the parsed table: the reader's names for the parts of the view.
    con.execute("CREATE OR REPLACE TEMP VIEW parsed_incidents AS SELECT * FROM incidents")
    con.execute("CREATE OR REPLACE TEMP VIEW applied_corrections AS " + queries.load("applied_corrections"))
    con.execute("CREATE OR REPLACE TEMP VIEW reviewed_incidents AS " + queries.load("reviewed_incidents"))
    if not _exists(con) or (months is None and keys is None):
        # In the parsed table's order, so that its row groups keep their ranges of dates and months.
        view = queries.load("corrected_incidents")
        con.execute(f"CREATE OR REPLACE TABLE {TABLE} AS SELECT * FROM ({view}) ORDER BY report_month, seq")
    elif keys is not None:
        # Only these incidents' rows change: each is a reviewed one now (a review is never removed).
        changed = sorted(set(keys))
        pairs = [[m for m, _ in changed], [q for _, q in changed]]
        keyed = "(SELECT unnest(?::VARCHAR[]) AS report_month, unnest(?::INTEGER[]) AS seq)"
        con.execute(
            f"DELETE FROM {TABLE} AS t USING {keyed} AS k WHERE t.report_month = k.report_month AND t.seq = k.seq",
            pairs,
        )
        con.execute(
            f"INSERT INTO {TABLE} BY NAME SELECT r.* FROM reviewed_incidents AS r SEMI JOIN {keyed} AS k "
            "ON k.report_month = r.report_month AND k.seq = r.seq ORDER BY r.report_month, r.seq",
            pairs,
        )
    else:
        view = queries.load("corrected_incidents")
        con.execute(f"DELETE FROM {TABLE} WHERE list_contains(?::VARCHAR[], report_month)", [months])
        con.execute(
            f"INSERT INTO {TABLE} BY NAME SELECT * FROM ({view}) "
            "WHERE list_contains(?::VARCHAR[], report_month) ORDER BY report_month, seq",
            [months],
        )
    # A comment cannot take a parameter: the fingerprint is digits, colons, slashes and minus signs.
    stamp = fingerprint(con)
    if not all(ch.isdigit() or ch in ":/-" for ch in stamp):
        raise RuntimeError(f"unexpected fingerprint {stamp[:40]!r}")
    con.execute(f"COMMENT ON TABLE {TABLE} IS '{stamp}'")


def usable(con: duckdb.DuckDBPyConnection, has_log: bool) -> bool:
    """On the app's connection (the file attached as `data`): whether the file holds a copy made
    from its log, parsed incidents and corrections as they are now."""
    if not has_log:
        return False
    row = con.execute(
        "SELECT comment FROM duckdb_tables() WHERE database_name = 'data' AND table_name = ?", [TABLE]
    ).fetchone()
    return row is not None and row[0] == fingerprint(con, "parsed_incidents", "data.ingest_log")
