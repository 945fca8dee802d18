"""Free-text UK address → components, with every plausible reading of its numbers.

``parse("Flat 2, Rose Court, 10-12 High St, Northbridge NB1 2AB")`` gives the postcode, the
flat (``2``), the house number range (10-12), the words (building, street, places) and
the *readings*: the ways the numbers can be understood (``2, 67`` as flat 2 of 67 or as
67 alone; ``9B`` as 9B or flat B of 9; ``Flat A, 45`` as flat A of 45 or 45A; ``2/10``
either way round). Scoring keeps the best reading per candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import postcode as pc
from .normalise import STREET_TYPES, UNIT_WORDS, split_number, tokens

#: Floor keys: a flat named by its floor (``GROUND FLOOR FLAT``) is flat ``F0``.
FLOOR_KEYS = {
    "BASEMENT": "F-1",
    "LOWER GROUND": "F-1",
    "GROUND": "F0",
    "FIRST": "F1",
    "SECOND": "F2",
    "THIRD": "F3",
    "FOURTH": "F4",
    "FIFTH": "F5",
    "SIXTH": "F6",
    "TOP": "FTOP",
}
#: Words naming a unit inside a building.
_FLOOR_KEY_SET = frozenset(FLOOR_KEYS.values()) | {"FX"}
_FLOOR_CODES = {k: 100_000 + i for i, k in enumerate(sorted(_FLOOR_KEY_SET))}
#: Position words that are part of a unit's identity next to a floor or a unit noun
#: (``GROUND FLOOR REAR FLAT``, ``UPPER MAISONETTE``, ``GARDEN FLAT``, ``LEFT FLAT``).
POSITIONS = {
    "FRONT": "FRONT",
    "REAR": "REAR",
    "BACK": "REAR",
    "LEFT": "LEFT",
    "RIGHT": "RIGHT",
    "UPPER": "UPPER",
    "LOWER": "LOWER",
    "MIDDLE": "MIDDLE",
    "GARDEN": "GARDEN",
    "GARDENS": "GARDEN",  # normalise spells GARDEN as the street type GARDENS
    "TOP": "TOP",
}
UNIT_NOUNS = frozenset({"FLAT", "UNIT", "ROOM", "STUDIO", "MAISONETTE", "SUITE"})
#: Weight of reading a suffix as a flat letter (9B as FLAT B, 9) and the reverse: the
#: literal reading wins clearly when the gazetteer has both, the other one is still found
#: when it is the only one.
SUFFIX_FLAT_WEIGHT = 0.6
#: Weight of reading ``GROUND FLOOR FLAT, 9A`` as the ground floor flat of 9: the floor
#: names the flat, the letter is a second notation of it or a slip; as likely as the
#: literal reading is not (it is no guess to confirm: ``Thresholds.guess_weight``).
FLOOR_LETTER_WEIGHT = 0.7
#: A flat read from a slash pair (``5/11``) in a record that writes its unit as well
#: (``FIRST FLOOR FLAT, 5/11``): under the matcher's guess weight, for a person to confirm.
SLASH_BESIDE_UNIT_WEIGHT = 0.65
#: Weight of reading ``FLAT 75 CAMBRIDGE WAY`` as house 75 (the record's FLAT dropped): a
#: guess a person confirms (under ``Thresholds.guess_weight``), found when nothing fits.
FLAT_AS_HOUSE_WEIGHT = 0.65
#: Unit nouns that also end business names (``HAIR STUDIO``) when no identifier follows.
_NAME_NOUNS = frozenset({"UNIT", "ROOM", "STUDIO", "SUITE"})
#: Sub-units that are not homes: their ids get a prefix, so ``PARKING SPACE 5`` (``PS5``) is
#: never taken for ``FLAT 5`` (``5``) of the same building.
NON_DWELLING = {"PARKING": "PS", "BAY": "PS", "CARPORT": "PS", "GARAGE": "GA", "STORE": "ST"}
_FLOOR_WORDS = frozenset(FLOOR_KEYS) | {"LOWER"}
#: Words after which a number is a unit's own (FLAT 2, GARAGE 3, PARKING SPACE 5).
_UNIT_BEFORE_NUMBER = UNIT_NOUNS | frozenset(NON_DWELLING) | {"SPACE", "BAY"}
_UNIT_ID = re.compile(r"^(\d{1,4}[A-Z]?|[A-Z]\d{0,3})$")
_RANGE = re.compile(r"^(\d{1,5})([A-Z]?)-(\d{1,5})([A-Z]?)$")
_SLASH = re.compile(r"^(\d{1,5})([A-Z]?)/(\d{1,5})([A-Z]?)$")
_NUMBER = re.compile(r"^\d{1,5}[A-Z]?$")
#: Dotted unit numbers: ``14.12``, ``4.5.3`` (block, floor and flat in some estates).
_DOTTED = re.compile(r"^\d{1,4}(?:\.\d{1,4}){1,2}$")
#: Scottish floor and door: ``2F2`` is the second floor's second flat, the same flat as
#: ``2/2`` written the Glasgow way.
_FLOOR_DOOR = re.compile(r"^(\d{1,2})F(\d{1,2})$")
#: A room inside a flat (``ROOM 5, FLAT 3``, ``FLAT 3 ROOM 5``): the flat key ``3/R5``.
_ROOM_NOUNS = frozenset({"ROOM"})
_FLAT_NOUNS = frozenset({"FLAT", "MAISONETTE", "STUDIO"})
#: ``LAND AT 31``, ``REAR OF 63``, ``DEVELOPMENT SITE OF 11``: a number after one of these
#: words, in a segment that starts with a relation's head word, belongs to the name (the
#: gazetteer writes the whole phrase as the PAO text); the house itself is a weak reading.
_RELATION_LINKS = frozenset({"AT", "OF", "TO", "ADJOINING", "BEHIND"})
_RELATION_HEADS = frozenset(
    {"LAND", "REAR", "SITE", "PLOT", "GARAGES", "GARAGE", "DEVELOPMENT", "ADJACENT", "PART"}
)
RELATION_NUMBER_WEIGHT = 0.3
#: Weight of reading the first words before the house number as a named sub-building
#: (``ROCKLEIGH, 12 HIGH STREET`` as the SAO ``ROCKLEIGH`` of 12).
NAMED_UNIT_WEIGHT = 0.95
#: Weight of reading the one number after a building name as that building's flat
#: (``GREEN PLACE, 4 THORN ROAD`` for ``FLAT 4, GREEN PLACE, THORN ROAD``): the house
#: number reading comes first.
NAMED_FLAT_WEIGHT = 0.7


@dataclass(frozen=True)
class Reading:
    """One way to read an address's numbers: flat key, house number, suffix, range end."""

    flat: str = ""
    number: int | None = None
    suffix: str = ""
    end: int | None = None
    #: How much this reading is trusted (1 = the plain reading).
    weight: float = 1.0
    #: The flat of a building that has no house number (``GREEN PLACE, 4 THORN ROAD`` read
    #: as flat 4): a candidate with a house number contradicts the record's number.
    unnumbered: bool = False
    #: One of the numbers the record writes is left out (``3 17, BIRCH AVENUE`` read as
    #: house 3; ``48-50`` read as 48): an address found so has not all of the record's
    #: numbers, and another may have the one left out.
    leaves_number: bool = False


