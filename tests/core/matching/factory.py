"""Canonical address records for the matching tests' hand-written gazetteers."""

from __future__ import annotations

from collections.abc import Callable

from placelink.core.address_text import format_address
from placelink.core.schema import empty_address


def address_maker(**defaults: object) -> Callable[..., dict[str, object]]:
    """``make(uprn, **values)``: a canonical record of *defaults* overridden by *values*,
    with its full ``address`` text."""

    def make(uprn: int, **values: object) -> dict[str, object]:
        rec = empty_address(uprn=uprn, **{**defaults, **values})
        rec["address"] = format_address(rec)
        return rec

    return make
