"""A record that leaves out part of an address still points at one candidate when the
others contradict it or have more than it says (issue 11: recall on unseen conventions).

Each test is one rule an officer can state: a position without its floor is the flat at
that position; a house number without its letter is the lettered house when no plain one
exists; an omitted locality or organisation prefers the address that has none; words of
a place the record names are not a shortened building name; a Welsh street's type comes
before its name.
"""

from __future__ import annotations

import pytest
from placelink.core.matching import AMBIGUOUS, MATCHED, Matcher
from placelink.core.matching.review import needs_review
from placelink.core.parse import floor_keys_near, parse

from .factory import address_maker

_addr = address_maker(street_description="ELM ROAD", town="LONDON", postcode="E1 1AA")


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("F0", "F0/REAR", True),  # the record leaves out the position
        ("FX/FRONT", "F0/FRONT", True),  # the record leaves out the floor
        ("F0/LEFT", "F0/RIGHT", False),  # positions contradict
        ("F0", "F1", False),
        ("FX/REAR", "F1/FRONT", False),
        ("FX/FRONT", "F1", False),  # a position alone needs that position
    ],
)
def test_floor_keys_near(a: str, b: str, near: bool) -> None:
    assert floor_keys_near(a, b) is near
    assert floor_keys_near(b, a) is near


HOUSE = [
    _addr(20, sao_text="GROUND FLOOR FRONT FLAT", pao_start_number=7),
    _addr(21, sao_text="GROUND FLOOR REAR FLAT", pao_start_number=7),
    _addr(22, sao_text="FIRST FLOOR FLAT", pao_start_number=7),
    _addr(30, sao_text="GROUND FLOOR LEFT", pao_start_number=27),
    _addr(31, sao_text="GROUND FLOOR RIGHT", pao_start_number=27),
    _addr(40, sao_text="GROUND FLOOR FLAT", pao_start_number=9),
    _addr(41, sao_text="FIRST FLOOR FLAT", pao_start_number=9),
    _addr(50, sao_text="BASEMENT FLAT", pao_start_number=11),
    _addr(51, sao_text="FIRST AND SECOND FLOORS", pao_start_number=11),
]


@pytest.mark.parametrize(
    ("text", "uprn"),
    [
        # a position without its floor: the flat at that position (the other is at the
        # front; the first floor flat names no position)
        ("REAR FLAT, 7 ELM ROAD", 21),
        ("FRONT FLAT 7 ELM ROAD", 20),
        # a position or floor word standing alone before the number
        ("LEFT, 27 ELM ROAD", 30),
        ("RIGHT, 27, ELM ROAD", 31),
        # "AT" joins the unit to its house
        ("FIRST FLOOR FLAT AT 7 ELM ROAD", 22),
        ("GROUND FLOOR RIGHT AT, 27 ELM ROAD", 31),
        # a floor and a position without FLOOR, in either order, with or without AT
        ("GROUND REAR, 7 ELM ROAD", 21),
        ("REAR GROUND 7 ELM ROAD", 21),
        ("GROUND RIGHT AT, 27 ELM ROAD", 31),
        ("FRONT AT, 7 ELM ROAD", 20),
        # a floor flat with a letter after the house number the gazetteer does not have
        ("GROUND FLOOR FLAT, 9A ELM ROAD", 40),
        # two floors of one flat, without commas
        ("FIRST AND SECOND FLOORS 11 ELM ROAD LONDON", 51),
    ],
)
def test_a_unit_named_in_part_finds_the_one_it_fits(text: str, uprn: int) -> None:
    res = Matcher(HOUSE).match_one(text, "E1 1AA")
    assert (res.match_status, res.uprn) == (MATCHED, uprn), res.match_reason


