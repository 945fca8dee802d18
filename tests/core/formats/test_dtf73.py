"""DTF 7.3 address records: hand-written fixtures checked field by field against the layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from placelink.core.formats import detect, dtf73
from placelink.core.formats.assemble import AddressLoadStats, parse_alternatives
from placelink.core.loaders import load_addresses
from placelink.core.records import Reject
from placelink.core.sources import expand_sources

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "addresses"
FULL = FIXTURES / "dtf73_full.csv"


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


def test_detected_from_the_header_version() -> None:
    assert detect.detect_address_format(expand_sources([FULL])) == dtf73.NAME


def test_detected_without_header_by_the_blpu_class_field(tmp_path: Path) -> None:
    body = FULL.read_bytes().split(b"\r\n", 1)[1]  # drop the header record
    path = tmp_path / "no_header.csv"
    path.write_bytes(body)
    fmt, why = detect.detect_address_format_with_reason(expand_sources([path]))
    assert fmt == dtf73.NAME
    assert "class code (RD04)" in why


def test_dtf81_street_file_is_refused_with_a_pointer(tmp_path: Path) -> None:
    path = tmp_path / "nsg.csv"
    path.write_text('10,"COUNCIL",2235,2024-01-01,1,2024-01-01,10:00:00,8.1,F\n')
    with pytest.raises(ValueError, match="Load streets"):
        detect.detect_address_format(expand_sources([path]))


def test_addresses_built_from_blpu_lpi_and_street() -> None:
    records, _, _ = _load(FULL)
    assert sorted(records) == [
        100062000001,
        100062000002,
        100062000003,
        100062000004,
        100062000005,
        100062000007,
    ]
    house = records[100062000001]
    assert (house["x"], house["y"]) == (552100.0, 155100.0)
    assert house["address"] == "12-14 HIGH STREET, SEVENOAKS, TN13 1AA"
    assert (house["pao_start_number"], house["pao_end_number"]) == (12, 14)
    assert house["usrn"] == 24700001
    assert house["street_description"] == "HIGH STREET"
    assert house["town"] == "SEVENOAKS"
    assert house["administrative_area"] == "KENT"
    assert house["postcode"] == "TN13 1AA"
    assert house["classification"] == "RD04"
    assert (house["logical_status"], house["blpu_state"], house["rpc"]) == (1, 2, 1)
    assert house["start_date"] == "2001-01-01"
    assert house["last_update_date"] == "2023-06-01"
    assert (house["language"], house["official_flag"], house["postal_address"]) == ("ENG", "Y", "Y")
    assert house["source"] == "DTF 7.3"
    # The alternative LPI (logical status 3) is kept, not lost.
    assert parse_alternatives(house["alternatives"]) == [
        ("LPI", 3, "ENG", "THE OLD FORGE, HIGH STREET, SEVENOAKS, TN13 1AA")
    ]


def test_flat_parent_suffix_historic_organisation_and_quoted_text() -> None:
    records, _, _ = _load(FULL)
    flat = records[100062000003]
    assert flat["parent_uprn"] == 100062000002
    assert (flat["sao_text"], flat["sao_start_number"], flat["pao_text"]) == (
        "FLAT",
        2,
        "ROSE COURT",
    )
    assert flat["address"] == "FLAT 2, ROSE COURT, 10 HIGH STREET, SEVENOAKS, TN13 1AB"
    assert records[100062000002]["classification"] == "PP"

    suffixed = records[100062000004]
    assert (suffixed["pao_start_number"], suffixed["pao_start_suffix"]) == (5, "A")
    assert suffixed["address"] == "5A ROSE LANE, OTFORD, SEVENOAKS, TN14 5QQ"
    assert suffixed["locality"] == "OTFORD"
    assert parse_alternatives(suffixed["alternatives"]) == [
        ("LPI", 8, "ENG", "5 ROSE LANE, OTFORD, SEVENOAKS, TN14 5QQ")
    ]

    shop = records[100062000005]
    assert shop["organisation"] == "ACME WIDGETS LTD"
    assert shop["address"] == "ACME WIDGETS LTD, UNIT 3, 7 HIGH STREET, SEVENOAKS, TN13 1AD"

    bakery = records[100062000007]
    assert bakery["pao_text"] == 'THE "OLD" BAKERY, ANNEX'
    assert bakery["address"] == 'THE "OLD" BAKERY, ANNEX, ROSE LANE, OTFORD, SEVENOAKS, TN14 5QR'


def test_rejects_carry_line_raw_text_and_reason() -> None:
    _, rejects, stats = _load(FULL)
    by_line = {r.line: r for r in rejects}
    assert sorted(by_line) == [10, 12, 21, 23, 24, 27]
    assert "952300, 155200 are outside the British National Grid" in by_line[10].reason
    assert "duplicate UPRN 100062000001" in by_line[12].reason
    assert "dtf73_full.csv line 5" in by_line[12].reason
    assert by_line[12].raw.startswith("21,I,11,100062000001,1,2,2001-01-01,RD04,,552999.00")
    assert not by_line[12].raw.endswith("\r")
    assert "its BLPU was rejected" in by_line[21].reason
    assert "outside the British National Grid" in by_line[21].reason
    assert by_line[23].reason == "LPI for UPRN 100062000099: no BLPU record with that UPRN"
    assert "truncated: 4 fields" in by_line[24].reason
    assert by_line[24].raw == "24,I,22,1000620"
    assert "unknown record type '77'" in by_line[27].reason
    assert all(r.file == "dtf73_full.csv" for r in rejects)
    assert stats.unknown_types == {"77": 1}
    assert stats.blank_lines == 1


def test_every_data_row_is_accounted_for() -> None:
    records, rejects, stats = _load(FULL)
    # 25 data rows (header and trailer excluded): 6 BLPUs to OUTPUT, 9 rows merged into
    # them (8 LPIs, 1 classification), 2 street descriptors, 2 rows of types with nothing
    # for addresses (11, 23), 6 rejected.
    assert stats.data_rows == 25
    assert (stats.accepted, stats.rejected) == (len(records), len(rejects)) == (6, 6)
    assert (stats.merged, stats.reference, stats.not_needed, stats.replaced) == (9, 2, 2, 0)
    assert stats.accounted() == stats.data_rows
    line = stats.accounting_line()
    assert "25 data rows read from 1 file(s): 6 addresses to OUTPUT" in line
    assert line.endswith("6 to REJECTED = 25")


def test_trailer_count_that_disagrees_is_a_warning(tmp_path: Path) -> None:
    text = FULL.read_text().replace("99,0,25,", "99,0,24,")
    path = tmp_path / "short.csv"
    path.write_text(text)
    records, _, stats = _load(path)
    assert len(records) == 6
    assert any("says 24 records but the file has 25 data records" in w for w in stats.warnings)
    _, _, fine = _load(FULL)
    assert not any("trailer" in w for w in fine.warnings)


def test_change_only_update_applied_after_the_full_supply() -> None:
    records, rejects, stats = _load(FIXTURES / "dtf73_full.zip", FIXTURES / "dtf73_cou.csv")
    assert 100062000005 not in records  # deleted (BLPU and LPI)
    assert records[100062000003]["address"] == (
        "FLAT 2A, ROSE COURT, 10 HIGH STREET, SEVENOAKS, TN13 1AB"
    )
    new = records[100062000008]
    assert (new["x"], new["y"], new["logical_status"]) == (552400.0, 155300.0, 6)
    assert new["address"] == "16 HIGH STREET, SEVENOAKS, TN13 1AF"
    assert stats.replaced == 5  # 2 deletions (row + D row each) + 1 superseded LPI
    assert stats.accounted() == stats.data_rows
    assert {r.file for r in rejects} == {"dtf73_full.zip!LLPG_2235_full.csv"}
    assert all(r.raw.startswith(("21,", "24,", "77,")) for r in rejects)


def test_change_file_before_the_full_supply_is_rejected_row_by_row() -> None:
    records, rejects, _ = _load(FIXTURES / "dtf73_cou.csv", FULL)
    reasons = {r.reason for r in rejects if r.file == "dtf73_cou.csv"}
    assert "change type D deletes UPRN 100062000005, which no earlier row inserted" in reasons
    assert 100062000005 in records  # inserted later by the full file


def test_windows_1252_text() -> None:
    records, rejects, stats = _load(FIXTURES / "dtf73_cp1252.csv")
    cafe = records[100062000101]
    assert cafe["organisation"] == "CAFÉ ROYALE LTD"
    assert cafe["street_description"] == "BRONTË CLOSE"
    assert cafe["address"] == "CAFÉ ROYALE LTD, CAFÉ, 3 BRONTË CLOSE, HAWORTH, BD22 8AA"
    assert (cafe["x"], cafe["y"]) == (403700.0, 437200.0)
    assert stats.non_utf8_lines == 3
    assert rejects == []


def test_class_and_parent_in_swapped_order_read_by_shape(tmp_path: Path) -> None:
    text = FULL.read_text().replace(
        "21,I,6,100062000003,1,2,2005-04-01,RD06,100062000002,",
        "21,I,6,100062000003,1,2,2005-04-01,100062000002,RD06,",
    )
    path = tmp_path / "swapped.csv"
    path.write_text(text)
    records, _, stats = _load(path, fmt=dtf73.NAME)
    assert records[100062000003]["parent_uprn"] == 100062000002
    assert records[100062000003]["classification"] == "RD06"
    assert any("PARENT_UPRN before BLPU_CLASS" in line for line in stats.detected)


def test_bad_numbers_and_change_types_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "21,X,1,100062000201,1,2,2001-01-01,RD04,,552100,155100,1,2235,2001-01-01,,2023-06-01,"
        "2001-01-01\n"
        "21,I,2,10006200020A,1,2,2001-01-01,RD04,,552100,155100,1,2235,2001-01-01,,2023-06-01,"
        "2001-01-01\n"
        "24,I,3,100062000202,K1,ENG,1,2001-01-01,,2001-01-01,2023-06-01,,,,,,1X,,,,,247,,Y,"
        "TN13 1AA,SEVENOAKS,Y\n"
    )
    _, rejects, stats = _load(path, fmt=dtf73.NAME)
    reasons = [r.reason for r in rejects]
    assert reasons == [
        "change type 'X' is not I, U or D",
        "record 21 (BLPU): UPRN '10006200020A' is not a whole number",
        "record 24 (LPI): PAO start number '1X' is not a whole number",
    ]
    assert stats.accounted() == stats.data_rows == 3


def test_records_have_exactly_the_canonical_fields() -> None:
    from placelink.core.schema import empty_address

    records, _, _ = _load(FULL)
    expected = set(empty_address()) | {"x", "y"}
    assert all(set(record) == expected for record in records.values())


def test_change_file_applies_deletes_before_inserts(tmp_path: Path) -> None:
    cou = tmp_path / "cou.csv"
    cou.write_text(
        '10,"EXAMPLE DISTRICT COUNCIL",2235,2024-05-01,3,2024-05-01,10:15:00,7.3,C\n'
        "24,I,1,100062000004,2235L000004,ENG,1,2024-05-01,,2024-05-01,2024-05-01,,,,,,"
        "7,,,,,24700002,,Y,TN14 5QQ,SEVENOAKS,Y,,,\n"
        "24,D,2,100062000004,2235L000004,ENG,1,2015-06-01,,2015-06-01,2020-02-02,,,,,,"
        "5,A,,,,24700002,,Y,TN14 5QQ,SEVENOAKS,Y,,,\n"
        "99,0,2,2024-05-01,10:15:00\n"
    )
    records, rejects, stats = _load(FULL, cou)
    assert records[100062000004]["address"] == "7 ROSE LANE, OTFORD, SEVENOAKS, TN14 5QQ"
    assert not [r for r in rejects if r.file == "cou.csv"]
    assert stats.accounted() == stats.data_rows


def test_progress_callback_can_stop_the_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from placelink.core.formats import assemble

    monkeypatch.setattr(assemble, "REPORT_EVERY", 5)
    seen: list[int] = []
    stats = AddressLoadStats(on_rows=lambda rows: seen.append(rows) or rows >= 8)
    with pytest.raises(assemble.LoadCancelledError, match="stopped after"):
        list(load_addresses([FULL], "auto", stats))
    assert seen and seen[-1] >= 8


def test_unreadable_csv_row_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    lines = FULL.read_bytes().split(b"\r\n")
    lines.insert(5, b"21,I,99," + b"9" * 140_000 + b",1,2")  # over the csv field size limit
    path = tmp_path / "long_field.csv"
    path.write_bytes(b"\r\n".join(lines).replace(b"99,0,25,", b"99,0,26,"))
    records, rejects, stats = _load(path)
    assert len(records) == 6
    unreadable = [r for r in rejects if r.line == 6]
    assert len(unreadable) == 1 and unreadable[0].reason.startswith(
        "unreadable CSV: field larger than"
    )
    assert unreadable[0].raw.startswith("21,I,99,9999")
    assert stats.accounted() == stats.data_rows == 26
    assert not any("trailer" in w for w in stats.warnings)
