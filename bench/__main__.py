"""PlaceLink's benchmarks: ``python -m bench`` lists them, ``python -m bench NAME [ARGS]`` runs one.

Each benchmark prints its figures against a baseline run in the same process (see its own
``--help``); ``make bench`` lists them and ``make bench BENCH="quality --addresses 50000"``
runs one.
"""

from __future__ import annotations

import os
import runpy
import sys

#: name -> (module, what it measures)
BENCHMARKS = {
    "load_addresses": (
        "bench.load_addresses",
        "load a DTF 7.3 file to GeoPackage, against csv.reader and ogr2ogr",
    ),
    "quality": ("bench.quality", "every quality rule over a synthetic council"),
    "catchments": (
        "bench.catchments",
        "network catchments, against QGIS's native:serviceareafromlayer",
    ),
    "matching": (
        "bench.matching.run",
        "address matching, against uk-address-matcher (see bench/matching/README.md)",
    ),
    "matching_sweep": ("bench.matching.sweep", "matching precision/recall per threshold"),
    "load_national": (
        "bench.load_national",
        "national-size DTF 7.3 loads into PostGIS and GeoPackage, against ogr2ogr",
    ),
    "load_streets": (
        "bench.load_streets",
        "DTF 8.1 street loads at growing sizes: peak RSS, time against ogr2ogr",
    ),
    "spark_match": (
        "bench.spark_match",
        "placelink-batch on Spark local[2] against --engine local, national-shaped",
    ),
    "national_local": (
        "bench.national_local",
        "the national run's --engine local side in chunks (stops early, keeps its answers)",
    ),
    "distances": (
        "bench.distances",
        "nearest schools by walking route, against native:shortestpathpointtolayer",
    ),
}


def listing() -> str:
    width = max(map(len, BENCHMARKS))
    lines = ["Benchmarks (python -m bench NAME [--help | ARGS]):"]
    lines += [f"  {name:<{width}}  {what}" for name, (_, what) in BENCHMARKS.items()]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "list"):
        print(listing())
        return 0
    name, args = argv[0], argv[1:]
    if name not in BENCHMARKS:
        print(f"No benchmark named {name!r}.\n{listing()}", file=sys.stderr)
        return 2
    module = BENCHMARKS[name][0]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.argv = [module, *args]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
