"""Evidence rules found on the unseen benchmark (issue 11), each on a hand-written gazetteer:
a house number the street does not have is the flat of a house the record leaves out; a
named part of a building written with a floor is still that part."""

from __future__ import annotations

from placelink.core.matching import AMBIGUOUS, MATCHED, Matcher
from placelink.core.matching.review import needs_review
from placelink.core.schema import empty_address

from .factory import address_maker

_addr = address_maker(town="KELLINGTON", street_description="FALCON MEWS", postcode="KL2 2RH")


MEWS = [
    _addr(1, pao_start_number=121),
    _addr(2, pao_start_number=123, classification="PP"),
    _addr(3, sao_text="FLAT 1", pao_start_number=123, parent_uprn=2),
    _addr(4, sao_text="FLAT 2", pao_start_number=123, parent_uprn=2),
    _addr(5, pao_start_number=125),
    # Stanley Crescent has a house 5 and a flat 5 of house 2
    _addr(10, pao_start_number=5, street_description="STANLEY CRESCENT", postcode="KL5 5NN"),
    _addr(11, pao_start_number=2, classification="PP", street_description="STANLEY CRESCENT",
          postcode="KL5 5NN"),
    _addr(12, sao_text="FLAT 5", pao_start_number=2, parent_uprn=11,
          street_description="STANLEY CRESCENT", postcode="KL5 5NN"),
    _addr(13, sao_text="FLAT 6", pao_start_number=2, parent_uprn=11,
          street_description="STANLEY CRESCENT", postcode="KL5 5NN"),
]  # fmt: skip


def test_a_number_the_street_lacks_is_the_flat_of_the_house_the_record_leaves_out() -> None:
    m = Matcher(MEWS)
    for text, postcode in (("2, Falcon Mews, Kellington", "KL2 2RH"), ("2 FALCON MEWS", None)):
        res = m.match_batch([text], [postcode])[0]
        # Falcon Mews has no house 2: the only reading is flat 2 of 123, a guess for review
        assert (res.match_status, res.uprn) == (MATCHED, 4), res
        assert needs_review(res.match_status, res.match_score, res.margin), res
        assert "a house number it does not give" in res.match_reason
    # the street has a house 5: "5 STANLEY CRESCENT" is that house, not flat 5 of house 2
    res = m.match_one("5 STANLEY CRESCENT, KELLINGTON", "KL5 5NN")
    assert (res.match_status, res.uprn) == (MATCHED, 10), res
    # and with house 5 a parent shell of its own (not matched), still not flat 5 of house 2
    shell = [dict(r) for r in MEWS]
    shell[5 + 0]["classification"] = "PP"  # uprn 10
    assert shell[5]["uprn"] == 10
    res = Matcher(shell).match_one("5 STANLEY CRESCENT, KELLINGTON", "KL5 5NN")
    assert res.match_status != MATCHED, res


def _cottage(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "CALDERBRIDGE")
    values.setdefault("street_description", "FERN DRIVE")
    values.setdefault("postcode", "CB3 9NS")
    return empty_address(uprn=uprn, **values)


COTTAGES = [
    _cottage(20, pao_text="IVY COTTAGE", classification="PP"),
    _cottage(21, sao_text="EAST WING", pao_text="IVY COTTAGE", parent_uprn=20),
    _cottage(22, sao_text="THE COACH HOUSE", pao_text="IVY COTTAGE", parent_uprn=20),
    _cottage(23, pao_start_number=17),
    _cottage(24, sao_text="FIRST FLOOR FLAT", pao_start_number=19),
    _cottage(25, sao_text="GROUND FLOOR FLAT", pao_start_number=19),
]  # fmt: skip


