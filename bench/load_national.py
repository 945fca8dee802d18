"""Benchmark: national-size address loads in bounded memory, against ``ogr2ogr``.

For each size given (``--rows 1000000,3000000,10000000``) a DTF 7.3 full supply of that
many rows is generated (``bench/load_addresses.generate``) and loaded with
``placelink:loadaddresses`` into a GeoPackage and, with ``--pg "host=… port=… dbname=…
user=…"``, into a PostGIS table; in the same run ``ogr2ogr`` writes the same number of
plain points (a CSV of uprn, x, y) into a GeoPackage and into PostGIS, as the baseline.
Each load runs in its own process, so its peak resident memory (RSS) is its own.

Prints per size and output: seconds, the ratio to ogr2ogr, peak RSS; then the time
extrapolated to a national AddressBase Premium (``--national``, 40M addresses, at this
supply's rows per address). Goals (issue 13): at most 3× ogr2ogr's time and under 1 GB
of RSS at every size.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/load_national.py --rows 1000000``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from time import perf_counter, process_time

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


#: CPU seconds (user + system) of the last child: steadier than wall time on a busy machine.
LAST_CPU = [0.0]


def child_rss(args: list[str]) -> tuple[float, float, str]:
    """Like ``timed_child``, with the child's own peak RSS (read through wait4)."""
    start = perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read()  # type: ignore[union-attr]
    err = process.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = perf_counter() - start
    if process.returncode:
        raise RuntimeError(f"{' '.join(args[:3])} failed: {err.decode()[-3000:]}")
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    return seconds, usage.ru_maxrss / 1024, out.decode()


def points_csv(supply: Path, target: Path) -> int:
    """The BLPUs of *supply* as plain points (uprn, x, y): ogr2ogr's input."""
    count = 0
    with supply.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
        out.write("uprn,x,y\n")
        for line in src:
            if line.startswith("21,"):
                f = line.split(",", 11)
                out.write(f"{f[3]},{f[9]},{f[10]}\n")
                count += 1
    return count


def ogr2ogr(points: Path, destination: list[str]) -> float:
    """ogr2ogr's wall seconds (its CPU seconds in ``LAST_CPU``)."""
    args = ["ogr2ogr", *destination, str(points), "-oo", "X_POSSIBLE_NAMES=x",
            "-oo", "Y_POSSIBLE_NAMES=y", "-a_srs", "EPSG:27700", "-nln", "plain_points",
            "-overwrite", "-gt", "65536"]  # fmt: skip
    seconds, _, _ = child_rss(args)
    return seconds


def load(supply: Path, output: str) -> tuple[float, float, dict]:
    """``placelink:loadaddresses`` in a child process: (seconds, peak RSS MB, results)."""
    seconds, rss, out = child_rss(
        [sys.executable, __file__, "--child", str(supply), "--child-output", output]
    )
    return seconds, rss, json.loads(out.strip().splitlines()[-1])


