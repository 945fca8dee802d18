"""Catchment polygons tile the boundary; band areas follow network distance."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import shapely
from placelink.core.catchments.bands import substrings
from placelink.core.catchments.pipeline import run_catchments
from placelink.core.catchments.polygons import UNASSIGNED, catchment_polygons


def _assert_tiles(labels, polys, boundary):
    area = boundary.area
    union = shapely.union_all(polys)
    assert abs(union.area - area) <= 1e-6 * area
    assert shapely.difference(boundary, union).area <= 1e-6 * area
    for a, b in itertools.combinations(polys, 2):
        assert shapely.intersection(a, b).area <= 1e-9 * area
    assert len(set(labels.tolist())) == len(labels)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_catchments_tile_an_irregular_boundary(seed):
    rng = np.random.default_rng(seed)
    angles = np.sort(rng.uniform(0, 2 * np.pi, 40))
    radii = rng.uniform(600, 1000, 40)
    boundary = shapely.Polygon(np.c_[np.cos(angles) * radii, np.sin(angles) * radii])
    boundary = boundary.difference(shapely.Point(100, 100).buffer(80))  # a hole (a lake)
    addresses = rng.uniform(-900, 900, (400, 2))
    addresses[50:60] = addresses[49]  # flats sharing one position
    facilities = rng.uniform(-500, 500, (5, 2))
    result = run_catchments(facilities, addresses, boundary=boundary)
    assert set(result.catchment_labels.tolist()) <= set(range(5))
    _assert_tiles(result.catchment_labels, result.catchment_polygons, boundary)
    # every address inside the boundary lies in its own facility's polygon
    inside = shapely.contains_xy(boundary, addresses[:, 0], addresses[:, 1])
    by_label = dict(zip(result.catchment_labels.tolist(), result.catchment_polygons, strict=True))
    for (x, y), f in zip(addresses[inside], result.facility[inside], strict=True):
        assert shapely.intersects_xy(by_label[int(f)], x, y)


def test_unassigned_addresses_get_their_own_piece_and_the_tiling_stays_whole():
    boundary = shapely.box(0, 0, 100, 100)
    xy = np.array([[10.0, 10.0], [90.0, 90.0], [10.0, 90.0], [90.0, 10.0], [10.0, 90.0]])
    labels = np.array([0, 1, -1, 1, 0])  # two addresses share (10, 90): tie → 0 wins over -1
    out_labels, polys = catchment_polygons(xy, labels, boundary)
    assert out_labels.tolist() == [0, 1]
    _assert_tiles(out_labels, polys, boundary)
    out_labels, polys = catchment_polygons(xy[:4], np.array([0, 1, -1, 1]), boundary)
    assert out_labels.tolist() == [0, 1, UNASSIGNED]
    _assert_tiles(out_labels, polys, boundary)


def test_single_address_and_no_address():
    boundary = shapely.box(0, 0, 50, 50)
    labels, polys = catchment_polygons(np.array([[5.0, 5.0]]), np.array([0]), boundary)
    assert labels.tolist() == [0] and polys[0].equals(boundary)
    labels, polys = catchment_polygons(np.empty((0, 2)), np.empty(0, dtype=int), boundary)
    assert labels.tolist() == [UNASSIGNED] and polys[0].equals(boundary)


def test_substrings_cut_exactly():
    line = shapely.LineString([(0, 0), (10, 0), (10, 10)])
    parts = substrings(
        np.array([line]), np.array([0, 0]), np.array([5.0, 0.0]), np.array([15.0, 3.0])
    )
    assert parts[0].equals(shapely.LineString([(5, 0), (10, 0), (10, 5)]))
    assert parts[1].length == pytest.approx(3.0)


def test_bands_follow_the_street_and_do_not_overlap():
    # one long street, a facility at 0 and another at 1000
    lines = [shapely.LineString([(0, 0), (500, 0)]), shapely.LineString([(500, 0), (1000, 0)])]
    facilities = np.array([[0.0, 0.0], [1000.0, 0.0]])
    addresses = np.c_[np.linspace(10, 990, 50), np.full(50, 20.0)]
    boundary = shapely.box(-200, -200, 1200, 200)
    result = run_catchments(
        facilities, addresses, lines=lines, boundary=boundary, bands=[100, 300], band_width=20.0
    )
    bands = {(f, hi): poly for f, lo, hi, poly in result.band_areas}
    assert set(bands) == {(0, 100.0), (0, 300.0), (1, 100.0), (1, 300.0)}
    near = bands[(0, 100.0)]
    ring = bands[(0, 300.0)]
    assert near.contains(shapely.Point(50, 0)) and not near.contains(shapely.Point(150, 0))
    assert ring.contains(shapely.Point(150, 0)) and not ring.contains(shapely.Point(50, 0))
    assert not ring.contains(shapely.Point(350, 0))
    assert near.intersection(ring).area == pytest.approx(0.0, abs=1e-6)
    # band 0–100 of facility 0 is the street from 0 to 100 buffered by 20 m (the catchment,
    # which reaches to x = 500, keeps all of it)
    stretch = shapely.LineString([(0, 0), (100, 0)]).buffer(20.0, quad_segs=2)
    assert near.area == pytest.approx(stretch.area, rel=1e-9)
    assert shapely.symmetric_difference(near, stretch).area < 1e-6
    for (f, _), poly in bands.items():
        other = result.catchment_polygons[result.catchment_labels != f]
        assert shapely.intersection(poly, shapely.union_all(other)).area < 1e-6


def test_frontier_thinning_keeps_every_region_exactly():
    rng = np.random.default_rng(8)
    xy = rng.uniform(0, 1000, (5000, 2))
    centres = rng.uniform(0, 1000, (6, 2))
    labels = np.argmin(np.hypot(*(xy[:, None, :] - centres[None]).transpose(2, 0, 1)), axis=1)
    labels[:40] = -1  # some unassigned addresses scattered about
    boundary = shapely.box(-50, -50, 1050, 1050)
    thin_labels, thin_polys = catchment_polygons(xy, labels, boundary, thin=True)
    full_labels, full_polys = catchment_polygons(xy, labels, boundary, thin=False)
    assert thin_labels.tolist() == full_labels.tolist()
    for a, b in zip(thin_polys, full_polys, strict=True):
        assert shapely.symmetric_difference(a, b).area <= 1e-6 * boundary.area
    _assert_tiles(thin_labels, thin_polys, boundary)