@dataclass
class ParsedAddress:
    """Components of one address text."""

    text: str
    postcode: str | None = None
    flat: str = ""
    number: int | None = None
    suffix: str = ""
    end: int | None = None
    #: Word tokens left after numbers, units and the postcode are taken out, in order.
    words: list[str] = field(default_factory=list)
    #: Comma-separated word groups (``["ROSE COURT", "HIGH STREET", "NORTHBRIDGE"]``).
    segments: list[str] = field(default_factory=list)
    #: The street-type word seen after the street name, if any (``ROAD``).
    street_type: str = ""
    readings: list[Reading] = field(default_factory=list)
    #: A floor named in the text (``F0`` for ground floor), also when a flat number is given.
    floor: str = ""
    #: A unit word with no identity (``FLAT, 19 HIGH STREET``): some flat, which one unknown.
    unit_word: bool = False
    #: The noun before the record's flat identifier (``FLAT`` for ``FLAT 3`` or ``APARTMENT
    #: 3``, ``UNIT`` for ``UNIT 3``), empty when none is written.
    unit_noun: str = ""
    #: The valid parts of a postcode that is not valid whole (``LS6 9``, ``AB1 2CD``, ``LS6``);
    #: empty when :attr:`postcode` is set or the text has no such postcode.
    postcode_partial: str = ""
    #: A separately given postcode with no valid part at all (``MKA 7NP``), upper case: it
    #: still counts where the gazetteer holds that very code (``matching.candidates``).
    postcode_given: str = ""

    @property
    def numbers(self) -> set[int]:
        """Every house number any reading uses (for blocking)."""
        out = {r.number for r in self.readings if r.number is not None}
        for r in self.readings:
            if r.end is not None and r.number is not None and r.end - r.number <= 20:
                out.update(range(r.number, r.end + 1))
        return out


@lru_cache(maxsize=65536)
def flat_digits(key: str) -> int:
    """The number inside a flat key (``1A`` → 1, ``B12`` → 12); -1 when it has none. A
    floor key gives a code of its floor (``F0`` and ``F0/REAR`` are a position apart).
    (Kept per key: records and addresses share their flat keys.)"""
    if is_floor_key(key):
        return _FLOOR_CODES[key.partition("/")[0]]
    digits = "".join(c for c in key if c.isdecimal())
    return int(digits) if digits and len(digits) <= 4 else -1


