"""placelink:applyupdates in QGIS: change-only files applied in place to a GeoPackage
addresses layer, in one transaction, with rejects and the update log."""

from __future__ import annotations

from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsProject, QgsVectorLayer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "addresses"
FULL, COU = FIXTURES / "dtf73_full.csv", FIXTURES / "dtf73_cou.csv"
HEADER_C = '10,"EXAMPLE DISTRICT COUNCIL",2235,2024-05-01,3,2024-05-01,10:15:00,7.3,C\r\n'
COMPARED = ("uprn", "usrn", "sao_start_number", "sao_start_suffix", "pao_start_number",
            "pao_text", "street_description", "town", "postcode", "classification",
            "logical_status", "address", "organisation", "alternatives")  # fmt: skip


def _load(run_alg, inputs: list[Path], output: Path) -> None:
    run_alg(
        "placelink:loadaddresses",
        {
            "INPUT": [str(p) for p in inputs],
            "FORMAT": 0,
            "OUTPUT": str(output),
            "REJECTED": "TEMPORARY_OUTPUT",
        },
    )


def _rows(path: Path, layer: str | None = None) -> dict[int, dict]:
    dataset = ogr.Open(str(path))
    lyr = dataset.GetLayerByName(layer) if layer else dataset.GetLayer(0)
    rows = {}
    for feature in lyr:
        row = {k: feature.GetField(k) for k in COMPARED}
        point = feature.GetGeometryRef()
        row["xy"] = (point.GetX(), point.GetY())
        rows[row["uprn"]] = row
    return rows


def _log(path: Path) -> list[dict]:
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayerByName("placelink_update_log")
    return [] if layer is None else [f.items() for f in layer]


def _apply(run_alg, inputs: list[Path], target: Path, feedback=None) -> dict:
    layer = QgsVectorLayer(f"{target}|layername={target.stem}", "target", "ogr")
    assert layer.isValid()
    # owned by the project, as a user's layer is: freed before QGIS exits (a layer held by a
    # failed run's traceback and freed after QGIS's exit crashes in GDAL)
    QgsProject.instance().addMapLayer(layer, False)
    return run_alg(
        "placelink:applyupdates",
        {
            "INPUT": [str(p) for p in inputs],
            "FORMAT": 0,
            "TARGET": layer,
            "REJECTED": "TEMPORARY_OUTPUT",
        },
        feedback=feedback,
    )


@pytest.fixture
def target(run_alg, tmp_path: Path) -> Path:
    path = tmp_path / "addresses.gpkg"
    _load(run_alg, [FULL], path)
    return path


def _reasons(result: dict) -> list[str]:
    return sorted(f["reason"] for f in result["REJECTED"].getFeatures())


def test_insert_update_delete_equal_a_reload_of_both_files(
    run_alg,
    target: Path,
    tmp_path: Path,
) -> None:
    before = _rows(target)
    result = _apply(run_alg, [COU], target)
    assert (result["INSERTED"], result["UPDATED"], result["DELETED"]) == (1, 1, 1)
    assert result["REJECTED_COUNT"] == 0
    after = _rows(target)
    assert 100062000005 in before and 100062000005 not in after
    assert after[100062000008]["street_description"] == "HIGH STREET"  # named from TARGET
    assert after[100062000003]["sao_start_suffix"] == "A"  # LPI update; BLPU from TARGET
    assert after[100062000003]["xy"] == before[100062000003]["xy"]
    reload = tmp_path / "reload.gpkg"
    _load(run_alg, [FULL, COU], reload)
    assert after == _rows(reload)
    (log,) = _log(target)
    assert (log["file"], log["inserted"], log["updated"], log["deleted"]) == (COU.name, 1, 1, 1)
    assert log["plugin_version"] and log["applied_at"] and log["target"] == "addresses"


def test_reject_reasons_when_applied_twice(run_alg, target: Path) -> None:
    _apply(run_alg, [COU], target)
    once = _rows(target)
    result = _apply(run_alg, [COU], target)
    assert (result["INSERTED"], result["DELETED"], result["REJECTED_COUNT"]) == (0, 0, 2)
    assert _reasons(result) == [
        "delete of UPRN 100062000005, which is not in TARGET (already gone)",
        "insert of UPRN 100062000008, which TARGET already holds",
    ]
    assert _rows(target) == once
    assert [row["rejected"] for row in _log(target)] == [0, 2]


