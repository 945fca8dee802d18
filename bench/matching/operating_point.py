"""Two matchers compared at one precision, beside each as it is set by default."""

from __future__ import annotations

from placelink.core.matching import AMBIGUOUS, MATCHED

from .records import Record


def recall_at_precision(
    records: list[Record],
    predicted: list[int | None],
    confidence: list[tuple[float, ...]],
    target: float,
) -> float:
    """The best recall a matcher reaches when it keeps only its surest answers, as many as
    keep its precision at *target* or above. Its own measures of confidence order them
    (for uk-address-matcher: distinguishability and match weight), each measure first in
    turn, and the better of the orderings counts: the comparison is at its best setting."""
    n_res = sum(not rec.unresolvable for rec in records)
    answered = [
        (conf, uprn == rec.truth)
        for rec, uprn, conf in zip(records, predicted, confidence, strict=False)
        if uprn is not None and not rec.unresolvable
    ]
    width = len(confidence[0]) if confidence else 0
    best = 0
    for first in range(max(width, 1)):

        def order(pair: tuple[tuple[float, ...], bool], first: int = first) -> tuple:
            conf = pair[0]
            return (conf[first:] + conf[:first]) if conf else ()

        ranked = sorted(answered, key=order, reverse=True)
        tp = 0
        for i, pair in enumerate(ranked):
            tp += pair[1]
            tie_next = i + 1 < len(ranked) and order(ranked[i + 1]) == order(pair)
            if not tie_next and tp / (i + 1) >= target:
                best = max(best, tp)
    return best / max(n_res, 1)


def recall_ceilings(
    records: list[Record], results: list, predicted: list[int | None]
) -> tuple[float, float]:
    """Two recalls no honest setting of either matcher passes, to read the goal against.

    *both*: a record counts when PlaceLink matches it right or uk-address-matcher does (an
    oracle that knows, record by record, which of the two to believe). *guessing*: as
    *both*, and also every record PlaceLink calls ambiguous whose first candidate is its
    truth (PlaceLink forced to answer every tie with its first candidate, whatever the
    wrong answers that costs)."""
    n_res = 0
    both = guessing = 0
    for rec, res, uprn in zip(records, results, predicted, strict=False):
        if rec.unresolvable:
            continue
        n_res += 1
        first_right = res.uprn == rec.truth
        right = (res.match_status == MATCHED and first_right) or uprn == rec.truth
        both += right
        guessing += right or (res.match_status == AMBIGUOUS and first_right)
    return both / max(n_res, 1), guessing / max(n_res, 1)
