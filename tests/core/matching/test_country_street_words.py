"""A word counts as one only building names have (``scoring.building_words``) when no street
the matcher knows is named with it. A matcher of one postcode area (the Spark engine's, and
``--engine local`` by area) knows the country's streets through ``names.widen``: without
them it took FOUNDRY for a building-only word because its own area has no FOUNDRY STREET,
so "FOUNDRY HALL, 72 MILL LANE, FARDARBURY" (no postcode) named a building there, and the
house at 72 Mill Lane, Iverstone lost the points it keeps in one matcher of the whole
country (where FOUNDRY STREET and HALL ROAD, in another area, make FOUNDRY and HALL street
words). The engines
disagreed at 4M UPRNs."""

from __future__ import annotations

from placelink.core.address_text import format_address
from placelink.core.matching import Matcher
from placelink.core.matching.index import load_or_build
from placelink.core.matching.names import country_names, street_words, widen
from placelink.core.matching.scoring import building_words
from placelink.core.schema import empty_address


def _rec(uprn: int, **values: object) -> dict[str, object]:
    rec = empty_address(uprn=uprn, **{"classification": "RD04", **values})
    rec["address"] = format_address(rec)
    rec["x"], rec["y"] = 400000.0 + uprn % 1000, 300000.0
    return rec


FARDARBURY = {"street_description": "MILL LANE", "town": "FARDARBURY", "postcode": "BS12 4QG",
              "usrn": 1}  # fmt: skip
IVERSTONE = {"street_description": "MILL LANE", "locality": "IVERSTONE", "town": "FARDARBURY",
             "postcode": "BS15 7HW", "usrn": 2}  # fmt: skip
ELSEWHERE = {"street_description": "FOUNDRY STREET", "town": "KELBY", "postcode": "KB2 3CD",
             "usrn": 3}  # fmt: skip
HALL_ROAD = {"street_description": "HALL ROAD", "town": "KELBY", "postcode": "KB2 4EF", "usrn": 4}

GAZETTEER = [
    # Foundry Hall, 72 Mill Lane: a block of apartments (parent and flats)
    _rec(100, pao_start_number=72, pao_text="FOUNDRY HALL", classification="PP", **FARDARBURY),
    *(
        _rec(
            100 + n,
            pao_start_number=72,
            pao_text="FOUNDRY HALL",
            sao_text=f"APARTMENT {n}",
            parent_uprn=100,
            **FARDARBURY,
        )
        for n in range(1, 5)
    ),  # fmt: skip
    _rec(110, pao_start_number=70, **FARDARBURY),
    # another Mill Lane of the same town (in a locality), with its own number 72
    _rec(200, pao_start_number=72, **IVERSTONE),
    _rec(201, pao_start_number=74, **IVERSTONE),
    # streets named FOUNDRY and HALL in another postcode area
    _rec(300, pao_start_number=1, **ELSEWHERE),
    _rec(301, pao_start_number=3, **ELSEWHERE),
    _rec(400, pao_start_number=5, **HALL_ROAD),
]
RECORD = "FOUNDRY HALL, 72 MILL LANE, FARDARBURY"


def _names() -> tuple:
    return country_names({(r["street_description"], r["locality"], r["town"]) for r in GAZETTEER})


def _area_index():
    area = [r for r in GAZETTEER if str(r["postcode"]).startswith("BS")]
    return widen(load_or_build(area, None), *_names())


def test_a_widened_index_knows_the_countrys_street_words() -> None:
    area = [r for r in GAZETTEER if str(r["postcode"]).startswith("BS")]
    alone = load_or_build(area, None)
    assert "FOUNDRY" not in street_words(alone)
    assert "FOUNDRY" in building_words(alone)  # the area by itself: no FOUNDRY street
    widened = _area_index()
    assert {"FOUNDRY", "HALL", "MILL"} <= street_words(widened)
    assert "FOUNDRY" not in building_words(widened)
    # an index of the whole gazetteer: its own streets' words, as before
    whole = load_or_build(GAZETTEER, None)
    assert street_words(whole) == frozenset(whole.street_tokens)
    assert "FOUNDRY" not in building_words(whole)


def test_one_areas_matcher_answers_as_the_whole_country() -> None:
    whole = Matcher(GAZETTEER).match_one(RECORD, "")
    alone = Matcher(index=_area_index()).match_one(RECORD, "")
    assert (alone.uprn, alone.match_status, alone.runner_up_uprn) == (
        whole.uprn, whole.match_status, whole.runner_up_uprn,
    ), (alone, whole)  # fmt: skip
    assert alone.match_reason == whole.match_reason
    # the whole country's answer: the house at 72 of the other Mill Lane, written in full
    assert whole.uprn == 200, whole
