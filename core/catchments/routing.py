"""Nearest facility along the network for every address, in one shortest-path search.

Facilities are put into the graph exactly: each edge that holds a facility is split at the
facility's snapped position, so a facility half-way along a street is a node and an
address on the same street reaches it directly. A super-source joins every facility node
with an arc costing that facility's access distance (point to street), and one
``scipy.sparse.csgraph.dijkstra`` run from it gives, for every node, the distance to the
nearest facility (this is the multi-source search: the same as ``min_only=True`` with the
facilities as ``indices``, but with each facility's access walk counted). Addresses are
not split in; each address adds its access walk and the partial edge to one of its
sub-edge's two ends, whichever is shorter and allowed by one-way rules.

Ties (two facilities within ``tie_tolerance`` of the same distance) go to the facility
that comes first (lowest index; callers order facilities by id), at every node and at
every address, so the result does not depend on the search's internal order.

Distances follow the direction of travel: ``towards_facility=True`` (the default) measures
the trip from the address to the facility, so one-way streets are followed in that sense;
``False`` measures facility to address (deliveries, home visits).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from .graph import Graph
from .snapping import Snap

#: A facility snapped closer than this to an edge end is placed on that end's node.
END_TOLERANCE = 1e-7
_SOURCE_OFFSET = 1.0  # keeps super-source arcs positive when a facility sits on the street


def tie_tolerance(distance: np.ndarray | float) -> np.ndarray | float:
    """Distances closer than this count as equal (rounding of sums along paths)."""
    return 1e-7 + 1e-12 * np.abs(distance)


@dataclass(frozen=True)
class Network:
    """The graph split at facility positions, with arcs oriented for the search."""

    graph: Graph
    node_count: int  #: graph nodes plus split nodes (the super-source is not counted)
    sub_parent: np.ndarray  #: original edge of each sub-edge
    sub_a: np.ndarray  #: node at the sub-edge's start
    sub_b: np.ndarray  #: node at its end
    sub_start: np.ndarray  #: offset of the start along the original edge
    sub_end: np.ndarray  #: offset of the end
    sub_first: np.ndarray  #: first sub-edge of each original edge
    sub_count: np.ndarray  #: number of sub-edges of each original edge
    facility_node: np.ndarray  #: node of each facility (-1: not on the network)
    facility_access: np.ndarray  #: access distance of each facility
    towards_facility: bool
    search: csr_matrix  #: arcs for the search from facilities (super-source excluded)


@dataclass(frozen=True)
class NearestResult:
    """Nearest facility of every address (-1 when none can be reached)."""

    facility: np.ndarray
    distance: np.ndarray
    node_distance: np.ndarray  #: distance from every network node to its nearest facility
    node_facility: np.ndarray  #: the nearest facility of every node (-1 unreachable)


def prepare(graph: Graph, facilities: Snap, towards_facility: bool = True) -> Network:
    """Split the graph's edges at the snapped facilities and build the search arcs."""
    n_edges = graph.edge_count
    snapped = np.flatnonzero(facilities.snapped)
    f_edge = facilities.edge[snapped]
    f_off = facilities.offset[snapped]
    f_len = graph.edge_length[f_edge]
    at_start = f_off <= END_TOLERANCE
    at_end = ~at_start & (f_off >= f_len - END_TOLERANCE)
    inside = ~(at_start | at_end)

    facility_node = np.full(len(facilities.edge), -1, dtype=np.int64)
    facility_node[snapped[at_start]] = graph.edge_u[f_edge[at_start]]
    facility_node[snapped[at_end]] = graph.edge_v[f_edge[at_end]]
    split_keys = np.stack([f_edge[inside].astype(float), f_off[inside]], axis=1)
    if len(split_keys):
        uniq, inverse = np.unique(split_keys, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
    else:
        uniq, inverse = np.empty((0, 2)), np.empty(0, dtype=np.int64)
    split_node = graph.node_count + np.arange(len(uniq))
    facility_node[snapped[inside]] = split_node[inverse]
    node_count = graph.node_count + len(uniq)

    edges = np.arange(n_edges)
    bp_edge = np.concatenate([edges, edges, uniq[:, 0].astype(np.int64)])
    bp_off = np.concatenate([np.zeros(n_edges), graph.edge_length, uniq[:, 1]])
    bp_node = np.concatenate([graph.edge_u, graph.edge_v, split_node])
    bp_rank = np.concatenate([np.zeros(n_edges), np.full(n_edges, 2), np.ones(len(uniq))])
    order = np.lexsort((bp_rank, bp_off, bp_edge))
    bp_edge, bp_off, bp_node = bp_edge[order], bp_off[order], bp_node[order]
    pair = np.flatnonzero(bp_edge[1:] == bp_edge[:-1])
    sub_parent = bp_edge[pair]
    sub_a, sub_b = bp_node[pair], bp_node[pair + 1]
    sub_start, sub_end = bp_off[pair], bp_off[pair + 1]
    sub_first = np.searchsorted(sub_parent, edges, side="left")
    sub_count = np.searchsorted(sub_parent, edges, side="right") - sub_first

    length = sub_end - sub_start
    fwd = graph.edge_forward[sub_parent]
    bwd = graph.edge_backward[sub_parent]
    if towards_facility:  # search runs against the direction of travel
        tails = np.concatenate([sub_b[fwd], sub_a[bwd]])
        heads = np.concatenate([sub_a[fwd], sub_b[bwd]])
    else:
        tails = np.concatenate([sub_a[fwd], sub_b[bwd]])
        heads = np.concatenate([sub_b[fwd], sub_a[bwd]])
    weights = np.concatenate([length[fwd], length[bwd]])
    search = _csr_min(tails, heads, weights, node_count)
    return Network(
        graph=graph,
        node_count=node_count,
        sub_parent=sub_parent,
        sub_a=sub_a,
        sub_b=sub_b,
        sub_start=sub_start,
        sub_end=sub_end,
        sub_first=sub_first,
        sub_count=sub_count,
        facility_node=facility_node,
        facility_access=np.where(facility_node >= 0, facilities.access, np.inf),
        towards_facility=towards_facility,
        search=search,
    )


def _csr_min(tails: np.ndarray, heads: np.ndarray, weights: np.ndarray, n: int) -> csr_matrix:
    """A CSR matrix keeping the shortest of parallel arcs (scipy would add them up)."""
    keep = tails != heads
    tails, heads, weights = tails[keep], heads[keep], weights[keep]
    order = np.lexsort((weights, heads, tails))
    tails, heads, weights = tails[order], heads[order], weights[order]
    first = np.ones(len(tails), dtype=bool)
    first[1:] = (tails[1:] != tails[:-1]) | (heads[1:] != heads[:-1])
    return csr_matrix((weights[first], (tails[first], heads[first])), shape=(n, n))


def locate(network: Network, snap: Snap) -> tuple[np.ndarray, np.ndarray]:
    """Sub-edge of each snapped point (-1 when unsnapped) and its offset on the original edge."""
    sub = np.full(len(snap.edge), -1, dtype=np.int64)
    ok = snap.snapped
    sub[ok] = network.sub_first[snap.edge[ok]]
    split_edges = np.flatnonzero(network.sub_count > 1)
    if len(split_edges):
        on_split = ok & np.isin(snap.edge, split_edges)
        for edge in np.unique(snap.edge[on_split]):  # at most one edge per facility
            rows = np.flatnonzero(on_split & (snap.edge == edge))
            first, count = network.sub_first[edge], network.sub_count[edge]
            starts = network.sub_start[first : first + count]
            pos = np.searchsorted(starts, snap.offset[rows], side="right") - 1
            sub[rows] = first + np.clip(pos, 0, count - 1)
    return sub, snap.offset


def exits(
    network: Network, sub: np.ndarray, offset: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For points on sub-edges: the two end nodes and the partial-edge cost to each.

    A cost is ``inf`` where one-way rules forbid that way (for unsnapped points both are);
    a point lying on an end node reaches that node at no cost in any case.
    """
    ok = sub >= 0
    s = np.where(ok, sub, 0)
    parent = network.sub_parent[s]
    fwd = network.graph.edge_forward[parent] & ok
    bwd = network.graph.edge_backward[parent] & ok
    to_a = np.maximum(offset - network.sub_start[s], 0.0)
    to_b = np.maximum(network.sub_end[s] - offset, 0.0)
    # towards the facility the trip leaves the point; from it the trip arrives at the point
    a_allowed = bwd if network.towards_facility else fwd
    b_allowed = fwd if network.towards_facility else bwd
    # a point on a node (within END_TOLERANCE) is at that node whatever the one-way rules
    cost_a = np.where(ok & (a_allowed | (to_a <= END_TOLERANCE)), to_a, np.inf)
    cost_b = np.where(ok & (b_allowed | (to_b <= END_TOLERANCE)), to_b, np.inf)
    node_a = np.where(ok, network.sub_a[s], -1)
    node_b = np.where(ok, network.sub_b[s], -1)
    return node_a, cost_a, node_b, cost_b


def _search_with_source(network: Network) -> csr_matrix:
    """The search arcs plus a super-source (last node) joined to every facility node."""
    n = network.node_count
    on = np.flatnonzero(network.facility_node >= 0)
    base = network.search.tocoo()
    tails = np.concatenate([base.row, np.full(len(on), n)])
    heads = np.concatenate([base.col, network.facility_node[on]])
    weights = np.concatenate([base.data, network.facility_access[on] + _SOURCE_OFFSET])
    return _csr_min(tails.astype(np.int64), heads.astype(np.int64), weights, n + 1)


def _row_arcs(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(tail, arc position) of every arc leaving ``rows`` in a CSR matrix."""
    starts = indptr[rows]
    counts = indptr[rows + 1] - starts
    total = int(counts.sum())
    base = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return np.repeat(rows, counts), base + np.arange(total)


def node_nearest(network: Network) -> tuple[np.ndarray, np.ndarray]:
    """Distance from every node to its nearest facility, and that facility (ties: lowest)."""
    n = network.node_count
    k = len(network.facility_node)
    graph = _search_with_source(network)
    dist, pred = dijkstra(graph, directed=True, indices=n, return_predecessors=True)
    dist = dist[:n] - _SOURCE_OFFSET
    pred = pred[:n]
    reached = np.isfinite(dist)
    dist[~reached] = np.inf

    # the facility each facility node seeds: lowest index among those whose access ties
    seed = np.full(n, k, dtype=np.int64)
    on = np.flatnonzero(network.facility_node >= 0)
    f_node = network.facility_node[on]
    tight = network.facility_access[on] <= dist[f_node] + tie_tolerance(dist[f_node])
    np.minimum.at(seed, f_node[tight], on[tight])

    # label from the shortest-path tree: follow predecessors up to the node below the source
    root = np.where((pred == n) | (pred < 0), np.arange(n), pred)
    while True:
        nxt = root[root]
        if np.array_equal(nxt, root):
            break
        root = nxt
    label = np.where(reached, seed[root], k)
    label = np.minimum(label, seed)

    # ties: a node takes the lowest label among all predecessors on a shortest path
    arcs = network.search.tocoo()
    with np.errstate(invalid="ignore"):
        slack = dist[arcs.row] + arcs.data - dist[arcs.col]
        on_path = reached[arcs.row] & (slack <= tie_tolerance(dist[arcs.col]))
    tight_arcs = csr_matrix(
        (np.ones(int(on_path.sum()), dtype=np.int8), (arcs.row[on_path], arcs.col[on_path])),
        shape=(n, n),
    )
    frontier = np.arange(n)
    while len(frontier):
        tails, pos = _row_arcs(tight_arcs.indptr, frontier)
        heads = tight_arcs.indices[pos]
        better = label[tails] < label[heads]
        if not better.any():
            break
        heads, values = heads[better], label[tails[better]]
        before = label[heads].copy()
        np.minimum.at(label, heads, values)
        frontier = np.unique(heads[label[heads] < before])
    label[label == k] = -1
    return dist, label


def nearest(network: Network, addresses: Snap) -> NearestResult:
    """Nearest facility and network distance (access walks included) of every address."""
    dist, label = node_nearest(network)
    sub, offset = locate(network, addresses)
    node_a, cost_a, node_b, cost_b = exits(network, sub, offset)
    ok = sub >= 0
    da = np.where(ok, dist[np.maximum(node_a, 0)] + cost_a, np.inf)
    db = np.where(ok, dist[np.maximum(node_b, 0)] + cost_b, np.inf)
    la = np.where(ok, label[np.maximum(node_a, 0)], -1)
    lb = np.where(ok, label[np.maximum(node_b, 0)], -1)
    best = np.minimum(da, db)
    with np.errstate(invalid="ignore"):
        tie = np.abs(da - db) <= tie_tolerance(best)
    use_b = (db < da) & ~tie
    use_b |= tie & (lb >= 0) & ((la < 0) | (lb < la))
    facility = np.where(use_b, lb, la)
    distance = best + np.where(ok, addresses.access, np.nan)
    unreachable = ~np.isfinite(best)
    facility[unreachable] = -1
    distance[unreachable] = np.nan
    return NearestResult(facility, distance, dist, label)


def facility_node_distances(network: Network, nodes: np.ndarray, chunk: int = 16) -> np.ndarray:
    """(len(nodes), K) distances from the given nodes to each facility, access included.

    Used by the capacitated assignment, which needs every facility's distance, not only
    the nearest. Facilities on the same node share one search.
    """
    k = len(network.facility_node)
    out = np.full((len(nodes), k), np.inf)
    on = np.flatnonzero(network.facility_node >= 0)
    sources, which = np.unique(network.facility_node[on], return_inverse=True)
    which = which.reshape(-1)
    for start in range(0, len(sources), chunk):
        block = sources[start : start + chunk]
        dist = dijkstra(network.search, directed=True, indices=block)
        dist = np.atleast_2d(dist)[:, nodes].T  # (len(nodes), len(block))
        for j in range(len(block)):
            members = on[which == start + j]
            out[:, members] = dist[:, j : j + 1] + network.facility_access[members]
    return out
