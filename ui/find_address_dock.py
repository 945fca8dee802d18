"""The Find address dock: type an address, see ranked candidates as you type, click to go there.

The one place the UI asks ``core`` directly: a look-up must answer in milliseconds, so it
uses the same gazetteer index the matching algorithm builds and caches.
"""

from __future__ import annotations

import time

from qgis.core import QgsApplication, QgsFeatureRequest, QgsPointXY, QgsTask, QgsVectorLayer
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QListWidgetItem, QWidget

from ..processing.compat import LAYER_POINT
from .dock_base import load_form
from .map_focus import focus_points, select_uprn

RESULT_ROLE = Qt.ItemDataRole.UserRole
MIN_CHARACTERS = 3


class FindAddressDock(QgsDockWidget):
    """Type-ahead address search over a canonical addresses layer."""

    STATE_WIDGETS = {"gazetteer": "gazetteerCombo", "search": "searchEdit"}

    TITLE = "PlaceLink: Find address"

    def __init__(self, iface, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(self.TITLE, parent)
        self.iface = iface
        self.setObjectName(type(self).__name__)
        self.body = QWidget(self)
        self.ui = load_form("find_address_dock.ui", self.body)
        self.setWidget(self.body)
        self.ui.gazetteerCombo.setFilters(LAYER_POINT)
        self.ui.gazetteerCombo.layerChanged.connect(self._gazetteer_changed)
        self.ui.searchEdit.textChanged.connect(self.search)
        self.ui.resultsList.itemClicked.connect(self.go_to)
        self.matcher = None
        self._matcher_layer: str | None = None
        self._indexing: str | None = None
        self._task: QgsTask | None = None
        self.last_ms = 0.0

    def _gazetteer_changed(self) -> None:
        self.matcher, self._matcher_layer, self._indexing = None, None, None
        self.ui.resultsList.clear()

    def _ensure_matcher(self, layer: QgsVectorLayer):  # noqa: ANN202
        """The matcher for *layer*, or None while its index is being built in the background
        (the pending search runs again when it is ready)."""
        if self.matcher is not None and self._matcher_layer == layer.id():
            return self.matcher
        if self._indexing == layer.id():
            return None
        from ..core.dependencies import refusal_message
        from ..processing.gazetteer import matcher_for, read_records

        message = refusal_message(("rapidfuzz",))
        if message:
            self.ui.statusLabel.setText(message)
            return None
        try:
            records = read_records(layer)  # here: a layer belongs to the main thread
        except ValueError as exc:
            self.ui.statusLabel.setText(str(exc))
            return None
        layer_id, started = layer.id(), time.perf_counter()
        self._indexing = layer_id
        self.ui.statusLabel.setText(self.tr(f"Indexing {len(records):,} addresses…"))

        def build(_task, records):  # noqa: ANN001, ANN202 - runs in a worker thread
            return matcher_for(records)

        def done(exception, matcher=None) -> None:  # noqa: ANN001 - back on the main thread
            try:
                if self._indexing != layer_id:
                    return  # the gazetteer changed meanwhile
                self._indexing = None
                if exception is not None or matcher is None:
                    self.ui.statusLabel.setText(self.tr(f"Indexing failed: {exception}"))
                    return
                self.matcher, self._matcher_layer = matcher, layer_id
                self.ui.statusLabel.setText(
                    self.tr(f"Indexed in {time.perf_counter() - started:.1f} s.")
                )
                self.search()
            except RuntimeError:  # the dock was closed meanwhile
                pass

        self._task = QgsTask.fromFunction(
            self.tr("PlaceLink: indexing addresses"), build, records, on_finished=done
        )
        QgsApplication.taskManager().addTask(self._task)
        return None

    def search(self, text: str | None = None) -> list:
        """Rank the gazetteer's addresses for the typed text (from 3 characters)."""
        text = self.ui.searchEdit.text() if text is None else text
        results_list = self.ui.resultsList
        results_list.clear()
        layer = self.ui.gazetteerCombo.currentLayer()
        if layer is None or len(text.strip()) < MIN_CHARACTERS:
            return []
        matcher = self._ensure_matcher(layer)
        if matcher is None:
            return []
        started = time.perf_counter()
        results = matcher.lookup(text, 10)
        self.last_ms = (time.perf_counter() - started) * 1000
        for result in results:
            item = QListWidgetItem(f"{result.matched_address}  ({result.match_score:.0f})")
            item.setToolTip(f"UPRN {result.uprn}: {result.match_reason}")
            item.setData(RESULT_ROLE, (result.uprn, result.x, result.y))
            results_list.addItem(item)
        self.ui.statusLabel.setText(
            self.tr(f"{len(results)} candidate(s) in {self.last_ms:.1f} ms.")
        )
        return results

    def go_to(self, item: QListWidgetItem) -> None:
        """Select the address on the gazetteer layer, zoom to it and flash it."""
        uprn, x, y = item.data(RESULT_ROLE)
        layer = self.ui.gazetteerCombo.currentLayer()
        select_uprn(layer, uprn)
        if x is None or y is None:
            feature = next(
                layer.getFeatures(QgsFeatureRequest().setFilterExpression(f'"uprn" = {uprn}')), None
            )
            if feature is None:
                return
            point = feature.geometry().centroid().asPoint()
            x, y = point.x(), point.y()
        focus_points(self.iface, [QgsPointXY(x, y)], layer.crs())
