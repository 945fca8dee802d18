"""Position words, ranges and unit notations as parts of a unit's identity (issue 11).

Two flats of one house that differ only by a position word (front/rear, left/right,
upper/lower, garden, middle/top) are different units; a range typed in full is the range's
own address; a unit word stuck to its id (``FLT10``) is read as the unit.
"""

from __future__ import annotations

import pytest
from placelink.core.matching import AMBIGUOUS, MATCHED, Matcher
from placelink.core.normalise import normalise
from placelink.core.parse import parse
from placelink.core.schema import empty_address


def _flat(uprn: int, sao: str | None, number: int, **values: object) -> dict[str, object]:
    return empty_address(
        uprn=uprn,
        sao_text=sao,
        pao_start_number=number,
        street_description=values.pop("street", "ELM ROAD"),
        town="LONDON",
        postcode=values.pop("postcode", "E1 1AA"),
        **values,
    )


GAZETTEER = [
    _flat(20, "GROUND FLOOR FRONT FLAT", 7),
    _flat(21, "GROUND FLOOR REAR FLAT", 7),
    _flat(30, "UPPER MAISONETTE", 9),
    _flat(31, "LOWER MAISONETTE", 9),
    _flat(40, "LEFT FLAT", 11),
    _flat(41, "RIGHT FLAT", 11),
    _flat(50, "GARDEN FLAT", 13),
    _flat(51, "FIRST FLOOR FLAT", 13),
    _flat(52, "TOP FLOOR FLAT", 13),
    _flat(60, "MIDDLE FLAT", 15),
    _flat(61, "TOP FLAT", 15),
    _flat(70, None, 48, pao_end_number=50, street="KINGS ROAD", postcode="E2 2AA"),
    _flat(71, None, 48, street="KINGS ROAD", postcode="E2 2AA"),
    _flat(80, "FLAT 10", 21, street="PEPPERPOT ROAD", postcode="W11 1AA"),
    _flat(81, "FLAT 1", 21, street="PEPPERPOT ROAD", postcode="W11 1AA"),
    _flat(90, None, 84, pao_start_suffix="A", street="MILL LANE", postcode="E3 3AA"),
    _flat(91, "FLAT A", 84, street="MILL LANE", postcode="E3 3AA"),
    _flat(92, "FLAT B", 86, street="MILL LANE", postcode="E3 3AA"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(GAZETTEER)


@pytest.mark.parametrize(
    ("text", "postcode", "uprn"),
    [
        ("GROUND FLOOR FRONT FLAT 7 ELM ROAD", "E1 1AA", 20),
        ("GROUND FLOOR REAR FLAT, 7 ELM ROAD", "E1 1AA", 21),
        ("Rear Ground Floor Flat, 7 Elm Road", "E1 1AA", 21),
        ("UPPER MAISONETTE 9 ELM ROAD", "E1 1AA", 30),
        ("Lower Maisonette, 9 Elm Rd", "E1 1AA", 31),
        ("LEFT FLAT 11 ELM ROAD", "E1 1AA", 40),
        ("Right Flat, 11 Elm Road", "E1 1AA", 41),
        ("GARDEN FLAT 13 ELM ROAD", "E1 1AA", 50),
        ("TOP FLOOR FLAT 13 ELM ROAD", "E1 1AA", 52),
        ("MIDDLE FLAT 15 ELM ROAD", "E1 1AA", 60),
        ("TOP FLAT, 15 ELM ROAD", "E1 1AA", 61),
        ("48-50 KINGS ROAD", "E2 2AA", 70),
        ("48 KINGS ROAD", "E2 2AA", 71),
        ("FLT10 21 PEPPERPOT ROAD", "W11 1AA", 80),
        ("84A MILL LANE", "E3 3AA", 90),
        ("FLAT A, 84 MILL LANE", "E3 3AA", 91),
        ("86B MILL LANE", "E3 3AA", 92),  # the only reading: flat B of 86
    ],
)
def test_unit_identity(matcher: Matcher, text: str, postcode: str, uprn: int) -> None:
    res = matcher.match_batch([text], [postcode])[0]
    assert (res.match_status, res.uprn) == (MATCHED, uprn), res.match_reason
    assert matcher.candidates(text, postcode)[0].entry == res_entry(matcher, uprn)


def res_entry(matcher: Matcher, uprn: int) -> int:
    return int(list(matcher.index.uprn).index(uprn))


def test_a_floor_without_its_position_cannot_tell_front_from_rear(matcher: Matcher) -> None:
    res = matcher.match_batch(["GROUND FLOOR FLAT, 7 ELM ROAD"], ["E1 1AA"])[0]
    assert res.match_status == AMBIGUOUS
    assert {res.uprn, res.runner_up_uprn} == {20, 21}


def test_position_word_alone_is_no_unit() -> None:
    assert parse("2 LOWER ROAD").readings[0].flat == ""
    assert parse("8 ROSE GARDENS, LONDON").readings[0].flat == ""
    assert parse("FLAT 2, 8 ELM GARDENS").readings[0].flat == "2"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Flt10", "FLAT 10"), ("APT3B", "FLAT 3B"), ("RM 5", "ROOM 5"), ("rm5", "ROOM 5")],
)
def test_unit_word_stuck_to_its_id(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_welsh_and_english_addresses_find_one_uprn_and_the_reason_names_the_language() -> None:
    english = empty_address(
        uprn=500,
        pao_start_number=3,
        street_description="CHURCH STREET",
        town="LLANDEILO",
        postcode="SA19 6AA",
        language="ENG",
        alternatives="LPI1/CYM: 3 STRYD YR EGLWYS, LLANDEILO, SA19 6AA",
    )
    other = empty_address(
        uprn=501,
        pao_start_number=5,
        street_description="CHURCH STREET",
        town="LLANDEILO",
        postcode="SA19 6AA",
        language="ENG",
        alternatives="LPI1/CYM: 5 STRYD YR EGLWYS, LLANDEILO, SA19 6AA",
    )
    m = Matcher([english, other])
    welsh = m.match_one("3 Stryd yr Eglwys, Llandeilo", "SA19 6AA")
    assert (welsh.match_status, welsh.uprn) == (MATCHED, 500)
    assert "Welsh" in welsh.match_reason
    plain = m.match_one("3 Church Street, Llandeilo", "SA19 6AA")
    assert (plain.match_status, plain.uprn) == (MATCHED, 500)
    assert "Welsh" not in plain.match_reason
