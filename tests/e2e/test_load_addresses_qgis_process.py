"""qgis_process runs of placelink:loadaddresses, outputs read back from the files written."""

from __future__ import annotations

from pathlib import Path

import pytest
from osgeo import ogr
from qgis_runner import QgisProcess

pytestmark = pytest.mark.qgis_process
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "addresses"


@pytest.fixture(scope="module")
def qp(tmp_path_factory: pytest.TempPathFactory) -> QgisProcess:
    runner = QgisProcess(tmp_path_factory.mktemp("qp"))
    runner.enable_plugin()
    return runner


def _features(path: Path) -> list[dict]:
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    rows = []
    for feature in layer:
        row = feature.items()
        geometry = feature.GetGeometryRef()
        row["_wkt"] = geometry.ExportToIsoWkt() if geometry else None
        rows.append(row)
    return rows


def test_open_uprn_bom_blank_lines_letters_and_outside_gb(qp: QgisProcess, tmp_path: Path) -> None:
    output, rejected = tmp_path / "uprn.gpkg", tmp_path / "rejected.gpkg"
    result = qp.run(
        "placelink:loadaddresses",
        {
            "INPUT": [FIXTURES / "open_uprn_bom.csv"],
            "FORMAT": 0,
            "OUTPUT": output,
            "REJECTED": rejected,
        },
    )
    results = result["results"]
    assert (results["ROWS_READ"], results["LOADED"], results["REJECTED_COUNT"]) == (4, 2, 2)
    points = {row["uprn"]: row["_wkt"] for row in _features(output)}
    assert points == {10001: "POINT (358000 173000)", 10004: "POINT (451200.5 206300.25)"}
    reasons = {row["line"]: row["reason"] for row in _features(rejected)}
    assert reasons == {
        4: "coordinate '35800A.00' is not a number",
        5: "coordinates -120000, 173000 are outside the British National Grid",
    }
    info = result["log"]["info"]
    assert "4 data rows read from 1 file(s): 2 to OUTPUT + 2 to REJECTED = 4" in info
    assert "detected format: OS Open UPRN" in info


def test_dtf73_full_supply_and_change_file(qp: QgisProcess, tmp_path: Path) -> None:
    output, rejected = tmp_path / "dtf.gpkg", tmp_path / "dtf_rejected.gpkg"
    result = qp.run(
        "placelink:loadaddresses",
        {
            "INPUT": [FIXTURES / "dtf73_full.zip", FIXTURES / "dtf73_cou.csv"],
            "FORMAT": 0,
            "OUTPUT": output,
            "REJECTED": rejected,
        },
    )
    results = result["results"]
    assert (results["ROWS_READ"], results["LOADED"], results["REJECTED_COUNT"]) == (30, 6, 6)
    assert results["MERGED_COUNT"] == 30 - 6 - 6
    rows = {row["uprn"]: row for row in _features(output)}
    assert sorted(rows) == [
        100062000001,
        100062000002,
        100062000003,
        100062000004,
        100062000007,
        100062000008,
    ]
    assert rows[100062000003]["address"] == (
        "FLAT 2A, ROSE COURT, 10 HIGH STREET, SEVENOAKS, TN13 1AB"
    )
    assert rows[100062000008]["_wkt"] == "POINT (552400 155300)"
    assert rows[100062000001]["alternatives"].startswith("LPI3/ENG: THE OLD FORGE")
    reasons = [row["reason"] for row in _features(rejected)]
    assert any("outside the British National Grid" in r for r in reasons)
    info = result["log"]["info"]
    assert "detected format: DTF 7.3" in info
    accounting = [line for line in info if " data rows read from " in line]
    assert accounting[0].startswith("30 data rows read from 2 file(s): 6 addresses to OUTPUT")
    assert "MISMATCH" not in accounting[0]


def test_addressbase_premium_schema1(qp: QgisProcess, tmp_path: Path) -> None:
    output, rejected = tmp_path / "abp.gpkg", tmp_path / "abp_rejected.csv"
    result = qp.run(
        "placelink:loadaddresses",
        {
            "INPUT": [FIXTURES / "abp_schema1.csv"],
            "FORMAT": 2,
            "OUTPUT": output,
            "REJECTED": rejected,
        },
    )
    rows = {row["uprn"]: row for row in _features(output)}
    assert rows[100023000001]["address"] == "12A-12C MARKET STREET, SOHO, LONDON, W1D 4AA"
    assert rows[100023000001]["_wkt"] == "POINT (529500 181000)"
    assert any("19-field layout (schema 1" in line for line in result["log"]["info"])
    assert result["results"]["REJECTED_COUNT"] == 2
