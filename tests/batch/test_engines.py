"""The Spark engine gives exactly the answers of --engine local (the whole gazetteer in
one matcher), on a national-shaped gazetteer with no-postcode and wrong-postcode records."""

from __future__ import annotations

from placelink.batch import io, routing
from placelink.batch.local_engine import (
    AUTO_BY_AREA,
    area_chunks,
    choose_by_area,
    match_local_by_area,
)
from placelink.batch.spark_engine import match_spark
from placelink.core.matching import MATCHED, Thresholds
from placelink.core.matching.names import country_names


def _keys(results: list) -> list[tuple]:
    return [(r.uprn, r.match_status) for r in results]


def test_gazetteer_readers_agree(national: dict) -> None:
    """GeoPackage (OGR) and Parquet give the matcher the same records."""
    from_gpkg = io.read_gazetteer(national["gpkg"])
    from_parquet = io.read_gazetteer(national["parquet"])
    assert len(from_gpkg) == len(from_parquet) == len(national["gazetteer"])
    assert from_gpkg[:50] == from_parquet[:50]
    assert from_gpkg[-1]["uprn"] == national["gazetteer"][-1]["uprn"]


def test_local_engine_finds_most_records(national: dict, local_answers: list) -> None:
    matched = sum(r.match_status == MATCHED for r in local_answers)
    assert matched / len(local_answers) > 0.8


def test_spark_local2_equals_local(national: dict, inputs: tuple, local_answers: list,
                                   spark_local: object) -> None:  # fmt: skip
    texts, postcodes = inputs
    answers = match_spark(
        national["gpkg"], texts, postcodes, Thresholds(), partitions=4, spark=spark_local
    )
    assert len(answers) == len(local_answers)
    differ = [
        i
        for i, (a, b) in enumerate(zip(_keys(answers), _keys(local_answers), strict=True))
        if a != b
    ]
    assert differ == [], [(texts[i], postcodes[i], answers[i], local_answers[i]) for i in differ]
    # the local engine by postcode area runs Spark's plan: every field of every answer is
    # Spark's (reasons, scores and runner-ups too)
    by_area = match_local_by_area(national["parquet"], texts, postcodes, Thresholds(), workers=2)
    assert by_area == answers
    # the no-postcode records reached their addresses through the broadcast name table
    # (of the service-like records and the twins; ``hard_queries``' converted houses without
    # their flat are ambiguous by design)
    kinds = [q["record_id"][0] for q in national["queries"]]
    no_postcode = [i for i, p in enumerate(postcodes) if not p and kinds[i] in "qt"]
    assert len(no_postcode) > 100
    assert sum(answers[i].match_status == MATCHED for i in no_postcode) > 0.7 * len(no_postcode)
    # among them, the same house, street and locality in two towns: the named town decides
    twins = [i for i, q in enumerate(national["queries"]) if q["record_id"].startswith("t")]
    assert len(twins) > 50
    named = [texts[i].rsplit(", ", 1)[1] for i in twins]
    assert sum(
        answers[i].match_status == MATCHED and answers[i].matched_address.split(", ")[-2] == town
        for i, town in zip(twins, named)
    ) > 0.9 * len(twins)


def test_local_by_area_equals_the_whole_country(
    national: dict, inputs: tuple, local_answers: list
) -> None:
    """Without a JVM: ``--engine local --by-area always`` gives every record the answer of
    one matcher of the whole gazetteer (``--by-area never``, ``placelink:matchaddresses``)."""
    texts, postcodes = inputs
    # the answers merged and handed out 97 records at a time (the last range short)
    chunks = list(
        area_chunks(national["gpkg"], texts, postcodes, Thresholds(), workers=2, answer_rows=97)
    )
    assert [first for first, _ in chunks] == list(range(0, len(texts), 97))
    answers = [r for _, part in chunks for r in part]
    differ = [
        (texts[i], postcodes[i], a, b)
        for i, (a, b) in enumerate(zip(answers, local_answers, strict=True))
        if (a.uprn, a.match_status) != (b.uprn, b.match_status)
    ]
    assert differ == []
    assert choose_by_area("auto", AUTO_BY_AREA + 1) and not choose_by_area("auto", AUTO_BY_AREA)
    assert choose_by_area("always", 10) and not choose_by_area("never", 10**9)


