"""Show a place on the map canvas: zoom to it, flash it, select the feature behind it."""

from __future__ import annotations

from qgis.core import QgsGeometry, QgsPointXY, QgsRectangle, QgsVectorLayer


def focus_points(iface, points: list[QgsPointXY], crs, margin: float = 60.0) -> None:  # noqa: ANN001
    """Zoom the canvas to *points* (with a margin) and flash them."""
    if iface is None or not points:
        return
    canvas = iface.mapCanvas()
    extent = QgsRectangle(points[0], points[0])
    for point in points[1:]:
        extent.combineExtentWith(point)
    extent.grow(margin)
    canvas.setExtent(extent)
    canvas.refresh()
    canvas.flashGeometries([QgsGeometry.fromPointXY(p) for p in points], crs)


def select_uprn(layer: QgsVectorLayer | None, uprn: int | None) -> int:
    """Select the feature(s) with *uprn* on *layer*; returns how many."""
    if layer is None or uprn is None or layer.fields().indexOf("uprn") < 0:
        return 0
    layer.selectByExpression(f'"uprn" = {int(uprn)}')
    return layer.selectedFeatureCount()
