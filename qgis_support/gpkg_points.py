"""Writing a canonical point layer to a GeoPackage file in bulk (a plain ``.gpkg`` OUTPUT).

A Processing feature sink takes one ``QgsFeature`` at a time: building the feature, its
attributes and its geometry costs more than reading the record did. Here GDAL (QGIS's own,
through ``osgeo.ogr``: never pyogrio inside QGIS) creates the file and the layer (fields,
CRS, the GeoPackage metadata tables, the R-tree spatial index); the rows then go in with
SQLite's ``executemany`` in one transaction, each point as a GeoPackage geometry blob
packed with ``struct``, its R-tree entry beside it; the layer's extent and feature count
are written into ``gpkg_contents``/``gpkg_ogr_contents``.

The file is written under a temporary name beside the destination and moved into place
only when complete, so a cancel or a failure leaves nothing half-written (and an existing
file of that name as it was).
"""

from __future__ import annotations

import contextlib
import datetime
import math
import os
import sqlite3
import struct
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from operator import itemgetter
from pathlib import Path

from ..core import schema

#: GeoPackage geometry header (magic, version 0, flags: little-endian, no envelope, SRS id)
#: followed by a little-endian 2D point WKB.
_POINT = struct.Struct("<2sBBiBIdd")
#: Rows inserted per executemany.
BATCH = 20_000
NAN = float("nan")


def point_blob(srid: int, x: float, y: float) -> bytes:
    """A GeoPackage geometry blob of the point (x, y)."""
    return _POINT.pack(b"GP", 0, 1, srid, 1, 1, x, y)


def empty_point_blob(srid: int) -> bytes:
    """POINT EMPTY as QGIS writes it (the empty flag, NaN coordinates)."""
    return _POINT.pack(b"GP", 0, 0x11, srid, 1, 1, NAN, NAN)


def point_packer(srid: int) -> tuple[Callable[[float, float], bytes], bytes]:
    """A function making the blob of a point (x, y) of the SRS *srid* (``point_blob``
    with the header packed once), and the blob of POINT EMPTY."""
    header = _POINT.pack(b"GP", 0, 1, srid, 1, 1, 0.0, 0.0)[:-16]
    pack = struct.Struct("<dd").pack
    return (lambda x, y: header + pack(x, y)), empty_point_blob(srid)


def quoted(name: str) -> str:
    """*name* as an SQLite identifier."""
    return '"' + name.replace('"', '""') + '"'


