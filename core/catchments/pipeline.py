"""The whole catchments run on plain arrays: graph, snapping, assignment, polygons, bands."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from scipy.spatial import cKDTree

from . import capacity as cap
from .bands import band_areas
from .graph import Graph, build_graph
from .polygons import catchment_polygons, default_boundary
from .routing import Network, exits, facility_node_distances, locate, nearest, prepare
from .snapping import Snap, Snapper
from .straight import nearest_straight

#: Why each address got its answer (``CatchmentResult.reason`` holds indices into this).
REASONS = (
    "nearest facility along the network",
    "nearest facility in a straight line",
    "nearest facility with a free place (nearer ones are full)",
    "could not be placed: every facility it can reach is full",
    "no network path to any facility (a separate part of the network)",
    "too far from the network to join it",
    "no usable coordinates",
)
NEAREST_NETWORK, NEAREST_STRAIGHT, CAPACITY_MOVED, OVERFLOW, DISCONNECTED, OFF_NETWORK, NO_XY = (
    range(len(REASONS))
)


class CancelledError(Exception):
    """The run was cancelled by the caller."""


@dataclass
class CatchmentResult:
    """Per-address answers, catchment polygons, band areas and run figures."""

    facility: np.ndarray  #: facility index of each address (-1: none)
    distance: np.ndarray  #: metres along the network (or straight), NaN when none
    reason: np.ndarray  #: index into ``REASONS``
    nearest_facility: np.ndarray  #: the nearest facility ignoring capacity
    catchment_labels: np.ndarray
    catchment_polygons: np.ndarray
    band_areas: list[tuple[int, float, float, shapely.Geometry]]
    boundary: shapely.Geometry
    overflow: int = 0
    capacity_solver: str = ""
    graph: Graph | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def reachable(self) -> np.ndarray:
        return self.facility >= 0

    @property
    def unreached(self) -> int:
        """Addresses with no facility (disconnected, off the network, over capacity)."""
        return int((self.facility < 0).sum())

    def facility_counts(self, k: int) -> np.ndarray:
        ok = self.facility >= 0
        return np.bincount(self.facility[ok], minlength=k)


def run_catchments(
    facility_xy: np.ndarray,
    address_xy: np.ndarray,
    *,
    lines: Sequence[object] | np.ndarray | None = None,
    direction: np.ndarray | None = None,
    facility_capacity: np.ndarray | None = None,
    boundary: shapely.Geometry | None = None,
    bands: Sequence[float] = (),
    node_tolerance: float = 0.0,
    max_snap: float | None = None,
    band_width: float = 50.0,
    towards_facility: bool = True,
    capacity_backend: str | None = None,
    progress: Callable[[str, float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CatchmentResult:
    """Assign every address to a facility and draw catchments and band areas.

    Facilities are indexed 0..K-1 in the order given; ties go to the lower index. With
    ``lines`` the distances run along the network (see :mod:`.routing`); without, in a
    straight line. ``facility_capacity`` switches to the capacitated assignment (see
    :mod:`.capacity`). Band areas need a network.
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def stage(name: str, pct: float) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now
        if progress is not None:
            progress(name, pct)
        if cancelled is not None and cancelled():
            raise CancelledError(name)

    facility_xy = np.asarray(facility_xy, dtype=float).reshape(-1, 2)
    address_xy = np.asarray(address_xy, dtype=float).reshape(-1, 2)
    k = len(facility_xy)
    if k == 0:
        raise ValueError("there are no facilities")
    if not np.isfinite(facility_xy).all():
        raise ValueError("a facility has no usable coordinates")
    m = len(address_xy)
    has_xy = np.isfinite(address_xy).all(axis=1)
    facility = np.full(m, -1, dtype=np.int64)
    distance = np.full(m, np.nan)
    reason = np.full(m, NO_XY, dtype=np.int8)
    network: Network | None = None
    graph: Graph | None = None
    node_dist = node_fac = None
    capacities = None if facility_capacity is None else cap.capacities(facility_capacity)
    if capacities is not None and len(capacities) != k:
        raise ValueError("give one capacity per facility")

    if lines is None:
        idx, dist = nearest_straight(facility_xy, address_xy[has_xy])
        facility[has_xy], distance[has_xy] = idx, dist
        reason[has_xy] = NEAREST_STRAIGHT
        stage("straight-line nearest", 40)
    else:
        graph = build_graph(lines, direction, node_tolerance)
        stage("graph", 15)
        snapper = Snapper(graph)
        f_snap = snapper.snap(facility_xy)
        a_snap = snapper.snap(np.where(has_xy[:, None], address_xy, 0.0), max_snap)
        a_snap.edge[~has_xy] = -1
        stage("snapping", 35)
        network = prepare(graph, f_snap, towards_facility)
        near = nearest(network, a_snap)
        node_dist, node_fac = near.node_distance, near.node_facility
        facility, distance = near.facility, near.distance
        reason[has_xy] = np.where(a_snap.snapped[has_xy], DISCONNECTED, OFF_NETWORK)
        reason[facility >= 0] = NEAREST_NETWORK
        stage("shortest paths", 45)

    nearest_facility = facility.copy()
    overflow, solver = 0, ""
    if capacities is not None:
        if network is None:
            facility, distance, solver = _capacity_straight(
                facility_xy, address_xy, has_xy, capacities, capacity_backend
            )
        else:
            facility, distance, solver = _capacity_network(
                network, a_snap, capacities, capacity_backend
            )
        moved = (facility >= 0) & (facility != nearest_facility)
        short = (facility < 0) & (nearest_facility >= 0)
        reason[moved] = CAPACITY_MOVED
        reason[short] = OVERFLOW
        overflow = int(short.sum())
        stage("capacity", 60)

    if boundary is None:
        boundary = default_boundary(np.concatenate([address_xy[has_xy], facility_xy]))
    labels, polys = catchment_polygons(address_xy, facility, boundary)
    stage("catchment polygons", 80)

    bands_out: list = []
    if network is not None and len(bands):
        # bands follow the distance to the nearest facility; with capacities they are
        # clipped to the assigned catchments all the same, so they never overlap
        clip = {int(lab): poly for lab, poly in zip(labels, polys) if lab >= 0}
        bands_out = band_areas(network, node_dist, node_fac, bands, band_width, clip)
        stage("band areas", 100)
    return CatchmentResult(
        facility=facility,
        distance=distance,
        reason=reason,
        nearest_facility=nearest_facility,
        catchment_labels=labels,
        catchment_polygons=polys,
        band_areas=bands_out,
        boundary=boundary,
        overflow=overflow,
        capacity_solver=solver,
        graph=graph,
        timings=timings,
    )


