"""OS Open UPRN CSV: ``UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..bng import in_bng, parse_coordinate
from ..records import LoadStats, Reject
from ..schema import empty_address
from ..sources import Source, is_csv_error, iter_rows
from .parsers import MAX_UPRN, parse_uprn  # noqa: F401 - re-exported

NAME = "OS Open UPRN"
COLUMNS = ("UPRN", "X_COORDINATE", "Y_COORDINATE", "LATITUDE", "LONGITUDE")


def looks_like(fields: list[str]) -> bool:
    """True when *fields* is an Open UPRN header row."""
    names = [f.strip().upper() for f in fields]
    return names[:3] == list(COLUMNS[:3])


def read(sources: Iterable[Source], stats: LoadStats) -> Iterator[dict | Reject]:
    """Yield one canonical address (with ``x``/``y``) per row, or a Reject saying why not."""
    seen: dict[int, str] = {}
    for source in sources:
        columns = {name: i for i, name in enumerate(COLUMNS)}
        for row in iter_rows(source, stats):
            if looks_like(row.fields):
                columns = {f.strip().upper(): i for i, f in enumerate(row.fields)}
                continue
            stats.data_rows += 1
            problem = is_csv_error(row)
            if problem:
                stats.rejected += 1
                yield Reject(row.file, row.line, row.raw, f"unreadable CSV: {problem}")
                continue
            try:
                record = _record(row.fields, columns)
            except (ValueError, IndexError) as exc:
                stats.rejected += 1
                reason = str(exc) if isinstance(exc, ValueError) else "row has too few fields"
                yield Reject(row.file, row.line, row.raw, reason)
                continue
            uprn = record["uprn"]
            where = f"{row.file} line {row.line}"
            if uprn in seen:
                stats.rejected += 1
                yield Reject(
                    row.file,
                    row.line,
                    row.raw,
                    f"duplicate UPRN {uprn}: first seen at {seen[uprn]}",
                )
                continue
            seen[uprn] = where
            stats.accepted += 1
            yield record


def _record(fields: list[str], columns: dict[str, int]) -> dict:
    uprn = parse_uprn(fields[columns["UPRN"]])
    x = parse_coordinate(fields[columns["X_COORDINATE"]])
    y = parse_coordinate(fields[columns["Y_COORDINATE"]])
    if not in_bng(x, y):
        raise ValueError(f"coordinates {x:g}, {y:g} are outside the British National Grid")
    return empty_address(uprn=uprn, source=NAME, x=x, y=y)