def test_a_position_that_contradicts_is_no_near_reading() -> None:
    """GROUND FLOOR LEFT is not GROUND FLOOR RIGHT: only 30 fits, clear of 31."""
    res = Matcher(HOUSE).match_one("GROUND FLOOR LEFT, 27 ELM ROAD", "E1 1AA")
    assert (res.match_status, res.uprn) == (MATCHED, 30)
    assert res.margin >= 10


def test_the_parser_reads_the_unit_around_at_and_a_floor_pair() -> None:
    assert parse("FIRST FLOOR FLAT AT, 7 ELM ROAD").words == ["ELM", "ROAD"]
    assert parse("FIRST AND SECOND FLOORS 53 GREEN AVENUE").words == ["GREEN", "AVENUE"]
    assert "FX/LEFT" in [r.flat for r in parse("LEFT, 27 DEAN ROAD").readings]


LETTERED = [
    _addr(60, pao_start_number=7, pao_start_suffix="A", street_description="ALDER ROW"),
    _addr(61, pao_start_number=9, street_description="ALDER ROW"),
    _addr(62, pao_start_number=11, pao_start_suffix="A", street_description="ALDER ROW"),
    _addr(63, pao_start_number=11, pao_start_suffix="B", street_description="ALDER ROW"),
    _addr(64, pao_start_number=13, street_description="ALDER ROW"),
    _addr(65, pao_start_number=13, pao_start_suffix="A", street_description="ALDER ROW"),
]


def test_a_number_without_its_letter_is_the_lettered_house_when_no_plain_one_exists() -> None:
    m = Matcher(LETTERED)
    res = m.match_one("7 ALDER ROW", "E1 1AA")
    assert (res.match_status, res.uprn) == (MATCHED, 60)
    assert "letter missing" in res.match_reason
    assert res.match_score < 75  # a reading to confirm: it goes to review
    # the plain house wins when it exists; two lettered houses are a tie
    assert (m.match_one("13 ALDER ROW", "E1 1AA").uprn, m.match_one("13 ALDER ROW").uprn) == (
        64,
        64,
    )
    assert m.match_one("11 ALDER ROW", "E1 1AA").match_status == AMBIGUOUS


def test_an_omitted_locality_prefers_the_unit_without_an_organisation() -> None:
    """UNIT 3 typed without its locality: the unit named by no organisation is the record's
    full text; the one let to KINGS ARMS has more than the record says."""
    park = {"pao_text": "LARCH BUSINESS PARK", "street_description": "ALDER ROAD",
            "locality": "LLANFAIR", "town": "ABERNANT", "postcode": "LL2 7RL"}  # fmt: skip
    m = Matcher(
        [
            _addr(70, sao_start_number=3, sao_text="UNIT", **park),
            _addr(71, sao_start_number=3, sao_text="UNIT", organisation="KINGS ARMS", **park),
        ]
    )
    res = m.match_one("UNIT 3, LARCH BUSINESS PARK, ALDER ROAD, ABERNANT", "LL2 7RL")
    assert (res.match_status, res.uprn) == (MATCHED, 70), res.match_reason


def test_a_place_word_is_not_a_shortened_building_name() -> None:
    """GREEN of the locality KIRKBY GREEN does not name GREEN PLACE: 1 BRACKEN STREET is
    the house numbered 1, not flat 1 of the block GREEN PLACE at 69."""
    street = {"street_description": "BRACKEN STREET", "locality": "KIRKBY GREEN",
              "town": "CALDERBRIDGE", "postcode": "CB2 6UD"}  # fmt: skip
    m = Matcher(
        [
            _addr(80, pao_start_number=1, **street),
            _addr(
                81,
                sao_start_number=1,
                sao_text="FLAT",
                pao_text="GREEN PLACE",
                pao_start_number=69,
                **street,
            ),  # fmt: skip
        ]
    )
    res = m.match_one("1 BRACKEN STREET KIRKBY GREEN CALDERBRIDGE")
    assert (res.match_status, res.uprn) == (MATCHED, 80), res.match_reason


