"""Read a canonical addresses layer for matching, and keep one matcher per gazetteer content.

The index is built once per gazetteer: kept in memory for this QGIS session (the Find
address dock and later runs reuse it) and cached on disk in the profile, keyed by a
fingerprint of the layer's content, so a new session starts from the cache.

A gazetteer read straight from a file (a GeoPackage, GeoJSON or FlatGeobuf, with no
filter, selection or unsaved edits) is also keyed by a hash of the file's bytes: a run on
a file whose index is cached neither reads nor fingerprints its features.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsVectorLayer,
)

from ..core import schema
from .bulk_io import whole_ogr_file
from .fields import plain_value

_MATCHERS: dict[str, object] = {}
#: File key (see ``file_key``) → content fingerprint, for this session.
_FILE_KEYS: dict[str, str] = {}
#: Single-file formats whose bytes hold the whole layer (a shapefile's .dbf, a VRT's
#: sources or a CSV's .csvt would not be in the hash).
FILE_KEY_SUFFIXES = (".gpkg", ".geojson", ".json", ".fgb")
_HASH_CHUNK = 1 << 22


def cache_dir() -> Path:
    """The profile folder where gazetteer indexes are cached."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "placelink" / "index-cache"


def read_records(source: QgsFeatureSource, feedback=None) -> list[dict]:
    """Canonical address records (only the fields the layer has) with ``x``/``y``."""
    from ..core.matching.gazetteer_rows import matcher_fields

    names = [f.name() for f in source.fields()]
    wanted = matcher_fields(names)
    indexes = [names.index(name) for name in wanted]
    records = []
    total = max(source.featureCount(), 1)
    request = QgsFeatureRequest().setSubsetOfAttributes(indexes)
    for n, feature in enumerate(source.getFeatures(request)):
        attributes = feature.attributes()
        record = {name: plain_value(attributes[i]) for name, i in zip(wanted, indexes)}
        geometry = feature.geometry()
        if geometry is not None and not geometry.isEmpty():
            point = geometry.centroid().asPoint()
            record["x"], record["y"] = point.x(), point.y()
        records.append(record)
        if feedback is not None and n % 10_000 == 0:
            if feedback.isCanceled():
                break
            feedback.setProgress(20.0 * n / total)
    return records


def matcher_for(records: list[dict], match_parents: bool = False, thresholds=None):
    """A Matcher for *records*, reusing this session's or the disk cache's index."""
    from ..core.matching.index import fingerprint, load_or_build
    from ..core.matching.matcher import Matcher, Thresholds

    key = fingerprint(records)
    index = _MATCHERS.get(key)
    if index is None:
        index = load_or_build(records, cache_dir(), key)
        _MATCHERS.clear()  # keep one gazetteer in memory
        _MATCHERS[key] = index
    return Matcher(index=index, match_parents=match_parents, thresholds=thresholds or Thresholds())


def file_key(value: object, layer: QgsVectorLayer | None) -> str | None:
    """A hash of the bytes of the file *layer* reads (with its GeoPackage ``-wal``), its
    layer name and the index version; None when the layer is not exactly one whole file
    (a selection, a feature limit, a filter, unsaved edits, another provider:
    ``bulk_io.whole_ogr_file``)."""
    from ..core.matching.index import INDEX_VERSION

    parts = whole_ogr_file(value, layer)
    if parts is None:
        return None
    path = parts["path"]
    if not path.lower().endswith(FILE_KEY_SUFFIXES):
        return None
    digest = hashlib.sha256(
        f"placelink-file-{INDEX_VERSION}|{parts.get('layerName') or ''}|"
        f"{parts.get('layerId') if parts.get('layerId') is not None else ''}".encode()
    )
    for name in (path, f"{path}-wal"):
        if not os.path.isfile(name):
            continue
        digest.update(f"{name[-4:]}:{os.path.getsize(name)}".encode())
        with open(name, "rb") as handle:
            for chunk in iter(lambda h=handle: h.read(_HASH_CHUNK), b""):
                digest.update(chunk)
    return digest.hexdigest()


def matcher_for_file(
    key: str | None,
    read: Callable[[], list[dict] | None],
    match_parents: bool = False,
    thresholds=None,
):
    """A Matcher for the gazetteer file with *key* (``file_key``): from memory or the disk
    cache when that file was indexed before, else from the records *read* returns (None
    when *read* returns None: cancelled)."""
    from ..core.matching.index import GazetteerIndex
    from ..core.matching.matcher import Matcher, Thresholds

    thresholds = thresholds or Thresholds()
    if key is not None:
        content = _FILE_KEYS.get(key) or _read_alias(key)
        if content is not None:
            index = _MATCHERS.get(content)
            if index is None:
                index = GazetteerIndex.load(cache_dir() / f"gazetteer-{content[:32]}.idx")
                if index is not None and index.fingerprint == content:
                    _MATCHERS.clear()
                    _MATCHERS[content] = index
                else:
                    index = None
            if index is not None:
                _FILE_KEYS[key] = content
                return Matcher(index=index, match_parents=match_parents, thresholds=thresholds)
    records = read()
    if records is None:
        return None
    matcher = matcher_for(records, match_parents, thresholds)
    if key is not None:
        _FILE_KEYS[key] = matcher.index.fingerprint
        _write_alias(key, matcher.index.fingerprint)
    return matcher


