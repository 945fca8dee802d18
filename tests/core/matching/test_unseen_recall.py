"""Recall rules found on the unseen benchmark (issue 11, part 3), each on a hand-written
gazetteer of its shape: a flat letter written as an SAO suffix with no number is the flat's
identity."""

from __future__ import annotations

from placelink.core.matching import AMBIGUOUS, MATCHED, Matcher
from placelink.core.schema import empty_address

from .factory import address_maker

_addr = address_maker(
    town="ABERNANT", locality="LLANFAIR", street_description="ALDER ROAD", postcode="LL2 2QP"
)


ALDER = [
    _addr(1, pao_start_number=25, classification="PP"),
    _addr(2, sao_text="FLAT", sao_start_suffix="A", pao_start_number=25, parent_uprn=1),
    _addr(3, sao_text="FLAT", sao_start_suffix="B", pao_start_number=25, parent_uprn=1),
    _addr(4, pao_start_number=25, pao_start_suffix="A"),
    _addr(5, pao_start_number=27),
]  # fmt: skip


def test_a_flat_letter_with_no_sao_number_is_the_flats_identity() -> None:
    """SAO text FLAT + start suffix B, no start number: FLAT B, 25 ALDER ROAD (the letter was
    dropped, and FLAT A and FLAT B of 25 were one text shared by two UPRNs)."""
    assert ALDER[2]["address"] == "FLAT B, 25 ALDER ROAD, LLANFAIR, ABERNANT, LL2 2QP"
    m = Matcher(ALDER)
    for text, uprn in (
        ("FLAT B, 25 ALDER ROAD, LLANFAIR, ABERNANT", 3),
        ("Flat A 25 Alder Road Abernant", 2),
        ("25A ALDER ROAD, LLANFAIR", 4),  # the lettered house is itself
    ):
        res = m.match_one(text, "LL2 2QP")
        assert (res.match_status, res.uprn) == (MATCHED, uprn), (text, res)
    assert m.match_one("FLAT, 25 ALDER ROAD", "LL2 2QP").match_status == AMBIGUOUS
    texts = ["FLAT B, 25 ALDER ROAD, LLANFAIR, ABERNANT", "Flat A 25 Alder Road Abernant"]
    batch = m.match_batch(texts, ["LL2 2QP"] * 2)
    assert [r.uprn for r in batch] == [3, 2]


def _town(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "ABERNANT")
    values.setdefault("postcode", "LL2 8UN")
    return empty_address(uprn=uprn, **values)


TANNERY = [
    _town(10, pao_start_number=45, street_description="TANNERY ROAD", classification="PP"),
    _town(11, sao_text="GROUND FLOOR FLAT", pao_start_number=45,
          street_description="TANNERY ROAD", parent_uprn=10),
    _town(12, sao_text="FIRST FLOOR FLAT", pao_start_number=45,
          street_description="TANNERY ROAD", parent_uprn=10),
    _town(13, pao_start_number=45, street_description="BIRCH PLACE", postcode="LL2 8AB"),
    _town(14, pao_start_number=45, street_description="WELL AVENUE", locality="TREFOR",
          postcode="LL3 7PW"),
    _town(15, pao_start_number=10, street_description="WELL AVENUE", locality="TREFOR",
          postcode="LL3 7PW"),
]  # fmt: skip


def test_a_house_number_and_a_place_with_no_street_finds_the_one_address_they_fit() -> None:
    m = Matcher(TANNERY)
    # no street, no postcode: the only 45 of Abernant with a ground floor flat
    res = m.match_one("Ground Floor Flat, 45, Abernant")
    assert (res.match_status, res.uprn) == (MATCHED, 11), res
    assert "street missing in record" in res.match_reason
    # a number alone fits three houses 45 of the town: no answer
    assert m.match_one("45, Abernant").match_status != MATCHED
    # a record writing a street (misspelt, not read) is not looked for by number alone:
    # 10 WELL AVENUE is the town's only 10, but the record names another street
    assert m.match_one("10 HIH STREET ABERNANT").match_status != MATCHED
    texts = ["Ground Floor Flat, 45, Abernant", "45, Abernant"]
    batch = m.match_batch(texts)
    assert [r.as_dict() for r in batch] == [m.match_one(t).as_dict() for t in texts]


def _station(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "NORTHBRIDGE")
    values.setdefault("street_description", "STATION ROAD")
    values.setdefault("postcode", "NB8 1PG")
    return empty_address(uprn=uprn, **values)


STATION = [
    _station(20, pao_start_number=85, classification="PP"),
    _station(21, sao_text="FLAT 1", pao_start_number=85, parent_uprn=20),
    _station(22, sao_text="FLAT 2", pao_start_number=85, parent_uprn=20),
    _station(23, pao_start_number=45, classification="PP"),
    _station(24, sao_text="FIRST FLOOR FLAT", pao_start_number=45, parent_uprn=23),
    _station(25, sao_text="GROUND FLOOR FLAT", pao_start_number=45, parent_uprn=23),
    _station(26, pao_start_number=47, pao_start_suffix="A", classification="PP"),
    _station(27, sao_text="FLAT 1", pao_start_number=47, pao_start_suffix="A", parent_uprn=26),
    _station(28, pao_start_number=47, classification="PP"),
    _station(29, sao_text="FLAT 1", pao_start_number=47, parent_uprn=28),
]  # fmt: skip


def test_a_named_flat_reads_the_house_numbers_letter_as_a_possible_slip() -> None:
    m = Matcher(STATION)
    # no 85A, no 45A: the flat names the unit, the letter is a slip
    for text, uprn in (
        ("Flat 1, 85a, Station Road, Northbridge", 21),
        ("FIRST FLOOR FLAT 45A STATION ROAD NORTHBRIDGE", 24),
        ("FIRST FLOOR FLAT, 45A STATION ROAD", 24),
    ):
        res = m.match_one(text, "NB8 1PG")
        assert (res.match_status, res.uprn) == (MATCHED, uprn), (text, res)
    # 47A has a flat 1 of its own: the letter as written wins
    assert m.match_one("Flat 1, 47a, Station Road", "NB8 1PG").uprn == 27
    assert m.match_one("Flat 1, 47, Station Road", "NB8 1PG").uprn == 29


def test_a_plot_number_before_the_house_number_is_not_an_address_number() -> None:
    """PLOT 45 (a development plot's number) before the house number 125: the house, not
    flat 45 of 125 nor house 45 (before: two numbers, one left out, no answer)."""
    from placelink.core.parse import parse

    homes = [
        _station(40, pao_start_number=125, street_description="SCHOOL CLOSE"),
        _station(41, pao_start_number=45, street_description="SCHOOL CLOSE"),
        _station(42, pao_start_number=127, street_description="SCHOOL CLOSE"),
    ]
    assert parse("Plot 45, 125 School Close").readings[0].number == 125
    res = Matcher(homes).match_one("Plot 45, 125 School Close, Northbridge", "NB8 1PG")
    assert (res.match_status, res.uprn) == (MATCHED, 40), res
    # a plot with no house number after it keeps its number as the record's only number
    assert parse("PLOT 12 HIGH STREET").readings[0].number == 12
