"""Show a place on the map canvas: zoom to it, flash it, select the feature behind it."""

from __future__ import annotations

from qgis.core import QgsGeometry, QgsPointXY, QgsRectangle, QgsVectorLayer

from ..qgis_support.compat import GEOMETRY_POINT


def focus_points(iface, points: list[QgsPointXY], crs, margin: float = 60.0) -> None:
    """Zoom the canvas to *points* (with a margin: *margin* metres, or a tenth of their
    spread if more, so none sits on the map's edge) and flash them."""
    if iface is None or not points:
        return
    canvas = iface.mapCanvas()
    extent = QgsRectangle(points[0], points[0])
    for point in points[1:]:
        extent.combineExtentWith(point)
    extent.grow(max(margin, 0.1 * max(extent.width(), extent.height())))
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


class Markers:
    """Markers kept on several places (a record's candidates), the picked one ringed more
    strongly, until the next set or ``clear`` (a flash alone is gone before it is seen)."""

    def __init__(self, iface) -> None:
        self.iface = iface
        self.bands: list = []
        self.picked = None

    def _band(self, colour: tuple[int, int, int], size: int, ring: bool = False):
        from qgis.gui import QgsRubberBand
        from qgis.PyQt.QtGui import QColor

        band = QgsRubberBand(self.iface.mapCanvas(), GEOMETRY_POINT)
        band.setColor(QColor(*colour))
        if ring:  # an outline around the marker, not a disk over it
            band.setFillColor(QColor(0, 0, 0, 0))
        band.setWidth(3)
        band.setIcon(QgsRubberBand.IconType.ICON_CIRCLE)
        band.setIconSize(size)
        return band

    def _canvas_point(self, point: QgsPointXY, crs) -> QgsPointXY:
        from qgis.core import QgsCoordinateTransform, QgsProject

        target = self.iface.mapCanvas().mapSettings().destinationCrs()
        if crs is not None and crs.isValid() and target.isValid() and crs != target:
            return QgsCoordinateTransform(crs, target, QgsProject.instance()).transform(point)
        return point

    def show(self, points: list[QgsPointXY], crs) -> int:
        """Mark every point of *points* (in *crs*); returns how many are marked."""
        self.clear()
        if self.iface is None or not points:
            return 0
        band = self._band((230, 30, 120), 14)
        for n, point in enumerate(points, 1):  # the last one sizes and draws the band
            band.addPoint(self._canvas_point(point, crs), n == len(points))
        self.bands.append(band)
        return band.numberOfVertices()

    def pick(self, point: QgsPointXY | None, crs) -> None:
        """Ring the chosen place more strongly (None: no choice); the map follows it when it
        lies outside the view."""
        if self.picked is not None:
            self.iface.mapCanvas().scene().removeItem(self.picked)
            self.picked = None
        if self.iface is None or point is None:
            return
        at = self._canvas_point(point, crs)
        self.picked = self._band((20, 20, 20), 26, ring=True)
        self.picked.addPoint(at)
        canvas = self.iface.mapCanvas()
        if not canvas.extent().contains(at):
            canvas.setCenter(at)
            canvas.refresh()

    def clear(self) -> None:
        if self.iface is not None:
            scene = self.iface.mapCanvas().scene()
            for band in [*self.bands, self.picked]:
                if band is not None:
                    scene.removeItem(band)
        self.bands, self.picked = [], None
