"""One entry point per canonical layer: look the format's reader up in the format registry
(``core.formats.registry``) and stream its output."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Union

from .formats import detect, staging
from .formats.assemble import AddressLoadStats
from .formats.registry import ADDRESSES, format_named
from .records import LoadStats, Reject
from .sources import Source, expand_sources

Reader = Callable[[Sequence[Source], LoadStats], Iterator[Union[dict, Reject]]]  # run time: 3.9


def load_addresses(
    paths: Sequence[str | Path],
    fmt: str = "auto",
    stats: LoadStats | None = None,
    staging_folder: str | Path | None = None,
    workers: int = 1,
) -> Iterator[dict | Reject]:
    """Yield canonical address records and rejects from *paths* in format *fmt* (or detected).

    Pass an ``AddressLoadStats`` to get the full accounting of multi-record files. With a
    *staging_folder*, multi-record formats (DTF 7.3, AddressBase Premium) are assembled
    through an on-disk store there (``staging``), in memory that does not grow with the
    supply; the records are the same. With *workers* 2 (and a staging folder), a large
    file is read in two parts by this process and a forked one (never fork the QGIS
    desktop's process).
    """
    stats = stats if stats is not None else AddressLoadStats()
    sources = expand_sources(paths)
    if fmt == "auto":
        fmt, why = detect.detect_address_format_with_reason(sources)
        stats.detected.append(f"detected format: {fmt}")
        if format_named(fmt).layout is not None:  # told apart by their records' shapes
            stats.detected.append(f"told apart by: {why}")
    found = format_named(fmt, ADDRESSES)  # the format registry (core.formats.registry)
    if staging_folder is not None and found.layout is not None:
        return staging.read(found.layout(), sources, stats, staging_folder, workers)
    return found.reader(sources, stats)