def test_update_of_a_uprn_not_there(run_alg, target: Path, tmp_path: Path) -> None:
    cou = tmp_path / "update_missing.csv"
    cou.write_text(
        HEADER_C
        + "21,U,1,100062000077,1,2,2024-03-30,RD04,,552400.00,155300.00,1,2235,2024-03-30,,"
        "2024-03-30,2024-03-30,,,,,,\r\n"
        "24,U,2,100062000077,2235L000077,ENG,1,2024-03-30,,2024-03-30,2024-03-30,,,,,,3,,,,,"
        "24700001,,Y,TN13 1AF,SEVENOAKS,Y,,,\r\n99,0,2,2024-05-01,10:15:00\r\n"
    )
    before = _rows(target)
    result = _apply(run_alg, [cou], target)
    assert _reasons(result) == ["update of UPRN 100062000077, which is not in TARGET"]
    (reject,) = result["REJECTED"].getFeatures()
    assert reject["line"] == 2 and reject["raw"].startswith("21,U,1,100062000077,")
    assert _rows(target) == before


def test_several_files_in_order(run_alg, target: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.csv"  # updates the address the first file inserts
    second.write_text(
        HEADER_C + "24,U,1,100062000008,2235L000008,ENG,1,2024-03-30,,2024-03-30,2024-04-30,"
        ",,,,,18,,,,,24700001,,Y,TN13 1AF,SEVENOAKS,Y,,,\r\n"
        "21,D,2,100062000007,1,2,2012-12-12,CR07,,552350.00,155250.00,1,2235,2012-12-12,,"
        "2024-01-15,2012-12-12,,,,,,\r\n99,0,2,2024-05-01,10:15:00\r\n"
    )
    result = _apply(run_alg, [COU, second], target)
    assert (result["INSERTED"], result["UPDATED"], result["DELETED"]) == (1, 2, 2)
    after = _rows(target)
    assert after[100062000008]["pao_start_number"] == 18
    assert after[100062000008]["logical_status"] == 6  # the BLPU the first file inserted
    assert 100062000007 not in after
    assert [(r["file"], r["inserted"], r["updated"], r["deleted"]) for r in _log(target)] == [
        (COU.name, 1, 1, 1),
        (second.name, 0, 1, 1),
    ]
    # In the opposite order the update comes before the insert: rejected.
    other = tmp_path / "other.gpkg"
    _load(run_alg, [FULL], other)
    reverse = _apply(run_alg, [second, COU], other)
    assert "LPI for UPRN 100062000008" in " ".join(_reasons(reverse))


def test_a_failing_file_changes_nothing(run_alg, target: Path) -> None:
    before = _rows(target)
    with pytest.raises(QgsProcessingException, match="does not say change-only"):
        _apply(run_alg, [COU, FULL], target)  # the first applies, the second is a full supply
    assert _rows(target) == before
    assert _log(target) == []


class _CancelOnSecondFile(QgsProcessingFeedback):
    def pushInfo(self, info: str) -> None:
        if info.startswith("Applying") and "second" in info:
            self.cancel()


def test_cancel_leaves_nothing_half_written(run_alg, target: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.csv"
    second.write_text(HEADER_C + "99,0,0,2024-05-01,10:15:00\r\n")
    before = _rows(target)
    with pytest.raises(QgsProcessingException, match="nothing was changed"):
        _apply(run_alg, [COU, second], target, feedback=_CancelOnSecondFile())
    assert _rows(target) == before
    assert _log(target) == []


def test_deleting_one_lpi_of_an_address_that_stays_is_rejected_with_the_reason(
    run_alg,
    target: Path,
    tmp_path: Path,
) -> None:
    cou = tmp_path / "drop_alternative.csv"  # the alternative LPI of 100062000001 only
    cou.write_text(
        HEADER_C + "24,D,1,100062000001,2235L000011,ENG,3,2001-01-01,,2001-01-01,2023-06-01,"
        ',,,,,,,,,"THE OLD FORGE",24700001,,N,TN13 1AA,SEVENOAKS,N,,,\r\n'
        "99,0,1,2024-05-01,10:15:00\r\n"
    )
    before = _rows(target)
    result = _apply(run_alg, [cou], target)
    (reason,) = _reasons(result)
    assert reason.startswith("change type D deletes LPI key 2235L000011")
    assert "is not applied" in reason
    assert _rows(target) == before
