"""QGIS-side helpers shared by the Processing algorithms and the docks.

``processing/`` holds the algorithms, ``ui/`` the docks that run them; what both need on
the QGIS side lives here: enum names that differ between QGIS versions (``compat``),
canonical schemas as QgsFields (``fields``), provenance stamps and password-free messages
(``provenance``), gazetteer layers read into matcher records (``gazetteer``), layer styles
(``styling``) and print layouts (``map_layout``). A dock imports from ``processing/`` only
the algorithms it runs.
"""
