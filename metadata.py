"""Read the plugin's own metadata.txt (version, name) without QGIS."""

from __future__ import annotations

import configparser
from functools import cache
from pathlib import Path

METADATA = Path(__file__).resolve().parent / "metadata.txt"


@cache
def plugin_metadata() -> dict[str, str]:
    """The ``[general]`` section of metadata.txt."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(METADATA, encoding="utf-8")
    return dict(parser["general"])


def plugin_version() -> str:
    """The plugin version, e.g. ``0.1.0``."""
    return plugin_metadata()["version"]
