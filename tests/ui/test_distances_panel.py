"""The Distances part of the Catchments dock, driven headless on the sample council."""

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


def _find_address(make_dock, gazetteer: QgsVectorLayer, text: str):
    """Type *text* in the Find address dock and press Enter, as an officer does."""
    from placelink.ui.find_address_dock import FindAddressDock

    finder = make_dock(FindAddressDock)
    finder.ui.gazetteerCombo.setLayer(gazetteer)
    finder.ui.searchEdit.setText(text)  # the first search builds the index in the background
    deadline = time.monotonic() + 60
    while finder.searcher is None and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    assert finder.ui.resultsList.count() >= 1, finder.ui.statusLabel.text()
    finder.ui.searchEdit.returnPressed.emit()  # Enter goes to the best result
    return finder


def test_find_address_shows_nearest_schools_route_and_pdf(make_dock, tmp_path) -> None:
    from placelink.core.catchments import distances as dist
    from placelink.ui.catchments_dock import CatchmentsDock

    schools = _layer("facilities", "\"type\" = 'primary school'")
    addresses = _layer("addresses")
    network = _layer("street_segments")
    dock = make_dock(CatchmentsDock)
    dock.ui.facilitiesCombo.setLayer(schools)
    dock.ui.nameField.setField("name")
    dock.ui.addressesCombo.setLayer(addresses)
    dock.ui.networkCombo.setLayer(network)
    dock.show()
    panel = dock.distances
    assert panel.title() == "Distances" and not panel.pdfButton.isEnabled()

    # the address is typed once, in the Find address dock: the Distances part follows it
    first = next(addresses.getFeatures())
    finder = _find_address(make_dock, addresses, str(first["uprn"]))
    assert [f["uprn"] for f in addresses.selectedFeatures()] == [first["uprn"]]
    answer = panel.answer
    assert answer is not None and answer["uprn"] == first["uprn"]
    assert answer["address"] == first["address"]
    assert str(first["uprn"]) in panel.addressLabel.text()
    assert panel.table.rowCount() == 3
    names = [panel.table.item(r, 0).text() for r in range(3)]
    assert sorted(names) == sorted(f["name"] for f in schools.getFeatures())
    metres = [m for _, m in answer["schools"]]
    assert metres == sorted(metres)

    # the same answer as the algorithm gives for that address
    import processing

    result = processing.run(
        "placelink:facilitydistances",
        {
            "ADDRESSES": addresses,
            "FACILITIES": schools,
            "NAME_FIELD": "name",
            "NETWORK": network,
            "NEAREST": 3,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    rows = sorted(
        (f for f in result["OUTPUT"].getFeatures() if f["uprn"] == first["uprn"]),
        key=lambda f: f["rank"],
    )
    assert [f["facility_name"] for f in rows] == names
    assert [f["network_m"] for f in rows] == pytest.approx(metres, abs=0.01)

    # the route is drawn on the map and runs address → gate; its length covers the walk
    route = panel.route_layer
    assert QgsProject.instance().mapLayer(route.id()) is not None
    assert route.featureCount() == 1
    drawn = next(route.getFeatures()).geometry()
    assert drawn.length() >= metres[0] - 1e-6
    assert drawn.asPolyline()[0] == first.geometry().asPoint()
    assert answer["reason"].startswith(f"nearest school: {names[0]}")

    pdf = panel.export_pdf(str(tmp_path / "route.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert f"{metres[0] / dist.MILE:.2f} miles" in panel.length_text

    # a click on the map (beside another address) answers for that address
    other = list(addresses.getFeatures())[100]
    p = other.geometry().asPoint()
    clicked = panel.pick_point(QgsPointXY(p.x() + 1.0, p.y()))
    assert clicked["uprn"] == other["uprn"]

    assert panel.addressLabel.text().endswith(f"({other['uprn']})")

    # an address typed in Find address while the Catchments dock is closed is answered
    # when the dock is shown again (no walking graph is built for a closed dock)
    third = list(addresses.getFeatures())[2000]
    dock.hide()
    finder.ui.searchEdit.setText(str(third["address"]))
    finder.ui.searchEdit.returnPressed.emit()
    assert panel.answer["uprn"] == other["uprn"]
    assert str(third["uprn"]) in panel.addressLabel.text()
    dock.show()
    QgsApplication.processEvents()
    assert panel.answer["uprn"] == third["uprn"]
    assert panel.table.rowCount() == 3
    drawn = next(route.getFeatures())
    assert drawn["uprn"] == third["uprn"]
    assert drawn.geometry().asPolyline()[0] == third.geometry().asPoint()


def test_no_address_near_a_click_says_so(make_dock) -> None:
    from placelink.ui.catchments_dock import CatchmentsDock

    addresses = _layer("addresses")
    dock = make_dock(CatchmentsDock)
    dock.ui.addressesCombo.setLayer(addresses)
    far = addresses.extent()
    assert dock.distances.pick_point(QgsPointXY(far.xMinimum() - 5000, far.yMinimum())) is None
    assert "No address within 50 m" in dock.distances.answerLabel.text()
