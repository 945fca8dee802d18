"""Answers on evidence a record does not give (issue 11, 2026-12-05), each on a
hand-written gazetteer of its shape: a number after a named building is the building's, a
town's name does not name an organisation, a name's number must be the record's, a flat
with no building or postcode unit, a business's range, a floor inferred with no house
number, a parent shell named as well as the answer, unit words typed split."""

from __future__ import annotations

from placelink.core.matching import AMBIGUOUS, MATCHED, Matcher
from placelink.core.matching.matcher import (
    BUSINESS_RANGE_NOTE,
    FLOOR_WITHOUT_NUMBER_NOTE,
    PARENT_SHELL_NOTE,
    UNNAMED_BUILDING_NOTE,
    own_ambiguity,
)
from placelink.core.matching.review import needs_review
from placelink.core.normalise import normalise, tokens
from placelink.core.parse import parse

from .factory import address_maker

_addr = address_maker(town="BROCKLEY", street_description="MEADOW CLOSE", postcode="BK1 8LX")


def test_a_number_after_a_building_name_is_the_buildings_not_a_flat() -> None:
    # FIRST FLOOR FLAT, ALBION WORKS, 7: 7 is the block's number; its flats are numbered
    works = {"pao_text": "ALBION WORKS", "pao_start_number": 7}
    m = Matcher([_addr(10 + k, sao_start_number=k, **works) for k in (1, 2, 3, 7, 9)])
    assert [r.flat for r in parse("FIRST FLOOR FLAT ALBION WORKS 7 MEADOW CLOSE").readings] == [
        "F1"
    ]
    res = m.match_one("FIRST FLOOR FLAT ALBION WORKS 7 MEADOW CLOSE BROCKLEY")
    assert res.match_status != MATCHED, res  # not FLAT 7 (the floor says nothing of which)
    # a number right after the floor may still be the flat (SECOND FLOOR 15, MANOR HALL, 82)
    hall = parse("MANOR HALL, (SECOND FLOOR) 15, 82 RIVER STREET")
    assert "15" in [r.flat for r in hall.readings]
    assert "2" in [r.flat for r in parse("2 SECOND FLOOR, HEATHER MANSIONS").readings]


def test_a_towns_name_alone_does_not_name_an_organisation() -> None:
    m = Matcher(
        [
            _addr(20, sao_text="GROUND FLOOR FLAT", pao_start_number=75,
                  street_description="MEADOW GARDENS", postcode="BK4 2TS"),
            _addr(21, organisation="BROCKLEY DENTAL PRACTICE", sao_text="GROUND FLOOR",
                  pao_start_number=75, street_description="GRANGE STREET", postcode="BK1 5XD"),
        ]
    )  # fmt: skip
    res = m.match_one("GROUND FLOOR FLAT 75 BROCKLEY")
    # the street is left out; the practice's name is not written either: not the practice,
    # and the flat (the record leaves out less of it) only for a person to confirm
    assert (res.match_status, res.uprn) != (MATCHED, 21), res
    assert res.match_status != MATCHED or needs_review(
        res.match_status, res.match_score, res.margin
    ), res
    assert "organisation BROCKLEY DENTAL PRACTICE not in record" in res.match_reason + (
        m.match_one("GROUND FLOOR 75 GRANGE STREET BROCKLEY").match_reason
    )
    # written in full, the organisation is evidence
    res = m.match_one("BROCKLEY DENTAL PRACTICE, 75 GRANGE STREET, BROCKLEY")
    assert (res.match_status, res.uprn) == (MATCHED, 21), res
    assert "organisation exact" in res.match_reason


def test_a_name_holding_another_number_is_another_name() -> None:
    m = Matcher(
        [
            _addr(30, pao_text="REAR OF 27", street_description="HAWTHORN WALK"),
            _addr(31, sao_text="GROUND FLOOR FRONT FLAT", pao_start_number=19,
                  street_description="HAWTHORN WALK"),
        ]
    )  # fmt: skip
    res = m.match_one("REAR OF 19 HAWTHORN WALK BROCKLEY")
    assert (
        res.uprn != 30
        or res.match_status != MATCHED
        or needs_review(res.match_status, res.match_score, res.margin)
    ), res
    assert "building name fuzzy" not in res.match_reason, res
    res = m.match_one("REAR OF 27 HAWTHORN WALK BROCKLEY")
    assert (res.match_status, res.uprn) == (MATCHED, 30), res


def test_a_flat_with_no_building_number_or_postcode_unit_goes_to_review() -> None:
    road = {"street_description": "BLACKTHORN ROAD", "postcode": "KL4 9BH"}
    m = Matcher(
        [
            _addr(40, sao_text="APARTMENT 2", pao_text="RECTORY MANSIONS", **road),
            _addr(41, sao_start_number=2, pao_start_number=103, **{**road, "postcode": "KL4 9BX"}),
            _addr(42, sao_start_number=3, pao_start_number=103, **{**road, "postcode": "KL4 9BX"}),
        ]
    )  # fmt: skip
    res = m.match_one("FLAT 2 BLACKTHORN ROAD BROCKLEY")
    if res.match_status == MATCHED:
        assert needs_review(res.match_status, res.match_score, res.margin), res
        assert UNNAMED_BUILDING_NOTE in res.match_reason, res
    # the postcode unit says which building: a confident answer
    res = m.match_one("FLAT 2, BLACKTHORN ROAD", "KL4 9BH")
    assert (res.match_status, res.uprn) == (MATCHED, 40), res
    assert not needs_review(res.match_status, res.match_score, res.margin), res


