"""The Spark engine's algorithm (one matcher per postcode area, reading records with the
country's place and street names) gives the answers of one matcher of the whole country;
run here in one process, without a JVM, on every record of the national-shaped data."""

from __future__ import annotations

from placelink.batch import io, routing
from placelink.batch.areas import area_matcher, match_by_area, names_rows
from placelink.core.matching import MATCHED, Matcher, Thresholds
from placelink.core.matching.names import country_names


def test_area_by_area_equals_the_whole_country(
    national: dict, inputs: tuple, local_answers: list
) -> None:
    texts, postcodes = inputs
    answers = match_by_area(io.read_gazetteer(national["parquet"]), texts, postcodes, Thresholds())
    differ = [
        (texts[i], postcodes[i], a, b)
        for i, (a, b) in enumerate(zip(answers, local_answers))
        if (a.uprn, a.match_status) != (b.uprn, b.match_status)
    ]
    assert differ == []


def test_a_building_named_with_the_countrys_street_words(
    national: dict, inputs: tuple, local_answers: list
) -> None:
    """FOUNDRY HALL, 72 MILL LANE (no postcode) beside 72 Mill Lane in a locality of the same
    town, FOUNDRY STREET and HALL ROAD in another area (``with_country_street_words``): the
    area's matcher knows those words as the country's street words, as one matcher of the
    country does, and gives its answer (before: the block's apartments, ambiguous)."""
    texts, postcodes = inputs
    k = next(i for i, q in enumerate(national["queries"]) if q["record_id"].startswith("f"))
    whole = local_answers[k]
    assert whole.matched_address.startswith("72 MILLRACE LANE, IVERSTONE GREEN"), whole
    gazetteer = io.read_gazetteer(national["parquet"])
    (alone,) = match_by_area(gazetteer, [texts[k]], [postcodes[k]], Thresholds())
    assert (alone.uprn, alone.match_status) == (whole.uprn, whole.match_status), alone


def _twin(national: dict) -> tuple[dict, dict]:
    """Two addresses with the same house, street and locality in two towns."""
    by_key: dict[tuple, dict] = {}
    for r in national["gazetteer"]:
        key = (r["street_description"], r.get("locality"), r.get("pao_start_number"),
               r.get("pao_start_suffix"), r.get("sao_text"), r.get("pao_text"))  # fmt: skip
        if r.get("locality") and r.get("pao_start_number") and not r.get("sao_text"):
            other = by_key.setdefault(key, r)
            if other["town"] != r["town"] and r.get("classification") != "PP":
                return other, r
    raise AssertionError("the national data has no twin addresses")


def test_an_area_matcher_reads_a_record_as_the_whole_country_does(national: dict) -> None:
    """A record naming the first town but keyed with the second town's postcode (a wrong
    postcode) is matched in both areas. The second area's matcher, given the
    country's names, knows the named town has this street: it holds that against its own
    twin exactly as the whole-country matcher does. Without them it would not know the
    town at all and would score its twin as an address agreeing with the record."""
    first, second = _twin(national)
    gazetteer = national["gazetteer"]
    text = str(first["address"]).rsplit(", ", 1)[0]  # without its postcode
    wrong = str(second["postcode"])
    rows = names_rows(gazetteer)
    names = country_names((street, loc, town) for _, street, loc, town in rows)
    home = routing.area_of(wrong)
    assert routing.areas_for(text, wrong, routing.name_index(rows), {r[0] for r in rows}) == (
        sorted({routing.area_of(first["postcode"]), home})
    )
    area_rows = [r for r in gazetteer if routing.area_of(r.get("postcode")) == home]
    whole = Matcher(gazetteer)
    widened = area_matcher(area_rows, names, Thresholds())
    alone = Matcher(area_rows)

    def score_of(matcher: Matcher, uprn: int) -> tuple[float, tuple]:
        found = [c for c in matcher.candidates(text, wrong) if matcher.index.uprn[c.entry] == uprn]
        return round(found[0].score, 1), found[0].parts

    twin = int(second["uprn"])  # type: ignore[call-overload]
    assert score_of(widened, twin) == score_of(whole, twin)
    assert any(p[1] == "town differs" for p in score_of(whole, twin)[1])
    assert score_of(alone, twin)[0] > score_of(whole, twin)[0]
    # the postcode outweighs the town here; both ways of matching say so
    res = whole.match_one(text, wrong)
    by_area = match_by_area(gazetteer, [text], [wrong], Thresholds())[0]
    assert (by_area.uprn, by_area.match_status) == (res.uprn, res.match_status) == (twin, MATCHED)
