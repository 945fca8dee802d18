"""PlaceLink: UK address and street gazetteer tools for QGIS."""


def classFactory(iface):
    """Load the PlaceLink plugin class (imported lazily, as QGIS expects)."""
    from .plugin import PlaceLinkPlugin

    return PlaceLinkPlugin(iface)
