"""The nearest K facilities of every address along walking routes, to each facility's
nearest gate, for admissions ranking and home-to-school transport eligibility.

How a distance is measured: from where the address meets the network (its snapped
position along its street, so the position along the street counts) to where the gate
meets the network (its position along its street), along the shortest walking route. The
walks from the address to its street and from the street to the gate are not counted
(they are reported by callers as the straight-line ``straight_m`` instead). A facility
without gates is reached at its own point.

Walking rules: the caller leaves out lines walkers may not use (motorways, lines marked
unsuitable; see :func:`walkable`); one-way restrictions are ignored (the graph is built
without directions).

Speed: the graph is split at every gate (so a gate half-way along a street is a node) and
one multi-source Dijkstra runs per facility, seeded at all of that facility's gates
(scipy's ``min_only``), so the work is one pass per facility whatever the number of
addresses; addresses are then answered with array arithmetic from the two ends of their
sub-edge.

Ties: two facilities whose distances agree to the millimetre are tied. ``TIE_NAME`` puts
the facility whose name sorts first (then the lower index) first; ``TIE_RANDOM`` draws a
random order per address from a seeded generator (the seed is kept with the result so
the draw can be repeated).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from scipy.sparse.csgraph import dijkstra

from .graph import Graph, build_graph, is_motorway
from .routing import Network, exits, locate, prepare
from .snapping import Snap, Snapper

MILE = 1609.344
TIE_NAME, TIE_RANDOM = "name", "random"
#: Why an address has fewer facilities than asked for (or none).
NO_XY = "the address has no usable coordinates"
OFF_NETWORK = "the address is too far from the walking network to join it"
DISCONNECTED = (
    "no walking route to any {phase}: the address is on a part of the network not joined "
    "to any {phase}'s gate"
)

_UNSUITABLE_WORDS = {"1", "yes", "true", "y", "t", "unsuitable", "no access", "private"}
_NOT_WALKABLE_WORDS = {"0", "no", "false", "n", "f", "unsuitable", "private"}


class CancelledError(Exception):
    """The run was cancelled by the caller."""


def walkable(
    classification: Sequence[object] | None = None,
    unsuitable: Sequence[object] | None = None,
    foot: Sequence[object] | None = None,
) -> np.ndarray | None:
    """True for lines a walker may use: not a motorway (by road classification or number),
    not flagged in an ``unsuitable`` field (``yes``/``1``/``true``), not refused in a
    ``walkable``/``foot`` field (``no``/``0``/``false``/``private``). None when no field is
    given (every line walkable)."""
    masks = []
    if classification is not None:
        masks.append(~is_motorway(classification))
    if unsuitable is not None:
        masks.append(np.array([_word(v) in _UNSUITABLE_WORDS for v in unsuitable]) == 0)
    if foot is not None:
        masks.append(np.array([_word(v) not in _NOT_WALKABLE_WORDS for v in foot]))
    if not masks:
        return None
    out = masks[0].copy()
    for mask in masks[1:]:
        out &= mask
    return out


def _word(value: object) -> str:
    return "" if value is None else str(value).strip().lower()


@dataclass
class WalkNetwork:
    """The walking graph split at the gates, with each gate's facility."""

    graph: Graph
    network: Network
    snapper: Snapper
    gate_xy: np.ndarray  #: (G, 2)
    gate_facility: np.ndarray  #: (G,) facility index of each gate
    gate_snap: Snap
    facility_count: int
    _links: dict | None = None

    def links(self) -> dict[tuple[int, int], int]:
        """The shortest sub-edge joining each pair of nodes, keyed (low node, high node)."""
        if self._links is None:
            net = self.network
            length = net.sub_end - net.sub_start
            low = np.minimum(net.sub_a, net.sub_b)
            high = np.maximum(net.sub_a, net.sub_b)
            order = np.lexsort((-length, high, low))  # the shortest is written last
            self._links = {
                (int(a), int(b)): int(s) for a, b, s in zip(low[order], high[order], order)
            }
        return self._links

    def facility_gates(self, f: int) -> np.ndarray:
        return np.flatnonzero(self.gate_facility == f)


