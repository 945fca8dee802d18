"""OS Open UPRN reader: canonical records, rejects with reasons, accounting."""

from __future__ import annotations

from pathlib import Path

import pytest
from placelink.core.loaders import load_addresses
from placelink.core.records import LoadStats, Reject

OPEN_UPRN = (
    "\ufeffUPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\r\n"
    "100021892955,552431.00,155203.00,51.2750,0.1901\r\n"
    "\r\n"
    "10070051045,552440.57,155190.12,51.2749,0.1902\r\n"
    "10070051046,55244O.57,155190.12,51.2749,0.1902\r\n"
    "10070051047,-1200000,155190.12,51.2749,0.1902\r\n"
    "100021892955,552431.00,155203.00,51.2750,0.1901\r\n"
    "ABC,552431.00,155203.00,51.2750,0.1901\r\n"
    "10070051048,552431.00\r\n"
)


def _load(tmp_path: Path) -> tuple[list, list, LoadStats]:
    path = tmp_path / "osopenuprn_202611.csv"
    path.write_bytes(OPEN_UPRN.encode("utf-8"))
    stats = LoadStats()
    items = list(load_addresses([path], "auto", stats))
    return (
        [i for i in items if not isinstance(i, Reject)],
        [i for i in items if isinstance(i, Reject)],
        stats,
    )


def test_good_rows_become_canonical_addresses(tmp_path: Path) -> None:
    records, _, stats = _load(tmp_path)
    assert [(r["uprn"], r["x"], r["y"]) for r in records] == [
        (100021892955, 552431.0, 155203.0),
        (10070051045, 552440.57, 155190.12),
    ]
    assert records[0]["source"] == "OS Open UPRN" and records[0]["address"] is None
    assert stats.detected == ["detected format: OS Open UPRN"]


def test_bad_rows_are_rejected_with_line_and_reason(tmp_path: Path) -> None:
    _, rejects, _ = _load(tmp_path)
    got = {(r.line, r.reason) for r in rejects}
    assert got == {
        (5, "coordinate '55244O.57' is not a number"),
        (6, "coordinates -1.2e+06, 155190 are outside the British National Grid"),
        (7, "duplicate UPRN 100021892955: first seen at osopenuprn_202611.csv line 2"),
        (8, "UPRN 'ABC' is not a whole number"),
        (9, "row has too few fields"),
    }
    assert all(r.file == "osopenuprn_202611.csv" for r in rejects)
    assert rejects[0].raw == "10070051046,55244O.57,155190.12,51.2749,0.1902"


def test_every_data_row_is_accounted_for(tmp_path: Path) -> None:
    records, rejects, stats = _load(tmp_path)
    assert stats.data_rows == 7 == len(records) + len(rejects)
    assert stats.blank_lines == 1
    assert stats.accounting_line() == (
        "7 data rows read from 1 file(s): 2 to OUTPUT + 5 to REJECTED = 7"
    )


def test_unrecognised_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "mystery.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="could not recognise the format of mystery.csv"):
        list(load_addresses([path]))
