"""Write a large table to a file destination in column batches.

A Processing feature sink takes one ``QgsFeature`` at a time: for the 15 million rows of
an address × school distance table that is minutes of Python. When the destination is a
plain GeoPackage or CSV file path and pyogrio and pyarrow are installed, the
columns go to GDAL as Arrow record batches instead (``pyogrio.write_arrow``), a few
hundred thousand rows per call. Text columns with few distinct values (facility names,
gate labels) are dictionary arrays: each name is held once.

The file is written beside the destination under a temporary name and moved into place
when complete, so a cancel or a failure leaves the destination as it was. Any other
destination (a memory layer, PostGIS, a layer inside an existing GeoPackage) returns
None from :func:`fast_file` and the caller uses the sink.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

#: File suffix → GDAL driver written in batches.
DRIVERS = {".gpkg": "GPKG", ".csv": "CSV"}
#: Options that keep the file readable by older GDAL (QGIS 3.22 on Debian 12 has 3.6).
DATASET_OPTIONS = {"GPKG": {"VERSION": "1.2"}}
#: SQLite without journal or syncs while the file is built (it is moved into place only
#: when complete, so a crash leaves the destination as it was): about half the time.
FAST_SQLITE = {
    "OGR_SQLITE_SYNCHRONOUS": "OFF",
    "OGR_SQLITE_JOURNAL": "OFF",
    "OGR_SQLITE_CACHE": "512",
}


class CancelledError(Exception):
    """The caller cancelled between two batches."""


def gdal_shared_with_the_process() -> bool:
    """True when a GDAL library is in the process's global symbol scope, as in the QGIS
    application and ``qgis_process`` on Linux. pyogrio's own GDAL would then resolve to
    QGIS's (another version: it crashes), so pyogrio must not even be imported."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False  # Windows and macOS bind each library to its own GDAL
    try:
        return hasattr(ctypes.CDLL(None), "GDALVersionInfo")
    except (OSError, TypeError):
        return False


def why_not_batches() -> str | None:
    """Why the batch writer cannot run in this process, in words; None when it can."""
    import importlib.util

    missing = [n for n in ("pyogrio", "pyarrow") if importlib.util.find_spec(n) is None]
    if missing:
        return f"the Python package(s) {' and '.join(missing)} are not installed"
    if gdal_shared_with_the_process():
        return "this process shares QGIS's GDAL, which pyogrio cannot run beside its own"
    import pyogrio

    if pyogrio.__gdal_version__ < (3, 8, 0):  # GDAL's Arrow writing came in 3.8
        return f"pyogrio's GDAL {pyogrio.__gdal_version_string__} is older than 3.8"
    return None


def fast_file(
    destination: str, drivers: tuple[str, ...] | None = None, geometry: bool = False
) -> tuple[Path, str, str] | None:
    """(path, GDAL driver, method) when *destination* is a plain file path written in
    batches (and its driver one of *drivers*, when given). The method is ``arrow``
    (pyogrio) or, for a table without geometry where pyogrio cannot run, ``csv``: pyarrow
    writes a CSV file and the process's own GDAL turns it into the destination."""
    import importlib.util

    text = str(destination or "")
    if not text or "|" in text or "://" in text or text.startswith(("memory:", "ogr:")):
        return None
    path = Path(text)
    driver = DRIVERS.get(path.suffix.lower())
    if driver is None or (drivers is not None and driver not in drivers):
        return None
    if why_not_batches() is None:
        return path, driver, "arrow"
    if importlib.util.find_spec("pyarrow") is not None and not (geometry and driver == "CSV"):
        return path, driver, "csv"
    return None


#: GDAL CSV field types (a .csvt file) of Arrow types.
CSV_TYPES = {"int64": "Integer64", "int32": "Integer", "double": "Real", "string": "String"}


