"""Recognise an address or street file's format from its first row."""

from __future__ import annotations

from collections.abc import Sequence

from ..sources import Source, first_row
from . import open_uprn

#: Address formats in the order the FORMAT parameter lists them (index 0 = auto).
ADDRESS_FORMATS: tuple[str, ...] = ("auto", open_uprn.NAME)


def detect_address_format(sources: Sequence[Source]) -> str:
    """Name of the address format of *sources*, judged by the first row of the first file."""
    if not sources:
        raise ValueError("no input files were given")
    fields = first_row(sources[0])
    if fields is None:
        raise ValueError(f"{sources[0].name} is empty")
    if open_uprn.looks_like(fields):
        return open_uprn.NAME
    raise ValueError(
        f"could not recognise the format of {sources[0].name} from its first row "
        f"({','.join(fields[:6])[:120]}…); choose the format explicitly"
    )