def floor_keys_near(a: str, b: str) -> bool:
    """Two different floor keys that may name one flat: one leaves out the floor or the
    position the other gives (``F0`` and ``F0/REAR``; ``FX/FRONT`` and ``F0/FRONT``), and
    neither contradicts the other (``F0/LEFT`` is not ``F0/RIGHT``, ``F0`` not ``F1``). A
    position with no floor (``FX/FRONT``) needs that position: ``F1`` says nothing of it."""
    fa, _, pa = a.partition("/")
    fb, _, pb = b.partition("/")
    if "FX" in (fa, fb):
        return pa == pb
    return fa == fb and (pa == pb or not pa or not pb)


def _unit_name(name: list[str]) -> str:
    """The key of a unit named before the house number: a lone position or floor word
    (``LEFT, 27 DEAN ROAD``; ``FIRST, 67 ALDER ROAD``) is that position on an unnamed floor
    or that floor (``FX/LEFT``, ``F1``); a floor word and a position word without FLOOR
    (``GROUND REAR, 39 GLEBE CLOSE``, ``REAR GROUND``) are that floor's position
    (``F0/REAR``); ``AT`` after them joins the unit to its house (``FRONT AT, 61 …``). Any
    other name is kept as written (``ROCKLEIGH``)."""
    if len(name) > 1 and name[-1] == "AT":
        name = name[:-1]
    if len(name) == 1 and name[0] in POSITIONS:
        return "FTOP" if name[0] == "TOP" else f"FX/{POSITIONS[name[0]]}"
    if len(name) == 1 and name[0] in FLOOR_KEYS:
        return FLOOR_KEYS[name[0]]
    if len(name) == 2 and "TOP" not in name:
        for floor, position in (name, name[::-1]):
            if floor in FLOOR_KEYS and position in POSITIONS:
                return f"{FLOOR_KEYS[floor]}/{POSITIONS[position]}"
    return " ".join(name)


def is_floor_key(key: str) -> bool:
    """True for floor keys (``F0``, ``F-1``, ``FTOP``), with or without a position
    (``F0/REAR``; ``FX/LEFT`` for a position on no named floor)."""
    return key.partition("/")[0] in _FLOOR_KEY_SET


def flat_key(
    text: object,
    number: object = None,
    suffix: object = None,
    end: object = None,
    end_suffix: object = None,
) -> str:
    """Canonical flat identity from SAO parts: ``FLAT`` + 2 → ``2``; ``FLAT A`` → ``A``;
    ``GROUND FLOOR FLAT`` → ``F0``; an SAO name (``ANNEXE``) → the name; an SAO range
    (1B to 1C) → ``1B-1C``."""
    try:
        return _flat_key(text, number, suffix, end, end_suffix)
    except TypeError:  # unhashable input
        return _flat_key.__wrapped__(text, number, suffix, end, end_suffix)


def _sao_number(number: object, suffix: object) -> str:
    try:
        return f"{int(number)}{(str(suffix or '')).strip().upper()}"  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return str(number).strip().upper()


@lru_cache(maxsize=100_000)
def _flat_key(
    text: object,
    number: object = None,
    suffix: object = None,
    end: object = None,
    end_suffix: object = None,
) -> str:
    num = ""
    if number not in (None, ""):
        num = _sao_number(number, suffix)
        if end not in (None, ""):
            last = _sao_number(end, end_suffix)
            if last != num:
                num = f"{num}-{last}"  # a range of units: 1B-1C, 4-5D
    elif isinstance(suffix, str) and suffix.strip():
        num = suffix.strip().upper()  # a letter with no number (FLAT + A): FLAT A
    toks = [t for t in tokens(text) if t != ","]
    unit, floor, rest = _unit_parts(toks)
    kind = next((NON_DWELLING[t] for t in rest if t in NON_DWELLING), "")
    if num:
        return kind + num
    if unit:
        return kind + unit
    if floor:
        return floor
    return " ".join(rest)


def sao_floors(text: object) -> list[str]:
    """Floor keys an SAO names besides its identity, so the unit is also found by its floor:
    ``FLAT A SECOND FLOOR`` → ``["F2"]``; ``FLAT A FIRST AND SECOND FLOORS`` → ``["F1",
    "F2"]``; ``[]`` when the SAO's own key is its floor (``GROUND FLOOR FLAT``) or it names
    none."""
    toks = [t for t in tokens(text) if t != ","]
    if not toks:
        return []
    unit, floor, rest = _unit_parts(toks)
    out = [floor] if floor and (unit or rest) else []
    for i in range(len(toks) - 3):  # FIRST AND SECOND FLOORS: both floors
        a, link, b, noun = toks[i : i + 4]
        if link == "AND" and noun in ("FLOORS", "FLOOR") and a in FLOOR_KEYS and b in FLOOR_KEYS:
            out += [FLOOR_KEYS[a], FLOOR_KEYS[b]]
    return list(dict.fromkeys(out))


