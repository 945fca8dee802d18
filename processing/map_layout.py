"""Moved to ``qgis_support.map_layout``: this name stays for code that still imports it here."""

from ..qgis_support.map_layout import *  # noqa: F401, F403
