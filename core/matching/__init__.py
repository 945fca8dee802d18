"""Address matching: gazetteer index, blocking cascade, structured scoring, explanations.

The result contract (``results``) is imported at once; the matcher (numpy, rapidfuzz) only
when ``Matcher``, ``MatchResult`` or ``Thresholds`` is first used, so reading the contract
never needs the matcher's packages.
"""

from __future__ import annotations

from .results import (
    AMBIGUOUS,
    MATCHED,
    OUTPUT_FIELDS,
    RESULT_FIELDS,
    REVIEW_FIELDS,
    UNMATCHED,
    join_fields,
    output_names,
    record_text,
)

_FROM_MATCHER = ("Matcher", "MatchResult", "Thresholds")

__all__ = [
    "AMBIGUOUS",
    "MATCHED",
    "OUTPUT_FIELDS",
    "RESULT_FIELDS",
    "REVIEW_FIELDS",
    "UNMATCHED",
    "MatchResult",
    "Matcher",
    "Thresholds",
    "join_fields",
    "output_names",
    "record_text",
]


def __getattr__(name: str) -> object:
    if name in _FROM_MATCHER:
        from . import matcher

        return getattr(matcher, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
