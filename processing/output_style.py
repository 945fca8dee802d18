"""Default styles for output layers: applied now, when QGIS loads them, and stored inside
GeoPackage outputs so they open styled anywhere."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsVectorLayer,
)

STYLE_DIR = Path(__file__).resolve().parent.parent / "resources" / "styles"


class StyleOnLoad(QgsProcessingLayerPostProcessorInterface):
    """Applies a QML style when QGIS loads an output layer into the project."""

    _alive: list[StyleOnLoad] = []  # QGIS holds only a pointer: keep the object alive

    def __init__(self, qml: str) -> None:
        super().__init__()
        self.qml = qml

    def postProcessLayer(self, layer, context, feedback) -> None:
        if layer is not None and layer.isValid():
            layer.loadNamedStyle(self.qml)
            layer.triggerRepaint()

    @classmethod
    def create(cls, qml: str) -> StyleOnLoad:
        instance = cls(qml)
        cls._alive.append(instance)
        return instance


def style_output(dest_id: str, qml_name: str, context, feedback) -> None:
    """Give an output its default style: now, when QGIS loads it, and inside a GeoPackage."""
    if not dest_id:
        return
    qml = str(STYLE_DIR / qml_name)
    layer = QgsProcessingUtils.mapLayerFromString(dest_id, context, False)
    if layer is not None:
        layer.loadNamedStyle(qml)
    if context.willLoadLayerOnCompletion(dest_id):
        context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(StyleOnLoad.create(qml))
    if layer is None and dest_id.split("|")[0].lower().endswith(".gpkg"):
        stored = QgsVectorLayer(dest_id, "styled", "ogr")
        if stored.isValid():
            stored.loadNamedStyle(qml)
            # QGIS 3.42 added …V2 and deprecated the first form (gone in QGIS 4)
            save = getattr(stored, "saveStyleToDatabaseV2", None) or stored.saveStyleToDatabase
            outcome = save(Path(qml).stem, "PlaceLink default style", True, "")
            error = outcome[-1] if isinstance(outcome, tuple) else outcome
            if error:
                feedback.pushWarning(f"Could not store the default style in {dest_id}: {error}")
