"""Review guardrail: the share of PlaceLink's wrong matches that land in the Review queue
(matched under score 75 or with a margin under 10, the rule of core/matching/review.py)
beside the share of its right matches that do. Goal (issue 11): ≥ 60 % and ≤ 2 %."""

from __future__ import annotations

from collections.abc import Sequence

REVIEW_SCORE = 75.0
REVIEW_MARGIN = 10.0


def guardrail(records: Sequence[object], results: Sequence[object]) -> tuple[int, int, int, int]:
    """(wrong matches, of them in review, right matches, of them in review) over resolvable
    records."""
    wrong = wrong_q = right = right_q = 0
    for k, res in enumerate(results):
        rec = records[k]
        if rec.unresolvable or res.match_status != "matched":  # type: ignore[attr-defined]
            continue
        queued = res.match_score < REVIEW_SCORE or res.margin < REVIEW_MARGIN  # type: ignore[attr-defined]
        if res.uprn == rec.truth:  # type: ignore[attr-defined]
            right, right_q = right + 1, right_q + queued
        else:
            wrong, wrong_q = wrong + 1, wrong_q + queued
    return wrong, wrong_q, right, right_q


def guardrail_line(records: Sequence[object], results: Sequence[object]) -> str:
    wrong, wrong_q, right, right_q = guardrail(records, results)
    return (
        f"  review guardrail: {wrong_q}/{wrong} wrong matches in review"
        f" ({100 * wrong_q / max(wrong, 1):.0f} %), {right_q}/{right} right ones"
        f" ({100 * right_q / max(right, 1):.1f} %)"
    )
