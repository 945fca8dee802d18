"""The floor of matching: every address typed exactly as the gazetteer writes it finds itself.

For each address that is not a parent shell, three texts a person would type are matched
against the gazetteer the address came from: the full single line with its postcode;
the same in upper case with no commas and no postcode; and the full line without its
locality. Each must come back MATCHED to the address's own UPRN. Texts that two or more
UPRNs share (after normalisation) cannot identify one address and are left out.
Reusable on any gazetteer: the sample council, the benchmark's generators, a real LLPG.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from placelink.core.address_text import format_address
from placelink.core.normalise import normalise

from .matcher import MATCHED, Matcher

#: The forms typed for each address (their names appear in failures).
FORMS = ("with postcode", "upper no commas no postcode", "without locality")


@dataclass(frozen=True)
class FloorFailure:
    """One typed form of one address that did not match its own UPRN."""

    uprn: int
    form: str
    text: str
    status: str
    got_uprn: int | None
    score: float
    reason: str


def _forms(row: Mapping[str, object]) -> list[tuple[str, str]]:
    full = format_address(row)
    bare = format_address({**row, "postcode": None}).upper().replace(",", "")
    out = [(FORMS[0], full), (FORMS[1], bare)]
    if row.get("locality") not in (None, ""):
        out.append((FORMS[2], format_address({**row, "locality": None})))
    return out


def floor_cases(
    rows: Iterable[Mapping[str, object]], matcher: Matcher
) -> list[tuple[int, str, str]]:
    """``(uprn, form, text)`` for every typed form that must match its own UPRN."""
    index = matcher.index
    parents = {int(u) for u in index.uprn[index.is_parent]}
    cases: list[tuple[int, str, str]] = []
    owners: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        uprn = int(row["uprn"])  # type: ignore[call-overload]
        if uprn in parents and not matcher.match_parents:
            continue
        for form, text in _forms(row):
            cases.append((uprn, form, text))
            owners[normalise(text)].add(uprn)
    return [c for c in cases if len(owners[normalise(c[2])]) == 1]


def floor_failures(
    rows: Iterable[Mapping[str, object]], matcher: Matcher, *, workers: int = 1
) -> list[FloorFailure]:
    """Every typed form of every non-parent address of *rows* that does not match its own
    UPRN with *matcher* (built from the same gazetteer). Empty when the floor holds."""
    rows = list(rows)
    cases = floor_cases(rows, matcher)
    results = matcher.match_batch([c[2] for c in cases], None, workers=workers)
    failures: list[FloorFailure] = []
    for k, res in enumerate(results):
        uprn, form, text = cases[k]
        if res.match_status == MATCHED and res.uprn == uprn:
            continue
        failures.append(
            FloorFailure(
                uprn, form, text, res.match_status, res.uprn, res.match_score, res.match_reason
            )
        )
    return failures