def test_a_named_part_of_a_building_written_with_a_floor_is_that_part() -> None:
    m = Matcher(COTTAGES)
    for text in (
        "East Wing Second Floor, Ivy Cottage, Fern Drive, Calderbridge",
        "(1ST FLOOR) EAST WING IVY COTTAGE FERN DRIVE CALDERBRIDGE",
        "Ground Floor East Wing, Ivy Cottage, Calderbridge",
    ):
        res = m.match_batch([text], ["CB3 9NS"])[0]
        assert (res.match_status, res.uprn) == (MATCHED, 21), (text, res)
        assert "EAST WING = EAST WING" in res.match_reason
    # a floor alone names no part: the cottage's two parts stay a choice for a person
    res = m.match_one("FIRST FLOOR, IVY COTTAGE, FERN DRIVE", "CB3 9NS")
    assert res.match_status == AMBIGUOUS or res.uprn not in (21, 22), res
    # the floor flats of number 19 are still told apart by their floor
    res = m.match_one("FIRST FLOOR FLAT, 19 FERN DRIVE", "CB3 9NS")
    assert (res.match_status, res.uprn) == (MATCHED, 24), res


FARMS = [
    _cottage(30, pao_text="ASHBY FARM", street_description="BRACKEN HILL", postcode="CB3 2HF"),
    _cottage(31, pao_text="ASHBY FARM COTTAGE", street_description="BRACKEN HILL",
             postcode="CB3 2HF"),
    _cottage(32, pao_start_number=35, street_description="BRACKEN HILL", postcode="CB3 2HF"),
    _cottage(33, pao_text="GLEBE FARM", street_description="ORCHARD RISE", postcode="LL4 7RU"),
    _cottage(34, pao_text="GLEBE COTTAGE", street_description="ORCHARD RISE", postcode="LL4 7RU"),
]  # fmt: skip


def test_a_shortened_name_is_the_name_it_leaves_fewest_words_out_of() -> None:
    m = Matcher(FARMS)
    # ASHBY leaves one word out of ASHBY FARM, two out of ASHBY FARM COTTAGE
    res = m.match_one("Ashby, Bracken Hill, Calderbridge", "CB3 2HF")
    assert (res.match_status, res.uprn) == (MATCHED, 30), res
    # FARM COTTAGE written: the longer name is the one named in full
    res = m.match_one("Ashby Farm Cottage, Bracken Hill, Calderbridge", "CB3 2HF")
    assert (res.match_status, res.uprn) == (MATCHED, 31), res
    # GLEBE leaves one word out of GLEBE FARM and one of GLEBE COTTAGE: no way to tell
    res = m.match_one("Glebe, Orchard Rise, Calderbridge", "LL4 7RU")
    assert res.match_status == AMBIGUOUS, res


COURT = [
    _cottage(40, sao_text="UNIT 3", pao_text="KINGS BUSINESS PARK", town="BROCKLEY",
             street_description="ORCHARD COURT", postcode="BK2 4EQ", classification="CI01"),
    _cottage(41, sao_text="FLAT 3", pao_start_number=53, pao_end_number=55, town="BROCKLEY",
             street_description="ORCHARD COURT", postcode="BK2 4EQ", classification="RD06"),
    _cottage(42, sao_text="FLAT 4", pao_start_number=53, pao_end_number=55, town="BROCKLEY",
             street_description="ORCHARD COURT", postcode="BK2 4EQ", classification="RD06"),
]  # fmt: skip


def test_a_homes_flat_is_not_a_business_unit_of_the_same_number() -> None:
    m = Matcher(COURT)
    for text in ("Flat 3, Orchard Court, Brockley", "APARTMENT 3 ORCHARD COURT BROCKLEY"):
        res = m.match_one(text, "BK2 4EQ")
        assert (res.match_status, res.uprn) == (MATCHED, 41), (text, res)
    res = m.match_one("Unit 3, Orchard Court, Brockley", "BK2 4EQ")
    assert (res.match_status, res.uprn) == (MATCHED, 40), res
    # no noun: either may be meant, the numbers alone say no more
    res = m.match_one("3 ORCHARD COURT BROCKLEY", "BK2 4EQ")
    assert res.uprn != 41 or res.match_status != MATCHED or res.match_score < 75, res
    # the reason says why the unit lost
    top = m.candidates("Flat 3, Orchard Court, Brockley", "BK2 4EQ")
    unit = next(s for s in top if int(m.index.uprn[s.entry]) == 40)
    assert ("flat", "kind differs", "3") in unit.parts


