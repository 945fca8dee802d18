"""Every answer of the speed bench's ``qgis_process`` run, saved or checked against a save.

    .venv/bin/python -m bench.matching.same_answers --save bench/out/speed/answers-before.jsonl
    .venv/bin/python -m bench.matching.same_answers --check bench/out/speed/answers-before.jsonl

Writes the speed bench's inputs (bench/matching/speed.py: the 40,000-UPRN council as a
GeoPackage, 37,800 ``default`` records as CSV) when they are missing, runs
``placelink:matchaddresses`` through ``qgis_process.bin`` in a profile kept in
bench/out/speed/profile (so the index cache is warm after the first run), reads the whole
output GeoPackage with OGR and writes one JSON line per output row (every attribute and
the point) in input order. ``--check`` fails (exit 1) and prints the first differences when
any row differs from the saved file: a speed-up must not change a single answer. A row
the exact pass answers (``core.matching.exact``: reason one of
``EXACT_NOTES``, no runner-up) is compared on its decision only (UPRN, status,
address, point) when the save is older than the pass: its score, margin, runner-up and
reason are the pass's own by design.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import speed

OUT = speed.OUT


def write_inputs(n_records: int, n_gazetteer: int) -> tuple[Path, Path]:
    from .gazetteer import build_council, to_components
    from .records import generate

    gpkg, messy = OUT / "gazetteer.gpkg", OUT / "records.csv"
    if gpkg.exists() and messy.exists():
        return gpkg, messy
    OUT.mkdir(parents=True, exist_ok=True)
    gazetteer = build_council(n_gazetteer, 1)
    records = generate(to_components(gazetteer), "default", 1, n_records)
    speed.write_gazetteer(gpkg, gazetteer)
    speed.write_records(messy, records)
    return gpkg, messy


def rows(path: Path) -> list[dict]:
    """Every feature of the output GeoPackage (attributes and point), in FID order."""
    from osgeo import ogr

    ds = ogr.Open(str(path))
    layer = ds.GetLayer(0)
    out = []
    for feature in layer:
        row = feature.items()
        geometry = feature.GetGeometryRef()
        row["_point"] = None if geometry is None else [geometry.GetX(), geometry.GetY()]
        out.append(row)
    return out


#: What the exact pass's answer may say otherwise than a save made before it existed.
EXACT_PASS_FIELDS = ("match_score", "margin", "runner_up_uprn", "match_reason")


def _exact_notes() -> frozenset[str]:
    from placelink.core.matching.exact import EXACT_NOTES

    return EXACT_NOTES


def differences(before: list[dict], after: list[dict], limit: int = 10) -> list[str]:
    notes = _exact_notes()
    found = []
    if len(before) != len(after):
        found.append(f"{len(before)} rows before, {len(after)} after")
    for i, (a, b) in enumerate(zip(before, after)):
        if b.get("match_reason") in notes and a.get("match_reason") != b.get("match_reason"):
            a = {k: v for k, v in a.items() if k not in EXACT_PASS_FIELDS}
            b = {k: v for k, v in b.items() if k not in EXACT_PASS_FIELDS}
        if a != b:
            keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            found.append(
                f"row {i}: " + "; ".join(f"{k}: {a.get(k)!r} -> {b.get(k)!r}" for k in keys)
            )
            if len(found) >= limit:
                break
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--check", type=Path)
    ap.add_argument("--records", type=int, default=37_800)
    ap.add_argument("--gazetteer", type=int, default=40_000)
    args = ap.parse_args(argv)
    from qgis_runner import QgisProcess

    gpkg, messy = write_inputs(args.records, args.gazetteer)
    work = OUT / "profile"
    fresh = not work.exists()
    work.mkdir(parents=True, exist_ok=True)
    qp = QgisProcess(work)
    if fresh:
        qp.enable_plugin()
    out = OUT / "answers.gpkg"
    t = time.perf_counter()
    result = speed.placelink_run(qp, gpkg, messy, out)()
    print(f"qgis_process run {time.perf_counter() - t:.2f} s: {json.dumps(result)}")
    got = rows(out)
    if args.save:
        with open(args.save, "w", encoding="utf-8") as f:
            for row in got:
                f.write(json.dumps(row, sort_keys=True) + "\n")
        print(f"{len(got):,} rows saved to {args.save}")
        return 0
    with open(args.check, encoding="utf-8") as f:
        before = [json.loads(line) for line in f]
    after = [json.loads(json.dumps(row, sort_keys=True)) for row in got]
    found = differences(before, after)
    if found:
        print("DIFFERENT answers:\n" + "\n".join(found))
        return 1
    notes = _exact_notes()
    exact = sum(
        row.get("match_reason") in notes and row.get("match_reason") != old.get("match_reason")
        for row, old in zip(after, before)
    )
    print(
        f"same answers: all {len(after):,} rows identical (every attribute and point"
        + (f"; {exact:,} answered by the exact pass: their decision)" if exact else ")")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
