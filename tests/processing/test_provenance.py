"""Every output layer carries its provenance: version, algorithm, parameters, inputs, time."""

from __future__ import annotations

import json
from pathlib import Path

from qgis.core import QgsVectorLayer

OPEN_UPRN = "UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\n100000000001,450000,210000,51,-1\n"


def _history(layer: QgsVectorLayer) -> dict:
    return json.loads(layer.metadata().history()[-1])


def test_geopackage_output_keeps_provenance_in_the_file(run_alg, tmp_path: Path) -> None:
    from placelink.metadata import plugin_version
    from placelink.qgis_support.provenance import file_fingerprint

    source = tmp_path / "uprn.csv"
    source.write_text(OPEN_UPRN, encoding="utf-8")
    out = tmp_path / "addresses.gpkg"
    run_alg("placelink:loadaddresses", {"INPUT": [str(source)], "OUTPUT": str(out),
                                        "REJECTED": "TEMPORARY_OUTPUT"})  # fmt: skip
    reopened = QgsVectorLayer(str(out), "reopened", "ogr")  # a fresh read of the file
    record = _history(reopened)
    assert record["plugin"] == f"PlaceLink {plugin_version()}"
    assert record["algorithm"] == "placelink:loadaddresses"
    assert record["input_fingerprints"]["INPUT"] == [file_fingerprint(str(source))]
    assert record["parameters"]["OUTPUT"] == str(out) and record["time"].endswith("+00:00")
    assert "placelink:loadaddresses" in reopened.metadata().abstract()


def test_memory_output_and_fingerprint_follow_the_content(run_alg, tmp_path: Path) -> None:
    from placelink.qgis_support.provenance import file_fingerprint

    source = tmp_path / "uprn.csv"
    source.write_text(OPEN_UPRN, encoding="utf-8")
    result = run_alg(
        "placelink:loadaddresses",
        {"INPUT": [str(source)], "OUTPUT": "TEMPORARY_OUTPUT", "REJECTED": "TEMPORARY_OUTPUT"},
    )
    first = _history(result["OUTPUT"])["input_fingerprints"]["INPUT"][0]
    assert first == file_fingerprint(str(source))
    source.write_text(OPEN_UPRN + "100000000002,450001,210001,51,-1\n", encoding="utf-8")
    assert file_fingerprint(str(source)) != first
