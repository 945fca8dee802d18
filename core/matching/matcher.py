"""Match free-text addresses to a gazetteer: ``Matcher(records).match_batch(texts)``.

Every input row gives one ``MatchResult`` (none dropped): the UPRN, a 0-100 score, a
status (matched / ambiguous / unmatched), the matched address, the reason in words, the
runner-up UPRN and the margin to it. Parent shells (a building whose flats have their own
UPRNs) are not matched unless ``match_parents=True``: a record naming no flat in such a
building is ambiguous among its flats. ``lookup(text, k)`` serves type-ahead search.

The processing adapter stays thin: build ``Matcher(records, cache_dir=...)`` from the
gazetteer layer's canonical fields (plus ``x``, ``y``), join the input's address fields
with ``join_fields``, call ``match_batch`` and write ``RESULT_FIELDS`` and the point (the
result contract lives in ``results.py``).
``workers > 1`` forks worker processes (POSIX); inside the QGIS GUI prefer ``workers=1``
(forking a process with running Qt threads is not guaranteed safe), in ``qgis_process``
or scripts use 2 or more.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..collector import collector_paused
from ..normalise import UNIT_WORDS
from ..parse import FLOOR_KEYS, POSITIONS, parse
from .batch import PairBatch, score_pairs, tables_of
from .candidates import (
    Corrector,
    RecordContext,
    context,
    has_house,
    name_facts,
    postcode_block,
    postcode_entries,
    wider_block,
)
from .exact import EXACT_NOTE, exact_entries, text_keys
from .explain import reason
from .index import GazetteerIndex, load_or_build
from .results import AMBIGUOUS, MATCHED, RESULT_FIELDS, UNMATCHED, join_fields  # noqa: F401
from .scoring import (
    HOME_NOUNS,
    WEIGHTS,
    Scored,
    Scorer,
    Weights,
    name_toks,
    street_names,
    unit_kinds,
)
from .workers import CHUNK, Answers, can_fork, each_repeat, repeats, run_chunks

#: Candidates per record scored in full before the upper bounds prune the rest.
FIRST_ROUND = 8
#: Slack on the upper-bound comparison (floating-point safety; bounds are exact sums).
BOUND_SLACK = 1e-6
#: Records matched (and dropped) before worker processes fork, to build the index's
#: derived tables once for all of them (``Matcher._warm``).
WARM_RECORDS = 20
#: The first records the exact pass looks at to find those ``Matcher._warm`` matches.
WARM_LOOK = 400
#: Fewer records than this are matched in this process alone (forking costs more).
MIN_FORKED = 200

#: The note of a match whose reading leaves one of the record's numbers out (ambiguous).
LEAVES_NUMBER_NOTE = "the record has a number this address does not have"
#: The beginning of the note of a house found for a record naming a flat when the house's
#: number has lettered units (50A): the record's flat may be one of them (ambiguous).
LETTERED_UNIT_NOTE = "the record's flat may be a lettered unit of this number"
#: The note of a match in another place than the record names, no postcode unit agreeing.
PLACE_NOTE = "the address is not in the place the record names, and no postcode unit says it is"
#: The note of a flat found by its number alone in a building other than the one the record
#: names (ambiguous).
OTHER_BUILDING_NOTE = (
    "the record names a building of another street; neither a house number nor a postcode"
    " unit says this one is meant"
)
#: The note of a flat whose floor is inferred and whose numbers are read another way than
#: written (two guesses: ambiguous).
TWO_GUESSES_NOTE = (
    "the flat's floor is inferred from the building's other flats and the record's numbers"
    " are read another way than written"
)
#: The note of a match whose street is the record's slip (``_street_slip``).
STREET_SLIP_NOTE = (
    "the record's street is a slip: its postcode unit and the rest are this address's"
)
#: The note of a street slip in a record with no postcode (``Thresholds.street_slip_guess_score``).
STREET_SLIP_GUESS_NOTE = (
    "the record's street is another: the building's name and the rest are this address's,"
    " and no other address comes close; no postcode says which street"
)
#: The note of a house found for a record with no postcode naming a room or flat of it, the
#: house held whole (``Thresholds.room_guess_score``).
ROOM_GUESS_NOTE = (
    "the record's flat or room is in this house, which the gazetteer holds whole (no flats);"
    " no postcode says so"
)
#: The note of a match the record names by no house number and no name (``_found_by_elimination``).
ELIMINATION_NOTE = "the record gives no house number, flat or name of this address"
#: The note of a record that names, shortened, another building of the street than the
#: answer's (``_other_building_named``).
OTHER_NAMED_BUILDING_NOTE = (
    "the record writes {word}, the start of {name}, another building of this street, and"
    " not this address's house number"
)
#: The note of a record that names only a street (and places, a postcode) that holds
#: more than one address (``_names_only_street``).
STREET_ONLY_NOTE = (
    "the record gives no house number, flat or name, and its street holds other addresses"
)
#: The note of a flat the record gives with no building name, house number or postcode
#: unit (``_flat_of_unnamed_building``).
UNNAMED_BUILDING_NOTE = (
    "the record gives the flat but no building name, house number or postcode unit of it"
)
#: The beginning of the note of a house found for a record with a slip in its words when the
#: house number has lettered units (``_letter_may_be_left_out``).
LETTER_SLIP_NOTE = "the record has a slip in its words, and its number has lettered units"
#: The note of a business's range found for a number inside it, the record naming no
#: business (``_in_unnamed_business_range``; ambiguous).
BUSINESS_RANGE_NOTE = (
    "the record's number is inside the range of a business it does not name: it may be"
    " another address at that number"
)
#: The note of a flat whose floor is inferred for a record giving no house number of it
#: (two guesses: ambiguous).
FLOOR_WITHOUT_NUMBER_NOTE = (
    "the flat's floor is inferred from the building's other flats and the record gives no"
    " house number of it"
)
#: The beginning of the note of an answer the record names no better than a parent shell
#: (a building whose units have their own UPRNs; ambiguous).
PARENT_SHELL_NOTE = (
    "the record names as well a building whose units have their own UPRNs, and none of them"
)
#: Notes that make an answer ambiguous whatever its rivals: its own evidence is short.
OWN_AMBIGUOUS_NOTES = (
    LEAVES_NUMBER_NOTE,
    PLACE_NOTE,
    OTHER_BUILDING_NOTE,
    TWO_GUESSES_NOTE,
    BUSINESS_RANGE_NOTE,
    FLOOR_WITHOUT_NUMBER_NOTE,
)


#: The end of the note of a match whose runner-up has the record's flat and building name
#: (split evidence: ambiguous), after ``UPRN <runner-up>``.
SPLIT_NAME_NOTE = " has the building name the record gives"


def own_ambiguity(note: str) -> bool:
    """True for a note by which ``Matcher._decide`` makes an otherwise matched answer
    ambiguous on its own evidence, whatever its rivals (kept when areas are compared)."""
    return (
        note in OWN_AMBIGUOUS_NOTES
        or (note.startswith("UPRN ") and note.endswith(SPLIT_NAME_NOTE))
        or note.startswith(LETTERED_UNIT_NOTE)
        or note.startswith(PARENT_SHELL_NOTE)
        or (
            note.startswith("the record's ") and note.endswith(" is not among this address's flats")
        )
    )


#: BS 7666 language codes named in reasons.
LANGUAGE_NAMES = {"ENG": "English", "CYM": "Welsh", "GAE": "Gaelic"}


@dataclass
class MatchResult:
    """The outcome for one input record."""

    uprn: int | None
    match_score: float
    match_status: str
    matched_address: str
    match_reason: str
    runner_up_uprn: int | None
    margin: float
    x: float | None = None
    y: float | None = None

    def as_dict(self) -> dict[str, object]:
        """All fields, including the match point's ``x`` and ``y``."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds (0-100 score units)."""

    #: A best candidate at or above this score (and clear of the runner-up) is matched.
    min_score: float = 50.0
    #: The best must beat the runner-up by this much to be matched, else ambiguous.
    min_margin: float = 6.0
    #: Below this score the record is unmatched; between it and min_score, ambiguous.
    min_ambiguous: float = 35.0
    #: When the postcode block's best reaches this score and margin, wider routes are skipped.
    early_stop: float = 88.0
    #: A match that needs its numbers read another way than written (9B as flat B of 9,
    #: one of two numbers ignored) is a guess: its score is capped here, under review's 75.
    guess_score_cap: float = 74.0
    #: Readings weighing less than this are such guesses.
    guess_weight: float = 0.7
    #: A match whose record writes every part as the address has it but its postcode, a
    #: unit of the same district (a slip), scores what its text alone earns, at most this.
    postcode_slip_score: float = 85.0
    #: A match whose record writes the address's postcode unit and two of its house number,
    #: flat and building name as they are, and every other part as it is but the street (a
    #: slip: another street's name), scores this (its score was the street's contradiction).
    street_slip_score: float = 85.0
    #: The same with no postcode at all in the record (``FLAT 13, GOLDFINCH HOUSE, ALEXANDRA
    #: CLOSE`` for the only GOLDFINCH HOUSE, on THAMES LANE): a match for a person to
    #: confirm, clear of any other candidate, scored this (under review's 75).
    street_slip_guess_score: float = 60.0
    #: A record with no postcode naming a flat or room of a house the gazetteer holds whole
    #: (no flats, no lettered units), its number, street and places as written, clear of any
    #: other candidate: the house, for a person to confirm, scored this (under review's 75).
    room_guess_score: float = 55.0


