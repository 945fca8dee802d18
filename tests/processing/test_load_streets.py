"""placelink:loadstreets in QGIS: every format, rejects, accounting in the log, default style."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer, QgsWkbTypes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "streets"
_spec = importlib.util.spec_from_file_location("vector_fixtures", FIXTURES / "vector_fixtures.py")
vector_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vector_fixtures)

FORMATS = ("auto", "NSG DTF 8.1", "DTF 7.3 streets", "OS Open USRN", "OS Open Roads")


class Log(QgsProcessingFeedback):
    """Feedback that keeps what the algorithm logs."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def pushInfo(self, info: str) -> None:
        self.lines.append(info)

    def pushWarning(self, warning: str) -> None:
        self.lines.append(f"WARNING {warning}")

    def reportError(self, error: str, fatalError: bool = False) -> None:
        self.lines.append(f"ERROR {error}")


def _run(run_alg, inputs: list, fmt: str = "auto", output: str = "TEMPORARY_OUTPUT"):
    log = Log()
    result = run_alg(
        "placelink:loadstreets",
        {
            "INPUT": [str(p) for p in inputs],
            "FORMAT": FORMATS.index(fmt),
            "OUTPUT": output,
            "REJECTED": "TEMPORARY_OUTPUT",
        },
        feedback=log,
    )
    return result, log


def _by(layer: QgsVectorLayer, key: str) -> dict:
    return {f[key]: f for f in layer.getFeatures()}


def _check_accounting(result: dict, log: Log) -> None:
    assert result["ROWS_READ"] == result["LOADED"] + result["REJECTED_COUNT"]
    assert result["REJECTED"].featureCount() == result["REJECTED_COUNT"]
    assert result["OUTPUT"].featureCount() == result["FEATURES"]
    line = (
        f"{result['ROWS_READ']:,} data rows read from"
        if result["ROWS_READ"]
        else "0 data rows read"
    )
    accounting = [entry for entry in log.lines if entry.startswith(line)]
    assert accounting and "MISMATCH" not in accounting[0]


def test_dtf81_with_change_only_updates(run_alg) -> None:
    inputs = [
        FIXTURES / "dtf81_full.csv",
        FIXTURES / "dtf81_cou_1.csv",
        FIXTURES / "dtf81_cou_2.csv",
    ]
    result, log = _run(run_alg, inputs)
    _check_accounting(result, log)
    streets = result["OUTPUT"]
    assert streets.crs().authid() == "EPSG:27700"
    assert QgsWkbTypes.flatType(streets.wkbType()) == QgsWkbTypes.flatType(
        QgsWkbTypes.parseType("MultiLineString")
    )
    by_usrn = _by(streets, "usrn")
    assert sorted(by_usrn) == [20900001, 20900002, 20900003, 20900006]
    high = by_usrn[20900001]
    assert high["street_description"] == "HIGH STREET NORTH"
    assert high["geometry_source"] == "ESU"
    assert high.geometry().asWkt(0) == (
        "MultiLineString ((552000 155000, 552050 155020, 552100 155050, 552200 155100))"
    )
    assert by_usrn[20900006]["geometry_source"] == "start-end line"
    assert by_usrn[20900002]["state_date"].toString("yyyy-MM-dd") == "1995-01-01"
    reasons = [f["reason"] for f in result["REJECTED"].getFeatures()]
    assert any(r.startswith("superseded by update (U)") for r in reasons)
    assert (result["ROWS_READ"], result["FEATURES"]) == (38, 4)
    assert "detected format: NSG DTF 8.1" in log.lines


def test_messy_dtf81_rejects_and_warns(run_alg) -> None:
    result, log = _run(run_alg, [FIXTURES / "dtf81_messy.csv"], "NSG DTF 8.1")
    _check_accounting(result, log)
    rejected = {f["line"]: f for f in result["REJECTED"].getFeatures()}
    assert rejected[18]["reason"] == "unknown record type 42 for NSG DTF 8.1"
    assert rejected[18]["file"] == "dtf81_messy.csv"
    assert rejected[18]["raw"] == '42,"I",16,21100004,"SOMETHING NEW"'
    assert "truncated line" in rejected[4]["reason"]
    assert any("trailer (99) at line 21 says 25 records" in line for line in log.lines)
    assert _by(result["OUTPUT"], "usrn")[21100001]["street_description"] == (
        'ST MARY\'S "OLD" LANE, NORTH'
    )


def test_dtf73_streets_windows_1252(run_alg) -> None:
    result, log = _run(run_alg, [FIXTURES / "dtf73_streets.csv", FIXTURES / "dtf73_cp1252.csv"])
    _check_accounting(result, log)
    by_usrn = _by(result["OUTPUT"], "usrn")
    assert by_usrn[21100161]["street_description"] == "RUE DE LÉGLISE"
    assert by_usrn[20900161]["geometry_source"] == "start-end line"
    assert by_usrn[20900161].geometry().asWkt(0) == (
        "MultiLineString ((552846 155763, 552933 155768))"
    )
    assert any("were not UTF-8 and were read as Windows-1252" in line for line in log.lines)