def _unit_parts(toks: list[str]) -> tuple[str, str, list[str]]:
    """(unit id, floor key, leftover words) of a short SAO text."""
    unit = floor = ""
    rest: list[str] = []
    noun = ""
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if t in UNIT_NOUNS:
            if nxt and (_UNIT_ID.match(nxt) or _DOTTED.match(nxt) or _FLOOR_DOOR.match(nxt)):
                ident = _unit_id(nxt)
                unit = _room_in_flat(noun, unit, t, ident) if unit else ident
                noun = t
                i += 2
                continue
            i += 1
            continue
        door = _FLOOR_DOOR.match(t)
        if door and not unit:
            unit = f"{int(door.group(1))}/{int(door.group(2))}"
            i += 1
            continue
        key, used = _floor_at(toks, i) if t in _FLOOR_STARTS else ("", 0)
        if used:
            floor = floor or key
            i += used
            continue
        if not unit and _UNIT_ID.match(t) and (t[0].isdecimal() or len(toks) == 1):
            unit = t
        else:
            rest.append(t)
        i += 1
    return unit, floor, rest


def _room_in_flat(first_noun: str, first: str, noun: str, ident: str) -> str:
    """The key of a second unit noun after a first: a room in a flat (``ROOM 5 FLAT 3`` or
    ``FLAT 3 ROOM 5`` → ``3/R5``); otherwise the later identifier (as before)."""
    if first_noun in _ROOM_NOUNS and noun in _FLAT_NOUNS:
        return f"{ident}/R{first}"
    if first_noun in _FLAT_NOUNS and noun in _ROOM_NOUNS:
        return f"{first}/R{ident}"
    return ident


def _unit_id(token: str) -> str:
    """``003`` → ``3``; ``01A`` → ``1A``; ``2F2`` → ``2/2``; letters unchanged."""
    door = _FLOOR_DOOR.match(token)
    if door:
        return f"{int(door.group(1))}/{int(door.group(2))}"
    stripped = token.lstrip("0")
    return stripped if stripped and stripped[0].isdecimal() else token


def _bare_unit_at(toks: list[str], i: int) -> bool:
    """A unit noun at *i* with no identifier after it (``FLAT``, not ``FLAT 2``)."""
    if i >= len(toks) or toks[i] not in UNIT_NOUNS:
        return False
    return not (i + 1 < len(toks) and _UNIT_ID.match(toks[i + 1]))


#: The words a floor phrase can start with (``_floor_at`` reads nothing at any other word).
_FLOOR_STARTS = frozenset({*FLOOR_KEYS, *POSITIONS, "LOWER"})
#: The street-type words (``normalise.is_street_type``'s).
_STREET_TYPES = frozenset(STREET_TYPES)
#: Words ``parse`` reads as more than a word of the text (a unit noun, a floor, a unit
#: word): a word of two letters or more that is none of these is kept as it is.
_READ_WORDS = UNIT_NOUNS | frozenset(NON_DWELLING) | _FLOOR_STARTS | frozenset(UNIT_WORDS)


def _floor_at(toks: list[str], i: int) -> tuple[str, int]:
    """(floor key, tokens used) for a floor phrase at *i*, with a position word before or
    after it as part of the key: ``GROUND FLOOR (FLAT)`` → ``F0``, ``GROUND FLOOR REAR
    FLAT`` / ``REAR GROUND FLOOR`` → ``F0/REAR``, ``UPPER MAISONETTE`` → ``FX/UPPER``,
    ``TOP FLAT`` → ``FTOP``; (``""``, 0) otherwise. A position word alone is no unit
    (``LOWER ROAD``, ``ROSE GARDENS``): a floor or a bare unit noun must be next to it.
    """
    key, used = _floor_core(toks, i)
    n = len(toks)
    if used:
        j = i + used
        if j < n and toks[j] in POSITIONS and toks[j] != "TOP":
            after = toks[j + 1] if j + 1 < n else ","
            # "GROUND FLOOR REAR, 7" / "… REAR FLAT" / "… REAR 7 ELM ROAD" (no commas)
            if after in (",", "AT") or after in UNIT_NOUNS or _number_token(after) is not None:
                key = f"{key}/{POSITIONS[toks[j]]}"
                used += 1 + _bare_unit_at(toks, j + 1)
        return key, used
    pos = POSITIONS.get(toks[i])
    if pos is None:
        return "", 0
    key, used = _floor_core(toks, i + 1) if i + 1 < n else ("", 0)
    if used:
        return (key if pos == "TOP" else f"{key}/{pos}"), used + 1
    if i + 1 < n and toks[i + 1] in UNIT_NOUNS:  # the noun stays when an id may follow
        return ("FTOP" if pos == "TOP" else f"FX/{pos}"), 1 + _bare_unit_at(toks, i + 1)
    return "", 0