class Matcher:
    """A gazetteer index plus the decision rules; reuse it for many batches and lookups."""

    def __init__(
        self,
        records: Sequence[Mapping[str, object]] | None = None,
        *,
        index: GazetteerIndex | None = None,
        cache_dir: str | Path | None = None,
        match_parents: bool = False,
        thresholds: Thresholds | None = None,
        weights: Weights = WEIGHTS,
    ) -> None:
        if index is None:
            if records is None:
                raise ValueError("Matcher needs gazetteer records or an index")
            index = load_or_build(records, cache_dir)
        self.index = index
        self.match_parents = match_parents
        self.thresholds = thresholds or Thresholds()
        self.weights = weights
        self.corrector = Corrector(index)
        self._vocab_sorted = sorted(set(index.street_tokens) | set(index.building_tokens))
        #: False turns the exact pass off (every record scored: ``bench.matching.exact_check``)
        self.exact_pass = True
        #: False: a record without a postcode is never answered by its text alone (a
        #: matcher of a part of the gazetteer cannot know that no other part has the text)
        self.exact_without_postcode = True

    def _exact_answers(
        self, texts: Sequence[object], pcs: Sequence[object]
    ) -> list[MatchResult | None]:
        """The exact pass: per record, the answer of the address it is exactly
        (``exact.exact_entries``), or None: to be scored."""
        th = self.thresholds
        if not self.exact_pass or th.min_score > 100.0 or th.min_margin > 100.0:
            return [None] * len(texts)  # (thresholds no answer can meet: none is matched)
        entries, notes = exact_entries(
            self.index, texts, pcs, self.match_parents, self.exact_without_postcode
        )
        return [
            self._exact_answer(e, notes.get(k, EXACT_NOTE)) if e >= 0 else None
            for k, e in enumerate(entries)
        ]

    def _exact_answer(self, entry: int, note: str = EXACT_NOTE) -> MatchResult:
        """The answer of a record that is exactly the address of *entry* (the exact pass)."""
        uprn = int(self.index.uprn[entry])
        xy = self.index.xy_of.get(uprn)
        return MatchResult(
            uprn=uprn,
            match_score=100.0,
            match_status=MATCHED,
            matched_address=self.index.address_of.get(uprn, ""),
            match_reason=note,
            runner_up_uprn=None,
            margin=100.0,
            x=xy[0] if xy else None,
            y=xy[1] if xy else None,
        )

    # core --------------------------------------------------------------------------------
    def _allowed(self, i: int) -> bool:
        return self.match_parents or not self.index.is_parent[i]

    def candidates(
        self, text: object, postcode: object = None, extra_words: Sequence[str] = ()
    ) -> list[Scored]:
        """Every candidate the cascade considers, one per UPRN with its evidence, best first
        (ties broken by UPRN); the reference path, for review screens and tests."""
        parsed = parse(text, postcode)
        ctx = context(self.index, self.corrector, parsed)
        if extra_words:
            ctx.words = [*ctx.words, *extra_words]
        scorer = Scorer(self.index, ctx, self.weights)
        best: dict[int, Scored] = {}
        uprns = self.index.uprn
        seen: set[int] = set()

        def run(ids: object) -> None:
            for i in ids:  # type: ignore[attr-defined]
                if i in seen or not self._allowed(i):
                    continue
                seen.add(i)
                s = scorer.score(i)
                u = int(uprns[i])
                old = best.get(u)
                if old is None or s.points > old.points:
                    best[u] = s

        run(postcode_block(self.index, ctx))
        if not self._settled(best):
            run(sorted(wider_block(self.index, ctx)))
        return sorted(best.values(), key=lambda s: (-s.points, -s.score, int(uprns[s.entry])))

    def _settled(self, best: dict[int, Scored]) -> bool:
        if not best:
            return False
        ranked = sorted(best.values(), key=lambda s: -s.points)
        top = ranked[0]
        if top.score < self.thresholds.early_stop:
            return False
        if len(ranked) > 1 and self._margin(top, ranked[1]) < self.thresholds.min_margin:
            return False
        return True

    @staticmethod
    def _margin(top: Scored, second: Scored | None) -> float:
        if second is None:
            return 100.0
        return max(0.0, (top.points - second.points) * 100.0 / max(top.best_possible, 1.0))

    def _decide(
        self, ranked: list[Scored], ctx: RecordContext | None = None, shell: int | None = None
    ) -> MatchResult:
        """The answer from *ranked* (best first), candidates of the record read as *ctx*;
        *shell*: a parent shell the record names as well as the top (``_named_parent``)."""
        th = self.thresholds
        if not ranked:
            return MatchResult(None, 0.0, UNMATCHED, "", "no candidate found", None, 0.0)
        top = ranked[0]
        second = ranked[1] if len(ranked) > 1 else None
        uprn = int(self.index.uprn[top.entry])
        runner = int(self.index.uprn[second.entry]) if second else None
        margin = self._margin(top, second)
        score = round(top.score, 1)
        notes: list[str] = []
        near = margin < th.min_margin
        # a near tie the record still settles: by the full text, or as a home (None: not)
        settled = None
        if near and _full_text_beats(top, second, self.weights):
            settled = "full text"
        elif near and _home_over_business(top, second, ctx):
            settled = "home"
        slip_guess = score < th.min_score and not near and _street_slip(top, postcode=False)
        room_guess = (
            th.min_ambiguous <= score < th.min_score
            and not near
            and not slip_guess
            and _room_of_whole_house(top)
            and not _has_flats(self.index, top.entry)
            and not _lettered_units(self.index, top.entry)
        )
        if room_guess:
            # ROOM 4, 60 CROMWELL WAY, GAWTHORPE with no postcode, where 60 is a house the
            # gazetteer holds whole (no flats, no 60A): the record's room or flat is in it
            status = MATCHED
            score = th.room_guess_score
            notes.append(ROOM_GUESS_NOTE)
        elif slip_guess:
            # FLAT 13, GOLDFINCH HOUSE, ALEXANDRA CLOSE with no postcode, for the only
            # GOLDFINCH HOUSE (on THAMES LANE): the name and the flat are this address's, the
            # street contradicts it; a person confirms
            status = MATCHED
            score = th.street_slip_guess_score
            notes.append(STREET_SLIP_GUESS_NOTE)
        elif score < th.min_ambiguous:
            status = UNMATCHED
            notes.append(f"best score {score:.0f} below {th.min_ambiguous:.0f}")
        elif near and settled is None:
            status = AMBIGUOUS
            notes.append(f"tied with UPRN {runner} (margin {margin:.1f})")
        elif score < th.min_score:
            status = AMBIGUOUS
            notes.append(f"score {score:.0f} below {th.min_score:.0f}")
        else:
            status = MATCHED
            if near and _left_out(top) and _fewer_left_out(top, second):
                notes.append(
                    f"the record leaves out less of this address than of UPRN {runner}'s"
                    f" (margin {margin:.1f})"
                )
            elif settled == "home":
                notes.append(
                    f"the record writes a flat, a home; UPRN {runner} is a business it does"
                    f" not name (margin {margin:.1f})"
                )
            elif near:
                notes.append(
                    f"the record is this address in full; UPRN {runner} has more than the record"
                    f" (margin {margin:.1f})"
                )
        extra_flat = None
        for p, o, d in top.parts:  # (a loop: no generator per answer)
            if p == "flat" and o in ("extra", "word only"):
                extra_flat = d
                break
        if status == MATCHED and shell is not None:
            # HILLCREST, ABBEY RISE names the shell holding THE COACH HOUSE and THE STABLES
            # as well as it names HILLCREST, 27 ABBEY RISE: which unit is meant, a person says
            status = AMBIGUOUS
            notes.append(f"{PARENT_SHELL_NOTE} (UPRN {int(self.index.uprn[shell])})")
        elif status == MATCHED and _names_only_street(self.index, top, second):
            # "DOVER CLOSE, WESTFIELD" found as GARAGES REAR OF 13, DOVER CLOSE: the record
            # writes nothing of any one address of the street; the garages win only by
            # having no number to be missing, not by any evidence
            status = AMBIGUOUS
            notes.append(f"{STREET_ONLY_NOTE} (UPRN {runner})")
        elif status == MATCHED and (other := _other_building_named(self.index, top, ctx)):
            # FIRST FLOOR FLAT, ALBION, ORCHARD ROAD found as the FIRST FLOOR FLAT of 21
            # (its number not written) beside ALBION WORKS: the record names, shortened,
            # another building of the street, whose flats are as likely as this one
            status = AMBIGUOUS
            notes.append(OTHER_NAMED_BUILDING_NOTE.format(word=other[0], name=other[1]))
        elif status == MATCHED and extra_flat is not None and _has_flats(self.index, top.entry):
            # FLAT B, 153 where 153 has flats but no B: the record is about a flat the
            # gazetteer does not hold (or another one mistyped), not the house itself
            status = AMBIGUOUS
            which = f"flat {extra_flat}" if extra_flat else "flat"
            notes.append(f"the record's {which} is not among this address's flats")
        elif status == MATCHED and (
            top.reading.leaves_number or _range_holds_another(self.index, top)
        ):
            # "3 17, BIRCH AVENUE" found as house 3 (17 left out), "48-50" as 48: no address
            # here has all the record's numbers, and the one left out may be another's
            status = AMBIGUOUS
            notes.append(LEAVES_NUMBER_NOTE)
        elif status == MATCHED and _name_is_runner_ups(top, second):
            # APARTMENT 1, MAPLE HOUSE, 84 STANLEY CLOSE where FLAT 1, 84 has no name and
            # MAPLE HOUSE has no number: the record's evidence is split between two
            # addresses, neither is the answer
            status = AMBIGUOUS
            notes.append(f"UPRN {runner}{SPLIT_NAME_NOTE}")
        elif status == MATCHED and top.reading.weight < 1.0 and _derived_floor(self.index, top):
            # 2ND FLOOR FLAT 47A found as the TOP FLOOR FLAT of 47: the letter read as a slip
            # and the floor inferred from the building's flats, two guesses on one answer
            status = AMBIGUOUS
            notes.append(TWO_GUESSES_NOTE)
        elif (
            status == MATCHED
            and _has_part(top, "number", "missing")
            and _derived_floor(self.index, top)
        ):
            # FIRST FLOOR FLAT, ELM, WESTFIELD found as the MIDDLE FLAT of 43 ELM HILL: the
            # house found by elimination and its floor inferred, two guesses on one answer
            status = AMBIGUOUS
            notes.append(FLOOR_WITHOUT_NUMBER_NOTE)
        elif status == MATCHED and _in_unnamed_business_range(top):
            # 2 HEATHER WALK found as THE CORNER CAFE, 1-3 HEATHER WALK: the record names no
            # business, and a number inside its range may be a flat above or next door
            status = AMBIGUOUS
            notes.append(BUSINESS_RANGE_NOTE)
        elif status == MATCHED and _flat_alone_under_another_name(top):
            # FLAT 4, STATION HOUSE, ABBEY DRIVE found as FLAT 4, PARK VIEW, ABBEY DRIVE: the
            # building the record names is on another street; a flat number alone does not
            # say this building is the one meant
            status = AMBIGUOUS
            notes.append(OTHER_BUILDING_NOTE)
        elif status == MATCHED and _place_differs(top) and not _postcode_exact(top):
            # 37 KINGS DRIVE, LLANFAIR found as the 37 of PENRHOS: the record names a town or
            # locality this address is not in, and no postcode unit says it is
            status = AMBIGUOUS
            notes.append(PLACE_NOTE)
        elif (
            status == MATCHED and extra_flat is not None and _lettered_units(self.index, top.entry)
        ):
            # FLAT 2, 90 where 90 is a house with no flats and 90A is the unit beside it: the
            # record's flat is as likely 90A (a flat written with a letter) as the house
            status = AMBIGUOUS
            units = ", ".join(_lettered_units(self.index, top.entry))
            notes.append(f"{LETTERED_UNIT_NOTE} ({units})")
        elif status == MATCHED and extra_flat is not None and not room_guess:
            # the record's flat is not in the gazetteer here: the building (or the shop
            # below) is a guess for a person to confirm, never a confident answer
            score = min(score, th.guess_score_cap)
            notes.append("the record's flat is not in the gazetteer at this address")
        if status == MATCHED and top.reading.weight < th.guess_weight:
            score = min(score, th.guess_score_cap)
            notes.append("numbers read another way than written")
        elif status == MATCHED and _unnamed_flat(top):
            # "2 HOLLY AVENUE" read as UNIT 2 of a business park the record does not name:
            # the house number 2 may be another address's; a person confirms
            score = min(score, th.guess_score_cap)
            notes.append("the record's number read as a flat of a building it does not name")
        elif status == MATCHED and _flat_of_unwritten_house(top):
            # "2 FALCON MEWS" (the street has no house 2) read as flat 2 of 123: the
            # record leaves out the house number; a person confirms
            house = next(d for p, o, d in top.parts if p == "number")
            score = min(score, th.guess_score_cap)
            notes.append(
                f"the record's number read as a flat of {house}, a house number it does not give"
            )
        elif status == MATCHED and _flat_of_unnamed_building(top):
            # "FLAT 2, BLACKTHORN ROAD" found as APARTMENT 2, RECTORY MANSIONS: the record
            # names no building of the street, by name or number, and no postcode unit
            # says which; the street's other blocks may have a flat 2 too
            score = min(score, th.guess_score_cap)
            notes.append(UNNAMED_BUILDING_NOTE)
        elif status == MATCHED and _found_by_elimination(top):
            # "FERN DRIVE, KELLINGTON" with a postcode unit whose one house of that street is
            # 147: the record writes no house number, flat or name of the address
            score = min(score, th.guess_score_cap)
            notes.append(ELIMINATION_NOTE)
        elif (
            status == MATCHED and ctx is not None and _letter_may_be_left_out(self.index, top, ctx)
        ):
            # "4 MALE AVENUE" found as 4 MAPLE AVENUE beside 4A: a record with a slip in its
            # words may have left out the house number's letter too; a person confirms
            units = ", ".join(_lettered_units(self.index, top.entry))
            score = min(score, th.guess_score_cap)
            notes.append(f"{LETTER_SLIP_NOTE} ({units})")
        slip = _postcode_slip_score(top, self.weights) if status == MATCHED else None
        if slip is not None and slip > score:
            # 18 STANLEY CLOSE, ASHLEY GREEN with another unit of the address's district: the
            # record writes every other part as it is and no other address comes close, so
            # the postcode is the slip, not the address
            score = round(min(slip, th.postcode_slip_score), 1)
            notes.append("the postcode is another of its district's; the rest is this address")
        if (
            status == MATCHED
            and score < th.street_slip_score
            and _street_slip(top)
            and not _derived_floor(self.index, top)  # an inferred floor stays a guess
        ):
            # FLAT 4, ALBION WORKS, 17 ALDER GROVE with ALBION WORKS's postcode unit, on ELM
            # HILL: the unit, the number, the flat and the name are this address's, the
            # street is the slip
            score = th.street_slip_score
            notes.append(STREET_SLIP_NOTE)
        if status == MATCHED and score >= th.guess_score_cap and _derived_floor(self.index, top):
            # SECOND FLOOR FLAT found as the TOP FLOOR FLAT of a building whose other flats
            # are below: an inference from the building's flats, a person confirms
            score = min(score, th.guess_score_cap)
            notes.append("the flat's floor is inferred from the building's other flats")
        if status == MATCHED and score >= th.guess_score_cap and _place_differs(top):
            # the record names a town or locality this address is not in: one of the two is
            # wrong, a person confirms which
            score = min(score, th.guess_score_cap)
            notes.append("the address is not in the place the record names")
        if self.index.is_alternative[top.entry]:
            language = getattr(self.index, "alt_language", {}).get(top.entry)
            name = LANGUAGE_NAMES.get(language or "", language)
            notes.insert(
                0,
                f"matched its {name} address" if name else "matched an alternative address",
            )
        xy = self.index.xy_of.get(uprn)
        return MatchResult(
            uprn=uprn if status != UNMATCHED else None,
            match_score=score,
            match_status=status,
            matched_address=self.index.address_of.get(uprn, "") if status != UNMATCHED else "",
            match_reason=reason(top.parts, notes),
            runner_up_uprn=runner,
            margin=round(margin, 1),
            x=xy[0] if xy and status != UNMATCHED else None,
            y=xy[1] if xy and status != UNMATCHED else None,
        )

    # batch (vectorised) -------------------------------------------------------------------
    def _rank_pairs(
        self,
        scorers: list[Scorer],
        cands: list[np.ndarray],
        floor: np.ndarray | None = None,
    ) -> list[tuple[int, float, float, float, int, float, float] | None]:
        """Per record: (top entry, points, score, possible, runner-up entry or -1, its points,
        its score). *floor*: per record, points the record's runner-up among other
        candidates already has (its pairs below them are neither top nor runner-up of all:
        what is ranked here is then exact only where it reaches them).

        Exact and cheaper than scoring every pair: the cheap parts (numbers, flats,
        postcode) give each pair an upper bound of its points; the ``FIRST_ROUND`` best
        bounded pairs of each record are scored in full, then only the pairs whose bound
        reaches the runner-up's points (the others can be neither top nor runner-up)."""
        lens = np.array([len(c) for c in cands], dtype=np.int64)
        rec = np.repeat(np.arange(len(cands), dtype=np.int64), lens)
        ent = np.concatenate(cands).astype(np.int64) if len(cands) else np.zeros(0, np.int64)
        if not self.match_parents and len(ent):
            keep = ~self.index.is_parent[ent]
            rec, ent = rec[keep], ent[keep]
        if not len(ent):
            return [None] * len(cands)
        batch = PairBatch(self.index, scorers, rec, ent, self.weights)
        bound = batch.upper_bound()
        n_pairs = len(ent)
        points, score, possible = np.zeros(n_pairs), np.zeros(n_pairs), np.zeros(n_pairs)
        done = np.zeros(n_pairs, dtype=bool)

        def fill(sel: np.ndarray) -> None:
            ps = batch.exact(sel)
            points[sel], score[sel], possible[sel] = ps.points, ps.score, ps.possible
            done[sel] = True

        order = np.lexsort((ent, -bound, rec))
        rec_o = rec[order]
        rank = np.arange(n_pairs) - np.searchsorted(rec_o, rec_o, side="left")
        fill(np.sort(order[rank < FIRST_ROUND]))
        ranked = self._top_two(len(cands), rec, ent, points, score, possible, done)
        runner = np.array(
            [r[5] if r is not None and r[4] >= 0 else -np.inf for r in ranked], dtype=np.float64
        )
        if floor is not None:
            runner = np.maximum(runner, floor)
        rest = np.flatnonzero(~done & (bound >= runner[rec] - BOUND_SLACK))
        if len(rest):
            fill(rest)
            ranked = self._top_two(len(cands), rec, ent, points, score, possible, done)
        return ranked

    def _top_two(
        self,
        n: int,
        rec: np.ndarray,
        ent: np.ndarray,
        points: np.ndarray,
        score: np.ndarray,
        possible: np.ndarray,
        done: np.ndarray,
    ) -> list[tuple[int, float, float, float, int, float, float] | None]:
        """Best and runner-up (another UPRN) of each record among the scored pairs *done*:
        by points, then score, then UPRN, then entry id (pairs come in entry order)."""
        out: list[tuple[int, float, float, float, int, float, float] | None] = [None] * n
        idx = np.flatnonzero(done)
        rec, ent = rec[idx], ent[idx]
        points, score, possible = points[idx], score[idx], possible[idx]
        uprn = self.index.uprn[ent]
        order = np.lexsort((uprn, -score, -points, rec))
        rec_o, uprn_o = rec[order], uprn[order]
        starts = np.flatnonzero(np.r_[True, rec_o[1:] != rec_o[:-1]])
        ends = np.r_[starts[1:], len(rec_o)]
        # the runner-up: the first pair of the record with another UPRN
        other = np.flatnonzero(uprn_o != np.repeat(uprn_o[starts], ends - starts))
        pos = np.searchsorted(other, starts)
        nxt = other[np.minimum(pos, max(len(other) - 1, 0))] if len(other) else starts
        has_second = (pos < len(other)) & (nxt < ends)
        top, second = order[starts], order[np.where(has_second, nxt, starts)]
        rows = zip(
            rec_o[starts].tolist(),
            ent[top].tolist(),
            points[top].tolist(),
            score[top].tolist(),
            possible[top].tolist(),
            np.where(has_second, ent[second], -1).tolist(),
            np.where(has_second, points[second], 0.0).tolist(),
            np.where(has_second, score[second], 0.0).tolist(),
        )
        for k, *r in rows:
            out[k] = tuple(r)  # type: ignore[assignment]
        return out

    def _match_scored(self, texts: Sequence[object], pcs: Sequence[object]) -> list[MatchResult]:
        """The scoring cascade's answers: postcode block, wider routes, the decision."""
        if len(texts) > SCORE_BATCH:
            # at most SCORE_BATCH records ranked together: the pair arrays stay small enough
            # for the processor's cache (each record is ranked on its own: same answers)
            out: list[MatchResult] = []
            for k in range(0, len(texts), SCORE_BATCH):
                out.extend(self._match_scored(texts[k : k + SCORE_BATCH], pcs[k : k + SCORE_BATCH]))
            return out
        index = self.index
        scorers = [
            Scorer(index, context(index, self.corrector, parse(t, p)), self.weights)
            for t, p in zip(texts, pcs)
        ]
        cands = [postcode_entries(index, sc.ctx) for sc in scorers]
        ranked = self._rank_pairs(scorers, cands)
        th = self.thresholds
        todo = []
        for k, r in enumerate(ranked):
            if r is None or r[2] < th.early_stop:
                todo.append(k)
            elif r[4] >= 0 and (r[1] - r[5]) * 100.0 / max(r[3], 1.0) < th.min_margin:
                todo.append(k)
        if todo:
            # only the wider routes' new entries are ranked: the top two of all the record's
            # candidates are among the block's top two and theirs (``_merged``)
            more = [_beyond(cands[k], wider_block(index, scorers[k].ctx)) for k in todo]
            floor = np.array(
                [
                    ranked[k][5] if ranked[k] is not None and ranked[k][4] >= 0 else -np.inf
                    for k in todo
                ],
                dtype=np.float64,
            )
            again = self._rank_pairs([scorers[k] for k in todo], more, floor)
            uprn = index.uprn
            for k, r in zip(todo, again):
                ranked[k] = _merged(ranked[k], r, uprn)
        out = []
        for sc, r in zip(scorers, ranked):
            if r is None:
                out.append(self._decide([]))
                continue
            top = sc.score(r[0])
            ranked_list = [top]
            if r[4] >= 0 and (r[1] - r[5]) * 100.0 / max(r[3], 1.0) < th.min_margin:
                ranked_list.append(sc.score(r[4]))  # its evidence decides a near tie
            elif r[4] >= 0 and _names_missing_building(top):
                ranked_list.append(sc.score(r[4]))  # may hold the building the record names
            elif r[4] >= 0:
                ranked_list.append(Scored(r[4], r[5], top.best_possible, top.reading, ()))
            shell = self._named_parent(sc, top)
            out.append(self._decide(ranked_list, sc.ctx, shell))
        return out

    def _named_parent(self, sc: Scorer, top: Scored) -> int | None:
        """A parent shell of *top*'s street the record names at least as well as *top*,
        when the record leaves out *top*'s house number or building name (HILLCREST, ABBEY
        RISE for HILLCREST, 27 ABBEY RISE, the shell holding THE COACH HOUSE and THE
        STABLES): the record may mean one of the shell's units, not *top*."""
        if self.match_parents:
            return None
        short = False
        for p, o, _d in top.parts:
            if o == "missing" and p in ("number", "building"):
                short = True
                break
        if not short:
            return None
        ix = self.index
        e = top.entry
        for i in parents_of_street(ix, int(ix.street[e])):
            # (only a shell sharing the top's name or number can be named as well)
            same = (ix.building[i] and ix.building[i] == ix.building[e]) or (
                ix.number[i] >= 0 and ix.number[i] == ix.number[e]
            )
            if same and sc.score(i).points >= top.points:
                return i
        return None

    # public ------------------------------------------------------------------------------
    def match_one(self, text: object, postcode: object = None) -> MatchResult:
        """Match one free-text address (with an optional separate postcode)."""
        return self._match_batch([text], [postcode], 1, None, None)[0]

    def match_batch(
        self,
        texts: Sequence[object],
        postcodes: Sequence[object] | None = None,
        *,
        workers: int = 1,
        progress: Callable[[float], None] | None = None,
        is_canceled: Callable[[], bool] | None = None,
        on_answers: Answers | None = None,
    ) -> list[MatchResult]:
        """One result per text, in input order. *workers* > 1 forks worker processes
        (POSIX only; falls back to one process elsewhere).

        *on_answers(positions, answers)* is called in this process with each chunk's
        answers as they become known (this process's own, then the workers' between its
        chunks), so that a caller can write them while the others are matched. Every record
        is handed over once, in no set order (a repeated record's answer to read, not to
        change); the returned list holds them too."""
        n = len(texts)
        if postcodes is not None and len(postcodes) != n:
            raise ValueError(f"{len(postcodes)} postcodes for {n} texts")
        pcs = list(postcodes) if postcodes is not None else [None] * n
        workers = min(max(1, workers), os.cpu_count() or 1)
        firsts, where = repeats(texts, pcs)
        with collector_paused():  # many short-lived objects; the index never changes
            if where is None:
                return self._match_batch(texts, pcs, workers, progress, is_canceled, on_answers)
            # a record repeating an earlier one's text and postcode (service files list
            # one address many times) is matched once; each repeat gets its own copy
            unique_texts, unique_pcs = [texts[i] for i in firsts], [pcs[i] for i in firsts]
            found = self._match_batch(
                unique_texts,
                unique_pcs,
                workers,
                progress,
                is_canceled,
                each_repeat(on_answers, where) if on_answers is not None else None,
            )
            seen = [False] * len(found)
            out = []
            for k in where:
                out.append(replace(found[k]) if seen[k] else found[k])
                seen[k] = True
            return out

    def _match_batch(
        self,
        texts: Sequence[object],
        pcs: list[object],
        workers: int,
        progress: Callable[[float], None] | None,
        is_canceled: Callable[[], bool] | None,
        on_answers: Answers | None = None,
    ) -> list[MatchResult]:
        """Chunks of records matched in turn (``_match_chunk``) by *workers* processes."""
        n = len(texts)

        def on_chunk(start: int, found: list[MatchResult]) -> None:
            if on_answers is not None:
                on_answers(list(range(start, start + len(found))), found)

        if workers > 1 and n >= MIN_FORKED and can_fork():
            # the derived tables built once here, shared by the forked workers
            first = self._exact_answers(texts[:WARM_LOOK], pcs[:WARM_LOOK])
            scored = [k for k, a in enumerate(first) if a is None]
            self._warm([texts[k] for k in scored], [pcs[k] for k in scored])
            if self.exact_pass and self.exact_without_postcode and not all(pcs):
                text_keys(self.index)
            return run_chunks(
                self._match_chunk, list(texts), pcs, workers, progress, is_canceled,
                on_chunk=on_chunk,
            )  # fmt: skip
        out: list[MatchResult] = []
        for k in range(0, n, CHUNK):
            if is_canceled is not None and is_canceled():
                raise InterruptedError("matching cancelled")
            found = self._match_chunk(texts[k : k + CHUNK], pcs[k : k + CHUNK])
            on_chunk(k, found)
            out.extend(found)
            if progress is not None:
                progress(100.0 * min(n, k + CHUNK) / n)
        if progress is not None and n == 0:
            progress(100.0)
        return out

    def _match_chunk(self, texts: Sequence[object], pcs: Sequence[object]) -> list[MatchResult]:
        """The exact pass, then the other records scored: one answer per record, in order."""
        answers = self._exact_answers(texts, pcs)
        rest = [k for k, a in enumerate(answers) if a is None]
        if not rest:
            return answers  # type: ignore[return-value]
        if len(rest) == len(answers):
            return self._match_scored(texts, pcs)
        scored = iter(self._match_scored([texts[k] for k in rest], [pcs[k] for k in rest]))
        return [a if a is not None else next(scored) for a in answers]

    def _warm(self, texts: Sequence[object] = (), pcs: Sequence[object] = ()) -> None:
        """Build the index's derived tables (kept on it) before workers fork, so that no
        worker builds its own copy: those every batch needs, then the ones matching builds
        as it meets them, by matching the batch's first few records (results dropped)."""
        index = self.index
        tables_of(index)
        name_facts(index)
        unit_kinds(index)
        if len(index.flat):
            _has_flats(index, 0)
            _lettered_units(index, 0)
        if len(texts):
            self._match_scored(texts[:WARM_RECORDS], pcs[:WARM_RECORDS])

    def lookup(self, text: str, k: int = 10) -> list[MatchResult]:
        """Up to *k* best addresses for a (possibly partial) typed text, best first; the
        last word may be unfinished (``10 high st, north``)."""
        index = self.index
        ctx = context(index, self.corrector, parse(text))
        words = ctx.parsed.words
        if words:
            last = words[-1]
            if len(last) >= 3 and last not in self.corrector.known:
                lo = bisect.bisect_left(self._vocab_sorted, last)
                extra = [t for t in self._vocab_sorted[lo : lo + 5] if t.startswith(last)]
                ctx.words = [*ctx.words, *extra]
                ctx.text = " ".join(ctx.words)
        scorer = Scorer(index, ctx, self.weights)
        ids = np.asarray(sorted(wider_block(index, ctx)), dtype=np.int64)
        if not self.match_parents and len(ids):
            ids = ids[~index.is_parent[ids]]
        if not len(ids):
            return []
        ps = score_pairs(index, [scorer], np.zeros(len(ids), np.int64), ids, self.weights)
        uprn = index.uprn[ids]
        order = np.lexsort((uprn, -ps.score, -ps.points))
        out: list[MatchResult] = []
        seen: set[int] = set()
        for j in order.tolist():
            u = int(uprn[j])
            if u in seen:
                continue
            seen.add(u)
            s = scorer.score(int(ids[j]))
            xy = index.xy_of.get(u)
            out.append(
                MatchResult(
                    u,
                    round(s.score, 1),
                    MATCHED,
                    index.address_of.get(u, ""),
                    reason(s.parts),
                    None,
                    0.0,
                    xy[0] if xy else None,
                    xy[1] if xy else None,
                )  # fmt: skip
            )
            if len(out) >= k:
                break
        return out


