"""Precision rules found on the unseen benchmark (issue 11, part 3), each on a hand-written
gazetteer of its shape: an answer that leaves out one of the record's numbers is no match."""

from __future__ import annotations

from placelink.core.matching import AMBIGUOUS, MATCHED, Matcher
from placelink.core.matching.matcher import LEAVES_NUMBER_NOTE
from placelink.core.schema import empty_address

from .factory import address_maker

_addr = address_maker(town="NORTHBRIDGE", street_description="BIRCH AVENUE", postcode="NB5 6FF")


BIRCH = [
    _addr(1, pao_start_number=3),
    _addr(2, pao_start_number=17, classification="PP"),
    _addr(3, sao_start_number=1, pao_start_number=17, parent_uprn=2),
    _addr(4, sao_start_number=2, pao_start_number=17, parent_uprn=2),
    _addr(5, pao_start_number=48),
    _addr(6, pao_start_number=50),
    _addr(7, pao_start_number=1, street_description="ALDER DRIVE", postcode="NB5 7AA"),
]  # fmt: skip


def test_an_answer_leaving_out_one_of_the_records_numbers_is_ambiguous() -> None:
    m = Matcher(BIRCH)
    # flat 3 of 17 is not in the gazetteer: house 3 (17 left out) is a guess, not a match
    for text in ("3 17, Birch Avenue, Northbridge", "3, 17 BIRCH AVENUE"):
        res = m.match_one(text)
        assert res.match_status == AMBIGUOUS, (text, res)
        assert LEAVES_NUMBER_NOTE in res.match_reason, res
    # 48-50 typed in full, the gazetteer holding 48 and 50 apart: either half is a guess
    res = m.match_one("48-50 BIRCH AVENUE NORTHBRIDGE", "NB5 6FF")
    assert res.match_status == AMBIGUOUS and res.uprn in (5, 6), res
    # flat 1 of house 154 on another street: not house 1 of the street the record names
    res = m.match_one("1, 154, Alder Drive, Northbridge")
    assert res.match_status != MATCHED, res
    # every number explained: matched as before
    assert (m.match_one("2, 17 Birch Avenue, Northbridge").uprn, m.match_one("2, 17 Birch "
            "Avenue").match_status) == (4, MATCHED)  # fmt: skip
    assert m.match_one("3 BIRCH AVENUE, NORTHBRIDGE").uprn == 1


def test_the_rule_holds_in_every_engine_path() -> None:
    m = Matcher(BIRCH)
    texts = ["3 17, Birch Avenue, Northbridge", "48-50 BIRCH AVENUE NORTHBRIDGE"]
    batch = m.match_batch(texts, [None, "NB5 6FF"])
    one = [m.match_one(texts[0]), m.match_one(texts[1], "NB5 6FF")]
    assert [r.as_dict() for r in batch] == [r.as_dict() for r in one]
    assert all(r.match_status == AMBIGUOUS for r in batch)


def _house(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "CALDERBRIDGE")
    return empty_address(uprn=uprn, **values)


STATION = [
    _house(20, sao_text="FLAT 4", pao_text="STATION HOUSE", street_description="COPPICE WALK",
           postcode="CB2 6XS"),
    _house(21, sao_text="FLAT 4", pao_text="STATION HOUSE", street_description="BRACKEN STREET",
           locality="KIRKBY GREEN", postcode="CB2 9JR"),
    _house(22, pao_start_number=5, street_description="CHURCH ROAD", postcode="CB2 1AA"),
    _house(23, pao_start_number=5, street_description="CHURCH ROAD", locality="KIRKBY GREEN",
           postcode="CB2 9AA"),
]  # fmt: skip


def test_an_omitted_locality_prefers_no_address_when_the_street_is_left_out_too() -> None:
    m = Matcher(STATION)
    # two STATION HOUSEs of the town, one in KIRKBY GREEN: a record naming neither street nor
    # locality is no more the one without a locality than the other
    for text in ("Flat 4, Station House, Calderbridge", "FLAT 4 STATION HOUSE"):
        res = m.match_one(text)
        assert res.match_status == AMBIGUOUS and {res.uprn, res.runner_up_uprn} == {20, 21}, res
    # naming the street or the locality tells them apart
    assert m.match_one("Flat 4, Station House, Bracken Street, Calderbridge").uprn == 21
    assert m.match_one("Flat 4, Station House, Kirkby Green, Calderbridge").uprn == 21
    # the record writing the street: its text but the locality is the address without one
    res = m.match_one("5 Church Road, Calderbridge")
    assert (res.match_status, res.uprn) == (MATCHED, 22), res
    res = m.match_one("5 Church Road, Kirkby Green, Calderbridge")
    assert (res.match_status, res.uprn) == (MATCHED, 23), res
    texts = ["Flat 4, Station House, Calderbridge", "5 Church Road, Calderbridge"]
    batch = m.match_batch(texts)
    assert [r.as_dict() for r in batch] == [m.match_one(t).as_dict() for t in texts]


