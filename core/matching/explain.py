"""Plain-words ``match_reason`` from the scored evidence.

``postcode exact; number 10 = 10; flat 2 missing in record; street fuzzy 94``
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


def _flat_label(key: str) -> str:
    floors = {"F-1": "basement", "F0": "ground floor", "F1": "first floor", "F2": "second floor",
              "F3": "third floor", "FTOP": "top floor"}  # fmt: skip
    return floors.get(key, key)


@lru_cache(maxsize=65536)
def part_text(part: str, outcome: str, detail: str) -> str:
    """One piece of evidence in words (kept per piece: most repeat from record to record)."""
    if part in ("postcode", "partial postcode"):  # partial: the valid parts of an invalid one
        return f"{part} {outcome}" + (f" ({detail})" if detail else "")
    if part == "number":
        if outcome == "=":
            return f"number {detail} = {detail}"
        if outcome == "missing":
            return f"number {detail} missing in record"
        if outcome == "extra":
            return f"number {detail} in record, none in gazetteer"
        if outcome == "letter missing":
            return f"number {detail}: its letter missing in record"
        return f"number {detail}" if outcome == "≠" else f"number {detail} ({outcome})"
    if part == "flat":
        label = _flat_label(detail)
        if outcome == "=":
            return f"flat {label} = {label}"
        if outcome == "kind differs":
            return f"flat {label} = {label}, but a home's flat is not a business unit"
        if outcome == "missing":
            return f"flat {label} missing in record"
        if outcome == "id missing":
            return f"flat {label}: record says flat, not which"
        if outcome == "word only":
            return "record says flat, none in gazetteer"
        if outcome == "extra":
            return f"flat {label} in record, none in gazetteer"
        if outcome == "~":
            a, _, b = detail.partition(" ~ ")
            return f"flat {a} close to {b}"
        a, _, b = detail.partition(" ≠ ")
        return f"flat {_flat_label(a)} ≠ {_flat_label(b)}"
    if part == "street":
        if outcome == "exact":
            return "street exact"
        if outcome == "type differs":
            return f"street type differs ({detail})"
        if outcome == "missing":
            return "street missing in record"
        return f"street {outcome} {detail}"
    if part == "building":
        if outcome == "missing":
            return "building name missing in record"
        if outcome == "extra":
            return "record names a building, none in gazetteer"
        if outcome == "not on street":
            return "record names a building no address of this street has"
        return "building name exact" if outcome == "exact" else f"building name {outcome} {detail}"
    if part == "organisation":
        if outcome == "missing":
            return f"organisation {detail} not in record"
        return "organisation exact" if outcome == "exact" else f"organisation {outcome} {detail}"
    if part == "place" and outcome == "town differs":
        return f"town differs ({detail})"
    if part == "place":
        return f"town/locality differs ({detail})"
    return f"{part} {outcome} {detail}".strip()


def reason(parts: Iterable[tuple[str, str, str]], extra: Iterable[str] = ()) -> str:
    """Join the evidence and any extra notes with ``; ``."""
    texts = []
    for p in parts:  # (loops: no comprehension per answer)
        texts.append(part_text(*p))
    for e in extra:
        if e:
            texts.append(e)
    return "; ".join(texts)