#: Records ranked together by ``Matcher._match_scored`` (smaller batches keep the pair
#: arrays in the processor's cache: 500 measured 5-7 % less CPU per record than 2,000).
SCORE_BATCH = 500


def _unnamed_flat(top: Scored) -> bool:
    """The record's number was read as a flat (not as written) of a building whose name the
    record does not give."""
    r = top.reading
    return (
        r.weight < 1.0
        and r.number is None
        and bool(r.flat)
        and any(p == "building" and o == "missing" for p, o, _d in top.parts)
    )


def _flat_of_unnamed_building(top: Scored) -> bool:
    """The record gives *top*'s flat as written but neither its house number nor its
    building name (it has one or both), and no postcode unit of it."""
    r = top.reading
    if r.weight < 1.0 or r.number is not None or not r.flat:
        return False
    missing = False
    for part, outcome, _d in top.parts:
        if part == "postcode" and outcome == "exact":
            return False
        if part in ("number", "building") and outcome == "missing":
            missing = True
        elif part == "building" and outcome in ("exact", "fuzzy"):
            return False
    return missing


def _found_by_elimination(top: Scored) -> bool:
    """The record writes no house number of *top* (it has one), no flat and no name of it
    (building or organisation): the address is found only as the one its street and
    postcode leave."""
    missing = False
    for part, outcome, _d in top.parts:
        if part == "number":
            missing = outcome == "missing"
        elif (part == "flat" and outcome == "=") or (
            part in ("building", "organisation") and outcome in ("exact", "fuzzy")
        ):
            return False
    return missing


