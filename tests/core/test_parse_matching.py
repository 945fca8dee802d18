"""The unit grammar through the real matcher (issue 11, items 4-6): building names with a
street-type word, named sub-buildings, unit notations and partial postcodes each find the
address they name, on a small gazetteer that also holds the tempting wrong readings."""

from __future__ import annotations

import pytest
from placelink.core.address_text import format_address
from placelink.core.matching import MATCHED, Matcher
from placelink.core.schema import empty_address

HIGH = {"street_description": "HIGH STREET", "town": "NORTHBRIDGE", "postcode": "NB1 2AB"}
WESTON = {"street_description": "WESTON COURT", "town": "NORTHBRIDGE", "postcode": "NB1 3CD"}
GREEN = {"street_description": "GREEN PLACE", "town": "NORTHBRIDGE", "postcode": "NB1 4EF"}
MANOR = {
    "street_description": "MANOR LANE",
    "locality": "ASHLEY",
    "town": "NORTHBRIDGE",
    "postcode": "NB1 5GH",
}
LEITH = {"street_description": "LEITH WALK", "town": "EDINBURGH", "postcode": "EH6 5AA"}
USRN = {"HIGH STREET": 1, "WESTON COURT": 2, "GREEN PLACE": 3, "MANOR LANE": 4, "LEITH WALK": 5}


def _rec(uprn: int, street: dict, cls: str = "RD06", **values: object) -> dict[str, object]:
    rec = empty_address(
        uprn=uprn, usrn=USRN[str(street["street_description"])], classification=cls,
        **street, **values,
    )  # fmt: skip
    rec["address"] = format_address(rec)
    rec["x"], rec["y"] = 400000.0 + uprn, 300000.0
    return rec


def _flats(first: int, parent: int, street: dict, **pao: object) -> list[dict[str, object]]:
    return [
        _rec(first + k, street, sao_text="FLAT", sao_start_number=k, parent_uprn=parent, **pao)
        for k in (1, 2, 3)
    ]