def test_routing_by_postcode_place_and_street() -> None:
    rows = [
        ("AB", "CHURCH ROAD", None, "ALTON"),
        ("CD", "CHURCH ROAD", "HOLTON", "BARTON"),
        ("EF", "MILL LANE", "HOLTON", "CRAWLEY"),
    ]
    names = routing.name_index(rows)
    areas = {"AB", "CD", "EF"}
    assert routing.areas_for("3 CHURCH ROAD, ALTON", "AB1 2AB", names, areas) == ["AB"]
    # a wrong postcode: the named town's area, and the postcode's (whose addresses the
    # whole-country matcher weighs too)
    assert routing.areas_for("3 CHURCH ROAD, BARTON", "AB1 2AB", names, areas) == ["AB", "CD"]
    # no postcode: the places named (locality ∩ town)
    assert routing.areas_for("3 MILL LANE, HOLTON, CRAWLEY", "", names, areas) == ["EF"]
    # no postcode, no place: the street's areas, best answer kept across them
    assert routing.areas_for("3 CHURCH ROAD", "", names, areas) == ["AB", "CD"]
    # nothing known: the empty area (unmatched)
    assert routing.areas_for("NOWHERE", "", names, areas) == [""]
    # a postcode whose area the gazetteer lacks falls back to names
    assert routing.areas_for("3 MILL LANE", "ZZ1 1ZZ", names, areas) == ["EF"]


def test_routing_reads_a_misspelt_town_as_the_matchers_do() -> None:
    """ "22 VICTORIA ROAD, HALAARCASTER" with a postcode in DA: every matcher's typo corrector
    (the country's names) reads HALCARCASTER, whose Victoria Road is in JU, and the
    whole-country matcher answered that one; routed by the record's words as written the
    record reached DA only (the engines disagreed at 4M UPRNs)."""
    rows = [
        ("DA", "VICTORIA ROAD", None, "HALHARCASTER"),
        ("JU", "VICTORIA ROAD", None, "HALCARCASTER"),
        ("KL", "MILL LANE", None, "KELBY"),
    ]
    names = routing.name_index(rows)
    areas = {"DA", "JU", "KL"}
    country = country_names(r[1:] for r in rows)
    corrector = routing.country_corrector(country)
    assert routing.country_corrector(country) is corrector  # built once per process
    text = "22 VICTORIA ROAD, HALAARCASTER"
    assert routing.areas_for(text, "DA17 1XR", names, areas) == ["DA"]
    assert routing.areas_for(text, "DA17 1XR", names, areas, corrector) == ["DA", "JU"]
    # without a postcode: the corrected town's area, not every Victoria Road's
    assert routing.areas_for(text, "", names, areas, corrector) == ["JU"]


def test_best_across_areas_keeps_a_close_rival_as_runner_up() -> None:
    from placelink.core.matching import AMBIGUOUS, MatchResult

    a = MatchResult(1, 90.0, MATCHED, "1 A", "street exact", 5, 40.0)
    b = MatchResult(2, 88.0, MATCHED, "1 B", "street exact", 6, 40.0)
    none = MatchResult(None, 0.0, "unmatched", "", "no candidate found", None, 0.0)
    best = routing.best_across_areas([b, none, a], Thresholds())
    assert (best.uprn, best.match_status, best.runner_up_uprn, best.margin) == (
        1, AMBIGUOUS, 2, 2.0,
    )  # fmt: skip
    assert routing.best_across_areas([none, a], Thresholds()) == a
