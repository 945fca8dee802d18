"""``--engine local``: the whole gazetteer in one matcher, on every core of this machine."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from ..core.matching import Matcher, MatchResult, Thresholds


def match_local(
    gazetteer: Sequence[dict[str, object]],
    texts: Sequence[str],
    postcodes: Sequence[str] | None,
    thresholds: Thresholds,
    match_parents: bool = False,
    workers: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> list[MatchResult]:
    """One result per text (input order), as ``placelink:matchaddresses`` gives."""
    matcher = Matcher(gazetteer, match_parents=match_parents, thresholds=thresholds)
    return matcher.match_batch(
        list(texts),
        list(postcodes) if postcodes is not None else None,
        workers=workers or max(1, min(os.cpu_count() or 1, 4)),
        progress=progress,
    )
