"""Read a canonical addresses layer for matching, and keep one matcher per gazetteer content.

The index is built once per gazetteer: kept in memory for this QGIS session (the Find
address dock and later runs reuse it) and cached on disk in the profile, keyed by a
fingerprint of the layer's content, so a new session starts from the cache.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsFeatureRequest, QgsFeatureSource

from .fields import plain_value

_MATCHERS: dict[str, object] = {}


def cache_dir() -> Path:
    """The profile folder where gazetteer indexes are cached."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "placelink" / "index-cache"


def read_records(source: QgsFeatureSource, feedback=None) -> list[dict]:  # noqa: ANN001
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
