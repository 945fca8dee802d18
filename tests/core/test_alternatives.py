"""The alternatives field round-trips, and the matcher finds a UPRN by its alternative LPI."""

from __future__ import annotations

import pytest
from placelink.core.address_text import format_address
from placelink.core.alternatives import (
    alternative_addresses,
    format_alternatives,
    parse_alternatives,
)
from placelink.core.schema import empty_address


def test_round_trip_and_addresses_only() -> None:
    text = format_alternatives(
        [("LPI3/ENG", "THE OLD FORGE, 2 MILL LANE, TOWN"), ("DPA", "2 MILL LANE")]
    )
    assert text == "LPI3/ENG: THE OLD FORGE, 2 MILL LANE, TOWN | DPA: 2 MILL LANE"
    assert parse_alternatives(text)[0] == ("LPI", 3, "ENG", "THE OLD FORGE, 2 MILL LANE, TOWN")
    assert alternative_addresses(text) == ["THE OLD FORGE, 2 MILL LANE, TOWN", "2 MILL LANE"]
    assert alternative_addresses(None) == []


def test_matcher_finds_a_uprn_by_its_alternative_address() -> None:
    pytest.importorskip("rapidfuzz")
    from placelink.core.matching.matcher import Matcher

    records = []
    for i, (number, street) in enumerate([(2, "MILL LANE"), (4, "MILL LANE"), (6, "MILL LANE")]):
        record = empty_address(
            uprn=200000000001 + i, pao_start_number=number, street_description=street,
            town="TOWN", postcode="AB1 2CD", classification="RD02", x=0.0 + i, y=0.0,
        )  # fmt: skip
        record["address"] = format_address(record)
        records.append(record)
    records[1]["alternatives"] = format_alternatives(
        [("LPI8/ENG", "BRAMBLE COTTAGE, CHURCH WALK, TOWN, AB1 2CD")]
    )
    result = Matcher(records).match_one("Bramble Cottage, Church Walk", "AB1 2CD")
    assert result.uprn == 200000000002