def run_child(supply: str, output: str) -> None:
    """In the child process: QGIS, the plugin's provider, one ``processing.run``."""
    # The checkout's processing/ must not shadow QGIS's: the plugin is reached as placelink.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT]
    sys.path.insert(0, str(ROOT / "build" / "pluginpath"))
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
    if not output.startswith("postgis:"):
        Path(output).unlink(missing_ok=True)
    from qgis.core import QgsProcessingFeedback

    class Notes(QgsProcessingFeedback):
        """Keeps the log lines that say what the worker processes did."""

        lines: list[str] = []

        def pushInfo(self, info: str) -> None:
            if "two processes" in info:
                self.lines.append(info)

    feedback = Notes()
    start, cpu, before = perf_counter(), process_time(), os.times()
    result = processing.run(
        "placelink:loadaddresses",
        {"INPUT": [supply], "FORMAT": 1, "OUTPUT": output, "REJECTED": "TEMPORARY_OUTPUT"},
        feedback=feedback,
    )
    keep = ("ROWS_READ", "LOADED", "REJECTED_COUNT", "MERGED_COUNT")
    counts = {k: result[k] for k in keep}
    counts["seconds"] = perf_counter() - start  # the load itself, without QGIS start-up
    counts["cpu"] = process_time() - cpu  # this process's CPU (not the database server's)
    after = os.times()  # its forked worker processes' CPU (core/formats/staging.py)
    counts["workers_cpu"] = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    counts["notes"] = feedback.lines
    print(json.dumps(counts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", default="1000000,3000000", help="sizes, comma-separated")
    parser.add_argument("--pg", default="", help="libpq connection string of a PostGIS db")
    parser.add_argument(
        "--start-pg",
        action="store_true",
        help="start a throw-away PostgreSQL + PostGIS (tests/postgis_server.py) for the run",
    )
    parser.add_argument("--targets", default="gpkg,pg", help="gpkg and/or pg (pg needs --pg)")
    parser.add_argument("--national", type=int, default=40_000_000, help="addresses")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.child_output)
        return
    from bench.load_addresses import generate

    if args.start_pg and not args.pg:
        sys.path.insert(0, str(ROOT / "tests"))
        from postgis_server import PostgisServer

        server = PostgisServer(dbname="placelink_bench").start()
        args.pg = server.conninfo()
        try:
            _bench(args, generate)
        finally:
            server.stop()
        return
    _bench(args, generate)


def _bench(args: argparse.Namespace, generate) -> None:
    if shutil.which("ogr2ogr") is None:
        sys.exit("ogr2ogr is needed for the baseline (apt-get install gdal-bin)")
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    summary = []
    for rows in (int(r) for r in args.rows.split(",")):
        supply = OUT / f"dtf73_{rows}.csv"
        if not supply.exists():
            start = perf_counter()
            generate(supply, rows)
            print(f"generated {supply.name} in {perf_counter() - start:.0f} s")
        points = OUT / f"points_{rows}.csv"
        n_points = points_csv(supply, points)
        targets = []
        if "gpkg" in args.targets:
            targets.append(("GeoPackage", str(OUT / "national.gpkg"),
                            ["-f", "GPKG", str(OUT / "plain_points.gpkg")]))  # fmt: skip
        if args.pg and "pg" in args.targets:
            table = f'postgis:{args.pg} table="public"."addresses_{rows}" (geom)'
            targets.append(("PostGIS", table, ["-f", "PostgreSQL", f"PG:{args.pg}"]))
        for name, output, ogr_destination in targets:
            t_ogr = ogr2ogr(points, ogr_destination)
            cpu_ogr = LAST_CPU[0]
            total, rss, result = load(supply, output)
            seconds = result["seconds"]
            per_address = seconds / max(result["LOADED"], 1)
            line = (
                f"{rows:>11,} rows -> {name:<10}: placelink {seconds:7.1f} s ({total:.0f} s with "
                f"QGIS start-up), ogr2ogr "
                f"{t_ogr:6.1f} s ({n_points:,} points): {seconds / t_ogr:4.1f}x; "
                f"peak RSS {rss:6.0f} MB; {result['LOADED']:,} addresses, "
                f"{result['REJECTED_COUNT']:,} rejected; CPU {result['cpu']:.1f} s "
                f"(+ {result['workers_cpu']:.1f} s in a worker) vs ogr2ogr "
                f"{cpu_ogr:.1f} s: {result['cpu'] / max(cpu_ogr, 0.01):.1f}x; load average "
                f"{os.getloadavg()[0]:.1f}"
                + (f"; {len(result['notes'])} part(s) done by a worker" if result["notes"] else "")
            )
            print(line, flush=True)
            summary.append((name, rows, seconds, t_ogr, rss, per_address, result["LOADED"]))
    print("\nnational extrapolation (linear in addresses, from the largest size run):")
    for name in dict.fromkeys(s[0] for s in summary):
        name_, rows, seconds, t_ogr, rss, per_address, loaded = [s for s in summary
                                                                 if s[0] == name][-1]  # fmt: skip
        hours = per_address * args.national / 3600
        print(
            f"  {name}: {args.national:,} addresses ≈ {hours:.1f} h "
            f"(from {loaded:,} addresses in {seconds:.0f} s); goals: ≤ 3x ogr2ogr "
            f"{'met' if seconds <= 3 * t_ogr else 'NOT met'} ({seconds / t_ogr:.1f}x), "
            f"RSS < 1 GB {'met' if rss < 1024 else 'NOT met'} ({rss:.0f} MB)"
        )


if __name__ == "__main__":
    main()
