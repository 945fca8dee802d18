"""The unit grammar (issue 11, items 4-6): unit notations, named sub-buildings and the
valid parts of an invalid postcode, each read into the right SAO/PAO parts."""

from __future__ import annotations

import pytest
from placelink.core import postcode as pc
from placelink.core.parse import flat_key, parse, sao_floors


def _first(text: str, postcode: str | None = None) -> tuple:
    r = parse(text, postcode).readings[0]
    return (r.flat, r.number, r.suffix, r.end)


def _all(text: str) -> set[tuple]:
    return {(r.flat, r.number) for r in parse(text).readings}


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("FLT10 12 High St", ("10", 12, "", None)),  # unit word and id typed together
        ("Flt 10, 12 High St", ("10", 12, "", None)),
        ("RM 5 FLAT 3 12 High St", ("3/R5", 12, "", None)),  # room 5 of flat 3
        ("Room 3, Flat 2, 12 High Street", ("2/R3", 12, "", None)),
        ("Flat 2 Room 3, 12 High Street", ("2/R3", 12, "", None)),
        ("Room 3, 12 High Street", ("3", 12, "", None)),  # a room alone is the unit
        ("FLAT 4.5.3, ROSE COURT, HIGH ST", ("4.5.3", None, "", None)),  # dotted unit id
        ("4.5.3 Rose Court", ("4.5.3", None, "", None)),
        ("14.12 High Street", ("14", 12, "", None)),  # flat 14 of 12, as 14/12
        ("2F2 12 Leith Walk", ("2/2", 12, "", None)),  # second floor, flat 2
        ("12 Leith Walk 2F2", ("2/2", 12, "", None)),
        ("Flat 2F2, 12 Leith Walk", ("2/2", 12, "", None)),
        ("1/3 12 Leith Walk", ("1/3", 12, "", None)),  # floor 1, position 3 of 12
        ("2/1, 12 Leith Walk", ("2/1", 12, "", None)),
        ("Flat 2/1, 12 Leith Walk", ("2/1", 12, "", None)),
        ("2/10 Leith Walk", ("2", 10, "", None)),  # no number after: flat 2 of 10
        ("GROUND FLOOR LEFT 33 ALDER ROAD", ("F0/LEFT", 33, "", None)),  # no comma
        ("Ground Floor Left, 33 Alder Road", ("F0/LEFT", 33, "", None)),
        ("12-14 High Street", ("", 12, "", 14)),  # a range with no number after: the house
        ("12-14 High Street, Flat 2", ("2", 12, "", 14)),  # the number after is the flat's
        ("1B-1C Coleman House, 1-3 High Street", ("1B-1C", 1, "", 3)),
    ],
)
def test_unit_notations(text: str, first: tuple) -> None:
    assert _first(text) == first


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("RM 5 FLAT 3 12 High St", ("3", 12)),  # flat 3 itself when no rooms are listed
        ("14.12 High Street", ("12", 14)),
        ("14.12 High Street", ("14.12", None)),
        ("4.5.3 High Street", ("4.5", 3)),
        ("2/10 Leith Walk", ("10", 2)),
    ],
)
def test_other_readings_of_unit_notations(text: str, reading: tuple) -> None:
    assert reading in _all(text)


@pytest.mark.parametrize(
    ("sao", "key"),
    [
        ("2F2", "2/2"),
        ("FLAT 2F2", "2/2"),
        ("FLAT 2/2", "2/2"),
        ("ROOM 5 FLAT 3", "3/R5"),
        ("FLAT 3 ROOM 5", "3/R5"),
        ("FLAT 4.5.3", "4.5.3"),
        ("14.12", "14.12"),
        ("ROCKLEIGH", "ROCKLEIGH"),
        ("BISHOPS LODGE", "BISHOPS LODGE"),
        ("THE STABLES", "THE STABLES"),
    ],
)
def test_gazetteer_sao_keys_meet_the_records(sao: str, key: str) -> None:
    assert flat_key(sao) == key


@pytest.mark.parametrize(
    ("text", "name", "number"),
    [
        ("ROCKLEIGH, 12 HIGH STREET", "ROCKLEIGH", 12),
        ("BISHOPS LODGE 12 HIGH STREET", "BISHOPS LODGE", 12),
        ("EAST WING, MANOR HOUSE, 4 HIGH STREET", "EAST WING", 4),
        ("THE STABLES, MANOR FARM, HIGH STREET", "THE STABLES", None),
    ],
)
def test_named_sub_buildings_are_a_reading_not_a_missing_flat(
    text: str, name: str, number: int | None
) -> None:
    p = parse(text)
    assert p.readings[0].flat == ""  # the plain reading first: the name may be the building
    named = [r for r in p.readings if r.flat == name]
    assert named and named[0].number == number and named[0].weight < 1.0
    assert not p.unit_word


