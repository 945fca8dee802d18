"""A finished A4 catchment map: map, title, legend, scale bar, north arrow, date, attribution."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsMapLayerLegendUtils,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont

from .compat import DISTANCE_KM, DISTANCE_M, LAYOUT_MM, set_label_font
from .styling import LEGEND_LABEL

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
OS_ATTRIBUTION = "Contains OS data © Crown copyright and database right {year}"
PAGE_W, PAGE_H, MARGIN = 297.0, 210.0, 10.0
PANEL_W = 78.0
DATE_EXPRESSION = "[% format_date(now(), 'd MMMM yyyy') %]"


def fit_extent(
    extent: QgsRectangle, width: float, height: float, pad: float = 0.05
) -> QgsRectangle:
    """*extent* grown by *pad* and widened or heightened to the item's aspect ratio."""
    cx, cy = extent.center().x(), extent.center().y()
    w = max(extent.width(), 1.0) * (1 + pad)
    h = max(extent.height(), 1.0) * (1 + pad)
    if w / h < width / height:
        w = h * width / height
    else:
        h = w * height / width
    return QgsRectangle(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _place(item, x: float, y: float, w: float, h: float) -> None:
    item.attemptMove(QgsLayoutPoint(x, y, LAYOUT_MM))
    item.attemptResize(QgsLayoutSize(w, h, LAYOUT_MM))


def _label(layout: QgsPrintLayout, text: str, size: int, bold: bool = False) -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    font = QFont("Sans Serif", size)
    font.setBold(bold)
    set_label_font(label, font)
    label.setHAlign(Qt.AlignmentFlag.AlignLeft)
    layout.addLayoutItem(label)
    return label


def build_layout(
    project: QgsProject,
    name: str,
    title: str,
    layers: list[QgsVectorLayer],
    legend_layers: list[QgsVectorLayer],
    extent: QgsRectangle,
    attribution: str | None,
) -> QgsPrintLayout:
    """An A4 landscape layout: the map on the left, a panel with title and legend on the right."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()  # one A4 landscape page
    layout.setName(name)

    map_w = PAGE_W - 3 * MARGIN - PANEL_W
    map_item = QgsLayoutItemMap(layout)
    map_item.setCrs(layers[-1].crs())
    map_item.setLayers(layers)
    map_item.setKeepLayerSet(True)
    map_item.setFrameEnabled(True)
    layout.addLayoutItem(map_item)  # before sizing: sizes convert through the layout's units
    _place(map_item, MARGIN, MARGIN, map_w, PAGE_H - 2 * MARGIN)
    map_item.setExtent(fit_extent(extent, map_w, PAGE_H - 2 * MARGIN))

    panel_x = PAGE_W - MARGIN - PANEL_W
    _place(_label(layout, title, 16, bold=True), panel_x, MARGIN, PANEL_W, 22)
    # the date the map is printed, not the day it was made (an expression, evaluated on export)
    _place(_label(layout, DATE_EXPRESSION, 9), panel_x, MARGIN + 22, PANEL_W, 6)

    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("")
    legend.setWrapString("\n")  # catchment labels put the address count on a second line
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()
    for layer in legend_layers:
        node = root.addLayer(layer)
        label = layer.customProperty(LEGEND_LABEL)  # e.g. a long name wrapped for the panel
        if label:
            node.setCustomProperty("legend/title-label", label)
            QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, 0, label)
            legend.model().refreshLayerLegend(node)
    legend.setResizeToContents(False)
    layout.addLayoutItem(legend)
    _place(legend, panel_x, MARGIN + 30, PANEL_W, PAGE_H - 2 * MARGIN - 75)

    scale_bar = QgsLayoutItemScaleBar(layout)
    scale_bar.setStyle("Single Box")
    scale_bar.setLinkedMap(map_item)
    in_km = extent.width() > 4000
    scale_bar.setNumberOfSegments(3)
    scale_bar.setNumberOfSegmentsLeft(0)
    scale_bar.applyDefaultSize(DISTANCE_KM if in_km else DISTANCE_M)
    scale_bar.setUnitLabel("km" if in_km else "m")
    layout.addLayoutItem(scale_bar)
    scale_bar.attemptMove(QgsLayoutPoint(panel_x, PAGE_H - MARGIN - 40, LAYOUT_MM))

    arrow = QgsLayoutItemPicture(layout)
    arrow.setPicturePath(str(ICONS / "north_arrow.svg"))
    arrow.setLinkedMap(map_item)
    layout.addLayoutItem(arrow)
    _place(arrow, panel_x + PANEL_W - 14, PAGE_H - MARGIN - 42, 12, 18)

    if attribution:
        _place(_label(layout, attribution, 7), panel_x, PAGE_H - MARGIN - 14, PANEL_W, 14)
    return layout


def export(layout: QgsPrintLayout, path: str, dpi: int = 150) -> None:
    """Export *layout* to PDF or, for .png/.jpg/.tif, an image; raise on failure."""
    exporter = QgsLayoutExporter(layout)
    if path.lower().endswith(".pdf"):
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = dpi
        result = exporter.exportToPdf(path, settings)
    else:
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = dpi
        result = exporter.exportToImage(path, settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(f"exporting the map to {path} failed ({exporter.errorMessage()})")