def _letter_may_be_left_out(index: GazetteerIndex, top: Scored, ctx: RecordContext) -> bool:
    """*top* is a plain house number (no letter, no flat) the record writes, its number has
    lettered units (``_lettered_units``), and the record's words needed a slip corrected."""
    r = top.reading
    if r.suffix or r.flat or r.number is None or not _lettered_units(index, top.entry):
        return False
    written = False
    for p, o, _d in top.parts:
        if p == "number" and o == "=":
            written = True
            break
    return written and ctx.words != ctx.parsed.words


def _flat_of_unwritten_house(top: Scored) -> bool:
    """The record's number was read as a flat (not as written) of a house whose number the
    record does not give, and the record names no building to hold that flat (``1, HIGH
    MANSIONS, ROBIN AVENUE`` is flat 1 of the block it names)."""
    r = top.reading
    return (
        r.weight < 1.0
        and r.number is None
        and bool(r.flat)
        and any(p == "number" and o == "missing" for p, o, _d in top.parts)
        and not any(p == "building" and o in ("exact", "fuzzy") for p, o, _d in top.parts)
    )


def _names_missing_building(top: Scored) -> bool:
    """The record names a building and gives a flat; *top* has no building name."""
    building = flat = False
    for p, o, _d in top.parts:  # (no set built: most answers have neither)
        if p == "building":
            building = building or o == "extra"
        elif p == "flat":
            flat = flat or o == "="
    return building and flat


