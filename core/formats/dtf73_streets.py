"""DTF 7.3 (LLPG) street records: type 11 street and type 15 street descriptor.

Field positions (0-based index = published field number - 1), from GeoPlace *Data Transfer
Format 7.3* as LLPG custodians export it (cross-checked with the published DTF 7.3 parser
lambeth-council/DtfParser and its test files):

* 11 Street: 1 CHANGE_TYPE, 2 PRO_ORDER, 3 USRN, 4 RECORD_TYPE, 5 SWA_ORG_REF_NAMING, 6 STATE,
  7 STATE_DATE, 8 STREET_SURFACE, 9 STREET_CLASSIFICATION, 10 VERSION, 11 RECORD_ENTRY_DATE,
  12 LAST_UPDATE_DATE, 13 STREET_START_DATE, 14 STREET_END_DATE, 15 STREET_START_X,
  16 STREET_START_Y, 17 STREET_END_X, 18 STREET_END_Y, 19 STREET_TOLERANCE.
* 15 Street descriptor: 3 USRN, 4 STREET_DESCRIPTOR, 5 LOCALITY_NAME, 6 TOWN_NAME,
  7 ADMINISTRATIVE_AREA, 8 LANGUAGE (later fields, e.g. dates, are ignored).
* 10 Header (7 VERSION, 8 FILE_TYPE) and 99 Trailer (2 RECORD_COUNT) as in DTF 8.1.

Where sources disagree the reader is tolerant (see ``dtf81.street_layout``): AddressBase
Premium's street record (24 fields, dates in another order, latitude/longitude after each
X/Y pair) is read with its own layout, and a record 11 whose index 10 is a date is read
with the DTF 8.1 layout. DTF 7.3 files from an LLPG carry no ESU geometry, so each street
is the straight line from its start to its end point, marked
``geometry_source = "start-end line"``; if ESU records (12/13/14) are present they are used
as in DTF 8.1. Address records (types 21-32) and metadata (29) are counted and reported,
not loaded. Change-only updates (I/U/D) and every reject reason work as in ``dtf81``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..records import LoadStats, Reject
from ..sources import Source
from .dtf81 import DtfStreetReader, street_layout

NAME = "DTF 7.3 streets"

READER = DtfStreetReader(
    NAME,
    "7.3",
    {29: "metadata (type 29)", range(20, 40): "address (types 21-32)"},
)


def looks_like(rows: list[list[str]]) -> bool:
    """True when the first rows of a file are DTF 7.3 records (street or address)."""
    for fields in rows:
        first = fields[0].strip() if fields else ""
        if first.upper() == "RECORD_IDENTIFIER":  # a column-name row
            continue
        if first == "10":
            return len(fields) > 7 and fields[7].strip().startswith("7.3")
        if first in ("21", "22", "23", "24", "30", "31", "32"):
            return True
        if first == "11":
            return street_layout(fields)[0] != "DTF 8.1"
    return False


def read(sources: Iterable[Source], stats: LoadStats) -> Iterator[dict | Reject]:
    """Yield rejects, then one canonical street (with ``lines``) per USRN."""
    return READER.read(sources, stats)
