"""Colours for adjacent polygons: neighbours never share a colour (greedy DSATUR)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely


def adjacency(geometries: Sequence[shapely.Geometry], gap: float = 0.0) -> list[set[int]]:
    """Neighbour sets: polygons that touch, overlap, or lie within *gap* of each other."""
    geoms = np.asarray(geometries, dtype=object)
    tree = shapely.STRtree(geoms)
    if gap > 0:
        left, right = tree.query(geoms, predicate="dwithin", distance=gap)
    else:
        left, right = tree.query(geoms, predicate="intersects")
    neighbours: list[set[int]] = [set() for _ in range(len(geoms))]
    for a, b in zip(left.tolist(), right.tolist()):
        if a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    return neighbours


def colour_indices(geometries: Sequence[shapely.Geometry], gap: float = 0.0) -> list[int]:
    """A colour index per polygon such that neighbours differ, using few colours.

    DSATUR: colour next the polygon whose neighbours already use the most distinct colours
    (ties: most neighbours, then input order), giving it the lowest free index. Deterministic.
    """
    neighbours = adjacency(geometries, gap)
    count = len(neighbours)
    colours = [-1] * count
    for _ in range(count):
        best, best_key = -1, None
        for i in range(count):
            if colours[i] >= 0:
                continue
            used = {colours[j] for j in neighbours[i] if colours[j] >= 0}
            key = (len(used), len(neighbours[i]), -i)
            if best_key is None or key > best_key:
                best, best_key = i, key
        taken = {colours[j] for j in neighbours[best]}
        colours[best] = next(c for c in range(count + 1) if c not in taken)
    return colours