def _capacity_network(
    network: Network,
    a_snap: Snap,
    capacities: np.ndarray,
    backend: str | None,
) -> tuple[np.ndarray, np.ndarray, str]:
    """Exact capacitated assignment along the network (see :mod:`.capacity`)."""
    m = len(a_snap.edge)
    sub, offset = locate(network, a_snap)
    node_a, cost_a, node_b, cost_b = exits(network, sub, offset)
    usable = (sub >= 0) & (np.isfinite(cost_a) | np.isfinite(cost_b))
    rows = np.flatnonzero(usable)
    # one group per place: sub-edge, offset and access walk to the millimetre (the access
    # walk counts: when capacity is short it decides who is left out)
    keys = np.stack(
        [sub[rows], cap.to_cost(offset[rows]), cap.to_cost(a_snap.access[rows])], axis=1
    )
    _, first, group_of = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    group_of = group_of.reshape(-1)
    rep = rows[first]
    ok_a, ok_b = np.isfinite(cost_a[rep]), np.isfinite(cost_b[rep])
    hubs = np.unique(np.concatenate([node_a[rep][ok_a], node_b[rep][ok_b]]))
    hub_dist = facility_node_distances(network, hubs)  # (H, K) floats
    hub_cost = np.where(
        np.isfinite(hub_dist), cap.to_cost(np.nan_to_num(hub_dist, posinf=0.0)), cap.UNREACHABLE
    )

    g_idx = np.arange(len(rep))
    access = a_snap.access[rep]
    gh_group = np.concatenate([g_idx[ok_a], g_idx[ok_b]])
    gh_hub = np.concatenate(
        [np.searchsorted(hubs, node_a[rep][ok_a]), np.searchsorted(hubs, node_b[rep][ok_b])]
    )
    gh_cost = cap.to_cost(
        np.concatenate([cost_a[rep][ok_a] + access[ok_a], cost_b[rep][ok_b] + access[ok_b]])
    )
    order = np.lexsort((gh_hub, gh_group))
    gh_group, gh_hub, gh_cost = gh_group[order], gh_hub[order], gh_cost[order]
    groups = cap.Groups(
        supply=np.bincount(group_of, minlength=len(rep)).astype(np.int64),
        group_hub=np.stack([gh_group, gh_hub], axis=1),
        group_hub_cost=gh_cost,
        hub_count=len(hubs),
    )
    ranked = np.argsort(hub_cost, axis=1, kind="stable")

    def hub_arcs(n: int) -> tuple[np.ndarray, np.ndarray]:
        fac = ranked[:, :n]
        cost = np.take_along_axis(hub_cost, fac, axis=1)
        h = np.repeat(np.arange(len(hubs)), n).reshape(-1, n)
        ok = cost < cap.UNREACHABLE
        return np.stack([h[ok], fac[ok]], axis=1), cost[ok]

    starts = np.searchsorted(gh_group, g_idx, side="left")
    counts = np.searchsorted(gh_group, g_idx, side="right") - starts

    def group_costs(group_rows: np.ndarray) -> np.ndarray:
        s0 = starts[group_rows]
        s1 = s0 + np.minimum(counts[group_rows], 2) - 1  # groups have one or two exits
        one = gh_cost[s0][:, None] + hub_cost[gh_hub[s0]]
        two = gh_cost[s1][:, None] + hub_cost[gh_hub[s1]]
        best = np.minimum(one, two)
        return np.where(best >= cap.UNREACHABLE, cap.UNREACHABLE, best)

    address_group = np.full(m, -1, dtype=np.int64)
    address_group[rows] = group_of
    facility, flows, _ = cap.solve_pruned(
        groups, hub_arcs, group_costs, capacities, address_group, backend
    )

    distance = np.full(m, np.nan)
    done = np.flatnonzero(facility >= 0)
    f = facility[done]
    via_a = np.full(len(done), np.inf)
    via_b = np.full(len(done), np.inf)
    da, db = np.isfinite(cost_a[done]), np.isfinite(cost_b[done])
    ha = np.searchsorted(hubs, node_a[done])
    hb = np.searchsorted(hubs, node_b[done])
    via_a[da] = cost_a[done][da] + hub_dist[ha[da], f[da]]
    via_b[db] = cost_b[done][db] + hub_dist[hb[db], f[db]]
    distance[done] = np.minimum(via_a, via_b) + a_snap.access[done]
    return facility, distance, flows.solver