def test_open_usrn_geopackage_drops_z(run_alg, tmp_path: Path) -> None:
    gpkg = vector_fixtures.make_open_usrn(tmp_path / "osopenusrn_202611.gpkg")
    result, log = _run(run_alg, [gpkg])
    _check_accounting(result, log)
    streets = result["OUTPUT"]
    assert not QgsWkbTypes.hasZ(streets.wkbType())
    by_usrn = _by(streets, "usrn")
    assert sorted(by_usrn) == [20900001, 20900002]
    geometry = by_usrn[20900001].geometry()
    assert not QgsWkbTypes.hasZ(geometry.wkbType())
    assert geometry.asWkt(0) == "MultiLineString ((552000 155000, 552100 155050, 552200 155100))"
    assert by_usrn[20900002]["street_type"] == 3
    reasons = sorted(f["reason"] for f in result["REJECTED"].getFeatures())
    expected = sorted(row[3] for row in vector_fixtures.OPEN_USRN_ROWS if row[3])
    assert len(reasons) == len(expected)
    for fragment in expected:
        assert any(fragment in r for r in reasons), fragment
    assert "detected format: OS Open USRN" in log.lines


def test_open_roads_keeps_routing_fields(run_alg, tmp_path: Path) -> None:
    gpkg = vector_fixtures.make_open_roads(tmp_path / "oproad_gb.gpkg")
    result, log = _run(run_alg, [f"{gpkg}|layername=road_link"], "OS Open Roads")
    _check_accounting(result, log)
    links = _by(result["OUTPUT"], "link_id")
    assert sorted(links) == ["8E1B2A6D-0001", "8E1B2A6D-0002"]
    london = links["8E1B2A6D-0001"]
    assert (london["start_node"], london["end_node"]) == ("N-0001", "N-0002")
    assert (london["road_number"], london["length_m"], london["primary_route"]) == (
        "A225",
        150.0,
        1,
    )
    mill = links["8E1B2A6D-0002"]
    assert mill["classification"] == "Classified Unnumbered"
    assert mill["road_function"] == "Restricted Local Access Road"
    assert mill["alternative_name"] == "Lôn y Felin"
    assert mill["length_m"] == pytest.approx(90.0)
    fields = result["OUTPUT"].fields().names()
    assert fields[:3] == ["usrn", "street_description", "locality"]
    reasons = [f["reason"] for f in result["REJECTED"].getFeatures()]
    assert any("cannot be routed" in r for r in reasons)


def test_wrong_format_choice_is_a_clear_error(run_alg, tmp_path: Path) -> None:
    gpkg = vector_fixtures.make_open_usrn(tmp_path / "u.gpkg")
    with pytest.raises(QgsProcessingException, match="CSV format"):
        _run(run_alg, [gpkg], "NSG DTF 8.1")
    with pytest.raises(QgsProcessingException, match="GIS vector"):
        _run(run_alg, [FIXTURES / "dtf81_full.csv"], "OS Open USRN")
    unknown = tmp_path / "other.csv"
    unknown.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="could not recognise"):
        _run(run_alg, [unknown])


def test_default_style_applied_and_stored_in_geopackage(run_alg, tmp_path: Path) -> None:
    result, _ = _run(run_alg, [FIXTURES / "dtf81_full.csv"])
    renderer = result["OUTPUT"].renderer()
    assert renderer.type() == "RuleRenderer"
    assert "Start–end line (no ESU geometry)" in [r.label() for r in renderer.rootRule().children()]
    output = tmp_path / "streets.gpkg"
    _run(run_alg, [FIXTURES / "dtf81_full.csv"], output=str(output))
    with sqlite3.connect(output) as db:
        rows = db.execute("SELECT styleName, useAsDefault FROM layer_styles").fetchall()
    assert rows == [("streets", 1)]
    reopened = QgsVectorLayer(str(output), "streets", "ogr")
    assert reopened.featureCount() == 4
    assert reopened.renderer().type() == "RuleRenderer"


def test_zipped_geopackage_is_read_in_place(run_alg, tmp_path: Path) -> None:
    import zipfile

    gpkg = vector_fixtures.make_open_usrn(tmp_path / "osopenusrn_202611.gpkg")
    archive = tmp_path / "osopenusrn_202611_gpkg.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(gpkg, "osopenusrn_202611.gpkg")
    result, log = _run(run_alg, [archive])
    _check_accounting(result, log)
    assert sorted(_by(result["OUTPUT"], "usrn")) == [20900001, 20900002]
    assert "detected format: OS Open USRN" in log.lines


def test_log_reports_headers_and_skipped_records(run_alg) -> None:
    result, log = _run(run_alg, [FIXTURES / "dtf73_streets.csv"])
    _check_accounting(result, log)
    assert "dtf73_streets.csv: DTF version 7.3, full supply" in log.lines
    assert any("2 address (types 21-32) record(s)" in line for line in log.lines)
