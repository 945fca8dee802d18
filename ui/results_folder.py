"""Where dock runs keep their results, so they survive saving and reopening the project.

Next to a saved project, in a folder named after it (``council.qgz`` → ``council
PlaceLink results/``); for a project not saved yet, in the folder the officer chose
(*PlaceLink › Results folder…*), by default ``PlaceLink results`` in the home folder.
Each dock writes the same files every run and first takes its previous results out of
the project, so a second run replaces the first instead of piling up copies.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from qgis.core import QgsProject, QgsSettings

from ..i18n import tr

SETTINGS_KEY = "PlaceLink/results_folder"


def results_folder(project: QgsProject | None = None) -> Path:
    """The folder for this project's dock results (made if missing)."""
    project = project or QgsProject.instance()
    if project.fileName():
        saved = Path(project.fileName())
        folder = saved.parent / f"{saved.stem} PlaceLink results"
    else:
        chosen = str(QgsSettings().value(SETTINGS_KEY, "") or "")
        folder = Path(chosen) if chosen else Path.home() / "PlaceLink results"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def choose_results_folder(parent=None) -> Path | None:
    """Ask the officer once where results of unsaved projects go; remembered."""
    from qgis.PyQt.QtWidgets import QFileDialog

    current = str(results_folder(QgsProject()))
    chosen = QFileDialog.getExistingDirectory(
        parent, tr("Where should PlaceLink keep results of projects not saved yet?"), current
    )
    if not chosen:
        return None
    QgsSettings().setValue(SETTINGS_KEY, chosen)
    return Path(chosen)


def result_path(name: str, project: QgsProject | None = None) -> Path:
    """The file a dock writes its result *name* to (e.g. ``quality_issues.gpkg``)."""
    return results_folder(project) / name


def release(paths: Iterable[Path], project: QgsProject | None = None) -> int:
    """Take out of the project the layers read from *paths* (the previous run's results,
    about to be replaced); returns how many. The files themselves are overwritten."""
    project = project or QgsProject.instance()
    wanted = {str(Path(p).resolve()) for p in paths}
    gone = [
        layer.id()
        for layer in project.mapLayers().values()
        if _source_file(layer.source()) in wanted
    ]
    project.removeMapLayers(gone)
    return len(gone)


def release_layout(name: str, project: QgsProject | None = None) -> None:
    """Take out the print layout *name* and its layer group (a map made by the last run)."""
    project = project or QgsProject.instance()
    manager = project.layoutManager()
    layout = manager.layoutByName(name)
    if layout is not None:
        manager.removeLayout(layout)
    root = project.layerTreeRoot()
    group = root.findGroup(f"Catchment map: {name}")
    if group is not None:
        project.removeMapLayers([node.layerId() for node in group.findLayers()])
        root.removeChildNode(group)


def _source_file(source: str) -> str:
    path = source.split("|")[0]
    try:
        return str(Path(path).resolve())
    except (OSError, ValueError):
        return path
