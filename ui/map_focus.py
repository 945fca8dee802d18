"""Show a place on the map canvas: zoom to it, flash it, select the feature behind it."""

from __future__ import annotations

from qgis.core import QgsGeometry, QgsPointXY, QgsRectangle, QgsVectorLayer

from ..qgis_support.compat import GEOMETRY_POINT


def focus_points(iface, points: list[QgsPointXY], crs, margin: float = 60.0) -> None:
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


#: The scale an address is shown at: a street and its neighbours (OS MasterMap's 1:1,250).
ADDRESS_SCALE = 1250.0


class Highlight:
    """A marker kept on one picked place (not a flash) until the next pick or ``clear``."""

    def __init__(self, iface) -> None:
        self.iface = iface
        self.band = None

    def show(self, point: QgsPointXY, crs) -> None:
        """Centre the map on *point* (in *crs*) at a street scale and mark it."""
        if self.iface is None:
            return
        from qgis.core import QgsCoordinateTransform, QgsProject
        from qgis.gui import QgsRubberBand
        from qgis.PyQt.QtGui import QColor

        canvas = self.iface.mapCanvas()
        target = canvas.mapSettings().destinationCrs()
        if crs is not None and crs.isValid() and target.isValid() and crs != target:
            point = QgsCoordinateTransform(crs, target, QgsProject.instance()).transform(point)
        canvas.setCenter(point)
        if canvas.scale() > ADDRESS_SCALE * 2 or canvas.scale() <= 0:
            canvas.zoomScale(ADDRESS_SCALE)
        self.clear()
        self.band = QgsRubberBand(canvas, GEOMETRY_POINT)
        self.band.setColor(QColor(230, 30, 120))
        self.band.setWidth(3)
        self.band.setIcon(QgsRubberBand.IconType.ICON_CIRCLE)
        self.band.setIconSize(18)
        self.band.addPoint(point)
        canvas.refresh()
        canvas.flashGeometries([QgsGeometry.fromPointXY(point)], target)

    def clear(self) -> None:
        if self.band is not None and self.iface is not None:
            self.iface.mapCanvas().scene().removeItem(self.band)
        self.band = None
