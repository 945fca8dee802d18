"""Answers a person reads from what the record does give (issue 11, 2026-12-05, part 7),
each on a hand-written gazetteer of its shape: a flat is a home, not the business beside
it; two bare numbers are the range they bound; a building's name and flat with another
street and no postcode."""

from __future__ import annotations

from placelink.core.matching import AMBIGUOUS, MATCHED, UNMATCHED, Matcher
from placelink.core.matching.matcher import ROOM_GUESS_NOTE, STREET_SLIP_GUESS_NOTE
from placelink.core.matching.review import needs_review
from placelink.core.parse import parse

from .factory import address_maker

_addr = address_maker(town="ABERNANT", street_description="TUDOR HILL", postcode="LL4 1BS")


def _shop_and_flat(*more: dict[str, object]) -> Matcher:
    return Matcher(
        [
            _addr(1, pao_start_number=47, classification="PP"),
            _addr(2, organisation="HOPE CHURCH", sao_text="GROUND FLOOR", pao_start_number=47,
                  classification="CR01", parent_uprn=1),
            _addr(3, sao_text="FIRST FLOOR FLAT", pao_start_number=47, classification="RD06",
                  parent_uprn=1),
            *more,
        ]
    )  # fmt: skip


def test_a_flat_is_a_home_not_the_business_beside_it() -> None:
    # FLAT 1, 47: neither unit is "1", but only one of them is a flat; the other is a church
    m = _shop_and_flat()
    res = m.match_one("FLAT 1, 47 TUDOR HILL, ABERNANT")
    assert (res.match_status, res.uprn) == (MATCHED, 3), res
    assert "the record writes a flat, a home; UPRN 2 is a business" in res.match_reason
    # the points gap stays the margin: a person confirms
    assert needs_review(res.match_status, res.match_score, res.margin), res
    # a unit noun that is not a home's says nothing of which (UNIT 1 may be the church's)
    assert m.match_one("UNIT 1, 47 TUDOR HILL, ABERNANT").match_status != MATCHED


def test_two_homes_beside_a_business_still_tie() -> None:
    m = _shop_and_flat(
        _addr(4, sao_text="SECOND FLOOR FLAT", pao_start_number=47, classification="RD06",
              parent_uprn=1)
    )  # fmt: skip
    for text in ("FLAT 5, 47 TUDOR HILL, ABERNANT", "FLAT 1, 47 TUDOR HILL, ABERNANT"):
        res = m.match_one(text)
        # the church is out of it, but which of the two homes the record means, it says not
        assert res.match_status == AMBIGUOUS, res
        assert {res.uprn, res.runner_up_uprn} == {3, 4}, res


def test_two_bare_numbers_are_the_range_they_bound() -> None:
    readings = {(r.flat, r.number, r.end) for r in parse("115 117, THAMES LANE").readings}
    assert ("", 115, 117) in readings
    # too far apart for one building's range: a flat and its house (3 17, BIRCH AVENUE)
    assert all(r.end is None for r in parse("3 17, BIRCH AVENUE").readings)
    lane = address_maker(town="MARSHFIELD", street_description="THAMES LANE", postcode="MF7 8AT")
    m = Matcher(
        [lane(10, pao_start_number=115, pao_end_number=117), lane(11, pao_start_number=119)]
    )
    res = m.match_one("115 117, THAMES LANE, MARSHFIELD", "MF7 8AT")
    assert (res.match_status, res.uprn) == (MATCHED, 10), res
    # read another way than written: under review's 75
    assert res.match_score < 75 and "numbers read another way" in res.match_reason, res
    # written as a range, it is the range in full
    full = m.match_one("115-117 THAMES LANE, MARSHFIELD", "MF7 8AT")
    assert (full.match_status, full.uprn) == (MATCHED, 10) and full.match_score >= 75, full


_mf = address_maker(town="MARSHFIELD", locality="IVERSTONE", postcode="MF7 8AQ")
_THAMES = "THAMES LANE"


