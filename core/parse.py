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
from .normalise import UNIT_WORDS, is_street_type, split_number, tokens

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
#: Unit nouns that also end business names (``HAIR STUDIO``) when no identifier follows.
_NAME_NOUNS = frozenset({"UNIT", "ROOM", "STUDIO", "SUITE"})
#: Sub-units that are not homes: their ids get a prefix, so ``PARKING SPACE 5`` (``PS5``) is
#: never taken for ``FLAT 5`` (``5``) of the same building.
NON_DWELLING = {"PARKING": "PS", "BAY": "PS", "CARPORT": "PS", "GARAGE": "GA", "STORE": "ST"}
_FLOOR_WORDS = frozenset(FLOOR_KEYS) | {"LOWER"}
_UNIT_ID = re.compile(r"^(\d{1,4}[A-Z]?|[A-Z]\d{0,3})$")
_RANGE = re.compile(r"^(\d{1,5})([A-Z]?)-(\d{1,5})([A-Z]?)$")
_SLASH = re.compile(r"^(\d{1,5})([A-Z]?)/(\d{1,5})([A-Z]?)$")
_NUMBER = re.compile(r"^\d{1,5}[A-Z]?$")


@dataclass(frozen=True)
class Reading:
    """One way to read an address's numbers: flat key, house number, suffix, range end."""

    flat: str = ""
    number: int | None = None
    suffix: str = ""
    end: int | None = None
    #: How much this reading is trusted (1 = the plain reading).
    weight: float = 1.0


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

    @property
    def numbers(self) -> set[int]:
        """Every house number any reading uses (for blocking)."""
        out = {r.number for r in self.readings if r.number is not None}
        for r in self.readings:
            if r.end is not None and r.number is not None and r.end - r.number <= 20:
                out.update(range(r.number, r.end + 1))
        return out

    @property
    def word_text(self) -> str:
        """The words joined by spaces (for fuzzy comparison)."""
        return " ".join(self.words)


def flat_digits(key: str) -> int:
    """The number inside a flat key (``1A`` → 1, ``B12`` → 12); -1 when it has none. A
    floor key gives a code of its floor (``F0`` and ``F0/REAR`` are a position apart)."""
    if is_floor_key(key):
        return _FLOOR_CODES[key.partition("/")[0]]
    digits = "".join(c for c in key if c.isdecimal())
    return int(digits) if digits and len(digits) <= 4 else -1


def is_floor_key(key: str) -> bool:
    """True for floor keys (``F0``, ``F-1``, ``FTOP``), with or without a position
    (``F0/REAR``; ``FX/LEFT`` for a position on no named floor)."""
    return key.partition("/")[0] in _FLOOR_KEY_SET


def flat_key(text: object, number: object = None, suffix: object = None) -> str:
    """Canonical flat identity from SAO parts: ``FLAT`` + 2 → ``2``; ``FLAT A`` → ``A``;
    ``GROUND FLOOR FLAT`` → ``F0``; an SAO name (``ANNEXE``) → the name."""
    try:
        return _flat_key(text, number, suffix)
    except TypeError:  # unhashable input
        return _flat_key.__wrapped__(text, number, suffix)


@lru_cache(maxsize=100_000)
def _flat_key(text: object, number: object = None, suffix: object = None) -> str:
    num = ""
    if number not in (None, ""):
        try:
            num = f"{int(number)}{(str(suffix or '')).strip().upper()}"  # type: ignore[call-overload]
        except (TypeError, ValueError):
            num = str(number).strip().upper()
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


def _unit_parts(toks: list[str]) -> tuple[str, str, list[str]]:
    """(unit id, floor key, leftover words) of a short SAO text."""
    unit = floor = ""
    rest: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if t in UNIT_NOUNS:
            if nxt and _UNIT_ID.match(nxt):
                unit = _unit_id(nxt)
                i += 2
                continue
            i += 1
            continue
        key, used = _floor_at(toks, i)
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


def _unit_id(token: str) -> str:
    """``003`` → ``3``; ``01A`` → ``1A``; letters unchanged."""
    stripped = token.lstrip("0")
    return stripped if stripped and stripped[0].isdecimal() else token


def _bare_unit_at(toks: list[str], i: int) -> bool:
    """A unit noun at *i* with no identifier after it (``FLAT``, not ``FLAT 2``)."""
    if i >= len(toks) or toks[i] not in UNIT_NOUNS:
        return False
    return not (i + 1 < len(toks) and _UNIT_ID.match(toks[i + 1]))


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
            if after == "," or after in UNIT_NOUNS or _number_token(after) is not None:
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


