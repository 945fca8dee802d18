"""One postcode area's matcher, as the Spark engine builds it inside an executor, and the
whole area-by-area algorithm in one process (for checks and tests without a JVM).

An area's matcher holds only its area's addresses but reads records with the country's
place and street names (``core.matching.names.widen``), so for the addresses it holds it
scores a record exactly as one matcher of the whole country does; ``routing`` sends each
record to the areas that can hold its answer and keeps the best answer across them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from ..core.matching import Matcher, MatchResult, Thresholds
from ..core.matching.candidates import DISTINCTIVE_NAMES, context, name_facts
from ..core.matching.index import load_or_build
from ..core.matching.names import country_names, widen
from ..core.matching.scoring import Scored, Scorer
from ..core.normalise import normalise
from ..core.parse import parse
from . import routing
from .routing import Evidence, Top

#: (places, street_towns) of the whole country: ``core.matching.names.country_names``.
CountryNames = tuple[Mapping[str, str], Mapping[str, frozenset]]

NO_CANDIDATE = MatchResult(None, 0.0, "unmatched", "", "no candidate found", None, 0.0)


def area_matcher(
    records: Sequence[Mapping[str, object]],
    names: CountryNames,
    thresholds: Thresholds,
    match_parents: bool = False,
    common_words: frozenset[str] = frozenset(),
) -> Matcher:
    """A matcher of one area's gazetteer *records* that knows the country's *names* and
    the words too common in the country's building names to find an address by
    (*common_words*, ``common_name_words``)."""
    index = widen(load_or_build(records, None), *names)
    words, distinctive = name_facts(index)
    # a word in few of the area's building names but many of the country's (LODGE) finds
    # no address on its own, as in one matcher of the country
    index.__dict__["name_facts"] = (words, distinctive - common_words)
    matcher = Matcher(index=index, match_parents=match_parents, thresholds=thresholds)
    matcher.exact_without_postcode = False  # another area may have the same text
    return matcher


def common_name_words(names: Iterable[object]) -> frozenset[str]:
    """Words of more than ``DISTINCTIVE_NAMES`` of the distinct building and organisation
    names *names* (the gazetteer's ``pao_text`` and ``organisation``) as the index reads
    them: the words ``candidates`` does not find an address by alone."""
    counts: Counter[str] = Counter()
    for name in {normalise(n) for n in names if n}:
        counts.update(set(name.split()))
    return frozenset(w for w, c in counts.items() if c > DISTINCTIVE_NAMES)


def _top(matcher: Matcher, s: Scored | None) -> Top | None:
    if s is None:
        return None
    full = s.score >= 99.5 and all(outcome in ("exact", "=") for _p, outcome, _d in s.parts)
    return Top(int(matcher.index.uprn[s.entry]), s.points, s.score, s.best_possible, full)


def area_evidence(
    matcher: Matcher,
    texts: Sequence[str],
    postcodes: Sequence[str],
    results: Sequence[MatchResult],
) -> list[Evidence]:
    """Each record's top candidate and runner-up in this area's matcher, with the points
    they were ranked by (``routing.best_across_areas`` weighs them against other areas'):
    the answer's and the runner-up's UPRNs scored again (each at its best entry), or, for
    a record left unmatched (its top is not named), the matcher's reference ranking."""
    index = matcher.index
    entries: dict[int, list[int]] = {}
    for e, u in enumerate(index.uprn.tolist()):
        if matcher.match_parents or not index.is_parent[e]:
            entries.setdefault(int(u), []).append(e)

    def best(scorer: Scorer, uprn: int | None) -> Scored | None:
        scored = [scorer.score(e) for e in entries.get(uprn, ())] if uprn is not None else []
        return max(scored, key=lambda s: (s.points, s.score)) if scored else None

    out: list[Evidence] = []
    for text, code, res in zip(texts, postcodes, results):
        if res.uprn is None:
            ranked = matcher.candidates(text, code)
            if not ranked:
                out.append((None, None))
                continue
            first = int(index.uprn[ranked[0].entry])
            second = next((s for s in ranked[1:] if int(index.uprn[s.entry]) != first), None)
            out.append((_top(matcher, ranked[0]), _top(matcher, second)))
            continue
        ctx = context(index, matcher.corrector, parse(text, code or None))
        scorer = Scorer(index, ctx, matcher.weights)
        out.append(
            (_top(matcher, best(scorer, res.uprn)), _top(matcher, best(scorer, res.runner_up_uprn)))
        )
    return out


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
    record matched in the areas ``routing.areas_for`` gives it (``by_area.match_area``), the
    best answer kept (``by_area.merge``)."""
    import pandas as pd

    from .by_area import match_area, merge

    rows = names_rows(gazetteer)
    table = routing.name_index(rows)
    names = country_names((street, loc, town) for _, street, loc, town in rows)
    common = common_name_words(r.get(k) for r in gazetteer for k in ("pao_text", "organisation"))
    by_area: dict[str, list[Mapping[str, object]]] = {}
    for rec in gazetteer:
        by_area.setdefault(routing.area_of(rec.get("postcode")), []).append(rec)
    pcs = list(postcodes) if postcodes is not None else [""] * len(texts)
    wanted: dict[str, list[int]] = {}
    n_areas = [0] * len(texts)
    corrector = routing.country_corrector(names)
    for i, (text, code) in enumerate(zip(texts, pcs)):
        found = routing.areas_for(text, code, table, set(by_area), corrector)
        n_areas[i] = len(found)
        for area in found:
            wanted.setdefault(area, []).append(i)
    frames = [
        match_area(
            by_area.get(area, []),
            pd.DataFrame({"rid": ids, "text": [texts[i] for i in ids],
                          "postcode": [pcs[i] for i in ids],
                          "n_areas": [n_areas[i] for i in ids]}),
            names, common, thresholds, match_parents,
        )
        for area, ids in sorted(wanted.items())
    ]  # fmt: skip
    return merge(pd.concat(frames, ignore_index=True), len(texts), thresholds)
