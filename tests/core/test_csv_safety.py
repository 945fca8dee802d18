"""Text written to CSV cannot run as a spreadsheet formula."""

from __future__ import annotations

import pytest
from placelink.core.csv_safety import is_spreadsheet_destination, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-2.59", "-2.59"),
        ("+44", "+44"),
        ("-1e5", "-1e5"),
        ("12 HIGH STREET", "12 HIGH STREET"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


def test_spreadsheet_destinations() -> None:
    assert is_spreadsheet_destination("/tmp/rejected.csv")
    assert is_spreadsheet_destination("C:/out/Summary.XLSX|layername=summary")
    assert is_spreadsheet_destination("/tmp/a.ods")
    assert not is_spreadsheet_destination("/tmp/a.gpkg|layername=csv")
    assert not is_spreadsheet_destination("memory:")
