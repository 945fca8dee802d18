"""qgis_support/gpkg_rtree.py: a GeoPackage layer's empty R-tree filled in one go holds
exactly the entries SQLite's own inserts store (every fid, every box rounded as SQLite
rounds it), passes SQLite's ``rtreecheck()``, answers every window query as the
one-by-one tree does, stays usable for later inserts and deletes, and is read by QGIS."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from placelink.qgis_support.gpkg_points import point_blob
from placelink.qgis_support.gpkg_rtree import bulk_load
from qgis.core import QgsFeatureRequest, QgsRectangle, QgsVectorLayer

RTREE = "rtree_pts_geom"


def _empty_layer(path: Path) -> None:
    """An empty GeoPackage point layer ``pts`` as GDAL makes it (R-tree, triggers)."""
    from osgeo import ogr, osr

    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    crs = osr.SpatialReference()
    crs.ImportFromEPSG(27700)
    dataset.CreateLayer("pts", crs, ogr.wkbPoint, options=["GEOMETRY_NAME=geom", "FID=fid"])
    dataset = None


def _filled(path: Path, points: list[tuple[float, float]], bulk: bool) -> sqlite3.Connection:
    _empty_layer(path)
    db = sqlite3.connect(str(path), isolation_level=None)
    ids = list(range(1, len(points) + 1))
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    db.execute("BEGIN")
    if bulk:
        assert bulk_load(db, RTREE, ids, xs, ys)
    else:
        db.executemany(f"INSERT INTO {RTREE} VALUES (?, ?, ?, ?, ?)", zip(ids, xs, xs, ys, ys))
    db.execute("COMMIT")
    return db


def _points(count: int, seed: int = 5) -> list[tuple[float, float]]:
    rng = random.Random(seed)
    near = [(rng.uniform(400000, 421000), rng.uniform(300000, 320000)) for _ in range(count)]
    # coordinates a 32-bit float cannot hold: negative, tiny, huge; and repeated points
    odd = [(-123456.789, 1e-9), (0.1, -0.3), (-0.7, 7e12), (5.0, 5.0), (5.0, 5.0)]
    return (near + odd)[:count] if count < 5 else near[: count - 5] + odd


@pytest.mark.parametrize("count", [1, 51, 52, 2601, 2602, 6000])
def test_bulk_loaded_rtree_answers_as_inserted_one(tmp_path, count) -> None:
    """1 to 6,000 points (a root leaf, a root over 2 leaves, 3 levels): the same entries,
    a valid tree, the same answer to every window query, before and after edits."""
    points = _points(count)
    inserted = _filled(tmp_path / "inserted.gpkg", points, bulk=False)
    bulk = _filled(tmp_path / "bulk.gpkg", points, bulk=True)
    everything = f"SELECT * FROM {RTREE} ORDER BY id"
    assert bulk.execute(everything).fetchall() == inserted.execute(everything).fetchall()
    assert len(bulk.execute(everything).fetchall()) == count
    assert bulk.execute(f"SELECT rtreecheck('{RTREE}')").fetchone() == ("ok",)
    window = (f"SELECT id FROM {RTREE} WHERE maxx >= ? AND minx <= ? AND maxy >= ? "
              "AND miny <= ? ORDER BY id")  # fmt: skip
    rng = random.Random(count)
    for x, y in rng.sample(points, min(count, 60)):
        for r in (0.0, 30.0, 400.0, 5000.0):
            box = (x - r, x + r, y - r, y + r)
            assert bulk.execute(window, box).fetchall() == inserted.execute(window, box).fetchall()
    for db in (bulk, inserted):  # a tree built in one go takes edits like any other
        db.execute(f"DELETE FROM {RTREE} WHERE id % 3 = 0")
        db.execute(f"INSERT INTO {RTREE} VALUES (900000, 1, 2, 3, 4)")
    assert bulk.execute(everything).fetchall() == inserted.execute(everything).fetchall()
    assert bulk.execute(f"SELECT rtreecheck('{RTREE}')").fetchone() == ("ok",)


def test_qgis_reads_a_bulk_loaded_index(tmp_path) -> None:
    """QGIS's rectangle filter (which uses the R-tree) finds the features it should."""
    path = tmp_path / "pts.gpkg"
    points = _points(3000)
    _empty_layer(path)
    db = sqlite3.connect(str(path), isolation_level=None)
    db.execute("BEGIN")
    db.execute("DROP TRIGGER IF EXISTS rtree_pts_geom_insert")  # GDAL's SQL functions
    blobs = [(i, point_blob(27700, x, y)) for i, (x, y) in enumerate(points, 1)]
    db.executemany("INSERT INTO pts (fid, geom) VALUES (?, ?)", blobs)
    assert bulk_load(db, RTREE, list(range(1, 3001)), *zip(*points))
    db.execute("COMMIT")
    db.close()
    layer = QgsVectorLayer(str(path), "pts", "ogr")
    assert layer.isValid()
    rect = QgsRectangle(405000, 305000, 410000, 311000)
    found = sorted(f.id() for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(rect)))
    expected = [i + 1 for i, (x, y) in enumerate(points)
                if 405000 <= x <= 410000 and 305000 <= y <= 311000]  # fmt: skip
    assert found == expected and len(expected) > 20


def test_a_tree_with_entries_is_left_alone(tmp_path) -> None:
    """An R-tree that already holds an entry is not bulk loaded (False, nothing written)."""
    db = _filled(tmp_path / "one.gpkg", [(1.0, 2.0)], bulk=False)
    db.execute("BEGIN")
    assert not bulk_load(db, RTREE, [2, 3], [5.0, 6.0], [7.0, 8.0])
    db.execute("COMMIT")
    assert db.execute(f"SELECT id FROM {RTREE}").fetchall() == [(1,)]
    assert not bulk_load(db, "no_such_rtree", [1], [1.0], [1.0])
    assert not bulk_load(db, "pts", [1], [1.0], [1.0])  # not an R-tree


@pytest.mark.parametrize("far", [False, True])
def test_fill_geopackage_indexes_every_point_either_way(tmp_path, far) -> None:
    """``bulk_io.fill_geopackage`` bulk loads the index; a point beyond a 32-bit float
    (which ``bulk_load`` leaves to SQLite) makes it insert the entries one by one: the
    same fids are indexed either way, and the tree is valid."""
    from osgeo import ogr
    from placelink.qgis_support import bulk_io

    path = tmp_path / "pts.gpkg"
    _empty_layer(path)
    dataset = ogr.Open(str(path), update=1)
    dataset.GetLayer(0).CreateField(ogr.FieldDefn("name", ogr.OFTString))
    dataset = None
    points = [*_points(300), None, (1e39 if far else 1.0, 5.0)]
    rows = [(f"r{i}",) for i in range(len(points))]
    probe = tmp_path / "probe.gpkg"
    _empty_layer(probe)
    with sqlite3.connect(str(probe)) as db:
        assert bulk_load(db, RTREE, [1], [points[-1][0]], [5.0]) is not far
    assert bulk_io.fill_geopackage(f"{path}|layername=pts", ["name"], rows, points)
    with sqlite3.connect(str(path)) as db:
        indexed = [i for (i,) in db.execute(f"SELECT id FROM {RTREE} ORDER BY id")]
        assert indexed == [i + 1 for i, p in enumerate(points) if p is not None]
        assert db.execute(f"SELECT rtreecheck('{RTREE}')").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM pts").fetchone() == (len(points),)
