"""One entry point per canonical layer: pick the reader for a format and stream its output."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Union

from .formats import (
    addressbase,
    addressbase_plus_core,
    assemble,
    detect,
    dtf73,
    open_uprn,
    staging,
)
from .formats.assemble import AddressLoadStats
from .records import LoadStats, Reject
from .sources import Source, expand_sources

Reader = Callable[[Sequence[Source], LoadStats], Iterator[Union[dict, Reject]]]  # run time: 3.9

_ADDRESS_READERS: dict[str, Reader] = {
    open_uprn.NAME: open_uprn.read,
    dtf73.NAME: lambda sources, stats: assemble.read(dtf73.Layout(), sources, stats),
    addressbase.NAME: lambda sources, stats: assemble.read(addressbase.Layout(), sources, stats),
    addressbase_plus_core.PLUS: addressbase_plus_core.read_plus,
    addressbase_plus_core.CORE: addressbase_plus_core.read_core,
}


_LAYOUTS = {dtf73.NAME: dtf73.Layout, addressbase.NAME: addressbase.Layout}


def load_addresses(
    paths: Sequence[str | Path],
    fmt: str = "auto",
    stats: LoadStats | None = None,
    staging_folder: str | Path | None = None,
) -> Iterator[dict | Reject]:
    """Yield canonical address records and rejects from *paths* in format *fmt* (or detected).

    Pass an ``AddressLoadStats`` to get the full accounting of multi-record files. With a
    *staging_folder*, multi-record formats (DTF 7.3, AddressBase Premium) are assembled
    through an on-disk store there (``staging``), in memory that does not grow with the
    supply; the records are the same.
    """
    stats = stats if stats is not None else AddressLoadStats()
    sources = expand_sources(paths)
    if fmt == "auto":
        fmt, why = detect.detect_address_format_with_reason(sources)
        stats.detected.append(f"detected format: {fmt}")
        if fmt in (dtf73.NAME, addressbase.NAME):
            stats.detected.append(f"told apart by: {why}")
    if staging_folder is not None and fmt in _LAYOUTS:
        return staging.read(_LAYOUTS[fmt](), sources, stats, staging_folder)
    reader = _ADDRESS_READERS.get(fmt)
    if reader is None:
        raise ValueError(f"address format {fmt!r} is not supported")
    return reader(sources, stats)
