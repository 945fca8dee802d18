"""The malformed corpus through placelink:loadaddresses / loadstreets / loadpostcodes in
QGIS (processing.run) and, for a few files, qgis_process.bin: every load ends in rows and
REJECTED rows with reasons, or in one clear sentence naming the file — never a traceback."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback
from qgis_runner import QgisProcess

_SPEC = importlib.util.spec_from_file_location(
    "malformed_corpus", Path(__file__).resolve().parents[1] / "fixtures/malformed/corpus.py"
)
corpus = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(corpus)


def _parameters(algorithm: str, path: Path) -> dict:
    parameters = {
        "INPUT": [str(path)],
        "OUTPUT": "TEMPORARY_OUTPUT",
        "REJECTED": "TEMPORARY_OUTPUT",
    }
    if algorithm != corpus.POSTCODES:
        parameters["FORMAT"] = 0
    return parameters


def _check_error(message: str, name: str, words: str) -> None:
    assert name in message and words in message
    assert "Traceback" not in message and "\n" not in message.strip()


def _check_rows(result: dict, loaded: int | None, rejected: int | None) -> None:
    merged = result.get("MERGED_COUNT", 0)
    assert result["ROWS_READ"] == result["LOADED"] + result["REJECTED_COUNT"] + merged
    layer = result["REJECTED"]
    assert layer.featureCount() == result["REJECTED_COUNT"]
    assert all(f["reason"] for f in layer.getFeatures())
    if loaded is not None:
        assert (result["LOADED"], result["REJECTED_COUNT"]) == (loaded, rejected)


@pytest.mark.parametrize(("name", "algorithm", "expected"), corpus.CORPUS)
def test_malformed_file_in_qgis(run_alg, name: str, algorithm: str, expected: tuple) -> None:
    path = corpus.HERE / name
    feedback = QgsProcessingFeedback()
    if expected[0] == "error":
        with pytest.raises(QgsProcessingException) as caught:
            run_alg(f"placelink:{algorithm}", _parameters(algorithm, path), feedback=feedback)
        _check_error(str(caught.value), name, expected[1])
        return
    result = run_alg(f"placelink:{algorithm}", _parameters(algorithm, path), feedback=feedback)
    _check_rows(result, *expected[1:])


@pytest.mark.parametrize(("name", "expected"), corpus.VECTOR_CORPUS)
def test_malformed_vector_file_in_qgis(run_alg, name: str, expected: tuple) -> None:
    path = corpus.HERE / name
    parameters = _parameters(corpus.STREETS, path)
    if expected[0] == "error":
        with pytest.raises(QgsProcessingException) as caught:
            run_alg("placelink:loadstreets", parameters, feedback=QgsProcessingFeedback())
        _check_error(str(caught.value), name, expected[1])
        return
    result = run_alg("placelink:loadstreets", parameters, feedback=QgsProcessingFeedback())
    _check_rows(result, None, None)
    assert result["REJECTED_COUNT"] >= 1


@pytest.mark.qgis_process
def test_malformed_files_through_qgis_process(tmp_path: Path) -> None:
    """qgis_process.bin: a clear one-line error (no traceback) and a load with rejects."""
    runner = QgisProcess(tmp_path / "qp")
    runner.enable_plugin()
    for name, algorithm, words in (
        ("not_a_zip.zip", corpus.ADDRESSES, "is not a zip file"),
        ("geojson_named.csv", corpus.STREETS, "holds JSON"),
        ("postcodes_binary_garbage.csv", corpus.POSTCODES, "is not a text file"),
    ):
        parameters = _parameters(algorithm, corpus.HERE / name)
        parameters.update(OUTPUT=tmp_path / f"{name}.gpkg", REJECTED=tmp_path / f"{name}_r.gpkg")
        with pytest.raises(RuntimeError) as caught:
            runner.run(f"placelink:{algorithm}", parameters)
        text = str(caught.value)
        assert f"{name} {words}" in text and "Traceback" not in text
        assert not (tmp_path / f"{name}.gpkg").exists()
    result = runner.run(
        "placelink:loadaddresses",
        {
            "INPUT": [corpus.HERE / "utf16le_bom_dtf73.csv"],
            "FORMAT": 0,
            "OUTPUT": tmp_path / "utf16.gpkg",
            "REJECTED": tmp_path / "utf16_rejected.gpkg",
        },
    )
    results = result["results"]
    assert (results["LOADED"], results["REJECTED_COUNT"]) == (6, 6)
    json.dumps(results)  # plain values, readable by a script
