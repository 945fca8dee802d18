"""Read a whole file layer's attributes in one go, and fill a new GeoPackage layer in one go.

Feature by feature, QGIS spends about as long reading 37,000 records and writing them back
with their matches as the matcher spends matching them. Two shortcuts, each taken only
where it gives exactly what the feature-by-feature way gives, else None/False and the
caller goes the usual way:

- ``read_attributes``: every attribute of a layer that is one whole OGR file (no
  selection, filter, limit or unsaved edits; no geometry or points; plain text, integer
  and real fields) read by OGR as Arrow columns (QGIS's own GDAL: ``osgeo.ogr``, never
  pyogrio, which would load a second GDAL into the process).
- ``fill_geopackage``: the rows of a GeoPackage layer that a Processing sink has just
  created, empty (so QGIS made the file, its fields, CRS and layer name, and will load
  it), inserted in one SQLite transaction with the spatial index filled from the points.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from itertools import chain

from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProviderRegistry, QgsWkbTypes

from .gpkg_points import (
    drop_triggers,
    insert_boxes_sql,
    insert_rows,
    point_packer,
    quoted,
    record_extent_and_count,
    restore_triggers,
    triggers_of,
)
from .gpkg_rtree import bulk_load


def whole_ogr_file(value: object, layer) -> dict | None:
    """The decoded URI of *layer* when it is one whole OGR file read as it is on disk."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition) and (
        value.selectedFeaturesOnly
        or value.featureLimit != -1
        or getattr(value, "filterExpression", "")
    ):
        return None
    if layer is None or layer.providerType() != "ogr" or layer.subsetString():
        return None
    if layer.isEditable() or layer.isModified():
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path") or ""
    return parts if os.path.isfile(path) else None


