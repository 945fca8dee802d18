"""Which match results a person should look at: the one review rule shared by the Review
dock (as a QGIS expression) and the benchmark (as a Python predicate).

A result needs review when it is ambiguous; when it is matched with a score under
``REVIEW_SCORE`` or a margin over its runner-up under ``REVIEW_MARGIN``; or when it is
unmatched although something came close (a score above 0). The queue shows the most likely
wrong first: lowest score plus margin.
"""

from __future__ import annotations

#: A matched result scoring under this goes to review.
REVIEW_SCORE = 75.0
#: A matched result beating its runner-up by less than this goes to review.
REVIEW_MARGIN = 10.0


def needs_review(
    status: str,
    score: float | None,
    margin: float | None,
    below_score: float = REVIEW_SCORE,
    below_margin: float = REVIEW_MARGIN,
) -> bool:
    """True when a result with this *status*, *score* and *margin* belongs in the queue."""
    score = float(score or 0.0)
    if status == "ambiguous":
        return True
    if status == "matched":
        return score < below_score or float(margin if margin is not None else 100.0) < below_margin
    return score > 0.0


def review_priority(score: float | None, margin: float | None) -> float:
    """Sort key of the queue: smaller first (the most likely wrong)."""
    return float(score or 0.0) + float(margin if margin is not None else 100.0)


def review_expression(
    below_score: float = REVIEW_SCORE, below_margin: float = REVIEW_MARGIN
) -> str:
    """``needs_review`` as a QGIS filter expression over a Match addresses output, limited to
    rows without a decision yet."""
    return (
        "(\"match_status\" = 'ambiguous'"
        f' OR ("match_status" = \'matched\' AND ("match_score" < {float(below_score)!r}'
        f' OR coalesce("margin", 100) < {float(below_margin)!r}))'
        ' OR ("match_status" = \'unmatched\' AND "match_score" > 0))'
        ' AND ("review_decision" IS NULL OR "review_decision" = \'\')'
    )