def _name_is_runner_ups(top: Scored, second: Scored | None) -> bool:
    """The record names a building that *top* lacks (it has no name) and the runner-up
    has exactly, with the record's flat: the record's flat and building are another
    address's, its house number this one's."""
    if second is None or not _names_missing_building(top):
        return False
    return {("building", "exact"), ("flat", "=")} <= {(p, o) for p, o, _d in second.parts}


#: The longest range a record writes whose other numbers are looked up (``_range_holds_another``).
RANGE_LOOKUP = 20


def _range_holds_another(index: GazetteerIndex, top: Scored) -> bool:
    """The record writes a range (7-9, no flat) and *top* is one house of it (9) on a street
    that has a house of another of its numbers (7, a parent shell too): the record's range
    is not this address alone. (A flat of a range, FLAT 3, 67-69, is the flat of whichever
    number its building has.)"""
    r = top.reading
    if r.flat or r.number is None or r.end is None or not 0 < r.end - r.number <= RANGE_LOOKUP:
        return False
    i = top.entry
    number, end = int(index.number[i]), int(index.end[i])
    if number < 0 or end > number or not r.number <= number <= r.end:
        return False
    others = np.asarray([n for n in range(r.number, r.end + 1) if n != number], dtype=np.int64)
    street = np.full(len(others), int(index.street[i]), dtype=np.int64)
    return int(index.street[i]) >= 0 and bool(has_house(index, street, others).any())


