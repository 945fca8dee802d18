"""Adjacent polygons get different colours, with few colours in all."""

from __future__ import annotations

from itertools import pairwise

import shapely
from placelink.core.colouring import adjacency, colour_indices
from shapely.geometry import box


def test_grid_of_touching_cells_needs_two_colours_and_neighbours_differ() -> None:
    cells = [box(x, y, x + 1, y + 1) for y in range(4) for x in range(4)]
    colours = colour_indices(cells)
    neighbours = adjacency(cells)
    assert all(colours[i] != colours[j] for i, ns in enumerate(neighbours) for j in ns)
    assert len(set(colours)) <= 4  # corner-touching cells count as neighbours too


def test_wheel_needs_four_colours() -> None:
    hub = shapely.Point(0, 0).buffer(1)
    ring = shapely.Point(0, 0).buffer(3).difference(hub)
    # five wedges around a hub: an odd wheel, which needs 4 colours
    wedges = [
        ring.intersection(shapely.Polygon([(0, 0), *[(10 * c, 10 * s) for c, s in pair]]))
        for pair in _wedge_corners(5)
    ]
    polys = [hub, *wedges]
    colours = colour_indices(polys)
    assert len(set(colours)) == 4
    assert all(colours[0] != c for c in colours[1:])


def _wedge_corners(n: int) -> list[list[tuple[float, float]]]:
    import math

    angles = [2 * math.pi * (k % n) / n for k in range(n + 1)]
    mid = math.pi / n
    return [
        [(math.cos(a), math.sin(a)), (math.cos(a + mid) * 1.5, math.sin(a + mid) * 1.5),
         (math.cos(b), math.sin(b))]
        for a, b in pairwise(angles)
    ]  # fmt: skip


def test_separate_polygons_share_one_colour_unless_within_gap() -> None:
    polys = [box(0, 0, 1, 1), box(1.5, 0, 2.5, 1)]
    assert colour_indices(polys) == [0, 0]
    assert sorted(colour_indices(polys, gap=1.0)) == [0, 1]
