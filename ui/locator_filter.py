"""PlaceLink's address search in QGIS's locator bar (Ctrl+K), where officers already type.

Type a UPRN, a postcode, a street or an address; the prefix ``ad`` limits the bar to
addresses. The search is the Find address dock's (same gazetteer, same index); with no
gazetteer chosen there, the project's first addresses layer is used.
"""

from __future__ import annotations

from qgis.core import (
    QgsFeedback,
    QgsLocatorContext,
    QgsLocatorFilter,
    QgsLocatorResult,
    QgsPointXY,
    QgsProject,
)

from ..i18n import tr
from .address_search import SEARCHES, default_gazetteer
from .current_address import CURRENT
from .map_focus import Highlight, select_uprn

MAX_RESULTS = 20


class AddressLocatorFilter(QgsLocatorFilter):
    """Addresses from the gazetteer, found as the Find address dock finds them."""

    def __init__(self, iface, gazetteer=None) -> None:
        super().__init__()
        self.iface = iface
        self.gazetteer = gazetteer  # a callable giving the dock's chosen layer, or None
        self.highlight = Highlight(iface)
        self._layer_id: str | None = None

    def clone(self) -> AddressLocatorFilter:
        twin = AddressLocatorFilter(self.iface, self.gazetteer)
        twin._layer_id = self._layer_id
        return twin

    def name(self) -> str:
        return "placelink_addresses"

    def displayName(self) -> str:
        return tr("PlaceLink addresses")

    def prefix(self) -> str:
        return "ad"

    def _layer(self):
        chosen = self.gazetteer() if self.gazetteer is not None else None
        return chosen or default_gazetteer()

    def prepare(self, string: str, context: QgsLocatorContext) -> list[str]:
        """On the main thread, before a search: start building the index if needed
        (no suggestions of our own: QGIS expects a list)."""
        layer = self._layer()
        self._layer_id = layer.id() if layer is not None else None
        if layer is not None:
            SEARCHES.get(layer)
        return []

    def fetchResults(self, string: str, context: QgsLocatorContext, feedback: QgsFeedback) -> None:
        search = SEARCHES.search if SEARCHES.layer_id == self._layer_id else None
        if search is None or not string.strip():
            return
        for hit in search.search(string, MAX_RESULTS):
            if feedback.isCanceled():
                return
            data = [hit.uprn, hit.x, hit.y, self._layer_id]
            result = QgsLocatorResult(self, hit.address, data)
            result.description = tr("UPRN {uprn} · {why}").format(uprn=hit.uprn, why=hit.why)
            result.score = hit.relevance / 100.0
            self.resultFetched.emit(result)

    def triggerResult(self, result: QgsLocatorResult) -> None:
        """Select the address on its layer, centre the map on it and keep it marked."""
        # getUserData() from QGIS 3.18 (the member read could crash); a property from 3.38
        getter = getattr(result, "getUserData", None)
        uprn, x, y, layer_id = getter() if getter is not None else result.userData
        layer = QgsProject.instance().mapLayer(layer_id) if layer_id else None
        select_uprn(layer, uprn)
        if x is not None and y is not None and layer is not None:
            self.highlight.show(QgsPointXY(x, y), layer.crs())
            CURRENT.set(layer, uprn, QgsPointXY(x, y), result.displayString, "locator")
