"""Stream CSV rows from files or zip archives with per-line encoding fallback.

Every row comes with its file name, first line number and raw text, so a row that
cannot be read can be reported exactly. Files inside a zip are read without
unpacking to disk. Each line is decoded as UTF-8 (a BOM is dropped) and, failing
that, as Windows-1252, the encoding of most council exports.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .input_checks import UTF16_BOMS, problem_with, zip_without_csv
from .records import LoadStats

CSV_SUFFIXES = (".csv", ".txt")


@dataclass(frozen=True)
class Source:
    """A readable CSV: a file on disk or a member of a zip archive."""

    name: str
    opener: Callable[[], BinaryIO]
    #: The file on disk (None for a zip member): a large one may be read in parts.
    path: Path | None = None

    def open(self) -> BinaryIO:
        """The source's bytes; a UTF-16 file (with its BOM) comes re-encoded as UTF-8."""
        handle = self.opener()
        peek = getattr(handle, "peek", None)
        if peek is not None and peek(2)[:2] in UTF16_BOMS:
            return io.BufferedReader(_Utf16AsUtf8(handle))  # type: ignore[return-value]
        return handle


class _Utf16AsUtf8(io.RawIOBase):
    """A UTF-16 byte stream (a Windows "Unicode" export) read as UTF-8 bytes."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._text = io.TextIOWrapper(handle, encoding="utf-16", errors="replace", newline="")
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            chunk = self._text.read(16384)
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def close(self) -> None:
        if not self.closed:
            self._handle.close()
        super().close()


def expand_sources(paths: Iterable[str | Path]) -> list[Source]:
    """Turn user-given paths into sources, listing the CSV members of zip archives in name order."""
    sources: list[Source] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise FileNotFoundError(f"Input file {path} does not exist")
        problem = problem_with(path) if path.is_file() else None
        if problem:
            raise ValueError(problem)
        if zipfile.is_zipfile(path):
            sources.extend(_zip_sources(path))
        else:
            sources.append(Source(path.name, lambda p=path: open(p, "rb"), path))
    return sources


def _zip_sources(path: Path) -> list[Source]:
    with zipfile.ZipFile(path) as archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
    members = sorted(n for n in names if n.lower().endswith(CSV_SUFFIXES))
    if not members:
        raise ValueError(zip_without_csv(path, names))

    def opener(member: str) -> BinaryIO:
        # The member keeps the archive's file open until the member itself is closed.
        with zipfile.ZipFile(path) as archive:
            return archive.open(member)  # type: ignore[return-value]

    return [Source(f"{path.name}!{m}", lambda m=m: opener(m)) for m in members]


@dataclass
class Row:
    """One CSV record: where it came from, its raw text and its fields."""

    file: str
    line: int
    raw: str
    fields: list[str]


class _LineFeed:
    """Decoded lines for csv.reader that remember which lines the current record used."""

    def __init__(self, handle: BinaryIO, stats: LoadStats) -> None:
        self._handle = handle
        self._stats = stats
        self.line_no = 0
        self.first_line = 1
        self.used: list[str] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        data = self._handle.readline()
        if not data:
            raise StopIteration
        self.line_no += 1
        if self.line_no == 1 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            self._stats.non_utf8_lines += 1
        if not self.used:
            self.first_line = self.line_no
        self.used.append(text)
        return text


def iter_rows(source: Source, stats: LoadStats) -> Iterator[Row]:
    """Yield the non-blank CSV records of *source*; blank lines are counted in *stats*."""
    stats.files += 1
    with source.open() as handle:
        feed = _LineFeed(handle, stats)
        reader = csv.reader(feed, strict=False)
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:  # e.g. NUL byte: report the line, keep going
                raw = "".join(feed.used).rstrip("\r\n")
                feed.used.clear()
                yield Row(source.name, feed.first_line, raw, [f"\x00csv-error: {exc}"])
                continue
            raw = "".join(feed.used).rstrip("\r\n")
            first = feed.first_line
            feed.used.clear()
            if not fields or all(not f.strip() for f in fields):
                stats.blank_lines += 1
                continue
            yield Row(source.name, first, raw, fields)


def is_csv_error(row: Row) -> str | None:
    """The csv module's complaint about *row*, if it could not be split into fields."""
    if len(row.fields) == 1 and row.fields[0].startswith("\x00csv-error: "):
        return row.fields[0][len("\x00csv-error: ") :]
    return None


def first_row(source: Source) -> list[str] | None:
    """The fields of the first non-blank row of *source*, for format detection."""
    stats = LoadStats()
    for row in iter_rows(source, stats):
        return row.fields
    return None