def prepare_walking(
    lines: Sequence[object] | np.ndarray,
    gate_xy: np.ndarray,
    gate_facility: np.ndarray,
    facility_count: int,
    node_tolerance: float = 0.0,
) -> WalkNetwork:
    """Build the walking graph (both directions on every line) and split it at the gates.

    ``gate_xy``/``gate_facility`` list every access point with its facility index; pass the
    facility points themselves (one per facility) for facilities without gates.
    """
    gate_xy = np.asarray(gate_xy, dtype=float).reshape(-1, 2)
    gate_facility = np.asarray(gate_facility, dtype=np.int64)
    if len(gate_xy) != len(gate_facility):
        raise ValueError("give one facility index per gate")
    if not np.isfinite(gate_xy).all():
        raise ValueError("a gate or facility has no usable coordinates")
    graph = build_graph(lines, None, node_tolerance)
    snapper = Snapper(graph)
    gate_snap = snapper.snap(gate_xy)
    network = prepare(graph, gate_snap, towards_facility=True)
    return WalkNetwork(
        graph=graph,
        network=network,
        snapper=snapper,
        gate_xy=gate_xy,
        gate_facility=gate_facility,
        gate_snap=gate_snap,
        facility_count=facility_count,
    )


@dataclass
class Searches:
    """One multi-source shortest-path tree per facility (for distances and routes)."""

    node_distance: np.ndarray  #: (F, N) distance of every node to the facility's nearest gate
    predecessor: np.ndarray  #: (F, N) int32, -9999 at sources and unreached nodes
    source_gate: np.ndarray  #: (F, N) int32 gate index whose search reached the node (-1)


