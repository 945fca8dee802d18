"""Structured scoring of one record against candidate entries.

Numbers are hard discriminators: house number, suffix and flat identity either agree,
are missing on one side, or contradict (``10`` ≠ ``10A`` ≠ ``Flat 1, 10``). Text fields are
compared fuzzily (rapidfuzz): the street's name and its type apart, the building name,
places named in the record against the candidate's locality and town, the postcode by
unit, sector and district. Every reading of the record's numbers is tried; the best is
kept per candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

import numpy as np
from rapidfuzz import fuzz, process

from .. import postcode as pc
from ..normalise import STREET_TYPES, is_street_type
from ..parse import Reading, flat_digits, floor_keys_near, is_floor_key
from .candidates import RecordContext, house_exists, record_towns, shadowed_streets
from .index import GazetteerIndex, Street
from .names import other_town, street_words, town_with_street


@dataclass(frozen=True)
class Weights:
    """Points per piece of evidence (positive agrees, negative contradicts)."""

    postcode_exact: float = 30
    postcode_sector: float = 14
    postcode_district: float = 5
    postcode_other: float = -12
    number_match: float = 25
    number_in_range: float = 15
    number_mismatch: float = -60
    suffix_mismatch: float = -45
    #: The record's number without the candidate's letter (7 for 7A): the plain house
    #: wins when it exists (number_match); else the lettered one is the likeliest reading.
    suffix_missing_in_record: float = 0
    #: A suffix that agrees (12A = 12A) identifies a unit as a flat letter does.
    suffix_match: float = 24
    number_missing_in_record: float = -10
    number_missing_named: float = -2
    number_extra_in_record: float = -20
    flat_match: float = 24
    flat_mismatch: float = -55
    flat_missing_in_record: float = -24
    flat_extra_in_record: float = -30
    street_max: float = 22
    street_min: float = -30
    street_type_contradiction: float = -22
    street_other: float = -12
    street_absent: float = -4
    flat_floor_vs_id: float = -12
    flat_near: float = -4
    flat_id_missing: float = -6
    flat_word_no_flat: float = -10
    flat_extra_floor: float = -10
    building_max: float = 18
    building_min: float = -22
    building_absent: float = -4
    place_agree: float = 3
    place_contradiction: float = -22
    locality_contradiction: float = -10
    locality_omitted: float = -2
    #: The record names a place but not the candidate's locality: another address whose
    #: full text has no locality fits the record exactly (one street name, two villages).
    locality_omitted_named: float = -4
    #: The record names a town that is not the candidate's, and that town has a street of
    #: the candidate's street name (the record says LEEDS; this VICTORIA ROAD is in
    #: BRADFORD and Leeds has one too): as strong as naming none of its places.
    town_contradiction: float = -22
    #: Added to ``place_contradiction`` when a town the record names has the street the
    #: record spells out (``names.town_with_street``): the address is in another place
    #: while the named town has the record's street.
    named_town_street: float = -10
    reading_penalty: float = 20
    #: An organisation the record names (``KINGS ARMS``) is evidence for its address.
    organisation_named: float = 6
    #: An organisation the record does not name: the address without one fits it better.
    organisation_unnamed: float = -1
    #: The record names a building (``MEADOW HALL``) and the candidate has no building
    #: or organisation name: the record is about another address.
    building_extra_in_record: float = -8
    #: The record's flat and the candidate's share an identifier but not their kind: a
    #: home (``FLAT 3``, ``APARTMENT 3``, ``MAISONETTE 3``) is not a business unit (``UNIT
    #: 3``, ``SUITE 3``).
    unit_kind_differs: float = -14


WEIGHTS = Weights()


@dataclass
class Scored:
    """One candidate entry's score and the evidence behind it."""

    entry: int
    points: float
    best_possible: float
    reading: Reading
    #: (part, outcome, detail) triples for the explanation.
    parts: tuple[tuple[str, str, str], ...]

    @property
    def score(self) -> float:
        """0-100: points as a share of what a perfect record would earn against this entry."""
        if self.best_possible <= 0:
            return 0.0
        return max(0.0, min(100.0, 100.0 * self.points / self.best_possible))


def _postcode_max(postcode: str | None, partial: str, w: Weights) -> float:
    """Best points of the record's postcode: exact for a whole one (valid or shaped like
    one, ``AB1 2CD``), the sector's for ``LS6 9``, the district's for ``LS6``."""
    if postcode or pc.is_partial_unit(partial):
        return w.postcode_exact
    if not partial:
        return 0.0
    return w.postcode_sector if " " in partial else w.postcode_district


#: The street-type words (``normalise.is_street_type``'s).
_STREET_TYPES = frozenset(STREET_TYPES)

#: A name whose words are all in the record but not side by side (``APPLE HOUSE`` within
#: ``APPLE AUCTION HOUSE``) is at best this similar: another name may be the exact one.
SCATTERED_NAME_SIM = 85.0


#: An organisation name the record writes only some words of is at most this similar:
#: not named (``BROCKLEY`` alone, the town, for ``BROCKLEY DENTAL PRACTICE``).
ORG_LACKING_SIM = 80.0

#: A name holding a number the record does not write (``REAR OF 27`` for the record's
#: ``REAR OF 19``) is at best this similar: the number makes it another name.
OTHER_NUMBER_NAME_SIM = 75.0


def numbers_written(toks: list[str] | tuple[str, ...], written: set[str]) -> bool:
    """True when every number in a name's *toks* is among the record's *written* words,
    house numbers and flats."""
    for t in toks:
        if t[0].isdecimal() and t not in written:
            return False
    return True


