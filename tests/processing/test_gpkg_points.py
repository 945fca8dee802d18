"""A plain .gpkg OUTPUT of placelink:loadaddresses is written in bulk (qgis_support/gpkg_points.py):
the layer QGIS opens is the one QGIS's own GeoPackage sink writes (same fields, types,
lengths, values, points), with a spatial index, its extent and feature count recorded;
a file of that name is replaced only by a complete one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from qgis.core import (
    QgsFeatureSource,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "llpg_dtf73.csv"
FIXTURES = ROOT / "tests" / "fixtures" / "addresses"


def _load(run_alg, inputs: list[Path], output: str) -> dict:
    return run_alg(
        "placelink:loadaddresses",
        {
            "INPUT": [str(p) for p in inputs],
            "FORMAT": 0,
            "OUTPUT": output,
            "REJECTED": "TEMPORARY_OUTPUT",
        },
    )


def _rows(layer: QgsVectorLayer) -> dict:
    names = layer.fields().names()
    return {
        f["uprn"]: (
            {n: f[n] for n in names if n != "fid"},
            f.geometry().asWkt(3),
        )
        for f in layer.getFeatures()
    }


def test_bulk_geopackage_equals_the_qgis_sink(run_alg, tmp_path: Path) -> None:
    for inputs in ([SAMPLE], [FIXTURES / "abp_schema2.csv", FIXTURES / "abp_schema2_cou.csv"]):
        bulk = tmp_path / "bulk.gpkg"
        by_sink = tmp_path / "by_sink.gpkg"
        _load(run_alg, inputs, str(bulk))
        # QGIS's own GeoPackage writer (the one behind a file sink) from a memory output
        memory = _load(run_alg, inputs, "TEMPORARY_OUTPUT")["OUTPUT"]
        run_alg("native:savefeatures", {"INPUT": memory, "OUTPUT": str(by_sink)})
        ours = QgsVectorLayer(str(bulk), "bulk", "ogr")
        theirs = QgsVectorLayer(f"{by_sink}|layername=by_sink", "by_sink", "ogr")
        assert ours.isValid() and theirs.isValid()
        assert [(f.name(), f.typeName().lower(), f.length()) for f in ours.fields()] == [
            (f.name(), f.typeName().lower(), f.length()) for f in theirs.fields()
        ]
        assert ours.featureCount() == theirs.featureCount() > 0
        assert _rows(ours) == _rows(theirs)
        assert ours.crs().authid() == "EPSG:27700"
        assert ours.hasSpatialIndex() == QgsFeatureSource.SpatialIndexPresent
        assert ours.extent() == theirs.extent()
        with sqlite3.connect(bulk) as db:
            (recorded,) = db.execute(
                "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'bulk'"
            ).fetchone()
            box = db.execute(
                "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'bulk'"
            ).fetchone()
        assert recorded == ours.featureCount()
        extent = theirs.extent()
        assert box == (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
        ours = theirs = None
        _edits_keep_the_index_and_count(bulk, recorded)
        bulk.unlink()


def _edits_keep_the_index_and_count(path: Path, count: int) -> None:
    """GDAL's triggers are back: a point added later is in the R-tree and the count."""
    from osgeo import ogr

    dataset = ogr.Open(str(path), 1)
    layer = dataset.GetLayer(0)
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("uprn", 1)
    feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT (450000 200000)"))
    assert layer.CreateFeature(feature) == 0
    feature = layer = dataset = None
    with sqlite3.connect(path) as db:
        table = path.stem
        assert db.execute(f"SELECT count(*) FROM rtree_{table}_geom").fetchone() == (count + 1,)
        assert db.execute(f"SELECT rtreecheck('rtree_{table}_geom')").fetchone() == ("ok",)
        assert db.execute(
            f"SELECT count(*) FROM rtree_{table}_geom WHERE minx <= 450000 AND maxx >= 450000 "
            "AND miny <= 200000 AND maxy >= 200000"
        ).fetchone() == (1,)
        assert db.execute(
            "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?", (table,)
        ).fetchone() == (count + 1,)


class _CancelAtOnce(QgsProcessingFeedback):
    def setProgressText(self, text: str) -> None:
        self.cancel()


def test_a_cancelled_load_leaves_an_existing_file_as_it_was(run_alg, tmp_path: Path) -> None:
    target = tmp_path / "addresses.gpkg"
    _load(run_alg, [SAMPLE], str(target))
    before = target.read_bytes()
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8", newline="") as fh:  # a BLPU and an LPI per UPRN
        fh.write('15,I,1,24700000,"HIGH STREET","","TOWN","KENT",ENG\r\n')
        for i in range(12_000):  # more than two write batches: the cancel cuts the load
            u = 100_060_000_000 + i
            fh.write(
                f"21,I,1,{u},1,2,2001-01-01,RD04,,{540_000 + i % 9000}.5,150000.5,1,2235,"
                f"2001-01-01,,2023-06-01,2001-01-01,,,,,,\r\n"
                f"24,I,1,{u},2235L{i:08d},ENG,1,2001-01-01,,2001-01-01,2023-06-01,,,,,,"
                f"{i % 300 + 1},,,,,24700000,,Y,TN13 1AA,SEVENOAKS,Y,,,\r\n"
            )
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(
            "placelink:loadaddresses",
            {"INPUT": [str(big)], "FORMAT": 1, "OUTPUT": str(target),
             "REJECTED": "TEMPORARY_OUTPUT"},
            feedback=_CancelAtOnce(),
        )  # fmt: skip
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["addresses.gpkg", "big.csv"]


@pytest.mark.parametrize(("count", "width"), [(0, 3), (7, 3), (50, 3), (123, 3), (101, 45)])
def test_rows_inserted_several_to_a_statement_keep_their_order(count, width) -> None:
    """``insert_rows`` (several rows to an INSERT, the rest one by one) writes every row,
    in order, with every value as given."""
    from placelink.qgis_support.gpkg_points import insert_rows

    db = sqlite3.connect(":memory:")
    columns = [f"c{i}" for i in range(width)]
    db.execute(f"CREATE TABLE t (n INTEGER PRIMARY KEY AUTOINCREMENT, {', '.join(columns)})")
    rows = [tuple(f"r{r}" if c % 2 else r * 1.5 + c for c in range(width)) for r in range(count)]
    rows = [(None, *row[1:]) if i % 5 == 0 else row for i, row in enumerate(rows)]
    insert_rows(db, "t", columns, rows)
    assert db.execute(f"SELECT {', '.join(columns)} FROM t ORDER BY n").fetchall() == rows
    assert [n for (n,) in db.execute("SELECT n FROM t ORDER BY n")] == list(range(1, count + 1))
