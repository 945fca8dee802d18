"""Open the bundled sample council (PlaceLink › Open the sample council): a made-up
district to try every tool on before the council's own data."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProject, QgsRectangle, QgsVectorLayer

from ..i18n import tr

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample"
STYLES = ROOT / "resources" / "styles"
#: Layers of sample_council.gpkg, top to bottom: (layer, name, style, shown at first).
LAYERS = (
    ("facilities", "Sample facilities", None, True),
    ("addresses", "Sample addresses (LLPG)", "addresses.qml", True),
    ("postcodes", "Sample postcodes", "postcodes.qml", False),
    ("streets", "Sample streets (NSG)", "streets.qml", True),
    ("street_segments", "Sample street network", None, False),
    ("boundary", "Sample council boundary", None, True),
)


def open_sample(iface) -> list[QgsVectorLayer]:
    """Add the sample council's layers in a group of their own and zoom to it; returns
    the layers (none are added twice: an open sample is zoomed to again)."""
    project = QgsProject.instance()
    root = project.layerTreeRoot()
    title = tr("Sample council (Brackenford, made up)")
    group = root.findGroup(title)
    layers: list[QgsVectorLayer] = []
    if group is None:
        group = root.insertGroup(0, title)
        gpkg = SAMPLE / "sample_council.gpkg"
        for table, name, style, shown in LAYERS:
            layer = QgsVectorLayer(f"{gpkg}|layername={table}", tr(name), "ogr")
            if not layer.isValid():
                raise RuntimeError(tr("The sample council is missing: {path}").format(path=gpkg))
            if style:
                layer.loadNamedStyle(str(STYLES / style))
            if table == "boundary":
                layer.renderer().symbol().setColor(
                    layer.renderer().symbol().color().fromRgb(0, 0, 0, 0)
                )
            if table == "facilities":
                from ..qgis_support import styling

                styling.style_facilities(layer, "name")
            project.addMapLayer(layer, False)
            group.addLayer(layer).setItemVisibilityChecked(shown)
            layers.append(layer)
    else:
        layers = [node.layer() for node in group.findLayers()]
    boundary = next((lyr for lyr in layers if lyr.name() == tr("Sample council boundary")), None)
    if iface is not None and boundary is not None:
        canvas = iface.mapCanvas()
        if not project.crs().isValid():
            project.setCrs(boundary.crs())
        extent = QgsRectangle(boundary.extent())
        extent.grow(extent.width() * 0.03)
        canvas.setExtent(extent)
        canvas.refresh()
    return layers
