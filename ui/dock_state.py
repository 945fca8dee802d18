"""Docks' state kept in the QGIS project: which docks are open and what they were set to.

Each dock lists its stateful widgets in ``STATE_WIDGETS`` (key → widget name in its form).
The plugin saves the open docks' state when the project is written and restores it when a
project is read, so a saved project (``make demo``'s ``output/demo.qgz`` too) reopens with
the panels as they were left.
"""

from __future__ import annotations

from qgis.core import QgsProject
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit

SCOPE = "PlaceLink"


def widget_values(dock) -> dict[str, str]:
    """The dock's state as text values."""
    values = {}
    for key, name in getattr(dock, "STATE_WIDGETS", {}).items():
        widget = getattr(dock.ui, name)
        if isinstance(widget, QgsMapLayerComboBox):
            layer = widget.currentLayer()
            values[key] = layer.id() if layer is not None else ""
        elif isinstance(widget, QgsFieldComboBox):
            values[key] = widget.currentField()
        elif isinstance(widget, QComboBox):
            values[key] = str(widget.currentIndex())
        elif isinstance(widget, QDoubleSpinBox):
            values[key] = repr(widget.value())
        elif isinstance(widget, QLineEdit):
            values[key] = widget.text()
    return values


def apply_values(dock, values: dict[str, str], project: QgsProject) -> None:
    """Set the dock's widgets from saved text values (layers first, then their fields)."""
    items = list(getattr(dock, "STATE_WIDGETS", {}).items())
    items.sort(key=lambda kv: not isinstance(getattr(dock.ui, kv[1]), QgsMapLayerComboBox))
    for key, name in items:
        if key not in values:
            continue
        widget, value = getattr(dock.ui, name), values[key]
        if isinstance(widget, QgsMapLayerComboBox):
            widget.setLayer(project.mapLayer(value) if value else None)
        elif isinstance(widget, QgsFieldComboBox):
            widget.setField(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(int(value or 0))
        elif isinstance(widget, QDoubleSpinBox):
            widget.setValue(float(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(value)


def save(project: QgsProject, docks: dict) -> None:
    """Write which docks are open and their state into *project*."""
    project.removeEntry(SCOPE, "/docks")
    open_docks = [name for name, dock in docks.items() if dock.isVisible()]
    project.writeEntry(SCOPE, "/open_docks", open_docks)
    for name, dock in docks.items():
        for key, value in widget_values(dock).items():
            project.writeEntry(SCOPE, f"/docks/{name}/{key}", value)


def saved_docks(project: QgsProject) -> list[str]:
    """Names (classes) of the docks that were open when *project* was saved."""
    names, _ok = project.readListEntry(SCOPE, "/open_docks")
    return list(names)


def saved_values(project: QgsProject, name: str) -> dict[str, str]:
    """The saved state of dock *name*."""
    return {
        key: project.readEntry(SCOPE, f"/docks/{name}/{key}")[0]
        for key in project.entryList(SCOPE, f"/docks/{name}")
    }
