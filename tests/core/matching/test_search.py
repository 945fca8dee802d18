"""Address search as an officer types it: UPRN, postcode (whole or begun), street, typos."""

from __future__ import annotations

import pytest
from placelink.core.address_text import format_address
from placelink.core.matching.matcher import Matcher
from placelink.core.matching.search import AddressSearch
from placelink.core.schema import empty_address

pytest.importorskip("rapidfuzz")

ROWS = [
    # uprn, sao, number, suffix, name, street, locality, postcode, x
    (1, None, 10, None, None, "HIGH STREET", None, "AB1 2CD", 0),
    (2, None, 10, "A", None, "HIGH STREET", None, "AB1 2CD", 10),
    (3, None, 12, None, None, "HIGH STREET", None, "AB1 2CD", 20),
    (4, "FLAT 1", 20, None, None, "HIGH STREET", None, "AB1 2CE", 30),
    (5, "FLAT 2", 20, None, None, "HIGH STREET", None, "AB1 2CE", 30),
    (6, "FLAT 10", 20, None, None, "HIGH STREET", None, "AB1 2CE", 30),
    (7, None, None, None, "ROSE COTTAGE", "MILL LANE", "UPTON", "AB1 3EF", 40),
    (8, None, 3, None, None, "MILL LANE", "DOWNTON", "AB2 1XY", 50),
    (9, None, 5, None, None, "MILLBROOK ROAD", None, "AB2 1XZ", 60),
]


@pytest.fixture(scope="module")
def records() -> list[dict]:
    out = []
    for uprn, sao, num, suffix, name, street, locality, pc, x in ROWS:
        rec = empty_address(
            uprn=100_000_000_000 + uprn, sao_text=sao, pao_start_number=num,
            pao_start_suffix=suffix, pao_text=name, street_description=street,
            locality=locality, town="EXAMPLETON", postcode=pc, x=450000 + x, y=210000,
        )  # fmt: skip
        rec["address"] = format_address(rec)
        out.append(rec)
    return out


@pytest.fixture(scope="module")
def search(records: list[dict]) -> AddressSearch:
    return AddressSearch(records, Matcher(records))


def uprns(hits) -> list[int]:
    return [h.uprn - 100_000_000_000 for h in hits]


def test_a_postcode_alone_lists_every_address_there_in_reading_order(search) -> None:
    for typed in ("AB1 2CE", "ab12ce", " ab1  2ce "):
        hits = search.search(typed)
        assert uprns(hits) == [4, 5, 6]  # FLAT 2 before FLAT 10
        assert all(h.relevance == 100 for h in hits)
        assert hits[0].why == "postcode AB1 2CE (3 addresses)"


def test_a_begun_postcode_lists_the_postcodes_it_starts(search) -> None:
    assert set(uprns(search.search("AB1 2"))) == {1, 2, 3, 4, 5, 6}
    assert set(uprns(search.search("ab2"))) == {8, 9}


def test_a_street_alone_lists_the_street_and_says_so(search) -> None:
    hits = search.search("high street")
    assert set(uprns(hits)) == {1, 2, 3, 4, 5, 6}
    assert hits[0].why == "street HIGH STREET, EXAMPLETON (6 addresses)" and hits[0].relevance > 0
    assert set(uprns(search.search("mill lane"))) >= {7, 8}  # both Mill Lanes


def test_typos_and_abbreviations_still_find_the_house(search) -> None:
    hits = search.search("10 hgh st")  # a letter left out: the nearest street's house 10
    assert uprns(hits)[:1] == [1] and hits[0].relevance >= 70
    assert "number 10" in hits[0].why
    # two letters swapped: the matcher corrects the word and reads the whole text
    hits = search.search("10 hgih st")
    assert uprns(hits)[:1] == [1] and (hits[0].relevance, hits[0].why) == (100, "address text")
    assert uprns(search.search("10a high st"))[:1] == [2]


def test_a_uprn_finds_its_address(search) -> None:
    assert uprns(search.search("100000000007")) == [7]
    assert uprns(search.search("UPRN 100000000008")) == [8]


def test_a_postcode_with_text_narrows_to_the_postcode(search) -> None:
    hits = search.search("3 Mill Lane AB2 1XY")
    assert uprns(hits)[:1] == [8] and hits[0].relevance == 100


def test_a_building_name_goes_through_the_matcher(search) -> None:
    hits = search.search("rose cottage")
    assert uprns(hits)[:1] == [7] and hits[0].relevance > 0


def test_nothing_that_fits_gives_nothing(search) -> None:
    assert search.search("") == []
    assert search.search("zzzz qqqq") == []
    assert search.search("999999999999") == []


def test_flats_on_one_point_are_listed_together(search) -> None:
    assert uprns(search.same_point(100_000_000_005)) == [4, 5, 6]
    assert uprns(search.same_point(100_000_000_001)) == [1]
