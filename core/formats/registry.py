"""The format registry: every supply PlaceLink reads, one record each.

A record says the format's name (as the FORMAT parameters list it and logs say it), the
canonical layer it loads (addresses, streets or postcodes), what it reads (files of CSV
rows, or a GIS vector layer QGIS reads and passes in), how it is recognised (a test on its
first rows or its layer, and the same in words), its reader and the fields it writes.
``core.loaders`` and ``core.street_loaders`` look readers up here; the Processing
algorithms take their FORMAT lists from here.

A new format is one module in ``core/formats`` (reading its fields with ``parsers``) and
one ``Format(...)`` line below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..schema import ADDRESS_FIELDS, POSTCODE_FIELDS, STREET_FIELDS, Field
from . import (
    addressbase,
    addressbase_plus_core,
    assemble,
    codepoint,
    dtf73,
    dtf73_streets,
    dtf81,
    open_roads,
    open_uprn,
    open_usrn,
)

ADDRESSES, STREETS, POSTCODES = "addresses", "streets", "postcodes"
#: What a reader takes: ``(sources, stats)`` for files of rows, ``(features, stats)`` for
#: a vector layer's features (read by the Processing adapter: core has no GDAL).
FILES, VECTOR = "files", "vector"
AUTO = "auto"


@dataclass(frozen=True)
class Format:
    """One supply format."""

    name: str
    kind: str
    reads: str
    #: How auto-detection tells it, in words (for the help and the log).
    recognised_by: str
    #: ``(sources, stats)`` or ``(features, stats)`` → canonical records and ``Reject``s.
    reader: Callable
    fields: tuple[Field, ...]
    #: The recognising test: ``(first row)`` for header-row files, ``(first rows)`` for
    #: street files, ``(layer name, field names)`` for vector layers; None when the
    #: records' shapes decide (``detect.sniff_multi_record``).
    looks_like: Callable | None = None
    #: Multi-record layouts (assembled from record types; staged on disk when large).
    layout: type | None = None


def _multi_record(layout: type) -> Callable:
    return lambda sources, stats: assemble.read(layout(), sources, stats)


FORMATS: tuple[Format, ...] = (
    Format(
        dtf73.NAME, ADDRESSES, FILES,
        "a multi-record file whose header says version 7.3, whose BLPUs carry a class "
        "code or whose LPIs carry a postcode",
        _multi_record(dtf73.Layout), ADDRESS_FIELDS, layout=dtf73.Layout,
    ),
    Format(
        addressbase.NAME, ADDRESSES, FILES,
        "a multi-record file with delivery point records (28), or BLPUs and LPIs of "
        "AddressBase Premium's shape",
        _multi_record(addressbase.Layout), ADDRESS_FIELDS, layout=addressbase.Layout,
    ),
    Format(
        addressbase_plus_core.PLUS, ADDRESSES, FILES, "a header row of AddressBase Plus columns",
        addressbase_plus_core.read_plus, ADDRESS_FIELDS, addressbase_plus_core.looks_like_plus,
    ),
    Format(
        addressbase_plus_core.CORE, ADDRESSES, FILES, "a header row of AddressBase Core columns",
        addressbase_plus_core.read_core, ADDRESS_FIELDS, addressbase_plus_core.looks_like_core,
    ),
    Format(
        open_uprn.NAME, ADDRESSES, FILES, "the header row UPRN,X_COORDINATE,Y_COORDINATE,…",
        open_uprn.read, ADDRESS_FIELDS, open_uprn.looks_like,
    ),
    Format(
        dtf81.NAME, STREETS, FILES, "a multi-record street file whose header says version 8.x",
        dtf81.read, STREET_FIELDS, dtf81.looks_like,
    ),
    Format(
        dtf73_streets.NAME, STREETS, FILES, "the street records (11, 15) of a DTF 7.3 file",
        dtf73_streets.read, STREET_FIELDS, dtf73_streets.looks_like,
    ),
    Format(
        open_usrn.NAME, STREETS, VECTOR, "a layer with a USRN field and street lines",
        open_usrn.read, STREET_FIELDS, open_usrn.looks_like,
    ),
    Format(
        open_roads.NAME, STREETS, VECTOR, "a road_link layer with Open Roads' fields",
        open_roads.read, open_roads.FIELDS, open_roads.looks_like,
    ),
    Format(
        codepoint.NAME, POSTCODES, FILES, "Code-Point Open rows (postcode, quality, E, N, …)",
        codepoint.read, POSTCODE_FIELDS, codepoint.looks_like,
    ),
)  # fmt: skip

_BY_NAME = {f.name: f for f in FORMATS}


def formats(kind: str, reads: str | None = None) -> tuple[Format, ...]:
    """The formats of a canonical layer *kind* (only those that read *reads*, if given),
    in the order the FORMAT parameter lists them."""
    return tuple(f for f in FORMATS if f.kind == kind and (reads is None or f.reads == reads))


def choices(kind: str) -> tuple[str, ...]:
    """The FORMAT parameter's options for *kind*: ``auto`` (index 0), then every format."""
    return (AUTO, *(f.name for f in formats(kind)))


def format_named(name: str, kind: str | None = None) -> Format:
    """The format called *name* (of *kind*, if given); ValueError naming the known ones."""
    found = _BY_NAME.get(name)
    if found is None or (kind is not None and found.kind != kind):
        known = ", ".join(f.name for f in FORMATS if kind is None or f.kind == kind)
        what = {ADDRESSES: "address format", STREETS: "street format"}.get(kind or "", "format")
        raise ValueError(f"{what} {name!r} is not supported (known: {known})")
    return found
