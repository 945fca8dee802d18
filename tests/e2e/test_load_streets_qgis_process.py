"""qgis_process runs of placelink:loadstreets and placelink:loadpostcodes, outputs read back."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest
from osgeo import ogr
from qgis_runner import QgisProcess

pytestmark = pytest.mark.qgis_process
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "streets"
CODEPOINT = ROOT.parent / "shared" / "data" / "codepoint-open"
_spec = importlib.util.spec_from_file_location("vector_fixtures", FIXTURES / "vector_fixtures.py")
vector_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vector_fixtures)


@pytest.fixture(scope="module")
def qp(tmp_path_factory: pytest.TempPathFactory) -> QgisProcess:
    runner = QgisProcess(tmp_path_factory.mktemp("qp"))
    runner.enable_plugin()
    return runner


def _features(path: Path, layer: str | None = None) -> list[dict]:
    dataset = ogr.Open(str(path))
    source = dataset.GetLayerByName(layer) if layer else dataset.GetLayer(0)
    rows = []
    for feature in source:
        row = feature.items()
        geometry = feature.GetGeometryRef()
        row["_wkt"] = geometry.ExportToIsoWkt() if geometry else None
        rows.append(row)
    return rows


def test_loadstreets_dtf81_with_updates(qp: QgisProcess, tmp_path: Path) -> None:
    output, rejected = tmp_path / "streets.gpkg", tmp_path / "rejected.csv"
    result = qp.run(
        "placelink:loadstreets",
        {
            "INPUT": [FIXTURES / "dtf81_full.csv", FIXTURES / "dtf81_cou_1.csv"],
            "FORMAT": 0,
            "OUTPUT": output,
            "REJECTED": rejected,
        },
    )
    results = result["results"]
    assert (results["ROWS_READ"], results["LOADED"], results["REJECTED_COUNT"]) == (36, 30, 6)
    assert results["FEATURES"] == 4
    assert (
        "36 data rows read from 2 file(s): 30 to OUTPUT + 6 to REJECTED = 36"
        in (result["log"]["info"])
    )
    streets = {row["usrn"]: row for row in _features(output)}
    assert sorted(streets) == [20900001, 20900002, 20900003, 20900006]
    assert streets[20900001]["street_description"] == "HIGH STREET NORTH"
    assert streets[20900001]["_wkt"] == (
        "MULTILINESTRING ((552000 155000,552050 155020,552100 155050,552200 155100))"
    )
    assert streets[20900006]["geometry_source"] == "start-end line"
    with sqlite3.connect(output) as db:
        assert db.execute("SELECT styleName FROM layer_styles").fetchall() == [("streets",)]
    reject_rows = rejected.read_text(encoding="utf-8").splitlines()
    assert len(reject_rows) == 1 + 6  # header + one row per rejected record


def test_loadstreets_open_usrn_geopackage(qp: QgisProcess, tmp_path: Path) -> None:
    gpkg = vector_fixtures.make_open_usrn(tmp_path / "osopenusrn_202611.gpkg")
    output = tmp_path / "usrn_streets.gpkg"
    result = qp.run(
        "placelink:loadstreets",
        {"INPUT": gpkg, "FORMAT": 3, "OUTPUT": output, "REJECTED": tmp_path / "r.csv"},
    )
    results = result["results"]
    expected_rejects = sum(1 for row in vector_fixtures.OPEN_USRN_ROWS if row[3])
    assert results["REJECTED_COUNT"] == expected_rejects
    assert results["LOADED"] == len(vector_fixtures.OPEN_USRN_ROWS) - expected_rejects
    rows = {row["usrn"]: row for row in _features(output)}
    assert rows[20900001]["_wkt"] == "MULTILINESTRING ((552000 155000,552100 155050,552200 155100))"


@pytest.mark.skipif(
    not (CODEPOINT / "tw.csv").exists(),
    reason=f"the real Code-Point Open files are not in {CODEPOINT} (OS OpenData, not shipped)",
)
def test_loadpostcodes_real_codepoint_file(qp: QgisProcess, tmp_path: Path) -> None:
    output = tmp_path / "postcodes.gpkg"
    result = qp.run(
        "placelink:loadpostcodes",
        {"INPUT": CODEPOINT / "tw.csv", "OUTPUT": output, "REJECTED": tmp_path / "r.csv"},
    )
    rows = len((CODEPOINT / "tw.csv").read_text(encoding="utf-8").splitlines())
    assert result["results"]["LOADED"] == rows and result["results"]["REJECTED_COUNT"] == 0
    postcodes = {row["postcode"]: row for row in _features(output)}
    assert len(postcodes) == rows
    first = postcodes["TW1 1AE"]  # first row of tw.csv
    assert first["_wkt"] == "POINT (515984 173661)"
    assert first["admin_district_code"] == "E09000027"
    with sqlite3.connect(output) as db:
        assert db.execute("SELECT styleName FROM layer_styles").fetchall() == [("postcodes",)]
