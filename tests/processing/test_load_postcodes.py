"""placelink:loadpostcodes in QGIS: the real Code-Point Open files into postcode points."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import QgsProcessingFeedback

ROOT = Path(__file__).resolve().parents[2]
CODEPOINT = ROOT.parent / "shared" / "data" / "codepoint-open"
needs_real_files = pytest.mark.skipif(
    not (CODEPOINT / "tn.csv").exists(),
    reason=f"the real Code-Point Open files are not in {CODEPOINT} (OS OpenData, not shipped)",
)


class Log(QgsProcessingFeedback):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def pushInfo(self, info: str) -> None:
        self.lines.append(info)

    def pushWarning(self, warning: str) -> None:
        self.lines.append(f"WARNING {warning}")


def _run(run_alg, inputs: list):
    log = Log()
    result = run_alg(
        "placelink:loadpostcodes",
        {
            "INPUT": [str(p) for p in inputs],
            "OUTPUT": "TEMPORARY_OUTPUT",
            "REJECTED": "TEMPORARY_OUTPUT",
        },
        feedback=log,
    )
    return result, log


@needs_real_files
def test_real_tn_file(run_alg) -> None:
    result, log = _run(run_alg, [CODEPOINT / "tn.csv"])
    rows = len((CODEPOINT / "tn.csv").read_text(encoding="utf-8").splitlines())
    assert result["ROWS_READ"] == result["LOADED"] == rows
    assert result["REJECTED_COUNT"] == 0
    layer = result["OUTPUT"]
    assert layer.featureCount() == rows and layer.crs().authid() == "EPSG:27700"
    by_postcode = {f["postcode"]: f for f in layer.getFeatures()}
    first = by_postcode["TN1 1AG"]
    assert first.geometry().asWkt(0) == "Point (558343 139535)"
    assert (first["positional_quality"], first["admin_district_code"]) == (10, "E07000116")
    assert by_postcode["TN11 8BY"].geometry().asWkt(0) == "Point (551670 146662)"
    assert (
        f"{rows:,} data rows read from 1 file(s): {rows:,} to OUTPUT + 0 to REJECTED = {rows:,}"
        in (log.lines)
    )
    assert layer.renderer().type() == "categorizedSymbol"
    assert layer.renderer().classAttribute() == "positional_quality"


def test_bad_rows_go_to_rejected(run_alg, tmp_path: Path) -> None:
    path = tmp_path / "tn.csv"
    path.write_text(
        '"TN131AA",10,552874,155253,"E92000001","E19000002","E18000008","E10000016","E07000111","E05004987"\n'
        '"TN13 1AB",90,0,0,"E92000001","","","","",""\n'
        '"B1  1AY",10,406768,286765,"E92000001","","","","E08000025",""\n'
        '"TN13 1AE",10,552874\n',
        encoding="utf-8",
    )
    result, log = _run(run_alg, [path])
    assert (result["ROWS_READ"], result["LOADED"], result["REJECTED_COUNT"]) == (4, 2, 2)
    assert sorted(f["postcode"] for f in result["OUTPUT"].getFeatures()) == ["B1 1AY", "TN13 1AA"]
    reasons = {f["line"]: f["reason"] for f in result["REJECTED"].getFeatures()}
    assert reasons[2] == "postcode TN13 1AB has no coordinates (positional quality 90)"
    assert "truncated line" in reasons[4]
    assert "4 data rows read from 1 file(s): 2 to OUTPUT + 2 to REJECTED = 4" in log.lines
