"""qgis_process runs of placelink:applyupdates: a loaded GeoPackage updated in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from osgeo import ogr
from qgis_runner import QgisProcess

pytestmark = pytest.mark.qgis_process
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "addresses"


def test_load_then_apply_a_change_only_file(tmp_path: Path) -> None:
    qp = QgisProcess(tmp_path / "qp")
    qp.enable_plugin()
    target = tmp_path / "addresses.gpkg"
    qp.run(
        "placelink:loadaddresses",
        {
            "INPUT": [FIXTURES / "dtf73_full.csv"],
            "FORMAT": 1,
            "OUTPUT": target,
            "REJECTED": tmp_path / "load_rejected.gpkg",
        },
    )
    result = qp.run(
        "placelink:applyupdates",
        {
            "INPUT": [FIXTURES / "dtf73_cou.csv"],
            "FORMAT": 0,
            "TARGET": f"{target}|layername=addresses",
            "REJECTED": tmp_path / "rejected.gpkg",
        },
    )["results"]
    assert (result["INSERTED"], result["UPDATED"], result["DELETED"]) == (1, 1, 1)
    assert result["REJECTED_COUNT"] == 0
    dataset = ogr.Open(str(target))
    uprns = sorted(f["uprn"] for f in dataset.GetLayerByName("addresses"))
    assert 100062000008 in uprns and 100062000005 not in uprns
    (log,) = [f.items() for f in dataset.GetLayerByName("placelink_update_log")]
    assert (log["file"], log["inserted"], log["updated"], log["deleted"]) == (
        "dtf73_cou.csv",
        1,
        1,
        1,
    )
