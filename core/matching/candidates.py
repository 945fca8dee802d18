"""The blocking cascade: which gazetteer entries a record is scored against.

1. the record's postcode (exact, after repair);
2. its postcode sector + any house number it could have;
3. streets whose name tokens appear in the record (typos corrected against the
   gazetteer vocabulary, joined words split), + house number, or the whole street
   when the record has no number;
4. entries whose building or organisation name shares a rare token with the record.

Routes 2-4 need no exact postcode, so a mis-keyed or missing postcode still finds its
address.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from .. import postcode as pc
from ..normalise import STREET_TYPES
from ..parse import ParsedAddress
from .index import GazetteerIndex
from .names import other_town, spelled_streets, towns_of

_TYPES = frozenset(STREET_TYPES)

#: A name word in at most this many building/organisation names is distinctive.
DISTINCTIVE_NAMES = 40
#: At most this many streets are opened per record.
MAX_STREETS = 12
#: Whole streets are opened only up to this size (a record without a number).
SMALL_STREET = 40
#: In ``RecordContext.streets``: the record spells out a street this index does not hold.
NOT_HERE = -1
#: Cached blocking results kept per process before the cache is emptied.
MEMO_SIZE = 200_000
#: The place route (a house number in the places a record names, no street) opens at most
#: this many entries; more, and the number says too little to look for.
PLACE_ROUTE_MAX = 300


@dataclass
class RecordContext:
    """A parsed record plus what the index knows about its words."""

    parsed: ParsedAddress
    #: Words after typo correction and joined-word splitting.
    words: list[str]
    #: Places (locality/town names) named in the record.
    places: set[str] = field(default_factory=set)
    text: str = ""
    #: Streets spelled out in full in the record (``NOT_HERE``: only one the index lacks).
    streets: set[int] = field(default_factory=set)


def _one_dropped(full: str, short: str) -> bool:
    """True when *short* is *full* with one letter left out (``LNE`` of ``LANE``)."""
    return any(full[:i] + full[i + 1 :] == short for i in range(len(full)))


class Corrector:
    """Maps unknown record words onto the gazetteer vocabulary (typos, joined words)."""

    def __init__(self, index: GazetteerIndex) -> None:
        self.index = index
        # (the vocabulary adds nothing for an index of its own gazetteer; for one area's
        # index given the country's names by ``names.widen``, the country's words)
        self.known = (
            set(index.street_tokens) | set(index.building_tokens) | _TYPES | set(index.vocabulary)
        )
        for place in index.places:
            self.known.update(place.split())
        self.vocab = sorted(set(index.vocabulary) | _TYPES)
        self._fix = lru_cache(maxsize=200_000)(self._fix_uncached)

    def _fix_uncached(self, word: str) -> tuple[str, ...]:
        if len(word) == 3 and word.isalpha() and word not in self.known:
            # a four-letter street type with a letter dropped (LNE, RIE, WLK)
            types = [t for t in _TYPES if len(t) == 4 and _one_dropped(t, word)]
            return (types[0],) if len(types) == 1 else (word,)
        if word in self.known or len(word) < 4 or not word.isalpha():
            return (word,)
        for cut in range(3, len(word) - 2):  # BEDFORDWAY → BEDFORD WAY
            a, b = word[:cut], word[cut:]
            if a in self.known and (b in self.known or b in _TYPES):
                return (a, b)
        best = process.extractOne(
            word, self.vocab, scorer=fuzz.ratio, score_cutoff=80 if len(word) >= 6 else 85
        )
        if best:
            return (best[0],)
        # two neighbouring letters swapped (EWLL for WELL): a short word's ratio is too low
        swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
        known = sorted(w for w in swaps if w in self.known)
        return (known[0],) if len(known) == 1 else (word,)

    def correct(self, words: list[str]) -> list[str]:
        out: list[str] = []
        known = self.known
        fix = self._fix
        n = len(words)
        i = 0
        while i < n:
            w = words[i]
            if w in known:  # (most words: as written; _fix keeps a known word)
                out.append(w)
                i += 1
                continue
            nxt = words[i + 1] if i + 1 < n else ""
            if (
                nxt
                and w not in self.known
                and w.isalpha()
                and nxt.isalpha()
                and len(w) + len(nxt) >= 6
                and w + nxt in self.known
            ):
                out.append(w + nxt)  # a word typed in two (HAW THORN, HAWT HORN: HAWTHORN)
                i += 2
                continue
            out.extend(fix(w))
            i += 1
        return out


def context(index: GazetteerIndex, corrector: Corrector, parsed: ParsedAddress) -> RecordContext:
    """Correct the record's words and find the places it names. A given postcode with no
    valid part that the gazetteer itself holds (``MKA 7NP``) is the record's postcode."""
    if parsed.postcode is None and parsed.postcode_given in index.postcode_codes:
        parsed.postcode = parsed.postcode_given
    words = corrector.correct(parsed.words)
    places: set[str] = set()
    n = len(words)
    firsts = _place_first_words(index)
    # (the positions a place name can start at, found once: most words start none)
    starts = [i for i, w in enumerate(words) if w in firsts]
    for size in (3, 2, 1) if starts else ():
        for i in starts:
            if i > n - size:
                break  # (positions ascend: none further has room)
            gram = " ".join(words[i : i + size])
            if gram in index.places:
                nxt = words[i + size] if i + size < n else ""
                if nxt not in _TYPES:
                    places.add(gram)
    streets = named_streets(index, words)
    spelled = None
    if not streets:
        spelled = spelled_streets(index, words)
        if spelled:
            streets = {NOT_HERE}  # a street of the country's (``names.widen``), not this index's
    ctx = RecordContext(parsed, words, places, " ".join(words), streets)
    if spelled is not None:
        ctx.__dict__["_spelled"] = (words, spelled)
    return ctx


