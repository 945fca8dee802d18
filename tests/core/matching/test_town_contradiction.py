"""A town the record names counts against a candidate in another town that has a street of
the same name: "the record says LEEDS; this VICTORIA ROAD is in BRADFORD". Without it, a
record with no postcode naming the locality and town tied between the same house on the
same street and locality in two towns (locality names repeat across Great Britain)."""

from __future__ import annotations

from placelink.core.address_text import format_address
from placelink.core.matching import AMBIGUOUS, MATCHED, Matcher
from placelink.core.schema import empty_address


def _rec(uprn: int, **values: object) -> dict[str, object]:
    rec = empty_address(uprn=uprn, **{"classification": "RD04", **values})
    rec["address"] = format_address(rec)
    rec["x"], rec["y"] = 400000.0 + uprn % 1000, 300000.0
    return rec


LEEDS = {"street_description": "VICTORIA ROAD", "locality": "ASHLEY GREEN", "town": "LEEDS",
         "postcode": "LS1 2AB", "usrn": 1}  # fmt: skip
BRADFORD = {**LEEDS, "town": "BRADFORD", "postcode": "BD3 4CD", "usrn": 2}
HARPENDEN = {"street_description": "STATION ROAD", "town": "HARPENDEN", "postcode": "AL5 1AA",
             "usrn": 3}  # fmt: skip
ST_ALBANS = {"street_description": "HIGH STREET", "town": "ST ALBANS", "postcode": "AL1 1AA",
             "usrn": 4}  # fmt: skip

GAZETTEER = [
    _rec(101, pao_start_number=44, **LEEDS),
    _rec(201, pao_start_number=44, **BRADFORD),
    # 22 in Leeds is a converted house (a parent shell and two flats); 22 in Bradford a house
    _rec(102, pao_start_number=22, classification="PP", **LEEDS),
    _rec(103, pao_start_number=22, sao_text="FLAT 1", parent_uprn=102, **LEEDS),
    _rec(104, pao_start_number=22, sao_text="FLAT 2", parent_uprn=102, **LEEDS),
    _rec(202, pao_start_number=22, **BRADFORD),
    _rec(301, pao_start_number=1, **HARPENDEN),
    _rec(401, pao_start_number=1, **ST_ALBANS),
]


def test_the_named_town_decides_between_the_same_street_and_locality_in_two_towns() -> None:
    matcher = Matcher(GAZETTEER)
    leeds = matcher.match_one("44 Victoria Road, Ashley Green, Leeds")
    bradford = matcher.match_one("44 Victoria Road, Ashley Green, Bradford")
    assert (leeds.uprn, leeds.match_status) == (101, MATCHED), leeds.match_reason
    assert (bradford.uprn, bradford.match_status) == (201, MATCHED), bradford.match_reason
    matcher.exact_pass = False  # the text is exactly 101's: the scoring cascade's view
    scored = matcher.match_one("44 Victoria Road, Ashley Green, Leeds")
    assert (scored.uprn, scored.runner_up_uprn) == (101, 201) and scored.margin >= 20
    # the other town's address says why it lost, in words
    other = {int(matcher.index.uprn[c.entry]): c for c in matcher.candidates(
        "44 Victoria Road, Ashley Green, Leeds")}  # fmt: skip
    assert ("place", "town differs", "LEEDS ≠ BRADFORD") in other[201].parts
    assert other[101].score == 100.0


def test_a_house_in_another_town_does_not_beat_the_named_towns_flats() -> None:
    """22 in Leeds has flats only: the record naming no flat is ambiguous among them, not
    matched to 22 Victoria Road, Ashley Green in Bradford."""
    res = Matcher(GAZETTEER).match_one("22 Victoria Road, Ashley Green, Leeds")
    assert res.match_status == AMBIGUOUS
    assert res.uprn in (103, 104) and res.runner_up_uprn in (103, 104)


def test_a_second_town_without_that_street_costs_nothing() -> None:
    """A record naming its post town beside the gazetteer's town (Harpenden, St Albans) is
    not held against the address when St Albans has no Station Road."""
    res = Matcher(GAZETTEER).match_one("1 Station Road, Harpenden, St Albans")
    assert (res.uprn, res.match_status, res.match_score) == (301, MATCHED, 100.0)


def test_batch_and_reference_paths_agree_on_the_town_rule() -> None:
    matcher = Matcher(GAZETTEER)
    texts = [
        "44 Victoria Road, Ashley Green, Leeds",
        "44 Victoria Rd, Ashley Green, Bradford",
        "22 Victoria Road, Ashley Green, Bradford",
        "Flat 2, 22 Victoria Road, Ashley Green, Leeds",
        "44 Victoria Road, Ashley Green",
    ]
    batch = matcher.match_batch(texts)
    for text, res in zip(texts, batch):
        ranked = matcher.candidates(text)
        top = ranked[0]
        assert res.match_score == round(top.score, 1) or res.match_status != MATCHED, text
        assert int(matcher.index.uprn[top.entry]) == res.uprn or res.uprn is None, text
    # no town named: the two towns' houses tie
    assert batch[4].match_status == AMBIGUOUS
    assert {batch[4].uprn, batch[4].runner_up_uprn} == {101, 201}
