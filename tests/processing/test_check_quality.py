"""placelink:checkquality through processing.run on memory and GeoPackage layers."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsRectangle,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

X0, Y0 = 500000.0, 150000.0


def _addresses(with_optional: bool = True) -> QgsVectorLayer:
    fields = (
        "field=uprn:long&field=parent_uprn:long&field=usrn:long&field=pao_start_number:integer"
        "&field=pao_text:string&field=sao_text:string&field=street_description:string"
        "&field=town:string&field=postcode:string&field=classification:string"
        "&field=logical_status:integer&field=blpu_state:integer&field=address:string"
    )
    if with_optional:
        fields += "&field=RPC:integer&field=start_date:date&field=end_date:date"
    layer = QgsVectorLayer(f"Point?crs=EPSG:27700&{fields}", "addresses", "memory")
    rows = [
        # uprn, parent, usrn, number, pao, sao, street, town, postcode, class, status, state, addr
        (1001, None, 11, 1, None, None, "HIGH STREET", "SEVENOAKS", "TN13 1AA", "RD04", 1, 2),
        (1002, None, 11, 2, None, None, "HIGH STREET", "SEVENOAKS", "tn131aa", "RD04", 1, 2),
        (1002, None, 11, 3, None, None, "HIGH STREET", "SEVENOAKS", "TN13 1AA", "RD", 1, 2),
        (1004, 999, 11, None, None, None, "HIGH STREET", "SEVENOAKS", "TN13 1AA", "RD04", 1, 2),
        (1005, None, 12, 5, "12", None, "CHURCH LANE", "SEVENOAKS", "TN13 1AB", "RD04", 1, 2),
    ]
    features = []
    for i, row in enumerate(rows):
        feature = QgsFeature(layer.fields())
        address = f"{row[3] or ''} {row[6]}, {row[7]}, {row[8]}".strip()
        values = [*row, address]
        if with_optional:
            values += [9 if i == 0 else 1, None, None]
        feature.setAttributes(values)
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + 20 * i, Y0 + 10)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def _streets() -> QgsVectorLayer:
    layer = QgsVectorLayer(
        "LineString?crs=EPSG:27700&field=usrn:long&field=street_description:string"
        "&field=town:string&field=administrative_area:string&field=street_type:integer"
        "&field=state:integer",
        "streets",
        "memory",
    )
    x, y, e = X0, Y0, X0 + 400
    rows = [
        (11, "HIGH STREET", "SEVENOAKS", "KENT", 1, 2, f"LINESTRING({x} {y},{x + 400} {y})"),
        (12, "CHURCH LANE", "SEVENOAKS", "KENT", 1, 2, f"LINESTRING({e} {y},{e} {y + 300})"),
        (13, "MILL LANE", "SEVENOAKS", "", 1, 2, f"LINESTRING({x} {y + 900},{x + 100} {y + 900})"),
    ]  # fmt: skip
    features = []
    for *values, wkt in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(values)
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def _boundary() -> QgsVectorLayer:
    layer = QgsVectorLayer("Polygon?crs=EPSG:27700&field=name:string", "boundary", "memory")
    feature = QgsFeature(layer.fields())
    feature.setAttributes(["Sevenoaks"])
    box = QgsRectangle(X0 - 50, Y0 - 50, X0 + 60, Y0 + 60)
    feature.setGeometry(QgsGeometry.fromRect(box))
    layer.dataProvider().addFeatures([feature])
    return layer


def _run(run_alg, tmp_path: Path, **params: object) -> dict:
    parameters = {
        "ADDRESSES": _addresses(),
        "ISSUES": "memory:",
        "SUMMARY": "memory:",
        "REPORT": str(tmp_path / "report.html"),
        **params,
    }
    return run_alg("placelink:checkquality", parameters)


def _summary(result: dict) -> dict[str, dict]:
    layer = result["SUMMARY"]
    names = layer.fields().names()
    return {
        f["rule_id"]: dict(zip(names, f.attributes(), strict=True)) for f in layer.getFeatures()
    }


def test_all_inputs(run_alg, tmp_path: Path) -> None:
    result = _run(run_alg, tmp_path, STREETS=_streets(), BOUNDARY=_boundary())
    issues = list(result["ISSUES"].getFeatures())
    by_rule: dict[str, list] = {}
    for f in issues:
        by_rule.setdefault(f["rule_id"], []).append(f)
    dup = by_rule["A01"]
    assert [f["feature_key"] for f in dup] == [1002, 1002]
    assert dup[1]["message"] == "UPRN 1002 (feature 3) duplicates the UPRN of feature 2"
    assert dup[1].geometry().asPoint() == QgsPointXY(X0 + 40, Y0 + 10)
    assert [f["feature_key"] for f in by_rule["A07"]] == [
        1001
    ]  # RPC field matched case-insensitively
    assert [f["feature_key"] for f in by_rule["A08"]] == [1002]
    assert [f["feature_key"] for f in by_rule["A13"]] == [1005]
    assert [f["feature_key"] for f in by_rule["A18"]] == [1002]
    assert [f["feature_key"] for f in by_rule["A22"]] == [1004]
    assert by_rule["A03"][0]["message"].endswith("outside the authority boundary")
    assert [f["feature_key"] for f in by_rule["S05"]] == [13]
    assert by_rule["S05"][0]["severity"] == "warning"
    assert by_rule["S05"][0].geometry().asPoint() == QgsPointXY(X0 + 50, Y0 + 900)
    assert [f["feature_key"] for f in by_rule["S06"]] == [13]
    summary = _summary(result)
    assert summary["A01"]["failures"] == 2 and summary["A01"]["checked"] == 5
    assert summary["A01"]["pass_percent"] == pytest.approx(60.0)
    assert summary["A19"]["status"] == "not applicable: no POSTCODES layer"
    assert result["ISSUE_COUNT"] == len(issues)
    html = Path(result["REPORT"]).read_text(encoding="utf-8")
    assert "Pass rate by rule" in html and "UPRN 1002 (feature 3) duplicates" in html
    # Styled by severity.
    renderer = result["ISSUES"].renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "severity"


def test_rules_subset_and_missing_optional_fields(run_alg, tmp_path: Path) -> None:
    result = _run(run_alg, tmp_path, ADDRESSES=_addresses(with_optional=False), RULES="A01,A05-A07")
    summary = _summary(result)
    assert sorted(summary) == ["A01", "A05", "A06", "A07"]
    assert summary["A07"]["status"] == "not applicable: addresses lack field(s) rpc"
    assert summary["A05"]["status"].startswith("not applicable")
    assert {f["rule_id"] for f in result["ISSUES"].getFeatures()} == {"A01"}


def test_unknown_rule_is_a_clear_error(run_alg, tmp_path: Path) -> None:
    with pytest.raises(QgsProcessingException, match="unknown rule id 'A99'"):
        _run(run_alg, tmp_path, RULES="A99")


def test_geopackage_layers_and_thresholds(run_alg, tmp_path: Path) -> None:
    from qgis.core import QgsCoordinateTransformContext

    paths = {}
    for name, layer in (("addresses", _addresses()), ("streets", _streets())):
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        path = str(tmp_path / f"{name}.gpkg")
        error = QgsVectorFileWriter.writeAsVectorFormatV3(
            layer, path, QgsCoordinateTransformContext(), options
        )
        assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
        paths[name] = path
    far = _run(
        run_alg,
        tmp_path,
        ADDRESSES=paths["addresses"],
        STREETS=paths["streets"],
        RULES="A21",
        STREET_DISTANCE=5,
    )
    near = _run(
        run_alg, tmp_path, ADDRESSES=paths["addresses"], STREETS=paths["streets"], RULES="A21"
    )
    assert far["ISSUE_COUNT"] == 5  # four 10 m from HIGH STREET, and 1005 320 m from CHURCH LANE
    assert near["ISSUE_COUNT"] == 1
    message = next(near["ISSUES"].getFeatures())["message"]
    assert message.startswith("UPRN 1005 is 320 m from its street, USRN 12 (CHURCH LANE)")


def test_issues_loaded_into_the_project_are_styled(placelink_plugin, tmp_path: Path) -> None:
    from qgis.core import QgsProject

    import processing

    result = processing.runAndLoadResults(
        "placelink:checkquality",
        {
            "ADDRESSES": _addresses(),
            "ISSUES": str(tmp_path / "issues.gpkg"),
            "SUMMARY": str(tmp_path / "summary.gpkg"),
            "REPORT": str(tmp_path / "report.html"),
        },
    )
    loaded = [
        layer
        for layer in QgsProject.instance().mapLayers().values()
        if layer.source().startswith(str(tmp_path / "issues.gpkg"))
    ]
    assert loaded, result
    renderer = loaded[0].renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "severity"
    assert [c.value() for c in renderer.categories()] == ["error", "warning", "info"]
    QgsProject.instance().removeMapLayers([layer.id() for layer in loaded])


def test_layers_in_another_crs_are_checked_in_british_national_grid(
    run_alg,
    tmp_path: Path,
) -> None:
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=UPRN:string", "wgs84", "memory")
    features = []
    for uprn in ("100021892955", "100021892955"):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([uprn])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(0.1901, 51.2750)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    result = _run(run_alg, tmp_path, ADDRESSES=layer, RULES="A01,A02")
    issues = list(result["ISSUES"].getFeatures())
    assert [f["rule_id"] for f in issues] == ["A01", "A01"]  # none from A02: inside the grid
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    transform = QgsCoordinateTransform(
        layer.crs(), QgsCoordinateReferenceSystem("EPSG:27700"), QgsProject.instance()
    )
    expected = transform.transform(QgsPointXY(0.1901, 51.2750))
    point = issues[0].geometry().asPoint()
    assert 550000 < point.x() < 555000  # Sevenoaks, in metres
    assert point.distance(expected) < 0.01
    assert issues[0]["feature_key"] == 100021892955  # a text UPRN field is read as a number


def test_a_streets_layer_of_another_council_gets_a_wrong_layer_hint(
    run_alg, tmp_path: Path
) -> None:
    from qgis.core import QgsProcessingFeedback

    class Recorder(QgsProcessingFeedback):
        def __init__(self) -> None:
            super().__init__()
            self.warnings: list[str] = []

        def pushWarning(self, warning: str) -> None:
            self.warnings.append(warning)
            super().pushWarning(warning)

    other = _streets()
    other.dataProvider().changeAttributeValues(  # USRNs of another council's NSG
        {f.id(): {0: 900 + f.id()} for f in other.getFeatures()}
    )
    feedback = Recorder()
    run_alg(
        "placelink:checkquality",
        {"ADDRESSES": _addresses(), "STREETS": other, "ISSUES": "memory:", "SUMMARY": "memory:",
         "REPORT": str(tmp_path / "report.html"), "RULES": "A10"},
        feedback=feedback,
    )  # fmt: skip
    assert any(w.startswith("Wrong STREETS layer? 100% fail A10") for w in feedback.warnings)
    feedback = Recorder()
    run_alg(
        "placelink:checkquality",
        {"ADDRESSES": _addresses(), "STREETS": _streets(), "ISSUES": "memory:",
         "SUMMARY": "memory:", "REPORT": str(tmp_path / "report.html"), "RULES": "A10"},
        feedback=feedback,
    )  # fmt: skip
    assert not any(w.startswith("Wrong") for w in feedback.warnings)