def read_attributes(value: object, layer, names: Sequence[str]) -> list[list] | None:
    """The attribute values of every feature of *layer* (the INPUT parameter *value*
    resolved to it), one list per field of *names* (the layer's fields, in order), in the
    order QGIS reads the features; None when the layer is not a whole file layer without
    geometry or of points, with only text, integer and real fields."""
    parts = whole_ogr_file(value, layer)
    if parts is None:
        return None
    if QgsWkbTypes.geometryType(layer.wkbType()) not in (
        QgsWkbTypes.GeometryType.NullGeometry,
        QgsWkbTypes.GeometryType.UnknownGeometry,
        QgsWkbTypes.GeometryType.PointGeometry,
    ):
        return None  # QGIS's invalid geometry check could drop a row the file has
    try:
        from osgeo import ogr

        if not hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):  # GDAL < 3.6
            return None
        encoding = layer.dataProvider().encoding() if layer.dataProvider() else ""
        utf8 = encoding.replace("-", "").lower() == "utf8"
        columns = _ogr_columns(ogr, parts, list(names), utf8)
    except (ImportError, RuntimeError, ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None
    if columns is None or any(len(c) != layer.featureCount() for c in columns):
        return None
    return columns


def _ogr_columns(ogr, parts: dict, names: list[str], utf8: bool) -> list[list] | None:
    """The columns *names* as OGR reads them; None when QGIS might decode text otherwise:
    a driver that does not promise UTF-8 (CSV, shapefile) is read by QGIS with the layer's
    encoding, so unless that is UTF-8 only ASCII text (the same in every encoding) is
    taken."""
    import numpy as np

    manager = ogr.ExceptionMgr(useExceptions=True) if hasattr(ogr, "ExceptionMgr") else None
    if manager is not None:
        manager.__enter__()
    try:
        ds = ogr.Open(parts["path"])
        if ds is None:
            return None
        if parts.get("layerName"):
            layer = ds.GetLayerByName(parts["layerName"])
        else:
            layer = ds.GetLayer(int(parts.get("layerId") or 0))
        if layer is None:
            return None
        defn = layer.GetLayerDefn()
        plain = {ogr.OFTInteger: "int", ogr.OFTInteger64: "int", ogr.OFTReal: "float",
                 ogr.OFTString: "str"}  # fmt: skip
        kinds: dict[str, str] = {}
        for i in range(defn.GetFieldCount()):
            field = defn.GetFieldDefn(i)
            if field.GetType() in plain and field.GetSubType() == ogr.OFSTNone:
                kinds[field.GetName()] = plain[field.GetType()]
        as_utf8 = utf8 or layer.TestCapability(ogr.OLCStringsAsUTF8)
        fid = layer.GetFIDColumn()
        if fid:
            kinds[fid] = "int"
        if any(name not in kinds for name in names):
            return None
        columns: list[list] = [[] for _ in names]
        options = ["INCLUDE_FID=YES" if fid else "INCLUDE_FID=NO"]
        readable = True
        stream = layer.GetArrowStreamAsNumPy(options=options)
        for batch in stream:
            for column, name in zip(columns, names):
                values = batch[name]
                mask = np.ma.getmaskarray(values)
                data = np.ma.getdata(values).tolist()
                if kinds[name] == "str":
                    data = [v.decode("utf-8") if isinstance(v, bytes) else v for v in data]
                    readable = as_utf8 or all(v.isascii() for v in data if v is not None)
                if mask.any():
                    data = [None if m else v for v, m in zip(data, mask.tolist())]
                column.extend(data)
                if not readable:
                    break
            if not readable:
                break
        del stream, layer, ds  # the stream before the dataset it reads
        return columns if readable else None
    finally:
        if manager is not None:
            manager.__exit__(None, None, None)


def _geopackage_layer(destination: str) -> tuple[str, str | None] | None:
    """(path, layer name or None) when *destination* names a GeoPackage file's layer."""
    parts = QgsProviderRegistry.instance().decodeUri("ogr", destination)
    path = parts.get("path") or ""
    return (path, parts.get("layerName") or None) if path.lower().endswith(".gpkg") else None


def names_geopackage(destination: str) -> bool:
    """Whether the output *destination* (made or not yet) is a GeoPackage file."""
    return _geopackage_layer(destination) is not None


def geopackage_destination(destination: str) -> tuple[str, str | None] | None:
    """(path, layer name or None) when *destination* is a layer of a GeoPackage file."""
    found = _geopackage_layer(destination)
    return found if found is not None and os.path.isfile(found[0]) else None


def may_fill_file(destination: str, names: Sequence[str]) -> bool:
    """Whether ``fill_geopackage`` can write plain values to *destination*, as far as can
    be told before the sink is closed: a GeoPackage file, no field of the input named like
    the fid column (QGIS would write it as the fid)."""
    return geopackage_destination(destination) is not None and "fid" not in (
        n.lower() for n in names
    )


def may_fill(destination: str, names: Sequence[str], rows: Sequence[Sequence]) -> bool:
    """``may_fill_file``, and the values of *rows* plain."""
    return may_fill_file(destination, names) and plain_values(rows)


def plain_values(rows: Sequence[Sequence]) -> bool:
    """Whether every value of *rows* is text, a number or None (what a fill writes as is)."""
    return not set(map(type, chain.from_iterable(rows))) - {str, int, float, type(None)}


def fill_geopackage(
    destination: str,
    names: Sequence[str],
    rows: Sequence[Sequence],
    points: Sequence,
    checked: bool = False,
) -> bool:
    """Insert *rows* (values of the fields *names*, in order) with *points* ((x, y) or
    None each) into the empty GeoPackage layer *destination* a closed sink has just
    created. False, with nothing written, when the destination is not such a layer
    (another format, other columns or triggers, a value that is not plain text or a
    number); the caller then writes through QGIS. *checked*: ``may_fill`` has just
    said yes to these *destination*, *names* and *rows* (not checked again)."""
    if not checked and not may_fill(destination, names, rows):
        return False
    fill = GeoPackageFill.open(destination, names)
    if fill is None:
        return False
    try:
        fill.add(range(len(rows)), rows, points)
        fill.finish(len(rows))
    except sqlite3.Error:
        fill.abort()
        return False
    return True


class GeoPackageFill:
    """Rows written into the empty GeoPackage point layer a closed sink has just created,
    in one transaction and in any order: the row at position *i* gets the fid QGIS would
    give it (the first fid + *i*). ``open`` (None when the destination is not such a
    layer), ``add`` the rows as they come, then ``finish`` (spatial index, extent, count,
    commit) or ``abort`` (nothing written). Values must be plain (``may_fill``)."""

    def __init__(self, connection, table, columns, srs_id, rtree, triggers, start) -> None:
        self._db: sqlite3.Connection | None = connection
        self._table, self._columns, self._rtree, self._triggers = table, columns, rtree, triggers
        self._start = start
        self._pack, self._empty = point_packer(srs_id)
        self._ids: list[int] = []
        self._xs: list[float] = []
        self._ys: list[float] = []

    @classmethod
    def open(cls, destination: str, names: Sequence[str]) -> GeoPackageFill | None:
        """The fill of *destination*, its transaction begun; None when it can't be filled."""
        found = geopackage_destination(destination)
        if found is None or "fid" in (n.lower() for n in names):
            return None
        path, layer_name = found
        # The rollback journal and SQLite's default synchronous=FULL are kept, though the
        # file is new and no one else has it open: without the journal (journal_mode=OFF) a
        # crash in the transaction leaves a file whose pages are half old, half new; without
        # the syncs (synchronous=OFF) a power cut after COMMIT may leave the layer's count
        # and extent written but some of its rows not, a layer that looks complete and is
        # not. Neither saves more than about 10 ms of 145 here (measured on the speed bench).
        try:
            connection = sqlite3.connect(path, isolation_level=None)
        except sqlite3.Error:
            return None
        try:
            fill = cls._begin(connection, layer_name, list(names))
        except sqlite3.Error:
            fill = None
        if fill is None:
            connection.close()
        return fill

    @classmethod
    def _begin(cls, connection, layer_name, names) -> GeoPackageFill | None:
        tables = connection.execute(
            "SELECT c.table_name, g.column_name, g.srs_id, g.geometry_type_name, g.z, g.m "
            "FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
            "WHERE c.data_type = 'features'"
        ).fetchall()
        if layer_name is not None:
            tables = [t for t in tables if t[0].lower() == layer_name.lower()]
        if len(tables) != 1 or tables[0][3].upper() != "POINT" or tables[0][4] or tables[0][5]:
            return None
        table, geom, srs_id = tables[0][:3]
        columns = connection.execute(f"PRAGMA table_info({quoted(table)})").fetchall()
        keys = [c[1] for c in columns if c[5]]
        if len(keys) != 1 or [c[1] for c in columns if not c[5] and c[1] != geom] != names:
            return None
        if connection.execute(f"SELECT COUNT(*) FROM {quoted(table)}").fetchone()[0]:  # nosec B608 - identifiers quoted
            return None  # not a layer just created: never add to someone's data
        rtree = f"rtree_{table}_{geom}"
        triggers = triggers_of(connection, table)
        known = (f"{rtree}_", f"trigger_insert_feature_count_{table}",
                 f"trigger_delete_feature_count_{table}")  # fmt: skip
        if any(not name.startswith(known) for name, _sql in triggers):
            return None
        has_rtree = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (rtree,)
        ).fetchone()
        has_sequence = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"
        ).fetchone()
        connection.execute("BEGIN IMMEDIATE")
        try:
            drop_triggers(connection, triggers)
            last = None
            if has_sequence:
                last = connection.execute(
                    "SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)
                ).fetchone()
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        start = (last[0] if last else 0) + 1  # the fids QGIS would give: 1, 2, 3…
        return cls(connection, table, [keys[0], geom, *names], srs_id,
                   rtree if has_rtree else None, triggers, start)  # fmt: skip

    def add(self, positions: Iterable[int], rows: Sequence[Sequence], points: Sequence) -> None:
        """Insert *rows* with their *points* ((x, y) or None each) at *positions*."""
        try:
            # one pass over the points: each row's blob (POINT EMPTY, as QGIS writes it,
            # for a row without a point), and the fids and coordinates of those with one
            pack, empty = self._pack, self._empty
            ids, xs, ys = self._ids, self._xs, self._ys
            out = []
            for i, row, p in zip(positions, rows, points):
                fid = self._start + i
                if p is None:
                    out.append((fid, empty, *row))
                else:
                    x, y = float(p[0]), float(p[1])
                    out.append((fid, pack(x, y), *row))
                    ids.append(fid)
                    xs.append(x)
                    ys.append(y)
            insert_rows(self._db, self._table, self._columns, out)
        except BaseException:
            self.abort()
            raise

    def finish(self, total: int) -> None:
        """The spatial index, the layer's extent and its *total* count, then commit."""
        db, ids, xs, ys = self._db, self._ids, self._xs, self._ys
        try:
            if self._rtree and not bulk_load(db, self._rtree, ids, xs, ys):
                db.executemany(insert_boxes_sql(self._rtree), zip(ids, xs, xs, ys, ys))
            extent = (min(xs), min(ys), max(xs), max(ys)) if xs else (None,) * 4
            record_extent_and_count(db, self._table, extent, total)
            restore_triggers(db, self._triggers)
            db.execute("COMMIT")
        except BaseException:
            self.abort()
            raise
        db.close()
        self._db = None

    def abort(self) -> None:
        """Nothing written: the transaction rolled back (idempotent)."""
        if self._db is None:
            return
        try:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
        finally:
            self._db.close()
            self._db = None
