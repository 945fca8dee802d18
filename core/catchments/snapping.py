"""Snap points to the nearest street edge and find where along the edge they land."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from scipy.spatial import cKDTree

from .graph import Graph


@dataclass(frozen=True)
class Snap:
    """Where each point joins the network.

    ``edge`` is -1 for a point farther than the snap limit from every edge. ``offset`` is
    the distance along the edge from its start node to the snapped position, ``access`` the
    straight distance from the point to that position (the walk to the street).
    """

    edge: np.ndarray
    offset: np.ndarray
    access: np.ndarray

    @property
    def snapped(self) -> np.ndarray:
        return self.edge >= 0


class Snapper:
    """Nearest-edge look-ups on one graph.

    Edges are cut into short pieces (at most ``piece`` long) whose midpoints go into a
    k-d tree. For each point the ``k`` nearest midpoints give candidate pieces, whose exact
    distances are computed with numpy; the answer is certain when the best distance is no
    more than the k-th midpoint's distance minus half a piece (no piece left out can be
    closer). The few uncertain points fall back to shapely's ``STRtree.query_nearest``.
    Equally near edges (within a nanometre) go to the lowest edge index.
    """

    def __init__(self, graph: Graph, piece: float | None = None, k: int = 8) -> None:
        self.graph = graph
        self.k = k
        self._tree: shapely.STRtree | None = None
        lengths = graph.edge_length
        if piece is None:  # a few pieces per typical edge; short pieces keep the tree exact
            piece = float(np.clip(np.median(lengths) / 3 if len(lengths) else 20.0, 2.0, 50.0))
        dense = shapely.segmentize(graph.edge_geometry, piece)
        coords, owner = shapely.get_coordinates(dense, return_index=True)
        same = owner[1:] == owner[:-1]
        seg = np.flatnonzero(same)
        step = np.zeros(len(coords))
        step[1:] = np.where(same, np.hypot(*(coords[1:] - coords[:-1]).T), 0.0)
        cum = np.cumsum(step)
        first = np.r_[True, ~same]
        cum -= np.repeat(cum[first], np.diff(np.r_[np.flatnonzero(first), len(coords)]))
        self._p0 = coords[seg]
        self._vec = coords[seg + 1] - coords[seg]
        self._edge = owner[seg]
        self._start = cum[seg]
        self._half = float(np.hypot(*self._vec.T).max(initial=0.0)) / 2.0
        self._kd = cKDTree(self._p0 + self._vec / 2.0)

    @property
    def tree(self) -> shapely.STRtree:
        if self._tree is None:
            self._tree = shapely.STRtree(self.graph.edge_geometry)
        return self._tree

    def snap(self, xy: np.ndarray, max_distance: float | None = None) -> Snap:
        """Snap points ``xy`` (n, 2) to their nearest edge.

        ``max_distance`` (None or <= 0: no limit) leaves farther points unsnapped.
        """
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        n = len(xy)
        edge = np.full(n, -1, dtype=np.int64)
        offset = np.full(n, np.nan)
        access = np.full(n, np.nan)
        if n == 0 or len(self._edge) == 0:
            return Snap(edge, offset, access)
        limit = max_distance if max_distance and max_distance > 0 else None
        k = min(self.k, len(self._edge))
        for rows in np.array_split(np.arange(n), max(1, n // 100_000)):
            self._snap_block(xy, rows, k, limit, edge, offset, access)
        return Snap(edge, offset, access)

    def _snap_block(self, xy, rows, k, limit, edge, offset, access) -> None:
        pts = xy[rows]
        near, cand = self._kd.query(pts, k=k)
        near, cand = near.reshape(len(rows), k), cand.reshape(len(rows), k)
        a = self._p0[cand]
        d = self._vec[cand]
        rel = pts[:, None, :] - a
        sq = np.einsum("ijk,ijk->ij", d, d)
        t = np.clip(np.einsum("ijk,ijk->ij", rel, d) / np.where(sq > 0, sq, 1.0), 0.0, 1.0)
        gap = rel - t[..., None] * d
        dist = np.hypot(gap[..., 0], gap[..., 1])
        best = dist.min(axis=1)
        cand_edge = self._edge[cand]
        tied = dist <= best[:, None] + 1e-9
        pick = np.argmin(np.where(tied, cand_edge, np.iinfo(np.int64).max), axis=1)
        i = np.arange(len(rows))
        sure = (best <= near[:, -1] - self._half) | (k == len(self._edge))
        chosen = cand[i, pick]
        ok = sure if limit is None else sure & (best <= limit)
        edge[rows[ok]] = self._edge[chosen[ok]]
        access[rows[ok]] = best[ok]
        seg_len = np.sqrt(sq[i, pick])
        offset[rows[ok]] = np.clip(
            self._start[chosen[ok]] + t[i, pick][ok] * seg_len[ok],
            0.0,
            self.graph.edge_length[self._edge[chosen[ok]]],
        )
        unsure = rows[~sure]
        if len(unsure):
            self._snap_exact(xy, unsure, limit, edge, offset, access)

    def _snap_exact(self, xy, rows, limit, edge, offset, access) -> None:
        """Shapely's nearest search for the points the k-d candidates could not settle."""
        points = shapely.points(xy[rows])
        (src, hit), dist = self.tree.query_nearest(
            points, max_distance=limit, return_distance=True, all_matches=True
        )
        order = np.lexsort((hit, dist, src))
        src, hit, dist = src[order], hit[order], dist[order]
        first = np.ones(len(src), dtype=bool)
        first[1:] = src[1:] != src[:-1]
        src, hit, dist = src[first], hit[first], dist[first]
        edge[rows[src]] = hit
        access[rows[src]] = dist
        located = shapely.line_locate_point(self.graph.edge_geometry[hit], points[src])
        offset[rows[src]] = np.clip(located, 0.0, self.graph.edge_length[hit])