def test_a_name_sharing_a_word_with_its_street_counts_when_written_in_full() -> None:
    """MILL COTTAGE BARN on MILL RISE: the record writes the whole name, so it names the
    barn (the street's MILL is not all it writes)."""
    street = {"street_description": "MILL RISE", "town": "CALDERBRIDGE", "postcode": "CB1 6LU"}
    m = Matcher(
        [
            _addr(90, pao_text="MILL COTTAGE BARN", **street),
            _addr(91, pao_text="MILL COTTAGE", **street),
            _addr(92, pao_start_number=4, **street),
        ]
    )
    res = m.match_one("MILL COTTAGE BARN, CALDERBRIDGE", "CB1 6LU")
    assert (res.match_status, res.uprn) == (MATCHED, 90), res.match_reason


def test_a_welsh_street_type_comes_before_the_name() -> None:
    """LON BRACKEN is the Welsh BRACKEN LANE: the Welsh LPI is found whole, even beside a
    longer name (VICTORIA FARMHOUSE COTTAGE) on the same lane."""
    lane = {"street_description": "BRACKEN LANE", "locality": "TREFOR", "town": "ABERNANT",
            "postcode": "LL2 4GF", "language": "ENG"}  # fmt: skip
    m = Matcher(
        [
            _addr(100, pao_text="VICTORIA FARMHOUSE", **lane,
                  alternatives="LPI1/CYM: VICTORIA FARMHOUSE, LON BRACKEN, TREFOR, ABERNANT"),
            _addr(101, pao_text="VICTORIA FARMHOUSE COTTAGE", **lane,
                  alternatives="LPI1/CYM: VICTORIA FARMHOUSE COTTAGE, LON BRACKEN, TREFOR, "
                  "ABERNANT"),
        ]
    )  # fmt: skip
    for text, uprn in (
        ("VICTORIA FARMHOUSE, LON BRACKEN, TREFOR, ABERNANT", 100),
        ("VICTORIA FARMHOUSE COTTAGE, LON BRACKEN, TREFOR, ABERNANT", 101),
    ):
        res = m.match_one(text)
        assert (res.match_status, res.uprn) == (MATCHED, uprn), res.match_reason
        assert "Welsh" in res.match_reason


def test_a_name_written_in_full_is_clear_of_a_longer_or_shorter_neighbour() -> None:
    """VICTORIA FARMHOUSE typed in full names that house, not VICTORIA FARMHOUSE COTTAGE
    shortened (and the reverse): both are matched clear of review's margin."""
    lane = {"street_description": "BRACKEN LANE", "town": "ABERNANT", "postcode": "LL2 4GF"}
    m = Matcher(
        [
            _addr(110, pao_text="VICTORIA FARMHOUSE", **lane),
            _addr(111, pao_text="VICTORIA FARMHOUSE COTTAGE", **lane),
            _addr(112, pao_start_number=3, **lane),
        ]
    )
    for text, uprn in (
        ("VICTORIA FARMHOUSE, BRACKEN LANE, ABERNANT", 110),
        ("VICTORIA FARMHOUSE COTTAGE, BRACKEN LANE, ABERNANT", 111),
    ):
        res = m.match_one(text, "LL2 4GF")
        assert (res.match_status, res.uprn) == (MATCHED, uprn), res.match_reason
        assert not needs_review(res.match_status, res.match_score, res.margin), res.margin


def test_a_flat_the_divided_house_lacks_is_no_match_for_the_house() -> None:
    """FLAT B, 153: 153 is divided into flats and B is not among them, so the house itself
    is no answer; at 155, a house with no flats, the house is the likeliest (for review)."""
    m = Matcher(
        [
            _addr(120, sao_text="FLAT", sao_start_number=2, pao_start_number=153),
            _addr(121, pao_start_number=153),
            _addr(122, pao_start_number=155),
        ]
    )
    divided = m.match_one("FLAT B 153 ELM ROAD", "E1 1AA")
    assert divided.match_status == AMBIGUOUS
    assert "not among this address's flats" in divided.match_reason
    whole = m.match_one("FLAT B 155 ELM ROAD", "E1 1AA")
    assert (whole.match_status, whole.uprn) == (MATCHED, 122)
    assert needs_review(whole.match_status, whole.match_score, whole.margin)


