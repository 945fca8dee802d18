"""Secondary outputs are optional: qgis_process runs naming only the main output work.

REJECTED (the loaders), BAND_AREAS (catchments), SUMMARY and REPORT (checkquality) may be
left out, as a Modeler step or ``runAndLoadResults`` may; their counts are still reported.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from qgis_runner import QgisProcess

pytestmark = pytest.mark.qgis_process
TESTS = Path(__file__).resolve().parents[1]
SAMPLE = TESTS.parent / "resources" / "sample"
GPKG = SAMPLE / "sample_council.gpkg"
CODES = '"E92000001","E19000002","E18000008","","E10000016","E07000116","E05005001"'
CODEPOINT_ROWS = "".join(
    f'"{postcode}",10,{x},{y},{CODES}\n'
    for postcode, x, y in [("TN1 1AG", 558343, 139535), ("TN1 1AH", 558400, 139600),
                           ("TN1 1AJ", "5584XX", 139600)]
)  # fmt: skip


@pytest.fixture(scope="module")
def qp(tmp_path_factory: pytest.TempPathFactory) -> QgisProcess:
    runner = QgisProcess(tmp_path_factory.mktemp("qp"))
    runner.enable_plugin()
    return runner


def _count(gpkg: Path) -> int:
    with sqlite3.connect(gpkg) as db:
        (table,) = db.execute(
            "SELECT table_name FROM gpkg_contents WHERE table_name != 'layer_styles'"
        ).fetchone()
        return db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]


@pytest.mark.parametrize(
    ("algorithm", "source", "rejected"),
    [
        ("placelink:loadaddresses", TESTS / "fixtures" / "addresses" / "open_uprn_bom.csv", 2),
        ("placelink:loadstreets", TESTS / "fixtures" / "streets" / "dtf81_full.csv", None),
        ("placelink:loadpostcodes", None, 1),
    ],
)
def test_loaders_without_rejected(
    qp: QgisProcess, tmp_path: Path, algorithm: str, source: Path | None, rejected: int | None
) -> None:
    if source is None:
        source = tmp_path / "tn.csv"
        source.write_text(CODEPOINT_ROWS, encoding="utf-8")
    output = tmp_path / "out.gpkg"
    result = qp.run(algorithm, {"INPUT": [source], "OUTPUT": output})
    results = result["results"]
    assert results.get("FEATURES", results["LOADED"]) == _count(output) > 0
    assert results["ROWS_READ"] == (
        results["LOADED"] + results["REJECTED_COUNT"] + results.get("MERGED_COUNT", 0)
    )
    if rejected is not None:
        assert results["REJECTED_COUNT"] == rejected  # counted, though not written
    assert not results.get("REJECTED")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".gpkg") == ["out.gpkg"]


def test_catchments_without_band_areas(qp: QgisProcess, tmp_path: Path) -> None:
    result = qp.run(
        "placelink:catchments",
        {
            "FACILITIES": f"{GPKG}|layername=facilities|subset=\"type\" = 'primary school'",
            "NAME_FIELD": "name",
            "ADDRESSES": f"{GPKG}|layername=addresses",
            "NETWORK": f"{GPKG}|layername=streets",
            "BANDS": "400,800",
            "ASSIGNMENTS": tmp_path / "assignments.gpkg",
            "CATCHMENTS": tmp_path / "catchments.gpkg",
        },
    )
    results = result["results"]
    assert _count(tmp_path / "catchments.gpkg") > 0
    assert _count(tmp_path / "assignments.gpkg") > 0
    assert not results.get("BAND_AREAS")


def test_checkquality_with_only_the_issues(qp: QgisProcess, tmp_path: Path) -> None:
    result = qp.run(
        "placelink:checkquality",
        {
            "ADDRESSES": f"{GPKG}|layername=addresses",
            "STREETS": f"{GPKG}|layername=streets",
            "RULES": "A01,A18",
            "ISSUES": tmp_path / "issues.gpkg",
        },
    )
    results = result["results"]
    assert results["ISSUE_COUNT"] == _count(tmp_path / "issues.gpkg")
    assert not results.get("SUMMARY") and not results.get("REPORT")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".gpkg", ".html")) == [
        "issues.gpkg"
    ]
