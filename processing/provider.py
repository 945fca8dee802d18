"""The ``placelink`` Processing provider."""

from __future__ import annotations

from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from ..metadata import plugin_version
from .apply_updates import ApplyUpdates
from .base import ICON_DIR
from .catchment_map import CatchmentMap
from .catchments import Catchments
from .check_quality import CheckQuality
from .facility_distances import FacilityDistances
from .load_addresses import LoadAddresses
from .load_postcodes import LoadPostcodes
from .load_streets import LoadStreets
from .match_addresses import MatchAddresses

ALGORITHMS = (
    ApplyUpdates,
    CatchmentMap,
    Catchments,
    CheckQuality,
    FacilityDistances,
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
                model = ShippedModel(path)
                if model.loaded:
                    self.addAlgorithm(model)


#: The shipped models' names and search tags as officers see them (ids stay as saved).
MODEL_NAMES = {"councilworkflow": "Council workflow"}
MODEL_TAGS = ("LLPG", "NSG", "UPRN", "catchment", "workflow", "model", "PlaceLink", "gazetteer")


class ShippedModel(QgsProcessingModelAlgorithm):
    """A model file shipped with PlaceLink, shown by a readable name with search tags."""

    def __init__(self, path) -> None:
        super().__init__()
        self.path = path
        self.loaded = self.fromFile(str(path))

    def displayName(self) -> str:
        return tr(MODEL_NAMES.get(self.name(), self.name()))

    def tags(self) -> list[str]:
        return [tr(tag) for tag in MODEL_TAGS]

    def createInstance(self) -> ShippedModel:
        return ShippedModel(self.path)