def test_a_postcode_with_no_valid_part_counts_where_the_gazetteer_holds_it() -> None:
    """MKA 7NP is no valid postcode, but the gazetteer writes 13 ADELLE ROAD with it: the
    record giving it names that postcode unit."""
    m = Matcher(
        [
            _addr(130, pao_start_number=13, street_description="ADELLE ROAD", postcode="MKA 7NP"),
            _addr(131, pao_start_number=13, street_description="FENTON DRIVE", postcode="MK1 7GB"),
        ]
    )
    assert parse("13 ADELLE DRIVE", "mka  7np").postcode_given == "MKA 7NP"
    res = m.match_one("13 ADELLE DRIVE", "MKA 7NP")
    assert (res.match_status, res.uprn) == (MATCHED, 130), res.match_reason
    assert "postcode exact" in res.match_reason


def test_the_number_after_a_building_name_is_its_flat_when_the_building_has_none() -> None:
    """GREEN PLACE, 4 THORN ROAD: GREEN PLACE has no house number but a flat 4, so the 4 is
    that flat's; where a house 4 exists beside the block, the house number reading wins."""
    road = {"street_description": "THORN ROAD", "postcode": "LL4 8BZ"}
    block = [
        _addr(140 + k, sao_text="FLAT", sao_start_number=k, pao_text="GREEN PLACE", **road)
        for k in (1, 2, 3, 4)
    ]
    m = Matcher(block)
    res = m.match_one("GREEN PLACE, 4 THORN ROAD", "LL4 8BZ")
    assert (res.match_status, res.uprn) == (MATCHED, 144), res.match_reason
    house = _addr(150, pao_text="GREEN PLACE", pao_start_number=4, **road)
    res = Matcher([*block, house]).match_one("GREEN PLACE, 4 THORN ROAD", "LL4 8BZ")
    assert (res.match_status, res.uprn) == (MATCHED, 150), res.match_reason


def test_unit_words_typed_together_are_read_apart() -> None:
    assert parse("TOP FLOORFLAT, 29 FOXGLOVE TERRACE").flat == "FTOP"
    assert parse("GROUNDFLOOR REAR, 7 ELM ROAD").flat == "F0/REAR"
    assert parse("FLOORSTONE ROAD").words == ["FLOORSTONE", "ROAD"]


def test_two_swapped_letters_of_a_short_word_are_corrected() -> None:
    """EWLL is WELL typed with two letters swapped (too short for a fuzzy ratio to find)."""
    m = Matcher(
        [
            _addr(
                160, pao_start_number=5, street_description="WELL AVENUE", locality="CANONS PARK"
            ),
            _addr(161, pao_start_number=5, street_description="PARK AVENUE", locality="HOLTON"),
        ]
    )
    res = m.match_one("5, Ewll Avenue, Canons Park, London")
    assert (res.match_status, res.uprn) == (MATCHED, 160), res.match_reason


def test_a_named_floor_is_never_dropped_to_match_a_house_without_flats() -> None:
    """FIRST FLOOR FLAT, 7 ELM ROAD against a house 7 with no flats: the floor stays
    evidence of a flat the gazetteer lacks there (a guess for review, not a clean match)."""
    assert [r.flat for r in parse("FIRST FLOOR FLAT, 7 ELM ROAD").readings] == ["F1", "7"]
    res = Matcher([_addr(170, pao_start_number=7)]).match_one("FIRST FLOOR FLAT, 7 ELM ROAD")
    assert "first floor in record, none in gazetteer" in res.match_reason
    assert needs_review(res.match_status, res.match_score, res.margin)