def _derived_floor(index: GazetteerIndex, top: Scored) -> bool:
    """*top*'s flat key is inferred from its building's other flats (``TOP FLOOR FLAT`` found
    as the second floor's), not written."""
    derived = getattr(index, "derived_floor", None)
    return derived is not None and len(derived) > top.entry and bool(derived[top.entry])


def _flat_alone_under_another_name(top: Scored) -> bool:
    """The record names a building no address of *top*'s street has, and *top* agrees with it
    by its flat alone: no house number, no postcode unit."""
    elsewhere = flat = number = False
    for p, o, _d in top.parts:  # (a loop: no set per answer)
        if p == "building":
            elsewhere = elsewhere or o == "not on street"
        elif p == "flat":
            flat = flat or o == "="
        elif p == "number":
            number = number or o == "="
    return elsewhere and flat and not number and not _postcode_exact(top)


def parents_of_street(index: GazetteerIndex, sid: int) -> list[int]:
    """Entries of parent shells on street *sid* (a table kept on the index)."""
    table = index.__dict__.get("_parents_of_street")
    if table is None:
        table = {}
        shells = np.flatnonzero(index.is_parent)
        for i, s in zip(shells.tolist(), index.street[shells].tolist()):
            table.setdefault(s, []).append(i)
        index.__dict__["_parents_of_street"] = table
    return table.get(sid, []) if sid >= 0 else []


