"""placelink:checkquality through qgis_process on GeoPackage layers written by hand."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from qgis_runner import QgisProcess

pytestmark = pytest.mark.qgis_process

ADDRESSES_GEOJSON = {
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [500000 + 20 * i, 150010]},
            "properties": {
                "uprn": uprn,
                "usrn": 11,
                "pao_start_number": i + 1,
                "street_description": "HIGH STREET",
                "town": "SEVENOAKS",
                "postcode": postcode,
                "classification": "RD04",
                "logical_status": 1,
                "blpu_state": 2,
                "rpc": 1,
            },
        }
        for i, (uprn, postcode) in enumerate(
            [(1001, "TN13 1AA"), (1002, "TN13 1AA"), (1002, "tn13 1aa"), (1004, "TN13 1AB")]
        )
    ],
}
STREETS_GEOJSON = {
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coords},
            "properties": {
                "usrn": usrn,
                "street_description": name,
                "town": "SEVENOAKS",
                "administrative_area": "KENT",
                "street_type": 1,
                "state": 2,
            },
        }
        for usrn, name, coords in [
            (11, "HIGH STREET", [[500000, 150000], [500400, 150000]]),
            (12, "MILL LANE", [[500000, 150900], [500100, 150900]]),
            (13, "CHURCH LANE", [[500400, 150000], [500400, 150300]]),
        ]
    ],
}


def test_checkquality_via_qgis_process(tmp_path: Path) -> None:
    addresses = tmp_path / "addresses.geojson"
    streets = tmp_path / "streets.geojson"
    addresses.write_text(json.dumps(ADDRESSES_GEOJSON), encoding="utf-8")
    streets.write_text(json.dumps(STREETS_GEOJSON), encoding="utf-8")
    qp = QgisProcess(tmp_path / "qp")
    qp.enable_plugin()
    result = qp.run(
        "placelink:checkquality",
        {
            "ADDRESSES": addresses,
            "STREETS": streets,
            "RULES": "A01,A18,S05,A19",
            "STREET_DISTANCE": 100,
            "ISSUES": tmp_path / "issues.gpkg",
            "SUMMARY": tmp_path / "summary.gpkg",
            "REPORT": tmp_path / "report.html",
        },
    )
    outputs = result["results"]
    assert outputs["ISSUE_COUNT"] == 4  # two A01 (1002 twice), one A18, one S05
    assert outputs["ERROR_COUNT"] == 3
    with sqlite3.connect(tmp_path / "issues.gpkg") as db:
        rows = db.execute(
            "SELECT rule_id, feature_key, message FROM issues ORDER BY fid"
        ).fetchall()
    assert [(r[0], r[1]) for r in rows] == [
        ("A01", 1002),
        ("A01", 1002),
        ("A18", 1002),
        ("S05", 12),
    ]
    assert (
        rows[1][2] == "UPRN 1002 (feature 2) duplicates the UPRN of feature 1"
    )  # GeoJSON ids from 0
    assert "postcode 'tn13 1aa' which is not in BS 7666 format" in rows[2][2]
    with sqlite3.connect(tmp_path / "summary.gpkg") as db:
        summary = dict(db.execute("SELECT rule_id, status FROM summary").fetchall())
    assert summary == {
        "A01": "checked",
        "A18": "checked",
        "A19": "not applicable: no POSTCODES layer",
        "S05": "checked",
    }
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "A19 — Postcode not in Code-Point Open" in html
    assert "A01, A18" in html  # HIGH STREET's row among the worst streets
