"""The base class every PlaceLink algorithm derives from."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.dependencies import refusal_message

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


class PlaceLinkAlgorithm(QgsProcessingAlgorithm):
    """Names, help, icon, group and dependency checks shared by all PlaceLink algorithms.

    Subclasses set ``ID``, ``NAME``, ``GROUP``, ``GROUP_ID``, ``HELP`` and, when they need
    optional packages, ``REQUIRES`` (import names from ``core.dependencies.REQUIREMENTS``).
    """

    ID = ""
    NAME = ""
    GROUP = ""
    GROUP_ID = ""
    HELP = ""
    ICON = "placelink.svg"
    REQUIRES: tuple[str, ...] = ()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("PlaceLink", text)

    def createInstance(self) -> PlaceLinkAlgorithm:
        return type(self)()

    def name(self) -> str:
        return self.ID

    def displayName(self) -> str:
        return self.tr(self.NAME)

    def group(self) -> str:
        return self.tr(self.GROUP)

    def groupId(self) -> str:
        return self.GROUP_ID

    def shortHelpString(self) -> str:
        return self.tr(self.HELP)

    def icon(self) -> QIcon:
        return QIcon(str(ICON_DIR / self.ICON))

    def svgIconPath(self) -> str:
        return str(ICON_DIR / self.ICON)

    def canExecute(self) -> tuple[bool, str]:
        message = refusal_message(self.REQUIRES)
        return (message is None, message or "")

    def checkParameterValues(self, parameters, context) -> tuple[bool, str]:  # noqa: ANN001
        # Checked first by processing.run, the dialog and qgis_process, so the refusal
        # reaches the user as the error itself (prepareAlgorithm's is only logged).
        message = refusal_message(self.REQUIRES)
        if message:
            return False, message
        return super().checkParameterValues(parameters, context)

    def prepareAlgorithm(self, parameters, context, feedback) -> bool:  # noqa: ANN001
        message = refusal_message(self.REQUIRES)
        if message:
            raise QgsProcessingException(message)
        return True
