"""A canonical addresses GeoPackage written with OGR, for tests that compare engines on
one gazetteer file (tests/batch and tests/processing/test_batch_cross_check.py)."""

from __future__ import annotations

from pathlib import Path


def write_gpkg(path: Path, rows: list[dict], schema, ogr, osr) -> None:
    """Rows (with ``x``/``y``) as the layer ``addresses`` with the schema's fields, as Load
    addresses writes it."""
    ogr.UseExceptions()
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    layer = dataset.CreateLayer("addresses", srs, ogr.wkbPoint)
    kinds = {schema.INT: ogr.OFTInteger64, schema.REAL: ogr.OFTReal, schema.DATE: ogr.OFTDate}
    for field in schema.ADDRESS_FIELDS:
        layer.CreateField(ogr.FieldDefn(field.name, kinds.get(field.kind, ogr.OFTString)))
    layer.StartTransaction()
    for row in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for field in schema.ADDRESS_FIELDS:
            value = row.get(field.name)
            if value is not None:
                feature.SetField(field.name, value)
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(float(row["x"]), float(row["y"]))
        feature.SetGeometry(point)
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    del dataset
