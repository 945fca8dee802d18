"""placelink:loadaddresses stages multi-record supplies on disk (core/formats/staging.py):
through processing.run its output equals the in-memory reader's records, and the staging
file is gone after the run, also after a cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from dtf73_supply import write_supply
from osgeo import ogr
from placelink.core.formats.assemble import AddressLoadStats
from placelink.core.loaders import load_addresses
from placelink.core.records import Reject
from qgis.core import QgsProcessingFeedback, QgsProcessingUtils

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "llpg_dtf73.csv"
FIXTURES = ROOT / "tests" / "fixtures" / "addresses"


def _staging_files() -> list[Path]:
    return sorted(Path(QgsProcessingUtils.tempFolder()).glob("placelink_staging_*"))


def _run(run_alg, inputs: list[Path], tmp_path: Path, feedback=None) -> tuple[dict, Path, Path]:
    output, rejected = tmp_path / "out.gpkg", tmp_path / "rejected.gpkg"
    result = run_alg(
        "placelink:loadaddresses",
        {
            "INPUT": [str(p) for p in inputs],
            "FORMAT": 0,
            "OUTPUT": str(output),
            "REJECTED": str(rejected),
        },
        feedback=feedback,
    )
    return result, output, rejected


def _in_memory(inputs: list[Path]) -> tuple[dict, list, AddressLoadStats]:
    stats = AddressLoadStats()
    records, rejects = {}, []
    for item in load_addresses([str(p) for p in inputs], "auto", stats):
        if isinstance(item, Reject):
            rejects.append((item.line, item.reason))
        else:
            records[item["uprn"]] = item
    return records, sorted(rejects), stats


def test_staged_output_equals_the_in_memory_reader(run_alg, tmp_path: Path) -> None:
    for inputs in ([SAMPLE], [FIXTURES / "abp_schema2.csv", FIXTURES / "abp_schema2_cou.csv"]):
        result, output, rejected = _run(run_alg, inputs, tmp_path)
        records, rejects, stats = _in_memory(inputs)
        assert _staging_files() == []
        written = {}
        out_ds = ogr.Open(str(output))  # the dataset must outlive its layer
        for feature in out_ds.GetLayer(0):
            point = feature.GetGeometryRef()
            written[feature["uprn"]] = (feature["address"], feature["alternatives"],
                                        point.GetX(), point.GetY())  # fmt: skip
        assert written == {
            u: (r["address"], r["alternatives"], r["x"], r["y"]) for u, r in records.items()
        }
        rej_ds = ogr.Open(str(rejected))
        got = sorted((f["line"], f["reason"]) for f in rej_ds.GetLayer(0))
        assert got == rejects
        out_ds = rej_ds = None  # closed before the next run replaces the files
        assert result["ROWS_READ"] == stats.data_rows
        assert result["LOADED"] + result["REJECTED_COUNT"] + result["MERGED_COUNT"] == (
            stats.data_rows
        )


class _CancelAtOnce(QgsProcessingFeedback):
    def setProgressText(self, text: str) -> None:
        self.cancel()


def test_cancel_removes_the_staging_file(run_alg, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    write_supply(big, 12_000)  # more than two write batches, so the cancel cuts the load
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="Cancelled: no output was kept"):
        _run(run_alg, [big], tmp_path, feedback=_CancelAtOnce())
    assert _staging_files() == []  # nor the staging file
    assert not (tmp_path / "out.gpkg").exists()


@pytest.mark.qgis_process
def test_a_large_file_read_by_two_processes_in_qgis_process(tmp_path: Path) -> None:
    """qgis_process.bin (no desktop: two processes) reads a supply over ``SPLIT_BYTES`` in
    two parts; the GeoPackage and its REJECTED rows equal the one-process reader's, with a
    duplicate BLPU and a truncated row after the middle of the file."""
    from placelink.core.formats import file_parts
    from qgis_runner import QgisProcess

    supply = tmp_path / "large.csv"
    uprns = file_parts.SPLIT_BYTES // 200
    write_supply(supply, uprns)
    with supply.open("a", encoding="utf-8", newline="") as fh:
        fh.write(
            "21,I,1,100060000003,1,2,2001-01-01,RD04,,540009.5,150000.5,1,2235,"
            "2001-01-01,,2023-06-01,2001-01-01,,,,,,\r\n21,I,1,100060000004,1\r\n"
        )
    assert file_parts.cut(supply) is not None  # big enough to be read in two parts
    output, rejected = tmp_path / "out.gpkg", tmp_path / "rejected.gpkg"
    runner = QgisProcess(tmp_path / "qp")
    runner.enable_plugin()
    runner.env["PLACELINK_LOAD_WORKERS"] = "2"  # two processes, whatever the environment says
    result = runner.run(
        "placelink:loadaddresses",
        {"INPUT": [supply], "FORMAT": 0, "OUTPUT": output, "REJECTED": rejected},
    )["results"]
    records, rejects, stats = _in_memory([supply])
    assert (result["LOADED"], result["REJECTED_COUNT"]) == (uprns, 2)
    out_ds = ogr.Open(str(output))
    written = {}
    for feature in out_ds.GetLayer(0):
        point = feature.GetGeometryRef()
        written[feature["uprn"]] = (feature["address"], point.GetX(), point.GetY())
    assert written == {u: (r["address"], r["x"], r["y"]) for u, r in records.items()}
    rej_ds = ogr.Open(str(rejected))
    assert sorted((f["line"], f["reason"]) for f in rej_ds.GetLayer(0)) == rejects
    assert result["ROWS_READ"] == stats.data_rows