def _names_only_street(index: GazetteerIndex, top: Scored, second: Scored | None) -> bool:
    """The record writes no house number, flat or name (building or organisation) of any
    address, *top* has one of them (so it is missing from the record), and *second* is on
    *top*'s street and not told apart by the record's postcode (it gives none, or it is
    the unit of both): nothing the record writes picks *top* out of its street."""
    r = top.reading
    if second is None or r.number is not None or r.flat or r.suffix:
        return False
    missing = False
    for part, outcome, _d in top.parts:
        if part in ("number", "building", "organisation"):
            if outcome != "missing":
                return False
            missing = True
        elif part == "flat":
            return False
        elif part == "postcode" and outcome != "exact":
            return False
    if not missing or int(index.street[top.entry]) != int(index.street[second.entry]):
        return False
    return not _postcode_exact(top) or index.postcode[top.entry] == index.postcode[second.entry]


#: Words of a unit, floor or position, never a building's name however its names begin.
_UNIT_NAME_WORDS = frozenset(UNIT_WORDS) | frozenset(FLOOR_KEYS) | frozenset(POSITIONS)


def _other_building_named(
    index: GazetteerIndex, top: Scored, ctx: RecordContext | None
) -> tuple[str, str] | None:
    """(the word, the name) when the record does not give *top*'s house number nor names its
    building, and writes a word that begins the name of another building of *top*'s street
    (``ALBION`` for ``ALBION WORKS``; a word of four letters or more, not a unit word nor
    one of *top*'s street or places): the record names, shortened, a building *top* is not in."""
    if ctx is None or not _has_part(top, "number", "missing"):
        return None
    for part, outcome, _d in top.parts:
        if part in ("building", "organisation") and outcome in ("exact", "fuzzy"):
            return None
    sid = int(index.street[top.entry])
    if sid < 0:
        return None
    own = set(name_toks(index.building[top.entry])) | set(name_toks(index.organisation[top.entry]))
    street = set(index.streets[sid].full.split())
    places = {w for place in ctx.places for w in place.split()}
    words = set(ctx.words)
    for toks in sorted(street_names(index)[sid]):
        first = toks[0]
        if (
            len(toks) > 1
            and len(first) >= 4
            and first in words
            and first not in own
            and first not in street
            and first not in places
            and first not in _UNIT_NAME_WORDS
        ):
            return first, " ".join(toks)
    return None


def _has_part(top: Scored, part: str, outcome: str) -> bool:
    """*top*'s evidence holds *part* with *outcome* (``number`` ``missing``: the record
    does not give its house number)."""
    for p, o, _d in top.parts:
        if p == part and o == outcome:
            return True
    return False


def _in_unnamed_business_range(top: Scored) -> bool:
    """The record's house number is inside *top*'s range (not the range itself), *top* is
    an organisation's the record does not name, and no postcode unit says it is meant."""
    inside = unnamed = False
    for p, o, _d in top.parts:
        if p == "number":
            inside = o == "in range"
        elif p == "organisation":
            unnamed = o == "missing"
    return inside and unnamed and not _postcode_exact(top)


def _postcode_exact(top: Scored) -> bool:
    """The record's postcode is *top*'s unit."""
    return _has_part(top, "postcode", "exact")


def _place_differs(top: Scored) -> bool:
    """The record names a town or locality that contradicts the candidate's."""
    for part in top.parts:
        if part[0] == "place":
            return True
    return False


def _has_flats(index: GazetteerIndex, entry: int) -> bool:
    """True when another entry of the same street and house number (and suffix) has a flat:
    the address of *entry* is divided into flats (kept per index)."""
    divided = index.__dict__.get("_divided")
    if divided is None:
        divided = {
            (street, number, suffix)
            for street, number, suffix, flat in zip(
                index.street.tolist(), index.number.tolist(), index.suffix, index.flat
            )
            if flat and number >= 0
        }
        index.__dict__["_divided"] = divided
    key = (int(index.street[entry]), int(index.number[entry]), index.suffix[entry])
    return key[1] >= 0 and key in divided


def _lettered_units(index: GazetteerIndex, entry: int) -> list[str]:
    """The lettered units (``90A``, ``90B``) sharing the street and house number of *entry*,
    an address with neither a letter nor a flat; [] otherwise (kept per index)."""
    lettered = index.__dict__.get("_lettered")
    if lettered is None:
        lettered = {}
        for street, number, suffix in zip(
            index.street.tolist(), index.number.tolist(), index.suffix
        ):
            if suffix and number >= 0:
                lettered.setdefault((street, number), set()).add(f"{number}{suffix}")
        lettered = {k: sorted(v) for k, v in lettered.items()}
        index.__dict__["_lettered"] = lettered
    if index.suffix[entry] or index.flat[entry] or int(index.number[entry]) < 0:
        return []
    return lettered.get((int(index.street[entry]), int(index.number[entry])), [])


#: Evidence outcomes meaning the record writes that part of the address as it is.
_AS_WRITTEN = frozenset({"exact", "="})


def _full_text(s: Scored) -> int:
    """2: the record writes every part of this candidate's address, each as it is (nothing
    missing, nothing differing); 1: the same but it leaves out the locality (which has no
    part of its own: an omitted locality prefers the address that has none); 0: else."""
    if s.reading.weight < 1.0 or not all(outcome in _AS_WRITTEN for _p, outcome, _d in s.parts):
        return 0
    return 2 if s.score >= 99.5 else 1


