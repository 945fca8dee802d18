"""Shared field parsers: one cell of a supply's row → a typed value or a plain reason.

Every format reader (``dtf73``, ``addressbase``, ``addressbase_plus_core``, ``open_uprn``,
``dtf81``, ``dtf73_streets``, ``codepoint``…) reads its numbers, UPRNs, USRNs, suffixes,
coordinates, dates and codes with these, so a value means the same in every format and a
bad one is rejected with the same words. A parser raises ``ValueError`` with a reason a
council officer can act on; the ``*_or_none`` and ``optional_*`` forms give None instead.
A new format imports from here; it does not write its own.
"""

from __future__ import annotations

import datetime as _datetime
import functools
import re
import sys
from collections.abc import Callable

from ..bng import MAX_E, MAX_N, MIN_E, MIN_N, in_bng, parse_coordinate

MAX_UPRN = 999_999_999_999  # UPRNs have at most 12 digits
MAX_USRN = 99_999_999  # USRNs have at most 8 digits
_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_intern = sys.intern


# --- identifiers --------------------------------------------------------------------------
def parse_uprn(text: str) -> int:
    """Parse a UPRN; raise ValueError with a plain reason if it is not one."""
    value = text.strip()
    if not value:
        raise ValueError("UPRN is empty")
    if value.endswith(".0"):  # spreadsheets turn 100012345678 into 100012345678.0
        value = value[:-2]
    if not value.isdecimal():
        raise ValueError(f"UPRN {value!r} is not a whole number")
    uprn = int(value)
    if not 0 < uprn <= MAX_UPRN:
        raise ValueError(f"UPRN {value} is outside 1–{MAX_UPRN}")
    return uprn


# --- numbers, text, dates (the multi-record layouts' fast forms) ------------------------
def whole(text: str, what: str, required: bool = False) -> int | None:
    """A whole number, None when empty (ValueError naming *what* when required or not a number)."""
    if text.isdecimal():
        return int(text)
    value = text.strip()
    if not value:
        if required:
            raise ValueError(f"{what} is empty")
        return None
    if value.isdecimal():
        return int(value)
    if value.endswith(".0") and value[:-2].isdecimal():
        return int(value[:-2])
    raise ValueError(f"{what} {value!r} is not a whole number")


def usrn_of(value: str) -> int | None:
    """A USRN field: a whole number, or None when empty."""
    return whole(value, "USRN")


def suffix(value: str, what: str) -> str:
    """A BS 7666 number suffix (one or two letters), '' when empty; ValueError otherwise.

    The check also catches rows whose fields have shifted (text where a suffix belongs).
    """
    if not value:
        return ""
    value = value.strip().upper()
    if len(value) > 2 or (value and not value.isalpha()):
        raise ValueError(f"{what} {value[:40]!r} is not a suffix (one or two letters)")
    return _intern(value)


_NO_NUMBERS = (None, "", None, "")


def numbers(f: list[str], at: int, what: str) -> tuple:
    """(start number, start suffix, end number, end suffix) of an SAO or PAO at field *at*."""
    start, start_suffix, end, end_suffix = f[at : at + 4]
    if not (start or start_suffix or end or end_suffix):
        return _NO_NUMBERS
    return (
        int(start) if start.isdecimal() else whole(start, f"{what} start number"),
        suffix(start_suffix, f"{what} start suffix"),
        int(end) if end.isdecimal() else whole(end, f"{what} end number"),
        suffix(end_suffix, f"{what} end suffix"),
    )


def uprn_or_none(text: str, what: str = "parent UPRN") -> int | None:
    """An optional UPRN field (parent UPRN): None when empty."""
    if not text.strip():
        return None
    try:
        return parse_uprn(text)
    except ValueError as exc:
        raise ValueError(f"{what}: {exc}") from None


