"""A feature sink that writes text cells safe against spreadsheet formula injection."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsFeatureSink

from ..core.csv_safety import safe_cell


class SpreadsheetSafeSink(QgsFeatureSink):
    """Wraps the sink of a CSV/spreadsheet destination; text attributes go through
    ``core.csv_safety.safe_cell`` before they are written."""

    def __init__(self, sink: QgsFeatureSink) -> None:
        super().__init__()
        self._sink = sink

    @staticmethod
    def _clean(feature: QgsFeature) -> QgsFeature:
        attributes = feature.attributes()
        cleaned = [safe_cell(v) for v in attributes]
        if cleaned != attributes:
            feature = QgsFeature(feature)
            feature.setAttributes(cleaned)
        return feature

    def addFeature(self, feature: QgsFeature, *flags) -> bool:
        return self._sink.addFeature(self._clean(feature), *flags)

    def addFeatures(self, features, *flags) -> bool:
        return self._sink.addFeatures([self._clean(f) for f in features], *flags)

    def lastError(self) -> str:
        return self._sink.lastError()

    def flushBuffer(self) -> bool:
        return self._sink.flushBuffer()