def _alias_path(key: str) -> Path:
    return cache_dir() / f"file-{key[:32]}.json"


def _read_alias(key: str) -> str | None:
    try:
        data = json.loads(_alias_path(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("file_key") != key:
        return None
    content = data.get("fingerprint")
    return content if isinstance(content, str) and content else None


def _write_alias(key: str, content: str) -> None:
    path = _alias_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({"file_key": key, "fingerprint": content}), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only profile: the next run reads the features again


def read_records_ogr(layer: QgsVectorLayer | None) -> list[dict] | None:
    """The records ``read_records`` would give for the fields matching uses
    (``FINGERPRINT_FIELDS``), read by OGR in columns (Arrow batches as numpy) instead of
    feature by feature; None when the layer is not a whole OGR file of point features with
    plain integer, real and text fields (the caller then reads it through QGIS)."""
    from ..core.matching.index import FINGERPRINT_FIELDS

    parts = whole_ogr_file(None, layer)
    if parts is None:
        return None
    path = parts["path"]
    try:
        from osgeo import ogr

        if not hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):  # GDAL < 3.6
            return None
        return _read_columns(ogr, path, parts.get("layerName"), FINGERPRINT_FIELDS)
    except (ImportError, RuntimeError, ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None


def _read_columns(
    ogr, path: str, layer_name: str | None, fields: tuple[str, ...]
) -> list[dict] | None:
    import numpy as np

    known = {f.name for f in schema.ADDRESS_FIELDS}
    with ogr.ExceptionMgr(useExceptions=True) if hasattr(ogr, "ExceptionMgr") else _Nothing():
        ds = ogr.Open(path)
        if ds is None:
            return None
        layer = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayer(0)
        if layer is None:
            return None
        defn = layer.GetLayerDefn()
        kinds = {}
        for i in range(defn.GetFieldCount()):
            field = defn.GetFieldDefn(i)
            kinds[field.GetName()] = (field.GetType(), field.GetSubType())
        if "uprn" not in kinds:
            return None
        wanted = [f for f in fields if f in kinds and f in known]
        plain = {ogr.OFTInteger: int, ogr.OFTInteger64: int, ogr.OFTReal: float,
                 ogr.OFTString: str}  # fmt: skip
        if any(kinds[f][0] not in plain or kinds[f][1] != ogr.OFSTNone for f in wanted):
            return None
        geometry_name = layer.GetGeometryColumn() or None
        columns: dict[str, list] = {f: [] for f in wanted}
        xs: list = []
        ys: list = []
        stream = layer.GetArrowStreamAsNumPy(options=["INCLUDE_FID=NO"])
        for batch in stream:
            for name in wanted:
                values = batch[name]
                kind = plain[kinds[name][0]]
                mask = np.ma.getmaskarray(values)
                data = np.ma.getdata(values)
                if kind is str:
                    out = [
                        v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in data.tolist()
                    ]
                else:
                    out = data.tolist()
                if mask.any():
                    out = [None if m else v for v, m in zip(out, mask.tolist())]
                columns[name].extend(out)
            if geometry_name is None:
                return None
            points = _points(batch[geometry_name], np)
            if points is None:
                return None
            xs.extend(points[0])
            ys.extend(points[1])
        del stream, layer, ds
    n = len(columns["uprn"])
    records = [{name: columns[name][i] for name in wanted} for i in range(n)]
    for record, x, y in zip(records, xs, ys):
        if x is not None:
            record["x"], record["y"] = x, y
    return records


def _points(wkbs, np):
    """(xs, ys) of little-endian 2D WKB points (None for a missing geometry), or None when
    any geometry is something else."""
    xs: list = []
    ys: list = []
    mask = np.ma.getmaskarray(wkbs).tolist()
    for value, missing in zip(np.ma.getdata(wkbs).tolist(), mask):
        if missing or value is None or len(value) == 0:
            xs.append(None)
            ys.append(None)
            continue
        if len(value) != 21 or value[0] != 1 or value[1:5] != b"\x01\x00\x00\x00":
            return None
        x, y = np.frombuffer(value, dtype="<f8", count=2, offset=5).tolist()
        if x != x or y != y:  # POINT EMPTY
            xs.append(None)
            ys.append(None)
            continue
        xs.append(x)
        ys.append(y)
    return xs, ys


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
