"""Benchmark: NSG DTF 8.1 street loads at growing sizes, memory and time against ``ogr2ogr``.

For each size given (``--rows 250000,1000000,3000000``) a DTF 8.1 full supply of about that
many rows is generated (streets of four ESUs of four coordinates each, a descriptor, a
cross reference per ESU) and loaded with ``placelink:loadstreets`` into a GeoPackage, each
load in its own process so its peak resident memory (RSS) is its own. In the same run
``ogr2ogr`` writes the supply's ESU coordinates as plain points (one per type 14 record)
into a GeoPackage, as the time baseline.

Prints per size: seconds, ratio to ogr2ogr, peak RSS, streets written; memory should stay
flat as the supply grows (issue 13).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/load_streets.py --rows 1000000``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path
from time import perf_counter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ESUS, COORDS = 4, 4  # per street, per ESU
ROWS_PER_STREET = 2 + ESUS * (2 + COORDS)


def generate(path: Path, rows: int, seed: int = 13) -> int:
    """A DTF 8.1 full supply of about *rows* rows; returns the number of type 14 records."""
    rng = random.Random(seed)
    streets = max(1, rows // ROWS_PER_STREET)
    coords = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = fh.write
        w('10,"BENCH COUNCIL",9999,2024-07-04,1,2024-07-04,12:00:00,"8.1","F"\r\n')
        pro = 0
        for s in range(streets):
            usrn = 10_000_000 + s
            x0 = 200_000 + rng.random() * 400_000
            y0 = 100_000 + rng.random() * 600_000
            pro += 1
            w(
                f'11,"I",{pro},{usrn},1,9999,2,1995-05-21,1,1,1995-05-21,1995-05-21,'
                f"1995-05-21,,{x0:.2f},{y0:.2f},{x0 + 400:.2f},{y0:.2f},1,{ESUS}\r\n"
            )
            pro += 1
            w(f'15,"I",{pro},{usrn},"STREET {s}",,"TOWN {s % 97}","BENCH COUNCIL","ENG"\r\n')
            for e in range(ESUS):
                esuid = 4_000_000_000_000 + s * ESUS + e
                pro += 1
                w(f'12,"I",{pro},{usrn},1,{esuid},1\r\n')
                pro += 1
                w(f'13,"I",{pro},{esuid},1,{COORDS},1,1995-05-21,1995-05-21,1995-05-21,,1\r\n')
                for c in range(COORDS):
                    pro += 1
                    x = x0 + e * 100 + c * 100 / (COORDS - 1)
                    w(f'14,"I",{pro},{esuid},1,{c + 1},{x:.2f},{y0 + (c % 2) * 3:.2f}\r\n')
                    coords += 1
        w(f"99,0,{pro},2024-07-04,12:00:00\r\n")
    return coords


def points_csv(supply: Path, target: Path) -> int:
    """The ESU coordinates of *supply* as plain points (esuid, x, y): ogr2ogr's input."""
    count = 0
    with supply.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
        out.write("esuid,x,y\n")
        for line in src:
            if line.startswith("14,"):
                f = line.rstrip().split(",")
                out.write(f"{f[3]},{f[6]},{f[7]}\n")
                count += 1
    return count


def run_child(supply: str, output: str) -> None:
    """In the child process: QGIS, the plugin's provider, one ``processing.run``."""
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT]
    link = ROOT / "build" / "pluginpath" / "placelink"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(ROOT, target_is_directory=True)
    sys.path.insert(0, str(link.parent))
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    from placelink.processing.provider import PlaceLinkProvider

    import processing

    provider = PlaceLinkProvider()  # kept referenced while it is registered
    QgsApplication.processingRegistry().addProvider(provider)
    Path(output).unlink(missing_ok=True)
    start = perf_counter()
    result = processing.run(
        "placelink:loadstreets",
        {"INPUT": [supply], "FORMAT": 1, "OUTPUT": output, "REJECTED": "TEMPORARY_OUTPUT"},
    )
    counts = {k: result[k] for k in ("ROWS_READ", "LOADED", "REJECTED_COUNT", "FEATURES")}
    counts["seconds"] = perf_counter() - start
    print(json.dumps(counts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", default="250000,1000000,3000000", help="sizes, comma-separated")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.child_output)
        return
    from bench.load_national import child_rss, ogr2ogr

    OUT.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for rows in (int(r) for r in args.rows.split(",")):
        supply = OUT / f"dtf81_{rows}.csv"
        if not supply.exists():
            generate(supply, rows)
        points = OUT / f"esu_points_{rows}.csv"
        n_points = points_csv(supply, points)
        t_ogr = ogr2ogr(points, ["-f", "GPKG", str(OUT / "plain_esu_points.gpkg")])
        total, rss, out = child_rss(
            [sys.executable, __file__, "--child", str(supply),
             "--child-output", str(OUT / "streets.gpkg")]
        )  # fmt: skip
        result = json.loads(out.strip().splitlines()[-1])
        seconds = result["seconds"]
        print(
            f"{result['ROWS_READ']:>11,} rows -> GeoPackage: placelink {seconds:7.1f} s "
            f"({total:.0f} s with QGIS start-up), ogr2ogr {t_ogr:6.1f} s ({n_points:,} points): "
            f"{seconds / t_ogr:4.1f}x; peak RSS {rss:6.0f} MB; {result['FEATURES']:,} streets, "
            f"{result['REJECTED_COUNT']:,} rejected",
            flush=True,
        )


if __name__ == "__main__":
    main()
