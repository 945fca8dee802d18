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
    if group is not None and not group.customProperty(SET_PROPERTY):  # a set's place: kept
        project.removeMapLayers([node.layerId() for node in group.findLayers()])
        root.removeChildNode(group)


def _source_file(source: str) -> str:
    path = source.split("|")[0]
    try:
        return str(Path(path).resolve())
    except (OSError, ValueError):
        return path


#: Layer-tree property marking a group as a project's set of catchment results (the demo
#: project's "Catchments" group, or a dock run's catchment map group): a dock run replaces
#: the set where it sits instead of adding a second one beside it.
SET_PROPERTY = "placelink/result_set"
CATCHMENT_SET = "catchments"


def mark_result_set(group, kind: str = CATCHMENT_SET) -> None:
    """Mark layer-tree *group* as the project's *kind* result set (see ``take_out_set``)."""
    group.setCustomProperty(SET_PROPERTY, kind)


def take_out_set(kind: str = CATCHMENT_SET, project: QgsProject | None = None):
    """Take the layers of the project's *kind* result sets out (the demo's own, or the last
    run's) and return the first set's group, emptied, to hold the new set's place in the
    Layers panel (``put_set_at``); other such sets go entirely. None when there was none."""
    project = project or QgsProject.instance()
    found = []

    def walk(group) -> None:
        for node in group.children():
            if node.customProperty(SET_PROPERTY) == kind:
                found.append(node)
            elif hasattr(node, "findLayers"):  # a group: look inside
                walk(node)

    walk(project.layerTreeRoot())
    for node in found:
        project.removeMapLayers([layer.layerId() for layer in node.findLayers()])
        node.removeAllChildren()
    for node in found[1:]:
        node.parent().removeChildNode(node)
    return found[0] if found else None


def put_set_at(group, place) -> object:
    """Move layer-tree *group* to where *place* (the emptied group ``take_out_set`` gave)
    sits, in its stead; returns the group as it now is in the tree."""
    from qgis.PyQt import sip

    if place is None or sip.isdeleted(place) or place.parent() is None:
        return group
    parent = place.parent()
    # While the run went, QGIS may have added its layers into the emptied group (the layer
    # tree's insertion point can be a group: QGIS 3.44 does so): they move out beside it.
    for child in place.children():
        parent.insertChildNode(parent.children().index(place), child.clone())
    place.removeAllChildren()
    moved = group.clone()
    parent.insertChildNode(parent.children().index(place), moved)
    group.parent().removeChildNode(group)
    parent.removeChildNode(place)
    return moved
