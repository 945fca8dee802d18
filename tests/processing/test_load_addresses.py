"""placelink:loadaddresses in QGIS: every format, rejects, accounting in the log, style."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "addresses"
FORMATS = (
    "auto",
    "DTF 7.3",
    "AddressBase Premium",
    "AddressBase Plus",
    "AddressBase Core",
    "OS Open UPRN",
)


class Log(QgsProcessingFeedback):
    """Feedback that keeps what the algorithm logs."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def pushInfo(self, info: str) -> None:
        self.lines.append(info)

    def pushWarning(self, warning: str) -> None:
        self.lines.append(f"WARNING {warning}")


def _run(run_alg, inputs: list, fmt: str = "auto", output: str = "TEMPORARY_OUTPUT"):
    log = Log()
    result = run_alg(
        "placelink:loadaddresses",
        {
            "INPUT": [str(p) for p in inputs],
            "FORMAT": FORMATS.index(fmt),
            "OUTPUT": output,
            "REJECTED": "TEMPORARY_OUTPUT",
        },
        feedback=log,
    )
    return result, log


def _by_uprn(layer: QgsVectorLayer) -> dict:
    return {f["uprn"]: f for f in layer.getFeatures()}


def _accounting(log: Log) -> str:
    lines = [line for line in log.lines if " data rows read from " in line]
    assert len(lines) == 1 and "MISMATCH" not in lines[0]
    return lines[0]


def test_dtf73_full_supply(run_alg) -> None:
    result, log = _run(run_alg, [FIXTURES / "dtf73_full.csv"])
    layer = result["OUTPUT"]
    assert layer.crs().authid() == "EPSG:27700"
    assert (result["ROWS_READ"], result["LOADED"], result["REJECTED_COUNT"]) == (25, 6, 6)
    assert result["MERGED_COUNT"] == 13  # 9 merged + 2 street descriptors + 2 not needed
    assert layer.featureCount() == 6 and result["REJECTED"].featureCount() == 6
    features = _by_uprn(layer)
    house = features[100062000001]
    assert house.geometry().asWkt(2) == "Point (552100 155100)"
    assert house["address"] == "12-14 HIGH STREET, SEVENOAKS, TN13 1AA"
    assert house["alternatives"] == "LPI3/ENG: THE OLD FORGE, HIGH STREET, SEVENOAKS, TN13 1AA"
    assert house["start_date"].toString("yyyy-MM-dd") == "2001-01-01"
    assert house["last_update_date"].toString("yyyy-MM-dd") == "2023-06-01"
    assert features[100062000003]["parent_uprn"] == 100062000002
    assert features[100062000005]["organisation"] == "ACME WIDGETS LTD"
    rejected = {f["line"]: f for f in result["REJECTED"].getFeatures()}
    assert rejected[27]["reason"].startswith("unknown record type '77'")
    assert rejected[27]["raw"] == "77,I,25,100062000001,MYSTERY RECORD"
    assert rejected[27]["file"] == "dtf73_full.csv"
    assert "duplicate UPRN 100062000001" in rejected[12]["reason"]
    assert "detected format: DTF 7.3" in log.lines
    assert any(line.startswith("layout: DTF 7.3") for line in log.lines)
    assert any("WARNING 1 row(s) of unknown record types" in line for line in log.lines)
    assert _accounting(log).endswith("6 to REJECTED = 25")


def test_abp_full_and_change_only_update(run_alg) -> None:
    result, log = _run(
        run_alg,
        [FIXTURES / "abp_schema2.csv", FIXTURES / "abp_schema2_cou.csv"],
        "AddressBase Premium",
    )
    features = _by_uprn(result["OUTPUT"])
    assert sorted(features) == [10002000001, 10002000003, 10002000004, 10002000005, 10002000009]
    assert features[10002000001].geometry().asWkt(2) == "Point (318110 176060)"
    assert features[10002000001]["classification"] == "CR01"
    assert features[10002000009]["address"] == "7 CASTLE STREET, CARDIFF, CF10 3RD"
    assert any("22-field layout (schema 2" in line for line in log.lines)
    assert any("WARNING" in line and "says 99 records" in line for line in log.lines)
    assert "10 rows superseded or deleted by change records" in _accounting(log)


