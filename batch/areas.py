"""One postcode area's matcher, as the Spark engine builds it inside an executor, and the
whole area-by-area algorithm in one process (for checks and tests without a JVM).

An area's matcher holds only its area's addresses but reads records with the country's
place and street names (``core.matching.names.widen``), so for the addresses it holds it
scores a record exactly as one matcher of the whole country does; ``routing`` sends each
record to the areas that can hold its answer and keeps the best answer across them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..core.matching import Matcher, MatchResult, Thresholds
from ..core.matching.index import load_or_build
from ..core.matching.names import country_names, widen
from . import routing

#: (places, street_towns) of the whole country: ``core.matching.names.country_names``.
CountryNames = tuple[Mapping[str, str], Mapping[str, frozenset]]

NO_CANDIDATE = MatchResult(None, 0.0, "unmatched", "", "no candidate found", None, 0.0)


def area_matcher(
    records: Sequence[Mapping[str, object]],
    names: CountryNames,
    thresholds: Thresholds,
    match_parents: bool = False,
) -> Matcher:
    """A matcher of one area's gazetteer *records* that knows the country's *names*."""
    index = widen(load_or_build(records, None), *names)
    return Matcher(index=index, match_parents=match_parents, thresholds=thresholds)


def names_rows(
    gazetteer: Sequence[Mapping[str, object]],
) -> list[tuple[str, object, object, object]]:
    """The distinct (area, street_description, locality, town) rows of a gazetteer."""
    rows = {
        (routing.area_of(r.get("postcode")), r.get("street_description"), r.get("locality"),
         r.get("town"))
        for r in gazetteer
    }  # fmt: skip
    return sorted(rows, key=lambda r: tuple(str(v or "") for v in r))


def match_by_area(
    gazetteer: Sequence[Mapping[str, object]],
    texts: Sequence[str],
    postcodes: Sequence[str] | None,
    thresholds: Thresholds,
    match_parents: bool = False,
) -> list[MatchResult]:
    """``--engine spark``'s algorithm in this process: one matcher per postcode area, each
    record matched in the areas ``routing.areas_for`` gives it, the best answer kept."""
    rows = names_rows(gazetteer)
    table = routing.name_index(rows)
    names = country_names((street, loc, town) for _, street, loc, town in rows)
    by_area: dict[str, list[Mapping[str, object]]] = {}
    for rec in gazetteer:
        by_area.setdefault(routing.area_of(rec.get("postcode")), []).append(rec)
    pcs = list(postcodes) if postcodes is not None else [""] * len(texts)
    wanted: dict[str, list[int]] = {}
    for i, (text, code) in enumerate(zip(texts, pcs)):
        for area in routing.areas_for(text, code, table, set(by_area)):
            wanted.setdefault(area, []).append(i)
    answers: dict[int, list[MatchResult]] = {}
    for area, ids in sorted(wanted.items()):
        if area in by_area:
            matcher = area_matcher(by_area[area], names, thresholds, match_parents)
            results = matcher.match_batch([texts[i] for i in ids], [pcs[i] for i in ids])
        else:
            results = [NO_CANDIDATE] * len(ids)
        for i, res in zip(ids, results):
            answers.setdefault(i, []).append(res)
    return [routing.best_across_areas(answers[i], thresholds) for i in range(len(texts))]
