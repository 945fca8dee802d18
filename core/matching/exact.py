"""The exact pass: a record whose text and postcode are exactly one address's.

Most records of a service file are typed as the gazetteer writes them (``FLAT 1, 2 MAPLE
AVENUE, NORTHBRIDGE`` with ``NB2 8UA``). When a record's text, read only up to case,
punctuation and spacing, and its postcode are those of exactly one address, that address
is the answer: the full text of one address identifies it (the matcher's own rule), so
it is matched without scoring any candidate, and its reason says so. Every other record
(a slip, an abbreviation, a missing part, a text two addresses share, a parent shell's
text, no valid postcode) goes through the scoring cascade as before.

A record that leaves out the address's locality (``10 IVY AVENUE, NORTHBRIDGE`` for
``10 IVY AVENUE, BRAMWELL, NORTHBRIDGE``) is that address too when no other address of
the postcode is written so, with its locality left out or having none (an address
written in full as the record is wins: it has no locality to leave out).

A record with no postcode field finds its postcode at the end of its text. One with no
postcode at all is answered by its text alone when that text is exactly one address's
(its postcode aside) and no other address's: a rule of one whole gazetteer, so matchers
of a part of it (an area's, ``batch``) leave it out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import postcode as pc

if TYPE_CHECKING:
    from .index import GazetteerIndex

#: The reason of an answer found by the exact pass (no other note is ever added to it).
EXACT_NOTE = "the record's text and postcode are exactly this address's, and no other address's"
#: The reason of an answer whose record is exactly the address but for its locality.
LOCALITY_EXACT_NOTE = (
    "the record's text and postcode are exactly this address's without its locality, "
    "and no other address's"
)
#: The reason of an answer found by the exact pass from a record's text alone.
TEXT_EXACT_NOTE = (
    "the record's text is exactly this address's, and no other address's (no postcode given)"
)
#: The reasons of the exact pass's answers found by a postcode (so in its area).
POSTCODE_EXACT_NOTES = frozenset({EXACT_NOTE, LOCALITY_EXACT_NOTE})
#: The reasons of every answer of the exact pass.
EXACT_NOTES = POSTCODE_EXACT_NOTES | {TEXT_EXACT_NOTE}

_APOSTROPHES = re.compile(r"['\u2019`]")
_SEPARATORS = re.compile(r"[^\w&/-]+")
#: The same for ASCII text, as one ``str.translate`` (most records): apostrophes dropped,
#: every other character that is not a letter, digit, ``_``, ``&``, ``/`` or ``-`` a space.
_ASCII = {
    **{c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) in "_&/-")},
    **{ord("'"): None, ord("`"): None},
}


def plain(text: str) -> str:
    """*text* up to case, punctuation and spacing: ``St. John's Rd,  1`` → ``ST JOHNS RD 1``."""
    if text.isascii():
        return " ".join(text.upper().translate(_ASCII).split())
    return " ".join(_SEPARATORS.sub(" ", _APOSTROPHES.sub("", text.upper())).split())


def _without_postcode(text: str, code: str) -> str:
    """*text* (already ``plain``) without the valid postcode *code* (``plain`` already:
    letters, digits and one space) it may end with."""
    if text == code:
        return ""
    if text.endswith(code) and text[-len(code) - 1] == " ":
        return text[: -len(code) - 1]
    return text


def _own_entries(index: GazetteerIndex) -> dict[int, int]:
    """Each UPRN's first entry of its own address (not an alternative)."""
    first: dict[int, int] = {}
    for e, (uprn, alternative) in enumerate(
        zip(index.uprn.tolist(), index.is_alternative.tolist())
    ):
        if not alternative and uprn not in first:
            first[uprn] = e
    return first


