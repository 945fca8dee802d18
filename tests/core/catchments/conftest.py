"""A plain reference for catchment tests: networkx on the same streets, written the slow way.

Snapping is brute force (every point against every street, nearest wins, ties to the
lowest street), each snapped point becomes its own node in a networkx graph that splits
its street, and distances come from ``networkx`` Dijkstra one facility at a time. Nothing
here shares code with ``core.catchments`` beyond the definitions it is meant to check.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pytest
import shapely

TIE = 1e-7


@dataclass
class Reference:
    """Distances from every address to every facility (inf: no path)."""

    distances: np.ndarray  # (M, K)

    def nearest(self) -> tuple[np.ndarray, np.ndarray]:
        """Nearest facility (ties to the lowest index, -1: none) and its distance."""
        best = self.distances.min(axis=1)
        facility = np.full(len(best), -1)
        for i, row in enumerate(self.distances):
            if math.isfinite(best[i]):
                facility[i] = int(np.flatnonzero(row <= best[i] + TIE)[0])
        return facility, np.where(np.isfinite(best), best, np.nan)


def _snap(lines: list[shapely.LineString], point: shapely.Point) -> tuple[int, float, float]:
    best = None
    for index, line in enumerate(lines):
        d = line.distance(point)
        if best is None or d < best[1] - 1e-12:
            best = (index, d)
    index, d = best
    return index, lines[index].project(point), d


def reference_distances(
    lines: list[shapely.LineString],
    oneway: list[int],
    facilities: np.ndarray,
    addresses: np.ndarray,
    towards_facility: bool = True,
) -> Reference:
    """Shortest trips address → facility (or facility → address) on single-segment-free
    streets: every line must run junction to junction (lines meet only at their ends)."""
    g = nx.DiGraph()
    cuts: dict[int, list[tuple[float, object]]] = {i: [] for i in range(len(lines))}
    legs = {}
    for kind, pts in (("f", facilities), ("a", addresses)):
        for j, (x, y) in enumerate(pts):
            index, offset, access = _snap(lines, shapely.Point(x, y))
            cuts[index].append((offset, (kind, j, "on")))
            legs[(kind, j)] = access
    for index, line in enumerate(lines):
        start = tuple(np.round(line.coords[0], 9))
        end = tuple(np.round(line.coords[-1], 9))
        stops = [(0.0, start), *sorted(cuts[index], key=lambda c: c[0]), (line.length, end)]
        for (o1, n1), (o2, n2) in itertools.pairwise(stops):
            w = o2 - o1
            # a point on a street's end is at that junction, whatever the one-way rule
            free = w <= 1e-7
            for tail, head, ok in (
                (n1, n2, free or oneway[index] >= 0),
                (n2, n1, free or oneway[index] <= 0),
            ):
                if not ok:
                    continue
                if g.has_edge(tail, head):
                    w = min(w, g[tail][head]["weight"])
                g.add_edge(tail, head, weight=w)
    for (kind, j), access in legs.items():
        # the walk from the point to the street, both ways
        g.add_edge((kind, j), (kind, j, "on"), weight=access)
        g.add_edge((kind, j, "on"), (kind, j), weight=access)
    m, k = len(addresses), len(facilities)
    out = np.full((m, k), np.inf)
    search = g.reverse(copy=True) if towards_facility else g
    for f in range(k):
        lengths = nx.single_source_dijkstra_path_length(search, ("f", f), weight="weight")
        for a in range(m):
            out[a, f] = lengths.get(("a", a), np.inf)
    return Reference(out)


def grid_streets(
    n: int, spacing: float, rng: np.random.Generator, jitter: float = 0.0, drop: float = 0.0
) -> list[shapely.LineString]:
    """Junction-to-junction streets of a perturbed grid, some removed, some diagonals."""
    xy = {
        (i, j): (
            i * spacing + rng.uniform(-jitter, jitter),
            j * spacing + rng.uniform(-jitter, jitter),
        )
        for i in range(n)
        for j in range(n)
    }
    lines = []
    for i in range(n):
        for j in range(n):
            for di, dj in ((1, 0), (0, 1)):
                if i + di < n and j + dj < n and rng.random() >= drop:
                    a, b = xy[(i, j)], xy[(i + di, j + dj)]
                    mid = ((a[0] + b[0]) / 2 + rng.uniform(-jitter, jitter), (a[1] + b[1]) / 2)
                    lines.append(shapely.LineString([a, mid, b]))
            if i + 1 < n and j + 1 < n and rng.random() < 0.1:
                lines.append(shapely.LineString([xy[(i, j)], xy[(i + 1, j + 1)]]))
    return lines


@pytest.fixture
def reference():
    """The reference distance function."""
    return reference_distances


@pytest.fixture
def grid():
    """The grid-street generator."""
    return grid_streets
