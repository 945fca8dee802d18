"""Recognise an address file's format from its first rows.

Header-row formats (OS Open UPRN, AddressBase Plus, AddressBase Core) are recognised by
their column names. Multi-record files (field 1 a record type: 10, 15, 21, 24, …) are told
apart by shape: a DTF 7.3 header says version 7.3, a DTF 7.3 BLPU (21) has a class code
(letters) in field 8 where AddressBase Premium has the parent UPRN (digits), a DTF 7.3 LPI
(24) has 27+ fields with a postcode at field 25 where AddressBase's has 26, and delivery
point records (28) exist only in AddressBase Premium.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..input_checks import shown, unreadable_first_row
from ..records import LoadStats
from ..sources import Source, first_row, iter_rows
from . import addressbase, addressbase_plus_core, dtf73, open_uprn
from .parsers import looks_like_postcode
from .registry import ADDRESSES, choices

#: Address formats in the order the FORMAT parameter lists them (index 0 = auto).
ADDRESS_FORMATS: tuple[str, ...] = choices(ADDRESSES)

RECORD_TYPES = frozenset(
    {"10", "11", "12", "13", "14", "15", "21", "22", "23", "24", "28", "29", "30", "31", "32", "99"}
)
#: How many rows to look at for a record whose shape tells the format apart.
SNIFF_ROWS = 20_000


def is_multi_record(fields: list[str]) -> bool:
    """True when *fields* looks like a row of a multi-record gazetteer file."""
    first = fields[0].strip().upper() if fields else ""
    return (first in RECORD_TYPES or first == "RECORD_IDENTIFIER") and len(fields) >= 3


def sniff_multi_record(sources: Sequence[Source], limit: int = SNIFF_ROWS) -> tuple[str, str]:
    """(format name, the evidence) for multi-record files, judged by record shapes.

    Looks through the files in order (a supply split by record type puts the header alone
    in its first file) until one record tells the formats apart, or *limit* rows.
    """
    rows = (row for source in sources for row in iter_rows(source, LoadStats()))
    source = sources[0]
    for number, row in enumerate(rows):
        if number >= limit:
            break
        f = row.fields
        kind = f[0].strip()
        if kind == "10" and len(f) > 7:
            version = f[7].strip()
            if version.startswith("7.3"):
                return dtf73.NAME, f"header record says version {version}"
            if version.startswith("8."):
                raise ValueError(
                    f"{row.file} is a DTF {version} street file (header version {version}); "
                    f"load it with Load streets"
                )
        elif kind == "28":
            return addressbase.NAME, "delivery point records (28), which only AddressBase has"
        elif kind == "21" and len(f) > 8:
            cls = f[7].strip()
            if cls and not cls.isdecimal():
                return dtf73.NAME, f"BLPU records carry a class code ({cls}) in field 8"
            if len(f) in (19, 22):
                return (
                    addressbase.NAME,
                    f"BLPU records have {len(f)} fields and a UPRN or nothing in field 8",
                )
        elif kind == "24":
            if len(f) >= 27 and looks_like_postcode(f[24]):
                return dtf73.NAME, "LPI records carry a postcode in field 25"
            if len(f) == 26:
                return addressbase.NAME, "LPI records have 26 fields and no postcode"
    raise ValueError(
        f"{source.name} looks like a multi-record gazetteer file but its records do not "
        f"show whether it is DTF 7.3 or AddressBase Premium; choose the format explicitly"
    )


def detect_address_format(sources: Sequence[Source]) -> str:
    """Name of the address format of *sources*, judged by the first rows of the first file."""
    return detect_address_format_with_reason(sources)[0]


def detect_address_format_with_reason(sources: Sequence[Source]) -> tuple[str, str]:
    """(format name, why) for *sources*, judged by the first rows of the first file."""
    if not sources:
        raise ValueError("no input files were given")
    fields = first_row(sources[0])
    if fields is None:
        raise ValueError(f"{sources[0].name} is empty")
    unreadable = unreadable_first_row(sources[0].name, fields)
    if unreadable:
        raise ValueError(unreadable)
    if open_uprn.looks_like(fields):
        return open_uprn.NAME, "Open UPRN header row"
    if addressbase_plus_core.looks_like_core(fields):
        return addressbase_plus_core.CORE, "AddressBase Core columns"
    if addressbase_plus_core.looks_like_plus(fields):
        return addressbase_plus_core.PLUS, "AddressBase Plus columns"
    if is_multi_record(fields):
        return sniff_multi_record(sources)
    raise ValueError(
        f"could not recognise the format of {sources[0].name} from its first row "
        f"({shown(fields)}…); choose the format explicitly"
    )
