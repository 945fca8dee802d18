"""The review rule: one predicate, one QGIS expression, the same decisions."""

from __future__ import annotations

import pytest
from placelink.core.matching.review import (
    REVIEW_MARGIN,
    REVIEW_SCORE,
    needs_review,
    review_expression,
    review_priority,
)


@pytest.mark.parametrize(
    ("status", "score", "margin", "expected"),
    [
        ("matched", 95.0, 40.0, False),
        ("matched", REVIEW_SCORE - 0.1, 40.0, True),
        ("matched", 95.0, REVIEW_MARGIN - 0.1, True),
        ("matched", REVIEW_SCORE, REVIEW_MARGIN, False),
        ("matched", 95.0, None, False),
        ("ambiguous", 99.0, 0.0, True),
        ("unmatched", 0.0, 0.0, False),
        ("unmatched", 31.0, 0.0, True),
    ],
)
def test_needs_review(status: str, score: float, margin: float | None, expected: bool) -> None:
    assert needs_review(status, score, margin) is expected


def test_priority_puts_weakest_first() -> None:
    rows = [(90.0, 50.0), (60.0, 3.0), (80.0, 8.0)]
    assert sorted(rows, key=lambda r: review_priority(*r)) == [
        (60.0, 3.0),
        (80.0, 8.0),
        (90.0, 50.0),
    ]


def test_expression_names_both_thresholds() -> None:
    text = review_expression(80, 12)
    assert '"match_score" < 80.0' in text and 'coalesce("margin", 100) < 12.0' in text
    assert text.endswith('("review_decision" IS NULL OR "review_decision" = \'\')')
