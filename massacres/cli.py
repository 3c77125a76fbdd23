"""`massacres`: build the database, ingest reports, or check a report without writing.

Exit codes: 0 ok; 1 warnings found and --strict asked; 2 bad input (nothing written);
3 a system error: the disk is full, a directory is read-only, a file cannot be written
(nothing written: the database is as it was). Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import duckdb
from tqdm import tqdm

from massacres.errors import ReportError
from massacres.pipeline import read_report, relocate
from massacres.reports.parse import ParsedReport, parse_file
from massacres.reports.sources import read_capped
from massacres.store import corrections_write
from massacres.store import writes as store

EXIT_OK, EXIT_WARNINGS, EXIT_BAD_INPUT, EXIT_SYSTEM = 0, 1, 2, 3
REPORT_SUFFIXES = store.REPORT_SUFFIXES


def _parse_all(paths: list[Path]) -> list[ParsedReport]:
    """Parse every file before anything is written: one bad file means no write at all."""
    parsed = []
    for path in tqdm(paths, desc="parsing", unit="report", disable=len(paths) < 2 or None, file=sys.stderr):
        parsed.append(read_report(path))
    return parsed


def _print_warnings(parsed: list[ParsedReport]) -> int:
    count = 0
    for p in parsed:
        # What the parser could not read comes first: it is where a new wording shows itself.
        for w in sorted(p.warnings, key=lambda w: w["code"] not in ("unread_figure", "unparsed_incident")):
            where = f"{p.source}:{w['line']}" if w.get("line") else p.source
            seq = f" [incident {w['seq']}]" if w.get("seq") else ""
            print(f"warning: {where}: {w['code']}{seq}: {w['message']}", file=sys.stderr)
            count += 1
    return count


def _summary_line(p: ParsedReport) -> str:
    r = p.report
    kind = "" if r.get("kind") in (None, "monthly") else f" {r['kind'].replace('_', '-')} report,"
    return (
        f"{p.source}: {r['month']} ({p.form}){kind} stated {r['total_massacres']} massacres, "
        f"{r['victims_total']} killed; {len(p.incidents)} incidents in the details, "
        f"{sum(i['killed'] for i in p.incidents)} killed; {len(p.warnings)} warnings"
    )


def cmd_parse(args: argparse.Namespace) -> int:
    p = parse_file(args.file)
    if args.json:
        json.dump(p.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(_summary_line(p))
        for inc in p.incidents:
            print(
                f"  {inc['seq']:>3} {inc['date']} {inc['perpetrator']:<24} {str(inc['governorate']):<16} "
                f"{str(inc['place']):<24} killed {inc['killed']}"
            )
    n = _print_warnings([p]) if not args.json else len(p.warnings)
    return EXIT_WARNINGS if args.strict and n else EXIT_OK


def report_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.iterdir()
        if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith(".")
    )


def cmd_build(args: argparse.Namespace) -> int:
    directory = Path(args.reports)
    if not directory.is_dir():
        raise ReportError(str(directory), "no such reports directory")
    paths = report_files(directory)
    if not paths:
        raise ReportError(str(directory), "no report files (.txt, .pdf) in the directory")
    parsed = store.prefer_stored(Path(args.db), _parse_all(paths))
    dropped = store.months_not_reproduced(Path(args.db), parsed)
    if dropped:
        # An upload or an ingested file lives in the database only if its file is lost: a
        # rebuild must not silently throw the month away.
        raise ReportError(
            str(args.db),
            "a rebuild from "
            + str(directory)
            + " would drop "
            + ", ".join(f"{m} (stored from {f})" for m, f in dropped)
            + f": no report there gives it. Put its file in {directory}, or build into a new --db",
        )
    store.build(Path(args.db), parsed, keep_log=True)
    n = _print_warnings(parsed)
    for p in parsed:
        print(_summary_line(p))
    print(
        f"built {args.db}: {len({p.report['month'] for p in parsed})} reports, "
        f"{sum(len(p.incidents) for p in parsed)} incidents, {n} warnings"
    )
    return EXIT_WARNINGS if args.strict and n else EXIT_OK


def cmd_ingest(args: argparse.Namespace) -> int:
    parsed = _parse_all([Path(f) for f in args.files])
    # Each file is kept beside the database (store.sources_dir), so a rebuild reproduces it.
    originals = {p.sha256: read_capped(Path(p.source)) for p in parsed}
    store.ingest(Path(args.db), parsed, originals=originals)
    n = _print_warnings(parsed)
    for p in parsed:
        print(_summary_line(p))
    print(f"ingested {len(parsed)} report(s) into {args.db}; {n} warnings")
    return EXIT_WARNINGS if args.strict and n else EXIT_OK


_GEOCODED = (
    "SELECT i.report_month, i.seq, i.place, i.governorate, l.lat, l.lon, l.precision, l.matched_name, "
    "l.score, l.iso_code, l.warnings FROM incidents AS i JOIN locations AS l USING (report_month, seq) "
    "ORDER BY i.report_month, i.seq"
)


def cmd_geocode(args: argparse.Namespace) -> int:
    import duckdb

    db = Path(args.db)
    if not db.exists():
        raise ReportError(str(db), "no such database: build it first (massacres build)")
    relocate(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(_GEOCODED).df().to_dict("records")
    finally:
        con.close()
    for r in rows:
        r["warnings"] = list(r["warnings"])
        r["score"] = None if r["score"] != r["score"] else r["score"]  # NaN -> null
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return EXIT_OK
    print(f"{'precision':<12} {'incidents':>9} {'share':>6}")
    for precision in ("exact", "locality", "city", "governorate"):
        n = sum(1 for r in rows if r["precision"] == precision)
        print(f"{precision:<12} {n:>9} {n / max(len(rows), 1):>6.0%}")
    fallbacks = [r for r in rows if r["precision"] == "governorate"]
    if fallbacks:
        print("\nplaces located only at governorate level:")
        for r in fallbacks:
            print(f"  {r['report_month']} #{r['seq']:<3} {r['place']!s:<28} {r['governorate']}")
    warned = sum(1 for r in rows if r["warnings"])
    print(f"\n{len(rows)} incidents geocoded; {warned} with warnings (see --json)")
    return EXIT_WARNINGS if args.strict and warned else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    db = Path(args.db)
    if not db.exists():
        raise ReportError(str(db), "no such database: build it first (massacres build)")
    counts = store.export_parquet(db, Path(args.parquet))
    print(
        f"exported {args.db} to {args.parquet} (Parquet, partitioned by year and month): "
        + ", ".join(f"{t} {n}" for t, n in counts.items())
    )
    return EXIT_OK


def cmd_corrections(args: argparse.Namespace) -> int:
    if args.action == "export":
        n = corrections_write.export_csv(Path(args.db), Path(args.file))
        print(f"exported {n} correction(s) from {args.db} to {args.file}")
        return EXIT_OK
    written, stale = corrections_write.import_csv(Path(args.db), Path(args.file))
    print(
        f"imported {written} correction(s) from {args.file} into {args.db}"
        + (f"; {stale} no longer match the parsed value and are back in the review queue" if stale else "")
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="massacres", description=__doc__.splitlines()[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=str(store.DEFAULT_DB), help="DuckDB file (default: %(default)s)")
    common.add_argument("--strict", action="store_true", help="exit 1 when the parser warns")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", parents=[common], help="rebuild the database from a reports directory")
    b.add_argument("--reports", default="data/reports", help="directory of reports (default: %(default)s)")
    b.set_defaults(func=cmd_build)
    i = sub.add_parser("ingest", parents=[common], help="add reports; a month already there is replaced")
    i.add_argument("files", nargs="+")
    i.set_defaults(func=cmd_ingest)
    p = sub.add_parser("parse", parents=[common], help="check a report without writing anything")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the parse as one JSON object")
    p.set_defaults(func=cmd_parse)
    g = sub.add_parser("geocode", parents=[common], help="locate every stored incident again")
    g.add_argument("--json", action="store_true", help="one JSON object per incident")
    g.set_defaults(func=cmd_geocode)
    e = sub.add_parser("export", parents=[common], help="write the tables as Parquet for other engines")
    e.add_argument("--parquet", required=True, metavar="DIR", help="directory to (re)write, hive layout year=/month=")
    e.set_defaults(func=cmd_export)
    c = sub.add_parser("corrections", parents=[common], help="share reviewers' corrections as CSV")
    c.add_argument(
        "action",
        choices=("export", "import"),
        help="export: write every correction to FILE; import: add FILE's corrections, all or none",
    )
    c.add_argument("file", metavar="FILE.csv")
    c.set_defaults(func=cmd_corrections)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (OSError, duckdb.IOException, duckdb.PermissionException) as exc:
        print(f"error: {system_error(exc, args.db)}", file=sys.stderr)
        return EXIT_SYSTEM


def system_error(exc: BaseException, db: str) -> str:
    """One line for a fault of the machine, not of the input: where, and the system's words."""
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else db
        return f"{where}: {exc.strerror or exc} (nothing was written)"
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"{db}: {first[:200]} (nothing was written)"


if __name__ == "__main__":
    sys.exit(main())
