"""The address the officer picked last, shared by the panels.

The Find address dock (and the locator bar, Ctrl+K) set it when the officer goes to an
address; the Distances part of the Catchments dock sets it on a map click. Panels that
answer for one address (the Distances part) follow ``CURRENT.changed``, so an address is
typed in one place only.
"""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsVectorLayer
from qgis.PyQt.QtCore import QObject, pyqtSignal


class CurrentAddress(QObject):
    """One picked address: its UPRN, its point (in ``crs``), its text and its layer."""

    changed = pyqtSignal()

    def __init__(self) -> None:
        super().__init__()
        self.uprn: int | None = None
        self.point: QgsPointXY | None = None
        self.crs = QgsCoordinateReferenceSystem()
        self.label = ""
        self.layer_id: str | None = None
        self.source = ""

    def set(
        self,
        layer: QgsVectorLayer | None,
        uprn: object,
        point: QgsPointXY | None,
        label: str = "",
        source: str = "",
    ) -> None:
        """Make this the current address and tell the panels that follow it."""
        try:
            self.uprn = int(uprn) if uprn not in (None, "") else None
        except (TypeError, ValueError):  # not a UPRN: the point still answers
            self.uprn = None
        self.point = QgsPointXY(point) if point is not None else None
        self.crs = layer.crs() if layer is not None else QgsCoordinateReferenceSystem()
        self.layer_id = layer.id() if layer is not None else None
        self.label = label or ""
        self.source = source
        self.changed.emit()


#: The plugin's one current address (like ``address_search.SEARCHES``).
CURRENT = CurrentAddress()