def _wharf(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "NORTHBRIDGE")
    values.setdefault("locality", "DENHOLM")
    values.setdefault("street_description", "WHARF TERRACE")
    values.setdefault("postcode", "NB9 8TS")
    return empty_address(uprn=uprn, **values)


WHARF = [
    _wharf(50, pao_text="GREEN MANSIONS", classification="PP"),
    *[_wharf(50 + n, sao_start_number=n, pao_text="GREEN MANSIONS", parent_uprn=50,
             classification="RD06") for n in range(1, 13)],
    _wharf(70, pao_start_number=9, postcode="NB9 8RL"),
    _wharf(71, pao_start_number=11, postcode="NB9 8RL"),
    _wharf(72, pao_text="GARAGES REAR OF 3", postcode="NB9 8TS", classification="CZ"),
    # LILAC HOUSE is a house of another street
    _wharf(80, pao_text="LILAC HOUSE", street_description="MOOR LANE", locality="",
           postcode="NB1 5JX"),
]  # fmt: skip


def test_a_building_name_no_address_of_the_street_has_does_not_outweigh_the_postcode() -> None:
    m = Matcher(WHARF)
    # flat 9 of GREEN MANSIONS (postcode unit, street, flat) against house 9 of the street
    # (another postcode unit): the record's LILAC HOUSE is neither's, it decides nothing
    res = m.match_one("9 LILAC HOUSE, WHARF TERRACE, DENHOLM, NORTHBRIDGE", "NB9 8TS")
    assert (res.match_status, res.uprn) == (MATCHED, 59), res
    assert "no address of this street has" in res.match_reason
    # the wrong name alone identifies nothing: no confident answer
    res = m.match_one("LILAC HOUSE, WHARF TERRACE, NORTHBRIDGE", "NB9 8TS")
    assert res.match_status != MATCHED or res.match_score < 75, res


def _hill(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "BROCKLEY")
    values.setdefault("locality", "NETHER END")
    values.setdefault("street_description", "NORTHGATE HILL")
    values.setdefault("postcode", "BK1 9PL")
    return empty_address(uprn=uprn, **values)


HILL = [
    _hill(90, pao_text="WESTON COURT", classification="PP", postcode="BK1 9AH"),
    _hill(91, sao_text="FLAT 1", pao_text="WESTON COURT", parent_uprn=90, postcode="BK1 9AH"),
    _hill(92, sao_text="FLAT 2", pao_text="WESTON COURT", parent_uprn=90, postcode="BK1 9AH"),
    _hill(93, sao_text="GROUND FLOOR", pao_start_number=63, organisation="NORTHERN LIGHTS HAIR",
          classification="CR"),
    _hill(94, sao_text="FIRST FLOOR FLAT", pao_start_number=63, classification="RD06"),
    _hill(95, sao_text="GROUND FLOOR FLAT", pao_start_number=67),
    _hill(96, sao_text="FIRST FLOOR FLAT", pao_start_number=67),
]  # fmt: skip


def test_a_block_named_with_street_words_is_a_building_the_record_names() -> None:
    m = Matcher(HILL)
    # WESTON COURT is a block of this street, not a street: the shop's or a house's ground
    # floor (no building name) is not what the record names
    res = m.match_one("FLAT GROUND FLOOR WESTON COURT NORTHGATE HILL NETHER END BROCKLEY")
    assert res.uprn not in (93, 95) or res.match_status != MATCHED, res
    top = m.candidates("FLAT GROUND FLOOR WESTON COURT NORTHGATE HILL NETHER END BROCKLEY")
    shop = next(s for s in top if int(m.index.uprn[s.entry]) == 93)
    assert ("building", "extra", "") in shop.parts
    # written with its flat, the block's flat is found
    res = m.match_one("FLAT 2 WESTON COURT NORTHGATE HILL BROCKLEY")
    assert (res.match_status, res.uprn) == (MATCHED, 92), res
    # the shop itself, named by its organisation, is still found
    res = m.match_one("NORTHERN LIGHTS HAIR, GROUND FLOOR, 63 NORTHGATE HILL", "BK1 9PL")
    assert (res.match_status, res.uprn) == (MATCHED, 93), res