def test_a_number_inside_a_businesss_range_is_no_answer_without_its_name() -> None:
    walk = {"street_description": "HEATHER WALK"}
    m = Matcher(
        [
            _addr(50, organisation="THE CORNER CAFE", pao_start_number=1, pao_end_number=3,
                  classification="CR01", postcode="BK2 2WF", **walk),
            _addr(51, pao_start_number=51, pao_end_number=53, classification="PP",
                  postcode="BK2 6QQ", **walk),
            _addr(52, sao_start_number=2, pao_start_number=51, pao_end_number=53,
                  postcode="BK2 6QQ", **walk),
        ]
    )  # fmt: skip
    res = m.match_one("2 HEATHER WALK BROCKLEY")
    assert res.match_status == AMBIGUOUS, res
    assert BUSINESS_RANGE_NOTE in res.match_reason and own_ambiguity(BUSINESS_RANGE_NOTE)
    # the business's postcode unit, or its name, says it is meant
    assert m.match_one("2 HEATHER WALK", "BK2 2WF").match_status == MATCHED
    res = m.match_one("THE CORNER CAFE, 2 HEATHER WALK")
    assert (res.match_status, res.uprn) == (MATCHED, 50), res


def test_a_floor_inferred_for_a_house_the_record_does_not_number_is_ambiguous() -> None:
    hill = {"street_description": "ELM HILL", "postcode": "CB1 7FF"}
    m = Matcher(
        [
            _addr(60, sao_text="GROUND FLOOR FLAT", pao_start_number=43, **hill),
            _addr(61, sao_text="MIDDLE FLAT", pao_start_number=43, **hill),
            _addr(62, sao_text="TOP FLOOR FLAT", pao_start_number=43, **hill),
            _addr(63, sao_start_number=2, pao_text="KINGFISHER COURT", **hill),
        ]
    )
    res = m.match_one("FIRST FLOOR FLAT, ELM HILL, BROCKLEY")
    assert res.match_status != MATCHED, res
    assert own_ambiguity(FLOOR_WITHOUT_NUMBER_NOTE)
    # with its house number, the middle flat is the first floor's (an inference to review)
    res = m.match_one("FIRST FLOOR FLAT, 43 ELM HILL, BROCKLEY")
    assert (res.match_status, res.uprn) == (MATCHED, 61), res
    assert needs_review(res.match_status, res.match_score, res.margin), res


def test_a_record_naming_a_parent_shell_as_well_as_the_answer_is_ambiguous() -> None:
    rise = {"street_description": "ABBEY RISE", "postcode": "CB4 4EZ"}
    m = Matcher(
        [
            _addr(70, pao_text="HILLCREST", classification="PP", **rise),
            _addr(71, sao_text="THE STABLES", pao_text="HILLCREST", parent_uprn=70, **rise),
            _addr(72, sao_text="THE COACH HOUSE", pao_text="HILLCREST", parent_uprn=70, **rise),
            _addr(73, pao_text="HILLCREST", pao_start_number=27, **rise),
        ]
    )
    res = m.match_one("HILLCREST, ABBEY RISE, BROCKLEY")
    assert res.match_status == AMBIGUOUS, res
    assert PARENT_SHELL_NOTE in res.match_reason and "UPRN 70" in res.match_reason, res
    # the number, or the unit, says which
    assert (
        m.match_one("HILLCREST, 27 ABBEY RISE").uprn,
        m.match_one("THE COACH HOUSE, HILLCREST, ABBEY RISE").uprn,
    ) == (73, 72)
    # matching parent shells on purpose, the shell itself is the answer
    res = Matcher(index=m.index, match_parents=True).match_one("HILLCREST, ABBEY RISE", "CB4 4EZ")
    assert (res.match_status, res.uprn) == (MATCHED, 70), res


def test_a_unit_word_typed_with_a_space_inside_reads_as_the_word() -> None:
    assert tokens("BASE MENT FLAT, 11 NELSON CRESCENT")[:2] == ["BASEMENT", "FLAT"]
    assert tokens("GRO UND FLOOR FLAT")[:3] == ["GROUND", "FLOOR", "FLAT"]
    assert tokens("BASE ROAD") == ["BASE", "ROAD"]  # no unit word made: kept
    text = "BASE MENT FLAT 11 NELSON CRESCENT"
    assert normalise(normalise(text)) == normalise(text)
    m = Matcher(
        [
            _addr(80, sao_text="BASEMENT FLAT", pao_start_number=11,
                  street_description="NELSON CRESCENT"),
            _addr(81, sao_start_number=11, pao_text="THE MALTINGS",
                  street_description="NELSON CRESCENT"),
        ]
    )  # fmt: skip
    res = m.match_one("BASE MENT FLAT 11 NELSON CRESCENT BROCKLEY")
    assert (res.match_status, res.uprn) == (MATCHED, 80), res