def record_towns(index: GazetteerIndex, ctx: RecordContext) -> frozenset[str]:
    """``names.spelled_towns`` of the record's words, kept on *ctx* for its words (the
    scorer and the street route both ask)."""
    kept = ctx.__dict__.get("_towns")
    if kept is None or kept[0] is not ctx.words:
        spelled = ctx.__dict__.get("_spelled")
        if spelled is None or spelled[0] is not ctx.words:
            spelled = (ctx.words, spelled_streets(index, ctx.words))
        kept = ctx.__dict__["_towns"] = (ctx.words, towns_of(index, spelled[1]))
    return kept[1]


def _place_first_words(index: GazetteerIndex) -> frozenset[str]:
    """The first words of the index's place names (kept on the index for its place names:
    ``names.widen`` gives it the country's)."""
    cached = index.__dict__.get("_place_first_words")
    if cached is None or cached[0] is not index.places:
        firsts = frozenset(p.split()[0] for p in index.places if p.split())
        cached = index.__dict__["_place_first_words"] = (index.places, firsts)
    return cached[1]


def named_streets(index: GazetteerIndex, words: list[str]) -> set[int]:
    """Streets whose full name (name + type) the record spells out word for word."""
    out: set[int] = set()
    starting = _streets_by_first_word(index)
    for i, w in enumerate(words):
        for sid, full in starting.get(w, ()):
            if words[i : i + len(full)] == full:
                out.add(sid)
    return out


def _streets_by_first_word(index: GazetteerIndex) -> dict[str, list[tuple[int, list[str]]]]:
    """First word of a street's full name → (street id, full name's words), in id order,
    for streets whose name (not only its type) has that word (built once, kept on the
    index)."""
    cached = index.__dict__.get("_streets_by_first_word")
    if cached is None:
        cached = {}
        for sid, st in enumerate(index.streets):
            full = st.full.split()
            if full and full[0] in st.name.split():
                cached.setdefault(full[0], []).append((sid, full))
        index.__dict__["_streets_by_first_word"] = cached
    return cached


