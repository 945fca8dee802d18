"""Band areas: the parts of the town within each distance band of their facility.

Method (chosen over a concave hull of reached nodes, which bridges across parks, rivers
and railways the network does not cross): take the stretch of every street that lies
within the band's distance of its nearest facility along the network, cut exactly at the
distance limit (a street reached from both ends is split where the two distances meet),
buffer those stretches by ``width`` (the depth of the plots that front the street) and
dissolve them per facility and band. Bands are returned as rings (``400–800`` excludes the
area within 400) and clipped to the facility's catchment when catchments are given, so
bands of neighbouring facilities do not overlap.

Distances here are along the network only; an address's own access walk is not part of
the drawn area.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import shapely

from .routing import Network, exits


def substrings(
    geometry: np.ndarray, edge: np.ndarray, start: np.ndarray, end: np.ndarray
) -> np.ndarray:
    """LineStrings cut from ``geometry[edge]`` between offsets ``start`` and ``end``."""
    n = len(edge)
    if n == 0:
        return np.empty(0, dtype=object)
    used, inverse = np.unique(edge, return_inverse=True)
    inverse = inverse.reshape(-1)
    coords, owner = shapely.get_coordinates(geometry[used], return_index=True)
    step = np.zeros(len(coords))
    same = owner[1:] == owner[:-1]
    step[1:] = np.where(same, np.hypot(*(coords[1:] - coords[:-1]).T), 0.0)
    cum = np.cumsum(step)
    first = np.searchsorted(owner, np.arange(len(used)), side="left")
    count = np.bincount(owner, minlength=len(used))
    cum -= np.repeat(cum[first], count)

    piece_first = first[inverse]
    piece_count = count[inverse]
    rows = np.repeat(np.arange(n), piece_count)
    vert = np.repeat(piece_first - (np.cumsum(piece_count) - piece_count), piece_count)
    vert += np.arange(len(rows))
    inside = (cum[vert] > start[rows]) & (cum[vert] < end[rows])
    rows, vert = rows[inside], vert[inside]

    geoms = geometry[edge]
    a = shapely.get_coordinates(shapely.line_interpolate_point(geoms, start))
    b = shapely.get_coordinates(shapely.line_interpolate_point(geoms, end))
    all_rows = np.concatenate([np.arange(n), rows, np.arange(n)])
    all_key = np.concatenate([np.full(n, -np.inf), cum[vert], np.full(n, np.inf)])
    all_xy = np.concatenate([a, coords[vert], b])
    order = np.lexsort((all_key, all_rows))
    return shapely.linestrings(all_xy[order], indices=all_rows[order])


def reached_stretches(
    network: Network,
    node_distance: np.ndarray,
    node_facility: np.ndarray,
    lower: float,
    upper: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(edge, start, end, facility) of the street stretches between ``lower`` and ``upper``
    from their nearest facility along the network."""
    n_sub = len(network.sub_parent)
    sub = np.arange(n_sub)
    length = network.sub_end - network.sub_start
    node_a, cost_a, node_b, cost_b = exits(network, sub, network.sub_start)
    # the street joins the network at a (b) in the travel sense
    da = np.where(np.isfinite(cost_a), node_distance[node_a], np.inf)
    db = np.where(np.isfinite(cost_b), node_distance[node_b], np.inf)
    both = np.isfinite(da) & np.isfinite(db)
    with np.errstate(invalid="ignore"):
        meet = np.where(both, np.clip((length + db - da) / 2.0, 0.0, length), length)
    # stretch served from a: offsets [lower - da, upper - da] within [0, meet]
    a_lo = np.clip(lower - da, 0.0, meet)
    a_hi = np.clip(upper - da, 0.0, meet)
    # from b: distances back from the end, within [0, length - meet]
    b_room = np.where(both, length - meet, length)
    b_lo = np.clip(lower - db, 0.0, b_room)
    b_hi = np.clip(upper - db, 0.0, b_room)
    tiny = 1e-9
    from_a = np.isfinite(da) & (a_hi - a_lo > tiny)
    from_b = np.isfinite(db) & (b_hi - b_lo > tiny)
    start = network.sub_start
    end = network.sub_end
    return (
        np.concatenate([network.sub_parent[from_a], network.sub_parent[from_b]]),
        np.concatenate([start[from_a] + a_lo[from_a], end[from_b] - b_hi[from_b]]),
        np.concatenate([start[from_a] + a_hi[from_a], end[from_b] - b_lo[from_b]]),
        np.concatenate([node_facility[node_a[from_a]], node_facility[node_b[from_b]]]),
    )


def band_areas(
    network: Network,
    node_distance: np.ndarray,
    node_facility: np.ndarray,
    bands: Sequence[float],
    width: float = 50.0,
    catchments: dict[int, shapely.Geometry] | None = None,
    quad_segs: int = 2,
) -> list[tuple[int, float, float, shapely.Geometry]]:
    """(facility, band_min, band_max, polygon) for every facility and band it reaches.

    Each stretch is buffered on its own (vectorised) and the buffers are dissolved per
    facility and band: much faster in GEOS than buffering one large multi-line. A ring
    excludes the area already in the facility's nearer bands.
    """
    limits = sorted({float(b) for b in bands if b > 0})
    pieces = []
    lower = 0.0
    for ring, upper in enumerate(limits):
        edge, start, end, facility = reached_stretches(
            network, node_distance, node_facility, lower, upper
        )
        keep = facility >= 0
        pieces.append((edge[keep], start[keep], end[keep], facility[keep], ring))
        lower = upper
    if not pieces:
        return []
    edge = np.concatenate([p[0] for p in pieces])
    start = np.concatenate([p[1] for p in pieces])
    end = np.concatenate([p[2] for p in pieces])
    facility = np.concatenate([p[3] for p in pieces])
    ring = np.concatenate([np.full(len(p[0]), p[4]) for p in pieces])
    buffers = shapely.buffer(
        substrings(network.graph.edge_geometry, edge, start, end), width, quad_segs=quad_segs
    )
    order = np.lexsort((ring, facility))
    keys = np.stack([facility[order], ring[order]], axis=1)
    cut = np.flatnonzero(np.any(keys[1:] != keys[:-1], axis=1)) + 1
    chunks = [c for c in np.split(np.arange(len(order)), cut) if len(c)]
    # the dissolves dominate; GEOS releases the GIL, so they run side by side
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        unions = list(pool.map(lambda c: shapely.union_all(buffers[order[c]]), chunks))
    results: list[tuple[int, float, float, shapely.Geometry]] = []
    covered: dict[int, shapely.Geometry] = {}
    for chunk, area in zip(chunks, unions):
        label, band = int(keys[chunk[0], 0]), int(keys[chunk[0], 1])
        if catchments is not None and label in catchments:
            area = shapely.intersection(area, catchments[label])
        inner = covered.get(label)
        ring_area = area if inner is None else shapely.difference(area, inner)
        covered[label] = area if inner is None else shapely.union(inner, area)
        if not ring_area.is_empty and ring_area.area > 0:
            low = 0.0 if band == 0 else limits[band - 1]
            results.append((label, low, limits[band], ring_area))
    return results
