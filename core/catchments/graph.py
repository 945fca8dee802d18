"""A street graph built from line geometries, as arrays ready for ``scipy.sparse.csgraph``.

Nodes are the ends of every line and every vertex that lines share (or that one line
passes twice); vertices closer than ``tolerance`` are joined into one node first. Each run
of a line between two nodes is one edge, weighted by its length. Interior vertices that
no other line touches stay inside their edge's geometry, so the graph is as small as the
street topology allows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

#: Travel permitted along an edge, from the line's ``direction`` code.
BOTH, FORWARD, BACKWARD = 0, 1, -1

_FORWARD_WORDS = {
    "1", "yes", "true", "y", "t", "forward", "forwards", "ft", "f", "indirection",
    "in direction", "with", "oneway", "one way", "one-way",
}  # fmt: skip
_BACKWARD_WORDS = {
    "-1", "reverse", "backward", "backwards", "tf", "inoppositedirection",
    "in opposite direction", "opposite", "against",
}  # fmt: skip
_MOTORWAY_WORDS = ("motorway",)


def parse_direction(values: Sequence[object]) -> np.ndarray:
    """Direction codes (``BOTH``, ``FORWARD``, ``BACKWARD``) from a one-way field's values.

    Understands OSM ``oneway`` (``yes``/``1``/``true``, ``-1``/``reverse``), OS MasterMap
    Highways ``directionality`` (``inDirection``, ``inOppositeDirection``,
    ``bothDirections``) and ``FT``/``TF`` codes. Anything else (blank, ``no``, ``both``)
    means both directions.
    """
    out = np.zeros(len(values), dtype=np.int8)
    for i, value in enumerate(values):
        if value is None:
            continue
        word = str(value).strip().lower()
        if word in _FORWARD_WORDS:
            out[i] = FORWARD
        elif word in _BACKWARD_WORDS:
            out[i] = BACKWARD
    return out


def is_motorway(values: Sequence[object]) -> np.ndarray:
    """True where a road classification names a motorway (OS Open Roads ``Motorway``,
    OSM ``motorway``/``motorway_link``, or a road number such as ``M25``/``A1(M)``)."""
    out = np.zeros(len(values), dtype=bool)
    for i, value in enumerate(values):
        if value is None:
            continue
        word = str(value).strip().lower()
        out[i] = (
            any(w in word for w in _MOTORWAY_WORDS)
            or (len(word) > 1 and word[0] == "m" and word[1].isdecimal())
            or word.endswith("(m)")
        )
    return out


@dataclass(frozen=True)
class Graph:
    """A street graph: nodes, edges (with geometry) and the travel allowed on each edge."""

    node_xy: np.ndarray  #: (N, 2) float coordinates of the nodes
    edge_u: np.ndarray  #: (E,) start node of each edge (its geometry's first vertex)
    edge_v: np.ndarray  #: (E,) end node
    edge_length: np.ndarray  #: (E,) length in CRS units (metres for EPSG:27700)
    edge_forward: np.ndarray  #: (E,) bool, travel u → v allowed
    edge_backward: np.ndarray  #: (E,) bool, travel v → u allowed
    edge_source: np.ndarray  #: (E,) index of the input line the edge came from
    edge_geometry: np.ndarray  #: (E,) shapely LineStrings, first vertex at u
    skipped_lines: int = 0  #: input lines that were empty, null or not lines

    @property
    def node_count(self) -> int:
        return len(self.node_xy)

    @property
    def edge_count(self) -> int:
        return len(self.edge_u)


def _cluster_vertices(coords: np.ndarray, tolerance: float) -> tuple[np.ndarray, np.ndarray]:
    """Label each vertex with its node cluster; return (labels, cluster coordinates).

    Equal coordinates always share a label; with ``tolerance > 0`` vertices closer than it
    are joined (transitively). Labels follow the sorted order of coordinates, so they do
    not depend on the order of the input lines; a cluster's position is its smallest point.
    """
    order = np.lexsort((coords[:, 1], coords[:, 0]))
    ordered = coords[order]
    new = np.ones(len(ordered), dtype=bool)
    new[1:] = np.any(ordered[1:] != ordered[:-1], axis=1)
    unique_id = np.cumsum(new) - 1
    unique_xy = ordered[new]
    labels = np.empty(len(coords), dtype=np.int64)
    labels[order] = unique_id
    if tolerance > 0 and len(unique_xy) > 1:
        pairs = cKDTree(unique_xy).query_pairs(tolerance, output_type="ndarray")
        if len(pairs):
            n = len(unique_xy)
            adjacency = coo_matrix(
                (np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n)
            )
            _, comp = connected_components(adjacency, directed=False)
            # renumber components by their first (smallest) unique point
            first = np.full(comp.max() + 1, n, dtype=np.int64)
            np.minimum.at(first, comp, np.arange(n))
            rank = np.empty_like(first)
            rank[np.argsort(first, kind="stable")] = np.arange(len(first))
            labels = rank[comp][labels]
            unique_xy = unique_xy[np.sort(first)]
    return labels, unique_xy


def _join_ends(
    parts: np.ndarray, coords: np.ndarray, vertex_part: np.ndarray, tolerance: float
) -> tuple[np.ndarray, np.ndarray]:
    """Add a vertex where a line's end lies on another line between that line's vertices.

    Street layers digitised street by street (a USRN layer) often end a side street on the
    middle of the main street's segment; that T-junction has no shared vertex. The end's
    own coordinates are inserted into the other line, so the two share a node. Lines that
    cross without either ending there stay unconnected (bridges, tunnels).
    """
    step = np.zeros(len(coords))
    same = vertex_part[1:] == vertex_part[:-1]
    step[1:] = np.where(same, np.hypot(*(coords[1:] - coords[:-1]).T), 0.0)
    cum = np.cumsum(step)
    first = np.ones(len(coords), dtype=bool)
    first[1:] = ~same
    cum -= np.repeat(cum[first], np.diff(np.append(np.flatnonzero(first), len(coords))))
    last = np.ones(len(coords), dtype=bool)
    last[:-1] = first[1:]
    end_idx = np.flatnonzero(first | last)
    # only ends that meet no other vertex (dead ends, or a T on a segment) need the search
    dist, _ = cKDTree(coords).query(coords[end_idx], k=2)
    end_idx = end_idx[dist[:, 1] > tolerance]
    if len(end_idx) == 0:
        return coords, vertex_part
    ends = shapely.points(coords[end_idx])
    tree = shapely.STRtree(parts)
    e_i, p_i = tree.query(ends, predicate="dwithin", distance=max(tolerance, 1e-9))
    if len(e_i) == 0:
        return coords, vertex_part
    where = shapely.line_locate_point(parts[p_i], ends[e_i])
    lo = np.searchsorted(vertex_part, p_i, side="left")
    hi = np.searchsorted(vertex_part, p_i, side="right")
    pos = _first_at_or_beyond(cum, vertex_part, p_i, where)
    # skip positions at (or within tolerance of) one of the line's own vertices
    near_prev = (pos > lo) & (np.abs(where - cum[np.maximum(pos - 1, 0)]) <= tolerance)
    near_next = (pos < hi) & (np.abs(cum[np.minimum(pos, len(cum) - 1)] - where) <= tolerance)
    new = ~(near_prev | near_next)
    if not new.any():
        return coords, vertex_part
    all_xy = np.concatenate([coords, coords[end_idx[e_i[new]]]])
    all_part = np.concatenate([vertex_part, p_i[new]])
    all_key = np.concatenate([cum, where[new]])
    order = np.lexsort((all_key, all_part))
    return all_xy[order], all_part[order]


def _first_at_or_beyond(
    cum: np.ndarray, vertex_part: np.ndarray, part: np.ndarray, where: np.ndarray
) -> np.ndarray:
    """Index of the first vertex of ``part`` whose distance along it is >= ``where``."""
    n, q = len(cum), len(part)
    keys_part = np.concatenate([vertex_part, part])
    keys_dist = np.concatenate([cum, where])
    is_query = np.concatenate([np.zeros(n, dtype=np.int8), np.ones(q, dtype=np.int8)])
    order = np.lexsort((1 - is_query, keys_dist, keys_part))  # queries before equal vertices
    query_rank = np.flatnonzero(order >= n)
    queries_before = np.arange(q)
    result = np.empty(q, dtype=np.int64)
    result[order[query_rank] - n] = query_rank - queries_before
    return result


def build_graph(
    lines: Sequence[object] | np.ndarray,
    direction: Sequence[int] | np.ndarray | None = None,
    tolerance: float = 0.0,
    join_ends: bool = True,
) -> Graph:
    """Build the street graph from line geometries (LineString or MultiLineString).

    ``direction`` gives each line's travel code (``BOTH``/``FORWARD``/``BACKWARD``,
    relative to its digitised direction; see :func:`parse_direction`). ``tolerance`` joins
    vertices closer than it (gaps left by digitising). With ``join_ends`` a line ending on
    the middle of another line's segment is joined to it there. Null, empty and non-line
    geometries are counted in ``skipped_lines``, not used.
    """
    geoms = np.asarray(lines, dtype=object)
    n_lines = len(geoms)
    codes = (
        np.zeros(n_lines, dtype=np.int8)
        if direction is None
        else np.asarray(direction, dtype=np.int8)
    )
    if len(codes) != n_lines:
        raise ValueError("direction must have one value per line")
    valid = np.zeros(n_lines, dtype=bool)
    if n_lines:
        types = shapely.get_type_id(geoms)
        valid = np.isin(types, (1, 2, 5)) & ~shapely.is_empty(geoms)
    line_ids = np.flatnonzero(valid)
    parts, part_line = shapely.get_parts(geoms[valid], return_index=True)
    part_line = line_ids[part_line]
    coords, vertex_part = shapely.get_coordinates(parts, return_index=True)
    if len(coords) == 0:
        raise ValueError("the network has no usable line geometry")
    if join_ends:
        coords, vertex_part = _join_ends(parts, coords, vertex_part, tolerance)

    labels, cluster_xy = _cluster_vertices(coords, tolerance)
    # drop vertices that fall on the same node as the previous vertex of their part
    keep = np.ones(len(coords), dtype=bool)
    keep[1:] = ~((vertex_part[1:] == vertex_part[:-1]) & (labels[1:] == labels[:-1]))
    coords, vertex_part, labels = coords[keep], vertex_part[keep], labels[keep]
    # parts reduced to a single vertex have no length
    counts = np.bincount(vertex_part, minlength=len(parts))
    keep = counts[vertex_part] >= 2
    coords, vertex_part, labels = coords[keep], vertex_part[keep], labels[keep]
    if len(coords) == 0:
        raise ValueError("the network has no line with a length")

    first = np.ones(len(coords), dtype=bool)
    first[1:] = vertex_part[1:] != vertex_part[:-1]
    last = np.ones(len(coords), dtype=bool)
    last[:-1] = first[1:]
    occurrences = np.bincount(labels)
    is_node = first | last | (occurrences[labels] >= 2)
    # node vertices take their cluster's position, so edges meet exactly at nodes
    coords = np.where(is_node[:, None], cluster_xy[labels], coords)

    starts = is_node & ~last
    seg_edge = np.cumsum(starts) - 1  # valid for vertices that are not last of their part
    vertex_index = np.arange(len(coords))
    body = np.flatnonzero(~last)
    ends = np.flatnonzero(is_node & ~first)
    edge_of_vertex = np.concatenate([seg_edge[body], seg_edge[ends - 1]])
    member = np.concatenate([vertex_index[body], vertex_index[ends]])
    order = np.lexsort((member, edge_of_vertex))
    edge_of_vertex, member = edge_of_vertex[order], member[order]
    edge_xy = coords[member]

    n_edges = int(seg_edge[body].max()) + 1 if len(body) else 0
    seg_len = np.hypot(*(coords[body + 1] - coords[body]).T)
    length = np.bincount(seg_edge[body], weights=seg_len, minlength=n_edges)
    edge_first = np.searchsorted(edge_of_vertex, np.arange(n_edges), side="left")
    edge_last = np.searchsorted(edge_of_vertex, np.arange(n_edges), side="right") - 1
    u_cluster = labels[member[edge_first]]
    v_cluster = labels[member[edge_last]]
    edge_line = part_line[vertex_part[member[edge_first]]]

    used, node_of = np.unique(np.concatenate([u_cluster, v_cluster]), return_inverse=True)
    edge_u, edge_v = node_of[:n_edges], node_of[n_edges:]
    edge_code = codes[edge_line]
    geometry = shapely.linestrings(edge_xy, indices=edge_of_vertex)
    return Graph(
        node_xy=cluster_xy[used],
        edge_u=edge_u.astype(np.int64),
        edge_v=edge_v.astype(np.int64),
        edge_length=length,
        edge_forward=edge_code != BACKWARD,
        edge_backward=edge_code != FORWARD,
        edge_source=edge_line.astype(np.int64),
        edge_geometry=np.asarray(geometry, dtype=object),
        skipped_lines=int(n_lines - valid.sum()),
    )
