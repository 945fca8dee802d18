"""A record naming a town that has the street it spells out holds that town against an
address none of whose places it names: "5 LAUREL ROAD, ASHLEY GREEN, RAVENBY" and Ravenby
has a Laurel Road, so FLAT 5, LAUREL HALL, ELM ROAD, EASTWOOD, LEILHAM (a building whose
name is close to the street's) does not outscore the named town's own flats at 5 Laurel
Road. Without it the whole-country matcher answered the other town's flat while a matcher
of the named town's postcode area alone (the Spark engine's) answered the named town's:
the engines disagreed."""

from __future__ import annotations

from placelink.core.address_text import format_address
from placelink.core.matching import AMBIGUOUS, Matcher
from placelink.core.matching.index import load_or_build
from placelink.core.matching.names import country_names, widen
from placelink.core.schema import empty_address


def _rec(uprn: int, **values: object) -> dict[str, object]:
    rec = empty_address(uprn=uprn, **{"classification": "RD04", **values})
    rec["address"] = format_address(rec)
    rec["x"], rec["y"] = 400000.0 + uprn % 1000, 300000.0
    return rec


RAVENBY = {"street_description": "LAUREL ROAD", "locality": "ASHLEY GREEN", "town": "RAVENBY",
           "postcode": "RV1 2AB", "usrn": 1}  # fmt: skip
LEILHAM = {"street_description": "ELM ROAD", "locality": "EASTWOOD", "town": "LEILHAM",
           "postcode": "LH6 1NA", "usrn": 2}  # fmt: skip
KELBY = {"street_description": "MILL LANE", "town": "KELBY", "postcode": "KB2 3CD", "usrn": 3}

GAZETTEER = [
    # 5 Laurel Road, Ravenby is a converted house: a parent shell and two flats
    _rec(101, pao_start_number=5, classification="PP", **RAVENBY),
    _rec(102, pao_start_number=5, sao_text="FLAT 1", parent_uprn=101, **RAVENBY),
    _rec(103, pao_start_number=5, sao_text="FLAT 2", parent_uprn=101, **RAVENBY),
    _rec(104, pao_start_number=7, **RAVENBY),
    # Laurel Hall, a block of flats on Elm Road in another town
    *(_rec(200 + n, sao_text=f"FLAT {n}", pao_text="LAUREL HALL", **LEILHAM) for n in range(1, 9)),
    _rec(301, pao_start_number=2, **KELBY),
]
RECORD = "5 Laurel Road, Ashley Green, Ravenby"


def _parts_of(matcher: Matcher, text: str, uprn: int) -> tuple:
    found = [c for c in matcher.candidates(text) if int(matcher.index.uprn[c.entry]) == uprn]
    return found[0].parts


def test_the_named_towns_flats_beat_a_building_named_like_the_street_elsewhere() -> None:
    matcher = Matcher(GAZETTEER)
    res = matcher.match_one(RECORD)
    assert res.match_status == AMBIGUOUS, res.match_reason
    assert res.uprn in (102, 103) and res.runner_up_uprn in (102, 103), res.match_reason
    # the other town's flat says why it lost, in words
    assert ("place", "differs", "ASHLEY GREEN/RAVENBY, RAVENBY has the record's street") in (
        _parts_of(matcher, RECORD, 205)
    )
    # the reference and the batch (vectorised) paths agree
    top = matcher.candidates(RECORD)[0]
    assert int(matcher.index.uprn[top.entry]) == res.uprn
    assert matcher.match_batch([RECORD])[0] == res


def test_a_named_town_without_the_street_costs_only_the_contradiction() -> None:
    """Kelby has no Laurel Road: Laurel Hall's flat is only in a place the record does not
    name, as before."""
    matcher = Matcher(GAZETTEER)
    assert ("place", "differs", "KELBY") in _parts_of(matcher, "5 Laurel Road, Kelby", 205)


def test_one_areas_matcher_answers_as_the_whole_country() -> None:
    """The Spark engine matches the record in Ravenby's postcode area only (it names Ravenby
    and Ashley Green); with the rule that area's answer is the whole country's."""
    whole = Matcher(GAZETTEER).match_one(RECORD)
    names = country_names({(r["street_description"], r["locality"], r["town"]) for r in GAZETTEER})
    area = [r for r in GAZETTEER if str(r["postcode"]).startswith("RV")]
    alone = Matcher(index=widen(load_or_build(area, None), *names)).match_one(RECORD)
    assert (alone.uprn, alone.match_status) == (whole.uprn, whole.match_status)
