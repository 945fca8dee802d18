"""Which match results a person should look at: the one review rule shared by the Review
dock (as a QGIS expression) and the benchmark (as a Python predicate).

A result needs review when it is ambiguous; when it is matched with a score under
``REVIEW_SCORE`` or a margin over its runner-up under ``REVIEW_MARGIN``; or when it is
unmatched although something came close (a score above 0). The queue shows the most likely
wrong first: lowest score plus margin.
"""

from __future__ import annotations

from collections.abc import Mapping

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
    below_score: float = REVIEW_SCORE,
    below_margin: float = REVIEW_MARGIN,
    names: Mapping[str, str] | None = None,
) -> str:
    """``needs_review`` as a QGIS filter expression over a Match addresses output, limited to
    rows without a decision yet; *names* maps the result fields to the layer's own names
    (``results.names_in``: ``match_uprn`` where the input had a ``uprn``)."""
    n = {key: f'"{value}"' for key, value in (names or {}).items()}
    status, score = n.get("match_status", '"match_status"'), n.get("match_score", '"match_score"')
    margin, decision = n.get("margin", '"margin"'), n.get("review_decision", '"review_decision"')
    return (
        f"({status} = 'ambiguous'"
        f" OR ({status} = 'matched' AND ({score} < {float(below_score)!r}"
        f" OR coalesce({margin}, 100) < {float(below_margin)!r}))"
        f" OR ({status} = 'unmatched' AND {score} > 0))"
        f" AND ({decision} IS NULL OR {decision} = '')"
    )
