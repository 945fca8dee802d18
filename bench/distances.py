"""Benchmark: home-to-school distances, 500,000 addresses × 30 schools on ~200,000 links.

Run from the checkout::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/distances.py [--links N]
        [--addresses N] [--schools N] [--qgis-runs N] [--no-qgis]

It generates the same made-up county as ``bench/catchments.py``, gives each school one to
three gates, and times PlaceLink's ``core.catchments.distances``: the walking graph split
at the gates, one multi-source Dijkstra per school, the nearest 3 schools of every address
with their reasons, and the full address × school distance table written to a GeoPackage
(pyogrio). Then the same job through the algorithm, as an officer runs it:
``processing.run("placelink:facilitydistances")`` on GeoPackage inputs, writing the nearest
3 (``OUTPUT``) and the full table (``ALL_DISTANCES``) to GeoPackages, in a child process
so its peak memory is its own (``--no-algorithm`` skips it). Peak memory is the process's
maximum resident size. The baseline is QGIS's own ``native:shortestpathpointtolayer``
(one address to every gate per run) on a few addresses in the same run, EXTRAPOLATED to
every address and labelled as such.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build" / "pluginpath"))
sys.path.insert(0, str(ROOT))

from bench.catchments import make_addresses, make_county  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def make_gates(addresses: np.ndarray, schools: int, seed: int = 14):
    """School points (beside addresses) and 1–3 gates each, 20–60 m from the school."""
    rng = np.random.default_rng(seed)
    school_xy = addresses[rng.choice(len(addresses), schools, replace=False)] + 3.0
    counts = rng.integers(1, 4, schools)
    gate_fac = np.repeat(np.arange(schools), counts)
    angle = rng.uniform(0, 2 * np.pi, len(gate_fac))
    radius = rng.uniform(20, 60, len(gate_fac))
    gate_xy = school_xy[gate_fac] + np.c_[np.cos(angle), np.sin(angle)] * radius[:, None]
    return school_xy, gate_xy, gate_fac


def run_placelink(lines, addresses, gate_xy, gate_fac, names, workdir: Path) -> dict:
    import pyogrio.raw
    from placelink.core.catchments import distances as dist

    t = {}
    t0 = perf_counter()
    walk = dist.prepare_walking(lines, gate_xy, gate_fac, len(names))
    t["graph + gates"] = perf_counter() - t0
    t0 = perf_counter()
    searches = dist.search_facilities(walk)
    t["one Dijkstra per school"] = perf_counter() - t0
    t0 = perf_counter()
    near = dist.nearest_facilities(
        walk, addresses, names, k=3, limits=[3218.69, 4828.03], searches=searches
    )
    t["snap + nearest 3 + straight"] = perf_counter() - t0
    t0 = perf_counter()
    limits = [3218.69, 4828.03]
    reasons = [
        dist.reason(r + 1, "school", names[f], float(near.network_m[i, r]), limits)
        for i, r in zip(*np.nonzero(near.facility >= 0), strict=True)
        for f in (int(near.facility[i, r]),)
    ]
    t["reasons in words"] = perf_counter() - t0
    nearest3 = sum(t.values())
    t0 = perf_counter()
    table, gates = dist.distance_matrix(searches, near.places, dtype=np.float32)
    m, k = table.shape
    t["full distance table"] = perf_counter() - t0
    t0 = perf_counter()
    uprn = np.repeat(np.arange(1, m + 1, dtype=np.int64), k)
    school = np.tile(np.arange(k, dtype=np.int32), m)
    metres = table.reshape(-1).astype(np.float64)
    metres[~np.isfinite(metres)] = np.nan
    path = workdir / "distances.gpkg"
    pyogrio.raw.write(
        str(path),
        geometry=None,
        field_data=[uprn, school, np.round(metres, 1), gates.reshape(-1)],
        fields=["uprn", "school", "network_m", "gate"],
        layer="distances",
        driver="GPKG",
    )
    t["write table to GeoPackage"] = perf_counter() - t0
    return {
        "timings": t,
        "nearest3": nearest3,
        "table": t["full distance table"] + t["write table to GeoPackage"],
        "walk": walk,
        "near": near,
        "rows": len(uprn),
        "reasons": len(reasons),
        "size_mb": path.stat().st_size / 1e6,
    }


def write_inputs(lines, addresses, school_xy, gate_xy, gate_fac, names, workdir: Path) -> None:
    """The generated county as GeoPackages (1.2, which QGIS 3.22's GDAL reads fully)."""
    import geopandas as gpd

    def save(frame, name: str) -> None:
        frame.to_file(
            workdir / f"{name}.gpkg",
            layer=name,
            engine="pyogrio",
            dataset_options={"VERSION": "1.2"},
        )

    save(
        gpd.GeoDataFrame({"class": ["Local Road"] * len(lines)}, geometry=list(lines), crs=27700),
        "network",
    )
    save(
        gpd.GeoDataFrame(
            {"uprn": np.arange(1, len(addresses) + 1, dtype=np.int64)},
            geometry=gpd.points_from_xy(*addresses.T),
            crs=27700,
        ),
        "addresses",
    )
    save(
        gpd.GeoDataFrame({"name": names}, geometry=gpd.points_from_xy(*school_xy.T), crs=27700),
        "schools",
    )
    save(
        gpd.GeoDataFrame(
            {"school": [names[f] for f in gate_fac]},
            geometry=gpd.points_from_xy(*gate_xy.T),
            crs=27700,
        ),
        "gates",
    )


def algorithm_child(workdir: Path) -> None:
    """In a child process: run placelink:facilitydistances on the GeoPackages; print JSON."""
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication, QgsProcessingFeedback

    app = QgsApplication([], False)
    app.initQgis()
    from placelink.processing.provider import PlaceLinkProvider

    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    provider = PlaceLinkProvider()  # kept referenced while it is registered
    QgsApplication.processingRegistry().addProvider(provider)

    class Stages(QgsProcessingFeedback):
        """Seconds from the run's start at which each stage began."""

        def __init__(self) -> None:
            super().__init__()
            self.start = perf_counter()
            self.marks: list = []
            self.log: list = []

        def setProgressText(self, text: str) -> None:
            self.marks.append((text, perf_counter() - self.start))
            super().setProgressText(text)

        def pushInfo(self, info: str) -> None:
            self.log.append(info)
            super().pushInfo(info)

    feedback = Stages()
    t0 = perf_counter()
    result = processing.run(
        "placelink:facilitydistances",
        {
            "ADDRESSES": str(workdir / "addresses.gpkg"),
            "FACILITIES": str(workdir / "schools.gpkg"),
            "NAME_FIELD": "name",
            "NETWORK": str(workdir / "network.gpkg"),
            "ACCESS_POINTS": str(workdir / "gates.gpkg"),
            "ACCESS_NAME_FIELD": "school",
            "NEAREST": 3,
            "LIMITS": "3218.69,4828.03",
            "OUTPUT": str(workdir / "nearest3.gpkg"),
            "ALL_DISTANCES": str(workdir / "all_distances.gpkg"),
        },
        feedback=feedback,
    )
    seconds = perf_counter() - t0
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak_mb(),
                "stages": feedback.marks,
                "log": [line for line in feedback.log if "rows" in line],
                "table_mb": Path(result["ALL_DISTANCES"]).stat().st_size / 1e6,
            }
        )
    )
    del app  # no exitQgis(): tearing QGIS down under live layers crashes


