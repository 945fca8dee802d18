"""Canonical schemas as QgsFields, and records as QgsFeatures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

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

    def point(self, record: dict) -> QgsFeature:
        """A point feature from a record with ``x`` and ``y``."""
        feature = self._feature(record)
        x, y = record.get("x"), record.get("y")
        if x is not None and y is not None:
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        return feature

    def table_row(self, record: dict) -> QgsFeature:
        """A feature without geometry."""
        return self._feature(record)

    def _feature(self, record: dict) -> QgsFeature:
        feature = QgsFeature(self.fields)
        if self._has_dates:
            feature.setAttributes([_value(record.get(f.name), f.kind) for f in self.schema])
        else:
            feature.setAttributes([record.get(f.name) for f in self.schema])
        return feature


REJECTS = FeatureFactory(schema.REJECT_FIELDS)


def reject_feature(reject: Reject) -> QgsFeature:
    """A REJECTED table row."""
    feature = QgsFeature(REJECTS.fields)
    feature.setAttributes([reject.file, reject.line, reject.raw[:4000], reject.reason])
    return feature
