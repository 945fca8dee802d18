"""Whole-process matching speed through ``qgis_process`` beside uk-address-matcher.

    .venv/bin/python -m bench.matching.speed [--records 37800] [--gazetteer 40000] [--large 500000]

Writes a canonical addresses GeoPackage (bench/matching/gazetteer.py's council) and a CSV
of messy records (address-errors), runs ``placelink:matchaddresses`` through
``qgis_process`` once to fill the index cache, then times whole runs (process start to
exit, median of --repeat), and uk-address-matcher 1.5.3 on the same records and
gazetteer (its own venv, whole process, median of --repeat), and prints the ratio. Also
the interactive look-up latency (p95) and, with --large N, the index build of an N-UPRN
gazetteer (time, peak RSS) and its cached reload, in a fresh process.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import run as bench_run  # puts the plugin on sys.path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out" / "speed"
sys.path.insert(0, str(ROOT / "scripts"))

#: Canonical fields written to the GeoPackage (with their OGR types).
FIELDS = (
    ("uprn", "Integer64"), ("parent_uprn", "Integer64"), ("usrn", "Integer64"),
    ("sao_start_number", "Integer"), ("sao_start_suffix", "String"),
    ("sao_end_number", "Integer"), ("sao_end_suffix", "String"), ("sao_text", "String"),
    ("pao_start_number", "Integer"), ("pao_start_suffix", "String"),
    ("pao_end_number", "Integer"), ("pao_end_suffix", "String"), ("pao_text", "String"),
    ("street_description", "String"), ("locality", "String"), ("town", "String"),
    ("postcode", "String"), ("classification", "String"), ("organisation", "String"),
    ("alternatives", "String"), ("address", "String"),
)  # fmt: skip


def write_gazetteer(path: Path, records: list[dict]) -> None:
    """A canonical addresses GeoPackage (points, EPSG:27700) via OGR."""
    from osgeo import ogr, osr

    if path.exists():
        path.unlink()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    layer = ds.CreateLayer("addresses", srs, ogr.wkbPoint)
    kinds = {"Integer64": ogr.OFTInteger64, "Integer": ogr.OFTInteger, "String": ogr.OFTString}
    for name, kind in FIELDS:
        layer.CreateField(ogr.FieldDefn(name, kinds[kind]))
    defn = layer.GetLayerDefn()
    layer.StartTransaction()
    for rec in records:
        feature = ogr.Feature(defn)
        for name, _kind in FIELDS:
            value = rec.get(name)
            if value is not None and value != "":
                feature.SetField(name, value)
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(float(rec["x"]), float(rec["y"]))
        feature.SetGeometry(point)
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    ds = None


def write_records(path: Path, records: list) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "address", "postcode"])
        for r in records:
            w.writerow([r.record_id, r.text, r.postcode])


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(run) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of the child processes, result) of ``run()``."""
    cpu, t = _children_cpu(), time.perf_counter()
    result = run()
    return time.perf_counter() - t, _children_cpu() - cpu, result


def placelink_run(qp, gpkg: Path, messy: Path, out: Path):
    """A function running placelink:matchaddresses once through qgis_process."""
    params = {"INPUT": str(messy), "ADDRESS_FIELDS": "address", "POSTCODE_FIELD": "postcode",
              "GAZETTEER": str(gpkg), "OUTPUT": str(out)}  # fmt: skip

    def run() -> dict:
        if out.exists():
            out.unlink()
        result = qp.run("placelink:matchaddresses", params)
        return result.get("results", result)

    return run