GAZETTEER = [
    # Weston Court: a block on High Street, and a street of the same name elsewhere
    _rec(1, HIGH, "PP", pao_text="WESTON COURT", pao_start_number=12),
    *_flats(10, 1, HIGH, pao_text="WESTON COURT", pao_start_number=12),
    _rec(20, WESTON, "PP", pao_start_number=12),
    *_flats(20, 20, WESTON, pao_start_number=12),
    _rec(30, WESTON, "RD04", pao_start_number=3),
    _rec(60, GREEN, "RD04", pao_start_number=5),
    _rec(61, HIGH, "RD04", pao_text="GREEN PLACE", pao_start_number=16),
    # named sub-buildings
    _rec(40, HIGH, "PP", pao_start_number=14),
    _rec(41, HIGH, sao_text="ROCKLEIGH", pao_start_number=14, parent_uprn=40),
    _rec(42, HIGH, sao_text="FLAT", sao_start_number=1, pao_start_number=14, parent_uprn=40),
    _rec(50, MANOR, "PP", pao_text="MANOR HOUSE"),
    _rec(51, MANOR, sao_text="EAST WING", pao_text="MANOR HOUSE", parent_uprn=50),
    _rec(52, MANOR, sao_text="WEST WING", pao_text="MANOR HOUSE", parent_uprn=50),
    _rec(53, MANOR, sao_text="THE STABLES", pao_text="MANOR HOUSE", parent_uprn=50),
    _rec(54, MANOR, sao_text="BISHOPS LODGE", pao_text="MANOR HOUSE", parent_uprn=50),
    # a shorter building name inside a longer one at the same number
    _rec(70, HIGH, "RD04", pao_text="APPLE AUCTION HOUSE", pao_start_number=18),
    _rec(71, HIGH, "RD04", pao_text="APPLE HOUSE", pao_start_number=18),
    # Scottish flats: floor and door
    _rec(80, LEITH, "PP", pao_start_number=12),
    *[
        _rec(80 + k, LEITH, sao_text=f"{f}F{d}", pao_start_number=12, parent_uprn=80)
        for k, (f, d) in enumerate([(1, 1), (1, 2), (2, 1), (2, 2)], 1)
    ],
    # rooms in a flat, and a flat of its own at the same house
    _rec(90, HIGH, "PP", pao_start_number=20),
    _rec(91, HIGH, "PP", sao_text="FLAT", sao_start_number=3, pao_start_number=20, parent_uprn=90),
    _rec(92, HIGH, sao_text="ROOM 5 FLAT 3", pao_start_number=20, parent_uprn=91),
    _rec(93, HIGH, sao_text="ROOM 6 FLAT 3", pao_start_number=20, parent_uprn=91),
    _rec(94, HIGH, sao_text="FLAT", sao_start_number=5, pao_start_number=20, parent_uprn=90),
    # a building named only with street-type words, flats with no house number
    _rec(100, HIGH, "PP", pao_text="PARK VIEW"),
    *_flats(100, 100, HIGH, pao_text="PARK VIEW"),
    _rec(104, HIGH, "CR", organisation="CASTLE VETS", pao_start_number=1, pao_end_number=5),
    # floor and position flats of one house
    _rec(110, HIGH, "PP", pao_start_number=33),
    *[
        _rec(110 + k, HIGH, sao_text=text, pao_start_number=33, parent_uprn=110)
        for k, text in enumerate(
            ["GROUND FLOOR LEFT", "GROUND FLOOR RIGHT", "FIRST FLOOR LEFT", "FIRST FLOOR RIGHT"], 1
        )
    ],
    # a name and the same name with one more word, side by side
    _rec(120, MANOR, "RD04", pao_text="RIVERSIDE COTTAGE"),
    _rec(121, MANOR, "RD04", pao_text="RIVERSIDE COTTAGE BARN"),
    # land parcels named after a house
    _rec(130, HIGH, "RD04", pao_start_number=31),
    _rec(131, HIGH, "LA01", pao_text="LAND AT 31"),
    _rec(132, HIGH, "LA01", pao_text="REAR OF 14"),
    # flats named by a letter and their floors; the top floor is the highest there is
    _rec(140, HIGH, "PP", pao_start_number=61),
    _rec(
        141, HIGH, sao_text="FLAT A FIRST AND SECOND FLOORS", pao_start_number=61, parent_uprn=140
    ),
    _rec(142, HIGH, sao_text="FLAT B GROUND FLOOR", pao_start_number=61, parent_uprn=140),
    _rec(143, HIGH, "CR", organisation="PIZZA PALACE", pao_start_number=63),
    _rec(144, HIGH, "PP", pao_start_number=63),
    _rec(145, HIGH, sao_text="FLAT FIRST FLOOR", pao_start_number=63, parent_uprn=144),
    _rec(146, HIGH, sao_text="FLAT SECOND AND THIRD FLOORS", pao_start_number=63, parent_uprn=144),
    # a house and a half
    _rec(150, HIGH, "RD04", pao_text="144 AND A HALF"),
    _rec(151, HIGH, sao_text="FLAT A BASEMENT", pao_text="144 AND A HALF"),
    # dotted unit numbers in a hall of residence
    _rec(95, HIGH, sao_text="FLAT 4.5.3", pao_text="UNITY HALL", pao_start_number=22),
    _rec(96, HIGH, sao_text="FLAT 4.5.2", pao_text="UNITY HALL", pao_start_number=22),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(GAZETTEER)


@pytest.mark.parametrize(
    ("text", "postcode", "uprn"),
    [
        # item 4: a building name with a street-type word is the building, not the street
        ("FLAT 3 WESTON COURT 12 HIGH STREET", "NB1 2AB", 13),
        ("FLAT 3 WESTON COURT 12 HIGH STREET NORTHBRIDGE", None, 13),
        ("Flat 3, 12 Weston Court, Northbridge", None, 23),
        ("GREEN PLACE, 16 HIGH STREET", None, 61),
        ("GREEN PLACE 16 HIGH STREET NORTHBRIDGE", None, 61),
        # item 4: named sub-buildings are sub-building names, not missing flats
        ("ROCKLEIGH, 14 HIGH STREET", "NB1 2AB", 41),
        ("ROCKLEIGH 14 HIGH STREET NORTHBRIDGE", None, 41),
        ("EAST WING, MANOR HOUSE, MANOR LANE, ASHLEY", None, 51),
        ("THE STABLES, MANOR HOUSE, MANOR LANE", "NB1 5GH", 53),
        ("BISHOPS LODGE, MANOR HOUSE, MANOR LANE", "NB1 5GH", 54),
        ("BISHOPS LODGE MANOR LANE ASHLEY", None, 54),
        # item 4: a shorter name inside a longer one is not an exact name
        ("APPLE HOUSE 18 HIGH STREET", "NB1 2AB", 71),
        ("APPLE AUCTION HOUSE 18 HIGH STREET", "NB1 2AB", 70),
        ("FLAT 2 PARK VIEW HIGH STREET NORTHBRIDGE", None, 102),
        ("RIVERSIDE COTTAGE BARN MANOR LANE ASHLEY", None, 121),
        ("RIVERSIDE COTTAGE, MANOR LANE, ASHLEY", "NB1 5GH", 120),
        # item 4 (land and parcels): a number after LAND AT / REAR OF belongs to the name
        ("LAND AT 31 HIGH STREET NORTHBRIDGE", None, 131),
        ("REAR OF 14, HIGH STREET", "NB1 2AB", 132),
        ("FIRST FLOOR FLAT 61 HIGH STREET", "NB1 2AB", 141),
        ("SECOND FLOOR FLAT, 61 HIGH STREET", "NB1 2AB", 141),
        ("FLAT A, 61 HIGH STREET", "NB1 2AB", 141),
        ("GROUND FLOOR FLAT 61 HIGH STREET", "NB1 2AB", 142),
        ("TOP FLOOR FLAT 63 HIGH STREET", "NB1 2AB", 146),
        ("144 & A HALF HIGH STREET", "NB1 2AB", 150),
        ("BASEMENT FLAT 144 AND A HALF HIGH STREET", "NB1 2AB", 151),
        # item 5: unit notations
        ("GROUND FLOOR LEFT 33 HIGH STREET NORTHBRIDGE", None, 111),
        ("FIRST FLOOR RIGHT 33 HIGH STREET", "NB1 2AB", 114),
        ("2F2 12 LEITH WALK", "EH6 5AA", 84),
        ("12/2F2 LEITH WALK EDINBURGH", None, 84),
        ("2/1, 12 Leith Walk, Edinburgh", None, 83),
        ("Flat 1/2 12 Leith Walk", "EH6 5AA", 82),
        ("RM 5 FLAT 3 20 HIGH ST", "NB1 2AB", 92),
        ("Room 6, Flat 3, 20 High Street", "NB1 2AB", 93),
        ("FLT5 20 HIGH ST", "NB1 2AB", 94),
        ("FLAT 4.5.3 UNITY HALL 22 HIGH STREET", "NB1 2AB", 95),
        ("4.5.2 Unity Hall, High St, Northbridge", None, 96),
        # item 6: the valid parts of an invalid postcode still count
        ("FLAT 1 14 HIGH STREET NB1 2", None, 42),
        ("FLAT 1, 14 HIGH STREET", "NB1", 42),
    ],
)
def test_unit_grammar_finds_the_address(
    matcher: Matcher, text: str, postcode: str | None, uprn: int
) -> None:
    res = matcher.match_one(text, postcode)
    assert (res.uprn, res.match_status) == (uprn, MATCHED), res.match_reason


def test_shorter_name_is_not_exact(matcher: Matcher) -> None:
    res = matcher.match_one("APPLE AUCTION HOUSE 18 HIGH STREET", "NB1 2AB")
    assert res.runner_up_uprn == 71 and res.margin >= 6
    assert "building name exact" in res.match_reason


def test_partial_postcode_is_evidence_and_says_so(matcher: Matcher) -> None:
    same = matcher.match_one("FLAT 1 14 HIGH STREET NB1 2")
    assert "partial postcode same sector" in same.match_reason
    other = matcher.match_one("14 HIGH STREET LS6 9")  # another district: no match here
    assert other.match_status != MATCHED
    assert "partial postcode differs" in other.match_reason


def test_invalid_postcode_text_meets_the_same_text_in_the_gazetteer() -> None:
    """A gazetteer postcode shaped like one but invalid (AB1 2CD: C is no inward letter)
    is kept, so the record typing the same text meets it exactly."""
    street = {"street_description": "RAINBOW ROAD", "town": "LONDON", "postcode": "AB1 2CD"}
    rows = [
        {**empty_address(uprn=u, usrn=9, pao_start_number=n, classification="RD04", **street),
         "x": 1.0, "y": 1.0}
        for u, n in ((1, 9), (2, 8))
    ]  # fmt: skip
    res = Matcher(rows).match_one("9 RAINBOW LANE LONDON", "AB1 2CD")
    assert (res.uprn, res.match_status) == (1, MATCHED), res.match_reason
    assert "partial postcode exact" in res.match_reason