def test_the_top_floor_above_a_ground_floor_flat_is_the_first_floor() -> None:
    """A house of a BASEMENT, a GROUND FLOOR and a TOP FLOOR flat: its top floor is the
    first floor, so FIRST FLOOR FLAT finds the top floor flat."""
    m = Matcher(
        [
            _addr(180, sao_text="BASEMENT FLAT", pao_start_number=7),
            _addr(181, sao_text="GROUND FLOOR FLAT", pao_start_number=7),
            _addr(182, sao_text="TOP FLOOR FLAT", pao_start_number=7),
        ]
    )
    res = m.match_one("FIRST FLOOR FLAT, 7 ELM ROAD", "E1 1AA")
    assert (res.match_status, res.uprn) == (MATCHED, 182), res.match_reason
    assert m.match_one("SECOND FLOOR FLAT, 7 ELM ROAD", "E1 1AA").uprn != 182


def test_a_house_number_read_as_a_flat_of_an_unnamed_building_goes_to_review() -> None:
    """2 HOLLY AVENUE has no house 2: UNIT 2 of a business park the record does not name is
    the only reading, a guess for a person to confirm (under review's score)."""
    road = {"street_description": "HOLLY AVENUE", "postcode": "LL1 4XH"}
    m = Matcher(
        [
            _addr(
                190, sao_text="UNIT", sao_start_number=2, pao_text="SPRING BUSINESS PARK", **road
            ),  # fmt: skip
            _addr(191, pao_start_number=4, **road),
        ]
    )
    res = m.match_one("2 HOLLY AVENUE", "LL1 4XH")
    assert (res.match_status, res.uprn) == (MATCHED, 190)
    assert "a flat of a building it does not name" in res.match_reason
    assert needs_review(res.match_status, res.match_score, res.margin)
    named = m.match_one("UNIT 2, SPRING BUSINESS PARK, HOLLY AVENUE", "LL1 4XH")
    assert not needs_review(named.match_status, named.match_score, named.margin)


def test_a_record_saying_flat_against_a_house_without_flats_goes_to_review() -> None:
    """4 ELM ROAD, FLAT ABOVE: the house 4 has no flats in the gazetteer; it is the likeliest
    answer but the record's flat is not there, so a person confirms."""
    m = Matcher([_addr(200, pao_start_number=4), _addr(201, pao_start_number=6)])
    res = m.match_one("4 ELM ROAD, FLAT ABOVE", "E1 1AA")
    assert (res.match_status, res.uprn) == (MATCHED, 200)
    assert needs_review(res.match_status, res.match_score, res.margin)


def test_flat_n_read_as_house_n_is_a_guess_for_review() -> None:
    """FLAT 11 KINGS DRIVE where KINGS DRIVE has a house 11 and no flat 11: dropping the
    record's FLAT is the only reading left, for a person to confirm."""
    m = Matcher([_addr(210, pao_start_number=11, street_description="KINGS DRIVE")])
    res = m.match_one("FLAT 11 KINGS DRIVE", "E1 1AA")
    assert (res.match_status, res.uprn) == (MATCHED, 210)
    assert "numbers read another way than written" in res.match_reason
    assert needs_review(res.match_status, res.match_score, res.margin)


def test_a_four_letter_street_type_with_a_letter_dropped_is_corrected() -> None:
    """DEAN LNE is DEAN LANE (a three-letter word is too short for a fuzzy ratio)."""
    m = Matcher(
        [
            _addr(220, pao_start_number=23, street_description="DEAN LANE", locality="KIRKBY"),
            _addr(221, pao_start_number=23, street_description="GREEN ROW", locality="KIRKBY"),
        ]
    )
    res = m.match_one("23 DEAN LNE KIRKBY LONDON")
    assert (res.match_status, res.uprn) == (MATCHED, 220), res.match_reason