def _floor_core(toks: list[str], i: int) -> tuple[str, int]:
    """(floor key, tokens used) for a floor phrase at *i*: ``GROUND FLOOR (FLAT)``,
    ``BASEMENT (FLAT)``, ``LOWER GROUND FLOOR``, ``TOP FLOOR``; (``""``, 0) otherwise.

    ``UPPER``/``LOWER`` alone are not floors (Lower Road); ``FIRST`` needs ``FLOOR``.
    """
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    if t == "LOWER" and nxt == "GROUND":
        key, used = _floor_core(toks, i + 1)
        return ("F-1", used + 1) if used else ("", 0)
    if t not in FLOOR_KEYS:
        return "", 0
    if nxt == "AND" and i + 3 < len(toks) and toks[i + 2] in FLOOR_KEYS:
        # "FIRST AND SECOND FLOORS": one flat on both floors, keyed by the upper one (as
        # ``flat_key`` keys it; ``sao_floors`` adds the lower one to the index)
        key, used = _floor_core(toks, i + 2)
        return (key, used + 2) if used >= 2 else ("", 0)
    used = 1
    if nxt == "FLOOR":
        used = 2
    elif t != "BASEMENT":
        return "", 0
    if i + used < len(toks) and toks[i + used] in UNIT_NOUNS:
        # "GROUND FLOOR FLAT 2": the flat number is the identity; the floor is dropped
        after = toks[i + used + 1] if i + used + 1 < len(toks) else ""
        if not _UNIT_ID.match(after):
            used += 1
    return FLOOR_KEYS[t], used


@lru_cache(maxsize=65536)
def _number_token(tok: str) -> tuple[int, str, int | None] | None:
    """``12`` / ``12A`` / ``12-14`` → (start, suffix, end) (kept per token: every word of
    every record is looked at, and words repeat)."""
    single = split_number(tok)
    if single and single[0] < 100000:
        return single[0], single[1], None
    m = _RANGE.match(tok)
    if m:
        a, b = int(m.group(1)), int(m.group(3))
        if b > a:
            return a, m.group(2), b
        return a, m.group(2), None
    return None


