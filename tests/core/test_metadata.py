"""metadata.txt carries everything the QGIS plugin repository checks."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = (
    "name", "description", "about", "version", "qgisMinimumVersion", "qgisMaximumVersion",
    "hasProcessingProvider", "author", "email", "tracker", "repository", "tags", "category",
    "icon", "changelog",
)  # fmt: skip


def _general() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep camelCase keys
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]


def test_metadata_is_complete() -> None:
    general = _general()
    missing = [key for key in REQUIRED if not general.get(key, "").strip()]
    assert missing == []
    assert general["name"] == "PlaceLink"
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["hasProcessingProvider"] == "yes"
    assert (ROOT / general["icon"]).is_file()
    assert general["version"] in general["changelog"]


def test_plugin_version_reader_agrees() -> None:
    from placelink.metadata import plugin_version

    assert plugin_version() == _general()["version"]


def test_licence_is_gpl2_or_later() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GPL-2.0-or-later" in text and "GNU GENERAL PUBLIC LICENSE" in text