#: A name shortened to its first word(s) (``FISHER`` for ``FISHER COTTAGE``) is this similar
#: when the record leaves out one of its words ...
SHORTENED_NAME_SIM = 88.0
#: ... and this much less for each further word it leaves out: ``ASHBY`` is ``ASHBY FARM``
#: (one word left out) before ``ASHBY FARM COTTAGE`` (two).
SHORTENED_WORD_STEP = 8.0


def _mistyped(token: str, words: list[str]) -> bool:
    """True when one of the record's *words* is *token* typed with a slip (``fuzz.ratio``
    at least 80): one call into rapidfuzz for all the words."""
    return process.extractOne(token, words, scorer=fuzz.ratio, score_cutoff=80) is not None


def shortened_sim(toks: list[str] | tuple[str, ...], word_set: set[str], words: list[str]) -> float:
    """Similarity of a name the record writes shortened: ``SHORTENED_NAME_SIM`` less
    ``SHORTENED_WORD_STEP`` per word the record leaves out beyond the first (a word typed
    with a slip, ``FRM`` for ``FARM``, counts as written)."""
    left_out = 0
    for t in toks:
        if t not in word_set and not _mistyped(t, words):
            left_out += 1
    return SHORTENED_NAME_SIM - SHORTENED_WORD_STEP * max(left_out - 1, 0)


def lacks_name_word(toks: list[str], word_set: set[str], words: list[str]) -> bool:
    """True when a name of two or more words has a word that the record neither types nor
    mistypes (``BARN`` of ``YEW COTTAGE BARN`` for the record ``YEW COTTAGE``)."""
    if len(toks) < 2:
        return False
    return any(t not in word_set and not _mistyped(t, words) for t in toks)


def name_in_words(toks: list[str], words: list[str]) -> float:
    """Similarity of a name all of whose words *toks* are among the record's *words*
    (``THE`` aside): exact when they stand together in order, ``SCATTERED_NAME_SIM`` when
    they are apart. A record going on to a longer name (``RIVERSIDE COTTAGE BARN``) is
    ``name_extended``'s to judge."""
    k = len(toks)
    plain = [w for w in words if w != "THE"] if "THE" in words else list(words)
    for i in range(len(plain) - k + 1):
        if plain[i : i + k] == toks:
            return 100.0
    return SCATTERED_NAME_SIM


def _name_tuples(index: GazetteerIndex) -> frozenset[tuple[str, ...]]:
    """Every building or organisation name's words without ``THE`` (kept on the index)."""
    known = index.__dict__.get("_name_tuples")
    if known is None:
        known = frozenset(name_toks(n) for n in index.building_names)
        index.__dict__["_name_tuples"] = known
    return known


def names_shorter(toks: tuple[str, ...], words: list[str], index: GazetteerIndex) -> bool:
    """True when the record's *words* write in full another building's name that begins
    name *toks* and stops there (``VICTORIA FARMHOUSE`` for ``VICTORIA FARMHOUSE
    COTTAGE``): the record names that building, not this one shortened."""
    if len(toks) < 2:
        return False
    known = _name_tuples(index)
    plain = [w for w in words if w != "THE"] if "THE" in words else list(words)
    for k in range(len(toks) - 1, 0, -1):
        head = toks[:k]
        if head not in known:
            continue
        for i in range(len(plain) - k + 1):
            if _written_as(plain[i : i + k], head) and (
                i + k >= len(plain) or not _same_or_slip(plain[i + k], toks[k])
            ):
                return True
    return False


def _written_as(typed: list[str], toks: tuple[str, ...]) -> bool:
    """The record's words *typed* write name words *toks*: the first as it is, each other
    as it is or with a slip (``ALDER FRM`` writes ``ALDER FARM``)."""
    if tuple(typed) == toks:
        return True
    return (
        len(typed) == len(toks)
        and typed[0] == toks[0]
        and all(_same_or_slip(a, b) for a, b in zip(typed[1:], toks[1:]))
    )


def _same_or_slip(typed: str, word: str) -> bool:
    """*typed* is *word* or *word* with a slip (``fuzz.ratio`` at least 80, as ``_mistyped``)."""
    return typed == word or fuzz.ratio(typed, word) >= 80


@lru_cache(maxsize=65536)
def sub_building_words(flat: str) -> tuple[str, ...]:
    """The words of a flat key that names a part of a building (``THE STABLES`` →
    ``STABLES``; ``EAST WING``); () for numbered, lettered and floor keys (``2``, ``A``,
    ``F0/REAR``, ``PS5``; kept per key)."""
    if not flat or is_floor_key(flat) or any(c.isdecimal() for c in flat):
        return ()
    words = tuple(t for t in flat.split() if t != "THE")
    return words if any(len(t) >= 3 for t in words) else ()


#: A building name the record writes inside a longer name (``BRIAR FARM`` in ``BRIAR FARM
#: COTTAGE``, ``THE COTTAGE`` in ``YORK COTTAGE``) is at best this similar: the record names
#: another, longer building.
EXTENDED_NAME_SIM = 85.0
#: A house named like its street (``FAIRVIEW``, ``FAIRVIEW LANE``) whose name the record
#: writes only as the street's is at best this similar: the record names the street only.
STREET_ONLY_NAME_SIM = 70.0


def name_toks(name: str) -> tuple[str, ...]:
    """A building or organisation name's words without ``THE``."""
    return tuple(t for t in name.split() if t != "THE")


def name_extenders(
    index: GazetteerIndex,
) -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """(starts, ends) of every building or organisation name longer than one word
    (``BRIAR FARM`` + ``COTTAGE``; ``YORK`` + ``COTTAGE``), words without ``THE``; built once
    per index, kept on it."""
    cached = index.__dict__.get("_name_extenders")
    if cached is None:
        starts, ends = set(), set()
        for name in index.building_names:
            toks = name_toks(name)
            starts.update(toks[:k] for k in range(2, len(toks) + 1))
            ends.update(toks[-k:] for k in range(2, len(toks) + 1))
        cached = (frozenset(starts), frozenset(ends))
        index.__dict__["_name_extenders"] = cached
    return cached


