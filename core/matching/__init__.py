"""Address matching: gazetteer index, blocking cascade, structured scoring, explanations."""

from .matcher import (
    AMBIGUOUS,
    MATCHED,
    RESULT_FIELDS,
    UNMATCHED,
    Matcher,
    MatchResult,
    Thresholds,
    join_fields,
)

__all__ = [
    "AMBIGUOUS",
    "MATCHED",
    "RESULT_FIELDS",
    "UNMATCHED",
    "MatchResult",
    "Matcher",
    "Thresholds",
    "join_fields",
]