def _avon(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "KELLINGTON")
    values.setdefault("street_description", "AVON CLOSE")
    values.setdefault("postcode", "KL1 8YP")
    return empty_address(uprn=uprn, **values)


AVON = [
    _avon(30, pao_start_number=50),
    _avon(31, pao_start_number=50, pao_start_suffix="A"),
    _avon(32, pao_start_number=52),
    _avon(33, pao_start_number=54),
    _avon(34, pao_start_number=54, pao_start_suffix="B"),
]  # fmt: skip


def test_a_flat_of_a_house_with_lettered_units_is_ambiguous() -> None:
    from placelink.core.matching.matcher import LETTERED_UNIT_NOTE

    m = Matcher(AVON)
    # house 50 has no flats, 50A is the unit beside it: "FLAT 1, 50" may be either
    for text in ("Flat 1, 50, Avon Close, Kellington", "FIRST FLOOR FLAT, 54 AVON CLOSE",
                 "54 AVON CLOSE, FLAT ABOVE"):  # fmt: skip
        res = m.match_one(text, "KL1 8YP")
        assert res.match_status == AMBIGUOUS, (text, res)
        assert LETTERED_UNIT_NOTE in res.match_reason, res
    assert f"{LETTERED_UNIT_NOTE} (54B)" in res.match_reason
    # a house with no lettered unit stays the (capped) guess it was
    res = m.match_one("Flat 1, 52, Avon Close, Kellington", "KL1 8YP")
    assert (res.match_status, res.uprn) == (MATCHED, 32) and res.match_score < 75, res
    # the house and the lettered unit themselves
    assert m.match_one("50 Avon Close", "KL1 8YP").uprn == 30
    assert m.match_one("50A Avon Close", "KL1 8YP").uprn == 31
    texts = ["Flat 1, 50, Avon Close, Kellington", "Flat 1, 52, Avon Close, Kellington"]
    batch = m.match_batch(texts, ["KL1 8YP"] * 2)
    assert [r.as_dict() for r in batch] == [m.match_one(t, "KL1 8YP").as_dict() for t in texts]


NETHER = [
    _house(40, pao_text="JUNIPER FARMHOUSE COTTAGE", street_description="PRIORY RISE",
           locality="NETHER END", town="BROCKLEY", postcode="BK4 4LB"),
    _house(41, pao_start_number=33, street_description="PARK AVENUE", locality="NETHER END",
           town="BROCKLEY", postcode="BK2 2UD"),
    _house(42, sao_text="FLAT 2", pao_text="WESTON COURT", street_description="COPPICE WALK",
           town="BROCKLEY", postcode="BK2 6XS"),
    _house(43, sao_text="FLAT 3", pao_text="WESTON COURT", street_description="COPPICE WALK",
           town="BROCKLEY", postcode="BK2 6XS"),
]  # fmt: skip


def test_a_street_type_word_outside_the_building_name_names_another_street() -> None:
    m = Matcher(NETHER)
    # the cottage is on PRIORY RISE; the record names PARK AVENUE: not the cottage's text
    res = m.match_one("JUNIPER FARMHOUSE COTTAGE PARK AVENUE NETHER END BROCKLEY")
    assert res.match_status != MATCHED or res.match_score < 75, res
    assert "street differs" in res.match_reason, res
    # WESTON COURT, the block's own name with a street-type word, is still no street
    res = m.match_one("FLAT 2 WESTON COURT BROCKLEY")
    assert (res.match_status, res.uprn) == (MATCHED, 42), res
    assert "street missing in record" in res.match_reason, res
    assert m.match_one("JUNIPER FARMHOUSE COTTAGE, NETHER END, BROCKLEY").uprn == 40


def _elm(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "BROCKLEY")
    values.setdefault("street_description", "ELM LANE")
    values.setdefault("postcode", "BK2 9EX")
    return empty_address(uprn=uprn, **values)