def building_words(index: GazetteerIndex) -> frozenset[str]:
    """Words only building or organisation names have (``HALL``, ``COTTAGE``, ``MEADOW``
    when no street or place is called so): never a street's, a place's or a street-type
    word (built once per index, kept on it)."""
    cached = index.__dict__.get("_building_words")
    if cached is None:
        places = {t for p in index.places for t in p.split()}
        streets = street_words(index)  # the country's when widened
        cached = frozenset(
            t
            for t in index.building_tokens
            if len(t) >= 3
            and t.isalpha()
            and t != "THE"
            and t not in streets
            and t not in places
            and not is_street_type(t)
        )
        index.__dict__["_building_words"] = cached
    return cached


def _without_places(words: list[str], places: set[str]) -> str:
    """*words* without the places they name, where they name them: ``GREEN ROW, KIRKBY
    GREEN`` keeps the street's ``GREEN``."""
    n = len(words)
    keep = [True] * n
    # longest places first (most records name one: nothing to order)
    ordered = places if len(places) < 2 else sorted(places, key=lambda p: -len(p.split()))
    for place in ordered:
        toks = _place_toks(place)
        k = len(toks)
        if not k:
            continue  # (nothing to take out)
        first = toks[0]
        for i in range(n - k + 1):
            if words[i] != first:
                continue
            if k == 1:
                keep[i] = False  # (one word: taken out, or out already)
            elif tuple(words[i : i + k]) == toks and all(keep[i : i + k]):
                keep[i : i + k] = [False] * k
    if all(keep):
        return " ".join(words)
    return " ".join(compress(words, keep))


@lru_cache(maxsize=65536)
def _place_toks(place: str) -> tuple[str, ...]:
    """A place name's words (kept per name: records name the same places)."""
    return tuple(place.split())


def street_name_words(index: GazetteerIndex) -> list[frozenset[str]]:
    """Per street id, the words of the building and organisation names its addresses have
    (built once per index, kept on it)."""
    cached = index.__dict__.get("_street_name_words")
    if cached is None:
        sets: list[set[str]] = [set() for _ in index.streets]
        named = {  # (many addresses share a street and names: each once)
            (sid, building, organisation)
            for sid, building, organisation in zip(
                index.street.tolist(), index.building, index.organisation
            )
            if sid >= 0 and (building or organisation)
        }
        for sid, building, organisation in named:
            sets[sid].update(f"{building} {organisation}".split())
        cached = [frozenset(x) for x in sets]
        index.__dict__["_street_name_words"] = cached
    return cached


def street_names(index: GazetteerIndex) -> list[frozenset[tuple[str, ...]]]:
    """Per street id, the building and organisation names of its addresses as word tuples
    without ``THE`` (built once per index, kept on it)."""
    cached = index.__dict__.get("_street_names")
    if cached is None:
        sets: list[set[tuple[str, ...]]] = [set() for _ in index.streets]
        named = {  # (many addresses share a street and a name: each once)
            (sid, name)
            for sid, building, organisation in zip(
                index.street.tolist(), index.building, index.organisation
            )
            if sid >= 0
            for name in (building, organisation)
            if name
        }
        for sid, name in named:
            toks = name_toks(name)
            if toks:
                sets[sid].add(toks)
        cached = [frozenset(x) for x in sets]
        index.__dict__["_street_names"] = cached
    return cached


def written_names(index: GazetteerIndex, words: list[str]) -> frozenset[str]:
    """Words of the gazetteer's building and organisation names (without ``THE``) that
    *words* write in full and in order, for names holding a word only building names have
    (``building_words``)."""
    names = index.__dict__.get("_name_set")
    if names is None:
        only = building_words(index)
        names = frozenset(
            t for t in (name_toks(n) for n in index.building_names) if t and set(t) & only
        )
        index.__dict__["_name_set"] = names
    kept = index.__dict__.get("_name_set_firsts")
    if kept is None or kept[0] is not names:  # the first words of the names above
        kept = index.__dict__["_name_set_firsts"] = (names, frozenset(t[0] for t in names))
    firsts = kept[1]
    out: set[str] = set()
    n = len(words)
    for i in range(n):
        if words[i] not in firsts:
            continue  # no name starts with this word
        for size in (1, 2, 3, 4):
            if i + size > n:
                break
            gram = tuple(words[i : i + size])
            if gram in names:
                out.update(gram)
    return frozenset(out)


def name_extended(
    words: list[str],
    toks: tuple[str, ...],
    extenders: tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]],
) -> bool:
    """True when the record's *words* write the name *toks* with a word before or after it
    that makes a longer building name (``name_extenders``): the record names that longer
    building (``BRIAR FARM COTTAGE`` is not ``BRIAR FARM``, ``YORK COTTAGE`` not ``THE
    COTTAGE``)."""
    k = len(toks)
    if not k:
        return False
    starts, ends = extenders
    for i in range(len(words) - k + 1):
        if words[i] == toks[0] and tuple(words[i : i + k]) == toks:
            if i + k < len(words) and (*toks, words[i + k]) in starts:
                return True
            if i > 0 and (words[i - 1], *toks) in ends:
                return True
    return False


def all_written(toks: tuple[str, ...], word_set: set[str], words: list[str]) -> bool:
    """The record writes every word of name *toks*, a repeated word as often as the name
    has it (``PARK BUSINESS PARK`` is not written by ``RIVERSIDE BUSINESS PARK``)."""
    if not toks:
        return False
    for t in toks:  # (a loop: no generator per name)
        if t not in word_set:
            return False
    if len(set(toks)) == len(toks):
        return True
    return all(words.count(t) >= toks.count(t) for t in set(toks))


