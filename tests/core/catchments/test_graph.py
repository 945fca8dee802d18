"""Building the street graph, snapping, and straight-line nearest."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from placelink.core.catchments.graph import (
    BACKWARD,
    BOTH,
    FORWARD,
    build_graph,
    is_motorway,
    parse_direction,
)
from placelink.core.catchments.snapping import Snapper
from placelink.core.catchments.straight import nearest_straight


def _node(graph, x, y):
    hit = np.flatnonzero(np.hypot(*(graph.node_xy - [x, y]).T) < 1e-9)
    assert len(hit) == 1, (x, y)
    return int(hit[0])


def test_nodes_at_ends_and_shared_vertices_only():
    lines = [
        shapely.LineString([(0, 0), (50, 0), (100, 0)]),  # vertex (50, 0) shared below
        shapely.LineString([(50, 0), (50, 80)]),
        shapely.LineString([(20, -30), (20, 30)]),  # crosses the first line: a bridge
        shapely.LineString([(0, 50), (10, 55), (30, 50)]),  # a bend, not a node
    ]
    graph = build_graph(lines)
    # ends (0,0) (100,0) (50,80) (20,-30) (20,30) (0,50) (30,50) and the shared (50,0)
    assert graph.node_count == 8
    assert graph.edge_count == 2 + 1 + 1 + 1
    assert graph.skipped_lines == 0
    bend = graph.edge_geometry[graph.edge_source == 3][0]
    assert len(shapely.get_coordinates(bend)) == 3
    np.testing.assert_allclose(
        np.sort(graph.edge_length), np.sort([50, 50, 80, 60, np.hypot(10, 5) + np.hypot(20, 5)])
    )
    # the bridge touches nothing
    bridge = np.flatnonzero(graph.edge_source == 2)[0]
    others = np.concatenate(
        [graph.edge_u[graph.edge_source != 2], graph.edge_v[graph.edge_source != 2]]
    )
    assert graph.edge_u[bridge] not in others and graph.edge_v[bridge] not in others


def test_tolerance_joins_near_misses_and_t_junctions():
    lines = [
        shapely.LineString([(0, 0), (100, 0)]),
        shapely.LineString([(100.3, 0.2), (200, 0)]),  # 0.36 m gap at the join
        shapely.LineString([(40, 0.4), (40, 50)]),  # ends 0.4 m off the middle of line 0
    ]
    loose = build_graph(lines, tolerance=0.0)
    assert loose.node_count == 6
    tight = build_graph(lines, tolerance=0.5)
    # (0,0), the T at (40, 0.4), (40,50), the joined ends at (100,0), (200,0)
    assert tight.node_count == 5
    assert tight.edge_count == 4  # line 0 is split at the T-junction
    t = _node(tight, 40, 0.4)
    assert {int(tight.edge_u[i]) for i in range(4)} | {int(tight.edge_v[i]) for i in range(4)} >= {
        t
    }
    # an exact T-junction is joined without any tolerance
    exact = build_graph(
        [shapely.LineString([(0, 0), (100, 0)]), shapely.LineString([(30, 0), (30, 40)])]
    )
    assert exact.node_count == 4 and exact.edge_count == 3


def test_direction_and_bad_geometries():
    lines = [
        shapely.LineString([(0, 0), (10, 0)]),
        None,
        shapely.Point(3, 3),
        shapely.MultiLineString([[(10, 0), (20, 0)], [(20, 0), (20, 10)]]),
        shapely.LineString(),
    ]
    codes = np.array([FORWARD, BOTH, BOTH, BACKWARD, BOTH])
    graph = build_graph(lines, codes)
    assert graph.skipped_lines == 3
    assert graph.edge_count == 3
    first = np.flatnonzero(graph.edge_source == 0)[0]
    assert graph.edge_forward[first] and not graph.edge_backward[first]
    multi = graph.edge_source == 3
    assert (~graph.edge_forward[multi] & graph.edge_backward[multi]).all()
    with pytest.raises(ValueError, match="no usable line"):
        build_graph([None, shapely.Point(1, 1)])


def test_field_value_readers():
    values = ["yes", "-1", "no", None, "inOppositeDirection", "bothDirections", "FT", "True"]
    assert parse_direction(values).tolist() == [1, -1, 0, 0, -1, 0, 1, 1]
    roads = ["Motorway", "A Road", "motorway_link", "M25", "A1(M)", "Minor Road", None, "B123"]
    assert is_motorway(roads).tolist() == [True, False, True, True, True, False, False, False]


def test_snapping_positions_and_limits():
    lines = [shapely.LineString([(0, 0), (100, 0), (100, 100)])]
    graph = build_graph(lines)
    snap = Snapper(graph).snap(np.array([[30, 4], [103, 60], [500, 500]]), max_distance=50)
    assert snap.edge.tolist() == [0, 0, -1]
    np.testing.assert_allclose(snap.offset[:2], [30, 160])
    np.testing.assert_allclose(snap.access[:2], [4, 3])


def test_straight_line_ties_and_distances():
    facilities = np.array([[0.0, 0.0], [10.0, 0.0], [5.0, 5.0], [5.0, -5.0]])
    addresses = np.array([[5.0, 0.0], [9.0, 0.0], [5.0, 9.0]])
    idx, dist = nearest_straight(facilities[::-1], addresses)
    assert idx.tolist() == [0, 2, 1]  # all four tie for the first: index 0 of the reversed list
    np.testing.assert_allclose(dist, [5, 1, 4])


@pytest.mark.parametrize("k", [1, 3, 8])
def test_snapping_matches_brute_force(k, grid):
    rng = np.random.default_rng(5)
    lines = grid(6, 100.0, rng, jitter=20.0, drop=0.2)
    graph = build_graph(lines)
    xy = np.concatenate([rng.uniform(-50, 550, (300, 2)), rng.uniform(-2000, 3000, (20, 2))])
    snap = Snapper(graph, k=k).snap(xy)
    points = shapely.points(xy)
    dist = shapely.distance(points[:, None], graph.edge_geometry[None, :])
    best = dist.min(axis=1)
    np.testing.assert_allclose(snap.access, best, atol=1e-9)
    np.testing.assert_allclose(dist[np.arange(len(xy)), snap.edge], best, atol=1e-9)
    where = shapely.line_interpolate_point(graph.edge_geometry[snap.edge], snap.offset)
    np.testing.assert_allclose(shapely.distance(where, points), best, atol=1e-6)
    limited = Snapper(graph, k=k).snap(xy, max_distance=30.0)
    assert ((limited.edge >= 0) == (best <= 30.0)).all()