def _postcode_slip_score(top: Scored, w: Weights) -> float | None:
    """The score *top* earns on the record's text alone when the record writes every part of
    its address as it is (read as written) except a whole postcode that is another unit of
    the same sector or district; None otherwise."""
    if top.reading.weight < 1.0:
        return None
    pc_pts = None
    for part, outcome, _d in top.parts:
        if part == "postcode" and outcome in ("same sector", "same district"):
            pc_pts = w.postcode_sector if outcome == "same sector" else w.postcode_district
        elif outcome not in _AS_WRITTEN:
            return None
    possible = top.best_possible - w.postcode_exact
    if pc_pts is None or possible <= 0:
        return None
    return max(0.0, min(100.0, 100.0 * (top.points - pc_pts) / possible))


def _postcode_outcome(s: Scored) -> str:
    """The outcome of the record's whole postcode against *s* ("" when it has none)."""
    return next((o for p, o, _d in s.parts if p == "postcode"), "")


def _full_text_but_postcode(s: Scored, w: Weights) -> int:
    """``_full_text`` of *s* on the record's text alone, for a record whose postcode is
    another unit of *s*'s sector or district (``_postcode_slip_score``)."""
    slip = _postcode_slip_score(s, w)
    if slip is None:
        return 0
    return 2 if slip >= 99.5 else 1


#: Identity parts of an address as the record writes them (``_street_slip``).
_IDENTITY = frozenset({("number", "="), ("flat", "="), ("building", "exact")})


def _street_slip(top: Scored, postcode: bool = True) -> bool:
    """The record writes *top*'s postcode unit and two of its house number, flat and
    building name as they are (or the name of a house that has neither number nor flat),
    every other part as it is (read as written), but names another street: the street is
    the slip. *postcode* False: the record gives no postcode at all (nor part of one)."""
    if top.reading.weight < 1.0:
        return False
    street = False
    for part, outcome, _d in top.parts:
        if part == "street" and outcome in ("differs", "type differs"):
            street = True
        elif outcome not in _AS_WRITTEN:
            return False
    found = {(p, o) for p, o, _d in top.parts}
    if not street:
        return False
    if postcode and ("postcode", "exact") not in found:
        return False
    if not postcode and any(p == "postcode" for p, _o in found):
        return False
    identity = found & _IDENTITY
    named_house = identity == {("building", "exact")} and not any(
        p in ("number", "flat") for p, _o in found
    )
    # with no postcode, a house's name alone is too little (another's name, mislaid)
    return len(identity) >= 2 or (named_house and postcode)


def _room_of_whole_house(top: Scored) -> bool:
    """The record names a flat or room *top* does not have (a house with none) and writes
    its house number and street as they are, every other part as it is, read as written,
    and gives no postcode (nor part of one)."""
    if top.reading.weight < 1.0:
        return False
    room = number = street = False
    for part, outcome, _d in top.parts:
        if part == "flat" and outcome == "extra":
            room = True
        elif part == "number" and outcome == "=":
            number = True
        elif part == "street" and outcome == "exact":
            street = True
        elif part == "postcode" or outcome not in _AS_WRITTEN:
            return False
    return room and number and street


def _full_text_beats(top: Scored, second: Scored | None, w: Weights = WEIGHTS) -> bool:
    """A near tie that the full text settles: the record is *top*'s whole address and the
    runner-up has a part the record lacks (a house number, a flat, an organisation). A
    postcode that is another unit of the same sector or district for both says neither:
    then the text alone settles it (``FLAT 8, GREEN PLACE, PEMBROKE ROW`` with a postcode
    of neither GREEN PLACE, when the other one is at 39)."""
    if second is None or not second.parts or top.points <= second.points:
        return False
    if _full_text(top) > _full_text(second):
        return True
    outcome = _postcode_outcome(top)
    if (
        outcome in ("same sector", "same district")
        and _postcode_outcome(second) == outcome
        and _full_text_but_postcode(top, w) > _full_text_but_postcode(second, w)
    ):
        return True
    return _fewer_left_out(top, second)


def _home_over_business(top: Scored, second: Scored | None, ctx: RecordContext | None) -> bool:
    """A near tie between a home and a business the record does not name, where the record
    writes a home's unit noun (``FLAT 1, 47 TUDOR HILL`` for the FIRST FLOOR FLAT above
    HOPE CHURCH, GROUND FLOOR): a flat is a home, so the home is meant. Every other part
    must be read alike for both, and the home must already lead."""
    if ctx is None or second is None or top.points <= second.points:
        return False
    if ctx.parsed.unit_noun not in HOME_NOUNS:
        return False
    mine = {(p, o) for p, o, _d in top.parts if p not in ("flat", "organisation")}
    theirs = {(p, o) for p, o, _d in second.parts if p not in ("flat", "organisation")}
    own_org = any(p == "organisation" for p, _o, _d in top.parts)
    return not own_org and _has_part(second, "organisation", "missing") and mine == theirs


def _fewer_left_out(top: Scored, second: Scored | None) -> bool:
    """The record leaves out fewer of *top*'s parts than of *second*'s (``_left_out``)."""
    if second is None:
        return False
    mine, theirs = _left_out(top), _left_out(second)
    return mine is not None and theirs is not None and mine < theirs


def _left_out(s: Scored) -> set[str] | None:
    """The parts of *s*'s address the record leaves out, when it writes every other part
    as it is (read as written); None otherwise. A record leaving out fewer of one
    candidate's parts than of another's, and no other, is the first's (``FLAT 4, ALBION
    WORKS, NETHER END`` for the ALBION WORKS of ABBEY DRIVE with no number, not the one
    at 55: an omitted part prefers the address that has none)."""
    if s.reading.weight < 1.0:
        return None
    out = set()
    for p, o, _d in s.parts:
        if o == "missing":
            out.add(p)
        elif o not in _AS_WRITTEN:
            return None
    return out


def _beyond(first: np.ndarray, more: set[int]) -> np.ndarray:
    """The entry ids of *more* not among *first*, in order."""
    extra = more.difference(first.tolist()) if len(first) else more
    return np.asarray(sorted(extra), dtype=np.int64)


def _merged(
    first: tuple[int, float, float, float, int, float, float] | None,
    more: tuple[int, float, float, float, int, float, float] | None,
    uprn: np.ndarray,
) -> tuple[int, float, float, float, int, float, float] | None:
    """``Matcher._top_two`` of a record's pairs from the top two of two disjoint sets of
    them, *first* and *more* (each ranked in entry order): the best is the best of the two
    bests; the runner-up (another UPRN) is the best of the others not sharing its UPRN
    (each set's best, or its runner-up where its best shares that UPRN)."""
    if first is None or more is None:
        return first if more is None else more
    pairs = []  # (points, score, uprn, entry, possible) of each set's top two
    for r in (first, more):
        pairs.append((r[1], r[2], int(uprn[r[0]]), r[0], r[3]))
        if r[4] >= 0:
            pairs.append((r[5], r[6], int(uprn[r[4]]), r[4], 0.0))
    pairs.sort(key=lambda p: (-p[0], -p[1], p[2], p[3]))
    top = pairs[0]
    second = next((p for p in pairs[1:] if p[2] != top[2]), None)
    if second is None:
        return (top[3], top[0], top[1], top[4], -1, 0.0, 0.0)
    return (top[3], top[0], top[1], top[4], second[3], second[0], second[1])
