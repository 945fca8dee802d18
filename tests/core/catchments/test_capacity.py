"""Capacitated assignment: capacities kept, total distance optimal, overflow reported."""

from __future__ import annotations

import numpy as np
import pytest
from placelink.core.catchments import capacity as cap
from placelink.core.catchments.pipeline import CAPACITY_MOVED, OVERFLOW, run_catchments
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

BACKENDS = cap.available_backends()


def _greedy(distances: np.ndarray, capacities: np.ndarray) -> tuple[np.ndarray, float]:
    """Closest pairs first, while the facility has room."""
    m, k = distances.shape
    left = capacities.astype(int).copy()
    assigned = np.full(m, -1)
    flat = np.argsort(distances, axis=None, kind="stable")
    for a, f in zip(*np.unravel_index(flat, distances.shape), strict=True):
        if assigned[a] < 0 and left[f] > 0 and np.isfinite(distances[a, f]):
            assigned[a] = f
            left[f] -= 1
    served = assigned >= 0
    return assigned, float(distances[np.flatnonzero(served), assigned[served]].sum())


def _lp_optimum(distances: np.ndarray, capacities: np.ndarray) -> tuple[int, float]:
    """Served count and least total distance of the full address × facility problem."""
    m, k = distances.shape
    ok = np.isfinite(distances)
    rows, cols = np.nonzero(ok)
    n = len(rows)
    a_addr = coo_matrix((np.ones(n), (rows, np.arange(n))), shape=(m, n))
    a_fac = coo_matrix((np.ones(n), (cols, np.arange(n))), shape=(k, n))
    from scipy.sparse import vstack

    a_ub = vstack([a_addr, a_fac])
    b_ub = np.concatenate([np.ones(m), capacities])
    most = linprog(-np.ones(n), A_ub=a_ub, b_ub=b_ub, bounds=(0, 1), method="highs")
    served = round(-most.fun)
    best = linprog(
        distances[rows, cols],
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=np.ones((1, n)),
        b_eq=[served],
        bounds=(0, 1),
        method="highs",
    )
    return served, float(best.fun)


def _town(grid, seed):
    rng = np.random.default_rng(seed)
    lines = grid(6, 120.0, rng, jitter=15.0, drop=0.1)
    pick = rng.integers(0, len(lines), 90)
    import shapely

    base = shapely.get_coordinates(
        shapely.line_interpolate_point(
            np.asarray(lines)[pick], rng.uniform(0, 1, 90), normalized=True
        )
    )
    addresses = base + rng.uniform(-10, 10, base.shape)
    addresses[:6] = addresses[0]  # a block of flats at one position
    facilities = addresses[[10, 40, 70]] + 5.0
    return lines, facilities, addresses


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_capacities_respected_and_total_optimal(backend, seed, grid, reference):
    lines, facilities, addresses = _town(grid, seed)
    capacities = np.array([20, 45, 30])  # 95 places for 90 addresses
    result = run_catchments(
        facilities,
        addresses,
        lines=lines,
        facility_capacity=capacities,
        capacity_backend=backend,
    )
    counts = result.facility_counts(3)
    assert (counts <= capacities).all()
    assert counts.sum() == 90
    assert result.overflow == 0
    assert result.capacity_solver == backend

    ref = reference(lines, [0] * len(lines), facilities, addresses)
    # each reported distance is the true network distance to the assigned facility
    got = ref.distances[np.arange(90), result.facility]
    np.testing.assert_allclose(result.distance, got, atol=1e-6)
    total = float(result.distance.sum())
    _, greedy_total = _greedy(ref.distances, capacities)
    served, optimum = _lp_optimum(ref.distances, capacities)
    assert served == 90
    assert total <= greedy_total + 1e-6
    assert total == pytest.approx(optimum, abs=90 * 0.001)  # costs are whole millimetres
    moved = result.facility != result.nearest_facility
    assert (result.reason[moved] == CAPACITY_MOVED).all()


