"""British National Grid extent checks."""

from __future__ import annotations

import math

#: The OSGB36 / British National Grid extent (EPSG:27700 area of use, metres).
MIN_E, MAX_E = 0.0, 700_000.0
MIN_N, MAX_N = 0.0, 1_300_000.0


def in_bng(easting: float, northing: float) -> bool:
    """True when the point lies within the British National Grid."""
    return (
        math.isfinite(easting)
        and math.isfinite(northing)
        and MIN_E <= easting <= MAX_E
        and MIN_N <= northing <= MAX_N
    )


def parse_coordinate(text: str) -> float:
    """Parse an easting/northing; raise ValueError with a plain reason if it is not a number."""
    value = text.strip()
    if not value:
        raise ValueError("coordinate is empty")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"coordinate {value!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"coordinate {value!r} is not a finite number")
    return number
