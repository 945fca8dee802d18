"""Nearest K facilities by walking distance against a plain scipy reference.

The reference snaps every point by brute force (nearest street, ties to the lowest),
splits each street at the points on it, builds a symmetric sparse graph (walking ignores
one-way) and runs scipy's Dijkstra once per gate; a facility's distance is the smallest
over its gates. It shares no code with ``core.catchments``.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import shapely
from placelink.core.catchments.distances import (
    DISCONNECTED,
    OFF_NETWORK,
    TIE_NAME,
    TIE_RANDOM,
    beyond_limit,
    distance_table,
    limit_words,
    nearest_facilities,
    parse_limits,
    prepare_walking,
    reason,
    route,
    walkable,
)
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra


def reference(lines, gates_xy, addresses_xy):
    """(M, G) distances from each address's street position to each gate's street position."""

    def snap(x, y):
        p = shapely.Point(x, y)
        d = [line.distance(p) for line in lines]
        i = int(np.argmin(d))
        return i, lines[i].project(p)

    nodes: dict[object, int] = {}

    def node(key):
        return nodes.setdefault(key, len(nodes))

    cuts = {i: [] for i in range(len(lines))}
    for kind, pts in (("g", gates_xy), ("a", addresses_xy)):
        for j, (x, y) in enumerate(pts):
            i, off = snap(x, y)
            cuts[i].append((off, (kind, j)))
    tails, heads, weights = [], [], []
    for i, line in enumerate(lines):
        ends = [tuple(np.round(line.coords[0], 6)), tuple(np.round(line.coords[-1], 6))]
        stops = [(0.0, ends[0]), *sorted(cuts[i], key=lambda c: c[0]), (line.length, ends[1])]
        for (o1, k1), (o2, k2) in itertools.pairwise(stops):
            a, b = node(k1), node(k2)
            tails += [a, b]
            heads += [b, a]
            weights += [max(o2 - o1, 1e-9)] * 2  # scipy drops explicit zeros
    n = len(nodes)
    # keep the shortest of parallel links (a csr_matrix would add them up)
    best: dict[tuple[int, int], float] = {}
    for t, h, w in zip(tails, heads, weights, strict=True):
        best[(t, h)] = min(w, best.get((t, h), np.inf))
    keys = list(best)
    graph = csr_matrix(
        ([best[k] for k in keys], ([k[0] for k in keys], [k[1] for k in keys])), shape=(n, n)
    )
    out = np.full((len(addresses_xy), len(gates_xy)), np.inf)
    for g in range(len(gates_xy)):
        dist = dijkstra(graph, indices=nodes[("g", g)])
        for a in range(len(addresses_xy)):
            out[a, g] = dist[nodes[("a", a)]]
    return out


def town(seed, grid):
    """A jittered grid with diagonals, some streets missing, a one-way code per street,
    a separate estate (a disconnected part) and footpaths."""
    rng = np.random.default_rng(seed)
    lines = grid(7, 100.0, rng, jitter=12.0, drop=0.15)
    # a footpath from a junction across a block, and an estate far away joined to nothing
    x, y = lines[3].coords[0]
    lines.append(shapely.LineString([(x, y), (x + 30, y + 50), (x + 20, y + 90)]))
    estate = [
        shapely.LineString([(2000, 0), (2100, 0)]),
        shapely.LineString([(2100, 0), (2100, 100)]),
    ]
    lines += estate
    oneway = rng.choice([0, 0, 1, -1], len(lines))
    return rng, lines, oneway


def points_near(lines, rng, count, spread=15.0):
    picks = rng.integers(0, len(lines), count)
    along = rng.uniform(0, 1, count)
    base = shapely.get_coordinates(
        shapely.line_interpolate_point(np.asarray(lines)[picks], along, normalized=True)
    )
    return base + rng.uniform(-spread, spread, (count, 2))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_nearest_k_equal_reference_with_gates(seed, grid):
    rng, lines, oneway = town(seed, grid)
    main = lines[:-2]
    k_fac = 5
    # two or three gates per facility; facility 4's only gate is in the separate estate
    gate_fac = np.repeat(np.arange(k_fac - 1), rng.integers(1, 4, k_fac - 1))
    gate_xy = points_near(main, rng, len(gate_fac), spread=8)
    gate_fac = np.r_[gate_fac, k_fac - 1]
    gate_xy = np.vstack([gate_xy, [[2050.0, 5.0]]])
    addresses = np.vstack([points_near(main, rng, 80), [[2090.0, 60.0]]])
    names = ["Elm", "Ash", "Birch", "Cedar", "Estate"]
    walk = prepare_walking(lines, gate_xy, gate_fac, k_fac)
    result = nearest_facilities(walk, addresses, names, k=3, limits=[300.0, 500.0])

    per_gate = reference(lines, gate_xy, addresses)
    want = np.full((len(addresses), k_fac), np.inf)
    for f in range(k_fac):
        want[:, f] = per_gate[:, gate_fac == f].min(axis=1)
    for i in range(len(addresses)):
        row = want[i]
        finite = np.flatnonzero(np.isfinite(row))
        expected = sorted(finite, key=lambda f: (round(row[f], 3), names[f]))[:3]
        got = [f for f in result.facility[i] if f >= 0]
        np.testing.assert_allclose(result.network_m[i, : len(got)], row[got], atol=1e-6)
        np.testing.assert_allclose(row[got], row[expected], atol=1e-3)
        assert len(got) == len(expected)
        for r, f in enumerate(got):  # the gate reported is one at the facility's distance
            g = result.gate[i, r]
            assert gate_fac[g] == f
            assert per_gate[i, g] == pytest.approx(row[f], abs=1e-6)
    # each route to the nearest is as long as the walk to the street, the measured
    # distance and the walk from the gate's street position to the gate
    for i in range(len(addresses)):
        f, g = int(result.facility[i, 0]), int(result.gate[i, 0])
        assert f >= 0
        line = route(walk, result.searches, result.places, addresses, i, f)
        access = result.places.snap.access[i] + walk.gate_snap.access[g]
        assert line.length == pytest.approx(result.network_m[i, 0] + access, abs=1e-6)
        assert tuple(line.coords[-1]) == tuple(gate_xy[g])
    # the estate address reaches only the estate school; main-town addresses never do
    assert list(result.facility[-1]) == [4, -1, -1]
    assert (result.facility[:-1] != 4).all()
    np.testing.assert_allclose(
        result.beyond_limit_m, beyond_limit(result.network_m[:, 0], [300.0, 500.0])
    )

    # the full table: every facility of every address equals the reference, nearest
    # first, unreachable last without a rank; its ranks 1..3 are the nearest-3 rows
    table = distance_table(walk, result.searches, result.places, addresses, names)
    again = distance_table(
        walk, result.searches, result.places, addresses, names, matrix=result.matrix
    )  # the matrix nearest_facilities kept gives the same table
    np.testing.assert_array_equal(again.network_m, table.network_m)
    np.testing.assert_array_equal(again.facility, table.facility)
    assert table.facility.shape == (len(addresses), k_fac)
    for i in range(len(addresses)):
        assert sorted(table.facility[i]) == list(range(k_fac))
        np.testing.assert_allclose(table.network_m[i], want[i, table.facility[i]], atol=1e-6)
        reached = np.isfinite(want[i, table.facility[i]])
        assert list(table.rank[i]) == [r + 1 if ok else 0 for r, ok in enumerate(reached)]
        assert reached[: reached.sum()].all()  # the unreachable ones come last
        for r in range(int(reached.sum())):
            g = table.gate[i, r]
            assert gate_fac[g] == table.facility[i, r]
            assert per_gate[i, g] == pytest.approx(table.network_m[i, r], abs=1e-6)
        assert (table.gate[i, ~reached] == -1).all()
        straight = [
            np.hypot(*(gate_xy[gate_fac == f] - addresses[i]).T).min() for f in table.facility[i]
        ]
        np.testing.assert_allclose(table.straight_m[i], straight)
    top = result.facility
    np.testing.assert_array_equal(np.where(top >= 0, table.facility[:, :3], -1), top)


def test_one_way_streets_are_ignored_for_walking(grid):
    lines = [shapely.LineString([(0, 0), (100, 0)]), shapely.LineString([(100, 0), (200, 0)])]
    walk = prepare_walking(lines, [[190.0, 5.0]], [0], 1)
    out = nearest_facilities(walk, [[10.0, -3.0]], ["North"], k=1)
    assert out.network_m[0, 0] == pytest.approx(180.0)
    assert out.straight_m[0, 0] == pytest.approx(np.hypot(180.0, 8.0))


def test_position_along_the_street_counts():
    lines = [shapely.LineString([(0, 0), (1000, 0)])]
    walk = prepare_walking(lines, [[600.0, 10.0]], [0], 1)
    out = nearest_facilities(walk, [[100.0, 5.0], [650.0, -5.0]], ["S"], k=1)
    np.testing.assert_allclose(out.network_m[:, 0], [500.0, 50.0])


def test_disconnected_and_off_network_addresses_have_reasons():
    lines = [shapely.LineString([(0, 0), (100, 0)]), shapely.LineString([(500, 0), (600, 0)])]
    walk = prepare_walking(lines, [[50.0, 2.0]], [0], 1)
    out = nearest_facilities(
        walk, [[550.0, 1.0], [50.0, 900.0], [np.nan, np.nan]], ["S"], max_snap=100, phase="primary"
    )
    assert (out.facility[:, 0] == -1).all()
    assert out.status[0] == DISCONNECTED.format(phase="primary")
    assert out.status[1] == OFF_NETWORK
    assert "coordinates" in out.status[2]
    assert np.isnan(out.beyond_limit_m).all()


def test_ties_by_name_then_seeded_random():
    lines = [shapely.LineString([(0, 0), (200, 0)])]
    # two schools exactly 100 m either side of every address at x=100
    walk = prepare_walking(lines, [[0.0, 1.0], [200.0, 1.0]], [0, 1], 2)
    addresses = np.column_stack([np.full(200, 100.0), np.full(200, 3.0)])
    by_name = nearest_facilities(walk, addresses, ["Zeta", "Alpha"], k=2, tie_break=TIE_NAME)
    assert (by_name.facility[:, 0] == 1).all()
    one = nearest_facilities(walk, addresses, ["Zeta", "Alpha"], k=2, tie_break=TIE_RANDOM, seed=7)
    two = nearest_facilities(walk, addresses, ["Zeta", "Alpha"], k=2, tie_break=TIE_RANDOM, seed=7)
    other = nearest_facilities(
        walk, addresses, ["Zeta", "Alpha"], k=2, tie_break=TIE_RANDOM, seed=8
    )
    np.testing.assert_array_equal(one.facility, two.facility)
    table = distance_table(
        walk, one.searches, one.places, addresses, ["Zeta", "Alpha"], TIE_RANDOM, 7
    )
    np.testing.assert_array_equal(table.facility, one.facility)  # the same seeded draw
    assert one.seed == 7
    share = (one.facility[:, 0] == 0).mean()
    assert 0.3 < share < 0.7  # both schools win some draws
    assert (one.facility != other.facility).any()


def test_route_runs_from_address_to_gate_with_the_measured_length():
    lines = [
        shapely.LineString([(0, 0), (100, 0)]),
        shapely.LineString([(100, 0), (100, 100)]),
        shapely.LineString([(100, 100), (300, 100)]),
    ]
    address = np.array([[20.0, -4.0]])
    walk = prepare_walking(lines, [[250.0, 106.0]], [0], 1)
    out = nearest_facilities(walk, address, ["S"], k=1)
    assert out.network_m[0, 0] == pytest.approx(80 + 100 + 150)
    line = route(walk, out.searches, out.places, address, 0, 0)
    coords = shapely.get_coordinates(line)
    assert tuple(coords[0]) == (20.0, -4.0) and tuple(coords[-1]) == (250.0, 106.0)
    assert line.length == pytest.approx(4 + 330 + 6)


def test_walking_rules_and_words():
    keep = walkable(["A Road", "Motorway", "M25", None], ["no", "no", "no", "yes"])
    assert keep.tolist() == [True, False, False, False]
    assert walkable() is None
    assert parse_limits("3218.69, 4828.03") == [3218.69, 4828.03]
    with pytest.raises(ValueError, match="not a number"):
        parse_limits("2 miles")
    assert limit_words(4828.03) == "3-mile" and limit_words(4000) == "4,000 m"
    text = reason(1, "primary", "St Mary's", 5472.0, [3218.69, 4828.03])
    assert text == (
        "nearest primary: St Mary's, 3.4 miles (5,472 m) by the shortest walking route, "
        "over the 3-mile limit"
    )
    assert "2nd nearest" in reason(2, "primary", "X", 100.0, [3218.69])
    assert reason(1, "primary", "X", 4000.0, [3218.69, 4828.03]).endswith(
        "over the 2-mile limit, within the 3-mile limit"
    )