def parse(text: object, postcode: object = None) -> ParsedAddress:
    """Parse free-text *text* (optionally with a separate *postcode*) into components."""
    raw = "" if text is None else str(text)
    given = pc.repair(str(postcode)) if postcode not in (None, "") else None
    found, rest = pc.extract(raw) if raw else (None, raw)
    if found is None and not given:
        rest = raw
    out = ParsedAddress(text=raw, postcode=given or found)
    if out.postcode is None:  # keep what is sound of an invalid postcode (LS6 9, AB1 2CD)
        typed = pc.partial(str(postcode)) if postcode not in (None, "") else None
        if typed is None and raw:
            typed, rest = pc.extract_partial(rest)
        out.postcode_partial = typed or ""
        if not typed and postcode not in (None, ""):
            out.postcode_given = " ".join(str(postcode).upper().split())
    toks = tokens(rest)
    flat = floor = ""
    flat_noun = alt_flat = ""
    name_words = -1  # words before the first house number, when a name came first
    floor_words = -1  # words before the floor
    flat_then_word = bare_unit = False
    numbers: list[tuple[int, str, int | None]] = []
    named_first = False
    slashes: list[tuple[tuple[int, str], tuple[int, str]]] = []
    dotted = ""
    relation: tuple[int, str, int | None] | None = None
    words: list[str] = []
    segments: list[list[str]] = [[]]
    letter_flat = False
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < n else ""
        if t == ",":
            segments.append([])
            i += 1
            continue
        if len(t) > 1 and t.isalpha() and t not in _READ_WORDS:
            # (most tokens: a plain word, no number, unit or floor in it; kept as it is)
            words.append(t)
            segments[-1].append(t)
            i += 1
            continue
        if t in UNIT_NOUNS:
            if nxt and (_UNIT_ID.match(nxt) or _FLOOR_DOOR.match(nxt)) and not flat:
                flat = _unit_id(nxt)
                flat_noun = t
                letter_flat = nxt.isalpha()
                flat_then_word = i + 2 < n and toks[i + 2] != ","
                i += 2
                continue
            if nxt and _UNIT_ID.match(nxt) and flat_noun and not alt_flat:
                combined = _room_in_flat(flat_noun, flat, t, _unit_id(nxt))
                if "/R" in combined:  # ROOM 5, FLAT 3: room 5 of flat 3 (or flat 3 alone)
                    alt_flat = combined.partition("/R")[0]
                    flat, letter_flat = combined, False
                    i += 2
                    continue
            if nxt and (_SLASH.match(nxt) or _DOTTED.match(nxt)) and not flat:
                flat = nxt  # FLAT 3/2 (Scottish floor/position), FLAT 4.5.3: the whole token
                i += 2
                continue
            if t in _NAME_NOUNS and segments[-1]:
                # "LAWSON HAIR STUDIO", "FUNCTION ROOM": the noun ends a name, no unit
                words.append(t)
                segments[-1].append(t)
                i += 1
                continue
            bare_unit = True  # "FLAT, 19 HIGH STREET", "FLAT OVER": a flat, id unknown
            i += 2 if nxt == "AT" else 1  # "FLAT AT 19 HIGH STREET"
            continue
        if t in NON_DWELLING and not flat:  # "PARKING SPACE 5", "GARAGE 3"
            j = i + 1 + (i + 1 < n and toks[i + 1] in ("SPACE", "BAY", "NO"))
            if j < n and _UNIT_ID.match(toks[j]) and toks[j][0].isdecimal():
                flat = NON_DWELLING[t] + _unit_id(toks[j])
                i = j + 1
                continue
        key, used = _floor_at(toks, i) if t in _FLOOR_STARTS else ("", 0)
        if used:
            if not floor:
                floor_words = len(words)
            floor = floor or key
            i += used
            if i < n and toks[i] == "AT":  # "FIRST FLOOR FLAT AT 7 ELM ROAD"
                i += 1
            continue
        if not flat and t[0].isdecimal() and not t.isdecimal():  # unit notations
            if _FLOOR_DOOR.match(t):  # 2F2: second floor, flat 2
                flat = _unit_id(t)
                i += 1
                continue
            house, _, unit = t.partition("/")
            if unit and _FLOOR_DOOR.match(unit) and _NUMBER.match(house):
                flat = _unit_id(unit)  # 12/2F2: flat 2F2 of 12 (Edinburgh)
                toks[i] = house
                continue
            if (_SLASH.match(t) or _DOTTED.match(t)) and _number_follows(toks, i + 1):
                flat = t  # "2/1, 12 LEITH WALK": floor/position of the house number after it
                i += 1
                continue
            ranged = _RANGE.match(t)
            if ranged and _number_later(toks, i + 1):
                # "1B-1C COLEMAN HOUSE 1-3", "4-5D, 166 HIGH STREET": a range of units
                # before the house number is the SAO range, one unit key
                a, sa, b, sb = ranged.groups()
                flat = f"{int(a)}{sa}-{int(b)}{sb}"
                i += 1
                continue
        num = _number_token(t)
        if (
            num is not None
            and not numbers
            and segments[-1]
            and segments[-1][-1] in _RELATION_LINKS
            and segments[-1][0] in _RELATION_HEADS
        ):
            relation = num  # "LAND AT 31 CEDAR STREET": the parcel named after 31
            words.append(t)
            segments[-1].append(t)
            i += 1
            continue
        if num is not None and i > 0 and toks[i - 1] == "PLOT" and _number_later(toks, i + 1):
            # "PLOT 45, 125 SCHOOL CLOSE": a development plot's number, part of its name,
            # not the address's house or flat number
            words.append(t)
            segments[-1].append(t)
            i += 1
            continue
        if (
            num is not None
            and nxt == "AND"
            and toks[i + 1 : i + 4] == ["AND", "A", "HALF"]
            and not numbers
        ):
            relation = num  # "144 AND A HALF": a house of its own, named so in full
            words.extend(toks[i : i + 4])
            segments[-1].extend(toks[i : i + 4])
            i += 4
            continue
        if num is not None:
            # "10 A HIGH STREET": a lone letter after a number is its suffix
            if not num[1] and num[2] is None and len(nxt) == 1 and nxt.isalpha() and nxt not in "I":
                num = (num[0], nxt, None)
                i += 1
            numbers.append(num)
            if len(numbers) == 1:
                named_first = bool(words)  # "MERCIA HOUSE, 12 ST MARYS CLOSE": a name came first
                name_words = len(words) if named_first else -1
            i += 1
            continue
        if (
            len(t) == 1
            and t.isalpha()
            and not flat
            and (i == 0 or toks[i - 1] == ",")
            and (nxt == "," or _number_token(nxt) is not None)
        ):
            flat, letter_flat = t, True  # "C, 18 FAIRVIEW ROAD": flat C
            i += 1
            continue
        digit = t[0].isdecimal()  # (a slash or dotted notation starts with a digit)
        m = _SLASH.match(t) if digit else None
        if m:
            slashes.append(((int(m.group(1)), m.group(2)), (int(m.group(3)), m.group(4))))
            i += 1
            continue
        if digit and not dotted and _DOTTED.match(t):
            dotted = t  # 14.12 HIGH STREET, 4.5.3 HIGH STREET: read below
            i += 1
            continue
        if t in UNIT_WORDS and t not in _FLOOR_WORDS:
            i += 1  # a stray unit word (FLOOR without a floor name)
            continue
        words.append(t)
        segments[-1].append(t)
        i += 1
    out.words = words
    out.segments = []
    for s in segments:  # (a loop: no comprehension per record)
        if s:
            out.segments.append(" ".join(s))
    out.street_type = ""
    for w in reversed(words):  # (the last street-type word)
        if w in _STREET_TYPES:
            out.street_type = w
            break
    out.floor = floor
    out.unit_word = bare_unit and not flat and not floor
    out.unit_noun = flat_noun
    out.readings = _readings(flat or floor, letter_flat, numbers, slashes, named_first)
    if dotted and not numbers and not flat:
        out.readings = _dotted_readings(dotted)
    if relation is not None and not numbers:  # the house the parcel is named after, weakly
        out.readings.append(Reading(flat, *relation, weight=RELATION_NUMBER_WEIGHT))
    if alt_flat:  # ROOM 5, FLAT 3: flat 3 itself when the gazetteer lists no rooms
        out.readings += [
            Reading(alt_flat, r.number, r.suffix, r.end, r.weight * 0.8)
            for r in out.readings
            if r.flat == flat
        ]
    if name_words > 0 and not flat and not floor and numbers:
        # "ROCKLEIGH, 12 HIGH STREET", "BISHOPS LODGE 12 HIGH STREET": the name before the
        # house number may be a named sub-building (SAO text) of that number
        name = segments[0] if segments[0] and len(segments[0]) <= name_words else words[:name_words]
        first = out.readings[0]
        out.readings.append(
            Reading(_unit_name(name), first.number, first.suffix, first.end, NAMED_UNIT_WEIGHT)
        )
    elif not (numbers or flat or floor or slashes or dotted or relation) and words:
        # "THE STABLES, MANOR FARM, HIGH STREET", "BISHOPS LODGE MANOR LANE": the first words
        # may name a sub-building (its SAO text) with no number anywhere
        named = [seg for seg in segments if seg]
        firsts = (
            [named[0]] if len(named) >= 2 else [words[:k] for k in range(1, min(4, len(words)))]
        )
        out.readings += [Reading(" ".join(f), weight=NAMED_UNIT_WEIGHT) for f in firsts]
    if flat and flat_then_word and not numbers and not slashes:
        # "FIRST FLOOR FLAT 77 HAWTHORN STREET": the number after the unit word may be the
        # house number (no commas to tell); "FLAT 75 CAMBRIDGE WAY" may be house 75
        split = split_number(flat)
        if split is not None and floor:  # a floor flat at house number n is the likelier
            first = out.readings[0]
            out.readings[0] = Reading(first.flat, first.number, first.suffix, first.end, 0.9)
            out.readings.insert(0, Reading(floor, split[0], split[1], None, 1.0))
            if split[1]:  # FIRST FLOOR FLAT 45A: the letter may be a slip (as above)
                out.readings.insert(1, Reading(floor, split[0], "", None, FLOOR_LETTER_WEIGHT))
        elif split is not None:
            out.readings.append(Reading("", split[0], split[1], None, FLAT_AS_HOUSE_WEIGHT))
    if floor and not flat and not 0 <= floor_words < name_words:
        # "2 SECOND FLOOR, HEATHER MANSIONS": the number may be the flat; not a number after
        # a name written after the floor ("FIRST FLOOR FLAT, ALBION WORKS, 7 MEADOW
        # CLOSE"): that is the named building's
        for r in _readings("", False, numbers, slashes):
            # never the house without the floor: a named floor stays evidence of a flat
            if r.flat and all((r.flat, r.number) != (o.flat, o.number) for o in out.readings):
                out.readings.append(Reading(r.flat, r.number, r.suffix, r.end, r.weight * 0.9))
    first = out.readings[0] if out.readings else Reading()
    out.flat, out.number, out.suffix, out.end = first.flat, first.number, first.suffix, first.end
    return out


