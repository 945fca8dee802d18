"""Parsing UK address text: postcodes, flats and sub-units, number ranges, readings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from placelink.core.parse import flat_key, parse

# text, postcode field, expected (postcode, flat, number, suffix, end) of the first reading
FORMS = [
    ("10 Downing Street, London SW1A 2AA", None, ("SW1A 2AA", "", 10, "", None)),
    ("10 downing st london sw1a2aa", None, ("SW1A 2AA", "", 10, "", None)),
    ("10 Downing St", "sw1a 2aa", ("SW1A 2AA", "", 10, "", None)),
    ("10 Downing St", "SW1A  2AA", ("SW1A 2AA", "", 10, "", None)),
    ("10 High St, Northbridge, NB1 OAB", None, ("NB1 0AB", "", 10, "", None)),
    ("10 High St", "NBI 2AB", ("NB1 2AB", "", 10, "", None)),
    ("5 Spring Close, Northbridge", None, (None, "", 5, "", None)),
    ("Flat 2, 10 High Street", None, (None, "2", 10, "", None)),
    ("Flat 2 10 High Street", None, (None, "2", 10, "", None)),
    ("FLAT 2, ROSE COURT, 10 HIGH STREET", None, (None, "2", 10, "", None)),
    ("Apartment 12, Rose Court, High Street", None, (None, "12", None, "", None)),
    ("Apt 12 Rose Court", None, (None, "12", None, "", None)),
    ("Appt. 3, The Maltings", None, (None, "3", None, "", None)),
    ("Falt 3, 5 Elm Road", None, (None, "3", 5, "", None)),
    ("Flat A, 45 Elm Gardens", None, (None, "A", 45, "", None)),
    ("Flat 2A, 45 Elm Gardens", None, (None, "2A", 45, "", None)),
    ("Flat 003, 24 St Lukes Street", None, (None, "3", 24, "", None)),
    ("Ground Floor Flat, 30 Fir Lane", None, (None, "F0", 30, "", None)),
    ("Ground Floor, 30 Fir Lane", None, (None, "F0", 30, "", None)),
    ("GFF 30 Fir Lane", None, (None, "F0", 30, "", None)),
    ("Grd Flr Flat, 30 Fir Lane", None, (None, "F0", 30, "", None)),
    ("First Floor Flat, 30 Fir Lane", None, (None, "F1", 30, "", None)),
    ("1st Floor Flat 30 Fir Lane", None, (None, "F1", 30, "", None)),
    ("FFF, 30 Fir Lane", None, (None, "F1", 30, "", None)),
    ("Second Floor Flat, 30 Fir Lane", None, (None, "F2", 30, "", None)),
    ("Top Floor Flat, 30 Fir Lane", None, (None, "FTOP", 30, "", None)),
    ("Basement Flat, 30 Fir Lane", None, (None, "F-1", 30, "", None)),
    ("Basement, 30 Fir Lane", None, (None, "F-1", 30, "", None)),
    ("Lower Ground Floor Flat, 30 Fir Lane", None, (None, "F-1", 30, "", None)),
    ("Ground Floor Flat 2, 7 Upper Road", None, (None, "2", 7, "", None)),
    ("7 Upper Road", None, (None, "", 7, "", None)),
    ("7 Lower Road", None, (None, "", 7, "", None)),
    ("12A High Street", None, (None, "", 12, "A", None)),
    ("12a High Street", None, (None, "", 12, "A", None)),
    ("12 A High Street", None, (None, "", 12, "A", None)),
    ("12-14 High Street", None, (None, "", 12, "", 14)),
    ("12 - 14 High Street", None, (None, "", 12, "", 14)),
    ("2/10 Leith Walk", None, (None, "2", 10, "", None)),
    ("Flat 3/2, 15 Leith Walk", None, (None, "3/2", 15, "", None)),
    ("C, 18 Fairview Road", None, (None, "C", 18, "", None)),
    ("2, 67 High Street", None, (None, "2", 67, "", None)),
    ("Rose Cottage, Mill Lane, Little Snoring", None, (None, "", None, "", None)),
    ("The Old Rectory, Church Lane", None, (None, "", None, "", None)),
    ("Unit 5, Riverside Industrial Estate", None, (None, "5", None, "", None)),
    ("Room 3, 4 Elm Grove", None, (None, "3", 4, "", None)),
    ("Studio 2, 4 Elm Grove", None, (None, "2", 4, "", None)),
    ("Maisonette 1, 8 Elm Grove", None, (None, "1", 8, "", None)),
    ("", None, (None, "", None, "", None)),
]


@pytest.mark.parametrize(("text", "postcode", "expected"), FORMS)
def test_real_world_forms(text: str, postcode: str | None, expected: tuple) -> None:
    p = parse(text, postcode)
    assert (p.postcode, p.flat, p.number, p.suffix, p.end) == expected


def _readings(text: str) -> set[tuple]:
    return {(r.flat, r.number, r.suffix, r.end) for r in parse(text).readings}


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("2, 67 High Street", ("2", 67, "", None)),  # flat 2 of 67
        ("2, 67 High Street", ("", 67, "", None)),  # or 67 alone
        ("9B Acorn Road", ("", 9, "B", None)),
        ("9B Acorn Road", ("B", 9, "", None)),  # flat B of 9
        ("Flat A, 45 Elm Gardens", ("", 45, "A", None)),  # 45A
        ("2/10 Leith Walk", ("10", 2, "", None)),  # 10/2 written the Scottish way
        ("90/92 High Street", ("", 90, "", 92)),  # a range
        ("12-14 High Street", ("", 12, "", None)),
        ("10, Park Avenue, 2", ("2", 10, "", None)),  # components swapped
        ("6, Maple Court, Fir Lane", ("6", None, "", None)),  # flat 6 of a named block
        ("First Floor Flat 77 Hawthorn Street", ("F1", 77, "", None)),  # no commas
        ("2 Second Floor, Heather Mansions", ("2", None, "", None)),
    ],
)
def test_several_readings_of_numbers(text: str, reading: tuple) -> None:
    assert reading in _readings(text)


def test_words_exclude_numbers_units_and_postcode() -> None:
    p = parse("Flat 2, Rose Ct, 10 High St, Northbridge NB1 2AB")
    assert p.words == ["ROSE", "COURT", "HIGH", "STREET", "NORTHBRIDGE"]
    assert p.street_type == "STREET"
    assert p.postcode == "NB1 2AB"


@pytest.mark.parametrize(
    "text", ["17 Old Walk, Marshfield", "Flat 11 1st Floor, 16 Oxford Hill", "2 Eld Road"]
)
def test_numbers_and_words_are_not_postcodes(text: str) -> None:
    assert parse(text).postcode is None


def test_close_is_not_a_mis_keyed_postcode() -> None:
    p = parse("12, Castle Point, 131, Spring Close")
    assert p.postcode is None
    assert "CLOSE" in p.words


def test_numbers_for_blocking_include_range_members() -> None:
    assert parse("12-14 High Street").numbers == {12, 13, 14}


@pytest.mark.parametrize(
    ("sao_text", "number", "suffix", "expected"),
    [
        ("FLAT", 2, None, "2"),
        (None, 2, "A", "2A"),
        ("FLAT A", None, None, "A"),
        ("FLAT 2", None, None, "2"),
        ("APARTMENT 14", None, None, "14"),
        ("GROUND FLOOR FLAT", None, None, "F0"),
        ("GROUND FLOOR", None, None, "F0"),
        ("BASEMENT FLAT", None, None, "F-1"),
        ("FIRST FLOOR FLAT", None, None, "F1"),
        ("TOP FLOOR FLAT", None, None, "FTOP"),
        ("ANNEXE", None, None, "ANNEXE"),
        (None, None, None, ""),
    ],
)
def test_flat_key_of_sao_parts(
    sao_text: str | None, number: int | None, suffix: str | None, expected: str
) -> None:
    assert flat_key(sao_text, number, suffix) == expected


def test_record_and_gazetteer_flats_meet() -> None:
    """The flat key of a record's text equals the gazetteer's SAO key for the same flat."""
    for text, sao in [
        ("Ground Floor Flat, 4 Elm Road", ("GROUND FLOOR FLAT", None)),
        ("Flat 2, 4 Elm Road", ("FLAT", 2)),
        ("Apt 2, 4 Elm Road", ("APARTMENT", 2)),
        ("Flat B, 4 Elm Road", ("FLAT B", None)),
    ]:
        assert parse(text).flat == flat_key(*sao)


@settings(max_examples=400, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text(max_size=10)))
def test_parse_never_raises(text: str, postcode: str | None) -> None:
    p = parse(text, postcode)
    assert p.readings
    assert p.postcode is None or len(p.postcode) <= 8


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "FLAT",
                "2",
                "10A",
                "12-14",
                "2/10",
                ",",
                "GROUND",
                "FLOOR",
                "HIGH",
                "ST",
                "NB1 2AB",
                "A",
            ]
        ),
        max_size=12,
    )
)
def test_parse_address_like_token_soup(parts: list[str]) -> None:
    p = parse(" ".join(parts))
    assert p.readings
    for r in p.readings:
        assert r.number is None or r.number >= 0
        assert 0 < r.weight <= 1


def test_number_after_a_building_name_is_the_house_number() -> None:
    """ "MERCIA HOUSE, 12 ST MARYS CLOSE" names building and house; 12 is not a flat of it."""
    readings = parse("Mercia House, 12 St Marys Close, Brackenford").readings
    assert [(r.flat, r.number) for r in readings] == [("", 12), ("12", None), ("MERCIA HOUSE", 12)]
    # the name may be a named sub-building of 12 (its SAO text); 12 is a flat number only
    # of a building with no house number (``unnumbered``: a numbered one contradicts it)
    assert readings[0].weight == 1.0 > readings[2].weight > readings[1].weight
    assert readings[1].unnumbered and not readings[2].unnumbered
    # a number before the name may still be a flat of a named block
    assert ("6", None) in [(r.flat, r.number) for r in parse("6, Maple Court, High St").readings]


def test_parking_spaces_and_garages_are_not_flats() -> None:
    """``PARKING SPACE 5`` and ``FLAT 5`` of one building are different units."""
    assert flat_key("PARKING SPACE 5") == "PS5" != flat_key("FLAT 5") == "5"
    assert flat_key("GARAGE", 3) == "GA3"
    assert parse("Parking space 5, Daisy House, Quarry Crescent").readings[0].flat == "PS5"
    assert parse("Garage 3, Mill Lane").readings[0].flat == "GA3"
    assert flat_key("ROSE STORE") == "ROSE STORE"  # a name, not a numbered store