def test_abp_schema1_explicit_format(run_alg) -> None:
    result, log = _run(run_alg, [FIXTURES / "abp_schema1.csv"], "AddressBase Premium")
    features = _by_uprn(result["OUTPUT"])
    assert features[100023000002]["logical_status"] == 8
    assert features[100023000002]["end_date"].toString("yyyy-MM-dd") == "2009-09-09"
    reasons = {f["line"]: f["reason"] for f in result["REJECTED"].getFeatures()}
    assert reasons[5] == "record 21 (BLPU): coordinate 'abc' is not a number"
    assert any("19-field layout (schema 1" in line for line in log.lines)


def test_plus_core_and_windows_1252(run_alg) -> None:
    plus, _ = _run(run_alg, [FIXTURES / "abplus.csv"])
    assert _by_uprn(plus["OUTPUT"])[200004000002]["address"] == (
        "FLAT 3, BALLIOL HOUSE, 6-8 BROAD STREET, CENTRAL, OXFORD, OX1 3AB"
    )
    core, _ = _run(run_alg, [FIXTURES / "abcore.csv"], "AddressBase Core")
    assert _by_uprn(core["OUTPUT"])[100090000001]["address"] == "12B, PARK ROW, BRISTOL, BS1 5LJ"
    assert [f["reason"] for f in core["REJECTED"].getFeatures()] == [
        "coordinates -5, 173020 are outside the British National Grid"
    ]
    cp, log = _run(run_alg, [FIXTURES / "dtf73_cp1252.csv"])
    assert _by_uprn(cp["OUTPUT"])[100062000101]["street_description"] == "BRONTË CLOSE"
    assert any("3 line(s) were not UTF-8" in line for line in log.lines)


def test_open_uprn_with_bom_blank_lines_and_bad_rows(run_alg) -> None:
    result, log = _run(run_alg, [FIXTURES / "open_uprn_bom.csv"])
    features = _by_uprn(result["OUTPUT"])
    assert sorted(features) == [10001, 10004]
    assert features[10004].geometry().asWkt(2) == "Point (451200.5 206300.25)"
    reasons = {f["line"]: f["reason"] for f in result["REJECTED"].getFeatures()}
    assert reasons == {
        4: "coordinate '35800A.00' is not a number",
        5: "coordinates -120000, 173000 are outside the British National Grid",
    }
    assert _accounting(log) == "4 data rows read from 1 file(s): 2 to OUTPUT + 2 to REJECTED = 4"
    assert result["MERGED_COUNT"] == 0
    assert "2 blank line(s) skipped." in log.lines


def test_zip_input_to_geopackage(run_alg, tmp_path: Path) -> None:
    target = tmp_path / "addresses.gpkg"
    result, _ = _run(run_alg, [FIXTURES / "dtf73_full.zip"], output=str(target))
    layer = QgsVectorLayer(str(target), "addresses", "ogr")
    assert layer.isValid() and layer.featureCount() == 6 == result["LOADED"]
    assert {f["uprn"] for f in layer.getFeatures()} >= {100062000001, 100062000007}


def test_unrecognised_file_is_a_clear_error(run_alg, tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("hello,world\n1,2\n")
    with pytest.raises(QgsProcessingException, match="could not recognise the format"):
        _run(run_alg, [path])


def test_default_style_applied_to_a_loaded_layer(placelink_plugin) -> None:
    from placelink.processing.output_style import STYLE_DIR, StyleOnLoad

    style = STYLE_DIR / "addresses.qml"
    assert style.exists()
    layer = QgsVectorLayer("Point?crs=EPSG:27700&field=logical_status:integer", "a", "memory")
    StyleOnLoad.create(str(style)).postProcessLayer(layer, None, None)
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "logical_status"
    assert [str(c.value()) for c in renderer.categories()][:3] == ["1", "6", "8"]


def test_style_applied_when_the_output_is_loaded_into_the_project(run_alg) -> None:
    from qgis.core import QgsProject

    import processing

    before = set(QgsProject.instance().mapLayers())
    processing.runAndLoadResults(
        "placelink:loadaddresses",
        {
            "INPUT": [str(FIXTURES / "abp_schema1.csv")],
            "FORMAT": 0,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "REJECTED": "TEMPORARY_OUTPUT",
        },
    )
    added = [
        QgsProject.instance().mapLayer(i) for i in set(QgsProject.instance().mapLayers()) - before
    ]
    points = [layer for layer in added if layer.fields().indexOf("uprn") >= 0]
    assert len(points) == 1 and points[0].featureCount() == 2
    assert isinstance(points[0].renderer(), QgsCategorizedSymbolRenderer)
    QgsProject.instance().removeMapLayers([layer.id() for layer in added])