def written_apart(words: list[str], toks: tuple[str, ...], street: list[str]) -> bool:
    """False when the record writes name *toks* only inside the street's name *street*
    (``FAIRVIEW`` of ``FAIRVIEW LANE``): each word shared with the street must be written
    once more than the street needs it. True when the record does not write the street."""
    if not street:
        return True
    for t in street:  # (loops: no generator per name)
        if t not in words:
            return True
    beyond = written = False
    for t in toks:
        if t not in street:
            beyond = True
            if t not in words:
                break
    else:
        written = beyond
    if written:
        return True  # MILL COTTAGE BARN on MILL RISE: the words beyond the street's name
    for t in set(toks):
        if t in street and words.count(t) < toks.count(t) + street.count(t):
            return False
    return True


#: Unit nouns of homes and of business premises (``unit_kinds``); others (ROOM, STUDIO)
#: say nothing of the kind.
HOME_NOUNS = frozenset({"FLAT", "APARTMENT", "MAISONETTE"})
BUSINESS_NOUNS = frozenset({"UNIT", "SUITE"})
_UNIT_NOUN = re.compile(r"(?:^|, )(FLAT|APARTMENT|MAISONETTE|UNIT|SUITE) [0-9A-Z]")


def noun_kind(noun: str) -> int:
    """1: a home's unit noun, 2: a business unit's, 0: neither or none."""
    return 1 if noun in HOME_NOUNS else (2 if noun in BUSINESS_NOUNS else 0)


def unit_kinds(index: GazetteerIndex) -> np.ndarray:
    """Per entry, the kind (``noun_kind``) of the unit noun its address is written with
    (``UNIT 3, KINGS BUSINESS PARK`` → 2), 0 when none; built with the index."""
    cached = index.__dict__.get("_unit_kinds")
    if cached is None and len(index.unit_kind) == len(index.uprn) > 0:
        cached = index.unit_kind  # built with the index (and kept in its cache)
    if cached is None:
        by_uprn: dict[int, int] = {}
        for uprn, address in index.address_of.items():
            m = _UNIT_NOUN.search(address.upper())
            by_uprn[uprn] = noun_kind(m.group(1)) if m else 0
        cached = np.asarray([by_uprn.get(int(u), 0) for u in index.uprn.tolist()], dtype=np.int8)
        index.__dict__["_unit_kinds"] = cached
    return cached


#: A street named only inside a longer named street is at best this similar (not exact).
SHADOWED_STREET_SIM = 90.0


