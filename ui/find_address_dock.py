"""The Find address dock: type a UPRN, a postcode, a street or an address (typos and all),
see what fits as you type, and go there with a click, Enter or the arrow keys.

The one place the UI asks ``core`` directly: a look-up must answer in milliseconds. The
search (``core.matching.search``, which asks the same matcher the matching algorithm
uses) is built in the background and shared with QGIS's locator bar.
"""

from __future__ import annotations

import time

from qgis.core import QgsPointXY
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QEvent, QObject, Qt
from qgis.PyQt.QtWidgets import QListWidgetItem, QWidget

from ..i18n import tr
from ..qgis_support.compat import LAYER_POINT
from .address_search import SEARCHES
from .current_address import CURRENT
from .dock_base import load_form, set_scrolling_body, wrap_long_items
from .layer_defaults import prefer_layer
from .map_focus import Highlight, select_uprn

RESULT_ROLE = Qt.ItemDataRole.UserRole
MIN_CHARACTERS = 2
LIMIT = 50


class FindAddressDock(QgsDockWidget):
    """Search over a canonical addresses layer, as you type."""

    STATE_WIDGETS = {"gazetteer": "gazetteerCombo", "search": "searchEdit"}

    TITLE = "PlaceLink: Find address"

    def __init__(self, iface, parent: QWidget | None = None) -> None:
        super().__init__(tr(self.TITLE), parent)
        self.iface = iface
        self.setObjectName(type(self).__name__)
        self.body = QWidget(self)
        self.ui = load_form("find_address_dock.ui", self.body)
        set_scrolling_body(self, self.body)
        wrap_long_items(self.ui.resultsList)
        self.ui.gazetteerCombo.setFilters(LAYER_POINT)
        prefer_layer(self.ui.gazetteerCombo, ("uprn", "address"))
        self.ui.gazetteerCombo.layerChanged.connect(self._gazetteer_changed)
        self.ui.searchEdit.textChanged.connect(self.search)
        self.ui.searchEdit.returnPressed.connect(self.go_to_current)
        self.ui.searchEdit.installEventFilter(self)
        self.ui.resultsList.itemClicked.connect(self.go_to)
        self.ui.resultsList.itemActivated.connect(self.go_to)  # Enter on the list
        self.highlight = Highlight(iface)
        # the marker belongs to this dock: closing the dock takes it off the map
        self.visibilityChanged.connect(lambda visible: visible or self.highlight.clear())
        self.last_ms = 0.0

    def tr(self, text: str) -> str:  # one translation context for all of PlaceLink
        return tr(text)

    @property
    def searcher(self):
        """The ready search for the chosen gazetteer, or None."""
        layer = self.ui.gazetteerCombo.currentLayer()
        if layer is None or SEARCHES.layer_id != layer.id():
            return None
        return SEARCHES.search

    def _gazetteer_changed(self) -> None:
        self.ui.resultsList.clear()
        self.highlight.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move through the results."""
        if watched is self.ui.searchEdit and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(event.key())
            results = self.ui.resultsList
            if step and results.count():
                row = min(max(results.currentRow() + step, 0), results.count() - 1)
                results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def search(self, text: str | None = None) -> list:
        """The addresses that fit the typed text (a UPRN, a postcode, a street, an
        address), best first; starts building the search the first time."""
        text = self.ui.searchEdit.text() if text is None else text
        results_list = self.ui.resultsList
        results_list.clear()
        layer = self.ui.gazetteerCombo.currentLayer()
        if layer is None:
            self.ui.statusLabel.setText(self.tr("Choose a gazetteer (an addresses layer)."))
            return []
        searcher = SEARCHES.get(layer, self._ready)
        if searcher is None:
            self.ui.statusLabel.setText(
                SEARCHES.error
                or self.tr("Indexing {n:,} addresses…").format(n=layer.featureCount())
            )
            return []
        if len(text.strip()) < MIN_CHARACTERS:
            self.ui.statusLabel.setText(self.tr("Type a UPRN, a postcode, a street or an address."))
            return []
        started = time.perf_counter()
        hits = searcher.search(text, LIMIT)
        self.last_ms = (time.perf_counter() - started) * 1000
        for hit in hits:
            item = QListWidgetItem(hit.address)
            item.setToolTip(
                self.tr("UPRN {uprn}: {why} (relevance {relevance})").format(
                    uprn=hit.uprn, why=hit.why, relevance=hit.relevance
                )
            )
            item.setData(RESULT_ROLE, (hit.uprn, hit.x, hit.y))
            results_list.addItem(item)
        if hits:
            results_list.setCurrentRow(0)
            self.ui.statusLabel.setText(
                self.tr("{n} found ({why}) in {ms:.1f} ms: Enter or a click goes there.").format(
                    n=len(hits), why=hits[0].why, ms=self.last_ms
                )
            )
        else:
            self.ui.statusLabel.setText(
                self.tr("Nothing fits “{text}” ({ms:.1f} ms).").format(text=text, ms=self.last_ms)
            )
        return hits

    def _ready(self) -> None:
        """The search was built (or failed): run the pending search."""
        self.search()

    def go_to_current(self) -> None:
        """Enter: go to the highlighted result (the best one unless the arrows moved)."""
        item = self.ui.resultsList.currentItem() or self.ui.resultsList.item(0)
        if item is not None:
            self.go_to(item)

    def go_to(self, item: QListWidgetItem) -> None:
        """Select the address on the gazetteer layer, centre the map on it at a street
        scale and keep it highlighted (until the next pick); say which other addresses
        share its point (flats in one building)."""
        uprn, x, y = item.data(RESULT_ROLE)
        layer = self.ui.gazetteerCombo.currentLayer()
        select_uprn(layer, uprn)
        if (x is None or y is None) and layer is not None:
            from qgis.core import QgsFeatureRequest

            request = QgsFeatureRequest().setFilterExpression(f'"uprn" = {int(uprn)}')
            feature = next(layer.getFeatures(request), None)
            if feature is None or feature.geometry().isEmpty():
                return
            point = feature.geometry().centroid().asPoint()
            x, y = point.x(), point.y()
        self.highlight.show(QgsPointXY(x, y), layer.crs())
        CURRENT.set(layer, uprn, QgsPointXY(x, y), item.text(), "find address")
        searcher = self.searcher
        stacked = searcher.same_point(uprn) if searcher is not None else []
        if len(stacked) > 1:
            names = "; ".join(h.address for h in stacked[:8])
            more = "…" if len(stacked) > 8 else ""
            self.ui.statusLabel.setText(
                self.tr("{n} addresses share this point: {names}{more}").format(
                    n=len(stacked), names=names, more=more
                )
            )

    def closeEvent(self, event) -> None:
        self.highlight.clear()
        super().closeEvent(event)
