"""Postcode areas for the Spark engine: which area(s) a record is matched in, and the best
answer kept across areas.

Each gazetteer row belongs to its postcode's area (``NB`` of ``NB1 2AB``; ``""`` when it
has none). A record goes to its postcode's area when the gazetteer has that area, and to
every area whose street or place names (town, locality) it spells out, found through a
small name → areas table the driver broadcasts. The per-area answers are merged by
``best_across_areas``: the highest score wins, and a different UPRN from another area
scoring close to it is the runner-up, exactly as it would be within one area. Given each
area's top two candidates (``Top``: points, score, what the matcher ranks by), the answer is
decided as one matcher of the whole country decides it: the candidate with the most points
wins, and its margin over the best other UPRN of any area is counted in points.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..core import postcode as pc
from ..core.matching import AMBIGUOUS, MATCHED, UNMATCHED, MatchResult, Thresholds
from ..core.matching.candidates import Corrector
from ..core.matching.exact import POSTCODE_EXACT_NOTES
from ..core.matching.index import load_or_build
from ..core.matching.matcher import (
    ELIMINATION_NOTE,
    LETTER_SLIP_NOTE,
    STREET_SLIP_NOTE,
    own_ambiguity,
)
from ..core.matching.names import widen
from ..core.parse import parse

#: A record naming only names found in more areas than this is routed by postcode alone.
MAX_AREAS = 8
_STATUS_RANK = {MATCHED: 0, AMBIGUOUS: 1, UNMATCHED: 2}


def area_of(postcode: object) -> str:
    """The postcode area (letters of the outward code) or ``""``."""
    code = pc.normalise(str(postcode)) if postcode else None
    return pc.area(code) if code else ""


def name_key(text: object) -> str:
    """A street or place name as the parser reads it (so records and gazetteer agree)."""
    if not text:
        return ""
    return " ".join(parse(str(text)).words)


def name_index(
    rows: Iterable[tuple[str, object, object, object]],
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """``({street: areas}, {place: areas})`` from (area, street, locality, town) rows."""
    streets: dict[str, set[str]] = {}
    places: dict[str, set[str]] = {}
    for area, street, *place_names in rows:
        key = name_key(street)
        if key:
            streets.setdefault(key, set()).add(area)
        for name in place_names:
            key = name_key(name)
            if key:
                places.setdefault(key, set()).add(area)
    return (
        {k: sorted(v) for k, v in streets.items()},
        {k: sorted(v) for k, v in places.items()},
    )


def _named(words: Sequence[str], table: Mapping[str, Sequence[str]]) -> list[set[str]]:
    found = []
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            areas = table.get(" ".join(words[i : i + size]))
            if areas:
                found.append(set(areas))
    return found


def _narrowest(sets: list[set[str]]) -> set[str]:
    """The areas every named place shares; else those of the most specific place."""
    if not sets:
        return set()
    common = set.intersection(*sets)
    return common or min(sets, key=len)


#: Typo correctors of a country's names, one per process and country (``country_corrector``).
_CORRECTORS: dict[int, tuple[object, Corrector]] = {}


def country_corrector(
    country: tuple[Mapping[str, str], Mapping[str, frozenset[str]]],
) -> Corrector:
    """The typo corrector every area matcher reads records with (``names.widen`` of the
    country's place and street names, ``names.country_names``), built once per process:
    "22 VICTORIA ROAD, HALAARCASTER" names HALCARCASTER for the matchers, so it must for the
    routing too, or the record never reaches HALCARCASTER's area."""
    held = _CORRECTORS.get(id(country))
    if held is None or held[0] is not country:
        held = _CORRECTORS[id(country)] = (
            country,
            Corrector(widen(load_or_build([], None), *country)),
        )
    return held[1]


def areas_for(
    text: str,
    postcode: str | None,
    names: tuple[Mapping[str, Sequence[str]], Mapping[str, Sequence[str]]],
    areas: set[str],
    corrector: Corrector | None = None,
) -> list[str]:
    """The area(s) a record is matched in: its postcode's area when the places it names
    (town, locality) lie there or it names none; else the places' areas (and the postcode's
    area); with neither,
    the areas of the streets it names (at most MAX_AREAS); else ``""`` (no candidates).
    Names are read after *corrector*'s typo correction (``country_corrector``), as the
    matchers read them."""
    streets, places = names
    parsed = parse(text, postcode or None)
    words = corrector.correct(parsed.words) if corrector is not None else parsed.words
    home = pc.area(parsed.postcode) if parsed.postcode else ""
    home = home if home in areas else ""
    placed = _narrowest(_named(words, places))
    if home and (not placed or home in placed):
        return [home]
    if placed and len(placed) <= MAX_AREAS:
        # the places named lie elsewhere (a wrong postcode?): their areas and the postcode's,
        # whose addresses the whole-country matcher weighs too
        return sorted(placed | ({home} if home else set()))
    if home:
        return [home]
    street_areas = _narrowest(_named(words, streets))
    if street_areas and len(street_areas) <= MAX_AREAS:
        return sorted(street_areas)
    return [""]


@dataclass(frozen=True)
class Top:
    """An area's top (or runner-up) candidate for a record, as a matcher ranks it."""

    uprn: int
    points: float
    #: 0-100 before any cap (``Scored.score``)
    score: float
    possible: float
    #: the record writes this whole address as it is (``matcher._full_text``)
    full: bool

    def rank(self) -> tuple[float, float, int]:
        """The whole-country matcher's order: most points, then best score, then UPRN."""
        return (-self.points, -self.score, self.uprn)


#: An area's (top, runner-up) for a record; None where it has none.
Evidence = tuple["Top | None", "Top | None"]
#: Notes ``Matcher._decide`` adds after the status note, for a matched answer only.
_MATCHED_NOTES = (
    "the record's flat is not in the gazetteer at this address",
    "numbers read another way than written",
    "the postcode is another of its district's; the rest is this address",
    STREET_SLIP_NOTE,
    ELIMINATION_NOTE,
)


def _matched_note(note: str) -> bool:
    """One of the notes ``Matcher._decide`` adds for a matched answer only."""
    return note in _MATCHED_NOTES or note.startswith(LETTER_SLIP_NOTE)


def best_across_areas(
    results: Sequence[MatchResult],
    thresholds: Thresholds,
    evidence: Sequence[Evidence] | None = None,
) -> MatchResult:
    """One answer from the answers of several areas: by the areas' top candidates'
    *evidence* when given (exactly the whole country's decision), else by score."""
    if len(results) == 1:
        return results[0]
    exact = next((r for r in results if r.match_reason in POSTCODE_EXACT_NOTES), None)
    if exact is not None:
        # the record is exactly this address and its postcode, so it is in this address's
        # area: no other area holds an address written so (the exact pass)
        return exact
    if evidence is not None:
        return _by_points(results, evidence, thresholds)
    return _by_score(results, thresholds)


def _by_points(
    results: Sequence[MatchResult], evidence: Sequence[Evidence], thresholds: Thresholds
) -> MatchResult:
    tops = sorted(
        ((ev[0], k) for k, ev in enumerate(evidence) if ev[0] is not None),
        key=lambda item: item[0].rank(),
    )
    if not tops:
        return results[0]
    top, k = tops[0]
    own = evidence[k][1]
    rival = next((t for t, _ in tops[1:] if t.uprn != top.uprn), None)
    if rival is None or (own is not None and own.rank() <= rival.rank()):
        return results[k]  # the runner-up is in the same area: its answer is the country's
    return _decide_against(results[k], top, rival, thresholds)


def _status_note(res: MatchResult, thresholds: Thresholds) -> str:
    """The note ``Matcher._decide`` gave *res* for its status ("" when none)."""
    if res.match_status == AMBIGUOUS:
        tied = f"tied with UPRN {res.runner_up_uprn} (margin {res.margin:.1f})"
        if tied in res.match_reason.split("; "):
            return tied
        return f"score {res.match_score:.0f} below {thresholds.min_score:.0f}"
    if res.match_status == MATCHED and res.margin < thresholds.min_margin:
        return (
            f"the record is this address in full; UPRN {res.runner_up_uprn} has more than the"
            f" record (margin {res.margin:.1f})"
        )
    return ""


def _decide_against(res: MatchResult, top: Top, rival: Top, thresholds: Thresholds) -> MatchResult:
    """``Matcher._decide`` for *top* (whose area answered *res*) against *rival*, another
    area's candidate closer to it than any of its own area."""
    th = thresholds
    margin = max(0.0, (top.points - rival.points) * 100.0 / max(top.possible, 1.0))
    if res.match_status == UNMATCHED:
        return replace(res, runner_up_uprn=rival.uprn, margin=round(margin, 1))
    score = round(top.score, 1)
    beats = top.points > rival.points and top.full and not rival.full
    if margin < th.min_margin and not beats:
        status, note = AMBIGUOUS, f"tied with UPRN {rival.uprn} (margin {margin:.1f})"
    elif score < th.min_score:
        status, note = AMBIGUOUS, f"score {score:.0f} below {th.min_score:.0f}"
    else:
        status, note = MATCHED, ""
        if margin < th.min_margin:
            note = (
                f"the record is this address in full; UPRN {rival.uprn} has more than the"
                f" record (margin {margin:.1f})"
            )
    old = _status_note(res, th)
    words = [t for t in res.match_reason.split("; ") if t != old]
    own = [t for t in words if own_ambiguity(t)]
    base = [t for t in words if not _matched_note(t) and t not in own]
    if status == MATCHED and own:
        # the answer's own evidence makes it ambiguous whatever the rival (Matcher._decide)
        status, tail = AMBIGUOUS, own
    else:
        tail = [t for t in words if _matched_note(t)] if status == MATCHED else []
    return replace(
        res,
        match_score=res.match_score if status == res.match_status else score,
        match_status=status,
        match_reason="; ".join(base + ([note] if note else []) + tail),
        runner_up_uprn=rival.uprn,
        margin=round(margin, 1),
    )


def _by_score(results: Sequence[MatchResult], thresholds: Thresholds) -> MatchResult:
    ranked = sorted(
        results,
        key=lambda r: (
            r.uprn is None,
            -r.match_score,
            _STATUS_RANK.get(r.match_status, 3),
            r.uprn or 0,
        ),
    )
    best = ranked[0]
    if best.uprn is None:
        return best
    rivals = [r for r in ranked[1:] if r.uprn is not None and r.uprn != best.uprn]
    if not rivals:
        return best
    rival = rivals[0]
    margin = round(max(0.0, best.match_score - rival.match_score), 1)
    if margin >= best.margin:
        return best
    status = best.match_status
    reason = best.match_reason
    if status == MATCHED and margin < thresholds.min_margin:
        status = AMBIGUOUS
        reason = f"{reason}; tied with UPRN {rival.uprn} (margin {margin:.1f})"
    return MatchResult(
        uprn=best.uprn,
        match_score=best.match_score,
        match_status=status,
        matched_address=best.matched_address,
        match_reason=reason,
        runner_up_uprn=rival.uprn,
        margin=margin,
        x=best.x,
        y=best.y,
    )