def shadowed_streets(index: GazetteerIndex, named: set[int]) -> frozenset[int]:
    """Named streets whose full name is only part of a longer street the record also names
    (``HATHERLEY ROAD`` inside ``OLD HATHERLEY ROAD``): the record spells the longer one."""
    if len(named) < 2:
        return frozenset()
    fulls = {sid: f" {index.streets[sid].full} " for sid in named}
    # compared name by name, not street by street: a record naming VICTORIA ROAD names
    # every VICTORIA ROAD of the country (hundreds of streets, one name)
    names = set(fulls.values())
    if len(names) < 2:
        return frozenset()
    inside = {f for f in names if any(len(g) > len(f) and f in g for g in names)}
    return frozenset(s for s, f in fulls.items() if f in inside)


def postcode_block(index: GazetteerIndex, ctx: RecordContext) -> list[int]:
    """Route 1: entries sharing the record's postcode."""
    postcode = ctx.parsed.postcode or ctx.parsed.postcode_partial
    return list(index.by_postcode.get(postcode, ())) if postcode else []


def postcode_entries(index: GazetteerIndex, ctx: RecordContext) -> np.ndarray:
    """``postcode_block`` as an array of entry ids (kept per postcode on the index: records
    share their postcodes; never to be written to)."""
    postcode = ctx.parsed.postcode or ctx.parsed.postcode_partial
    memo = _memo(index, "_postcode_entries_memo")
    out = memo.get(postcode)
    if out is None:
        out = memo[postcode] = np.asarray(postcode_block(index, ctx), dtype=np.int64)
        out.flags.writeable = False
    return out


#: Street id times this plus a house number: one key per (street, house number).
HOUSE_KEY = 1 << 24


def house_numbers(index: GazetteerIndex) -> np.ndarray:
    """Sorted keys ``street * HOUSE_KEY + number`` of every house number the gazetteer has on
    each street (parent shells and every number of a range 25-27 included); built once per
    index, kept on it."""
    cached = index.__dict__.get("_house_numbers")
    if cached is None:
        street = np.asarray(index.street, dtype=np.int64)
        number = np.asarray(index.number, dtype=np.int64)
        end = np.maximum(np.asarray(index.end, dtype=np.int64), number)
        has = number >= 0
        street, number, end = street[has], number[has], end[has]
        span = np.minimum(end - number, 1000) + 1
        rows = np.repeat(np.arange(len(number)), span)
        step = np.arange(len(rows)) - np.repeat(np.cumsum(span) - span, span)
        cached = np.unique(street[rows] * HOUSE_KEY + number[rows] + step)
        index.__dict__["_house_numbers"] = cached
    return cached


def has_house(index: GazetteerIndex, street: np.ndarray, number: np.ndarray) -> np.ndarray:
    """Per pair, whether street *street* has a house numbered *number* (``house_numbers``)."""
    keys = house_numbers(index)
    want = np.asarray(street, dtype=np.int64) * HOUSE_KEY + np.asarray(number, dtype=np.int64)
    if not len(keys):
        return np.zeros(len(want), dtype=bool)
    pos = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
    return keys[pos] == want


def house_exists(index: GazetteerIndex, sid: int, number: int) -> bool:
    """``has_house`` of one (street, number): a scalar look-up, no arrays built."""
    keys = house_numbers(index)
    want = int(sid) * HOUSE_KEY + int(number)
    pos = int(keys.searchsorted(want))
    return pos < len(keys) and int(keys[pos]) == want


