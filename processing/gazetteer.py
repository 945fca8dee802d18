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
    QgsProcessingFeatureSourceDefinition,
    QgsProviderRegistry,
    QgsVectorLayer,
)

from ..core import schema
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


def read_records(source: QgsFeatureSource, feedback=None) -> list[dict]:  # noqa: ANN001
    """Canonical address records (only the fields the layer has) with ``x``/``y``."""
    names = [f.name() for f in source.fields()]
    wanted = [f.name for f in schema.ADDRESS_FIELDS if f.name in names]
    if "uprn" not in wanted:
        raise ValueError("the gazetteer has no 'uprn' field: is it a canonical addresses layer?")
    indexes = [names.index(name) for name in wanted]
    records = []
    total = max(source.featureCount(), 1)
    request = QgsFeatureRequest().setSubsetOfAttributes(indexes)
    for n, feature in enumerate(source.getFeatures(request)):
        attributes = feature.attributes()
        record = {name: plain_value(attributes[i]) for name, i in zip(wanted, indexes, strict=True)}
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


def matcher_for(records: list[dict], match_parents: bool = False, thresholds=None):  # noqa: ANN001, ANN201
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
    (a selection, a feature limit, a subset filter, unsaved edits, another provider)."""
    from ..core.matching.index import INDEX_VERSION

    if isinstance(value, QgsProcessingFeatureSourceDefinition) and (
        value.selectedFeaturesOnly or value.featureLimit != -1
    ):
        return None
    if layer is None or layer.providerType() != "ogr" or layer.subsetString():
        return None
    if layer.isEditable() or layer.isModified():
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path") or ""
    if not path.lower().endswith(FILE_KEY_SUFFIXES) or not os.path.isfile(path):
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
    thresholds=None,  # noqa: ANN001
):  # noqa: ANN201
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
