"""One entry point per canonical layer: pick the reader for a format and stream its output."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from .formats import detect, open_uprn
from .records import LoadStats, Reject
from .sources import expand_sources

_ADDRESS_READERS = {open_uprn.NAME: open_uprn.read}


def load_addresses(
    paths: Sequence[str | Path], fmt: str = "auto", stats: LoadStats | None = None
) -> Iterator[dict | Reject]:
    """Yield canonical address records and rejects from *paths* in format *fmt* (or detected)."""
    stats = stats if stats is not None else LoadStats()
    sources = expand_sources(paths)
    if fmt == "auto":
        fmt = detect.detect_address_format(sources)
        stats.detected.append(f"detected format: {fmt}")
    reader = _ADDRESS_READERS.get(fmt)
    if reader is None:
        raise ValueError(f"address format {fmt!r} is not supported")
    return reader(sources, stats)
