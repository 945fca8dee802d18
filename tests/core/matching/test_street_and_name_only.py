"""Records whose words do not pick one address out of its street (issue 11, 2026-12-05,
part 9, from the third seed of the unseen suite): a street and nothing else; a building
of the street named by its first word, with a floor flat and no house number; a slash
pair beside a unit the record writes. Each on a hand-written gazetteer of its shape."""

from __future__ import annotations

from placelink.core.matching import AMBIGUOUS, MATCHED, Matcher
from placelink.core.matching.matcher import STREET_ONLY_NOTE
from placelink.core.matching.review import needs_review
from placelink.core.parse import SLASH_BESIDE_UNIT_WEIGHT, parse

from .factory import address_maker

_close = address_maker(
    town="CALDERBRIDGE", locality="WESTFIELD", street_description="DOVER CLOSE", postcode="CB2 8HN"
)
_road = address_maker(
    town="ABERNANT", locality="PENRHOS", street_description="ORCHARD ROAD", postcode="LL2 5XL"
)
_row = address_maker(town="ABERNANT", street_description="KINGS ROW", postcode="LL2 4UF")


def _dover_close(*more: dict[str, object]) -> Matcher:
    return Matcher(
        [
            _close(1, pao_text="GARAGES REAR OF 13", classification="LP"),
            _close(2, pao_start_number=13),
            _close(3, pao_start_number=15),
            *more,
        ]
    )


def test_a_street_alone_picks_no_address_of_it() -> None:
    m = _dover_close()
    for postcode in ("CB2 8HN", None):
        res = m.match_one("DOVER CLOSE, WESTFIELD, CALDERBRIDGE", postcode)
        # the garages lead only by having no house number the record leaves out
        assert res.match_status == AMBIGUOUS, res
        assert STREET_ONLY_NOTE in res.match_reason, res
    # the record that names the garages, or a house, still finds it
    named = m.match_one("GARAGES REAR OF 13, DOVER CLOSE, WESTFIELD", "CB2 8HN")
    assert (named.match_status, named.uprn) == (MATCHED, 1), named
    house = m.match_one("15 DOVER CLOSE, WESTFIELD", "CB2 8HN")
    assert (house.match_status, house.uprn) == (MATCHED, 3), house


def test_a_street_whose_postcode_unit_holds_one_of_its_addresses_is_left_as_it_was() -> None:
    # the record's postcode unit holds only the garages of the street: the unit tells
    # them apart, and the answer is the guess for review it was
    m = _dover_close(_close(4, pao_start_number=17, postcode="CB2 8HP"))
    m2 = Matcher(
        [
            _close(1, pao_text="GARAGES REAR OF 13", classification="LP", postcode="CB2 8HQ"),
            _close(2, pao_start_number=13),
            _close(3, pao_start_number=15),
        ]
    )
    res = m2.match_one("DOVER CLOSE, WESTFIELD, CALDERBRIDGE", "CB2 8HQ")
    assert STREET_ONLY_NOTE not in res.match_reason, res
    assert m.match_one("DOVER CLOSE, WESTFIELD", "CB2 8HN").match_status == AMBIGUOUS


def _orchard_road() -> Matcher:
    return Matcher(
        [
            _road(10, pao_start_number=21, classification="PP"),
            _road(11, sao_text="GROUND FLOOR FLAT", pao_start_number=21, parent_uprn=10),
            _road(12, sao_text="FIRST FLOOR FLAT", pao_start_number=21, parent_uprn=10),
            _road(20, pao_text="ALBION WORKS", classification="PP"),
            *(
                _road(20 + k, sao_start_number=k, sao_text="FLAT", pao_text="ALBION WORKS",
                      parent_uprn=20)
                for k in (1, 2, 3)
            ),
            _road(30, pao_start_number=25),
        ]
    )  # fmt: skip


def test_a_building_of_the_street_named_by_its_first_word_is_not_left_out() -> None:
    m = _orchard_road()
    # the one first floor flat of the street and postcode, its house number not written
    plain = m.match_one("FIRST FLOOR FLAT, ORCHARD ROAD, PENRHOS", "LL2 5XL")
    assert (plain.match_status, plain.uprn) == (MATCHED, 12), plain
    # ALBION begins ALBION WORKS: the record is about that building, whose flats have
    # numbers, not floors; 21's first floor flat is no answer a person would give
    res = m.match_one("FIRST FLOOR FLAT, ALBION, ORCHARD ROAD, PENRHOS", "LL2 5XL")
    assert res.match_status == AMBIGUOUS, res
    assert "ALBION, the start of ALBION WORKS" in res.match_reason, res
    # written with its house number, 21 is the record's own
    numbered = m.match_one("FIRST FLOOR FLAT, ALBION, 21 ORCHARD ROAD, PENRHOS", "LL2 5XL")
    assert numbered.match_status == MATCHED and numbered.uprn == 12, numbered


def test_a_slash_pair_beside_a_written_unit_is_the_house_range() -> None:
    readings = parse("FIRST FLOOR FLAT, 5/11, KINGS ROW").readings
    assert (readings[0].flat, readings[0].number, readings[0].end, readings[0].weight) == (
        "F1",
        5,
        11,
        1.0,
    )
    # a flat read from the pair as well is a guess
    guess = [r for r in readings if r.flat == "5"]
    assert guess and guess[0].weight == SLASH_BESIDE_UNIT_WEIGHT
    # with no unit written, 2/10 is flat 2 of 10 as before
    bare = parse("2/10 KINGS ROW").readings[0]
    assert (bare.flat, bare.number, bare.weight) == ("2", 10, 1.0)
    m = Matcher(
        [
            _row(40, pao_start_number=5, pao_end_number=11, classification="PP"),
            *(
                _row(40 + k, sao_start_number=k, sao_text="FLAT", pao_start_number=5,
                     pao_end_number=11, parent_uprn=40)
                for k in range(1, 6)
            ),
        ]
    )  # fmt: skip
    res = m.match_one("FIRST FLOOR FLAT, 5/11, KINGS ROW", "LL2 4UF")
    # no flat of 5-11 is on a named floor: flat 5 is at most a guess a person confirms
    assert res.match_status != MATCHED or needs_review(
        res.match_status, res.match_score, res.margin
    ), res
    assert m.match_one("5/11 KINGS ROW", "LL2 4UF").match_status == MATCHED
