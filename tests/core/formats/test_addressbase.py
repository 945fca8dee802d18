"""AddressBase Premium (both BLPU schemas, change-only updates), Plus and Core readers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from placelink.core.formats import addressbase, addressbase_plus_core, detect
from placelink.core.formats.assemble import (
    AddressLoadStats,
    format_alternatives,
    parse_alternatives,
)
from placelink.core.loaders import load_addresses
from placelink.core.records import Reject
from placelink.core.sources import expand_sources

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "addresses"
SCHEMA2 = FIXTURES / "abp_schema2.csv"
SCHEMA1 = FIXTURES / "abp_schema1.csv"


def _load(
    *paths: Path, fmt: str = "auto"
) -> tuple[dict[int, dict], list[Reject], AddressLoadStats]:
    stats = AddressLoadStats()
    records, rejects = {}, []
    for item in load_addresses(list(paths), fmt, stats):
        if isinstance(item, Reject):
            rejects.append(item)
        else:
            assert item["uprn"] not in records
            records[item["uprn"]] = item
    return records, rejects, stats


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("abp_schema2.csv", addressbase.NAME),
        ("abp_schema1.csv", addressbase.NAME),
        ("abp_utf8_bom.csv", addressbase.NAME),
        ("abplus.csv", addressbase_plus_core.PLUS),
        ("abcore.csv", addressbase_plus_core.CORE),
        ("dtf73_full.csv", "DTF 7.3"),
        ("open_uprn_bom.csv", "OS Open UPRN"),
    ],
)
def test_format_detection(name: str, expected: str) -> None:
    assert detect.detect_address_format(expand_sources([FIXTURES / name])) == expected


def test_schema2_addresses() -> None:
    records, rejects, stats = _load(SCHEMA2)
    assert sorted(records) == [10002000001, 10002000002, 10002000003, 10002000004, 10002000005]
    shop = records[10002000001]
    assert (shop["x"], shop["y"]) == (318100.0, 176050.0)
    assert shop["address"] == "21 QUEEN STREET, CARDIFF, CF10 2AA"
    assert shop["classification"] == "CR01"  # the AddressBase scheme, not the VOA code
    assert (shop["postcode"], shop["postal_address"], shop["usrn"]) == ("CF10 2AA", "D", 14200001)
    assert shop["last_update_date"] == "2023-03-03"
    assert parse_alternatives(shop["alternatives"]) == [
        ("LPI", 1, "CYM", "21 HEOL Y FRENHINES, CAERDYDD, CF10 2AA"),
        ("LPI", 3, "ENG", "QUEEN'S CHAMBERS, 21-23 QUEEN STREET, CARDIFF, CF10 2AA"),
        ("DPA", None, None, "21 QUEEN STREET, CARDIFF, CF10 2AA"),
    ]
    flat = records[10002000002]
    assert flat["parent_uprn"] == 10002000003
    assert flat["pao_text"] == 'ST DAVID\'S "HUB", BLOCK B'
    assert flat["address"] == (
        'FLAT 1, ST DAVID\'S "HUB", BLOCK B, 30B QUEEN STREET, CARDIFF, CF10 2AB'
    )
    assert records[10002000003]["classification"] == "PP"
    castle = records[10002000004]
    assert castle["organisation"] == "CARDIFF CASTLE TRUST"  # the current one, not end-dated
    assert castle["address"] == (
        "CARDIFF CASTLE TRUST, CASTLE HOUSE, 1 CASTLE STREET, CARDIFF, CF10 3RB"
    )
    assert castle["rpc"] == 2
    assert records[10002000005]["address"] == "3-5 CASTLE STREET, CARDIFF, CF10 3RB"

    assert [(r.line, r.reason) for r in rejects] == [
        (
            11,
            "record 21 (BLPU): 21 fields: the BLPU layout has 22 (schema 2) or 19 "
            "(schema 1); the row looks truncated",
        )
    ]
    assert any("5 row(s) in the 22-field layout (schema 2" in d for d in stats.detected)
    assert (stats.not_needed, stats.reference) == (3, 3)  # 11, 23, 30; three descriptors
    assert stats.accounted() == stats.data_rows == 30


def test_schema1_addresses_and_30_field_delivery_point() -> None:
    records, rejects, stats = _load(SCHEMA1)
    assert sorted(records) == [100023000001, 100023000002]
    house = records[100023000001]
    assert (house["x"], house["y"]) == (529500.0, 181000.0)
    assert house["address"] == "12A-12C MARKET STREET, SOHO, LONDON, W1D 4AA"
    assert (house["pao_start_suffix"], house["pao_end_number"], house["pao_end_suffix"]) == (
        "A",
        12,
        "C",
    )
    assert house["administrative_area"] == "CITY OF WESTMINSTER"
    assert parse_alternatives(house["alternatives"]) == [
        ("DPA", None, None, "12A-12C MARKET STREET, LONDON, W1D 4AA")
    ]
    historic = records[100023000002]
    assert (historic["logical_status"], historic["blpu_state"]) == (8, 4)
    assert historic["end_date"] == "2009-09-09"
    assert historic["address"] == "THE WINDMILL, 14 MARKET STREET, SOHO, LONDON, W1D 4AB"
    assert {r.line: r.reason for r in rejects} == {
        5: "record 21 (BLPU): coordinate 'abc' is not a number",
        8: "LPI for UPRN 100023000003: its BLPU was rejected (coordinate 'abc' is not a number)",
    }
    assert any("3 row(s) in the 19-field layout (schema 1" in d for d in stats.detected)
    assert any("1 row(s) with 30 fields" in d for d in stats.detected)
    assert stats.accounted() == stats.data_rows == 10


def test_change_only_update_in_a_zip_applied_in_member_order() -> None:
    records, rejects, stats = _load(FIXTURES / "abp_schema2_full_and_cou.zip")
    assert sorted(records) == [10002000001, 10002000003, 10002000004, 10002000005, 10002000009]
    assert (records[10002000001]["x"], records[10002000001]["y"]) == (318110.0, 176060.0)
    assert records[10002000001]["last_update_date"] == "2024-03-10"
    assert records[10002000004]["address"] == (
        "CARDIFF CASTLE TRUST, CASTLE CHAMBERS, 1 CASTLE STREET, CARDIFF, CF10 3RB"
    )
    new = records[10002000009]
    assert (new["address"], new["classification"], new["blpu_state"]) == (
        "7 CASTLE STREET, CARDIFF, CF10 3RD",
        "RD02",
        1,
    )
    cou = [r for r in rejects if r.file.endswith("2_abp_cou.csv")]
    assert [(r.line, r.reason) for r in cou] == [
        (5, "change type D deletes UPRN 10002000077, which no earlier row inserted")
    ]
    assert any("says 99 records but the file has 10 data records" in w for w in stats.warnings)
    assert any("file type change-only update" in d for d in stats.detected)
    assert stats.replaced == 10
    assert stats.accounted() == stats.data_rows == 40


def test_utf8_bom_and_welsh_lpi() -> None:
    records, rejects, stats = _load(FIXTURES / "abp_utf8_bom.csv")
    house = records[10002000201]
    assert house["address"] == "CAFÉ HOUSE, 2 WATER ROAD, CARDIFF, CF10 4ZZ"
    assert parse_alternatives(house["alternatives"]) == [
        ("LPI", 1, "CYM", "TŶ CAFÉ, 2 FFORDD Ŵ, CAERDYDD, CF10 4ZZ")
    ]
    assert (rejects, stats.non_utf8_lines, stats.blank_lines) == ([], 0, 1)


def test_plus_columns_mapped_by_name() -> None:
    records, rejects, stats = _load(FIXTURES / "abplus.csv")
    assert sorted(records) == [200004000001, 200004000002]
    house = records[200004000001]
    assert (house["x"], house["y"], house["usrn"]) == (451200.0, 206300.0, 38300001)
    assert house["address"] == "4 BROAD STREET, OXFORD, OX1 3AA"
    assert (house["classification"], house["blpu_state"], house["postal_address"]) == (
        "RD04",
        2,
        "D",
    )
    assert house["alternatives"] is None  # the postal address is the same text
    flat = records[200004000002]
    assert flat["address"] == "FLAT 3, BALLIOL HOUSE, 6-8 BROAD STREET, CENTRAL, OXFORD, OX1 3AB"
    assert flat["parent_uprn"] == 200004000009
    assert parse_alternatives(flat["alternatives"]) == [
        ("DPA", None, None, "FLAT 3, BALLIOL HOUSE, 6 BROAD STREET, OXFORD, OX1 3AB")
    ]
    assert {r.line: r.reason for r in rejects} == {
        4: "coordinate '20x6320' is not a number",
        5: "duplicate UPRN 200004000001: kept the first, at abplus.csv line 2",
    }
    assert stats.accepted + stats.rejected == stats.data_rows == 4


def test_plus_change_file_applied_when_given_after_the_full_file(tmp_path: Path) -> None:
    columns = addressbase_plus_core.PLUS_COLUMNS
    change = tmp_path / "plus_cou.csv"
    with change.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for values in (
            {"UPRN": "200004000001", "CHANGE_TYPE": "U", "X_COORDINATE": "451205",
             "Y_COORDINATE": "206305", "PAO_START_NUMBER": "4", "PAO_START_SUFFIX": "A",
             "STREET_DESCRIPTION": "BROAD STREET", "TOWN_NAME": "OXFORD",
             "POSTCODE_LOCATOR": "OX1 3AA"},
            {"UPRN": "200004000002", "CHANGE_TYPE": "I", "X_COORDINATE": "451211",
             "Y_COORDINATE": "206311", "PAO_TEXT": "BALLIOL LODGE",
             "STREET_DESCRIPTION": "BROAD STREET", "TOWN_NAME": "OXFORD"},
            {"UPRN": "200004000002", "CHANGE_TYPE": "D"},
            {"UPRN": "200004000404", "CHANGE_TYPE": "D"},
        ):  # fmt: skip
            writer.writerow([values.get(c, "") for c in columns])
    records, rejects, stats = _load(FIXTURES / "abplus.csv", change)
    assert sorted(records) == [200004000001, 200004000002]
    assert records[200004000001]["address"] == "4A BROAD STREET, OXFORD, OX1 3AA"
    assert records[200004000001]["x"] == 451205.0
    # The file's delete is applied before its insert (OS: deletes first, then the rest).
    assert records[200004000002]["address"] == "BALLIOL LODGE, BROAD STREET, OXFORD"
    assert [r.reason for r in rejects if r.file == "plus_cou.csv"] == [
        "change type D deletes UPRN 200004000404, which no earlier row inserted"
    ]
    assert stats.replaced == 3
    assert stats.accounted() == stats.data_rows == 8


def test_core_rows() -> None:
    records, rejects, _ = _load(FIXTURES / "abcore.csv")
    assert sorted(records) == [100090000001, 100090000002]
    shop = records[100090000001]
    assert shop["address"] == "12B, PARK ROW, BRISTOL, BS1 5LJ"  # as supplied
    assert (shop["pao_start_number"], shop["pao_start_suffix"]) == (12, "B")
    assert (shop["x"], shop["y"], shop["classification"]) == (358000.0, 173000.0, "RD03")
    flat = records[100090000002]
    assert (flat["sao_text"], flat["pao_text"], flat["parent_uprn"]) == (
        "FLAT 1",
        "CABOT HOUSE",
        100090000009,
    )
    assert [(r.line, r.reason) for r in rejects] == [
        (4, "coordinates -5, 173020 are outside the British National Grid")
    ]


def test_headerless_core_read_in_the_published_column_order(tmp_path: Path) -> None:
    path = tmp_path / "core_no_header.csv"
    lines = (FIXTURES / "abcore.csv").read_text().splitlines()[1:]
    path.write_text("\n".join(lines) + "\n")
    records, _, _ = _load(path)
    assert sorted(records) == [100090000001, 100090000002]


def test_alternatives_text_round_trip_and_limit() -> None:
    text = format_alternatives([("LPI3/ENG", "A | B, TOWN"), ("DPA", "1 HIGH ST, TOWN")])
    assert text == "LPI3/ENG: A / B, TOWN | DPA: 1 HIGH ST, TOWN"
    assert parse_alternatives(text) == [
        ("LPI", 3, "ENG", "A / B, TOWN"),
        ("DPA", None, None, "1 HIGH ST, TOWN"),
    ]
    many = format_alternatives(
        [("LPI8/ENG", f"{n} LONG ROAD NAME, SOMEWHERE, AB1 2CD") for n in range(80)]
    )
    assert len(many) <= 2000
    kept = parse_alternatives(many)
    assert kept[0] == ("LPI", 8, "ENG", "0 LONG ROAD NAME, SOMEWHERE, AB1 2CD")
    assert many.endswith(f" | +{80 - len(kept)} more")
    assert format_alternatives([]) is None


def test_supply_split_by_record_type_with_header_rows(tmp_path: Path) -> None:
    """OS's own splitter writes one CSV per record type, each with a header row of names."""
    import zipfile

    groups: dict[str, list[str]] = {}
    for line in SCHEMA2.read_text().splitlines():
        groups.setdefault(line.split(",", 1)[0], []).append(line)
    archive = tmp_path / "split.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for kind, lines in groups.items():
            header = "RECORD_IDENTIFIER,CHANGE_TYPE,PRO_ORDER,UPRN"
            zf.writestr(f"ID{kind}_Records.csv", "\n".join([header, *lines]) + "\n")
    assert detect.detect_address_format(expand_sources([archive])) == addressbase.NAME
    records, rejects, stats = _load(archive)
    assert sorted(records) == [10002000001, 10002000002, 10002000003, 10002000004, 10002000005]
    assert records[10002000001]["classification"] == "CR01"
    assert len(rejects) == 1 and stats.accounted() == stats.data_rows == 30
    assert not any("trailer" in w for w in stats.warnings)