@pytest.mark.parametrize("backend", BACKENDS)
def test_overflow_is_reported_when_capacity_is_short(backend, grid, reference):
    lines, facilities, addresses = _town(grid, 4)
    capacities = np.array([10, 25, 15])  # 50 places for 90 addresses
    result = run_catchments(
        facilities, addresses, lines=lines, facility_capacity=capacities, capacity_backend=backend
    )
    assert (result.facility_counts(3) == capacities).all()
    assert result.overflow == 40
    assert (result.reason[result.facility < 0] == OVERFLOW).all()
    ref = reference(lines, [0] * len(lines), facilities, addresses)
    served, optimum = _lp_optimum(ref.distances, capacities)
    assert served == 50
    assert float(np.nansum(result.distance)) == pytest.approx(optimum, abs=50 * 0.001)


def test_backends_agree_on_the_optimum(grid):
    if len(BACKENDS) < 2:
        pytest.skip("OR-Tools is not installed; only the scipy back-end can run")
    lines, facilities, addresses = _town(grid, 7)
    capacities = np.array([30, 30, 25])
    totals = [
        np.nansum(
            run_catchments(
                facilities, addresses, lines=lines, facility_capacity=capacities, capacity_backend=b
            ).distance
        )
        for b in BACKENDS
    ]
    assert totals[0] == pytest.approx(totals[1], abs=1e-6)


@pytest.mark.parametrize("backend", BACKENDS)
def test_straight_line_capacity(backend):
    rng = np.random.default_rng(3)
    addresses = rng.uniform(0, 1000, (60, 2))
    facilities = np.array([[100.0, 100.0], [900.0, 900.0], [500.0, 500.0]])
    capacities = np.array([10, 30, 15])
    result = run_catchments(
        facilities, addresses, facility_capacity=capacities, capacity_backend=backend
    )
    d = np.hypot(*(addresses[:, None, :] - facilities[None, :, :]).transpose(2, 0, 1))
    served, optimum = _lp_optimum(d, capacities)
    assert served == 55 and result.overflow == 5
    assert (result.facility_counts(3) <= capacities).all()
    assert float(np.nansum(result.distance)) == pytest.approx(optimum, abs=55 * 0.001)


def test_capacity_values_are_checked():
    with pytest.raises(ValueError, match="no capacity"):
        cap.capacities([1.0, float("nan")])
    with pytest.raises(ValueError, match="negative"):
        cap.capacities([-1])
    assert cap.capacities([2.9, 0]).tolist() == [2, 0]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("first_k", [1, 2, 3])
@pytest.mark.parametrize("short", [False, True])
def test_pruned_solve_is_checked_and_widened(backend, first_k, short, grid, reference, monkeypatch):
    """With only each hub's nearest facilities in the first solve, the exchange-graph check
    must notice what is missing and widen the search until the answer is optimal."""
    monkeypatch.setattr(cap, "FIRST_K", first_k)
    rng = np.random.default_rng(21)
    lines = grid(6, 120.0, rng, jitter=15.0, drop=0.1)
    import shapely

    pick = rng.integers(0, len(lines), 80)
    base = shapely.get_coordinates(
        shapely.line_interpolate_point(
            np.asarray(lines)[pick], rng.uniform(0, 1, 80), normalized=True
        )
    )
    addresses = base + rng.uniform(-10, 10, base.shape)
    facilities = addresses[rng.choice(80, 9, replace=False)] + 4.0
    capacities = np.array([2, 3, 20, 4, 15, 3, 6, 2, 12]) if short else np.full(9, 10)
    result = run_catchments(
        facilities, addresses, lines=lines, facility_capacity=capacities, capacity_backend=backend
    )
    ref = reference(lines, [0] * len(lines), facilities, addresses)
    served, optimum = _lp_optimum(ref.distances, capacities)
    assert int((result.facility >= 0).sum()) == served
    assert (result.facility_counts(9) <= capacities).all()
    assert float(np.nansum(result.distance)) == pytest.approx(optimum, abs=served * 0.001)
    straight = run_catchments(
        facilities, addresses, facility_capacity=capacities, capacity_backend=backend
    )
    d = np.hypot(*(addresses[:, None, :] - facilities[None, :, :]).transpose(2, 0, 1))
    served, optimum = _lp_optimum(d, capacities)
    assert int((straight.facility >= 0).sum()) == served
    assert float(np.nansum(straight.distance)) == pytest.approx(optimum, abs=served * 0.001)