def point(x_text: str, y_text: str) -> tuple[float, float]:
    """Easting/northing in the British National Grid, or ValueError with the reason."""
    try:  # the usual row: two numbers in the grid (NaN and infinities fail the test)
        x, y = float(x_text), float(y_text)
        if MIN_E <= x <= MAX_E and MIN_N <= y <= MAX_N:
            return x, y
    except (TypeError, ValueError):
        pass  # said in words below
    x = parse_coordinate(x_text)
    y = parse_coordinate(y_text)
    if not in_bng(x, y):
        raise ValueError(f"coordinates {x:g}, {y:g} are outside the British National Grid")
    return x, y


def text(value: str) -> str:
    """A text field without surrounding spaces ('' when empty), interned when short."""
    value = value.strip()
    return _intern(value) if len(value) <= 12 else value


def date(value: str) -> str | None:
    """An ISO date (``YYYY-MM-DD``) or None; other shapes are kept only if they parse as ISO."""
    value = value.strip()
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return _intern(value)
    if len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":  # 2010-01-01T00:00:00
        return _intern(value[:10])
    return None


class Memo(dict):
    """``memo[raw]``: *convert(raw)* computed once per distinct raw value (dates, postcodes,
    codes repeat thousands of times; a dict hit is far cheaper than a call, and equal
    values share one string)."""

    def __init__(self, convert: Callable[[str], object]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, key: str) -> object:
        value = self[key] = self.convert(key)
        return value


def postcode_text(value: str) -> str:
    """``tn13 1aa `` → ``TN13 1AA`` (spacing and case only; validity is a quality rule)."""
    return _intern(" ".join(value.upper().split()))


def code_text(value: str) -> str:
    """A short code or flag, stripped, upper case and interned (``eng`` → ``ENG``)."""
    return _intern(value.strip().upper())


def uprn(value: str) -> int:
    """``parse_uprn`` with a fast path for the plain digits nearly every row has."""
    if value.isdecimal() and len(value) <= 12 and value.strip("0"):
        return int(value)
    return parse_uprn(value)


def looks_like_postcode(value: str) -> bool:
    """Cheap shape test (no regex): ``AB1 2CD``-like text."""
    value = value.strip()
    return 5 <= len(value) <= 8 and value[0].isalpha() and value[-3].isdecimal() and " " in value


def whole_or_none(value: str) -> int | None:
    try:
        return whole(value, "count")
    except ValueError:
        return None


# --- numbers, dates and text (street formats) ---------------------------------------------
def parse_int(text: str, what: str) -> int:
    """A whole number; ValueError with a plain reason otherwise ("8.0" is read as 8)."""
    value = text.strip()
    if value.endswith(".0"):
        value = value[:-2]
    if not value:
        raise ValueError(f"{what} is empty")
    if not value.lstrip("-").isdecimal():
        raise ValueError(f"{what} {value!r} is not a whole number")
    return int(value)


def optional_int(text: str | None) -> int | None:
    """A whole number or None when empty or unreadable."""
    if text is None:
        return None
    try:
        return parse_int(text, "value")
    except ValueError:
        return None


def parse_usrn(text: str) -> int:
    """A USRN (1-99,999,999); ValueError with a plain reason otherwise."""
    usrn = parse_int(text, "USRN")
    if not 0 < usrn <= MAX_USRN:
        raise ValueError(f"USRN {usrn} is outside 1–{MAX_USRN}")
    return usrn


@functools.lru_cache(maxsize=65536)  # gazetteers repeat the same few dates
def parse_date(text: str | None) -> str | None:
    """ISO date from ``YYYY-MM-DD``, ``YYYYMMDD`` or ``DD/MM/YYYY``; None if empty/invalid."""
    value = (text or "").strip()
    if not value:
        return None
    match = _DATE.match(value)
    if match:
        y, m, d = (int(g) for g in match.groups())
    else:
        match = _UK_DATE.match(value)
        if not match:
            return None
        d, m, y = (int(g) for g in match.groups())
    try:
        return _datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def is_date(text: str) -> bool:
    return parse_date(text) is not None


def text_or_none(text: str | None) -> str | None:
    value = (text or "").strip()
    return value or None