def write_through_csv(
    path: Path,
    driver: str,
    batches: Iterator,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    geometry: tuple[str, str, str] | None = None,
) -> int:
    """Write *batches* as a CSV file with pyarrow, then, for a GeoPackage destination,
    translate it with the process's own GDAL (QGIS's: safe where pyogrio is not). A
    *geometry* column of point WKB travels as two number columns (no GEOS involved:
    shapely, too, would meet QGIS's own GEOS there). Same contract as
    :func:`write_batches`."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    from osgeo import gdal

    from ..core.csv_safety import is_spreadsheet_destination

    safe = is_spreadsheet_destination(str(path))
    partial = path.with_name(f"{path.stem}.partial{path.suffix}")
    text = partial if driver == "CSV" else path.with_name(f"{path.stem}.partial.csv")
    types = text.with_suffix(".csvt")
    written = 0
    writer = None
    try:
        for batch in batches:
            if cancelled is not None and cancelled():
                raise CancelledError
            batch = _safe_batch(batch) if safe else batch
            columns = [
                c.dictionary_decode() if pa.types.is_dictionary(c.type) else c
                for c in batch.columns
            ]
            names = list(batch.schema.names)
            if geometry is not None:
                g = names.index(geometry[0])
                x, y = _point_xy(columns[g])
                columns[g : g + 1] = [x, y]
                names[g : g + 1] = [f"{geometry[0]}_x", f"{geometry[0]}_y"]
            plain = pa.record_batch(columns, names=names)
            if writer is None:
                writer = pa_csv.CSVWriter(str(text), plain.schema)
                kinds = [CSV_TYPES.get(str(f.type), "String") for f in plain.schema]
            writer.write_batch(plain)
            written += plain.num_rows
            if progress is not None:
                progress(written // (1 if driver == "CSV" else 2))
        if writer is None:
            raise ValueError("no batch to write")
        writer.close()
        writer = None
        if driver != "CSV":
            types.write_text(",".join(f'"{k}"' for k in kinds), encoding="ascii")

            def step(fraction: float, _message: object, _data: object) -> int:
                if progress is not None:
                    progress(int(written * (0.5 + fraction / 2)))
                return 0 if cancelled is not None and cancelled() else 1

            opening = ["EMPTY_STRING_AS_NULL=YES"]
            where = {}
            if geometry is not None:
                opening += [
                    f"X_POSSIBLE_NAMES={geometry[0]}_x",
                    f"Y_POSSIBLE_NAMES={geometry[0]}_y",
                    "KEEP_GEOM_COLUMNS=NO",
                ]
                where = {
                    "geometryType": geometry[1].upper(),
                    "dstSRS": geometry[2],
                    "reproject": False,  # -a_srs: the points are in it already
                }
            source = gdal.OpenEx(str(text), gdal.OF_VECTOR, open_options=opening)
            saved = {key: gdal.GetConfigOption(key) for key in FAST_SQLITE}
            for key, value in FAST_SQLITE.items():
                gdal.SetConfigOption(key, value)
            try:
                options = [f"{k}={v}" for k, v in DATASET_OPTIONS.get(driver, {}).items()]
                done = gdal.VectorTranslate(
                    str(partial),
                    source,
                    format=driver,
                    layerName=path.stem,
                    datasetCreationOptions=options,
                    callback=step,
                    **where,
                )
            finally:
                for key, value in saved.items():
                    gdal.SetConfigOption(key, value)
            source = None
            if done is None:
                raise (
                    CancelledError
                    if cancelled is not None and cancelled()
                    else OSError(gdal.GetLastErrorMsg() or "GDAL could not write the file")
                )
            done = None  # closes the dataset
        if cancelled is not None and cancelled():
            raise CancelledError
        os.replace(partial, path)
    except BaseException as exc:
        if writer is not None:
            writer.close()
        _remove(partial)
        if cancelled is not None and cancelled():
            raise CancelledError from exc
        raise
    finally:
        if driver != "CSV":
            _remove(text)
            _remove(types)
    return written


def write_batches(
    path: Path,
    driver: str,
    batches: Iterator,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    geometry: tuple[str, str, str] | None = None,
) -> int:
    """Write pyarrow record *batches* (all of one schema) as the only layer of *path*
    (named after the file, as QGIS names a sink's layer); returns the rows written.
    *progress* gets the rows written so far; *cancelled* is asked between batches.
    *geometry* is (WKB column, geometry type such as ``Point``, CRS as WKT) or None."""
    import pyarrow as pa
    import pyogrio

    from ..core.csv_safety import is_spreadsheet_destination

    safe = is_spreadsheet_destination(str(path))
    batches = iter(batches)
    first = next(batches, None)
    if first is None:
        raise ValueError("no batch to write")
    first = _safe_batch(first) if safe else first
    written = [0]

    def stream():
        for batch in _chain(first, batches):
            if cancelled is not None and cancelled():
                raise CancelledError
            yield _safe_batch(batch) if safe and batch is not first else batch
            written[0] += batch.num_rows
            if progress is not None:
                progress(written[0])

    partial = path.with_name(f"{path.stem}.partial{path.suffix}")
    _remove(partial)
    reader = pa.RecordBatchReader.from_batches(first.schema, stream())
    where = {}
    if geometry is not None:
        where = {"geometry_name": geometry[0], "geometry_type": geometry[1], "crs": geometry[2]}
    saved = {key: pyogrio.get_gdal_config_option(key) for key in FAST_SQLITE}
    pyogrio.set_gdal_config_options(FAST_SQLITE)
    try:
        pyogrio.write_arrow(
            reader,
            str(partial),
            layer=path.stem,
            driver=driver,
            dataset_options=DATASET_OPTIONS.get(driver),
            **where,
        )
        if cancelled is not None and cancelled():
            raise CancelledError
        os.replace(partial, path)
    except BaseException as exc:
        _remove(partial)
        if cancelled is not None and cancelled():
            raise CancelledError from exc
        raise
    finally:
        pyogrio.set_gdal_config_options(saved)
    return written[0]


#: A little-endian 2D point in WKB.
POINT_WKB = np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])


def point_wkb(xy: np.ndarray) -> np.ndarray:
    """Point WKB (bytes; None where a coordinate is missing) without GEOS."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    ok = np.isfinite(xy).all(axis=1)
    records = np.zeros(len(xy), dtype=POINT_WKB)
    records["order"], records["kind"] = 1, 1
    records["x"], records["y"] = np.where(ok, xy[:, 0], 0.0), np.where(ok, xy[:, 1], 0.0)
    raw = records.tobytes()
    size = POINT_WKB.itemsize
    out = np.empty(len(xy), dtype=object)
    out[:] = [raw[i * size : (i + 1) * size] if keep else None for i, keep in enumerate(ok)]
    return out


def _point_xy(column):
    """Two pyarrow number columns (null where no point) from a column of point WKB."""
    import pyarrow as pa

    values = column.to_pylist()
    present = np.array([v is not None for v in values], dtype=bool)
    x = np.zeros(len(values))
    y = np.zeros(len(values))
    if present.any():
        points = np.frombuffer(b"".join(v for v in values if v is not None), dtype=POINT_WKB)
        x[present], y[present] = points["x"], points["y"]
    return pa.array(x, mask=~present), pa.array(y, mask=~present)


def _chain(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest


def _safe_batch(batch):
    """Text cells safe against spreadsheet formula injection (``core.csv_safety``)."""
    import pyarrow as pa

    from ..core.csv_safety import safe_cell

    columns = []
    for column in batch.columns:
        if pa.types.is_dictionary(column.type) and pa.types.is_string(column.type.value_type):
            values = pa.array([safe_cell(v) for v in column.dictionary.to_pylist()])
            column = pa.DictionaryArray.from_arrays(column.indices, values)
        elif pa.types.is_string(column.type):
            column = pa.array([safe_cell(v) for v in column.to_pylist()], type=pa.string())
        columns.append(column)
    return pa.record_batch(columns, names=batch.schema.names)


def _remove(path: Path) -> None:
    for target in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            target.unlink()
