"""placelink:loadstreets stages DTF street supplies on disk (core/formats/street_staging.py):
through processing.run its output equals the in-memory reader's streets, and the staging
file is gone after the run, also after a cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from osgeo import ogr
from placelink.core.formats import dtf81
from placelink.core.records import LoadStats, Reject
from placelink.core.sources import expand_sources
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsProcessingUtils

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "nsg_dtf81.csv"
MESSY = ROOT / "tests" / "fixtures" / "streets" / "dtf81_messy.csv"


def _staging_files() -> list[Path]:
    return sorted(Path(QgsProcessingUtils.tempFolder()).glob("placelink_streets_*"))


def _run(run_alg, inputs: list[Path], tmp_path: Path, feedback=None) -> tuple[dict, Path]:
    output = tmp_path / "streets.gpkg"
    result = run_alg(
        "placelink:loadstreets",
        {
            "INPUT": [str(p) for p in inputs],
            "FORMAT": 0,
            "OUTPUT": str(output),
            "REJECTED": "TEMPORARY_OUTPUT",
        },
        feedback=feedback,
    )
    return result, output


@pytest.mark.parametrize("supply", [SAMPLE, MESSY], ids=lambda p: p.stem)
def test_staged_output_equals_the_in_memory_reader(run_alg, tmp_path: Path, supply) -> None:
    result, output = _run(run_alg, [supply], tmp_path)
    assert _staging_files() == []
    stats = LoadStats()
    expected = {
        r["usrn"]: (r["street_description"], r["geometry_source"], len(r["lines"]))
        for r in dtf81.READER.read_in_memory(expand_sources([str(supply)]), stats)
        if not isinstance(r, Reject)
    }
    dataset = ogr.Open(str(output))  # the dataset must outlive its layer
    written = {
        f["usrn"]: (
            f["street_description"],
            f["geometry_source"],
            f.GetGeometryRef().GetGeometryCount(),
        )  # fmt: skip
        for f in dataset.GetLayer(0)
    }
    dataset = None
    assert written == expected
    assert (result["FEATURES"], result["LOADED"], result["REJECTED_COUNT"]) == (
        len(expected),
        stats.accepted,
        stats.rejected,
    )


class _CancelAtOnce(QgsProcessingFeedback):
    def setProgressText(self, text: str) -> None:
        self.cancel()


def _supply(path: Path, streets: int) -> None:
    """A DTF 8.1 supply: per street a street record, a descriptor and one ESU of 2 points."""
    rows = ['10,"TEST",9999,2024-07-04,1,2024-07-04,12:00:00,"8.1","F"']
    for s in range(streets):
        usrn, esu, x = 10_000_000 + s, 4_000_000_000_000 + s, 300_000 + s * 10.0
        rows += [
            f'11,"I",1,{usrn},1,9999,2,1995-05-21,1,1,1995-05-21,1995-05-21,1995-05-21,,'
            f"{x},200000,{x + 5},200000,1,1",
            f'15,"I",1,{usrn},"STREET {s}",,"TOWN","COUNCIL","ENG"',
            f'12,"I",1,{usrn},1,{esu},1',
            f'13,"I",1,{esu},1,2,1,1995-05-21,1995-05-21,1995-05-21,,1',
            f'14,"I",1,{esu},1,1,{x},200000',
            f'14,"I",1,{esu},1,2,{x + 5},200001',
        ]
    rows.append(f"99,0,{len(rows) - 1},2024-07-04,12:00:00")
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")


def test_cancel_removes_the_staging_file(run_alg, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    _supply(big, 12_000)  # more than two write batches, so the cancel cuts the load
    with pytest.raises(QgsProcessingException, match="Cancelled: no output was kept"):
        _run(run_alg, [big], tmp_path, feedback=_CancelAtOnce())
    assert _staging_files() == []  # nor the staging file
    assert not (tmp_path / "streets.gpkg").exists()
