"""Benchmark: load a 1,000,000-row DTF 7.3 file to GeoPackage with ``placelink:loadaddresses``.

Run from the checkout: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/load_addresses.py
[--rows N]``. The file is generated (deterministically) in ``bench/out/``. In the same
process it times a plain ``csv.reader`` pass over the file and ``ogr2ogr`` CSV → GPKG of the
same file, then ``processing.run`` to GPKG; prints seconds, rows/s, the ratios and the peak
resident memory (the goal: under 30 s on a 2-core machine, memory bounded).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from time import perf_counter, process_time

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "build" / "pluginpath"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STREETS = ["HIGH STREET", "CHURCH ROAD", "STATION ROAD", "MILL LANE", "PARK AVENUE", "THE GREEN"]
TOWNS = ["SEVENOAKS", "OTFORD", "KEMSING", "WESTERHAM", "EDENBRIDGE"]


def generate(path: Path, rows: int, seed: int = 11) -> int:
    """A DTF 7.3 full supply of about *rows* rows: streets, BLPUs, LPIs (some alternative),
    classifications; a few percent of awkward rows (quoted commas, historic LPIs)."""
    rng = random.Random(seed)
    n_streets = max(10, rows // 500)
    # Each UPRN: one BLPU, one LPI, 20 % a second (alternative) LPI, 30 % a classification.
    n_uprns = int((rows - n_streets - 2) / 2.5)
    written = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = fh.write
        w('10,"BENCH DISTRICT COUNCIL",2235,2024-03-01,1,2024-03-01,10:15:00,7.3,F\r\n')
        for s in range(n_streets):
            name = f"{STREETS[s % len(STREETS)]} {s // len(STREETS) + 1}"
            w(f'15,I,{s + 1},{24_700_000 + s},"{name}","","{TOWNS[s % len(TOWNS)]}","KENT",ENG\r\n')
        written += n_streets
        pro = n_streets
        for i in range(n_uprns):
            uprn = 100_060_000_000 + i
            x = 540_000 + rng.random() * 20_000
            y = 150_000 + rng.random() * 20_000
            pro += 1
            w(
                f"21,I,{pro},{uprn},1,2,2001-01-01,RD04,,{x:.2f},{y:.2f},1,2235,2001-01-01,,"
                f'2023-06-01,2001-01-01,"",E05004321,E04012345,,,\r\n'
            )
            usrn = 24_700_000 + i % n_streets
            pc = f"TN{13 + i % 7} {i % 10}{'ABDEFGHJ'[i % 8]}{'LNPQRSTU'[(i // 8) % 8]}"
            number = i % 300 + 1
            pro += 1
            # SAO: start number, suffix, end number, suffix, text; then the PAO the same way.
            sao = ",,,,"
            if i % 50 == 0:
                pao = f',,,,"THE ""OLD"" HOUSE, ANNEX {i}"'
            else:
                pao = f"{number},,,,"
            w(
                f"24,I,{pro},{uprn},2235L{i:09d},ENG,1,2001-01-01,,2001-01-01,2023-06-01,"
                f"{sao},{pao},{usrn},,Y,{pc},SEVENOAKS,Y,,,\r\n"
            )
            written += 2
            if i % 5 == 0:
                pro += 1
                w(
                    f"24,I,{pro},{uprn},2235L{i + 900_000_000:09d},ENG,3,2001-01-01,,2001-01-01,"
                    f'2023-06-01,,,,,,,,,,"ROSE COTTAGE {i}",{usrn},,N,{pc},SEVENOAKS,N,,,\r\n'
                )
                written += 1
            if i % 10 < 3:
                pro += 1
                w(
                    f"32,I,{pro},{uprn},2235C{i:09d},RD04,AddressBase Premium Classification "
                    f"Scheme,1.0,2001-01-01,,2001-01-01,2023-06-01\r\n"
                )
                written += 1
        w(f"99,0,{written},2024-03-01,10:15:00\r\n")
    return written


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def plain_csv(path: Path) -> tuple[float, int]:
    start = perf_counter()
    count = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for _ in csv.reader(fh):
            count += 1
    return perf_counter() - start, count


def ogr2ogr(path: Path, target: Path) -> float | None:
    if shutil.which("ogr2ogr") is None:
        return None
    target.unlink(missing_ok=True)
    start = perf_counter()
    subprocess.run(
        [
            "ogr2ogr",
            "-f",
            "GPKG",
            str(target),
            str(path),
            "-oo",
            "HEADERS=NO",
            "-oo",
            "AUTODETECT_TYPE=NO",
            "-nln",
            "raw",
            "--config",
            "CPL_LOG",
            "/dev/null",
        ],
        check=True,
        capture_output=True,
    )
    return perf_counter() - start


def placelink(path: Path, target: Path) -> tuple[float, float, dict]:
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    from placelink.processing.provider import PlaceLinkProvider

    import processing

    provider = PlaceLinkProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    target.unlink(missing_ok=True)
    rejects = target.with_name(target.stem + "_rejected.gpkg")
    rejects.unlink(missing_ok=True)
    start = perf_counter()
    cpu = process_time()
    result = processing.run(
        "placelink:loadaddresses",
        {"INPUT": [str(path)], "FORMAT": 0, "OUTPUT": str(target), "REJECTED": str(rejects)},
    )
    return perf_counter() - start, process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"dtf73_{args.rows}.csv"
    if not path.exists():
        start = perf_counter()
        generate(path, args.rows)
        print(f"generated {path.name} in {perf_counter() - start:.1f} s")
    size_mb = path.stat().st_size / 1e6
    load = os.getloadavg()[0]
    print(f"load average at start: {load:.2f} on {os.cpu_count()} cores (other work slows timings)")
    t_csv, rows = plain_csv(path)
    print(f"file: {path.name}, {rows:,} rows, {size_mb:,.0f} MB")
    print(f"plain csv.reader:          {t_csv:6.2f} s  {rows / t_csv:>12,.0f} rows/s")
    t_ogr = ogr2ogr(path, OUT / "bench_ogr2ogr.gpkg")
    if t_ogr is not None:
        print(f"ogr2ogr CSV -> GPKG:       {t_ogr:6.2f} s  {rows / t_ogr:>12,.0f} rows/s")
    rss_before = peak_rss_mb()
    t_pl, cpu_pl, result = placelink(path, OUT / "bench_addresses.gpkg")
    print(
        f"placelink:loadaddresses:   {t_pl:6.2f} s  {rows / t_pl:>12,.0f} rows/s  "
        f"({result['LOADED']:,} addresses, {result['REJECTED_COUNT']:,} rejected; "
        f"CPU {cpu_pl:.2f} s)"
    )
    print(
        f"ratio vs csv.reader: {t_pl / t_csv:.1f}x"
        + (f", vs ogr2ogr: {t_pl / t_ogr:.1f}x" if t_ogr else "")
    )
    print(
        f"peak RSS: {peak_rss_mb():,.0f} MB (before the load: {rss_before:,.0f} MB; "
        f"file {size_mb:,.0f} MB); goal: under 30 s -> {'met' if t_pl < 30 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