def wider_block(index: GazetteerIndex, ctx: RecordContext) -> set[int]:
    """Routes 2-4: sector + number, street tokens (+ number), rare building tokens."""
    out: set[int] = set()
    numbers = ctx.parsed.numbers
    postcode = ctx.parsed.postcode or ctx.parsed.postcode_partial
    word_set = set(ctx.words)
    if postcode and " " in postcode:
        sector = pc.sector(postcode)
        for n in numbers:
            out.update(index.by_sector_number.get((sector, n), ()))
    for sid in _streets(index, ctx):
        for n in numbers:
            out.update(index.by_street_number.get((sid, n), ()))
        written = ctx.parsed.number
        if not numbers or written is None or not _street_has(index, sid, written):
            # no house number, or one only in a reading that is not the record's first
            # ("FLAT 3 PARK VIEW ALDER ROAD": flat 3 of a named block with no number), or
            # one the street has no house of (2 FALCON MEWS: flat 2 of a house left out)
            entries = index.by_street.get(sid, ())
            if len(entries) <= SMALL_STREET:
                out.update(entries)
            else:  # a long street: its entries with the record's flat or a building word
                out.update(_long_street(index, ctx, entries, word_set))
    out.update(_by_building(index, word_set))
    return _sharing_words(index, out, word_set) | set(_by_place_number(index, ctx, numbers))


def _place_streets(index: GazetteerIndex) -> dict[str, frozenset[int]]:
    """Street ids by the locality and the town they are in (built once, kept on the index)."""
    cached = index.__dict__.get("_place_streets")
    if cached is None:
        found: dict[str, set[int]] = {}
        for sid, st in enumerate(index.streets):
            for place in {st.locality, st.town}:
                if place:
                    found.setdefault(place, set()).add(sid)
        cached = index.__dict__["_place_streets"] = {k: frozenset(v) for k, v in found.items()}
    return cached


def _by_place_number(index: GazetteerIndex, ctx: RecordContext, numbers: set[int]) -> list[int]:
    """A record naming no street but a place and a house number (``GROUND FLOOR FLAT, 45,
    ABERNANT``): the entries with that number on the streets of the places it names (of
    every place named, else of any), when they are few (``PLACE_ROUTE_MAX``). A record
    writing a street-type word writes a street, one not read (``10 WEL AVENUE``): none."""
    if ctx.streets or not ctx.places or not numbers:
        return []
    place_words = {t for p in ctx.places for t in p.split()}
    if any(w in _TYPES for w in ctx.words if w not in place_words):
        return []
    by_place = _place_streets(index)
    sets = [by_place.get(p, frozenset()) for p in sorted(ctx.places)]
    sids = frozenset.intersection(*sets) or frozenset().union(*sets)
    out: list[int] = []
    for sid in sorted(sids):
        for n in sorted(numbers):
            out.extend(index.by_street_number.get((sid, n), ()))
            if len(out) > PLACE_ROUTE_MAX:
                return []
    return out


def _street_has(index: GazetteerIndex, sid: int, number: int) -> bool:
    """True when street *sid* has a house numbered *number* (``has_house``)."""
    return house_exists(index, sid, number)


def _long_street(
    index: GazetteerIndex, ctx: RecordContext, entries: list[int], words: set[str]
) -> list[int]:
    """Entries of a long street with one of the record's flats or a word of its building
    (looked up among the street's entries: no table the size of the index)."""
    ids, flats, names = _street_columns_of(index, entries)
    codes = index.flat_codes
    wanted = sorted({codes[r.flat] for r in ctx.parsed.readings if r.flat in codes})
    keep = _among(flats, np.asarray(wanted, dtype=np.int32))
    named = _word_arrays(index, words, index.name_tokens, "_name_arrays")
    if len(named):
        keep |= _among(names, named)
    return ids[keep].tolist()


