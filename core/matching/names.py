"""The place and street names a matcher reads a record with.

A matcher normally knows the names of its own gazetteer. A matcher holding one postcode
area of a country (the Spark engine builds one per area) is given the whole country's
names with ``widen``: then it finds the same places in a record, sees the same streets
spelled out and knows the same towns having them as one matcher of the whole country, so
its scores are those of that matcher for the addresses it holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..normalise import normalise
from .index import GazetteerIndex, Street, split_street

#: The longest street name looked for word by word (``ST MARYS CHURCH ROAD``: 4 words).
_LONGEST = 6


def street_towns(index: GazetteerIndex) -> Mapping[str, frozenset[str]]:
    """Every street name (``CHURCH ROAD``) → the towns having a street of that name: the
    index's own (built once, kept on it) or the country's given by ``widen``."""
    cached = index.__dict__.get("_street_towns")
    if cached is None:
        towns: dict[str, set[str]] = {}
        for st in index.streets:
            if st.full:
                towns.setdefault(st.full, set()).update([st.town] if st.town else [])
        cached = index.__dict__["_street_towns"] = {k: frozenset(v) for k, v in towns.items()}
    return cached


def street_words(index: GazetteerIndex) -> frozenset[str]:
    """The words of the street names a matcher knows (``HALL`` of HALL LANE, ``FOUNDRY`` of
    FOUNDRY STREET): its own streets' and, once ``widen`` gave it the country's names, the
    country's. A word in none of them is one only building names have
    (``scoring.building_words``); an area's matcher must not take FOUNDRY for one when
    another area has a FOUNDRY STREET, or it reads "FOUNDRY HALL, 72 MILL LANE" as naming a
    building that one matcher of the whole country does not."""
    cached = index.__dict__.get("_street_words")
    if cached is None:
        cached = index.__dict__["_street_words"] = frozenset(index.street_tokens)
    return cached


def _name_prefixes(index: GazetteerIndex, known: Mapping[str, object]) -> frozenset[str]:
    """The first words (one, two… all but the last) of every street name in *known*: a
    run of a record's words that is none of these starts no longer street name."""
    cached = index.__dict__.get("_street_prefixes")
    if cached is None or cached[0] is not known:
        prefixes: set[str] = set()
        for name in known:
            parts = name.split()
            prefixes.update(" ".join(parts[:k]) for k in range(1, len(parts)))
        cached = index.__dict__["_street_prefixes"] = (known, frozenset(prefixes))
    return cached[1]


def spelled_streets(index: GazetteerIndex, words: Sequence[str]) -> set[str]:
    """The street names (of the country when widened) the record spells out word for word."""
    known = street_towns(index)
    prefixes = _name_prefixes(index, known)
    out: set[str] = set()
    n = len(words)
    for i in range(n):
        gram = words[i]
        for size in range(1, min(_LONGEST, n - i) + 1):
            if size > 1:
                gram = f"{gram} {words[i + size - 1]}"
            if gram in known:
                out.add(gram)
            if gram not in prefixes:
                break  # no street name goes on from these words
    return out


def spelled_towns(index: GazetteerIndex, words: Sequence[str]) -> frozenset[str]:
    """The towns (of the country when widened) having a street the record spells out word
    for word: "81 VICTORIA AVENUE, CANONS PARK, DONMORHAM" and DONMORHAM has a VICTORIA
    AVENUE."""
    return towns_of(index, spelled_streets(index, words))


def towns_of(index: GazetteerIndex, found: set[str]) -> frozenset[str]:
    """The towns having one of the street names *found* (``spelled_streets``)."""
    towns = street_towns(index)
    if len(found) == 1:  # (most records: that street name's towns, as they are)
        return frozenset(towns[next(iter(found))])
    return frozenset().union(*(towns[f] for f in found))


def other_town(
    index: GazetteerIndex,
    named: set[str] | frozenset[str],
    street: Street,
    spelled_towns: frozenset[str] = frozenset(),
) -> str:
    """A town the record names that is not *street*'s town but has a street of its name or
    one the record spells out ("" when none): the record says LEEDS (which has a VICTORIA
    ROAD), this VICTORIA ROAD is in BRADFORD."""
    if not street.town or street.town in named:
        return ""
    towns = street_towns(index).get(street.full, frozenset()) | spelled_towns
    return next((p for p in sorted(named) if p in towns), "")


def town_with_street(named: set[str] | frozenset[str], spelled_towns: frozenset[str]) -> str:
    """A town the record names that has a street the record spells out ("" when none):
    "5 LAUREL ROAD, RAVRAVMOUTH" and RAVRAVMOUTH has a LAUREL ROAD. An address none of whose
    places the record names is then held further back: the named town has the address's
    street, so its answer wins whether or not the other town's address is in the same
    matcher (one per postcode area on Spark, one for the country locally)."""
    return next((p for p in sorted(named) if p in spelled_towns), "")


def country_names(
    rows: Iterable[tuple[object, object, object]],
) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """``(places, street_towns)`` of a country from its distinct (street_description,
    locality, town) rows, read as ``GazetteerIndex.build`` reads them: places map a name
    to ``town`` (a town somewhere) or ``locality``."""
    places: dict[str, str] = {}
    towns: dict[str, set[str]] = {}
    for street, locality, town in rows:
        name, stype = split_street(str(street or ""))
        loc, twn = normalise(locality), normalise(town)
        full = f"{name} {stype}".strip()
        if full:
            towns.setdefault(full, set()).update([twn] if twn else [])
        if loc and places.get(loc) != "town":
            places[loc] = "locality"
        if twn:
            places[twn] = "town"
    return places, {k: frozenset(v) for k, v in towns.items()}


def widen(
    index: GazetteerIndex, places: Mapping[str, str], towns: Mapping[str, frozenset[str]]
) -> GazetteerIndex:
    """Give *index* (one area's) a country's place and street names (``country_names``);
    build the ``Matcher`` on it afterwards (its typo corrector reads the place names)."""
    index.places = dict(places)
    # the country's place and street words: the typo corrector leaves them as written
    # (NORTHFIELD is not split into NORTH FIELD nor read as SOUTHFIELD in an area without it)
    words = {t for p in (*places, *towns) for t in p.split() if len(t) >= 3 and t.isalpha()}
    index.vocabulary = sorted(set(index.vocabulary) | words)
    index.__dict__["_street_towns"] = dict(towns)
    # the country's street words (type words too: ``building_words`` leaves those out anyway)
    index.__dict__["_street_words"] = frozenset(index.street_tokens).union(
        *(full.split() for full in towns)
    )
    return index
