"""REJECTED and SUMMARY written as CSV hold no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
from pathlib import Path

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

HEADER = "UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\r\n"
ATTACKS = ('=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-1+cmd")


def _cells(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        return [cell for row in csv.reader(f) for cell in row]


def _formula(cell: str) -> bool:
    return cell.startswith(("=", "+", "@", "\t", "\r")) or (
        cell.startswith("-") and not cell[1:].replace(".", "", 1).isdigit()
    )


def test_rejected_rows_written_as_csv_are_not_formulas(run_alg, tmp_path: Path) -> None:
    source = tmp_path / "attack.csv"
    rows = "".join(f"{attack},358000,173000,51.4,-2.5\r\n" for attack in ATTACKS)
    source.write_text(HEADER + rows + "10001,358000,173000,51.4,-2.5\r\n", encoding="utf-8")
    rejected = tmp_path / "rejected.csv"
    result = run_alg(
        "placelink:loadaddresses",
        {
            "INPUT": [str(source)],
            "FORMAT": 0,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "REJECTED": str(rejected),
        },
    )
    assert result["REJECTED_COUNT"] == len(ATTACKS)
    cells = _cells(rejected)
    assert not [c for c in cells if _formula(c)]
    # the raw text is kept, readable after the quote
    assert any(c.startswith("'=HYPERLINK(") for c in cells)
    assert "-2.5" in " ".join(cells)


def test_summary_written_as_csv_is_not_formulas(run_alg, tmp_path: Path) -> None:
    layer = QgsVectorLayer(
        "Point?crs=EPSG:27700&field=uprn:long&field=address:string&field=postcode:string",
        "addresses",
        "memory",
    )
    feature = QgsFeature(layer.fields())
    feature.setAttributes([1, "=1+1", "@bad"])
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(358000, 173000)))
    layer.dataProvider().addFeatures([feature])
    summary, issues = tmp_path / "summary.csv", tmp_path / "issues.csv"
    run_alg(
        "placelink:checkquality",
        {
            "ADDRESSES": layer,
            "ISSUES": str(issues),
            "SUMMARY": str(summary),
            "REPORT": str(tmp_path / "report.html"),
        },
    )
    for path in (summary, issues):
        cells = _cells(path)
        assert cells and not [c for c in cells if _formula(c)]
