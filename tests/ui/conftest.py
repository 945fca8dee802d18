"""Dock tests keep their results in a temporary folder, as an officer's chosen one."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def results_folder(tmp_path: Path) -> Path:
    from placelink.ui.results_folder import SETTINGS_KEY
    from qgis.core import QgsProject, QgsSettings

    folder = tmp_path / "results"
    QgsSettings().setValue(SETTINGS_KEY, str(folder))
    QgsProject.instance().setFileName("")  # unsaved: the chosen folder is used
    yield folder
    QgsSettings().remove(SETTINGS_KEY)
