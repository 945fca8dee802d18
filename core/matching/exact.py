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

from .. import postcode as pc
from .index import GazetteerIndex

#: The reason of an answer found by the exact pass (no other note is ever added to it).
EXACT_NOTE = "the record's text and postcode are exactly this address's, and no other address's"

_APOSTROPHES = re.compile(r"['\u2019`]")
_SEPARATORS = re.compile(r"[^\w&/-]+")


def plain(text: str) -> str:
    """*text* up to case, punctuation and spacing: ``St. John's Rd,  1`` → ``ST JOHNS RD 1``."""
    return " ".join(_SEPARATORS.sub(" ", _APOSTROPHES.sub("", text.upper())).split())


def _without_postcode(text: str, code: str) -> str:
    """*text* (already ``plain``) without the valid postcode *code* (``plain`` already:
    letters, digits and one space) it may end with."""
    if text == code:
        return ""
    if text.endswith(code) and text[-len(code) - 1] == " ":
        return text[: -len(code) - 1]
    return text


def exact_table(index: GazetteerIndex, match_parents: bool = False) -> dict[tuple[str, str], int]:
    """(plain text without its postcode, postcode) → the entry of the one address written
    so: each UPRN's own (not alternative) address with a valid postcode; a key two UPRNs
    share, or a parent shell's when shells are not matched, is left out."""
    first: dict[int, int] = {}
    for e, (uprn, alternative) in enumerate(
        zip(index.uprn.tolist(), index.is_alternative.tolist())
    ):
        if not alternative and uprn not in first:
            first[uprn] = e
    table: dict[tuple[str, str], int] = {}
    for uprn, e in first.items():
        text = index.address_of.get(uprn)
        code = index.postcode[e]
        if not text or not code or not pc.is_valid(code):
            continue
        key = (_without_postcode(plain(text), code), code)
        if not key[0]:
            continue
        allowed = match_parents or not bool(index.is_parent[e])
        # -1: shared by two UPRNs, or a shell's: never an exact answer
        table[key] = -1 if key in table or not allowed else e
    return {key: e for key, e in table.items() if e >= 0}


def exact_entries(
    table: dict[tuple[str, str], int], texts: Sequence[object], pcs: Sequence[object]
) -> list[int]:
    """Per record, the entry its text and postcode are exactly (``exact_table``), or -1."""
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
        out.append(entry)
    return out