def _number_later(toks: list[str], i: int) -> bool:
    """True when a house number (or range) comes anywhere after *i*, not a unit's own
    number (``12-14 HIGH STREET, FLAT 2``: 2 is the flat)."""
    return any(
        _number_token(t) is not None and toks[k - 1] not in _UNIT_BEFORE_NUMBER
        for k, t in enumerate(toks[i:], i)
    )


def _number_follows(toks: list[str], i: int) -> bool:
    """True when the next token after *i* (a comma aside) is a house number."""
    while i < len(toks) and toks[i] == ",":
        i += 1
    return i < len(toks) and _number_token(toks[i]) is not None


def _dotted_readings(token: str) -> list[Reading]:
    """Readings of a dotted unit number typed without a house number: ``14.12`` as flat 14
    of 12 (or 12 of 14, or the unit ``14.12``); ``4.5.3`` as the unit ``4.5.3`` or flat
    ``4.5`` of 3."""
    parts = token.split(".")
    last = int(parts[-1])
    if len(parts) == 2:
        first = int(parts[0])
        return [
            Reading(str(first), last),
            Reading(str(last), first, weight=0.95),
            Reading(token, weight=0.9),
        ]
    return [
        Reading(token),
        Reading(".".join(parts[:-1]), last, weight=0.9),
        Reading(".".join(parts[1:]), int(parts[0]), weight=0.85),
    ]


