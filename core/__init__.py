"""PlaceLink domain logic: pure Python, no QGIS import."""
