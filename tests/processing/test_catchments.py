"""placelink:catchments through processing.run on small memory layers."""

from __future__ import annotations

import math

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

X0, Y0 = 450_000.0, 210_000.0


def _layer(kind: str, fields: str, rows: list[tuple[str, list]], crs: str = "EPSG:27700"):
    layer = QgsVectorLayer(f"{kind}?crs={crs}{fields}", kind.lower(), "memory")
    features = []
    for wkt, attrs in rows:
        feature = QgsFeature(layer.fields())
        if wkt:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(attrs)
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer, False)
    return layer


def _pt(x: float, y: float) -> str:
    return f"POINT({X0 + x} {Y0 + y})"


def _line(*xy: tuple[float, float]) -> str:
    return "LINESTRING(" + ",".join(f"{X0 + x} {Y0 + y}" for x, y in xy) + ")"


def _town():
    """A 1 km street with a side street, a one-way loop, a motorway and an island."""
    network = _layer(
        "LineString",
        "&field=oneway:string&field=class:string",
        [
            (_line((0, 0), (500, 0)), ["no", "Local Road"]),
            (_line((500, 0), (1000, 0)), ["", "Local Road"]),
            (_line((500, 0), (500, 300)), [None, "Minor Road"]),
            (_line((0, 0), (0, -200), (1000, -200), (1000, 0)), ["no", "Motorway"]),
            (_line((3000, 0), (3100, 0)), ["no", "Local Road"]),  # an island
        ],
    )
    facilities = _layer(
        "Point",
        "&field=name:string&field=places:integer",
        [(_pt(0, 10), ["West School", 3]), (_pt(1000, 10), ["East School", 10])],
    )
    addresses = _layer(
        "Point",
        "&field=uprn:long",
        [
            (_pt(100, 5), [101]),  # 10 + 100 + 5 from West
            (_pt(400, -5), [102]),
            (_pt(600, 5), [103]),  # 10 + 400 + 5 from East
            (_pt(500, 250), [104]),  # side street: 10 + 500 + 250 either way: tie → West
            (_pt(900, 5), [105]),
            (_pt(3050, 5), [106]),  # on the island: unreachable
            (None, [107]),  # no geometry
            (_pt(100, -195), [108]),  # beside the motorway, 195 m from the main street
        ],
    )
    boundary = _layer(
        "Polygon",
        "",
        [(f"POLYGON(({X0 - 200} {Y0 - 400},{X0 + 3300} {Y0 - 400},{X0 + 3300} {Y0 + 500},"
          f"{X0 - 200} {Y0 + 500},{X0 - 200} {Y0 - 400}))", [])],
    )  # fmt: skip
    return network, facilities, addresses, boundary


def _run(run_alg, feedback=None, **overrides):
    network, facilities, addresses, boundary = _town()
    params = {
        "FACILITIES": facilities,
        "NAME_FIELD": "name",
        "ADDRESSES": addresses,
        "NETWORK": network,
        "BOUNDARY": boundary,
        "BANDS": "200,600",
        "EXCLUDE_MOTORWAYS": True,
        "ASSIGNMENTS": "TEMPORARY_OUTPUT",
        "CATCHMENTS": "TEMPORARY_OUTPUT",
        "BAND_AREAS": "TEMPORARY_OUTPUT",
    }
    params.update(overrides)
    extra = {"feedback": feedback} if feedback is not None else {}
    return run_alg("placelink:catchments", params, **extra), boundary


def _null(value: object) -> bool:
    """NULL as QGIS 3.22 (a null QVariant) and newer QGIS (None) return it."""
    return value is None or (hasattr(value, "isNull") and value.isNull())


def _rows(layer) -> dict:
    return {f["uprn"]: f for f in layer.getFeatures()}


