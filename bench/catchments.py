"""Benchmark: catchments for 500,000 addresses on ~200,000 street links with 50 facilities.

Run from the checkout::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/catchments.py [--links N]
        [--addresses N] [--facilities N] [--qgis-runs N] [--no-qgis]

It generates a made-up county (several towns of irregular streets: jittered, bent grids
with streets removed, some diagonals and joining roads), times each stage of PlaceLink's
catchments (graph build, snapping, the one shortest-path search, polygons, bands and a
capacitated run), then runs QGIS's own ``native:serviceareafromlayer`` on the same network
for a few facilities, one facility per run (the way it is used for catchments), and prints
the ratio with the QGIS time extrapolated to all facilities (clearly labelled).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from pathlib import Path
from time import perf_counter

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build" / "pluginpath"))

BANDS = (400.0, 800.0, 1600.0)


def _town(rng: np.random.Generator, n: int, origin: tuple[float, float], spacing: float):
    """Streets of one town: a jittered, rotated grid with gaps, bends and a few diagonals."""
    i, j = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    angle = rng.uniform(0, np.pi / 2)
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    xy = np.stack([i.ravel(), j.ravel()], axis=1) * spacing
    xy = xy @ rot.T + rng.normal(0, spacing * 0.12, xy.shape) + origin
    node = np.arange(n * n).reshape(n, n)
    h = np.stack([node[:-1, :].ravel(), node[1:, :].ravel()], axis=1)
    v = np.stack([node[:, :-1].ravel(), node[:, 1:].ravel()], axis=1)
    d = np.stack([node[:-1, :-1].ravel(), node[1:, 1:].ravel()], axis=1)
    pairs = np.concatenate(
        [h[rng.random(len(h)) > 0.11], v[rng.random(len(v)) > 0.11], d[rng.random(len(d)) < 0.06]]
    )
    a, b = xy[pairs[:, 0]], xy[pairs[:, 1]]
    normal = (b - a)[:, ::-1] * [1, -1] / np.maximum(np.hypot(*(b - a).T), 1e-9)[:, None]
    mid = (a + b) / 2 + normal * rng.normal(0, spacing * 0.06, (len(a), 1))
    return np.stack([a, mid, b], axis=1), xy


def make_county(n_links: int, seed: int = 11):
    """Street lines (shapely array) of several towns joined by country roads."""
    rng = np.random.default_rng(seed)
    shares = np.array([0.3, 0.24, 0.2, 0.15, 0.11])
    sizes = np.sqrt(shares * n_links / 1.84).astype(int) + 1
    spacing = 75.0
    coords, centres = [], []
    x = 400_000.0
    for n in sizes:
        c, xy = _town(rng, int(n), (x, 200_000.0 + rng.uniform(-3000, 3000)), spacing)
        coords.append(c)
        centres.append(xy)
        x += n * spacing * 1.6 + 2000
    lines = [shapely.linestrings(c) for c in coords]
    # country roads: nearest nodes of neighbouring towns, with wiggles every ~200 m
    roads = []
    for left, right in itertools.pairwise(centres):
        for _ in range(3):
            p = left[rng.integers(len(left))]
            q = right[rng.integers(len(right))]
            steps = max(2, int(np.hypot(*(q - p)) // 200))
            t = np.linspace(0, 1, steps + 1)[:, None]
            pts = p + (q - p) * t
            pts[1:-1] += rng.normal(0, 40, (steps - 1, 2))
            roads.append(shapely.LineString(pts))
    return np.concatenate([*lines, np.array(roads, dtype=object)])


def make_addresses(lines: np.ndarray, n: int, seed: int = 12) -> np.ndarray:
    """Address points along the streets (weighted by length), 6–25 m from the centre line."""
    rng = np.random.default_rng(seed)
    length = shapely.length(lines)
    pick = rng.choice(len(lines), n, p=length / length.sum())
    base = shapely.get_coordinates(
        shapely.line_interpolate_point(lines[pick], rng.random(n), normalized=True)
    )
    angle = rng.uniform(0, 2 * np.pi, n)
    radius = rng.uniform(6, 25, n)
    return base + np.c_[np.cos(angle), np.sin(angle)] * radius[:, None]


def run_placelink(lines, addresses, facilities, boundary, capacities=None):
    from placelink.core.catchments.pipeline import run_catchments

    start = perf_counter()
    result = run_catchments(
        facilities,
        addresses,
        lines=lines,
        boundary=boundary,
        bands=BANDS,
        facility_capacity=capacities,
    )
    return result, perf_counter() - start


def run_qgis(lines, facilities, runs: int, workdir: Path) -> list[float]:
    """Seconds per ``native:serviceareafromlayer`` run, one facility per run."""
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    import geopandas as gpd
    from qgis.core import (
        QgsApplication,
        QgsFeature,
        QgsGeometry,
        QgsPointXY,
        QgsVectorLayer,
    )

    app = QgsApplication([], False)
    app.initQgis()
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    path = workdir / "network.gpkg"
    gpd.GeoDataFrame({"id": np.arange(len(lines))}, geometry=list(lines), crs=27700).to_file(
        path, layer="roads", engine="pyogrio", dataset_options={"VERSION": "1.2"}
    )
    network = QgsVectorLayer(f"{path}|layername=roads", "roads", "ogr")
    assert network.isValid() and network.featureCount() == len(lines)
    times = []
    for x, y in facilities[:runs]:
        start_layer = QgsVectorLayer("Point?crs=EPSG:27700", "start", "memory")
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
        start_layer.dataProvider().addFeatures([feature])
        t0 = perf_counter()
        processing.run(
            "native:serviceareafromlayer",
            {
                "INPUT": network,
                "STRATEGY": 0,
                "START_POINTS": start_layer,
                "TRAVEL_COST2": max(BANDS),
                "TOLERANCE": 0,
                "INCLUDE_BOUNDS": False,
                "OUTPUT_LINES": "TEMPORARY_OUTPUT",
            },
        )
        times.append(perf_counter() - t0)
    # no app.exitQgis(): tearing QGIS down under live layers crashes; the process ends next
    del app
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=200_000)
    parser.add_argument("--addresses", type=int, default=500_000)
    parser.add_argument("--facilities", type=int, default=50)
    parser.add_argument("--qgis-runs", type=int, default=3)
    parser.add_argument("--no-qgis", action="store_true")
    args = parser.parse_args()

    t0 = perf_counter()
    lines = make_county(args.links)
    addresses = make_addresses(lines, args.addresses)
    rng = np.random.default_rng(13)
    facilities = addresses[rng.choice(len(addresses), args.facilities, replace=False)] + 3.0
    boundary = shapely.convex_hull(shapely.multipoints(addresses)).buffer(300)
    print(
        f"data: {len(lines):,} street links, {len(addresses):,} addresses, "
        f"{len(facilities)} facilities (generated in {perf_counter() - t0:.1f} s)"
    )

    result, total = run_placelink(lines, addresses, facilities, boundary)
    graph = result.graph
    print(f"graph: {graph.node_count:,} nodes, {graph.edge_count:,} edges")
    for stage, seconds in result.timings.items():
        print(f"  {stage:<22} {seconds:7.2f} s")
    core = total - result.timings.get("band areas", 0.0)
    print(f"PlaceLink graph + snapping + assignment + polygons: {core:.2f} s (goal < 20 s)")
    print(f"PlaceLink with band areas ({', '.join(f'{b:g}' for b in BANDS)} m): {total:.2f} s")
    print(
        f"  unreached addresses: {result.unreached:,}; catchments: "
        f"{int((result.catchment_labels >= 0).sum())}; band polygons: {len(result.band_areas)}"
    )

    places = int(np.ceil(len(addresses) / len(facilities) * 1.05))
    capacities = np.full(len(facilities), places)
    capacities[: len(facilities) // 5] = places // 3  # some small facilities overflow locally
    cap_result, cap_total = run_placelink(lines, addresses, facilities, boundary, capacities)
    print(
        f"PlaceLink capacitated run ({cap_result.capacity_solver}): {cap_total:.2f} s in all, "
        f"capacity stage {cap_result.timings['capacity']:.2f} s; "
        f"{int((cap_result.facility != cap_result.nearest_facility).sum()):,} addresses moved, "
        f"overflow {cap_result.overflow:,}"
    )

    if args.no_qgis:
        return
    with tempfile.TemporaryDirectory() as tmp:
        times = run_qgis(lines, facilities, args.qgis_runs, Path(tmp))
    per_run = float(np.mean(times))
    extrapolated = per_run * len(facilities)
    print(
        f"QGIS native:serviceareafromlayer, one facility per run: "
        f"{', '.join(f'{t:.2f}' for t in times)} s (mean {per_run:.2f} s)"
    )
    print(
        f"QGIS for all {len(facilities)} facilities (EXTRAPOLATED from {len(times)} runs): "
        f"{extrapolated:.1f} s"
    )
    print(
        f"ratio (extrapolated QGIS / PlaceLink graph+snapping+assignment+polygons): "
        f"{extrapolated / core:.0f}x; against PlaceLink with bands: {extrapolated / total:.0f}x"
    )


if __name__ == "__main__":
    main()
