"""The ``placelink`` Processing provider."""

from __future__ import annotations

from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..metadata import plugin_version
from .apply_updates import ApplyUpdates
from .base import ICON_DIR
from .catchment_map import CatchmentMap
from .catchments import Catchments
from .check_quality import CheckQuality
from .load_addresses import LoadAddresses
from .load_postcodes import LoadPostcodes
from .load_streets import LoadStreets
from .match_addresses import MatchAddresses

ALGORITHMS = (
    ApplyUpdates,
    CatchmentMap,
    Catchments,
    CheckQuality,
    LoadAddresses,
    LoadPostcodes,
    LoadStreets,
    MatchAddresses,
)


MODELS = ICON_DIR.parent / "models"


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

    def __init__(self, include_models: bool = True) -> None:
        super().__init__()
        self.include_models = include_models

    def loadAlgorithms(self) -> None:
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
        if self.include_models:
            for path in sorted(MODELS.glob("*.model3")):
                model = QgsProcessingModelAlgorithm()
                if model.fromFile(str(path)):
                    self.addAlgorithm(model)
