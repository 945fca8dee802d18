"""The desk around the tools: every control explains itself, pickers start on the right kind
of layer."""

from __future__ import annotations

import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
)

CONTROLS = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit,
            QgsMapLayerComboBox, QgsFieldComboBox)  # fmt: skip


@pytest.mark.parametrize(
    ("module", "class_name"),
    [
        ("quality_dock", "QualityDock"),
        ("find_address_dock", "FindAddressDock"),
        ("review_dock", "ReviewDock"),
        ("catchments_dock", "CatchmentsDock"),  # with its Distances part
    ],
)
def test_every_control_has_a_tooltip(make_dock, module: str, class_name: str) -> None:
    from importlib import import_module

    dock = make_dock(getattr(import_module(f"placelink.ui.{module}"), class_name))
    missing = [
        widget.objectName()
        for widget in dock.body.findChildren(CONTROLS)
        if widget.objectName() and not widget.objectName().startswith("qt_")
        and not widget.toolTip().strip()
    ]  # fmt: skip
    assert missing == []


def test_pickers_start_on_a_layer_of_the_right_kind(make_dock) -> None:
    from placelink.ui.find_address_dock import FindAddressDock
    from placelink.ui.quality_dock import QualityDock

    project = QgsProject.instance()
    for layer in list(project.mapLayers().values()):  # only this test's layers
        project.removeMapLayer(layer.id())
    schools = QgsVectorLayer("Point?crs=EPSG:27700&field=name:string", "Schools", "memory")
    gazetteer = QgsVectorLayer(
        "Point?crs=EPSG:27700&field=uprn:long&field=address:string", "LLPG", "memory"
    )
    nsg = QgsVectorLayer(
        "LineString?crs=EPSG:27700&field=usrn:long&field=street_description:string", "NSG",
        "memory",
    )  # fmt: skip
    project.addMapLayers([schools, gazetteer, nsg])
    quality = make_dock(QualityDock)
    assert quality.ui.addressesCombo.currentLayer() is gazetteer  # not the schools
    assert quality.ui.streetsCombo.currentLayer() is nsg
    assert quality.ui.boundaryCombo.currentLayer() is None  # optional, none loaded
    find = make_dock(FindAddressDock)
    assert find.ui.gazetteerCombo.currentLayer() is gazetteer


def test_a_disabled_control_says_why(make_dock) -> None:
    from placelink.ui.catchments_dock import CatchmentsDock

    dock = make_dock(CatchmentsDock)
    dock.ui.methodCombo.setCurrentIndex(0)  # straight line: no network, no capacity
    assert not dock.ui.networkCombo.isEnabled()
    assert dock.ui.networkCombo.toolTip().startswith("Off: the straight-line method")
    dock.ui.methodCombo.setCurrentIndex(2)  # with capacities: both used
    assert dock.ui.capacityField.isEnabled()
    assert not dock.ui.capacityField.toolTip().startswith("Off")