def test_building_name_with_a_street_type_word_before_the_street() -> None:
    p = parse("FLAT 3 WESTON COURT 12 HIGH STREET")
    assert _first("FLAT 3 WESTON COURT 12 HIGH STREET") == ("3", 12, "", None)
    assert p.street_type == "STREET"
    assert p.words == ["WESTON", "COURT", "HIGH", "STREET"]


@pytest.mark.parametrize(
    ("text", "postcode", "partial", "words"),
    [
        ("10 High St, Leeds LS6 9", None, "LS6 9", ["HIGH", "STREET", "LEEDS"]),
        ("10 Rainbow Rd AB1 2CD", None, "AB1 2CD", ["RAINBOW", "ROAD"]),
        ("10 Rainbow Rd", "AB1 2CD", "AB1 2CD", ["RAINBOW", "ROAD"]),
        ("10 High St", "LS6 9", "LS6 9", ["HIGH", "STREET"]),
        ("10 High St", "LS6", "LS6", ["HIGH", "STREET"]),
        ("10 High St", "MKA 7NP", "", ["HIGH", "STREET"]),  # not even the outward code
        ("10 High St LS6 9ZZ", None, "", ["HIGH", "STREET"]),  # a valid postcode: kept whole
    ],
)
def test_invalid_postcode_keeps_its_valid_parts(
    text: str, postcode: str | None, partial: str, words: list[str]
) -> None:
    p = parse(text, postcode)
    assert p.postcode_partial == partial
    assert p.words == words
    assert p.readings[0].number == 10  # the sector digit is not a house number


def test_partial_postcode_parts() -> None:
    assert pc.partial("ab12cd") == "AB1 2CD"
    assert pc.partial("LS6 9ZZ") is None  # valid whole
    assert pc.sector("LS6 9") == "LS6 9" and pc.district("LS6 9") == "LS6"
    assert pc.sector("AB1 2CD") == "AB1 2"
    assert pc.is_partial_unit("AB1 2CD") and not pc.is_partial_unit("LS6 9")
    assert pc.extract_partial("LS6 9") == (None, "LS6 9")  # nothing but a postcode
    assert pc.extract_partial("12 HIGH STREET, 9") == (None, "12 HIGH STREET, 9")


@pytest.mark.parametrize(
    ("text", "name", "number"),
    [
        ("LAND AT 31 CEDAR STREET", "LAND AT 31", 31),
        ("Rear of 63, Foxglove Terrace", "REAR OF 63", 63),
        ("GARAGES REAR OF 41 ALDER ROAD", "GARAGES REAR OF 41", 41),
        ("LAND TO REAR OF 29 ALDER ROAD", "LAND TO REAR OF 29", 29),
    ],
)
def test_a_number_after_land_at_or_rear_of_belongs_to_the_name(
    text: str, name: str, number: int
) -> None:
    p = parse(text)
    assert " ".join(p.words).startswith(name)
    assert (p.readings[0].number, p.readings[0].weight) == (None, 1.0)
    assert any(r.number == number and r.weight < 0.7 for r in p.readings)  # a weak guess


def test_a_number_after_of_without_a_relation_is_the_house() -> None:
    assert parse("ISLE OF 7 HIGH STREET").readings[0].number == 7  # no LAND/REAR head


@pytest.mark.parametrize(
    ("sao", "floors"),
    [
        ("FLAT A SECOND FLOOR", ["F2"]),
        ("FLAT A FIRST AND SECOND FLOORS", ["F2", "F1"]),
        ("FLAT 2 GROUND FLOOR", ["F0"]),
        ("GROUND FLOOR FLAT", []),  # its own key is the floor
        ("ROSE COTTAGE", []),
    ],
)
def test_an_sao_with_an_id_and_a_floor_is_found_by_either(sao: str, floors: list[str]) -> None:
    assert sao_floors(sao) == floors


def test_a_number_and_a_half_is_a_name() -> None:
    p = parse("144 & A HALF PIPER ROAD")
    assert p.words[:4] == ["144", "AND", "A", "HALF"]
    assert p.readings[0].number is None and p.readings[0].suffix == ""