ELM = [
    _elm(50, pao_start_number=7, classification="PP"),
    _elm(51, sao_text="BASEMENT FLAT", pao_start_number=7, parent_uprn=50),
    _elm(52, sao_text="GROUND FLOOR FLAT", pao_start_number=7, parent_uprn=50),
    _elm(53, pao_start_number=9),
    _elm(54, pao_start_number=21),
    _elm(55, pao_start_number=67, pao_text="MERCIA HOUSE", classification="PP"),
    _elm(56, sao_text="FLAT 3", pao_start_number=67, pao_text="MERCIA HOUSE", parent_uprn=55),
]  # fmt: skip


def test_a_range_holding_two_houses_of_the_street_is_not_one_of_them() -> None:
    m = Matcher(ELM)
    # 7-9: the street has a 7 (divided into flats) and a 9: not the house 9 alone
    res = m.match_one("7-9 ELM LANE, BROCKLEY", "BK2 9EX")
    assert res.match_status == AMBIGUOUS and LEAVES_NUMBER_NOTE in res.match_reason, res
    # 21-23: the street has no 23, the house 21 may well span both
    res = m.match_one("21-23 ELM LANE, BROCKLEY", "BK2 9EX")
    assert (res.match_status, res.uprn) == (MATCHED, 54), res
    # a flat of a range is the flat of the number its building has
    res = m.match_one("FLAT 3, MERCIA HOUSE, 67-69 ELM LANE", "BK2 9EX")
    assert (res.match_status, res.uprn) == (MATCHED, 56), res


def _nether(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "BROCKLEY")
    values.setdefault("locality", "NETHER END")
    return empty_address(uprn=uprn, **values)


ABBEY = [
    _nether(60, sao_text="FLAT 4", pao_text="PARK VIEW", street_description="ABBEY DRIVE",
            postcode="BK4 9PJ"),
    _nether(61, sao_text="FLAT 5", pao_text="PARK VIEW", street_description="ABBEY DRIVE",
            postcode="BK4 9PJ"),
    _nether(62, sao_text="FLAT 4", pao_text="STATION HOUSE", street_description="IVY WAY",
            postcode="BK4 3YR"),
    _nether(63, pao_start_number=47, street_description="PEMBROKE ROW", postcode="BK1 8RG",
            classification="PP"),
    _nether(64, sao_text="GROUND FLOOR FLAT", pao_start_number=47,
            street_description="PEMBROKE ROW", postcode="BK1 8RG", parent_uprn=63),
    _nether(65, sao_text="TOP FLOOR FLAT", pao_start_number=47,
            street_description="PEMBROKE ROW", postcode="BK1 8RG", parent_uprn=63),
]  # fmt: skip


def test_a_flat_number_alone_in_another_building_than_the_record_names_is_no_match() -> None:
    from placelink.core.matching.matcher import OTHER_BUILDING_NOTE

    m = Matcher(ABBEY)
    # STATION HOUSE is on IVY WAY; ABBEY DRIVE's flat 4 is in PARK VIEW: the flat number
    # alone does not say which the record means
    res = m.match_one("FLAT 4 STATION HOUSE ABBEY DRIVE NETHER END BROCKLEY")
    assert res.match_status == AMBIGUOUS and OTHER_BUILDING_NOTE in res.match_reason, res
    # with PARK VIEW's postcode unit it is PARK VIEW's flat 4, for a person to confirm
    res = m.match_one("FLAT 4 STATION HOUSE ABBEY DRIVE NETHER END BROCKLEY", "BK4 9PJ")
    assert (res.match_status, res.uprn) == (MATCHED, 60), res


def test_an_inferred_floor_on_numbers_read_another_way_is_no_match() -> None:
    from placelink.core.matching.matcher import TWO_GUESSES_NOTE

    m = Matcher(ABBEY)
    # 47 has a ground floor and a top floor flat: its top floor is the first, a guess
    res = m.match_one("FIRST FLOOR FLAT 47 PEMBROKE ROW BROCKLEY")
    assert (res.match_status, res.uprn) == (MATCHED, 65) and res.match_score < 75, res
    # 47A read as 47 (a slip) and its first floor inferred: two guesses, no match
    res = m.match_one("FIRST FLOOR FLAT 47A PEMBROKE ROW BROCKLEY")
    assert res.match_status == AMBIGUOUS and TWO_GUESSES_NOTE in res.match_reason, res