def _readings(
    flat: str,
    letter_flat: bool,
    numbers: list[tuple[int, str, int | None]],
    slashes: list[tuple[tuple[int, str], tuple[int, str]]],
    named_first: bool = False,
) -> list[Reading]:
    """Every plausible reading of the flat and house numbers, most likely first.

    *named_first*: a building name comes before the only number (``MERCIA HOUSE, 12 ST
    MARYS CLOSE``): the number is then the house number, not a flat of that building.
    """
    return list(_readings_of(flat, letter_flat, tuple(numbers), tuple(slashes), named_first))


@lru_cache(maxsize=65536)
def _readings_of(
    flat: str,
    letter_flat: bool,
    numbers: tuple[tuple[int, str, int | None], ...],
    slashes: tuple[tuple[tuple[int, str], tuple[int, str]], ...],
    named_first: bool,
) -> tuple[Reading, ...]:
    """``_readings`` (kept per flat and numbers: records share them, and readings are
    frozen)."""
    out: list[Reading] = []
    seen: set[tuple[str, int | None, str, int | None]] = set()

    def add(
        flat_: str,
        num: tuple[int, str, int | None] | None,
        weight: float,
        unnumbered: bool = False,
        leaves: bool = False,
    ) -> None:
        r = Reading(flat_, *(num if num else (None, "", None)), weight, unnumbered, leaves)
        key = (r.flat, r.number, r.suffix, r.end)
        if key not in seen:
            seen.add(key)
            out.append(r)

    for (a, sa), (b, sb) in slashes:
        as_range = not sa and not sb and 0 < b - a <= 6
        if flat and as_range:
            # FIRST FLOOR FLAT, 5/11: the record writes its unit, so the pair is the house's
            # range; a second flat read from it is a guess
            add(flat, (a, "", b), 1.0)
        first = SLASH_BESIDE_UNIT_WEIGHT if flat else 1.0
        add(f"{a}{sa}", (b, sb, None), first)  # 2/10: flat 2 of 10
        add(f"{b}{sb}", (a, sa, None), first - 0.05)  # 10/2 (Scottish style): flat 2 of 10
        if as_range and not flat:
            add("", (a, "", b), 0.9)  # 90/92 as a range
    if flat:
        if numbers:
            add(flat, numbers[0], 1.0)
            if len(numbers) > 1:
                add(flat, numbers[-1], 0.9)
            if numbers[0][1] and numbers[0][2] is None:
                # "GROUND FLOOR FLAT, 9A", "FLAT 1, 85A": the flat is named; the letter may
                # be a second notation of it (or a slip), so 9 is read too, weakly
                add(flat, (numbers[0][0], "", None), FLOOR_LETTER_WEIGHT)
            if letter_flat and not numbers[0][1] and numbers[0][2] is None:
                add("", (numbers[0][0], flat, None), SUFFIX_FLAT_WEIGHT)  # Flat A, 45 ↔ 45A
        else:
            add(flat, None, 1.0)
        return out
    if len(numbers) >= 2:
        (a, sa, ea), (b, sb, eb) = numbers[0], numbers[1]
        if ea is None:
            add(f"{a}{sa}", numbers[1], 1.0)  # 2, 67 HIGH ST: flat 2 of 67
        if not sa and not sb and ea is None and eb is None and 0 < b - a <= 6:
            add("", (a, "", b), 0.6)  # 115 117, THAMES LANE: the range 115-117 written bare
        # one of two numbers left unexplained is weak evidence (7, MAPLE COURT, 131 FERN
        # DRIVE is not 7 FERN DRIVE)
        add("", numbers[0], 0.6, leaves=True)
        add("", numbers[1], 0.55, leaves=True)
        if eb is None:
            add(f"{b}{sb}", numbers[0], 0.65)  # 10 PARK AVENUE, 2: flat 2 of 10
        add(f"{a}{sa}", None, 0.8)
    elif len(numbers) == 1:
        a, sa, ea = numbers[0]
        add("", numbers[0], 1.0)
        if sa:
            add(sa, (a, "", None), SUFFIX_FLAT_WEIGHT)  # 9B as flat B of 9
        if ea is not None:
            # one number of a range typed in full is weak: 48-50 is the range's own UPRN
            add("", (a, sa, None), 0.5, leaves=True)
            add("", (ea, "", None), 0.45, leaves=True)
        elif not named_first:
            add(f"{a}{sa}", None, 0.85)  # "6, MAPLE COURT": flat 6 of a named block
        else:
            # "GREEN PLACE, 4 THORN ROAD": the number after a name is the house's, or,
            # where the named building has no number, its flat's
            add(f"{a}{sa}", None, NAMED_FLAT_WEIGHT, unnumbered=True)
    if not out:
        add("", None, 1.0)
    return tuple(out)
