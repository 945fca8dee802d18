"""The ``placelink`` Processing provider."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..metadata import plugin_version
from .base import ICON_DIR
from .catchment_map import CatchmentMap
from .load_addresses import LoadAddresses

ALGORITHMS = (
    CatchmentMap,
    LoadAddresses,
)


class PlaceLinkProvider(QgsProcessingProvider):
    """Registers PlaceLink's algorithms under the stable id ``placelink``."""

    def id(self) -> str:
        return "placelink"

    def name(self) -> str:
        return "PlaceLink"

    def longName(self) -> str:
        return f"PlaceLink {plugin_version()}: UK address and street gazetteer tools"

    def icon(self) -> QIcon:
        return QIcon(str(ICON_DIR / "placelink.svg"))

    def svgIconPath(self) -> str:
        return str(ICON_DIR / "placelink.svg")

    def versionInfo(self) -> str:
        return plugin_version()

    def loadAlgorithms(self) -> None:
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
