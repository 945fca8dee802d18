"""The Distances part of the Catchments dock, driven headless on the sample council."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import QgsPointXY, QgsProject, QgsVectorLayer

pytest.importorskip("scipy")
pytest.importorskip("shapely")
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "sample_council.gpkg"


def _layer(name: str, subset: str = "") -> QgsVectorLayer:
    source = f"{SAMPLE}|layername={name}" + (f"|subset={subset}" if subset else "")
    layer = QgsVectorLayer(source, name, "ogr")
    assert layer.isValid(), source
    QgsProject.instance().addMapLayer(layer)
    return layer


def test_find_address_shows_nearest_schools_route_and_pdf(make_dock, tmp_path) -> None:  # noqa: ANN001
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
    panel = dock.distances
    assert panel.title() == "Distances" and not panel.pdfButton.isEnabled()

    first = next(addresses.getFeatures())
    panel.findEdit.setText(str(first["uprn"]))
    panel.findEdit.returnPressed.emit()
    answer = panel.answer
    assert answer is not None and answer["uprn"] == first["uprn"]
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

    # text search by address words
    assert panel.find(str(other["address"])[:25])["uprn"] is not None
    assert panel.find("no such street anywhere") is None
    assert "No address matches" in panel.answerLabel.text()