def triggers_of(db: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(name, SQL) of every trigger GDAL put on *table*: they keep its R-tree and feature
    count current through GDAL's own SQL functions, which plain SQLite lacks, so a bulk
    insert drops them (``drop_triggers``) and puts them back as they were afterwards
    (``restore_triggers``)."""
    return db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
    ).fetchall()


def drop_triggers(db: sqlite3.Connection, triggers: Sequence[tuple[str, str]]) -> None:
    for name, _sql in triggers:
        db.execute(f"DROP TRIGGER {quoted(name)}")


def restore_triggers(db: sqlite3.Connection, triggers: Sequence[tuple[str, str]]) -> None:
    for _name, sql in triggers:
        db.execute(sql)


def rtree_of(db: sqlite3.Connection, table: str, geom: str) -> str | None:
    """The name of the R-tree GDAL made for *table*'s *geom*, None when it made none."""
    found = db.execute(
        "SELECT 1 FROM gpkg_extensions WHERE lower(table_name) = lower(?) "
        "AND lower(column_name) = lower(?) AND extension_name = 'gpkg_rtree_index'",
        (table, geom),
    ).fetchone()
    return f"rtree_{table}_{geom}" if found else None


def insert_rows_sql(table: str, columns: Sequence[str], count: int = 1) -> str:
    """INSERT of *count* rows of *columns* into *table* (parameters row by row, in column
    order)."""
    names = ", ".join(quoted(n) for n in columns)
    marks = ", ".join([f"({', '.join('?' * len(columns))})"] * count)
    return f"INSERT INTO {quoted(table)} ({names}) VALUES {marks}"  # nosec B608 - quoted identifiers


#: SQLite before 3.32 takes at most 999 parameters in one statement.
MAX_PARAMETERS = 999
ROWS_PER_INSERT = 50


def insert_rows(db: sqlite3.Connection, table: str, columns: Sequence[str], rows: list) -> None:
    """Insert *rows* (tuples of *columns*' values) into *table* in their order, several
    rows to a statement (each statement run costs SQLite as much as a few rows)."""
    per = max(1, min(ROWS_PER_INSERT, MAX_PARAMETERS // max(1, len(columns))))
    whole = len(rows) - len(rows) % per
    if whole:
        flat = chain.from_iterable
        db.executemany(
            insert_rows_sql(table, columns, per),
            (tuple(flat(rows[i : i + per])) for i in range(0, whole, per)),
        )
    if whole < len(rows):
        db.executemany(insert_rows_sql(table, columns), rows[whole:])


def insert_boxes_sql(rtree: str) -> str:
    """INSERT of one (fid, min x, max x, min y, max y) entry into the R-tree *rtree*."""
    return f"INSERT INTO {quoted(rtree)} VALUES (?, ?, ?, ?, ?)"  # nosec B608 - quoted identifier


def record_extent_and_count(
    db: sqlite3.Connection, table: str, extent: Sequence[float | None], count: int
) -> None:
    """The layer's extent (min x, min y, max x, max y; Nones when it has no point) and
    feature count where GDAL and QGIS read them (``gpkg_contents``, ``gpkg_ogr_contents``)."""
    db.execute(
        "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
        "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE lower(table_name) = lower(?)",
        (*extent, table),
    )
    with contextlib.suppress(sqlite3.OperationalError):  # GDAL < 2.2 has no such table
        db.execute(
            "UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)",
            (count, table),
        )


def plain_gpkg_path(destination: object) -> Path | None:
    """The file a plain ``.gpkg`` destination names, or None for anything else (a layer
    inside a GeoPackage, memory and database layers, other formats)."""
    text = str(destination or "")
    if not text.lower().endswith(".gpkg") or "|" in text or "://" in text:
        return None
    if text.startswith(("memory:", "ogr:", "postgis:", "postgres")):
        return None
    return Path(text)


def _ogr_field_type(kind: str):
    from osgeo import ogr

    return {
        schema.INT: ogr.OFTInteger64,
        schema.REAL: ogr.OFTReal,
        schema.DATE: ogr.OFTDate,
    }.get(kind, ogr.OFTString)


def _create(path: Path, layer_name: str, fields: Sequence[schema.Field], srid: int) -> None:
    """An empty point layer *layer_name* (fid, geom, *fields*) in a new GeoPackage *path*."""
    from osgeo import ogr, osr

    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.CreateDataSource(str(path), options=["VERSION=1.2"])
    if dataset is None:
        raise OSError(f"GDAL could not create {path}")
    crs = osr.SpatialReference()
    crs.ImportFromEPSG(srid)
    layer = dataset.CreateLayer(
        layer_name,
        crs,
        ogr.wkbPoint,
        options=["GEOMETRY_NAME=geom", "FID=fid"],
    )
    if layer is None:
        raise OSError(f"GDAL could not create the layer {layer_name} in {path}")
    for field in fields:
        definition = ogr.FieldDefn(field.name, _ogr_field_type(field.kind))
        if field.kind == schema.TEXT and field.length:
            definition.SetWidth(field.length)
        layer.CreateField(definition)
    layer = None
    dataset = None  # closes the file


def _date_maker() -> Callable[[object], str | None]:
    """ISO text of a date value (as QGIS writes a valid ``QDate``), None when not a date."""
    known: dict[object, str | None] = {}

    def convert(value: object) -> str | None:
        if value is None or value == "":
            return None
        found = known.get(value, "")
        if found != "":
            return found
        if isinstance(value, (datetime.date, datetime.datetime)):
            text: str | None = value.isoformat()[:10]
        else:
            try:
                text = datetime.date.fromisoformat(str(value)[:10]).isoformat()
            except ValueError:
                text = None
        known[value] = text
        return text

    return convert


def row_maker(
    fields: Sequence[schema.Field], srid: int = 27700
) -> tuple[Callable[[dict], tuple], list[int], list[float]]:
    """A function making one INSERT row (geometry blob, then the *fields*) from a record
    with ``x``/``y``, shortening text values to their field's length; the count of values
    it shortened; and the extent of the points so far (min x, min y, max x, max y)."""
    names = [f.name for f in fields]
    getter = itemgetter(*names) if len(names) > 1 else (lambda r: (r[names[0]],))
    limited = [(i, f.length) for i, f in enumerate(fields) if f.kind == schema.TEXT and f.length]
    limits = [n for _, n in limited]
    text_at = [i for i, _ in limited]
    text_getter = itemgetter(*text_at) if len(text_at) > 1 else None
    dates = [i for i, f in enumerate(fields) if f.kind == schema.DATE]
    date = _date_maker()
    pack = _POINT.pack
    cut = [0]
    box = [math.inf, math.inf, -math.inf, -math.inf]  # the points' extent

    def row(record: dict) -> tuple:
        try:
            values = getter(record)
        except KeyError:
            values = tuple(record.get(n) for n in names)
        if text_getter is not None and True in [
            v.__class__ is str and len(v) > n for v, n in zip(text_getter(values), limits)
        ]:
            values = list(values)
            for i, limit in limited:
                value = values[i]
                if isinstance(value, str) and len(value) > limit:
                    values[i] = value[:limit]
                    cut[0] += 1
        if dates:
            values = list(values)
            for i in dates:
                if values[i] is not None:
                    values[i] = date(values[i])
        x, y = record.get("x"), record.get("y")
        if x is None or y is None:
            return (None, *values)
        if x < box[0]:
            box[0] = x
        if x > box[2]:
            box[2] = x
        if y < box[1]:
            box[1] = y
        if y > box[3]:
            box[3] = y
        return (pack(b"GP", 0, 1, srid, 1, 1, x, y), *values)  # = point_blob(srid, x, y)

    return row, cut, box


def write_points(
    path: Path,
    fields: Sequence[schema.Field],
    records: Iterable[dict],
    srid: int = 27700,
    cut: list[int] | None = None,
) -> int:
    """Write *records* (dicts with the *fields* and ``x``/``y``) as the only layer of the
    GeoPackage *path* (named after the file, as QGIS names a sink's layer); return the
    number of rows. Any exception (a cancel raised by *records* included) leaves no file
    behind; an existing *path* is replaced only once the new file is complete.

    GDAL makes the layer with its R-tree and the triggers that keep the R-tree and the
    feature count current; those triggers call GDAL's SQL functions, which plain SQLite
    does not have, so they are set aside while the rows go in (``BATCH`` at a time) and
    the R-tree is bulk loaded (``gpkg_rtree``), and put back as GDAL wrote them."""
    from .gpkg_rtree import bulk_load  # it imports this module

    partial = path.with_name(f"{path.stem}.partial{path.suffix}")
    _remove(partial)
    table = path.stem
    make_row, shortened, box = row_maker(fields, srid)
    count = 0
    try:
        _create(partial, table, fields, srid)
        db = sqlite3.connect(str(partial), isolation_level=None)
        try:
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-8192"):
                db.execute(f"PRAGMA {pragma}")
            db.execute("BEGIN")
            triggers = triggers_of(db, table)
            drop_triggers(db, triggers)
            rtree = rtree_of(db, table, "geom")
            columns = ["fid", "geom", *(f.name for f in fields)]
            rows: list[tuple] = []
            # the R-tree's entries, kept compact until the end, where they are bulk loaded
            ids, xs, ys = array("q"), array("d"), array("d")
            for record in records:
                count += 1
                row = make_row(record)
                rows.append((count, *row))
                if row[0] is not None:
                    ids.append(count)
                    xs.append(record["x"])
                    ys.append(record["y"])
                if len(rows) >= BATCH:
                    insert_rows(db, table, columns, rows)
                    rows = []
            insert_rows(db, table, columns, rows)
            if rtree and not bulk_load(db, rtree, ids, xs, ys):
                db.executemany(insert_boxes_sql(rtree), zip(ids, xs, xs, ys, ys))
            restore_triggers(db, triggers)
            extent = box if box[0] <= box[2] else [None] * 4  # no point: no extent
            record_extent_and_count(db, table, extent, count)
            db.execute("COMMIT")
        finally:
            db.close()
        os.replace(partial, path)
    except BaseException:
        _remove(partial)
        raise
    finally:
        if cut is not None:
            cut[0] += shortened[0]
    return count


def _remove(path: Path) -> None:
    for target in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            target.unlink()
