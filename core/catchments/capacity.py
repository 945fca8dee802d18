"""Capacitated assignment: no facility over capacity, least total travel distance.

The problem is solved exactly as a minimum-cost flow, aggregated so it stays small:

* **groups**: addresses at the same place (same sub-edge, same offset along it and same
  access walk, each to the millimetre; or the same point in straight-line mode) have
  identical costs, so they form one supply node with the number of addresses as supply;
* **hubs**: an address leaves its street by one of the two ends of its (sub-)edge, so a
  group has an arc to each end it may use (one-way rules), costing its access walk plus
  the partial edge; each hub then has arcs to facilities, costing the shortest-path
  distance (facility access walk included). Splitting the trip this way is exact: the
  cheapest trip from an address to a facility always leaves through one of those ends;
* **facilities**: an arc to the sink with the facility's capacity.

Costs are whole millimetres (integers, as the solvers need), so the optimum is exact for
distances rounded to the millimetre. The solver sends as many addresses as capacity
allows (maximum flow) and, among those flows, the cheapest; what is left is the overflow.
With OR-Tools (``ortools.graph.python.min_cost_flow.SimpleMinCostFlow``, used when it
imports; it is not loaded inside QGIS) this is ``solve_max_flow_with_min_cost``. Without
it, scipy finds the maximum flow (``csgraph.maximum_flow``) and then the cheapest flow of
that size as a linear programme (HiGHS dual simplex). Network matrices are totally
unimodular, so the simplex vertex is integral; the result is checked and rounded. Both
give the same optimal total.

To keep the network small, each hub is first joined only to its ``FIRST_K`` nearest
facilities; the answer is then proven optimal against every facility with a negative-
cycle test on a (K + 1)-node exchange graph, and the search widens until it passes (see
:func:`solve_pruned`).

Units within a hub are interchangeable (their onward costs are equal), so flows are
turned into per-address facilities by filling in address order, facilities in index
order: deterministic, and every such split has the same total.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, csr_matrix, vstack
from scipy.sparse.csgraph import maximum_flow

try:  # optional, much faster on large problems
    if "qgis" in sys.modules:
        # OR-Tools' own protobuf/abseil clash with the ones QGIS links: importing it inside
        # QGIS or qgis_process crashes the process (segfault), so never do it there.
        raise ImportError("OR-Tools is not loaded inside QGIS")
    from ortools.graph.python.min_cost_flow import SimpleMinCostFlow
except Exception:
    SimpleMinCostFlow = None

#: Costs are integers in this unit of the CRS unit (metres → millimetres).
COST_SCALE = 1000.0
#: HiGHS method for the fallback LP (dual simplex: a vertex, hence whole-number flows).
_LP_METHOD = "highs-ds"


def available_backends() -> tuple[str, ...]:
    """Solver back-ends usable in this Python, best first."""
    return (("ortools",) if SimpleMinCostFlow is not None else ()) + ("scipy",)


@dataclass(frozen=True)
class TransportProblem:
    """Groups → hubs → facilities → sink, every cost an integer."""

    supply: np.ndarray  #: (G,) addresses in each group
    group_hub: np.ndarray  #: (A, 2) group, hub
    group_hub_cost: np.ndarray  #: (A,)
    hub_facility: np.ndarray  #: (B, 2) hub, facility
    hub_facility_cost: np.ndarray  #: (B,)
    capacity: np.ndarray  #: (K,) whole places per facility
    hub_count: int


@dataclass(frozen=True)
class Flows:
    """The optimal flows on the problem's arcs."""

    group_hub: np.ndarray
    hub_facility: np.ndarray
    cost: int
    solver: str


def to_cost(values: np.ndarray) -> np.ndarray:
    """Distances as whole cost units."""
    return np.rint(np.asarray(values, dtype=float) * COST_SCALE).astype(np.int64)


def _arcs(problem: TransportProblem) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """All arcs of the flow network: tails, heads, capacities, costs; and the sink node."""
    g, h, k = len(problem.supply), problem.hub_count, len(problem.capacity)
    total = int(problem.supply.sum())
    sink = g + h + k
    tails = np.concatenate(
        [problem.group_hub[:, 0], g + problem.hub_facility[:, 0], g + h + np.arange(k)]
    )
    heads = np.concatenate(
        [g + problem.group_hub[:, 1], g + h + problem.hub_facility[:, 1], np.full(k, sink)]
    )
    caps = np.concatenate(
        [
            problem.supply[problem.group_hub[:, 0]],
            np.full(len(problem.hub_facility), total),
            np.minimum(problem.capacity, total),
        ]
    )
    costs = np.concatenate(
        [problem.group_hub_cost, problem.hub_facility_cost, np.zeros(k, dtype=np.int64)]
    )
    return (
        tails.astype(np.int64),
        heads.astype(np.int64),
        caps.astype(np.int64),
        costs.astype(np.int64),
        sink,
    )


