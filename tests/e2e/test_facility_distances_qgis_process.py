"""qgis_process run of placelink:facilitydistances on the bundled sample council."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from osgeo import ogr
from qgis_runner import QgisProcess

pytestmark = pytest.mark.qgis_process
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "sample_council.gpkg"


def test_sample_council_primaries_with_statutory_limits(tmp_path: Path) -> None:
    qp = QgisProcess(tmp_path / "qp")
    qp.enable_plugin()
    out = tmp_path / "distances.gpkg"
    table = tmp_path / "all_distances.csv"
    result = qp.run(
        "placelink:facilitydistances",
        {
            "ADDRESSES": f"{SAMPLE}|layername=addresses",
            "FACILITIES": f"{SAMPLE}|layername=facilities",
            "NAME_FIELD": "name",
            "PHASE_FIELD": "type",
            "PHASE": "primary school",
            "NETWORK": f"{SAMPLE}|layername=street_segments",
            "NEAREST": 2,
            "LIMITS": "3218.69,4828.03",
            "OUTPUT": out,
            "ALL_DISTANCES": table,
        },
    )
    assert any(line.startswith("5,000 addresses read") for line in result["log"]["info"])
    # qgis_process holds QGIS's GDAL: OUTPUT went as CSV turned into GeoPackage by it
    assert any(line.endswith("(GPKG, CSV then GDAL).") for line in result["log"]["info"])
    dataset = ogr.Open(str(out))  # kept: the layer dies with its dataset
    layer = dataset.GetLayer(0)
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "27700"
    assert ogr.GT_Flatten(layer.GetGeomType()) == ogr.wkbPoint
    first = layer.GetNextFeature()
    assert first.GetGeometryRef().GetX() > 100_000  # a British National Grid easting
    layer.ResetReading()
    rows = [f.items() for f in dataset.GetLayer(0)]
    by_uprn: dict[int, list[dict]] = {}
    for row in rows:
        by_uprn.setdefault(row["uprn"], []).append(row)
    assert len(by_uprn) == 5000  # every address appears
    ranked = [r for r in rows if r["rank"] is not None]
    assert {r["facility_name"] for r in ranked} <= {
        "Meadowside Primary School",
        "St Marys Church of England Primary School",
        "Bracken Hill Primary School",
    }
    for group in by_uprn.values():
        first = [r for r in group if r["rank"] == 1]
        if len(first) == 1 and len(group) == 2:
            second = next(r for r in group if r["rank"] == 2)
            assert first[0]["network_m"] <= second["network_m"]
        for r in group:
            if r["rank"] is not None:
                assert r["network_m"] >= r["straight_m"] - 100  # access walks not counted
                assert r["reason"].startswith(("nearest primary school", "2nd nearest"))
    # the full table: every address against all three primaries, its ranks 1-2 are OUTPUT's
    with table.open(newline="", encoding="utf-8") as handle:
        full = list(csv.DictReader(handle))
    assert len(full) == 5000 * 3
    assert any("= 15,000 rows" in line for line in result["log"]["info"])
    # qgis_process holds QGIS's GDAL in its global symbols: pyogrio is never loaded there
    assert any("shares QGIS's GDAL" in line for line in result["log"]["info"])
    firsts = {(r["uprn"], r["facility_name"]) for r in full if r["rank"] == "1"}
    assert firsts == {(str(r["uprn"]), r["facility_name"]) for r in rows if r["rank"] == 1}
