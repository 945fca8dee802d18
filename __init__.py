"""PlaceLink: UK address and street gazetteer tools for QGIS."""


def classFactory(iface):  # noqa: ANN001, ANN201, N802 - QGIS plugin entry point
    """Load the PlaceLink plugin class (imported lazily, as QGIS expects)."""
    from .plugin import PlaceLinkPlugin

    return PlaceLinkPlugin(iface)
