"""The exact pass: a record whose text and postcode are exactly one address's.

Most records of a service file are typed as the gazetteer writes them (``FLAT 1, 2 MAPLE
AVENUE, NORTHBRIDGE`` with ``NB2 8UA``). When a record's text, read only up to case,
punctuation and spacing, and its postcode are those of exactly one address, that address
is the answer: the full text of one address identifies it (the matcher's own rule), so
it is matched without scoring any candidate, and its reason says so. Every other record
(a slip, an abbreviation, a missing part, a text two addresses share, a parent shell's
text, no valid postcode) goes through the scoring cascade as before.
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


def exact_keys(index: GazetteerIndex) -> dict[tuple[str, str], int]:
    """(plain text without its postcode, postcode) → the entry of the one address written
    so (each UPRN's own address, not an alternative, with a valid postcode), or -1 for a
    key two UPRNs share. Built with the index and kept in its cache."""
    first: dict[int, int] = {}
    for e, (uprn, alternative) in enumerate(
        zip(index.uprn.tolist(), index.is_alternative.tolist())
    ):
        if not alternative and uprn not in first:
            first[uprn] = e
    keys: dict[tuple[str, str], int] = {}
    for uprn, e in first.items():
        text = index.address_of.get(uprn)
        code = index.postcode[e]
        if not text or not code or not pc.is_valid(code):
            continue
        key = (_without_postcode(plain(text), code), code)
        if key[0]:
            keys[key] = -1 if key in keys else e
    return keys


def exact_entries(
    index: GazetteerIndex, texts: Sequence[object], pcs: Sequence[object], shells: bool = False
) -> list[int]:
    """Per record, the entry of the one address its text and postcode are exactly
    (``GazetteerIndex.exact_keys``), or -1: none, several, or a parent shell's (unless
    *shells*: matched too)."""
    table = index.exact_keys
    parent = index.is_parent
    out = []
    units: dict[str, str | None] = {}  # a file repeats its postcodes
    for text, code in zip(texts, pcs):
        entry = -1
        if isinstance(text, str) and isinstance(code, str) and code:
            unit = units.get(code, "")
            if unit == "":
                unit = units[code] = pc.normalise(code)
            if unit is not None:
                entry = table.get((_without_postcode(plain(text), unit), unit), -1)
                if entry >= 0 and not shells and parent[entry]:
                    entry = -1
        out.append(entry)
    return out
