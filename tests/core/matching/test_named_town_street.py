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


# "81 VICTORIA AVENUE, CANONS PARK, DONMORHAM": Canons Park is a locality of many towns,
# each with a PARK AVENUE, and PARK is a rarer street word than VICTORIA in the country.
# Those PARK AVENUEs share the record's locality but are in another town than the one it
# names, which has the street it spells out: they must not take the places of the streets
# opened for the record (``candidates.MAX_STREETS``) before Donmorham's Victoria Avenue.
CANONS = "CANONS PARK"
DONMORHAM = {"street_description": "VICTORIA AVENUE", "locality": CANONS, "town": "DONMORHAM",
             "postcode": "DR6 2AP", "usrn": 500}  # fmt: skip
TOWNS = [f"PARKTOWN{c}" for c in "ABCDEFGHIJKLMNOP"]  # 16 towns, more than MAX_STREETS
SHARED_LOCALITY = [
    # 81 Victoria Avenue, Donmorham: a converted house, two flats (the record gives none)
    _rec(5001, pao_start_number=81, classification="PP", **DONMORHAM),
    _rec(5002, pao_start_number=81, sao_text="FLAT 1", parent_uprn=5001, **DONMORHAM),
    _rec(5003, pao_start_number=81, sao_text="FLAT 2", parent_uprn=5001, **DONMORHAM),
    _rec(5004, pao_start_number=83, **DONMORHAM),
    # a Park Avenue in Canons Park in each of 16 other towns, with a number 81
    *(
        _rec(
            6000 + k,
            pao_start_number=81,
            street_description="PARK AVENUE",
            locality=CANONS,
            town=town,
            postcode=f"P{chr(65 + k)}1 1AA",
            usrn=600 + k,
        )
        for k, town in enumerate(TOWNS)
    ),
    # Victoria streets in four other towns: VICTORIA is a commoner street word than PARK
    *(
        _rec(
            7000 + 10 * k + j,
            pao_start_number=2,
            street_description=f"VICTORIA {t}",
            town=town,
            postcode=f"E{chr(65 + k)}1 1AA",
            usrn=700 + 10 * k + j,
        )
        for k, town in enumerate(["ELSBY", "FENBY", "GARBY", "HOLBY"])
        for j, t in enumerate(["ROAD", "STREET", "CLOSE", "LANE", "GROVE", "TERRACE", "WAY"])
    ),
]
SHARED_RECORD = "81 Victoria Avenue, Canons Park, Donmorham"


def test_a_shared_locality_does_not_crowd_out_the_named_towns_street() -> None:
    matcher = Matcher(SHARED_LOCALITY)
    res = matcher.match_one(SHARED_RECORD)
    assert res.match_status == AMBIGUOUS, res.match_reason
    assert {res.uprn, res.runner_up_uprn} == {5002, 5003}, res.match_reason
    assert matcher.match_batch([SHARED_RECORD])[0] == res
    # the other towns' Park Avenues are still scored, and say why they lose
    assert ("place", "town differs", "DONMORHAM ≠ PARKTOWNA") in _parts_of(
        matcher, SHARED_RECORD, 6000
    )


def test_the_named_towns_area_answers_as_the_whole_country() -> None:
    """The Spark engine matches the record in Donmorham's postcode area (DR) only."""
    whole = Matcher(SHARED_LOCALITY).match_one(SHARED_RECORD)
    rows = {(r["street_description"], r["locality"], r["town"]) for r in SHARED_LOCALITY}
    area = [r for r in SHARED_LOCALITY if str(r["postcode"]).startswith("DR")]
    alone = Matcher(index=widen(load_or_build(area, None), *country_names(rows))).match_one(
        SHARED_RECORD
    )
    assert (alone.uprn, alone.match_status) == (whole.uprn, whole.match_status)