def _street_columns_of(
    index: GazetteerIndex, entries: list[int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(entry ids, flat codes, building name codes) of a street's entries (kept per street
    on the index: the same long streets come back record after record)."""
    memo = _memo(index, "_long_street_memo")
    key = id(entries)
    got = memo.get(key)
    if got is None or got[0] is not entries:
        ids = np.asarray(entries, dtype=np.int64)
        got = memo[key] = (entries, ids, index.flat_code[ids], index.building_code[ids])
    return got[1], got[2], got[3]


def name_facts(index: GazetteerIndex) -> tuple[list[list[str]], set[str]]:
    """(words of each building/organisation name by code, distinctive name words), built
    once per index and kept on it (never pickled)."""
    facts = index.__dict__.get("name_facts")
    if facts is None:
        words = [name.split() for name in index.building_names]
        distinctive = {t for t, c in index.name_tokens.items() if len(c) <= DISTINCTIVE_NAMES}
        facts = index.__dict__["name_facts"] = (words, distinctive)
    return facts


def _type_only_names(index: GazetteerIndex) -> dict[str, list[int]]:
    """Name codes by word, for names made only of street-type words (``PARK VIEW``), kept
    on the index (built once, never pickled)."""
    out = index.__dict__.get("_type_only_names")
    if out is None:
        out = {}
        for code, name in enumerate(name_facts(index)[0]):
            if name and all(t in _TYPES for t in name):
                for t in set(name):
                    out.setdefault(t, []).append(code)
        index.__dict__["_type_only_names"] = out
    return out


def _memo(index: GazetteerIndex, name: str) -> dict:
    """A cache kept on the index (per process, never pickled, emptied when large)."""
    memo = index.__dict__.get(name)
    if memo is None or len(memo) > MEMO_SIZE:
        memo = index.__dict__[name] = {}
    return memo


def _by_building(index: GazetteerIndex, words: set[str]) -> frozenset[int]:
    """Entries whose building or organisation name is in the record: every word of the name,
    or half of them including a distinctive one (a word in few names)."""
    name_tokens = index.name_tokens
    key = frozenset(name_tokens.keys() & words)  # (the record's words with a name)
    memo = _memo(index, "_by_building_memo")
    out = memo.get(key)
    if out is None:
        out = memo[key] = _by_building_uncached(index, key)
    return out


def _by_building_uncached(index: GazetteerIndex, words: frozenset[str]) -> frozenset[int]:
    codes: set[int] = set()
    type_only = _type_only_names(index)
    for w in words:
        if w not in _TYPES:
            codes.update(index.name_tokens.get(w, ()))
        else:  # a name of street-type words only (PARK VIEW, GREEN PLACE), all of it typed
            codes.update(type_only.get(w, ()))
    out: set[int] = set()
    name_words, distinctive = name_facts(index)
    for code in codes:
        name = name_words[code]
        hits = [t for t in name if t in words]
        if len(hits) == len(name) or (
            len(hits) * 2 >= len(name) and not distinctive.isdisjoint(hits)
        ):
            out.update(index.name_entries.get(code, ()))
    return frozenset(out)


def _sharing_words(index: GazetteerIndex, entries: set[int], words: set[str]) -> set[int]:
    """Entries whose street name or building/organisation name shares a word with the record:
    the candidates' streets and names looked up among the record words' own (each word's
    kept as an array on the index; no table the size of the index)."""
    if not entries:
        return entries
    ids = np.fromiter(entries, dtype=np.int64, count=len(entries))
    streets = _word_arrays(index, words, index.street_tokens, "_street_arrays")
    keep = _among(index.street[ids], streets)
    names = _word_arrays(index, words, index.name_tokens, "_name_arrays")
    if len(names):
        keep |= _among(index.building_code[ids], names) | _among(index.org_code[ids], names)
    return set(ids[keep].tolist())


def _word_arrays(
    index: GazetteerIndex, words: set[str], by_word: dict[str, list[int]], name: str
) -> np.ndarray:
    """What *by_word* (``street_tokens``, ``name_tokens``) lists under any of *words*, sorted
    (with repeats): each word's list kept as an array on the index once looked up."""
    cached = index.__dict__.get(name)
    if cached is None or cached[0] is not by_word:
        cached = index.__dict__[name] = (by_word, {})
    arrays: dict[str, np.ndarray] = cached[1]
    found = []
    for w in words:
        got = arrays.get(w)
        if got is None:
            listed = by_word.get(w)
            if listed is None:
                continue
            got = arrays[w] = np.asarray(listed, dtype=np.int32)  # as the index's codes
        found.append(got)
    if not found:
        return np.zeros(0, dtype=np.int32)
    return np.sort(np.concatenate(found)) if len(found) > 1 else found[0]


def _among(values: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Per value, whether it is in the sorted array *ref* (a sorted search)."""
    if not len(ref):
        return np.zeros(len(values), dtype=bool)
    pos = ref.searchsorted(values)
    pos[pos == len(ref)] = 0
    return ref[pos] == values


def _streets(index: GazetteerIndex, ctx: RecordContext) -> list[int]:
    """Streets whose name tokens the record contains, best (idf-weighted) first."""
    tokens = index.street_tokens
    words = frozenset((tokens.keys() & ctx.words) | _TYPES.intersection(ctx.words))
    postcode = ctx.parsed.postcode
    # towns having a street the record spells out: as the scorer reads the places
    towns = record_towns(index, ctx) if ctx.places else frozenset()
    key = (words, frozenset(ctx.places), pc.district(postcode) if postcode else "", towns)
    memo = _memo(index, "_streets_memo")
    out = memo.get(key)
    if out is None:
        out = memo[key] = _streets_uncached(index, words, key[1], key[2], towns)
    return out


def _street_districts(index: GazetteerIndex) -> dict[int, frozenset[str]]:
    """Each street's postcode districts (built once per index, kept on it)."""
    cached = index.__dict__.get("_street_districts")
    if cached is None:
        names = {code: district for district, code in index.district_codes.items()}
        codes = index.district_code.astype(np.int64)
        known = codes > 0  # an entry with no postcode (or no district) has none
        pairs = np.unique(index.street.astype(np.int64)[known] * (len(names) + 1) + codes[known])
        found: dict[int, set[str]] = {}
        for sid, code in zip(*np.divmod(pairs, len(names) + 1)):
            found.setdefault(int(sid), set()).add(names[int(code)])
        cached = index.__dict__["_street_districts"] = {k: frozenset(v) for k, v in found.items()}
    return cached


def _streets_uncached(
    index: GazetteerIndex,
    word_set: frozenset[str],
    places: frozenset[str],
    district: str = "",
    towns: frozenset[str] = frozenset(),
) -> list[int]:
    scores: dict[int, float] = {}
    total = max(len(index.streets), 1)
    for w in sorted(word_set):
        sids = index.street_tokens.get(w)
        if not sids:
            continue
        idf = math.log(total / len(sids))
        for sid in sids:
            scores[sid] = scores.get(sid, 0.0) + idf
    if not scores:
        return []
    # a street counts fully only when every one of its name tokens is present
    ranked = []
    districts = _street_districts(index) if district else {}
    for sid, s in scores.items():
        st = index.streets[sid]
        names = st.name.split()
        cover = sum(1 for t in names if t in word_set) / max(len(names), 1)
        bonus = 1.0 if st.type and st.type in word_set else 0.0
        # places named that are the street's: among streets of the same name, the one in
        # the named town and locality (CHURCH ROAD, ASHLEY GREEN, LEEDS) comes before the
        # same street and locality in another town (more of them than MAX_STREETS may share it)
        agree = (st.town in places) + (st.locality in places)
        if agree and other_town(index, places, st, towns):
            # the record names another town having this street or the street it spells
            # out (*towns*): the scorer's "town differs" (a locality shared by many towns
            # does not bring their PARK AVENUEs before DONMORHAM's VICTORIA AVENUE)
            agree = 0
        # then the one in the record's postcode district (a wrong unit still points there)
        near = district in districts.get(sid, ()) if district else False
        ranked.append((cover, bonus + min(agree, 1), s, agree, near, -sid))
    ranked.sort(reverse=True)
    best_cover, best_fit = ranked[0][0], ranked[0][1]
    # streets that agree on the type word and the place come first; the rest only when
    # they cover the record's words as well and fit nearly as well
    return [-r[5] for r in ranked if r[0] >= best_cover - 1e-9 and r[1] >= best_fit - 1.0][
        :MAX_STREETS
    ]
