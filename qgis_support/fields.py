"""Canonical schemas as QgsFields, and records as QgsFeatures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from operator import itemgetter

from qgis.core import QgsFeature, QgsFields, QgsGeometry, QgsPointXY
from qgis.PyQt.QtCore import QDate

from ..core import schema
from ..core.records import Reject
from .compat import make_field


def qgs_fields(fields: Sequence[schema.Field]) -> QgsFields:
    """QgsFields for a canonical schema."""
    result = QgsFields()
    for field in fields:
        result.append(make_field(field.name, field.kind, field.length))
    return result


def plain_value(value: object) -> object:
    """A QGIS attribute value as plain Python: NULL → None, dates and times → ISO text."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if hasattr(value, "toPyDateTime"):
        return value.toPyDateTime().isoformat()
    if hasattr(value, "toPyDate"):
        return value.toPyDate().isoformat()
    return value


def _value(value: object, kind: str) -> object:
    if value is None or value == "":
        return None
    if kind == schema.DATE:
        if isinstance(value, date):
            return QDate(value.year, value.month, value.day)
        parsed = QDate.fromString(str(value), "yyyy-MM-dd")
        return parsed if parsed.isValid() else None
    return value


class FeatureFactory:
    """Builds features of one canonical schema from core records (dicts)."""

    def __init__(self, fields: Sequence[schema.Field]) -> None:
        self.schema = tuple(fields)
        self.fields = qgs_fields(fields)
        self._has_dates = any(f.kind == schema.DATE for f in self.schema)
        names = [f.name for f in self.schema]
        self._names = names
        # itemgetter reads every attribute in one C call when the record has all the keys.
        self._getter = itemgetter(*names) if len(names) > 1 else (lambda r: (r[names[0]],))
        self._dates = [i for i, f in enumerate(self.schema) if f.kind == schema.DATE]
        self._date_cache: dict[str, object] = {}

    def point(self, record: dict) -> QgsFeature:
        """A point feature from a record with ``x`` and ``y``."""
        feature = self._feature(record)
        x, y = record.get("x"), record.get("y")
        if x is not None and y is not None:
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        return feature

    def lines(self, record: dict) -> QgsFeature:
        """A MultiLineString feature from a record with ``lines`` (a coordinate list per part)."""
        from qgis.core import QgsLineString, QgsMultiLineString

        feature = self._feature(record)
        parts = record.get("lines")
        if parts:
            multi = QgsMultiLineString()
            for part in parts:
                xs, ys = zip(*part)
                multi.addGeometry(QgsLineString(list(xs), list(ys)))
            feature.setGeometry(QgsGeometry(multi))
        return feature

    def table_row(self, record: dict) -> QgsFeature:
        """A feature without geometry."""
        return self._feature(record)

    def _attributes(self, record: dict) -> list:
        try:
            values = list(self._getter(record))
        except KeyError:
            values = [record.get(n) for n in self._names]
        for i in self._dates:
            value = values[i]
            if value is None or value == "":
                values[i] = None
            elif isinstance(value, str):
                cached = self._date_cache.get(value)
                if cached is None:
                    cached = self._date_cache[value] = _value(value, schema.DATE)
                values[i] = cached
            else:
                values[i] = _value(value, schema.DATE)
        return values

    def _feature(self, record: dict) -> QgsFeature:
        feature = QgsFeature(self.fields)
        feature.setAttributes(self._attributes(record))
        return feature


REJECTS = FeatureFactory(schema.REJECT_FIELDS)


def reject_feature(reject: Reject) -> QgsFeature:
    """A REJECTED table row."""
    feature = QgsFeature(REJECTS.fields)
    feature.setAttributes([reject.file, reject.line, reject.raw[:4000], reject.reason])
    return feature
