"""A large CSV file cut in two parts at a record boundary, for two processes to read.

``cut(path)`` finds a line start near the middle of the file where the double quotes
before it are balanced (so the cut is not inside a quoted field that spans lines) and the
next line starts like a multi-record row (``21,``, ``"24",``); it returns the byte offset
and the number of lines before it, or None when the file is small, UTF-16, or no such
line is found soon after the middle (the file is then read whole, in one process).
``part_source`` reads the bytes from an offset to the end of the file as a ``Source``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..input_checks import UTF16_BOMS
from ..sources import Source

#: Files smaller than this are read in one process (forking costs more than it saves).
SPLIT_BYTES = 16 << 20
#: Lines looked at after the middle for a clean cut before giving up.
MAX_LINES = 10_000
_BLOCK = 1 << 20
_ROW_START = re.compile(rb'"?\d{2}"?,')


def cut(path: Path, min_bytes: int | None = None) -> tuple[int, int] | None:
    """(byte offset, lines before it) of a record boundary near the middle of *path*."""
    size = path.stat().st_size
    if size < (SPLIT_BYTES if min_bytes is None else min_bytes) or size < 2:
        return None
    with path.open("rb") as handle:
        if handle.read(2) in UTF16_BOMS:
            return None
        handle.seek(0)
        target = size // 2
        position = quotes = newlines = 0
        while position < target:
            block = handle.read(min(_BLOCK, target - position))
            if not block:
                return None
            quotes += block.count(b'"')
            newlines += block.count(b"\n")
            position += len(block)
        line = handle.readline()  # the rest of the line the middle falls in
        for _ in range(MAX_LINES):
            if not line.endswith(b"\n"):
                return None  # the end of the file
            position += len(line)
            quotes += line.count(b'"')
            newlines += 1
            line = handle.readline()
            if not line:
                return None
            if quotes % 2 == 0 and _ROW_START.match(line):
                return position, newlines
    return None


class _FileTail:
    """The bytes of a file from an offset to its end, line by line."""

    def __init__(self, path: Path, start: int) -> None:
        self.handle = path.open("rb")
        self.handle.seek(start)

    def __enter__(self) -> _FileTail:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.handle)


class _FileHead:
    """The bytes of a file before an offset, line by line (the offset is a line start)."""

    def __init__(self, path: Path, end: int) -> None:
        self.handle = path.open("rb")
        self.end = end

    def __enter__(self) -> _FileHead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def __iter__(self) -> Iterator[bytes]:
        left = self.end
        for line in self.handle:
            if left <= 0:
                return
            left -= len(line)
            yield line


def head_source(source: Source, end: int) -> Source:
    """The part of *source* (a file on disk) before byte *end*."""
    path = source.path
    assert path is not None
    return Source(source.name, lambda: _FileHead(path, end), path)  # type: ignore[arg-type,return-value]


def tail_source(source: Source, start: int) -> Source:
    """The part of *source* (a file on disk) from byte *start* to its end."""
    path = source.path
    assert path is not None
    return Source(source.name, lambda: _FileTail(path, start), path)  # type: ignore[arg-type,return-value]
