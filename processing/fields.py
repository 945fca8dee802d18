"""Moved to ``qgis_support.fields``: this name stays for code that still imports it here."""

from ..qgis_support.fields import *  # noqa: F401, F403
