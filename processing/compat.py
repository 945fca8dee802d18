"""Moved to ``qgis_support.compat``: this name stays for code that still imports it here."""

from ..qgis_support.compat import *  # noqa: F401, F403
