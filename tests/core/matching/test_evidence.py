"""Evidence a council officer reads in an address, on hand-written gazetteers (issue 11):
a position after a floor with no commas, a named part of a building (THE STABLES, EAST
WING), a building name written inside a longer one, the full text of one address."""

from __future__ import annotations

import pytest
from placelink.core.matching import MATCHED, Matcher
from placelink.core.parse import parse
from placelink.core.schema import empty_address


def _addr(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "BROCKLEY")
    values.setdefault("street_description", "ALDER ROAD")
    values.setdefault("postcode", "BK1 1AA")
    return empty_address(uprn=uprn, **values)


GAZETTEER = [
    _addr(1, sao_text="GROUND FLOOR FRONT", pao_start_number=69),
    _addr(2, sao_text="GROUND FLOOR REAR", pao_start_number=69),
    _addr(3, sao_text="FIRST FLOOR FRONT", pao_start_number=69),
    _addr(4, sao_text="FIRST FLOOR REAR", pao_start_number=69),
    _addr(10, sao_text="THE STABLES", pao_text="IVY COTTAGE", postcode="BK1 2BB"),
    _addr(11, sao_text="ANNEXE", pao_text="IVY COTTAGE", postcode="BK1 2BB"),
    _addr(12, sao_text="EAST WING", pao_text="FERNBANK", postcode="BK1 2BB"),
    _addr(13, sao_text="WEST WING", pao_text="FERNBANK", postcode="BK1 2BB"),
    _addr(20, pao_text="BRIAR FARM", street_description="BRACKEN LANE", postcode="BK2 1CC"),
    _addr(21, pao_text="BRIAR FARM COTTAGE", street_description="BRACKEN LANE", postcode="BK2 1CC"),
    _addr(30, pao_start_number=5, street_description="OAK LANE", postcode="BK3 1DD"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(GAZETTEER)


def _check(matcher: Matcher, text: str, postcode: str | None, uprn: int) -> None:
    res = matcher.match_batch([text], [postcode])[0]
    assert (res.match_status, res.uprn) == (MATCHED, uprn), res.match_reason
    # the reference path (review screens, explanations) ranks it first too
    best = matcher.candidates(text, postcode)[0]
    assert int(matcher.index.uprn[best.entry]) == uprn


@pytest.mark.parametrize(
    ("text", "uprn"),
    [
        ("GROUND FLOOR FRONT 69 ALDER ROAD BROCKLEY", 1),
        ("GROUND FLOOR REAR 69 ALDER ROAD BROCKLEY", 2),
        ("first floor rear 69 alder road", 4),
        ("FIRST FLOOR FRONT, 69 ALDER ROAD", 3),
    ],
)
def test_a_position_after_the_floor_is_part_of_the_unit_without_commas(
    matcher: Matcher, text: str, uprn: int
) -> None:
    _check(matcher, text, None, uprn)


def test_position_after_floor_reads_as_one_key() -> None:
    assert parse("GROUND FLOOR REAR 7 ELM ROAD").readings[0].flat == "F0/REAR"
    # a position word followed by a street word is not the floor's
    assert parse("GROUND FLOOR, FRONT STREET").readings[0].flat == "F0"


@pytest.mark.parametrize(
    ("text", "postcode", "uprn"),
    [
        ("THE STABLES, IVY COTTAGE, ALDER ROAD, BROCKLEY", "BK1 2BB", 10),
        ("ANNEXE IVY COTTAGE ALDER ROAD BROCKLEY", None, 11),
        ("East Wing, Fernbank, Alder Road", "BK1 2BB", 12),
        ("WEST WING FERNBANK ALDER ROAD", None, 13),
    ],
)
def test_a_named_part_of_a_building_written_in_the_record_identifies_it(
    matcher: Matcher, text: str, postcode: str | None, uprn: int
) -> None:
    _check(matcher, text, postcode, uprn)


def test_a_building_without_its_named_part_stays_ambiguous(matcher: Matcher) -> None:
    res = matcher.match_one("FERNBANK, ALDER ROAD, BROCKLEY", "BK1 2BB")
    assert res.match_status != MATCHED


@pytest.mark.parametrize(
    ("text", "uprn"),
    [
        ("BRIAR FARM COTTAGE, BRACKEN LANE, BROCKLEY", 21),
        ("BRIAR FARM COTTAGE BRACKEN LANE", 21),
        ("BRIAR FARM, BRACKEN LANE, BROCKLEY", 20),
        ("BRIAR FARM BRACKEN LANE", 20),
    ],
)
def test_a_name_inside_a_longer_name_is_not_the_longer_building(
    matcher: Matcher, text: str, uprn: int
) -> None:
    _check(matcher, text, "BK2 1CC", uprn)