def _capacity_straight(
    facility_xy: np.ndarray,
    address_xy: np.ndarray,
    has_xy: np.ndarray,
    capacities: np.ndarray,
    backend: str | None,
) -> tuple[np.ndarray, np.ndarray, str]:
    """Exact capacitated assignment by straight-line distance (one group per position)."""
    m = len(address_xy)
    rows = np.flatnonzero(has_xy)
    points, group_of = np.unique(address_xy[rows], axis=0, return_inverse=True)
    group_of = group_of.reshape(-1)
    g = len(points)
    groups = cap.Groups(
        supply=np.bincount(group_of, minlength=g).astype(np.int64),
        group_hub=np.stack([np.arange(g), np.arange(g)], axis=1),
        group_hub_cost=np.zeros(g, dtype=np.int64),
        hub_count=g,
    )
    tree = cKDTree(facility_xy)

    def hub_arcs(n: int) -> tuple[np.ndarray, np.ndarray]:
        dist, idx = tree.query(points, k=n)
        dist, idx = dist.reshape(g, n), idx.reshape(g, n)
        h = np.repeat(np.arange(g), n)
        return np.stack([h, idx.reshape(-1)], axis=1), cap.to_cost(dist.reshape(-1))

    def group_costs(group_rows: np.ndarray) -> np.ndarray:
        d = points[group_rows][:, None, :] - facility_xy[None, :, :]
        return cap.to_cost(np.hypot(d[..., 0], d[..., 1]))

    address_group = np.full(m, -1, dtype=np.int64)
    address_group[rows] = group_of
    facility, flows, _ = cap.solve_pruned(
        groups, hub_arcs, group_costs, capacities, address_group, backend
    )
    distance = np.full(m, np.nan)
    done = np.flatnonzero(facility >= 0)
    diff = address_xy[done] - facility_xy[facility[done]]
    distance[done] = np.hypot(diff[:, 0], diff[:, 1])
    return facility, distance, flows.solver