def _number_token(tok: str) -> tuple[int, str, int | None] | None:
    """``12`` / ``12A`` / ``12-14`` → (start, suffix, end)."""
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
    toks = tokens(rest)
    flat = floor = ""
    flat_then_word = bare_unit = False
    numbers: list[tuple[int, str, int | None]] = []
    named_first = False
    slashes: list[tuple[tuple[int, str], tuple[int, str]]] = []
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
        if t in UNIT_NOUNS:
            if nxt and _UNIT_ID.match(nxt) and not flat:
                flat = _unit_id(nxt)
                letter_flat = nxt.isalpha()
                flat_then_word = i + 2 < n and toks[i + 2] != ","
                i += 2
                continue
            if nxt and _SLASH.match(nxt) and not flat:
                flat = nxt  # FLAT 3/2 (Scottish floor/position): the whole token is the unit
                i += 2
                continue
            if t in _NAME_NOUNS and segments[-1]:
                # "LAWSON HAIR STUDIO", "FUNCTION ROOM": the noun ends a name, no unit
                words.append(t)
                segments[-1].append(t)
                i += 1
                continue
            bare_unit = True  # "FLAT, 19 HIGH STREET", "FLAT OVER": a flat, id unknown
            i += 1
            continue
        if t in NON_DWELLING and not flat:  # "PARKING SPACE 5", "GARAGE 3"
            j = i + 1 + (i + 1 < n and toks[i + 1] in ("SPACE", "BAY", "NO"))
            if j < n and _UNIT_ID.match(toks[j]) and toks[j][0].isdecimal():
                flat = NON_DWELLING[t] + _unit_id(toks[j])
                i = j + 1
                continue
        key, used = _floor_at(toks, i)
        if used:
            floor = floor or key
            i += used
            continue
        num = _number_token(t)
        if num is not None:
            # "10 A HIGH STREET": a lone letter after a number is its suffix
            if not num[1] and num[2] is None and len(nxt) == 1 and nxt.isalpha() and nxt not in "I":
                num = (num[0], nxt, None)
                i += 1
            numbers.append(num)
            if len(numbers) == 1:
                named_first = bool(words)  # "MERCIA HOUSE, 12 ST MARYS CLOSE": a name came first
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
        m = _SLASH.match(t)
        if m:
            slashes.append(((int(m.group(1)), m.group(2)), (int(m.group(3)), m.group(4))))
            i += 1
            continue
        if t in UNIT_WORDS and t not in _FLOOR_WORDS:
            i += 1  # a stray unit word (FLOOR without a floor name)
            continue
        words.append(t)
        segments[-1].append(t)
        i += 1
    out.words = words
    out.segments = [" ".join(s) for s in segments if s]
    out.street_type = next((w for w in reversed(words) if is_street_type(w)), "")
    out.floor = floor
    out.unit_word = bare_unit and not flat and not floor
    out.readings = _readings(flat or floor, letter_flat, numbers, slashes, named_first)
    if flat and flat_then_word and not numbers and not slashes:
        # "FIRST FLOOR FLAT 77 HAWTHORN STREET": the number after the unit word may be the
        # house number (no commas to tell); "FLAT 75 CAMBRIDGE WAY" may be house 75
        split = split_number(flat)
        if split is not None and floor:  # a floor flat at house number n is the likelier
            first = out.readings[0]
            out.readings[0] = Reading(first.flat, first.number, first.suffix, first.end, 0.9)
            out.readings.insert(0, Reading(floor, split[0], split[1], None, 1.0))
        elif split is not None:
            out.readings.append(Reading("", split[0], split[1], None, 0.75))
    if floor and not flat:  # "2 SECOND FLOOR, HEATHER MANSIONS": the number may be the flat
        for r in _readings("", False, numbers, slashes):
            if all((r.flat, r.number) != (o.flat, o.number) for o in out.readings):
                out.readings.append(Reading(r.flat, r.number, r.suffix, r.end, r.weight * 0.9))
    first = out.readings[0] if out.readings else Reading()
    out.flat, out.number, out.suffix, out.end = first.flat, first.number, first.suffix, first.end
    return out


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
    out: list[Reading] = []

    def add(flat_: str, num: tuple[int, str, int | None] | None, weight: float) -> None:
        r = Reading(flat_, *(num if num else (None, "", None)), weight=weight)
        if all(
            (r.flat, r.number, r.suffix, r.end) != (o.flat, o.number, o.suffix, o.end) for o in out
        ):
            out.append(r)

    for (a, sa), (b, sb) in slashes:
        add(f"{a}{sa}", (b, sb, None), 1.0)  # 2/10: flat 2 of 10
        add(f"{b}{sb}", (a, sa, None), 0.95)  # 10/2 (Scottish style): flat 2 of 10
        if not sa and not sb and 0 < b - a <= 6:
            add(flat, (a, "", b), 0.9)  # 90/92 as a range
    if flat:
        if numbers:
            add(flat, numbers[0], 1.0)
            if len(numbers) > 1:
                add(flat, numbers[-1], 0.9)
            if letter_flat and not numbers[0][1] and numbers[0][2] is None:
                add("", (numbers[0][0], flat, None), SUFFIX_FLAT_WEIGHT)  # Flat A, 45 ↔ 45A
        else:
            add(flat, None, 1.0)
        return out
    if len(numbers) >= 2:
        (a, sa, ea), (b, sb, eb) = numbers[0], numbers[1]
        if ea is None:
            add(f"{a}{sa}", numbers[1], 1.0)  # 2, 67 HIGH ST: flat 2 of 67
        # one of two numbers left unexplained is weak evidence (7, MAPLE COURT, 131 FERN
        # DRIVE is not 7 FERN DRIVE)
        add("", numbers[0], 0.6)
        add("", numbers[1], 0.55)
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
            add("", (a, sa, None), 0.5)
            add("", (ea, "", None), 0.45)
        else:
            if not named_first:
                add(f"{a}{sa}", None, 0.85)  # "6, MAPLE COURT": flat 6 of a named block
    if not out:
        add("", None, 1.0)
    return out