def _park(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "MARSHFIELD")
    values.setdefault("street_description", "PARK AVENUE")
    return empty_address(uprn=uprn, **values)


PARK = [
    _park(100, pao_start_number=31, locality="HOLTON", classification="PP", postcode="MF1 9JD"),
    _park(101, sao_text="FLAT A", pao_start_number=31, locality="HOLTON", parent_uprn=100,
          postcode="MF1 9JD"),
    _park(102, sao_text="FLAT B", pao_start_number=31, locality="HOLTON", parent_uprn=100,
          postcode="MF1 9JD"),
    _park(103, pao_start_number=31, postcode="MF7 8JY"),
    _park(104, pao_start_number=33, postcode="MF7 8JY"),
]  # fmt: skip


def test_an_address_outside_the_place_the_record_names_is_for_a_person_to_confirm() -> None:
    from placelink.core.matching.matcher import PLACE_NOTE

    m = Matcher(PARK)
    # 31 in Holton is divided into flats: the house 31 of the town proper is proposed, but
    # it is not in Holton and no postcode says it is: no match (issue 11, part 3)
    res = m.match_one("31, Park Avenue, Holton, Marshfield")
    assert (res.match_status, res.uprn) == (AMBIGUOUS, 103), res
    assert PLACE_NOTE in res.match_reason
    # the postcode unit of the house agreeing, it is proposed, for a person to confirm
    res = m.match_one("31, Park Avenue, Holton, Marshfield", "MF7 8JY")
    assert (res.match_status, res.uprn) == (MATCHED, 103), res
    assert needs_review(res.match_status, res.match_score, res.margin), res
    assert "not in the place the record names" in res.match_reason
    # the house in the town proper, its place not contradicted, stays a confident match
    res = m.match_one("31 Park Avenue, Marshfield", "MF7 8JY")
    assert (res.match_status, res.uprn) == (MATCHED, 103) and res.match_score >= 75, res


def test_a_middle_flat_is_the_floor_between_the_ground_and_the_top_floor_flats() -> None:
    m = Matcher(
        [
            _cottage(110, sao_text="GROUND FLOOR FLAT", pao_start_number=23),
            _cottage(111, sao_text="MIDDLE FLAT", pao_start_number=23),
            _cottage(112, sao_text="TOP FLOOR FLAT", pao_start_number=23),
        ]
    )
    for text, uprn in (
        ("1ST FLR FLAT, 23 FERN DRIVE", 111),
        ("SECOND FLOOR FLAT, 23 FERN DRIVE", 112),
        ("TOP FLOOR FLAT, 23 FERN DRIVE", 112),
        ("MIDDLE FLAT, 23 FERN DRIVE", 111),
        ("GROUND FLOOR FLAT, 23 FERN DRIVE", 110),
    ):
        res = m.match_one(text, "CB3 9NS")
        assert (res.match_status, res.uprn) == (MATCHED, uprn), (text, res)


def test_a_word_typed_in_two_is_read_as_the_gazetteer_word() -> None:
    m = Matcher(
        [
            _cottage(120, pao_text="HAWTHORN COTTAGE", street_description="JUNIPER ROAD"),
            _cottage(121, pao_text="HAWTHORN COTTAGE BARN", street_description="JUNIPER ROAD"),
            _cottage(122, pao_start_number=3, street_description="THORN ROAD"),
        ]
    )
    for text in ("Haw Thorn Cottage Barn, Juniper Road", "Hawt Horn Cottage Barn, Juniper Road"):
        res = m.match_one(text, "CB3 9NS")
        assert (res.match_status, res.uprn) == (MATCHED, 121), (text, res)
    # two known words stay two words
    assert m.corrector.correct(["THORN", "ROAD"]) == ["THORN", "ROAD"]


