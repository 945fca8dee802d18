"""An addresses layer (GeoPackage layer or PostGIS table) opened through GDAL/OGR for
``updates.apply_updates``, with the transaction and the update log table.

OGR gives the one transaction the job needs on both: ``StartTransaction`` before the
first change, ``CommitTransaction`` after the last file and the log rows,
``RollbackTransaction`` on any error or cancel.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from osgeo import ogr

from . import schema

LOG_TABLE = "placelink_update_log"
LOG_FIELDS = (
    ("applied_at", ogr.OFTString),
    ("file", ogr.OFTString),
    ("inserted", ogr.OFTInteger64),
    ("updated", ogr.OFTInteger64),
    ("deleted", ogr.OFTInteger64),
    ("rejected", ogr.OFTInteger64),
    ("target", ogr.OFTString),
    ("plugin_version", ogr.OFTString),
)
_DATES = {f.name for f in schema.ADDRESS_FIELDS if f.kind == schema.DATE}


def log_table_beside(driver: str, layer_name: str) -> str:
    """The update log table's name beside TARGET *layer_name*: ``council.placelink_update_log``
    for the PostGIS table ``council.llpg``; the plain name in a GeoPackage."""
    if driver == "PostgreSQL" and "." in layer_name:
        return f"{layer_name.split('.', 1)[0]}.{LOG_TABLE}"
    return LOG_TABLE


class OgrTarget:
    """``updates.Target`` over one OGR layer of *dataset_name* (a GeoPackage path or a
    ``PG:`` connection string)."""

    def __init__(self, dataset_name: str, layer_name: str) -> None:
        ogr.UseExceptions()
        self.ds = ogr.Open(dataset_name, update=1)
        if self.ds is None:
            raise ValueError(f"could not open {layer_name} for update")
        self.layer_name = layer_name
        self.layer = self.ds.GetLayerByName(layer_name)
        if self.layer is None:
            raise ValueError(f"TARGET has no layer {layer_name!r}")
        definition = self.layer.GetLayerDefn()
        self.fields = {
            definition.GetFieldDefn(i).GetName().lower(): i
            for i in range(definition.GetFieldCount())
        }
        if "uprn" not in self.fields:
            raise ValueError(f"TARGET {layer_name!r} has no uprn field: not an addresses layer")
        self.uprn_name = definition.GetFieldDefn(self.fields["uprn"]).GetName()
        #: The update log beside TARGET: in TARGET's own schema for a PostGIS table.
        self.log_table = log_table_beside(self.ds.GetDriver().GetName(), layer_name)
        self._log = self._log_layer()
        self.in_transaction = False

    # --- transaction ---------------------------------------------------------------------
    def begin(self) -> None:
        self.ds.StartTransaction()
        self.in_transaction = True

    def commit(self) -> None:
        self.ds.CommitTransaction()
        self.in_transaction = False

    def rollback(self) -> None:
        if self.in_transaction:
            self.ds.RollbackTransaction()
            self.in_transaction = False

    def close(self) -> None:
        self.rollback()
        self.layer = self._log = None
        self.ds = None

    # --- reading -------------------------------------------------------------------------
    def _feature(self, uprn: int) -> ogr.Feature | None:
        self.layer.SetAttributeFilter(f"{self.uprn_name} = {int(uprn)}")
        self.layer.ResetReading()
        feature = self.layer.GetNextFeature()
        self.layer.SetAttributeFilter(None)
        return feature

    def _as_dict(self, feature: ogr.Feature) -> dict:
        row = {}
        for name, index in self.fields.items():
            if not feature.IsFieldSetAndNotNull(index):
                row[name] = None
            elif name in _DATES:
                row[name] = feature.GetFieldAsString(index)[:10].replace("/", "-")
            else:
                row[name] = feature.GetField(index)
        geometry = feature.GetGeometryRef()
        row["x"] = geometry.GetX() if geometry is not None else None
        row["y"] = geometry.GetY() if geometry is not None else None
        return row

    def find(self, uprn: int) -> dict | None:
        feature = self._feature(uprn)
        return None if feature is None else self._as_dict(feature)

    def street(self, usrn: int) -> dict | None:
        if "usrn" not in self.fields:
            return None
        self.layer.SetAttributeFilter(f"usrn = {int(usrn)} AND street_description IS NOT NULL")
        self.layer.ResetReading()
        feature = self.layer.GetNextFeature()
        self.layer.SetAttributeFilter(None)
        return None if feature is None else self._as_dict(feature)

    # --- writing -------------------------------------------------------------------------
    def _fill(self, feature: ogr.Feature, record: dict) -> None:
        for name, index in self.fields.items():
            if name not in record:
                continue
            value = record[name]
            if value is None:
                feature.SetFieldNull(index)
            else:
                feature.SetField(index, value)
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(float(record["x"]), float(record["y"]))
        feature.SetGeometry(point)

    def insert(self, record: dict) -> None:
        feature = ogr.Feature(self.layer.GetLayerDefn())
        self._fill(feature, record)
        self.layer.CreateFeature(feature)

    def update(self, record: dict) -> None:
        feature = self._feature(record["uprn"])
        if feature is None:
            raise ValueError(f"UPRN {record['uprn']} vanished from TARGET during the update")
        self._fill(feature, record)
        self.layer.SetFeature(feature)

    def delete(self, uprn: int) -> None:
        feature = self._feature(uprn)
        if feature is not None:
            self.layer.DeleteFeature(feature.GetFID())

    # --- the update log ------------------------------------------------------------------
    def _log_layer(self) -> ogr.Layer:
        layer = self.ds.GetLayerByName(self.log_table)
        if layer is None:
            layer = self.ds.CreateLayer(self.log_table, geom_type=ogr.wkbNone)
            for name, kind in LOG_FIELDS:
                layer.CreateField(ogr.FieldDefn(name, kind))
        return layer

    def log(self, rows: Sequence[dict]) -> None:
        """Append one row per file to the update log (inside the transaction)."""
        definition = self._log.GetLayerDefn()
        when = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        for row in rows:
            feature = ogr.Feature(definition)
            feature.SetField("applied_at", when)
            feature.SetField("target", self.layer_name)
            for name, value in row.items():
                feature.SetField(name, value)
            self._log.CreateFeature(feature)
