"""Layer pickers that start on a layer of the right kind (an addresses picker on a layer
with a ``uprn``, a streets picker on one with a ``usrn``), not on whatever came first."""

from __future__ import annotations

from collections.abc import Sequence

from qgis.core import QgsProject, QgsVectorLayer


def prefer_layer(combo, fields: Sequence[str]) -> QgsVectorLayer | None:
    """Set the QgsMapLayerComboBox *combo* to the first layer it offers that has all
    *fields* (its current one if that already fits); returns the layer chosen, if any."""
    current = combo.currentLayer()
    if _has(current, fields):
        return current
    for i in range(combo.count()):
        layer = combo.layer(i)
        if _has(layer, fields):
            combo.setLayer(layer)
            return layer
    return None


def _has(layer: object, fields: Sequence[str]) -> bool:
    return (
        isinstance(layer, QgsVectorLayer)
        and layer.isValid()
        and all(layer.fields().indexOf(name) >= 0 for name in fields)
        and QgsProject.instance().mapLayer(layer.id()) is not None
    )