def test_a_floor_inferred_from_the_other_flats_is_for_a_person_to_confirm() -> None:
    m = Matcher(
        [
            _cottage(130, sao_text="BASEMENT FLAT", pao_start_number=7),
            _cottage(131, sao_text="GROUND FLOOR FLAT", pao_start_number=7),
            _cottage(132, sao_text="TOP FLOOR FLAT", pao_start_number=7),
        ]
    )
    # the top floor flat is the first floor's (the floor above the others): found, but the
    # record may have its floor wrong, so a person confirms
    res = m.match_one("FIRST FLOOR FLAT, 7 FERN DRIVE", "CB3 9NS")
    assert (res.match_status, res.uprn) == (MATCHED, 132), res
    assert needs_review(res.match_status, res.match_score, res.margin), res
    assert "inferred" in res.match_reason
    # written as the gazetteer writes it, it is no inference
    res = m.match_one("TOP FLOOR FLAT, 7 FERN DRIVE", "CB3 9NS")
    assert (res.match_status, res.uprn) == (MATCHED, 132), res
    assert not needs_review(res.match_status, res.match_score, res.margin), res


def test_a_house_number_the_street_has_is_not_a_flat_of_an_unnamed_block() -> None:
    m = Matcher(
        [
            _cottage(150, pao_start_number=19, street_description="YORK WAY", postcode="KL3 7RE"),
            _cottage(
                151,
                pao_text="LONGFIELD COURT",
                classification="PP",
                street_description="YORK WAY",
                postcode="KL3 7ZT",
            ),
            *[
                _cottage(
                    151 + n,
                    sao_text=f"FLAT {n}",
                    pao_text="LONGFIELD COURT",
                    parent_uprn=151,
                    street_description="YORK WAY",
                    postcode="KL3 7ZT",
                )
                for n in (18, 19, 20)
            ],
        ]  # fmt: skip
    )
    # the record's postcode is the block's, but York Way has a house 19 and the record
    # names no block: it is that house
    res = m.match_one("19 YORK WAY, KELLINGTON", "KL3 7ZT")
    assert (res.match_status, res.uprn) == (MATCHED, 150), res
    # naming the block, its flat 19 is found
    res = m.match_one("19 LONGFIELD COURT, YORK WAY, KELLINGTON", "KL3 7ZT")
    assert (res.match_status, res.uprn) == (MATCHED, 170), res


def test_a_flat_letter_typed_onto_its_unit_word_is_read_apart() -> None:
    from placelink.core.parse import parse

    assert (parse("FlatB, 4, Daisy Road").flat, parse("FlatB, 4, Daisy Road").number) == ("B", 4)
    assert parse("APTC 3 HIGH STREET").flat == "C"
    # a word is not split: FLATS is no flat S
    assert parse("FLATS 4 DAISY ROAD").flat != "S"


def test_a_postcode_slip_within_its_district_does_not_send_an_exact_address_to_review() -> None:
    m = Matcher(MEWS)
    # every other part is this address's as it is: the postcode (KL5 7XY, a unit of the
    # same district) is the slip; the match is confident, the reason says why
    for postcode in ("KL5 7XY", "KL5 5NX"):
        res = m.match_one("5 STANLEY CRESCENT, KELLINGTON", postcode)
        assert (res.match_status, res.uprn) == (MATCHED, 10), res
        assert not needs_review(res.match_status, res.match_score, res.margin), res
        assert "the postcode is another of its district's" in res.match_reason
    # a postcode of another district, or another part not as written, still goes to review
    res = m.match_one("5 STANLEY CRESCENT, KELLINGTON", "KL9 7XY")
    assert res.uprn == 10 and needs_review(res.match_status, res.match_score, res.margin), res
    assert "the postcode is another" not in res.match_reason
    res = m.match_one("FLAT 9, 121 FALCON MEWS, KELLINGTON", "KL2 9ZZ")
    assert needs_review(res.match_status, res.match_score, res.margin), res
    assert "the postcode is another" not in res.match_reason