def search_facilities(
    walk: WalkNetwork,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Searches:
    """One multi-source Dijkstra per facility, seeded at all its gates."""
    net = walk.network
    n, k = net.node_count, walk.facility_count
    dist = np.full((k, n), np.inf)
    pred = np.full((k, n), -9999, dtype=np.int32)
    gate = np.full((k, n), -1, dtype=np.int32)
    for f in range(k):
        gates = walk.facility_gates(f)
        gates = gates[net.facility_node[gates] >= 0]
        if len(gates):
            nodes = net.facility_node[gates]
            # the lowest gate index speaks for gates that share a node
            order = np.lexsort((gates, nodes))
            nodes, gates = nodes[order], gates[order]
            first = np.r_[True, nodes[1:] != nodes[:-1]]
            nodes, gates = nodes[first], gates[first]
            d, p, s = dijkstra(
                net.search, directed=True, indices=nodes, min_only=True, return_predecessors=True
            )
            dist[f] = d
            pred[f] = p
            gate_of_node = np.full(n, -1, dtype=np.int32)
            gate_of_node[nodes] = gates
            gate[f] = np.where(s >= 0, gate_of_node[np.maximum(s, 0)], -1)
        if progress is not None:
            progress(f + 1, k)
        if cancelled is not None and cancelled():
            raise CancelledError("shortest paths")
    return Searches(dist, pred, gate)


@dataclass
class AddressPlaces:
    """Where each address joins the walking network: its sub-edge's two ends and costs."""

    snap: Snap
    has_xy: np.ndarray
    node_a: np.ndarray
    cost_a: np.ndarray
    node_b: np.ndarray
    cost_b: np.ndarray


def place_addresses(
    walk: WalkNetwork, address_xy: np.ndarray, max_snap: float | None = None
) -> AddressPlaces:
    address_xy = np.asarray(address_xy, dtype=float).reshape(-1, 2)
    has_xy = np.isfinite(address_xy).all(axis=1)
    snap = walk.snapper.snap(np.where(has_xy[:, None], address_xy, 0.0), max_snap)
    snap.edge[~has_xy] = -1
    sub, offset = locate(walk.network, snap)
    node_a, cost_a, node_b, cost_b = exits(walk.network, sub, offset)
    return AddressPlaces(snap, has_xy, node_a, cost_a, node_b, cost_b)


def facility_column(
    searches: Searches, places: AddressPlaces, f: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distance (inf: none), gate and exit side (0: a, 1: b) of every address to facility f."""
    ok = places.node_a >= 0
    na, nb = np.maximum(places.node_a, 0), np.maximum(places.node_b, 0)
    dist = searches.node_distance[f]
    da = np.where(ok, dist[na] + places.cost_a, np.inf)
    db = np.where(ok, dist[nb] + places.cost_b, np.inf)
    use_b = db < da
    gates = searches.source_gate[f]
    d = np.where(use_b, db, da)
    g = np.where(use_b, gates[nb], gates[na])
    g = np.where(np.isfinite(d), g, -1)
    return d, g, use_b.astype(np.int8)


def distance_matrix(
    searches: Searches, places: AddressPlaces, dtype: type = np.float64
) -> tuple[np.ndarray, np.ndarray]:
    """(M, F) network distances (inf: unreachable) and (M, F) gate indices."""
    k = searches.node_distance.shape[0]
    m = len(places.node_a)
    dist = np.empty((m, k), dtype=dtype)
    gate = np.empty((m, k), dtype=np.int32)
    for f in range(k):
        d, g, _ = facility_column(searches, places, f)
        dist[:, f], gate[:, f] = d, g
    return dist, gate


def tie_keys(names: Sequence[str], m: int, tie_break: str = TIE_NAME, seed: int = 0) -> np.ndarray:
    """(M, F) or (1, F) int rank used after the distance: by name, or a seeded random order."""
    k = len(names)
    if tie_break == TIE_NAME:
        order = sorted(range(k), key=lambda i: (str(names[i]).casefold(), str(names[i]), i))
        rank = np.empty(k, dtype=np.int64)
        rank[order] = np.arange(k)
        return rank[None, :]
    if tie_break == TIE_RANDOM:
        rng = np.random.default_rng(seed)
        return rng.permuted(np.broadcast_to(np.arange(k), (m, k)), axis=1)
    raise ValueError(f"unknown tie break {tie_break!r}: use {TIE_NAME!r} or {TIE_RANDOM!r}")


def rank_nearest(dist: np.ndarray, keys: np.ndarray, k: int) -> np.ndarray:
    """(M, k) facility indices, nearest first; -1 where fewer are reachable.

    Distances are compared to the millimetre; equal ones are ordered by ``keys``.
    """
    m, f = dist.shape
    k = min(k, f)
    composite = _composite(dist, keys)
    if k < f:
        part = np.argpartition(composite, k - 1, axis=1)[:, :k]
    else:
        part = np.broadcast_to(np.arange(f), (m, f)).copy()
    chosen = np.take_along_axis(composite, part, axis=1)
    order = np.argsort(chosen, axis=1, kind="stable")
    top = np.take_along_axis(part, order, axis=1)
    reachable = np.isfinite(np.take_along_axis(dist, top, axis=1))
    return np.where(reachable, top, -1)


def _composite(dist: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Distance to the millimetre (unreachable last), then the tie key, as one integer."""
    m, f = dist.shape
    mm = np.where(np.isfinite(dist), np.round(dist * 1000.0), 1e13).astype(np.int64)
    return mm * f + np.broadcast_to(keys, (m, f))


def straight_to_facility(
    walk: WalkNetwork, address_xy: np.ndarray, f: int, rows: np.ndarray | None = None
) -> np.ndarray:
    """Straight-line distance from addresses to facility f's nearest gate (or its point)."""
    xy = np.asarray(address_xy, dtype=float).reshape(-1, 2)
    if rows is not None:
        xy = xy[rows]
    best = np.full(len(xy), np.inf)
    for g in walk.facility_gates(f):
        best = np.minimum(best, np.hypot(*(xy - walk.gate_xy[g]).T))
    return np.where(np.isfinite(best), best, np.nan)


@dataclass
class NearestFacilities:
    """The nearest K facilities of every address, with everything a row needs."""

    facility: np.ndarray  #: (M, K) facility index, -1 none
    network_m: np.ndarray  #: (M, K), NaN none
    straight_m: np.ndarray  #: (M, K), NaN none
    gate: np.ndarray  #: (M, K) gate index, -1 none
    beyond_limit_m: np.ndarray  #: (M,) largest limit the nearest exceeds, NaN within
    status: list[str | None]  #: (M,) why an address has no facility (None when it has one)
    tie_break: str
    seed: int | None
    searches: Searches
    places: AddressPlaces
    #: (M, F) distances and gates of every address to every facility (for the full table)
    matrix: tuple[np.ndarray, np.ndarray] | None = None


def nearest_facilities(
    walk: WalkNetwork,
    address_xy: np.ndarray,
    names: Sequence[str],
    k: int = 3,
    limits: Sequence[float] = (),
    tie_break: str = TIE_NAME,
    seed: int = 0,
    max_snap: float | None = None,
    phase: str = "facility",
    searches: Searches | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> NearestFacilities:
    """The nearest ``k`` facilities of every address by walking distance (see module doc)."""
    if len(names) != walk.facility_count:
        raise ValueError("give one name per facility")
    if not 1 <= k:
        raise ValueError("k must be at least 1")
    if searches is None:
        searches = search_facilities(walk, progress, cancelled)
    places = place_addresses(walk, address_xy, max_snap)
    dist, gates = distance_matrix(searches, places)
    m = len(dist)
    keys = tie_keys(names, m, tie_break, seed)
    top = rank_nearest(dist, keys, k)
    safe = np.maximum(top, 0)
    network_m = np.where(top >= 0, np.take_along_axis(dist, safe, axis=1), np.nan)
    gate = np.where(top >= 0, np.take_along_axis(gates, safe, axis=1), -1)
    straight = np.full(top.shape, np.nan)
    for f in np.unique(top[top >= 0]):
        rows, cols = np.nonzero(top == f)
        straight[rows, cols] = straight_to_facility(walk, address_xy, int(f), rows)
    beyond = beyond_limit(network_m[:, 0], limits)
    status: list[str | None] = [None] * m
    none = np.flatnonzero(top[:, 0] < 0)
    for i in none:
        if not places.has_xy[i]:
            status[i] = NO_XY
        elif places.snap.edge[i] < 0:
            status[i] = OFF_NETWORK
        else:
            status[i] = DISCONNECTED.format(phase=phase)
    return NearestFacilities(
        top,
        network_m,
        straight,
        gate,
        beyond,
        status,
        tie_break,
        seed if tie_break == TIE_RANDOM else None,
        searches,
        places,
        (dist, gates),
    )


@dataclass
class DistanceTable:
    """Every address to every facility, each address's facilities nearest first (the
    unreachable ones last, in tie-key order)."""

    facility: np.ndarray  #: (M, F) facility index in that order
    rank: np.ndarray  #: (M, F) 1 = nearest; 0 where no walking route
    network_m: np.ndarray  #: (M, F), inf where no walking route
    straight_m: np.ndarray  #: (M, F) to the facility's nearest gate, NaN without coordinates
    gate: np.ndarray  #: (M, F) gate index reached, -1 where no walking route


def distance_table(
    walk: WalkNetwork,
    searches: Searches,
    places: AddressPlaces,
    address_xy: np.ndarray,
    names: Sequence[str],
    tie_break: str = TIE_NAME,
    seed: int = 0,
    cancelled: Callable[[], bool] | None = None,
    matrix: tuple[np.ndarray, np.ndarray] | None = None,
) -> DistanceTable:
    """The full address × facility table, ranked as :func:`nearest_facilities` ranks (the
    same distances, tie keys and seed, so its ranks 1..k are that function's rows).
    *matrix* is :func:`distance_matrix`'s answer when already known (``NearestFacilities``
    keeps it)."""
    dist, gates = matrix if matrix is not None else distance_matrix(searches, places)
    m, f = dist.shape
    keys = tie_keys(names, m, tie_break, seed)
    order = np.argsort(_composite(dist, keys), axis=1, kind="stable").astype(np.int32)
    if cancelled is not None and cancelled():
        raise CancelledError("distance table")
    network_m = np.take_along_axis(dist, order, axis=1)
    reached = np.isfinite(network_m)
    rank = np.where(reached, np.arange(1, f + 1, dtype=np.int32)[None, :], 0).astype(np.int32)
    gate = np.where(reached, np.take_along_axis(gates, order, axis=1), -1)
    xy = np.asarray(address_xy, dtype=float).reshape(-1, 2)
    x, y = np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
    straight = np.full((f, m), np.inf)  # facility-major: each facility's row is contiguous
    for (gx, gy), owner in zip(walk.gate_xy, walk.gate_facility):
        np.minimum(straight[owner], np.hypot(x - gx, y - gy), out=straight[owner])
    straight[~np.isfinite(straight)] = np.nan
    straight = np.take_along_axis(straight.T, order, axis=1)
    return DistanceTable(order, rank, network_m, straight, gate)


def beyond_limit(nearest_m: np.ndarray, limits: Sequence[float]) -> np.ndarray:
    """The largest limit each distance exceeds (NaN when within all, or no distance)."""
    out = np.full(len(nearest_m), np.nan)
    for limit in sorted(float(x) for x in limits):
        with np.errstate(invalid="ignore"):
            out = np.where(nearest_m > limit, limit, out)
    return out


def parse_limits(text: str | None) -> list[float]:
    """Limits in metres from ``"3218.69,4828.03"`` (commas or spaces); sorted, unique."""
    if not text or not str(text).strip():
        return []
    values = []
    for part in str(text).replace(";", ",").replace(" ", ",").split(","):
        if not part.strip():
            continue
        try:
            value = float(part)
        except ValueError:
            raise ValueError(f"LIMITS: {part.strip()!r} is not a number of metres") from None
        if not np.isfinite(value) or value <= 0:
            raise ValueError(f"LIMITS: {part.strip()!r} must be a positive number of metres")
        values.append(value)
    return sorted(set(values))


# -- words --------------------------------------------------------------------------------


def miles(metres: float) -> str:
    value = metres / MILE
    return f"{value:.1f} mile" + ("" if round(value, 1) == 1.0 else "s")


def limit_words(limit: float) -> str:
    """``3-mile`` for limits that are a whole or half number of miles, else ``4,000 m``."""
    value = limit / MILE
    if abs(value * 2 - round(value * 2)) * MILE < 1.0:  # within a metre of a half mile
        number = f"{round(value * 2) / 2:g}"
        return f"{number}-mile"
    return f"{limit:,.0f} m"


def _ordinal(rank: int) -> str:
    if rank == 1:
        return "nearest"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(rank % 10 if rank % 100 not in (11, 12, 13) else 0)
    return f"{rank}{suffix or 'th'} nearest"


def reason(rank: int, phase: str, name: str, metres: float, limits: Sequence[float] = ()) -> str:
    """``nearest primary: St Mary's, 3.4 miles (5,472 m) by the shortest walking route,
    over the 3-mile limit``."""
    text = (
        f"{_ordinal(rank)} {phase}: {name}, {miles(metres)} ({metres:,.0f} m) "
        f"by the shortest walking route"
    )
    if limits:
        over = [x for x in limits if metres > x]
        within = [x for x in limits if metres <= x]
        parts = []
        if over:
            parts.append(f"over the {limit_words(max(over))} limit")
        if within:
            parts.append(f"within the {limit_words(min(within))} limit")
        text += ", " + ", ".join(parts)
    return text


# -- routes -------------------------------------------------------------------------------


def route(
    walk: WalkNetwork,
    searches: Searches,
    places: AddressPlaces,
    address_xy: np.ndarray,
    i: int,
    f: int,
) -> shapely.LineString | None:
    """The measured route of address ``i`` to facility ``f``: address → its street → along
    the network → the gate's street position → the gate. None when unreachable."""
    if f < 0 or places.node_a[i] < 0:
        return None
    d, g, side = (
        x[0]
        for x in facility_column(
            searches,
            AddressPlaces(
                places.snap,
                places.has_xy[i : i + 1],
                places.node_a[i : i + 1],
                places.cost_a[i : i + 1],
                places.node_b[i : i + 1],
                places.cost_b[i : i + 1],
            ),
            f,
        )
    )
    if not np.isfinite(d):
        return None
    net = walk.network
    graph = walk.graph
    edge, offset = int(places.snap.edge[i]), float(places.snap.offset[i])
    start_node = int(places.node_b[i] if side else places.node_a[i])
    geom = graph.edge_geometry[edge]
    # the piece of the address's street from its snapped position to the exit node
    sub, _ = locate(net, Snap(places.snap.edge[i : i + 1], places.snap.offset[i : i + 1], None))
    s = int(sub[0])
    end_off = float(net.sub_end[s] if side else net.sub_start[s])
    coords = [tuple(np.asarray(address_xy, dtype=float).reshape(-1, 2)[i])]
    coords += _piece(geom, offset, end_off)
    node = start_node
    pred = searches.predecessor[f]
    while pred[node] >= 0:
        prev = int(pred[node])
        coords += _sub_edge_between(walk, node, prev)
        node = prev
    coords.append(tuple(walk.gate_xy[g]))
    clean = [coords[0]]
    for c in coords[1:]:
        if c != clean[-1]:
            clean.append(c)
    if len(clean) < 2:
        clean.append(clean[0])
    return shapely.LineString(clean)


def _piece(geom: shapely.LineString, start: float, end: float) -> list[tuple[float, float]]:
    from shapely.ops import substring

    if abs(end - start) < 1e-12:
        point = shapely.line_interpolate_point(geom, start)
        return [(point.x, point.y)]
    part = substring(geom, start, end)
    xy = shapely.get_coordinates(part)
    return [tuple(c) for c in xy]


def _sub_edge_between(walk: WalkNetwork, a: int, b: int) -> list[tuple[float, float]]:
    """Coordinates of the shortest sub-edge from node a to node b (a's end first)."""
    net = walk.network
    s = walk.links()[(min(a, b), max(a, b))]
    reverse = int(net.sub_a[s]) != a
    parent = int(net.sub_parent[s])
    geom = walk.graph.edge_geometry[parent]
    lo, hi = float(net.sub_start[s]), float(net.sub_end[s])
    if net.sub_count[parent] == 1:  # the whole street link: its own vertices, no cutting
        coords = [tuple(c) for c in shapely.get_coordinates(geom)]
        return coords[::-1] if reverse else coords
    return _piece(geom, hi, lo) if reverse else _piece(geom, lo, hi)