def exact_tables(
    index: GazetteerIndex,
) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]]:
    """The exact pass's keys, built with the index and kept in its cache:

    - ``exact_keys``: (plain text without its postcode, postcode) → the entry of the one
      address written so (each UPRN's own address, not an alternative, with a valid
      postcode), or -1 for a key two UPRNs share;
    - ``locality_keys``: the same of the addresses that have a locality, written without
      it. A key that is also an address's own (``exact_keys``) is that address's: it is
      looked up first."""
    keys: dict[tuple[str, str], int] = {}
    without_locality: dict[tuple[str, str], int] = {}
    street = index.street.tolist()
    for uprn, e in _own_entries(index).items():
        text = index.address_of.get(uprn)
        code = index.postcode[e]
        if not text or not code or not pc.is_valid(code):
            continue
        full = _without_postcode(plain(text), code)
        if not full:
            continue
        key = (full, code)
        keys[key] = -1 if key in keys else e
        sid = street[e]
        if sid < 0:
            continue
        where = index.streets[sid]
        locality, town = plain(where.locality or ""), plain(where.town or "")
        if not locality or locality == town:
            continue  # (an address line names a locality only when it is not the town)
        tail = f" {locality} {town}" if town else f" {locality}"
        if full.endswith(tail) and len(full) > len(tail):
            key = (full[: -len(tail)] + (f" {town}" if town else ""), code)
            without_locality[key] = -1 if key in without_locality else e
    return keys, without_locality


def exact_entries(
    index: GazetteerIndex,
    texts: Sequence[object],
    pcs: Sequence[object],
    shells: bool = False,
    text_alone: bool = False,
) -> tuple[list[int], dict[int, str]]:
    """Per record, the entry of the one address its text and postcode are exactly
    (``GazetteerIndex.exact_keys``, then without its locality: ``locality_keys``), or -1:
    none, several, or a parent shell's (unless *shells*: matched too). A record without a
    postcode takes the one its text ends with; with none there either and *text_alone*,
    its text alone is looked up (``text_keys``). Also returned: the reason of each answer
    that is not ``EXACT_NOTE``, by position."""
    table = index.exact_keys
    without_locality = index.locality_keys
    parent = index.is_parent
    out = []
    notes: dict[int, str] = {}
    units: dict[str, str | None] = {}  # a file repeats its postcodes
    for k, (text, code) in enumerate(zip(texts, pcs)):
        entry = -1
        key = None
        if isinstance(text, str):
            if isinstance(code, str) and code and not code.isspace():
                unit = units.get(code, "")
                if unit == "":
                    unit = units[code] = pc.normalise(code)
                if unit is not None:
                    key = (_without_postcode(plain(text), unit), unit)
            elif code is None or isinstance(code, str):
                written = plain(text)
                key = _ending_postcode(written)
                if key is None and text_alone and written:
                    entry = text_keys(index).get(written, -1)
                    if entry >= 0:
                        notes[k] = TEXT_EXACT_NOTE
            if key is not None:
                entry = table.get(key, -2)
                if entry == -2:  # no address is written so: one without its locality?
                    entry = without_locality.get(key, -1)
                    if entry >= 0:
                        notes[k] = LOCALITY_EXACT_NOTE
            if entry >= 0 and not shells and parent[entry]:
                entry = -1
                notes.pop(k, None)
        out.append(entry)
    return out, notes


def _ending_postcode(text: str) -> tuple[str, str] | None:
    """(the rest of *text*, the postcode) when *text* (already ``plain``) ends with a valid
    unit postcode written in full (``NB2 8UA`` or ``NB28UA``), else None."""
    words = text.rsplit(" ", 2)
    if len(words) >= 3 and len(words[-1]) == 3:
        unit = words[-2] + " " + words[-1]
        if pc.is_valid(unit):
            return words[0], unit
    if len(words) >= 2:
        unit = pc.normalise(words[-1])
        if unit is not None and unit.replace(" ", "") == words[-1]:
            return " ".join(words[:-1]), unit
    return None


def text_keys(index: GazetteerIndex) -> dict[str, int]:
    """Plain text without its postcode → the entry of the one address written so (each
    UPRN's own address), or -1 for a text two UPRNs share. Built at its first use (a file
    with records without a postcode) and kept on the index."""
    keys = index.__dict__.get("_text_keys")
    if keys is None:
        keys = {}
        for uprn, e in _own_entries(index).items():
            text = index.address_of.get(uprn)
            if not text:
                continue
            code = index.postcode[e]
            key = _without_postcode(plain(text), plain(code)) if code else plain(text)
            if key:
                keys[key] = -1 if key in keys else e
        index.__dict__["_text_keys"] = keys
    return keys