def test_network_assignments_catchments_and_bands(run_alg) -> None:
    result, boundary = _run(run_alg)
    rows = _rows(result["ASSIGNMENTS"])
    assert sorted(rows) == [101, 102, 103, 104, 105, 106, 107, 108]  # nothing dropped
    assert rows[101]["facility_name"] == "West School"
    assert rows[101]["distance_m"] == pytest.approx(115.0)
    assert rows[103]["facility_name"] == "East School"
    assert rows[103]["distance_m"] == pytest.approx(415.0)
    assert rows[104]["distance_m"] == pytest.approx(760.0)
    assert rows[104]["facility_name"] == "West School"  # tie: lowest feature id
    assert rows[106]["reachable"] == 0 and _null(rows[106]["facility_id"])
    assert "separate part" in rows[106]["reason"]
    assert rows[107]["reachable"] == 0 and "coordinates" in rows[107]["reason"]
    assert result["UNREACHED"] == 2

    catchments = list(result["CATCHMENTS"].getFeatures())
    area = boundary.getFeature(1).geometry().area()
    assert sum(f.geometry().area() for f in catchments) == pytest.approx(area, rel=1e-6)
    union = QgsGeometry.unaryUnion([f.geometry() for f in catchments])
    assert union.area() == pytest.approx(area, rel=1e-6)
    by_name = {f["facility_name"]: f for f in catchments}
    assert by_name["West School"]["address_count"] == 4
    assert by_name["East School"]["address_count"] == 2
    assert by_name["(no facility reachable)"]["address_count"] == 2
    assert by_name["West School"]["area_m2"] == pytest.approx(
        by_name["West School"].geometry().area()
    )

    bands = list(result["BAND_AREAS"].getFeatures())
    keys = {(f["facility_name"], f["band_max"]) for f in bands}
    assert ("West School", 200.0) in keys and ("East School", 600.0) in keys
    near_west = next(
        f for f in bands if f["facility_name"] == "West School" and f["band_max"] == 200.0
    )
    assert near_west.geometry().contains(QgsGeometry.fromPointXY(QgsPointXY(X0 + 150, Y0)))
    assert not near_west.geometry().contains(QgsGeometry.fromPointXY(QgsPointXY(X0 + 300, Y0)))


def test_motorway_is_used_unless_excluded(run_alg) -> None:
    result, _ = _run(run_alg, EXCLUDE_MOTORWAYS=False, BANDS="")
    rows = _rows(result["ASSIGNMENTS"])
    # with the motorway, 108 joins it 5 m away and goes round by (0, -200)
    assert rows[108]["distance_m"] == pytest.approx(10 + 200 + 100 + 5)
    assert result["BAND_AREAS"].featureCount() == 0
    excluded, _ = _run(run_alg, EXCLUDE_MOTORWAYS=True, BANDS="")
    # without it, 108 walks 195 m to the main street
    assert _rows(excluded["ASSIGNMENTS"])[108]["distance_m"] == pytest.approx(10 + 100 + 195)


def test_one_way_direction_field(run_alg) -> None:
    network, facilities, addresses, boundary = _town()
    # make the east half of the main street one-way westwards (against its digitising)
    network.startEditing()
    east = next(f for f in network.getFeatures() if f.id() == 2)
    network.changeAttributeValue(east.id(), network.fields().lookupField("oneway"), "-1")
    network.commitChanges()
    result, _ = _run(run_alg, NETWORK=network, DIRECTION_FIELD="oneway", BANDS="")
    rows = _rows(result["ASSIGNMENTS"])
    # 103 at x = 600 may only travel west (towards the junction at 500) on that street
    assert rows[103]["facility_name"] == "West School"
    assert rows[103]["distance_m"] == pytest.approx(5 + 600 + 10)


def test_capacity_and_overflow_in_straight_line(run_alg) -> None:
    result, _ = _run(run_alg, NETWORK=None, CAPACITY_FIELD="places", BANDS="")
    rows = _rows(result["ASSIGNMENTS"])
    west = [u for u, f in rows.items() if f["facility_name"] == "West School"]
    assert len(west) <= 3
    assert result["OVERFLOW"] == 0
    assert rows[106]["facility_name"] == "East School"  # straight line reaches the island
    assert rows[101]["distance_m"] == pytest.approx(math.hypot(100, 5))
    catchments = {f["facility_name"]: f for f in result["CATCHMENTS"].getFeatures()}
    assert catchments["West School"]["capacity"] == 3
    assert catchments["West School"]["utilisation"] == pytest.approx(len(west) / 3)


def test_capacity_short_reports_overflow(run_alg) -> None:
    network, facilities, addresses, boundary = _town()
    facilities.startEditing()
    for f in facilities.getFeatures():
        facilities.changeAttributeValue(f.id(), facilities.fields().lookupField("places"), 1)
    facilities.commitChanges()
    result, _ = _run(run_alg, FACILITIES=facilities, CAPACITY_FIELD="places", BANDS="")
    rows = _rows(result["ASSIGNMENTS"])
    over = [u for u, f in rows.items() if "could not be placed" in f["reason"]]
    assert result["OVERFLOW"] == len(over) == 4  # 6 reachable, 2 places
    # the piece with no facility says why, and comes last in the legend, in grey
    pieces = [f["facility_name"] for f in result["CATCHMENTS"].getFeatures()]
    assert "(no facility: full or not reachable)" in pieces  # the island is unreachable too
    legend = result["CATCHMENTS"].renderer().categories()
    assert legend[-1].value() == "(no facility: full or not reachable)"
    assert legend[-1].symbol().color().getRgb()[:3] == (150, 150, 150)
    assert result["UNREACHED"] == 4 + 2
    assert {rows[101]["facility_name"], rows[105]["facility_name"]} == {
        "West School",
        "East School",
    }


