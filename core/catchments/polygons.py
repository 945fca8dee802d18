"""Catchment polygons that tile the boundary: Voronoi cells of the addresses, by facility.

Every point of the boundary lies in the Voronoi cell of its nearest address, and each
address belongs to one facility, so dissolving the cells by facility and clipping them to
the boundary gives one polygon per facility that together cover the boundary with no gap
and no overlap. Addresses that share a position are one generator (Voronoi needs distinct
points); the cell goes to the facility most of them use (ties: lowest facility index).
Cells of addresses without a facility (unreachable, or over capacity) form their own
polygon, label -1, so the tiling stays complete.
"""

from __future__ import annotations

import numpy as np
import shapely

UNASSIGNED = -1


def _point_labels(xy: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct positions and the majority label at each (ties: lowest, -1 last)."""
    order = np.lexsort((xy[:, 1], xy[:, 0]))
    xy, labels = xy[order], labels[order]
    new = np.ones(len(xy), dtype=bool)
    new[1:] = np.any(xy[1:] != xy[:-1], axis=1)
    point = np.cumsum(new) - 1
    big = labels.max(initial=0) + 1
    key_label = np.where(labels < 0, big, labels)  # -1 loses ties
    pairs, counts = np.unique(np.stack([point, key_label], axis=1), axis=0, return_counts=True)
    best = np.lexsort((pairs[:, 1], -counts, pairs[:, 0]))
    pairs = pairs[best]
    first = np.ones(len(pairs), dtype=bool)
    first[1:] = pairs[1:, 0] != pairs[:-1, 0]
    chosen = pairs[first, 1]
    return xy[new], np.where(chosen == big, UNASSIGNED, chosen)


def voronoi_cells(points_xy: np.ndarray, extent: shapely.Geometry) -> np.ndarray:
    """The Voronoi cell of each (distinct) point, in input order, covering ``extent``."""
    n = len(points_xy)
    if n == 1:
        return np.array([shapely.envelope(extent).buffer(1.0)], dtype=object)
    points = shapely.points(points_xy)
    multipoint = shapely.multipoints(points)
    try:
        cells = shapely.voronoi_polygons(multipoint, extend_to=extent, ordered=True)
        parts = shapely.get_parts(cells)
        # Check the order really holds: inside QGIS 3.22 the GEOS that QGIS loads (3.11)
        # can stand in for the wheel's own and ignore ``ordered``.
        if len(parts) == n and shapely.intersects(parts, points).all():
            return parts
    except Exception:
        pass
    parts = shapely.get_parts(shapely.voronoi_polygons(multipoint, extend_to=extent))
    tree = shapely.STRtree(parts)
    point_idx, cell_idx = tree.query(points, predicate="within")
    result = np.empty(n, dtype=object)
    result[point_idx] = parts[cell_idx]
    if any(cell is None for cell in result):
        raise RuntimeError("a Voronoi cell could not be matched to its address")
    return result


def _dissolve(cells: np.ndarray) -> shapely.Geometry:
    try:
        return shapely.coverage_union_all(cells)
    except Exception:
        return shapely.union_all(cells)


def _frontier(points: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Points with a Delaunay neighbour of another label (the others can be left out).

    Dropping a point whose Delaunay neighbours all share its label hands its Voronoi cell
    to those neighbours, so every label's region stays exactly the same; and a dropped
    point's neighbours keep only same-label neighbours, so all such points can go at once.
    The Voronoi diagram and the dissolve then work on the frontier points only.
    ``points`` must be distinct and sorted by (x, y) (as ``_point_labels`` returns them).
    """
    keep = np.ones(len(points), dtype=bool)
    if len(points) < 1000:
        return keep
    edges = shapely.delaunay_triangles(shapely.multipoints(points), only_edges=True)
    ends = shapely.get_coordinates(edges)
    if len(ends) == 0 or len(ends) % 2:
        return keep
    as_pairs = np.dtype([("x", "f8"), ("y", "f8")])
    table = np.ascontiguousarray(points).view(as_pairs).reshape(-1)
    found = np.searchsorted(table, np.ascontiguousarray(ends).view(as_pairs).reshape(-1))
    found = np.minimum(found, len(points) - 1)
    exact = (points[found] == ends).all(axis=1)
    if not exact.all():  # GEOS moved a coordinate: do not thin
        return keep
    i, j = found[0::2], found[1::2]
    touched = np.zeros(len(points), dtype=bool)
    touched[i] = touched[j] = True
    differs = labels[i] != labels[j]
    frontier = ~touched
    frontier[i[differs]] = True
    frontier[j[differs]] = True
    return frontier


def catchment_polygons(
    address_xy: np.ndarray,
    address_facility: np.ndarray,
    boundary: shapely.Geometry,
    thin: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """(labels, polygons): one polygon per facility index with addresses, plus -1 if any
    address has none. The polygons tile ``boundary``.

    Addresses without finite coordinates are ignored (the caller reports them). With no
    addresses at all the whole boundary is one polygon labelled -1.
    """
    xy = np.asarray(address_xy, dtype=float).reshape(-1, 2)
    labels = np.asarray(address_facility, dtype=np.int64)
    finite = np.isfinite(xy).all(axis=1)
    xy, labels = xy[finite], labels[finite]
    boundary = shapely.make_valid(boundary)
    if len(xy) == 0:
        return np.array([UNASSIGNED]), np.array([boundary], dtype=object)
    points, point_label = _point_labels(xy, labels)
    if len(np.unique(point_label)) == 1:
        return point_label[:1].copy(), np.array([boundary], dtype=object)
    if thin:
        keep = _frontier(points, point_label)
        points, point_label = points[keep], point_label[keep]
    cells = voronoi_cells(points, boundary)
    out_labels, out_geoms = [], []
    groups = np.unique(point_label)
    ordered = np.concatenate([groups[groups >= 0], groups[groups < 0]])
    for label in ordered:
        dissolved = _dissolve(cells[point_label == label])
        clipped = shapely.intersection(dissolved, boundary)
        clipped = _polygonal(clipped)
        if clipped is not None:
            out_labels.append(label)
            out_geoms.append(clipped)
    return np.array(out_labels, dtype=np.int64), np.array(out_geoms, dtype=object)


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry | None:
    """Only the polygon parts of an overlay result (drops stray lines and points)."""
    if geom is None or geom.is_empty:
        return None
    if shapely.get_type_id(geom) in (3, 6):
        return geom
    parts = shapely.get_parts(geom)
    polys = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
    if len(polys) == 0:
        return None
    return shapely.union_all(polys)


def default_boundary(xy: np.ndarray, margin: float | None = None) -> shapely.Geometry:
    """A boundary when none is given: the convex hull of the points, widened a little."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    xy = xy[np.isfinite(xy).all(axis=1)]
    if len(xy) == 0:
        raise ValueError("no points to draw a boundary around")
    hull = shapely.convex_hull(shapely.multipoints(xy))
    if margin is None:
        span = float(np.ptp(xy, axis=0).max()) if len(xy) > 1 else 0.0
        margin = max(50.0, 0.02 * span)
    return hull.buffer(margin, quad_segs=4)