def _close(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "NORTHBRIDGE")
    values.setdefault("street_description", "STANLEY CLOSE")
    values.setdefault("postcode", "NB1 3SQ")
    return empty_address(uprn=uprn, **values)


CLOSE = [
    _close(1, pao_start_number=84, classification="PP"),
    _close(2, sao_text="FLAT 1", pao_start_number=84, parent_uprn=1),
    _close(3, sao_text="FLAT 2", pao_start_number=84, parent_uprn=1),
    _close(4, pao_text="MAPLE HOUSE", classification="PP"),
    _close(5, sao_text="APARTMENT 1", pao_text="MAPLE HOUSE", parent_uprn=4),
    _close(6, sao_text="APARTMENT 2", pao_text="MAPLE HOUSE", parent_uprn=4),
    _close(7, pao_start_number=86),
    _close(8, pao_text="ROWAN COTTAGE"),
]  # fmt: skip


def test_a_flat_and_building_of_one_address_with_the_number_of_another_is_for_review() -> None:
    m = Matcher(CLOSE)
    # flat 1 of 84 has the record's number and flat, APARTMENT 1, MAPLE HOUSE its flat and
    # building: the evidence is split between two addresses, neither is matched (issue 11,
    # part 3: a capped match before), a person chooses in the Review queue
    res = m.match_one("APARTMENT 1, MAPLE HOUSE, 84 STANLEY CLOSE, NORTHBRIDGE", "NB1 3SQ")
    assert (res.match_status, res.uprn, res.runner_up_uprn) == (AMBIGUOUS, 2, 5), res
    assert needs_review(res.match_status, res.match_score, res.margin), res
    assert "UPRN 5 has the building name the record gives" in res.match_reason, res
    # a building name of another house of the street, with no flat, is not split evidence
    res = m.match_one("ROWAN COTTAGE, 86 STANLEY CLOSE, NORTHBRIDGE", "NB1 3SQ")
    assert (res.match_status, res.uprn) == (MATCHED, 7), res
    assert "has the building name" not in res.match_reason, res


def _drive(uprn: int, **values: object) -> dict[str, object]:
    values.setdefault("town", "KELLINGTON")
    values.setdefault("locality", "FERNLEY")
    values.setdefault("street_description", "NELSON DRIVE")
    values.setdefault("postcode", "KL5 2JE")
    return empty_address(uprn=uprn, **values)


DRIVE = [
    _drive(1, pao_start_number=4, postcode="KL5 2JX"),
    _drive(2, pao_start_number=6, postcode="KL5 2JX"),
    _drive(3, pao_text="FOUNDRY LODGE", classification="PP"),
    _drive(4, sao_text="4", pao_text="FOUNDRY LODGE", parent_uprn=3),
    _drive(5, sao_text="5", pao_text="FOUNDRY LODGE", parent_uprn=3),
]  # fmt: skip


def test_a_record_naming_no_street_names_no_house_of_it() -> None:
    m = Matcher(DRIVE)
    # "4 NELSON DRIVE" names the street's house 4, not flat 4 of the unnumbered lodge
    res = m.match_one("4 NELSON DRIVE, FERNLEY, KELLINGTON", "KL5 2JE")
    assert (res.match_status, res.uprn) == (MATCHED, 1), res
    # "4, FERNLEY" names no street: its 4 is no house of Nelson Drive, and flat 4 of the
    # lodge at the record's postcode is the reading (a guess, for review)
    res = m.match_one("4, FERNLEY, KELLINGTON", "KL5 2JE")
    assert (res.match_status, res.uprn) == (MATCHED, 4), res
    assert needs_review(res.match_status, res.match_score, res.margin), res