def test_minutes_with_a_speed(run_alg) -> None:
    result, _ = _run(run_alg, BANDS="2,5", SPEED_KMH=6.0)  # 200 m and 500 m at 6 km/h
    bands = list(result["BAND_AREAS"].getFeatures())
    assert {f["band_unit"] for f in bands} == {"min"}
    assert sorted({round(f["band_max_m"], 6) for f in bands}) == [200.0, 500.0]


def test_bad_inputs_are_refused(run_alg) -> None:
    with pytest.raises(QgsProcessingException, match="not a number"):
        _run(run_alg, BANDS="400,far")
    network, facilities, addresses, boundary = _town()
    wgs84 = _layer("Point", "&field=uprn:long", [("POINT(-1.5 52.1)", [1])], crs="EPSG:4326")
    with pytest.raises(QgsProcessingException, match="projected CRS"):
        _run(run_alg, ADDRESSES=wgs84)


def test_facilities_without_a_capacity_are_named(run_alg) -> None:
    """The refusal names the schools an officer must fix, not internal feature ids."""
    network, facilities, addresses, boundary = _town()
    facilities.startEditing()
    for f in facilities.getFeatures():
        facilities.changeAttributeValue(f.id(), facilities.fields().lookupField("places"), None)
    facilities.commitChanges()
    with pytest.raises(
        QgsProcessingException, match="2 facilities have no places value: West School, East School"
    ):
        _run(run_alg, FACILITIES=facilities, CAPACITY_FIELD="places", BANDS="")


def test_cancel_stops_the_run(run_alg) -> None:
    from qgis.core import QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        _run(run_alg, feedback=feedback)


def test_outputs_are_styled_by_facility_with_the_same_colours(run_alg, tmp_path) -> None:
    """Catchments, bands and assignments land styled, one colour per facility in all three."""
    from pathlib import Path

    from qgis.core import QgsProject, QgsVectorLayer

    import processing

    sample = Path(__file__).resolve().parents[2] / "resources" / "sample" / "sample_council.gpkg"
    layers = {}
    for name, subset in (("facilities", "\"type\" = 'primary school'"), ("addresses", ""),
                         ("street_segments", "")):  # fmt: skip
        uri = f"{sample}|layername={name}" + (f"|subset={subset}" if subset else "")
        layers[name] = QgsVectorLayer(uri, name, "ogr")
        QgsProject.instance().addMapLayer(layers[name], False)
    before = set(QgsProject.instance().mapLayers())
    processing.runAndLoadResults(
        "placelink:catchments",
        {"FACILITIES": layers["facilities"], "NAME_FIELD": "name",
         "ADDRESSES": layers["addresses"], "NETWORK": layers["street_segments"],
         "BANDS": "800", "ASSIGNMENTS": "TEMPORARY_OUTPUT", "CATCHMENTS": "TEMPORARY_OUTPUT",
         "BAND_AREAS": str(tmp_path / "bands.gpkg")},
    )  # fmt: skip
    added = {
        QgsProject.instance().mapLayer(i).name(): QgsProject.instance().mapLayer(i)
        for i in set(QgsProject.instance().mapLayers()) - before
    }
    colour = {}
    for name, layer in added.items():
        assert layer.renderer().type() == "categorizedSymbol", name
        colour[name] = {c.value(): c.symbol().color().name() for c in layer.renderer().categories()}
    fills, points = colour["Catchments"], colour["Assignments"]
    schools = sorted(f["name"] for f in layers["facilities"].getFeatures())
    assert sorted(fills) == schools and len(set(fills.values())) == len(schools)
    assert points == fills  # the same colour for a facility in both layers
    outlines = {c.value(): c.symbol().symbolLayer(0).strokeColor().name()
                for c in added["Band areas"].renderer().categories()}  # fmt: skip
    assert set(outlines) <= set(fills)
    assert all(outlines[k] != "#000000" for k in outlines)