def solve(problem: TransportProblem, backend: str | None = None) -> Flows:
    """Maximum flow at minimum cost; ``backend`` ``"ortools"``, ``"scipy"`` or None (best)."""
    backend = backend or available_backends()[0]
    if backend not in available_backends():
        raise ValueError(f"capacity solver {backend!r} is not available here")
    tails, heads, caps, costs, sink = _arcs(problem)
    n_gh, n_hf = len(problem.group_hub), len(problem.hub_facility)
    if len(tails) == 0 or problem.supply.sum() == 0:
        flow = np.zeros(len(tails), dtype=np.int64)
    elif backend == "ortools":
        flow = _solve_ortools(problem, tails, heads, caps, costs, sink)
    else:
        flow = _solve_scipy(problem, tails, heads, caps, costs, sink)
    return Flows(
        group_hub=flow[:n_gh],
        hub_facility=flow[n_gh : n_gh + n_hf],
        cost=int((flow * costs).sum()),
        solver=backend,
    )


def _solve_ortools(problem, tails, heads, caps, costs, sink) -> np.ndarray:
    solver = SimpleMinCostFlow()
    arcs = solver.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[: len(problem.supply)] = problem.supply
    supplies[sink] = -int(problem.supply.sum())
    solver.set_nodes_supplies(np.arange(sink + 1), supplies)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"OR-Tools min-cost flow failed (status {status})")
    return np.asarray(solver.flows(arcs), dtype=np.int64)


def _solve_scipy(problem, tails, heads, caps, costs, sink) -> np.ndarray:
    """The maximum flow (scipy's ``maximum_flow``), then its cheapest form (HiGHS LP)."""
    g = len(problem.supply)
    source = sink + 1
    # a source node feeding each group up to its supply makes "send as much as possible" a
    # plain network flow
    tails = np.concatenate([tails, np.full(g, source)])
    heads = np.concatenate([heads, np.arange(g)])
    caps = np.concatenate([caps, problem.supply])
    costs = np.concatenate([costs, np.zeros(g, dtype=np.int64)])
    m = len(tails)
    arcs = np.arange(m)
    incidence = coo_matrix(
        (
            np.concatenate([np.ones(m), -np.ones(m)]),
            (np.concatenate([heads, tails]), np.concatenate([arcs, arcs])),
        ),
        shape=(source + 1, m),
    ).tocsr()
    inner = incidence[:sink]  # conservation at groups, hubs and facilities
    from_source = np.zeros(m)
    from_source[m - g :] = 1.0
    bounds = np.stack([np.zeros(m), caps.astype(float)], axis=1)
    zeros = np.zeros(sink)
    sent = _max_flow(tails, heads, caps, source, sink)
    from_source_row = coo_matrix(from_source.reshape(1, -1))
    second = linprog(
        costs.astype(float),
        A_eq=vstack([inner, from_source_row]).tocsr(),
        b_eq=np.concatenate([zeros, [sent]]),
        bounds=bounds,
        method=_LP_METHOD,
    )
    if second.status != 0:
        raise RuntimeError(f"HiGHS could not find the cheapest flow: {second.message}")
    flow = np.rint(second.x).astype(np.int64)
    if np.abs(second.x - flow).max(initial=0.0) > 1e-6:
        raise RuntimeError("HiGHS returned a fractional flow")
    return flow[: m - g]


def _max_flow(
    tails: np.ndarray, heads: np.ndarray, caps: np.ndarray, source: int, sink: int
) -> int:
    """Value of the maximum flow from ``source`` to ``sink`` (parallel arcs add up)."""
    n = max(source, sink) + 1
    capacity = csr_matrix(
        (np.minimum(caps, np.iinfo(np.int32).max).astype(np.int32), (tails, heads)),
        shape=(n, n),
    )
    capacity.sum_duplicates()
    try:
        result = maximum_flow(capacity, source, sink, method="dinic")
    except TypeError:  # scipy < 1.8 has no ``method``
        result = maximum_flow(capacity, source, sink)
    return int(result.flow_value)