def test_an_alternative_lpis_building_keeps_a_word_its_street_shares() -> None:
    lane = {"street_description": "HOLLY LANE", "town": "ABERNANT", "postcode": "LL1 9UU"}
    m = Matcher(
        [
            _addr(90, pao_text="ELM FARMHOUSE", **lane,
                  alternatives="LPI1/CYM: ELM FARMHOUSE, LON HOLLY, ABERNANT, LL1 9UU"),
            _addr(91, pao_text="HOLLY FARM", **lane,
                  alternatives="LPI1/CYM: HOLLY FARM, LON HOLLY, ABERNANT, LL1 9UU"),
        ]
    )  # fmt: skip
    # HOLLY FARM's Welsh LPI is not FARM of LON HOLLY: ELM FARMHOUSE's text is its own
    assert "HOLLY FARM" in m.index.building
    for text, uprn in (("ELM FARMHOUSE, LON HOLLY, ABERNANT", 90), ("HOLLY FARM, LON HOLLY", 91)):
        res = m.match_one(text, "LL1 9UU")
        assert (res.match_status, res.uprn) == (MATCHED, uprn), (text, res)
        assert "Welsh" in res.match_reason, res


def test_a_streets_word_written_only_in_the_building_name_is_no_street() -> None:
    m = Matcher(
        [
            _addr(100, sao_start_number=1, pao_text="STATION HOUSE", street_description="ELM CLOSE",
                  locality="LLANFAIR", postcode="LL3 6US"),
            _addr(101, sao_start_number=1, pao_text="STATION HOUSE",
                  street_description="STATION COURT", postcode="LL3 4NR"),
            _addr(102, pao_text="LAUREL FARMHOUSE", street_description="SALISBURY RISE",
                  postcode="CB3 7ZX"),
            _addr(103, pao_text="KESTREL FARM", street_description="SALISBURY RISE",
                  postcode="CB3 7ZX"),
        ]
    )  # fmt: skip
    # STATION of STATION HOUSE is no STATION COURT: two blocks of that name, no street given
    res = m.match_one("FLAT 1 STATION HOUSE BROCKLEY")
    assert res.match_status == AMBIGUOUS, res
    assert "street missing in record" in res.match_reason, res
    # a street written by its name alone, beside the building's name, is still the street
    res = m.match_one("LAUREL FARMHOUSE, SALISBURY, BROCKLEY", "CB3 7ZX")
    assert (res.match_status, res.uprn) == (MATCHED, 102), res
    assert "street fuzzy" in res.match_reason, res
    res = m.match_one("FLAT 1, STATION HOUSE, STATION COURT")
    assert (res.match_status, res.uprn) == (MATCHED, 101), res


def test_a_record_leaving_out_less_of_one_address_than_of_another_is_the_first() -> None:
    drive = {"street_description": "ABBEY DRIVE", "locality": "NETHER END", "postcode": "BK4 7RU"}
    m = Matcher(
        [
            _addr(110, sao_start_number=4, pao_text="ALBION WORKS", **drive),
            _addr(111, sao_start_number=4, pao_text="ALBION WORKS", pao_start_number=55, **drive),
        ]
    )
    # the street left out of both; the house number only of the one at 55
    res = m.match_one("Flat 4, Albion Works, Nether End, Brockley", "BK4 7RU")
    assert (res.match_status, res.uprn) == (MATCHED, 110), res
    assert "leaves out less of this address than of UPRN 111" in res.match_reason, res
    res = m.match_one("Flat 4, Albion Works, 55, Nether End, Brockley", "BK4 7RU")
    assert (res.match_status, res.uprn) == (MATCHED, 111), res


def test_a_named_house_with_its_postcode_unit_and_another_street_is_a_street_slip() -> None:
    m = Matcher(
        [
            _addr(120, pao_text="VICTORIA FARMHOUSE", street_description="DOVER CLOSE",
                  postcode="LL3 1QN"),
            _addr(121, pao_start_number=3, street_description="ABBEY TERRACE", postcode="LL3 2AA"),
            _addr(122, pao_text="ROSE COTTAGE", street_description="DOVER CLOSE",
                  postcode="LL3 1QN"),
        ]
    )  # fmt: skip
    res = m.match_one("Victoria Farmhouse, Abbey Terrace, Brockley", "LL3 1QN")
    assert (res.match_status, res.uprn) == (MATCHED, 120), res
    assert not needs_review(res.match_status, res.match_score, res.margin), res
    assert "street is a slip" in res.match_reason
    # without the postcode unit, the street the record names is as likely meant
    res = m.match_one("Victoria Farmhouse, Abbey Terrace, Brockley", "LL3 2AA")
    assert res.match_status != MATCHED or needs_review(
        res.match_status, res.match_score, res.margin
    ), res
