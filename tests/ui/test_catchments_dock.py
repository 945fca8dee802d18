"""The Catchments dock, driven headless on the sample council: run, layout, hover."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsPointXY, QgsProject, QgsVectorLayer

pytest.importorskip("scipy")
pytest.importorskip("shapely")
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "sample_council.gpkg"


def _layer(name: str, subset: str = "") -> QgsVectorLayer:
    source = f"{SAMPLE}|layername={name}" + (f"|subset={subset}" if subset else "")
    layer = QgsVectorLayer(source, name, "ogr")
    assert layer.isValid(), source
    QgsProject.instance().addMapLayer(layer)
    return layer


def _wait_for_map(dock, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QgsApplication.processEvents()
        if dock.stage == "map" and dock.run is not None and dock.run.ok is not None:
            return
        if (dock.run is not None and dock.run.ok is False) or dock.ui.runButton.isEnabled():
            break
        time.sleep(0.02)
    raise AssertionError(f"catchments did not finish: {dock.ui.statusLabel.text()}")


def test_dock_makes_catchments_and_map_and_answers_hover(
    qgis_new_project, make_dock, iface, results_folder
) -> None:
    from placelink.ui.catchments_dock import CatchmentsDock

    schools = _layer("facilities", "\"type\" = 'primary school'")
    addresses = _layer("addresses")
    network = _layer("street_segments")
    boundary = _layer("boundary")
    dock = make_dock(CatchmentsDock)
    dock.ui.facilitiesCombo.setLayer(schools)
    dock.ui.nameField.setField("name")
    dock.ui.addressesCombo.setLayer(addresses)
    dock.ui.methodCombo.setCurrentIndex(1)  # along the street network
    dock.ui.networkCombo.setLayer(network)
    dock.ui.boundaryCombo.setLayer(boundary)
    params = dock.parameters()
    assert params["NETWORK"] is network and "CAPACITY_FIELD" not in params
    dock.make_catchments()
    assert not dock.ui.runButton.isEnabled()
    _wait_for_map(dock)
    assert dock.run.ok, dock.ui.statusLabel.text()
    assert dock.catchments is not None and dock.catchments.featureCount() >= 3
    assert dock.assignments.featureCount() == addresses.featureCount()
    assert dock.map_path.exists() and dock.map_path.read_bytes().startswith(b"%PDF")
    layouts = [layout.name() for layout in QgsProject.instance().layoutManager().layouts()]
    assert any(name.startswith("Catchment areas") for name in layouts)
    assert "Catchments made" in dock.ui.statusLabel.text()
    assert dock.map_path.parent == results_folder

    # a second run replaces the first: one set of layers, one layout, no "(2)"
    dock.make_catchments()
    _wait_for_map(dock)
    assert dock.run.ok, dock.ui.statusLabel.text()
    project = QgsProject.instance()
    root = project.layerTreeRoot()
    top = [
        node.layer().name() for node in root.findLayers()
        if node.parent() is root
        and Path(node.layer().source().split("|")[0]).parent == results_folder
    ]  # fmt: skip
    assert top == []  # the run's layers are all in its one group
    mapped = root.findGroup("Catchment map: Catchment areas")
    names = [n.layer().name() for n in mapped.findLayers()]
    assert names.count("Catchments") == 1 and names.count("Address assignments") == 1
    everywhere = [layer.name() for layer in project.mapLayers().values()]
    assert everywhere.count("Catchments") == 1  # not the run's copy beside the map's
    assert not mapped.findLayer(dock.assignments.id()).itemVisibilityChecked()
    layouts = [layout.name() for layout in project.layoutManager().layouts()]
    assert layouts.count("Catchment areas") == 1 and "Catchment areas (2)" not in layouts
    groups = [g.name() for g in project.layerTreeRoot().findGroups()]
    assert groups.count("Catchment map: Catchment areas") == 1
    sources = {Path(n.layer().source().split("|")[0]) for n in mapped.findLayers()}
    assert results_folder / "catchments.gpkg" in sources

    first = next(addresses.getFeatures())
    point = first.geometry().asPoint()
    iface.mapCanvas().setExtent(addresses.extent())  # the council in view (a test before
    iface.mapCanvas().refresh()  # may have zoomed to one address: the tolerance is pixels)
    text = dock.hover(QgsPointXY(point.x() + 0.5, point.y()))
    assigned = next(f for f in dock.assignments.getFeatures() if f["uprn"] == first["uprn"])
    assert str(assigned["facility_name"]) in text and text.endswith(" m")
    assert dock.ui.hoverLabel.text() == text


def test_dock_asks_for_a_network_when_routing(make_dock) -> None:
    from placelink.ui.catchments_dock import CatchmentsDock

    dock = make_dock(CatchmentsDock)
    dock.ui.facilitiesCombo.setLayer(_layer("facilities"))
    dock.ui.addressesCombo.setLayer(_layer("addresses"))
    dock.ui.methodCombo.setCurrentIndex(1)
    dock.ui.networkCombo.setLayer(None)
    dock.make_catchments()
    assert dock.run is None and "network" in dock.ui.statusLabel.text()


@pytest.mark.parametrize("text", ["400,800,1600", "400,800,1200,1600,2000"])
def test_the_bands_field_shows_its_whole_value_at_1366_px(make_dock, text: str) -> None:
    """On a 1366×768 laptop the dock gets about 30 % of the width (as the screenshots lay it
    out): the Bands field, on its own row, shows all of "400,800,1600" (no "…,800,1600"),
    and the dock needs no more width than that."""
    from placelink.ui.catchments_dock import CatchmentsDock
    from qgis.PyQt.QtWidgets import QStyle, QStyleOptionFrame

    dock = make_dock(CatchmentsDock)
    width = int(1366 * 0.3)
    assert dock.minimumSizeHint().width() <= width  # the dock never widens the window
    dock.resize(width, 700)
    dock.show()
    edit = dock.ui.bandsEdit
    edit.setText(text)
    QgsApplication.processEvents()
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    room = contents.width() - margins.left() - margins.right() - 4  # QLineEdit's own padding
    needed = edit.fontMetrics().horizontalAdvance(text)
    assert room >= needed, f"{room} px to show {needed} px of {text!r}"
    assert dock.ui.bandUnits.isVisible() and dock.ui.speedSpin.isVisible()
    dock.hide()


def test_a_run_takes_the_place_of_the_demo_projects_catchments(
    qgis_new_project, make_dock, results_folder
) -> None:
    """The demo project opens with its own Catchments group (marked as the project's
    catchment set, as scripts/write_project.py marks it): a dock run replaces that set, in
    its place in the Layers panel, instead of adding a second set beside it."""
    from placelink.ui.catchments_dock import CatchmentsDock
    from placelink.ui.results_folder import mark_result_set

    project = QgsProject.instance()
    root = project.layerTreeRoot()
    schools = _layer("facilities", "\"type\" = 'primary school'")
    addresses = _layer("addresses")
    network = _layer("street_segments")
    root.insertGroup(0, "Gazetteers")
    demo = root.insertGroup(1, "Catchments")
    mark_result_set(demo)
    for name in ("Address assignments", "Distance bands", "Catchments"):
        layer = QgsVectorLayer(f"{SAMPLE}|layername=boundary", name, "ogr")
        project.addMapLayer(layer, False)
        demo.addLayer(layer)
    demo_ids = [n.layerId() for n in demo.findLayers()]
    root.insertGroup(2, "Data quality")

    dock = make_dock(CatchmentsDock)
    dock.ui.facilitiesCombo.setLayer(schools)
    dock.ui.nameField.setField("name")
    dock.ui.addressesCombo.setLayer(addresses)
    dock.ui.methodCombo.setCurrentIndex(1)
    dock.ui.networkCombo.setLayer(network)
    dock.ui.titleEdit.setText("Brackenford catchments")
    dock.make_catchments()
    _wait_for_map(dock)
    assert dock.run.ok, dock.ui.statusLabel.text()

    assert all(project.mapLayer(i) is None for i in demo_ids)  # the demo's set is gone
    names = [node.name() for node in root.children() if node.nodeType() == node.NodeGroup]
    at = names.index("Catchment map: Brackenford catchments")
    assert names[at - 1 : at + 2] == [
        "Gazetteers", "Catchment map: Brackenford catchments", "Data quality"
    ]  # fmt: skip
    assert "Catchments" not in names  # the demo's group left with its layers
    everywhere = [layer.name() for layer in project.mapLayers().values()]
    assert everywhere.count("Catchments") == 1 and everywhere.count("Address assignments") == 1
    assert dock.catchments.featureCount() >= 3 and dock.catchments.id() in project.mapLayers()
    for group in ("Gazetteers", "Data quality", "Catchment map: Brackenford catchments"):
        root.removeChildNode(root.findGroup(group))