class Scorer:
    """Scores candidates for one record, caching per-street and per-building similarity."""

    def __init__(self, index: GazetteerIndex, ctx: RecordContext, weights: Weights = WEIGHTS):
        self.index = index
        self.ctx = ctx
        self.w = weights
        self._street: dict[int, tuple[float, tuple[str, str, str], ...]] = {}
        #: Per street: (similarity to the record's street words, the street-type word the
        #: record writes after its name when another); the batch scorer fills it too.
        self._street_sim: dict[int, tuple[float, str]] = {}
        #: Per building or organisation name: its fuzzy similarity to the record's text.
        self._name_fuzz: dict[str, float] = {}
        self._building: dict[tuple[str, int], float] = {}
        self._org_lacks: dict[str, bool] = {}
        self.word_set = set(ctx.words)
        self._left: dict[int, int] = {}
        self._unstreet: tuple[set[str], set[str]] | None = None
        #: Streets the record names only as part of a longer street it names.
        self.shadowed = shadowed_streets(index, ctx.streets)
        mine = ctx.parsed.postcode or ctx.parsed.postcode_partial
        self.pc_codes = (
            (index.postcode_codes.get(mine, -2), index.sector_codes.get(pc.sector(mine), -2),
             index.district_codes.get(pc.district(mine), -2), True)
            if mine else (-2, -2, -2, False)
        )  # fmt: skip
        #: The most the record's postcode can earn: a partial one (``LS6 9``) no more than
        #: the parts it has.
        self.pc_max = _postcode_max(ctx.parsed.postcode, ctx.parsed.postcode_partial, weights)
        self._place_words: set[str] = set()
        for p in ctx.places:
            self._place_words.update(_place_toks(p))
        #: The record gives a house number or a flat.
        self.numbered = False
        for r in ctx.parsed.readings:
            if r.number is not None or (r.flat and not sub_building_words(r.flat)):
                self.numbered = True
                break
        #: The kind of the record's unit noun (``noun_kind``).
        self.unit_kind = noun_kind(ctx.parsed.unit_noun)
        #: Words of gazetteer building names the record writes in full, in order, that
        #: hold a word only building names have (``MEADOW HALL``; not ``REAR``).
        self.named_words = written_names(index, ctx.words)
        #: The record's words and house numbers: a name may hold a number (``LAND AT 25``).
        self.name_words = set(self.word_set)
        #: ... and its flats too: a name's number must be one of these (``numbers_written``).
        self.written_numbers = set(self.word_set)
        for r in ctx.parsed.readings:
            if r.number is not None:
                self.name_words.add(str(r.number))
                self.written_numbers.add(str(r.number))
                self.written_numbers.add(f"{r.number}{r.suffix}")
            if r.flat:
                self.written_numbers.add(r.flat)
        #: Towns having a street the record spells out (for ``other_town``).
        self.spelled_towns = record_towns(index, ctx) if ctx.places else frozenset()
        #: The record's words without the places it names (for street comparison).
        self.street_text = _without_places(ctx.words, ctx.places) if ctx.places else ctx.text
        #: Words the record writes outside the places it names: a name's first word among
        #: them may be the name shortened (``GREEN`` of ``KIRKBY GREEN`` is not ``GREEN
        #: PLACE``).
        self.free_words = set(self.street_text.split()) if ctx.places else self.word_set

    # text parts ---------------------------------------------------------------------------
    def street_part(self, sid: int) -> tuple[float, float, tuple[str, str, str]]:
        """(points, best possible, explanation) for street *sid*."""
        cached = self._street.get(sid)
        if cached is not None:
            return cached  # type: ignore[return-value]
        w = self.w
        st = self.index.streets[sid]
        text = self.ctx.text
        if not st.full:
            out = (0.0, 0.0, ("street", "none", ""))
        elif not text:
            out = (w.street_absent, 0.0, ("street", "missing", ""))
        else:
            got = self._street_sim.get(sid)  # (found by the batch scorer, as here)
            if got is None:
                text = self.street_text
                sim_full = fuzz.partial_ratio(st.full, text) if text else 0.0
                sim = sim_full
                other_type, name_ok = self._type_after_name(st)
                if st.type and sim_full < 95 and name_ok:
                    # the name without its type word ("School, Denholm" for School Mews)
                    sim = max(sim, min(92.0, fuzz.partial_ratio(st.name, text)))
                if sid in self.shadowed:
                    sim = min(sim, SHADOWED_STREET_SIM)
                self._street_sim[sid] = (sim, other_type)
            else:
                sim, other_type = got
            if other_type:
                # the name agrees; the record's street word differs (Church Street, Church Road)
                pts = (sim - 75.0) * 0.9 + w.street_type_contradiction
                outcome, detail = "type differs", f"{other_type} ≠ {st.type}"
            elif sim >= 80:
                pts = (sim - 75.0) * 0.9
                outcome = "exact" if sim >= 99.5 else "fuzzy"
                detail = f"{sim:.0f}"
            elif self.ctx.streets and sid not in self.ctx.streets:
                pts = w.street_other  # the record names another street
                outcome, detail = "differs", f"{sim:.0f}"
            else:
                pts = w.street_absent  # no street in the record (or one we cannot read)
                outcome, detail = "missing", ""
            pts = max(w.street_min, min(w.street_max, pts))
            out = (pts, 0.0 if outcome == "missing" else w.street_max, ("street", outcome, detail))
        self._street[sid] = out  # type: ignore[assignment]
        return out

    def _type_after_name(self, st: Street) -> tuple[str, bool]:
        """(street-type word following the street's name in the record when it differs from
        the candidate's, whether the name stands as a street: followed by its type, another
        type, a place or nothing; not ``GREEN`` in ``GREEN MANSIONS``)."""
        name = st.name.split()
        stype = st.type
        words = self.ctx.words
        if not name or name[0] not in self.word_set:
            return "", False  # (the name is not written: no position to look at)
        k = len(name)
        standing = False
        for i in range(len(words) - k + 1):
            if words[i : i + k] != name:
                continue
            nxt = words[i + k] if i + k < len(words) else ""
            if nxt == stype:
                return "", True
            if stype and nxt and is_street_type(nxt):
                return nxt, True
            if not nxt or nxt in self._place_words:
                standing = True
        return "", standing

    def street_is_name(self, sid: int, building: str, org: str) -> bool:
        """True when every record word that is not street *sid*'s or a place belongs to the
        candidate's building or organisation name: what looked like another street
        (``WESTON COURT``, ``GREEN PLACE``) is the building's name, and the record gives no
        street at all. A street-type word outside the name is a street the record names
        (``JUNIPER COTTAGE, PARK AVENUE`` for the cottage on PRIORY RISE)."""
        st = self.index.streets[sid]
        known = set(st.full.split()) | self._place_words
        rest = {w for w in self.ctx.words if w not in known}
        return rest <= set(f"{building} {org}".split())

    def street_by_name(self, s_pts: float, sid: int, building: str, org: str) -> bool:
        """True when street *sid*'s points (*s_pts*) come from the candidate's building or
        organisation name the record writes, not from a street it names: another street
        that is the name (``WESTON COURT``), or a fuzzy one all of whose words the record
        writes are the name's (``STATION`` of ``STATION HOUSE`` like ``STATION COURT``)."""
        w = self.w
        if s_pts == w.street_other:
            return self.street_is_name(sid, building, org)
        if not 0.0 < s_pts < w.street_max:
            return False
        name = set(f"{building} {org}".split())
        written = self.word_set.intersection(self.index.streets[sid].full.split())
        return bool(written) and written <= name and self.street_is_name(sid, building, org)

    def names_street_building(self, sid: int) -> bool:
        """True when the record writes every word of the name of a building of street *sid*
        beyond the street's own words and the places it names (``PARK VIEW``, ``WESTON
        COURT`` on COPPICE WALK, street-type words and all): the record names that building."""
        if sid < 0 or self.word_set.isdisjoint(street_name_words(self.index)[sid]):
            return False  # (no word of any name on the street: none is written)
        st = self.index.streets[sid]
        avail = self.word_set - set(st.full.split()) - self._place_words
        if not avail:
            return False
        for toks in street_names(self.index)[sid]:
            if avail.issuperset(toks):
                return True
        return False

    def unstreet_words(self) -> tuple[set[str], set[str]]:
        """(the record's words that are neither a place it names nor a street-type word,
        those of them in a gazetteer building name it writes: ``named_words``), kept."""
        got = self._unstreet
        if got is None:
            pw = self._place_words
            rest = set()
            for t in self.ctx.words:  # (a loop: no comprehension per record)
                if t not in pw and t not in _STREET_TYPES:
                    rest.add(t)
            got = self._unstreet = (rest, rest & self.named_words)
        return got

    def names_building_elsewhere(self, sid: int) -> bool:
        """True when the record names a gazetteer building (``named_words``) that no address
        of street *sid* has, and gives a number or a flat to tell the addresses apart (a
        wrong name alone identifies nothing)."""
        if not self.numbered or self._left_words(sid) != 2:
            return False
        return not self.named_words <= street_name_words(self.index)[sid]

    def _leftover(self, sid: int) -> bool:
        """True when the record has words that are not street *sid*'s, a place or a type word."""
        return self._left_words(sid) > 0

    def _left_words(self, sid: int) -> int:
        """0: every record word is street *sid*'s, a place or a type word; 1: others are
        left; 2: a word only building names have (``building_words``) is among them."""
        cached = self._left.get(sid)
        if cached is None:
            st = self.index.streets[sid]
            known = set(st.full.split()) | self._place_words
            rest = set()
            for t in self.ctx.words:  # (a loop: no comprehension per street)
                if t not in known and t not in _STREET_TYPES:
                    rest.add(t)
            cached = 0 if not rest else (2 if rest & self.named_words else 1)
            if cached != 2 and self.names_street_building(sid):
                cached = 2
            self._left[sid] = cached
        return cached

    def building_part(self, name: str, sid: int = -1) -> float:
        """Similarity 0-100 of building or organisation *name* to the record's words
        (a candidate on street *sid*: the street's own words do not count as a short name)."""
        key = (name, sid)
        cached = self._building.get(key)
        if cached is not None:
            return cached
        toks = name.split()
        if "THE" in toks:
            toks = [t for t in toks if t != "THE"]
        if (
            toks
            and toks[0] in self.name_words
            and all_written(tuple(toks), self.name_words, self.ctx.words)
        ):
            sim = name_in_words(toks, self.ctx.words)  # whatever the fuzzy similarity
        else:
            sim = self._name_fuzz.get(name)
            if sim is None:  # (the batch scorer may have found it)
                text = self.ctx.text
                sim = self._name_fuzz[name] = fuzz.partial_ratio(name, text) if text else 0.0
            if sim > SCATTERED_NAME_SIM and lacks_name_word(toks, self.word_set, self.ctx.words):
                sim = SCATTERED_NAME_SIM  # YEW COTTAGE typed: not YEW COTTAGE BARN
            if (
                toks
                and toks[0] in self.free_words
                and len(toks[0]) >= 4
                and not names_shorter(tuple(toks), self.ctx.words, self.index)
            ):
                street = self.index.streets[sid].name.split() if sid >= 0 else ()
                if toks[0] not in street:  # shortened name: FISHER for FISHER COTTAGE
                    sim = max(sim, shortened_sim(toks, self.word_set, self.ctx.words))
        if sim > EXTENDED_NAME_SIM and name_extended(
            self.ctx.words, tuple(toks), name_extenders(self.index)
        ):
            sim = EXTENDED_NAME_SIM
        if sim > STREET_ONLY_NAME_SIM and sid >= 0:
            street = self.index.streets[sid].name.split()
            if not written_apart(self.ctx.words, tuple(toks), street):
                sim = STREET_ONLY_NAME_SIM
        if sim > OTHER_NUMBER_NAME_SIM and not numbers_written(toks, self.written_numbers):
            sim = OTHER_NUMBER_NAME_SIM  # REAR OF 27 is not the record's REAR OF 19
        self._building[key] = sim
        return sim

    def org_part(self, org: str, sid: int = -1) -> float:
        """``building_part`` of organisation name *org*, at most ``ORG_LACKING_SIM`` when the
        record leaves out one of its words (``org_lacks``)."""
        sim = self.building_part(org, sid)
        if sim >= 85 and self.org_lacks(org):
            return ORG_LACKING_SIM
        return sim

    def org_lacks(self, org: str) -> bool:
        """The record neither writes nor mistypes a word of organisation *org*: a town's
        name alone (``BROCKLEY`` of ``BROCKLEY DENTAL PRACTICE``) does not name it."""
        got = self._org_lacks.get(org)
        if got is None:
            toks = list(name_toks(org))
            got = self._org_lacks[org] = lacks_name_word(toks, self.word_set, self.ctx.words)
        return got

    def places_part(self, sid: int) -> tuple[float, tuple[str, str, str] | None]:
        """Towns and localities the record names against the candidate's."""
        st = self.index.streets[sid]
        named = self.ctx.places
        w = self.w
        # an omitted locality tells against an address only when the record writes its
        # street (or it has none): the record is then that address's text but the locality,
        # and an address without one fits it better; a record leaving the street out too
        # (FLAT 4, STATION HOUSE, CALDERBRIDGE) says nothing of which locality it means
        omits = bool(st.locality) and (not st.full or self.street_part(sid)[0] > 0)
        if not named:
            return (w.locality_omitted if omits else 0.0), None
        mine = set()
        if st.locality:
            mine.add(st.locality)
        if st.town:
            mine.add(st.town)
        others = named - mine
        if not named & mine:
            detail = "/".join(sorted(named))
            holder = town_with_street(named, self.spelled_towns)
            if holder:
                return w.place_contradiction + w.named_town_street, (
                    "place",
                    "differs",
                    f"{detail}, {holder} has the record's street",
                )
            return w.place_contradiction, ("place", "differs", detail)
        town = other_town(self.index, named, st, self.spelled_towns)
        if town:
            return w.town_contradiction, ("place", "town differs", f"{town} ≠ {st.town}")
        pts = w.place_agree
        if omits and st.locality not in named:
            pts += w.locality_omitted_named
        kinds = self.index.places
        if others and any([kinds.get(p) == "locality" for p in others]):
            return pts + w.locality_contradiction, (
                "place",
                "locality differs",
                "/".join(sorted(others)),
            )
        return pts, None

    def names_part(self, flat: str) -> bool:
        """True when *flat* is a named part of a building (``THE STABLES``, ``EAST WING``,
        ``ANNEXE``) whose every word the record writes: the record names that part."""
        words = sub_building_words(flat)
        return bool(words) and all(t in self.word_set for t in words)

    # numbers ------------------------------------------------------------------------------
    def number_part(
        self, r: Reading, number: int, suffix: str, end: int, building_sim: float, sid: int = -1
    ) -> tuple[float, float, str, str]:
        """(points, best possible, outcome, detail) for the house number."""
        w = self.w
        if number < 0:
            if r.number is None:
                written = self.ctx.parsed.number
                if (
                    written is not None
                    and r.flat
                    and not r.unnumbered
                    and building_sim < 85
                    and not self._leftover(sid)
                    and self.street_part(sid)[1] > 0
                    and self.has_house(sid, written)
                ):
                    # "19 YORK WAY" read as flat 19 of an unnumbered block, the record naming
                    # no building, while the street it names has a house 19: the number is
                    # that house's (a record naming no street, "1, FERNLEY", names no house)
                    return w.number_mismatch, w.number_match, "≠", f"{written}, a house here"
                return 0.0, 0.0, "", ""
            if building_sim >= 85 and r.flat == "":
                return w.number_extra_in_record / 2, 0.0, "extra", f"{r.number}"
            return w.number_extra_in_record, 0.0, "extra", f"{r.number}"
        cand = f"{number}{suffix}" + (f"-{end}" if end > number else "")
        if r.number is None:
            if r.unnumbered:  # flat 4 of an unnumbered GREEN PLACE: this one has a number
                written = self.ctx.parsed.number
                return w.number_mismatch, w.number_match, "≠", f"{written} ≠ {cand}"
            if building_sim >= 85:
                return w.number_missing_named, 0.0, "missing", cand
            written = self.ctx.parsed.number
            if written is not None and self.has_house(sid, written):
                # "1 ASHGROVE TERRACE" read as flat 1 of house 3: the record's house
                # number is 1 (the street has a house 1), not 3, and it names no building
                # to say otherwise. A street with no house of the record's number leaves
                # the flat reading open (2 FALCON MEWS: flat 2 of 123, the number omitted).
                return w.number_mismatch, w.number_match, "≠", f"{written} ≠ {cand}"
            return w.number_missing_in_record, 0.0, "missing", cand
        if end > number:  # the candidate is a range 12-14
            if r.number == number and r.end == end:
                return w.number_match, w.number_match, "=", cand
            if number <= r.number <= end and not r.suffix:
                return w.number_in_range, w.number_match, "in range", f"{r.number} in {cand}"
            if r.end is not None and r.number <= end and number <= r.end:
                # two ranges that overlap (4-14 typed, 6-14 in the gazetteer): one building
                mine = f"{r.number}-{r.end}"
                return w.number_in_range, w.number_match, "in range", f"{mine} overlaps {cand}"
            return w.number_mismatch, w.number_match, "≠", f"{r.number} ≠ {cand}"
        if r.number == number:
            if r.suffix == suffix:
                if r.end is not None and r.end != number:
                    return (
                        w.number_in_range,
                        w.number_match,
                        "in range",
                        f"{cand} in {r.number}-{r.end}",
                    )
                both = w.number_match + (w.suffix_match if suffix else 0.0)
                return both, both, "=", cand
            if not r.suffix and r.end is None:
                return w.suffix_missing_in_record, w.number_match, "letter missing", cand
            return w.suffix_mismatch, w.number_match, "≠", f"{r.number}{r.suffix} ≠ {cand}"
        if r.end is not None and r.number <= number <= r.end:
            return w.number_in_range, w.number_match, "in range", f"{cand} in {r.number}-{r.end}"
        return w.number_mismatch, w.number_match, "≠", f"{r.number}{r.suffix} ≠ {cand}"

    def _kind_differs(self, i: int) -> bool:
        """True when the record's unit noun and entry *i*'s are of different kinds (a home,
        a business unit)."""
        if not self.unit_kind:
            return False
        kind = int(unit_kinds(self.index)[i])
        return bool(kind) and kind != self.unit_kind

    def has_house(self, sid: int, number: int) -> bool:
        """True when street *sid* has a house numbered *number* (a parent shell too)."""
        if sid < 0:
            return True
        return house_exists(self.index, sid, number)

    def flat_part(self, r: Reading, flat: str) -> tuple[float, float, str, str]:
        w = self.w
        if not flat:
            if not r.flat:
                if self.ctx.parsed.unit_word:
                    return w.flat_word_no_flat, 0.0, "word only", ""
                return 0.0, 0.0, "", ""
            extra = w.flat_extra_floor if r.flat[0] == "F" else w.flat_extra_in_record
            return extra, 0.0, "extra", r.flat
        if not r.flat:
            if self.names_part(flat):  # THE STABLES, EAST WING written in the record
                return w.flat_match, w.flat_match, "=", flat
            if self.ctx.parsed.unit_word:
                return w.flat_id_missing, 0.0, "id missing", flat
            return w.flat_missing_in_record, 0.0, "missing", flat
        if r.flat == flat:
            return w.flat_match, w.flat_match, "=", flat
        if is_floor_key(r.flat) and self.names_part(flat):
            # EAST WING SECOND FLOOR: the record names the part (every word of it); the
            # floor says where in it, and the gazetteer does not divide it by floor
            return w.flat_match, w.flat_match, "=", flat
        if is_floor_key(r.flat) != is_floor_key(flat):  # ground floor flat vs flat 1: cannot tell
            return w.flat_floor_vs_id, w.flat_match, "≠", f"{r.flat} ≠ {flat}"
        if is_floor_key(flat):  # REAR FLAT vs GROUND FLOOR REAR: one says less, none differs
            if floor_keys_near(r.flat, flat):
                return w.flat_near, w.flat_match, "~", f"{r.flat} ~ {flat}"
            return w.flat_mismatch, w.flat_match, "≠", f"{r.flat} ≠ {flat}"
        digits = flat_digits(r.flat)
        if digits >= 0 and digits == flat_digits(flat):  # 1A or B1 vs 1: a letter apart
            return w.flat_near, w.flat_match, "~", f"{r.flat} ~ {flat}"
        return w.flat_mismatch, w.flat_match, "≠", f"{r.flat} ≠ {flat}"

    def postcode_part(self, postcode: str) -> tuple[float, float, tuple[str, str, str] | None]:
        w = self.w
        mine = self.ctx.parsed.postcode or self.ctx.parsed.postcode_partial
        top = self.pc_max
        if not mine:
            return 0.0, 0.0, None
        part = "postcode" if self.ctx.parsed.postcode else "partial postcode"
        if not postcode:
            return 0.0, top, (part, "none in gazetteer", "")
        if postcode == mine:
            return w.postcode_exact, top, (part, "exact", "")
        if pc.sector(postcode) == pc.sector(mine):
            return w.postcode_sector, top, (part, "same sector", f"{mine} ≠ {postcode}")
        if pc.district(postcode) == pc.district(mine):
            return w.postcode_district, top, (part, "same district", f"{mine} ≠ {postcode}")
        return w.postcode_other, top, (part, "differs", f"{mine} ≠ {postcode}")

    # one entry ----------------------------------------------------------------------------
    def score(self, i: int) -> Scored:
        """Score entry *i* with the best reading of the record's numbers."""
        ix = self.index
        w = self.w
        sid = int(ix.street[i])
        s_pts, s_max, s_part = self.street_part(sid)
        p_pts, p_max, p_part = self.postcode_part(ix.postcode[i])
        pl_pts, pl_part = self.places_part(sid)
        building = ix.building[i]
        org = ix.organisation[i]
        b_pts = b_max = 0.0
        b_sim = 0.0
        b_part = None
        if building:
            b_sim = self.building_part(building, sid)
            b_max = w.building_max
            if b_sim < 80 and not self._leftover(sid):
                b_pts = w.building_absent  # the record names no building at all
                b_max = 0.0
                b_part = ("building", "missing", "")
            elif b_sim < 80 and self.names_building_elsewhere(sid):
                # 9 LILAC HOUSE, WHARF TERRACE: no address of the street is called so, the
                # name is wrong whichever address is meant; it tells against this building
                # no more than against an address with none
                b_pts = w.building_extra_in_record
                b_max = 0.0
                b_part = ("building", "not on street", "")
            else:
                b_pts = max(w.building_min, min(w.building_max, (b_sim - 70.0) * 0.6))
                b_part = (
                    "building",
                    "exact" if b_sim >= 99.5 else ("fuzzy" if b_sim >= 80 else "differs"),
                    f"{b_sim:.0f}",
                )
        elif self._left_words(sid) == 2 and (not org or self.org_part(org, sid) < 85):
            # the record names a building; the candidate has none (a shop's organisation
            # name the record does not give is none either)
            b_pts = w.building_extra_in_record
            b_part = ("building", "extra", "")
        o_part = None
        if org:
            o_sim = self.org_part(org, sid)
            if o_sim >= 85:
                b_pts += w.organisation_named
                b_sim = max(b_sim, o_sim)
                o_part = ("organisation", "exact" if o_sim >= 99.5 else "fuzzy", f"{o_sim:.0f}")
            else:
                b_pts += w.organisation_unnamed
                o_part = ("organisation", "missing", org)
        if b_sim >= 99.5 and self.street_by_name(s_pts, sid, building, org):
            s_pts, s_max, s_part = w.street_absent, 0.0, ("street", "missing", "")
        number, suffix, end, flat = int(ix.number[i]), ix.suffix[i], int(ix.end[i]), ix.flat[i]
        best = None
        for r in self.ctx.parsed.readings:
            n_pts, n_max, n_out, n_det = self.number_part(r, number, suffix, end, b_sim, sid)
            f_pts, f_max, f_out, f_det = self.flat_part(r, flat)
            if f_out == "=" and r.flat == flat and self._kind_differs(i):
                f_pts += w.unit_kind_differs
                f_out = "kind differs"
            pts = n_pts + f_pts - (1.0 - r.weight) * w.reading_penalty
            if best is None or pts > best[0]:
                best = (pts, n_max + f_max, r, (n_out, n_det), (f_out, f_det))
        assert best is not None
        pts, nf_max, reading, (n_out, n_det), (f_out, f_det) = best
        contradicted = (w.place_contradiction, w.place_contradiction + w.named_town_street)
        if pl_pts in contradicted and p_pts == w.postcode_exact and b_sim >= 99.5:
            # the postcode unit and the premises name agree exactly: the place the record
            # names is its postal town or a neighbouring village, not another address
            pl_pts = w.locality_contradiction
        total = pts + s_pts + p_pts + pl_pts + b_pts
        possible = nf_max + s_max + p_max + b_max + (w.place_agree if self.ctx.places else 0.0)
        parts: list[tuple[str, str, str]] = []
        if p_part:
            parts.append(p_part)
        if n_out:
            parts.append(("number", n_out, n_det))
        if f_out:
            parts.append(("flat", f_out, f_det))
        if s_part[1] != "none":
            parts.append(s_part)
        if b_part:
            parts.append(b_part)
        if o_part:
            parts.append(o_part)
        if pl_part:
            parts.append(pl_part)
        return Scored(i, total, possible, reading, tuple(parts))
