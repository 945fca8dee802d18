"""Nearest facility along the network against a networkx reference."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from placelink.core.catchments.graph import FORWARD, build_graph
from placelink.core.catchments.pipeline import (
    DISCONNECTED,
    NEAREST_NETWORK,
    OFF_NETWORK,
    run_catchments,
)
from placelink.core.catchments.routing import nearest, node_nearest, prepare
from placelink.core.catchments.snapping import Snapper

_spec = importlib.util.spec_from_file_location(
    "catchments_reference", Path(__file__).with_name("conftest.py")
)
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
REFERENCE = _module.reference_distances  # hypothesis tests cannot take function fixtures


def _points_near(lines, rng, count, spread=15.0):
    """Points beside random streets (like addresses set back from the road)."""
    picks = rng.integers(0, len(lines), count)
    along = rng.uniform(0, 1, count)
    base = shapely.get_coordinates(
        shapely.line_interpolate_point(np.asarray(lines)[picks], along, normalized=True)
    )
    return base + rng.uniform(-spread, spread, (count, 2))


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("towards", [True, False])
def test_matches_networkx_with_one_way_streets(seed, towards, reference, grid):
    rng = np.random.default_rng(seed)
    lines = grid(7, 100.0, rng, jitter=12.0, drop=0.15)
    oneway = rng.choice([0, 0, 0, 1, -1], len(lines)).tolist()
    facilities = _points_near(lines, rng, 4, spread=20)
    addresses = _points_near(lines, rng, 120)
    ref = reference(lines, oneway, facilities, addresses, towards_facility=towards)
    want_fac, want_dist = ref.nearest()

    result = run_catchments(
        facilities, addresses, lines=lines, direction=np.array(oneway), towards_facility=towards
    )
    np.testing.assert_array_equal(result.facility, want_fac)
    np.testing.assert_allclose(result.distance, want_dist, rtol=0, atol=1e-6)
    assert ((result.facility >= 0) == np.isfinite(want_dist)).all()


def test_disconnected_part_is_reported_not_guessed(reference):
    town = [
        shapely.LineString([(0, 0), (100, 0)]),
        shapely.LineString([(100, 0), (100, 100)]),
    ]
    island = [shapely.LineString([(500, 0), (600, 0)])]  # no facility can be reached from here
    lines = town + island
    facilities = np.array([[0.0, 5.0]])
    addresses = np.array([[50.0, 3.0], [100.0, 60.0], [550.0, -4.0], [2000.0, 2000.0]])
    result = run_catchments(facilities, addresses, lines=lines, max_snap=100.0)
    assert result.facility.tolist() == [0, 0, -1, -1]
    np.testing.assert_allclose(result.distance[:2], [5 + 50 + 3, 5 + 100 + 60])
    assert np.isnan(result.distance[2:]).all()
    assert result.reason.tolist() == [NEAREST_NETWORK, NEAREST_NETWORK, DISCONNECTED, OFF_NETWORK]
    assert result.unreached == 2
    # without a snap limit the far address joins the island and is still unreachable
    ref = reference(lines, [0, 0, 0], facilities, addresses)
    assert np.isinf(ref.distances[2:]).all()


def test_address_beyond_a_node_on_the_next_street():
    lines = [shapely.LineString([(0, 0), (100, 0)]), shapely.LineString([(100, 0), (200, 0)])]
    facilities = np.array([[10.0, 5.0]])
    addresses = np.array([[150.0, -3.0]])
    result = run_catchments(facilities, addresses, lines=lines)
    assert result.distance[0] == pytest.approx(5 + 140 + 3)


def test_one_way_forces_the_long_way_round():
    # a square block; the bottom street is one-way eastwards (digitised west → east)
    lines = [
        shapely.LineString([(0, 0), (100, 0)]),
        shapely.LineString([(100, 0), (100, 100)]),
        shapely.LineString([(100, 100), (0, 100)]),
        shapely.LineString([(0, 100), (0, 0)]),
    ]
    direction = np.array([FORWARD, 0, 0, 0])
    facilities = np.array([[10.0, 0.0]])  # on the one-way street near its west end
    addresses = np.array([[60.0, 0.0]])  # further east on the same street
    to_fac = run_catchments(facilities, addresses, lines=lines, direction=direction)
    from_fac = run_catchments(
        facilities, addresses, lines=lines, direction=direction, towards_facility=False
    )
    # address → facility must go east, round the block and back: 40 + 100 + 100 + 100 + 10
    assert to_fac.distance[0] == pytest.approx(350.0)
    # facility → address goes straight along the one-way street
    assert from_fac.distance[0] == pytest.approx(50.0)


def test_facility_and_address_on_the_same_street_reach_each_other_directly():
    lines = [shapely.LineString([(0, 0), (1000, 0)])]
    facilities = np.array([[400.0, 10.0], [900.0, 0.0]])
    addresses = np.array([[450.0, 2.0], [700.0, 0.0], [640.0, 0.0], [660.0, 0.0]])
    result = run_catchments(facilities, addresses, lines=lines)
    assert result.facility.tolist() == [0, 1, 0, 1]
    np.testing.assert_allclose(result.distance, [10 + 50 + 2, 200, 10 + 240, 240])


@pytest.mark.parametrize("order", [[0, 1, 2], [2, 1, 0], [1, 2, 0]])
def test_ties_go_to_the_lowest_facility_index(order, reference):
    # a ladder of 100 m streets; facilities at both ends and one equidistant on the side
    lines = []
    for x in range(0, 400, 100):
        lines.append(shapely.LineString([(x, 0), (x + 100, 0)]))
        lines.append(shapely.LineString([(x, 100), (x + 100, 100)]))
    for x in range(0, 500, 100):
        lines.append(shapely.LineString([(x, 0), (x, 100)]))
    places = np.array([[0.0, 0.0], [400.0, 0.0], [200.0, -200.0]])
    lines.append(shapely.LineString([(200, -200), (200, 0)]))
    facilities = places[order]
    addresses = np.array([[200.0, 50.0], [200.0, 100.0], [250.0, 100.0], [150.0, 100.0]])
    ref = reference(lines, [0] * len(lines), facilities, addresses)
    want, want_dist = ref.nearest()
    result = run_catchments(facilities, addresses, lines=lines)
    np.testing.assert_array_equal(result.facility, want)
    np.testing.assert_allclose(result.distance, want_dist)
    # the middle address is 250 m from all three: the lowest index wins
    assert result.facility[0] == 0
    # and node labels carry the same rule past the tie
    graph = build_graph(lines)
    snapper = Snapper(graph)
    network = prepare(graph, snapper.snap(facilities))
    dist, label = node_nearest(network)
    top_middle = int(np.flatnonzero((graph.node_xy == [200, 100]).all(axis=1))[0])
    assert dist[top_middle] == pytest.approx(300.0)
    assert label[top_middle] == 0
    again = nearest(network, snapper.snap(addresses))
    np.testing.assert_array_equal(again.facility, want)


def test_two_facilities_at_one_place_lowest_wins():
    lines = [shapely.LineString([(0, 0), (100, 0)])]
    facilities = np.array([[50.0, 0.0], [50.0, 0.0], [0.0, 0.0]])
    addresses = np.array([[60.0, 0.0], [1.0, 0.0]])
    result = run_catchments(facilities, addresses, lines=lines)
    assert result.facility.tolist() == [0, 2]


def test_same_input_same_output(grid):
    rng = np.random.default_rng(9)
    lines = grid(6, 100.0, rng, jitter=10.0, drop=0.1)
    facilities = _points_near(lines, rng, 3)
    addresses = _points_near(lines, rng, 200)
    runs = [
        run_catchments(facilities, addresses, lines=lines, bands=[150], facility_capacity=[70] * 3)
        for _ in range(2)
    ]
    np.testing.assert_array_equal(runs[0].facility, runs[1].facility)
    np.testing.assert_array_equal(runs[0].distance, runs[1].distance)
    for a, b in zip(runs[0].catchment_polygons, runs[1].catchment_polygons, strict=True):
        assert a.equals_exact(b, 0.0)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_exact_ties_on_integer_grids_match_networkx(seed):
    """Whole-metre streets and points make exact ties common: both sides must agree."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 6))
    lines, oneway = [], []
    for i in range(n):
        for j in range(n):
            for di, dj in ((1, 0), (0, 1)):
                if i + di < n and j + dj < n and rng.random() > 0.15:
                    lines.append(
                        shapely.LineString([(10 * i, 10 * j), (10 * (i + di), 10 * (j + dj))])
                    )
                    oneway.append(int(rng.choice([0, 0, 0, 1, -1])))
    if not lines:
        return
    picks = rng.integers(0, len(lines), 12)
    steps = rng.integers(0, 11, 12)
    base = shapely.get_coordinates(
        shapely.line_interpolate_point(np.asarray(lines)[picks], steps.astype(float))
    )
    facilities, addresses = base[:3], base[3:]
    ref = REFERENCE(lines, oneway, facilities, addresses)
    want, want_dist = ref.nearest()
    got = run_catchments(facilities, addresses, lines=lines, direction=np.array(oneway))
    np.testing.assert_array_equal(got.facility, want)
    np.testing.assert_allclose(got.distance, want_dist, atol=1e-6)