def _blocks() -> list[dict[str, object]]:
    return [
        _mf(20 + k, sao_start_number=k, pao_text="GOLDFINCH HOUSE", street_description=_THAMES)
        for k in (12, 13, 14)
    ] + [
        _mf(30, pao_start_number=2, street_description="ALEXANDRA CLOSE", postcode="MF7 8AR"),
        _mf(31, pao_text="ROSE COTTAGE", street_description=_THAMES),
    ]


def test_a_buildings_flat_on_another_street_with_no_postcode_is_a_guess_to_confirm() -> None:
    m = Matcher(_blocks())
    res = m.match_one("FLAT 13, GOLDFINCH HOUSE, ALEXANDRA CLOSE, MARSHFIELD")
    assert (res.match_status, res.uprn) == (MATCHED, 33), res
    assert STREET_SLIP_GUESS_NOTE in res.match_reason
    assert needs_review(res.match_status, res.match_score, res.margin), res
    # a house's name alone with another street and no postcode may be another's, mislaid
    alone = m.match_one("ROSE COTTAGE, ALEXANDRA CLOSE, MARSHFIELD")
    assert (alone.match_status, alone.uprn) != (MATCHED, 31), alone


def test_two_buildings_of_one_name_leave_the_street_slip_unread() -> None:
    other = _mf(40, sao_start_number=13, pao_text="GOLDFINCH HOUSE", street_description="MILL ROAD",
                postcode="MF7 9ZZ")  # fmt: skip
    res = Matcher([*_blocks(), other]).match_one(
        "FLAT 13, GOLDFINCH HOUSE, ALEXANDRA CLOSE, MARSHFIELD"
    )
    assert res.match_status in (AMBIGUOUS, UNMATCHED), res


_gaw = address_maker(town="KELLINGTON", locality="GAWTHORPE", street_description="SANDY AVENUE",
                     postcode="KL2 2EX")  # fmt: skip


def _sandy_avenue() -> Matcher:
    return Matcher(
        [
            *(_gaw(100 + n, pao_start_number=n) for n in (56, 58, 60, 62)),
            _gaw(164, pao_start_number=64, classification="PP"),
            *(
                _gaw(uprn, sao_text=flat, pao_start_number=64, classification="RD06",
                     parent_uprn=164)
                for uprn, flat in ((165, "FLAT A"), (166, "FLAT B"))
            ),
            _gaw(170, pao_start_number=66),
            _gaw(171, pao_start_number=66, pao_start_suffix="A"),
        ]
    )  # fmt: skip


def test_a_room_of_a_house_held_whole_with_no_postcode() -> None:
    m = _sandy_avenue()
    for text in ("ROOM 4, 60 SANDY AVENUE, GAWTHORPE", "FLAT 2, 60 SANDY AVENUE, GAWTHORPE"):
        res = m.match_one(text)
        assert (res.match_status, res.uprn) == (MATCHED, 160), res
        assert ROOM_GUESS_NOTE in res.match_reason, res
        # a guess: the Review queue holds it
        assert needs_review(res.match_status, res.match_score, res.margin), res


def test_a_room_of_a_divided_or_lettered_house_is_not_guessed() -> None:
    m = _sandy_avenue()
    # 64 has flats A and B, neither 2: the record's flat may be either, mistyped
    assert m.match_one("FLAT 2, 64 SANDY AVENUE, GAWTHORPE").match_status != MATCHED
    # 66 has a 66A beside it: FLAT 2 may be the lettered unit
    assert m.match_one("FLAT 2, 66 SANDY AVENUE, GAWTHORPE").match_status != MATCHED
    # another street's house 60 with the record's street as a slip is not this rule's
    res = m.match_one("ROOM 4, 60 SANDY LANE, GAWTHORPE")
    assert ROOM_GUESS_NOTE not in res.match_reason, res