def run_algorithm(lines, addresses, school_xy, gate_xy, gate_fac, names, workdir: Path) -> dict:
    write_inputs(lines, addresses, school_xy, gate_xy, gate_fac, names, workdir)
    done = subprocess.run(
        [sys.executable, __file__, "--algorithm-child", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
        # headless QGIS in the child, as the Makefile sets for its own runs
        env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_qgis(lines, addresses, gate_xy, runs: int, workdir: Path) -> list[float]:
    """Seconds per ``native:shortestpathpointtolayer`` run: one address to every gate."""
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    import geopandas as gpd
    from qgis.core import QgsApplication, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    path = workdir / "network.gpkg"
    gpd.GeoDataFrame({"id": np.arange(len(lines))}, geometry=list(lines), crs=27700).to_file(
        path, layer="roads", engine="pyogrio", dataset_options={"VERSION": "1.2"}
    )
    gates = workdir / "gates.gpkg"
    gpd.GeoDataFrame(
        {"id": np.arange(len(gate_xy))}, geometry=gpd.points_from_xy(*gate_xy.T), crs=27700
    ).to_file(gates, layer="gates", engine="pyogrio", dataset_options={"VERSION": "1.2"})
    network = QgsVectorLayer(f"{path}|layername=roads", "roads", "ogr")
    end = QgsVectorLayer(f"{gates}|layername=gates", "gates", "ogr")
    assert network.isValid() and end.isValid()
    times = []
    for x, y in addresses[:runs]:
        t0 = perf_counter()
        processing.run(
            "native:shortestpathpointtolayer",
            {
                "INPUT": network,
                "STRATEGY": 0,
                "DEFAULT_DIRECTION": 2,
                "START_POINT": f"{x},{y} [EPSG:27700]",
                "END_POINTS": end,
                "TOLERANCE": 0,
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
        times.append(perf_counter() - t0)
    del app  # no exitQgis(): tearing QGIS down under live layers crashes
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=200_000)
    parser.add_argument("--addresses", type=int, default=500_000)
    parser.add_argument("--schools", type=int, default=30)
    parser.add_argument("--qgis-runs", type=int, default=3)
    parser.add_argument("--no-qgis", action="store_true")
    parser.add_argument("--no-algorithm", action="store_true")
    parser.add_argument("--algorithm-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.algorithm_child:
        algorithm_child(Path(args.algorithm_child))
        return

    t0 = perf_counter()
    lines = make_county(args.links)
    addresses = make_addresses(lines, args.addresses)
    school_xy, gate_xy, gate_fac = make_gates(addresses, args.schools)
    names = [f"School {i:02d}" for i in range(args.schools)]
    print(
        f"data: {len(lines):,} street links, {len(addresses):,} addresses, "
        f"{args.schools} schools with {len(gate_xy)} gates "
        f"(generated in {perf_counter() - t0:.1f} s; peak so far {peak_mb():,.0f} MB)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = run_placelink(lines, addresses, gate_xy, gate_fac, names, Path(tmp))
    walk, near = out["walk"], out["near"]
    print(f"graph: {walk.graph.node_count:,} nodes, {walk.graph.edge_count:,} edges")
    for stage, seconds in out["timings"].items():
        print(f"  {stage:<30} {seconds:7.2f} s")
    print(
        f"PlaceLink nearest 3 for every address (graph, gates, {args.schools} searches, "
        f"snapping, ranking, {out['reasons']:,} reasons): {out['nearest3']:.2f} s (goal < 30 s)"
    )
    print(
        f"PlaceLink full table ({out['rows']:,} pairs) computed and written to GeoPackage "
        f"({out['size_mb']:,.0f} MB): {out['table']:.2f} s (goal < 90 s)"
    )
    print(
        f"  unreached addresses: {int((near.facility[:, 0] < 0).sum()):,}; "
        f"peak memory {peak_mb():,.0f} MB (goal < 4,096 MB)"
    )
    alg = None
    if not args.no_algorithm:
        with tempfile.TemporaryDirectory() as tmp:
            alg = run_algorithm(lines, addresses, school_xy, gate_xy, gate_fac, names, Path(tmp))
        marks = alg["stages"] + [("end", alg["seconds"])]
        for (stage, begun), (_, ended) in zip(marks, marks[1:]):
            print(f"  {stage:<45} {ended - begun:7.2f} s")
        for line in alg["log"]:
            print(f"  {line}")
        print(
            f"PlaceLink through the algorithm (processing.run placelink:facilitydistances, "
            f"GeoPackage in, nearest 3 to OUTPUT and the full {out['rows']:,}-row table to "
            f"ALL_DISTANCES, {alg['table_mb']:,.0f} MB): {alg['seconds']:.2f} s (goal < 90 s); "
            f"peak memory {alg['peak_mb']:,.0f} MB (goal < 4,096 MB)"
        )
    if args.no_qgis:
        return
    with tempfile.TemporaryDirectory() as tmp:
        times = run_qgis(lines, addresses, gate_xy, args.qgis_runs, Path(tmp))
    per_run = float(np.mean(times))
    extrapolated = per_run * len(addresses)
    print(
        f"QGIS native:shortestpathpointtolayer, one address to all {len(gate_xy)} gates per run: "
        f"{', '.join(f'{t:.2f}' for t in times)} s (mean {per_run:.2f} s)"
    )
    print(
        f"QGIS for all {len(addresses):,} addresses (EXTRAPOLATED from {len(times)} runs): "
        f"{extrapolated:,.0f} s = {extrapolated / 3600:,.1f} h"
    )
    print(
        f"ratio (extrapolated QGIS / PlaceLink nearest 3): {extrapolated / out['nearest3']:,.0f}x; "
        f"against PlaceLink's full table to GeoPackage: {extrapolated / out['table']:,.0f}x"
        + (
            f"; against the whole algorithm run: {extrapolated / alg['seconds']:,.0f}x"
            if alg
            else ""
        )
    )


if __name__ == "__main__":
    main()