def _fill(
    owner: np.ndarray, arc_owner: np.ndarray, arc_target: np.ndarray, flow: np.ndarray
) -> np.ndarray:
    """Give the items of each owner (in item order) the targets its arc flows carry.

    ``owner`` holds each item's owner (-1: none); arcs are sorted by owner. Items beyond an
    owner's total flow get -1.
    """
    result = np.full(len(owner), -1, dtype=np.int64)
    units_owner = np.repeat(arc_owner, flow)
    units_target = np.repeat(arc_target, flow)
    items = np.flatnonzero(owner >= 0)
    if len(items) == 0 or len(units_owner) == 0:
        return result
    order = items[np.lexsort((items, owner[items]))]
    sorted_owner = owner[order]
    group_start = np.searchsorted(sorted_owner, sorted_owner, side="left")
    rank = np.arange(len(order)) - group_start
    unit_start = np.searchsorted(units_owner, sorted_owner, side="left")
    unit_count = np.searchsorted(units_owner, sorted_owner, side="right") - unit_start
    has = rank < unit_count
    result[order[has]] = units_target[unit_start[has] + rank[has]]
    return result


def allocate(
    problem: TransportProblem, flows: Flows, address_group: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The facility (-1: not served) and the hub of every address, from the optimal flows."""
    gh_order = np.lexsort((problem.group_hub[:, 1], problem.group_hub[:, 0]))
    hub_of_address = _fill(
        address_group,
        problem.group_hub[gh_order, 0],
        problem.group_hub[gh_order, 1],
        flows.group_hub[gh_order],
    )
    hf_order = np.lexsort((problem.hub_facility[:, 1], problem.hub_facility[:, 0]))
    facility = _fill(
        hub_of_address,
        problem.hub_facility[hf_order, 0],
        problem.hub_facility[hf_order, 1],
        flows.hub_facility[hf_order],
    )
    return facility, hub_of_address


def paid_costs(
    problem: TransportProblem, address_group: np.ndarray, hub: np.ndarray, facility: np.ndarray
) -> np.ndarray:
    """The cost each served address pays on its arcs (-1 for the unserved)."""
    out = np.full(len(facility), -1, dtype=np.int64)
    done = np.flatnonzero(facility >= 0)
    if len(done) == 0:
        return out
    h_count = max(problem.hub_count, 1)
    k = len(problem.capacity)
    gh_key = problem.group_hub[:, 0] * h_count + problem.group_hub[:, 1]
    gh_order = np.argsort(gh_key, kind="stable")
    at = gh_order[np.searchsorted(gh_key[gh_order], address_group[done] * h_count + hub[done])]
    hf_key = problem.hub_facility[:, 0] * k + problem.hub_facility[:, 1]
    hf_order = np.argsort(hf_key, kind="stable")
    at2 = hf_order[np.searchsorted(hf_key[hf_order], hub[done] * k + facility[done])]
    out[done] = problem.group_hub_cost[at] + problem.hub_facility_cost[at2]
    return out


def capacities(values: np.ndarray) -> np.ndarray:
    """Whole places from a capacity column: blanks and negatives are errors, fractions floor."""
    values = np.asarray(values, dtype=float)
    if np.isnan(values).any():
        raise ValueError("a facility has no capacity value")
    if (values < 0).any():
        raise ValueError("a facility has a negative capacity")
    return np.floor(values).astype(np.int64)


#: Facilities per hub in the first, pruned solve.
FIRST_K = 8
#: Cost of a pair that cannot be travelled (no path).
UNREACHABLE = np.iinfo(np.int64).max // 4
#: Penalty per address left without a place, in the optimality check only; larger than any
#: chain of reassignments can cost, so serving more addresses always wins.
_OVERFLOW_PENALTY = float(2**41)


@dataclass(frozen=True)
class Groups:
    """Addresses aggregated into groups, and how groups reach hubs."""

    supply: np.ndarray  #: (G,) addresses per group
    group_hub: np.ndarray  #: (A, 2) group, hub (sorted by group)
    group_hub_cost: np.ndarray  #: (A,)
    hub_count: int


def solve_pruned(
    groups: Groups,
    hub_arcs: Callable[[int], tuple[np.ndarray, np.ndarray]],
    group_costs: Callable[[np.ndarray], np.ndarray],
    capacity: np.ndarray,
    address_group: np.ndarray,
    backend: str | None = None,
    first_k: int | None = None,
) -> tuple[np.ndarray, Flows, int]:
    """Exact capacitated assignment, solved on each hub's nearest facilities first.

    ``hub_arcs(k)`` gives the (hub, facility) arcs and costs to each hub's ``k`` nearest
    facilities; ``group_costs(rows)`` the full (rows, K) cost matrix of some groups. The
    problem is solved with ``k = first_k``; the answer is then checked against *all*
    facilities: an assignment is optimal exactly when no chain of reassignments (address
    moves from facility f to g, another from g to h, … back to f, or into a facility with
    a free place, or out of overflow) lowers the total, i.e. when the exchange graph on the
    facilities (arc f → g weighted by the cheapest move of one address from f to g) has no
    negative cycle. That graph has K + 1 nodes, so the check is quick; if it fails, k
    doubles and the problem is solved again (with every facility the result is exact by
    construction). Returns (facility per address, flows, final k).
    """
    k_total = len(capacity)
    k = max(1, min(first_k or FIRST_K, k_total))
    while True:
        arcs, costs = hub_arcs(k)
        problem = TransportProblem(
            supply=groups.supply,
            group_hub=groups.group_hub,
            group_hub_cost=groups.group_hub_cost,
            hub_facility=arcs,
            hub_facility_cost=costs,
            capacity=capacity,
            hub_count=groups.hub_count,
        )
        flows = solve(problem, backend)
        facility, hub = allocate(problem, flows, address_group)
        if k >= k_total:
            return facility, flows, k
        paid = paid_costs(problem, address_group, hub, facility)
        if not _improvable(group_costs, capacity, address_group, facility, paid):
            return facility, flows, k
        k = min(k_total, 2 * k)


def _improvable(
    group_costs: Callable[[np.ndarray], np.ndarray],
    capacity: np.ndarray,
    address_group: np.ndarray,
    facility: np.ndarray,
    paid: np.ndarray,
) -> bool:
    """True when some chain of reassignments would lower the total (see solve_pruned)."""
    k = len(capacity)
    sink = k  # "a free place or overflow" node
    weight = np.full((k + 1, k + 1), np.inf)
    np.fill_diagonal(weight, 0.0)
    used = np.bincount(facility[facility >= 0], minlength=k)
    weight[np.flatnonzero(used < capacity), sink] = 0.0  # a facility with room takes one more

    has = address_group >= 0
    key = np.where(facility[has] >= 0, facility[has], k)
    triples = np.unique(np.stack([key, address_group[has], paid[has]], axis=1), axis=0)
    for chunk in np.array_split(np.arange(len(triples)), max(1, len(triples) // 50_000)):
        if len(chunk) == 0:
            continue
        f, g, cost_paid = triples[chunk, 0], triples[chunk, 1], triples[chunk, 2]
        cost = group_costs(g).astype(float)
        cost[cost >= UNREACHABLE] = np.inf
        served = f < k
        if (cost_paid[served] > cost[np.flatnonzero(served), f[served]]).any():
            return True  # a cheaper way to the same facility was left out
        # a unit at f moving to g: cost[g] - paid; leaving to overflow: penalty - paid
        own = np.where(served, cost_paid.astype(float), _OVERFLOW_PENALTY)
        move = cost - own[:, None]
        order = np.argsort(f, kind="stable")
        f_sorted = f[order]
        starts = np.flatnonzero(np.r_[True, f_sorted[1:] != f_sorted[:-1]])
        best = np.minimum.reduceat(move[order], starts, axis=0)
        heads = f_sorted[starts]
        weight[heads, :k] = np.minimum(weight[heads, :k], best)
        leave = np.minimum.reduceat((_OVERFLOW_PENALTY - own)[order], starts)
        weight[heads, sink] = np.minimum(weight[heads, sink], leave)
    np.fill_diagonal(weight, np.minimum(np.diag(weight), 0.0))
    # Floyd–Warshall on K + 1 nodes; integer-valued floats below 2**53 stay exact
    dist = weight
    for via in range(k + 1):
        dist = np.minimum(dist, dist[:, via : via + 1] + dist[via : via + 1, :])
        if (np.diag(dist) < 0).any():
            return True
    return False