def uam_run(canonical: Path, messy: Path):
    """A function running uk-address-matcher's whole process once (None: not installed)."""
    if not bench_run.UAM_PYTHON.exists():
        return None
    runner = Path(__file__).with_name("uam_runner.py")

    def run() -> dict:
        proc = subprocess.run(
            [str(bench_run.UAM_PYTHON), str(runner), str(canonical), str(messy),
             str(canonical.with_name("uam_out.csv")), "2"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            raise RuntimeError(f"uk-address-matcher failed: {proc.stderr[-1500:]}")
        return json.loads(proc.stdout.strip().splitlines()[-1])

    return run


LARGE = """
import json, resource, sys, time, tempfile
sys.path.insert(0, {pluginpath!r})
from placelink.bench.matching.gazetteer import build_council
from placelink.core.matching.index import load_or_build, fingerprint
records = build_council({n}, 1)
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
cache = tempfile.mkdtemp()
t = time.perf_counter(); key = fingerprint(records); fp = time.perf_counter() - t
t = time.perf_counter(); index = load_or_build(records, cache, key); build = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
del index
t = time.perf_counter(); load_or_build(records, cache, key); load = time.perf_counter() - t
print(json.dumps(dict(uprns=len(records), fingerprint=fp, build=build, cached=load,
                      rss_before=rss0, peak_rss=peak)))
"""


def large(n: int) -> dict:
    code = LARGE.format(pluginpath=str(ROOT / "build" / "pluginpath"), n=n)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--records", type=int, default=37_800)
    ap.add_argument("--gazetteer", type=int, default=40_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--large", type=int, default=0, help="also index an N-UPRN gazetteer")
    ap.add_argument("--no-uam", action="store_true")
    ap.add_argument(
        "--baseline-plugin",
        type=Path,
        help="also time this other copy of the plugin (e.g. `git archive COMMIT | tar -x -C DIR`), "
        "interleaved with the others: before and after in one run",
    )
    args = ap.parse_args(argv)
    from qgis_runner import QgisProcess

    from .gazetteer import build_council, to_components
    from .records import generate

    OUT.mkdir(parents=True, exist_ok=True)
    gazetteer = build_council(args.gazetteer, 1)
    records = generate(to_components(gazetteer), "default", 1, args.records)
    gpkg, messy = OUT / "gazetteer.gpkg", OUT / "records.csv"
    write_gazetteer(gpkg, gazetteer)
    write_records(messy, records)
    canonical, uam_messy = bench_run.write_inputs(OUT / "uam", gazetteer, records)
    print(f"{len(gazetteer):,} UPRNs, {len(records):,} records", flush=True)

    pl_times: list[tuple[float, float]] = []
    base_times: list[tuple[float, float]] = []
    uam_times: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as work:
        qp = QgisProcess(Path(work) / "placelink")
        qp.enable_plugin()
        bare = timed(lambda: qp.command("--version"))[0]
        pl = placelink_run(qp, gpkg, messy, OUT / "matched.gpkg")
        result = pl()  # fills the index cache
        base = None
        if args.baseline_plugin:
            qb = QgisProcess(Path(work) / "baseline", plugin_dir=args.baseline_plugin)
            qb.enable_plugin()
            base = placelink_run(qb, gpkg, messy, OUT / "matched-baseline.gpkg")
            base()  # fills its own index cache
        uam = None if args.no_uam else uam_run(canonical, uam_messy)
        for _ in range(args.repeat):  # interleaved, so all meet the same machine load
            wall, cpu, result = timed(pl)
            pl_times.append((wall, cpu))
            if base is not None:
                base_times.append(timed(base)[:2])
            if uam is not None:
                wall, cpu, _stats = timed(uam)
                uam_times.append((wall, cpu))
    pl_s = statistics.median(t[0] for t in pl_times)
    pl_cpu = statistics.median(t[1] for t in pl_times)
    print(
        f"PlaceLink, qgis_process whole run (cached index): {pl_s:.2f} s wall, {pl_cpu:.2f} CPU s"
        f" (qgis_process --version alone {bare:.2f} s); {result.get('MATCHED')} matched, "
        f"{result.get('AMBIGUOUS')} ambiguous, {result.get('UNMATCHED')} unmatched",
        flush=True,
    )
    if base_times:
        base_s = statistics.median(t[0] for t in base_times)
        base_cpu = statistics.median(t[1] for t in base_times)
        print(f"PlaceLink baseline ({args.baseline_plugin}): {base_s:.2f} s wall, "
              f"{base_cpu:.2f} CPU s")  # fmt: skip
    if uam_times:
        uam_s = statistics.median(t[0] for t in uam_times)
        uam_cpu = statistics.median(t[1] for t in uam_times)
        print(f"uk-address-matcher 1.5.3 whole process: {uam_s:.2f} s wall, {uam_cpu:.2f} CPU s")
        print(f"ratio: PlaceLink is {uam_s / pl_s:.1f}x faster wall-clock, "
              f"{uam_cpu / max(pl_cpu, 1e-9):.1f}x in CPU (goal >= 10x); medians of "
              f"{args.repeat} interleaved runs")  # fmt: skip
        if base_times:
            print(f"baseline: {uam_s / base_s:.1f}x wall, {uam_cpu / max(base_cpu, 1e-9):.1f}x "
                  "CPU")  # fmt: skip
    from placelink.core.matching import Matcher

    matcher = Matcher(gazetteer)
    lat = bench_run.lookup_latency(matcher, records)
    print(f"interactive look-up p95: whole text {lat['whole_p95']:.2f} ms, typed 60 % "
          f"{lat['typed_p95']:.2f} ms (goal < 5 ms); CPU p95 {lat['whole_cpu_p95']:.2f} "
          f"and {lat['typed_cpu_p95']:.2f} ms (a loaded machine delays the wall time)")  # fmt: skip
    if args.large:
        big = large(args.large)
        print(
            f"{big['uprns']:,}-UPRN gazetteer: fingerprint {big['fingerprint']:.1f} s, index "
            f"built and cached in {big['build']:.1f} s (goal <= 30 s), peak RSS "
            f"{big['peak_rss']:.0f} MB (records alone {big['rss_before']:.0f} MB; goal <= 2 GB), "
            f"cached reload {big['cached']:.1f} s"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this process peak RSS {peak:.0f} MB)")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
