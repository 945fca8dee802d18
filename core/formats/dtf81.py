"""NSG Data Transfer Format 8.1 (DTF 8.1): the street gazetteer records of an LSG/NSG file.

Also holds the DTF machinery the DTF 7.3 street reader shares (``DtfStreetReader``): record
dispatch, change-only updates, header/trailer checks and ESU geometry assembly.

Field positions (0-based index = published field number - 1), from GeoPlace *NSG Data
Transfer Format 8.1* (DTF8.1 v2.10, June 2016, section 4):

* 10 Header: 1 SWA_ORG_NAME_TEXT, 2 SWA_ORG_REF, 3 PROCESS_DATE, 4 VOLUME_NUMBER,
  5 ENTRY_DATE, 6 TIME_STAMP, 7 DTF_VERSION ("8.1…"), 8 FILE_TYPE ("F" full, "C" change only).
* 11 Street: 1 CHANGE_TYPE, 2 PRO_ORDER, 3 USRN, 4 RECORD_TYPE, 5 SWA_ORG_REF_NAMING,
  6 STATE, 7 STATE_DATE, 8 STREET_SURFACE, 9 VERSION, 10 RECORD_ENTRY_DATE,
  11 LAST_UPDATE_DATE, 12 STREET_START_DATE, 13 STREET_END_DATE, 14 STREET_START_X,
  15 STREET_START_Y, 16 STREET_END_X, 17 STREET_END_Y, 18 STREET_TOLERANCE, 19 ESU_COUNT.
* 12 Street cross reference: 3 USRN, 4 USRN_VERSION_NUMBER, 5 ESUID, 6 ESU_VERSION_NUMBER.
* 13 Elementary Street Unit: 3 ESUID, 4 ESU_VERSION_NUMBER, 5 NUM_COORD_COUNT,
  6 ESU_TOLERANCE, 7 ESU_ENTRY_DATE, 8 ESU_START_DATE, 9 ESU_LAST_UPDATE_DATE,
  10 ESU_END_DATE, 11 ESU_DIRECTION.
* 14 ESU coordinate: 3 ESUID, 4 ESU_VERSION_NUMBER, 5 COORD_NUMBER, 6 ESU_X_COORD, 7 ESU_Y_COORD.
* 15 Street descriptor: 3 USRN, 4 STREET_DESCRIPTOR, 5 LOCALITY_NAME, 6 TOWN_NAME,
  7 ADMINISTRATIVE_AREA, 8 LANGUAGE ("ENG"/"CYM").
* 16 One way exemption: 3 ESUID, 4 SEQUENCE_NUMBER, 5 ONE_WAY_EXEMPTION_TYPE, …
* 17 Highway dedication: 3 ESUID, 4 SEQUENCE_NUMBER, 5 HIGHWAY_DEDICATION_CODE, …
* 99 Trailer: 1 NEXT_VOLUME_NUMBER, 2 RECORD_COUNT (records between header and trailer).

Where sources disagree, the reader is tolerant and says so here:

* DTF 7.3 and AddressBase street records carry STREET_CLASSIFICATION at index 9 and the
  dates in another order; a type 11 record whose index 10 is not a date is read with the
  DTF 7.3 layout (see ``dtf73_streets``) whichever format was chosen.
* The specification says NUM_COORD_COUNT "includes the start and end coordinate held in
  the ESU record" although record 13 holds no coordinates: ESU geometry is built from the
  type 14 records alone, ordered by COORD_NUMBER; a count that disagrees is a warning.
* ASD (types 61-69) and metadata (29) records are not part of the streets layer: they are
  counted and reported, not loaded. Unknown record types are rejected with a reason.
* The trailer's RECORD_COUNT excludes the header and trailer; a count that includes them
  is accepted too, any other count is a warning. A column-name row (``RECORD_IDENTIFIER,…``)
  is skipped. CHANGE_TYPE is read ignoring case, spaces and typographic quotes (the
  specification's own examples print ``”I”``).

Change-only updates (CHANGE_TYPE I/U/D) are applied in the order the files are given and,
within a file, in file order. Every data record read ends up either in a street of OUTPUT
or in REJECTED with a reason (including records superseded or deleted by a later update).
Records are merged into one MultiLineString per USRN: ESU polylines (record 14 ordered by
COORD_NUMBER) joined per USRN through record 12 and merged with shapely ``line_merge``; a
street with no ESU geometry gets the straight line from its record 11 start to its end
point, marked ``geometry_source = "start-end line"``.

How: ``read`` stages the records in a temporary SQLite file and joins them there
(``street_staging``), so memory stays flat whatever the size of the supply. The in-memory
reader (``read_in_memory``, the reference the tests compare it with) keeps rows as raw text
in temporary files while reading; each record type's key and coordinate columns are then
parsed in chunks by pandas, changes are applied per key (vectorised for keys that are only
inserted), and ESU lines are built, joined and merged with shapely array functions; its
memory grows with the supply (about 220 bytes per row).
"""

from __future__ import annotations

import csv
import io
import marshal
import sys
import tempfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..bng import MAX_E, MAX_N, MIN_E, MIN_N, parse_coordinate
from ..collector import collector_paused
from ..records import LoadStats, Reject
from ..sources import Source, is_csv_error, iter_rows
from .parsers import (
    MAX_USRN,
    is_date,
    optional_int,
    parse_date,
    parse_int,
    parse_usrn,
    text_or_none,
)

if TYPE_CHECKING:  # pandas and shapely are imported where they are used: the plugin loads
    import pandas as pd  # without them and says which packages an algorithm needs

NAME = "NSG DTF 8.1"

HEADER, TRAILER = 10, 99
STREET, XREF, ESU, ESU_COORD, DESCRIPTOR, ONE_WAY, DEDICATION = 11, 12, 13, 14, 15, 16, 17
RECORD_NAMES = {
    STREET: "street",
    XREF: "street cross reference",
    ESU: "ESU",
    ESU_COORD: "ESU coordinate",
    DESCRIPTOR: "street descriptor",
    ONE_WAY: "one way exemption",
    DEDICATION: "highway dedication",
}
GEOMETRY_ESU = "ESU"
GEOMETRY_START_END = "start-end line"
OUTSIDE = "outside the British National Grid"
_dumps, _loads = marshal.dumps, marshal.loads


def on_grid(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Vectorised: inside the British National Grid and not a longitude/latitude pair."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    with np.errstate(invalid="ignore"):
        inside = (x >= MIN_E) & (x <= MAX_E) & (y >= MIN_N) & (y <= MAX_N)
        degrees = (np.abs(x) <= 180) & (np.abs(y) <= 90)
    return inside & ~degrees


def off_grid_reason(x: float, y: float) -> str:
    """Why a point is not a usable British National Grid position."""
    if x == 0 and y == 0:
        return f"coordinates 0, 0 are {OUTSIDE} (0, 0 stands for no position)"
    if abs(x) <= 180 and abs(y) <= 90:
        return f"coordinates {x:.10g}, {y:.10g} are {OUTSIDE} (they look like longitude/latitude)"
    return f"coordinates {x:.10g}, {y:.10g} are {OUTSIDE}"


# --- record 11 layouts ---------------------------------------------------------------------

#: Index of each street attribute in record 11, per published layout.
STREET_LAYOUT_81 = {
    "record_type": 4, "state": 6, "state_date": 7, "surface": 8, "classification": None,
    "start_date": 12, "end_date": 13, "start_x": 14, "start_y": 15, "end_x": 16, "end_y": 17,
}  # fmt: skip
#: GeoPlace DTF 7.3 (LLPG) record 11: classification at 9, version 10, entry 11, update 12.
STREET_LAYOUT_73 = {
    "record_type": 4, "state": 6, "state_date": 7, "surface": 8, "classification": 9,
    "start_date": 13, "end_date": 14, "start_x": 15, "start_y": 16, "end_x": 17, "end_y": 18,
}  # fmt: skip
#: AddressBase Premium's street record (24 fields): dates, then X, Y, LAT, LONG per end.
STREET_LAYOUT_ABP = {
    "record_type": 4, "state": 6, "state_date": 7, "surface": 8, "classification": 9,
    "start_date": 11, "end_date": 12, "start_x": 15, "start_y": 16, "end_x": 19, "end_y": 20,
}  # fmt: skip


def street_layout(fields: list[str]) -> tuple[str, dict[str, int | None]]:
    """Pick the record 11 layout from the record itself (tolerant of mixed sources)."""
    if len(fields) >= 24:
        return "AddressBase", STREET_LAYOUT_ABP
    if len(fields) > 11 and is_date(fields[10]):
        return "DTF 8.1", STREET_LAYOUT_81
    return "DTF 7.3", STREET_LAYOUT_73


def parse_street(fields: list[str]) -> dict:
    """Attributes and start/end points of a record 11 (ValueError if the USRN is bad)."""
    _, layout = street_layout(fields)

    def at(name: str) -> str | None:
        index = layout[name]
        return fields[index] if index is not None and index < len(fields) else None

    classification = text_or_none(at("classification"))
    ends: list[tuple[float, float]] | None
    try:
        ends = [
            (parse_coordinate(at("start_x") or ""), parse_coordinate(at("start_y") or "")),
            (parse_coordinate(at("end_x") or ""), parse_coordinate(at("end_y") or "")),
        ]
        ends_problem = None
        bad = [p for p in ends if not on_grid(*p)]
        if bad:
            ends_problem = "start/end " + off_grid_reason(*bad[0])
            ends = None
        elif ends[0] == ends[1]:
            ends_problem = "start and end coordinates are the same point"
            ends = None
    except ValueError as exc:
        ends, ends_problem = None, f"start/end {exc}"
    return {
        "usrn": parse_usrn(fields[3]),
        "street_type": optional_int(at("record_type")),
        "state": optional_int(at("state")),
        "state_date": parse_date(at("state_date")),
        "surface": optional_int(at("surface")),
        "classification": classification,
        "start_date": parse_date(at("start_date")),
        "end_date": parse_date(at("end_date")),
        "_ends": ends,
        "_ends_problem": ends_problem,
    }


# --- compact tables of each record type ----------------------------------------------------

CHUNK = 50_000  # rows parsed into number columns at a time
_CHANGES = {"I": 0, "U": 1, "D": 2}
_BAD_CHANGE = 3


@dataclass(frozen=True)
class RecordSpec:
    """The number columns a record type keeps, its key and how many fields it needs."""

    numbers: dict[str, int]  # column name → field index
    key: tuple[str, ...]
    min_fields: int
    key_fields: int  # enough for a delete (D) record
    keep_fields: bool = False  # keep every field (streets and descriptors: few records)


RECORD_SPECS: dict[int, RecordSpec] = {
    STREET: RecordSpec({"usrn": 3}, ("usrn",), 18, 4, keep_fields=True),
    XREF: RecordSpec({"usrn": 3, "esuid": 5}, ("usrn", "esuid"), 6, 6),
    ESU: RecordSpec({"esuid": 3, "num_coords": 5}, ("esuid",), 4, 4),
    ESU_COORD: RecordSpec({"esuid": 3, "number": 5, "x": 6, "y": 7}, ("esuid", "number"), 8, 6),
    DESCRIPTOR: RecordSpec({"usrn": 3}, ("usrn", "language"), 5, 4, keep_fields=True),
    ONE_WAY: RecordSpec({"esuid": 3, "sequence": 4}, ("esuid", "sequence"), 6, 5),
    DEDICATION: RecordSpec({"esuid": 3, "sequence": 4, "code": 5}, ("esuid", "sequence"), 6, 5),
}
_KEY_WORDS = {
    "usrn": "USRN",
    "esuid": "ESUID",
    "number": "COORD_NUMBER",
    "sequence": "SEQUENCE_NUMBER",
}


def _numbers(values: pd.Series) -> np.ndarray:
    """Text to float64 in one vectorised pass; NaN where a value is not a number."""
    import pandas as pd

    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    retry = np.flatnonzero(np.isnan(numbers))
    if len(retry):  # surrounding spaces, on pandas versions that do not skip them
        text = values.iloc[retry].fillna("").astype(str).str.strip()
        numbers[retry] = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)
    return numbers


def _change_codes(values: pd.Series) -> np.ndarray:
    """CHANGE_TYPE as 0/1/2 (I/U/D), 3 when it is none of them; tolerant of quotes and case."""
    codes = values.map(_CHANGES).to_numpy(dtype=float)
    retry = np.flatnonzero(np.isnan(codes))
    if len(retry):
        text = values.iloc[retry].fillna("").astype(str).str.strip().str.strip("\"“”' ")
        codes[retry] = text.str.upper().map(_CHANGES).to_numpy(dtype=float)
    return np.nan_to_num(codes, nan=_BAD_CHANGE).astype(np.int8)


def _field(raw: str, index: int) -> str:
    """Field *index* of a raw CSV line (for reject reasons only)."""
    try:
        fields = next(csv.reader(io.StringIO(raw)))
    except (csv.Error, StopIteration):
        return ""
    return fields[index].strip() if index < len(fields) else ""


def _label(rtype: int, key: tuple) -> str:
    if rtype == STREET:
        return f"USRN {key[0]}"
    if rtype == XREF:
        return f"USRN {key[0]} ↔ ESU {key[1]}"
    if rtype == ESU:
        return f"ESU {key[0]}"
    if rtype == ESU_COORD:
        return f"ESU {key[0]} coordinate {key[1]}"
    if rtype == DESCRIPTOR:
        return f"USRN {key[0]} ({key[1]})"
    kind = "exemption" if rtype == ONE_WAY else "dedication"
    return f"ESU {key[0]} {kind} {key[1]}"


class _Spool:
    """Byte records appended to an anonymous temporary file, read back by row number.

    The file has no name (``tempfile.TemporaryFile``): it is gone when closed, also after
    a cancel or a crash. Memory per record is one 8-byte offset.
    """

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile(prefix="placelink_streets_")
        self.offsets = array("q", [0])
        self.end = 0

    def append(self, data: bytes) -> None:
        self.file.write(data)
        self.end += len(data)
        self.offsets.append(self.end)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def span(self, begin: int, end: int) -> bytes:
        """Records *begin* to *end* (exclusive), as the bytes they were written as."""
        self.file.flush()
        self.file.seek(self.offsets[begin])
        return self.file.read(self.offsets[end] - self.offsets[begin])

    def __getitem__(self, row: int) -> bytes:
        return self.span(row, row + 1)

    def close(self) -> None:
        self.file.close()


class _Table:
    """The records of one type, in read order: raw text spooled to a temporary file while
    reading (memory holds a few numbers per record), then number columns."""

    def __init__(self, rtype: int) -> None:
        self.rtype = rtype
        self.spec = RECORD_SPECS[rtype]
        self.what = RECORD_NAMES[rtype]
        self.line = array("q")
        self.raws = _Spool()  # each record's raw text + "\n", UTF-8
        self.counts = array("i")
        self.kept = _Spool() if self.spec.keep_fields else None  # marshalled stripped fields
        self.language: list[str] = []  # descriptors only
        self.segments: list[tuple[int, int]] = []  # (first row, file index) per source

    def add(self, raw: str, line: int, fields: list[str]) -> None:
        self.raws.append(raw.encode("utf-8", "surrogateescape") + b"\n")
        self.line.append(line)
        self.counts.append(len(fields))
        if self.kept is not None:
            stripped = [f.strip() for f in fields]
            self.kept.append(_dumps(stripped))
            if self.rtype == DESCRIPTOR:
                language = (stripped[8].upper() if len(stripped) > 8 else "") or "ENG"
                self.language.append(sys.intern(language))

    def raw(self, row: int) -> str:
        """The raw text of record *row* (for rejects)."""
        return self.raws[row][:-1].decode("utf-8", "surrogateescape")

    def fields(self, row: int) -> list[str]:
        """The stripped fields of record *row* (streets and descriptors only)."""
        assert self.kept is not None
        return _loads(self.kept[row])

    def close(self) -> None:
        self.raws.close()
        if self.kept is not None:
            self.kept.close()

    def start_file(self, file_index: int) -> None:
        self.segments.append((len(self.raws), file_index))

    def finish(self) -> None:
        """Parse the number columns (pandas, a chunk at a time) into ``col``, ``change``, …"""
        self.n = n = len(self.raws)
        starts = [start for start, _ in self.segments] + [n]
        self.file = np.repeat(
            [index for _, index in self.segments], np.diff(starts).astype(int)
        ).astype(np.int32)
        chunks: dict[str, list[np.ndarray]] = {name: [] for name in self.spec.numbers}
        changes: list[np.ndarray] = []
        for begin in range(0, n, CHUNK):
            frame = self._columns(begin, min(begin + CHUNK, n))
            for name, index in self.spec.numbers.items():
                chunks[name].append(_numbers(frame[index]))
            changes.append(_change_codes(frame[1]))
        self.col = {
            name: np.concatenate(parts) if parts else np.empty(0) for name, parts in chunks.items()
        }
        self.change = np.concatenate(changes) if changes else np.empty(0, dtype=np.int8)
        self.nfields = np.frombuffer(self.counts, dtype=np.int32).copy()

    def _columns(self, begin: int, end: int) -> pd.DataFrame:
        return chunk_columns(
            self.raws.span(begin, end),
            end - begin,
            [1, *self.spec.numbers.values()],
            max(self.counts[begin:end]),
            lambda i: self.raw(begin + i),
        )

    def key(self, row: int) -> tuple:
        values = tuple(int(self.col[name][row]) for name in self.spec.key if name in self.col)
        return (*values, self.language[row]) if self.rtype == DESCRIPTOR else values


@dataclass
class _FileState:
    name: str
    records: int = 0
    trailer_count: int | None = None
    trailer_line: int | None = None


@dataclass
class _Run:
    """What one read accumulates: a table per record type, file names and counters."""

    tables: dict[int, _Table] = field(default_factory=lambda: {t: _Table(t) for t in RECORD_SPECS})
    files: list[str] = field(default_factory=list)
    rejects: list[tuple[int, int, str]] = field(default_factory=list)  # (type, row, reason)
    alive: dict[int, np.ndarray] = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)
    unknown: Counter = field(default_factory=Counter)
    updates_as_inserts: int = 0
    bad_dates: int = 0
    coord_count_mismatch: int = 0

    def where(self, rtype: int, row: int) -> str:
        table = self.tables[rtype]
        return f"{self.files[table.file[row]]} line {table.line[row]}"

    def reject(self, rtype: int, rows: Iterable[int], reason: str | Callable[[int], str]) -> None:
        for row in rows:
            self.rejects.append((rtype, int(row), reason(int(row)) if callable(reason) else reason))


class DtfStreetReader:
    """Reads the street records of DTF files into canonical streets (see module docstring)."""

    def __init__(
        self, name: str, expected_version: str, not_street_types: dict[range | int, str]
    ) -> None:
        self.name = name
        self.expected_version = expected_version
        self.not_street: dict[int, str] = {}
        for types, label in not_street_types.items():
            for rtype in types if isinstance(types, range) else (types,):
                self.not_street.setdefault(rtype, label)

    def read(
        self, sources: Iterable[Source], stats: LoadStats, folder: str | Path | None = None
    ) -> Iterator[dict | Reject]:
        """Yield the rejects (in file and line order), then one street per USRN (sorted),
        the records staged in a temporary SQLite file under *folder* (the system's
        temporary folder by default): memory does not grow with the supply
        (``street_staging``)."""
        from . import street_staging

        return street_staging.read(self, sources, stats, folder)

    def read_in_memory(
        self, sources: Iterable[Source], stats: LoadStats
    ) -> Iterator[dict | Reject]:
        """``read`` with every record held in memory (arrays and spooled text): the
        reference the staged reader is compared with."""
        run = _Run()
        try:
            yield from self._read(run, sources, stats)
        finally:
            for table in run.tables.values():
                table.close()  # the spool files go, also after a cancel or an error

    def _read(self, run: _Run, sources: Iterable[Source], stats: LoadStats) -> Iterator:
        early: list[Reject] = []
        for source in sources:
            early.extend(self._read_source(source, stats, run))
        for table in run.tables.values():
            table.finish()
            run.alive[table.rtype] = self._apply_changes(table, run)
        with collector_paused():  # building creates millions of small objects
            streets = self._build(run, stats)
        rejects = early + [
            Reject(
                run.files[run.tables[t].file[row]],
                run.tables[t].line[row],
                run.tables[t].raw(row),
                reason,
            )
            for t, row, reason in run.rejects
        ]
        order = {name: i for i, name in enumerate(run.files)}
        rejects.sort(key=lambda r: (order.get(r.file, -1), r.line))
        stats.rejected += len(rejects)
        yield from rejects
        yield from streets
        self._report(run, stats)

    # reading

    def _read_source(self, source: Source, stats: LoadStats, run: _Run) -> list[Reject]:
        state = _FileState(source.name)
        file_index = len(run.files)
        run.files.append(source.name)
        rejects: list[Reject] = []
        tables = run.tables
        keep = {}  # per record type: its table's append
        for rtype, table in tables.items():
            table.start_file(file_index)
            keep[str(rtype)] = table.add
        for row in iter_rows(source, stats):
            fields = row.fields
            first = fields[0].strip()
            add = keep.get(first)
            if add is None and first.isdecimal():  # "011" is type 11 too
                add = keep.get(str(int(first)))
            if add is not None:
                state.records += 1
                stats.data_rows += 1
                add(row.raw, row.line, fields)
                continue
            if first in ("10", "99"):
                self._header_or_trailer(int(first), fields, row.line, state, stats)
                continue
            if first.upper() == "RECORD_IDENTIFIER":  # a column-name row some exports add
                continue
            state.records += 1
            if first.isdecimal() and int(first) in self.not_street:
                run.skipped[self.not_street[int(first)]] += 1
                continue
            if first.isdecimal():
                run.unknown[int(first)] += 1
                reason = f"unknown record type {int(first)} for {self.name}"
            else:
                problem = is_csv_error(row)
                reason = (
                    f"unreadable CSV: {problem}"
                    if problem
                    else f"record type {first[:20]!r} is not a number"
                )
            stats.data_rows += 1
            rejects.append(Reject(row.file, row.line, row.raw, reason))
        if state.trailer_count is None:
            stats.warnings.append(
                f"{source.name}: no trailer (99) record; the file may be truncated"
            )
        elif state.trailer_count >= 0 and state.trailer_count not in (
            state.records,
            state.records + 2,  # some producers count the header and trailer too
        ):
            stats.warnings.append(
                f"{source.name}: trailer (99) at line {state.trailer_line} says "
                f"{state.trailer_count:,} records but the file has {state.records:,}"
            )
        return rejects

    def _header_or_trailer(
        self, rtype: int, fields: list[str], line: int, state: _FileState, stats: LoadStats
    ) -> None:
        if rtype == HEADER:
            version = fields[7].strip() if len(fields) > 7 else ""
            file_type = fields[8].strip().upper() if len(fields) > 8 else ""
            kind = {"F": "full supply", "C": "change-only update"}.get(file_type, "type unknown")
            stats.detected.append(f"{state.name}: DTF version {version or '?'}, {kind}")
            if version and not version.startswith(self.expected_version):
                stats.warnings.append(
                    f"{state.name}: header says DTF version {version}, read as {self.name}"
                )
            return
        state.trailer_line = line
        try:
            state.trailer_count = parse_int(fields[2], "RECORD_COUNT")
        except (ValueError, IndexError):
            state.trailer_count = -1
            stats.warnings.append(f"{state.name}: trailer (99) record count is unreadable")

    # change-only updates

    def _apply_changes(self, table: _Table, run: _Run) -> np.ndarray:
        """Which records of *table* are current after I/U/D; rejects for all the others."""
        import pandas as pd

        rtype, spec, n = table.rtype, table.spec, table.n
        alive = np.zeros(n, dtype=bool)
        if n == 0:
            return alive
        ok = table.change != _BAD_CHANGE
        run.reject(
            rtype,
            np.flatnonzero(~ok),
            lambda i: f"change type {_field(table.raw(i), 1)!r} is not I, U or D",
        )
        needed = np.where(table.change == _CHANGES["D"], spec.key_fields, spec.min_fields)
        short = ok & (table.nfields < needed)
        run.reject(
            rtype,
            np.flatnonzero(short),
            lambda i: (
                f"{table.what} record (type {rtype}) has {table.nfields[i]} fields; at least "
                f"{needed[i]} are needed (truncated line?)"
            ),
        )
        ok &= ~short
        for name in spec.key:
            if name not in table.col:
                continue
            bad = ok & ~key_valid(name, table.col[name])
            index = spec.numbers[name]
            run.reject(
                rtype,
                np.flatnonzero(bad),
                lambda i, name=name, index=index: (
                    f"{table.what} record: {_key_problem(name, _field(table.raw(i), index))}"
                ),
            )
            ok &= ~bad
        rows = np.flatnonzero(ok)
        keys = pd.DataFrame(
            {name: table.col[name][rows].astype(np.int64) for name in spec.key if name in table.col}
        )
        if rtype == DESCRIPTOR:
            keys["language"] = [table.language[i] for i in rows]
        keys["_row"] = rows
        columns = [c for c in keys.columns if c != "_row"]
        changes = table.change[rows]
        touched = np.zeros(len(rows), dtype=bool)
        if (changes != _CHANGES["I"]).any():
            marked = keys.loc[changes != _CHANGES["I"], columns].drop_duplicates()
            touched = (
                keys[columns].merge(marked, how="left", indicator=True)["_merge"] == "both"
            ).to_numpy()
        # inserts only: the first of each key is current, later ones are duplicates
        plain = keys[~touched]
        first = plain.groupby(columns, sort=False)["_row"].transform("first").to_numpy()
        plain_rows = plain["_row"].to_numpy()
        duplicate = first != plain_rows
        alive[plain_rows[~duplicate]] = True
        for row, original in zip(plain_rows[duplicate], first[duplicate]):
            run.reject(
                rtype,
                [row],
                f"duplicate {table.what} record for {_label(rtype, table.key(row))}: "
                f"first at {run.where(rtype, original)}",
            )
        # keys with updates or deletes: applied one record at a time, in read order
        current: dict[tuple, int] = {}
        for row, change in zip(rows[touched], changes[touched]):
            row = int(row)
            key = table.key(row)
            old = current.get(key)
            label = _label(rtype, key)
            if change == _CHANGES["I"]:
                if old is None:
                    current[key] = row
                else:
                    run.reject(
                        rtype,
                        [row],
                        f"duplicate {table.what} record for {label}: first at "
                        f"{run.where(rtype, old)}",
                    )
            elif change == _CHANGES["U"]:
                current[key] = row
                if old is None:
                    run.updates_as_inserts += 1
                else:
                    run.reject(
                        rtype,
                        [old],
                        f"superseded by update (U) of {label} at {run.where(rtype, row)}",
                    )
            elif old is None:
                run.reject(
                    rtype, [row], f"delete (D) of {table.what} {label}, which was not loaded"
                )
            else:
                del current[key]
                run.reject(
                    rtype, [old], f"deleted by change-only update (D) at {run.where(rtype, row)}"
                )
                run.reject(
                    rtype,
                    [row],
                    f"delete (D) applied: removed {table.what} {label} loaded at "
                    f"{run.where(rtype, old)}",
                )
        alive[list(current.values())] = True
        return alive

    # building streets

    def _build(self, run: _Run, stats: LoadStats) -> list[dict]:
        import pandas as pd

        t, alive = run.tables, run.alive
        accepted = 0

        # 1. street records (few: parsed one by one)
        streets: dict[int, dict] = {}
        street_row: dict[int, int] = {}
        street_problem: dict[int, str] = {}
        for row in np.flatnonzero(alive[STREET]):
            fields = t[STREET].fields(row)
            usrn = int(t[STREET].col["usrn"][row])
            attrs = parse_street(fields)
            run.bad_dates += sum(
                1
                for name in ("state_date", "start_date", "end_date")
                if attrs[name] is None and _raw_date(fields, name)
            )
            streets[usrn] = attrs
            street_row[usrn] = int(row)
        usrns = t[STREET].col["usrn"]
        for row in np.flatnonzero(~alive[STREET] & np.isfinite(usrns)).tolist():
            usrn = int(usrns[row])
            if usrn not in streets:
                street_problem.setdefault(
                    usrn, f"the street record (type 11) of USRN {usrn} was rejected"
                )

        # 2. ESU coordinates: valid points of current ESUs, ordered by COORD_NUMBER
        esu = t[ESU]
        esu_rows = np.flatnonzero(alive[ESU])
        esu_ids = esu.col["esuid"][esu_rows].astype(np.int64)  # one alive record per ESU
        by_id = np.argsort(esu_ids, kind="stable")
        esu_ids, esu_rows = esu_ids[by_id], esu_rows[by_id]  # sorted: looked up by searchsorted
        coord = t[ESU_COORD]
        c_rows = np.flatnonzero(alive[ESU_COORD])
        c_esu = coord.col["esuid"][c_rows].astype(np.int64)
        cx, cy = coord.col["x"][c_rows], coord.col["y"][c_rows]
        has_esu = np.isin(c_esu, esu_ids)
        run.reject(
            ESU_COORD,
            c_rows[~has_esu],
            lambda i: f"no ESU record (type 13) for ESU {int(coord.col['esuid'][i])}",
        )
        numeric = np.isfinite(cx) & np.isfinite(cy)
        bad_number = has_esu & ~numeric
        run.reject(
            ESU_COORD,
            c_rows[bad_number],
            lambda i: "ESU coordinate: " + _coordinate_problem(coord.raw(i)),
        )
        inside = on_grid(cx, cy)
        off_grid = has_esu & numeric & ~inside
        run.reject(
            ESU_COORD,
            c_rows[off_grid],
            lambda i: off_grid_reason(coord.col["x"][i], coord.col["y"][i]),
        )
        good = has_esu & numeric & inside
        g_rows, g_esu = c_rows[good], c_esu[good]
        g_num = coord.col["number"][g_rows]
        order = np.lexsort((g_num, g_esu))
        g_rows, g_esu = g_rows[order], g_esu[order]
        xy = np.column_stack((coord.col["x"][g_rows], coord.col["y"][g_rows]))
        line_ids, start, counts = np.unique(g_esu, return_index=True, return_counts=True)
        group = np.repeat(np.arange(len(line_ids)), counts)
        first_xy = xy[start][group]
        differs = (xy != first_xy).any(axis=1)
        usable = np.bincount(group, weights=differs, minlength=len(line_ids)) > 0
        distinct = np.where(usable, 2, np.minimum(counts, 1))
        line_at = np.searchsorted(esu_ids, line_ids)  # every line's ESU has a record
        declared = esu.col["num_coords"][esu_rows[line_at]]
        with np.errstate(invalid="ignore"):
            run.coord_count_mismatch += int(np.sum(np.isfinite(declared) & (declared != counts)))
        esu_distinct = np.zeros(len(esu_ids), dtype=np.int64)
        esu_distinct[line_at] = distinct
        esu_problem: dict[int, str] = {}  # only the ESUs that cannot make a line
        for esuid, found in zip(
            esu_ids[esu_distinct < 2].tolist(), esu_distinct[esu_distinct < 2].tolist()
        ):
            esu_problem[esuid] = f"ESU {esuid} has {found} usable coordinate(s); a line needs 2"

        def point_rows(esuid: int) -> np.ndarray:
            """The coordinate rows of ESU *esuid* (none when it has no usable point)."""
            at = int(np.searchsorted(line_ids, esuid))
            if at == len(line_ids) or line_ids[at] != esuid:
                return g_rows[:0]
            return g_rows[start[at] : start[at] + counts[at]]

        # the usable ESUs' points, grouped by ESU in COORD_NUMBER order: lines are made from
        # them a chunk of streets at a time (_merge_lines), so few GEOS objects live at once
        line_xy = xy[usable[group]]
        line_counts = counts[usable]
        line_starts = np.cumsum(line_counts) - line_counts
        line_ids_usable = line_ids[usable]  # sorted, beside line_starts
        del xy, first_xy, differs, group

        # 3. cross references: USRN → ESUs
        xref = t[XREF]
        x_rows = np.flatnonzero(alive[XREF])
        x_usrn = xref.col["usrn"][x_rows].astype(np.int64)
        x_esu = xref.col["esuid"][x_rows].astype(np.int64)
        known_street = np.isin(x_usrn, np.fromiter(streets, np.int64, len(streets)))
        known_line = np.isin(x_esu, line_ids_usable)
        run.reject(
            XREF,
            x_rows[~known_street],
            lambda i: _street_missing(int(xref.col["usrn"][i]), street_problem),
        )
        run.reject(
            XREF,
            x_rows[known_street & ~known_line],
            lambda i: _esu_missing(int(xref.col["esuid"][i]), esu_problem),
        )
        used = known_street & known_line
        u_usrn, u_esu = x_usrn[used], x_esu[used]
        accepted += int(used.sum())
        used_array = np.unique(u_esu)
        esu_used = np.isin(esu_ids, used_array)
        # a used ESU has a line: its record and all its coordinate records are accepted
        accepted += int(esu_used.sum()) + int(counts[np.isin(line_ids, used_array)].sum())
        for esuid, row in zip(esu_ids[~esu_used].tolist(), esu_rows[~esu_used].tolist()):
            problem = esu_problem.get(esuid) or (
                f"ESU {esuid} is not cross-referenced (type 12) to any loaded street"
            )
            run.reject(ESU, [row], problem)
            run.reject(
                ESU_COORD,
                point_rows(esuid),
                f"belongs to ESU {esuid}, which was rejected: {problem}",
            )

        # 4. one way exemptions and highway dedications hang off used ESUs
        dedication = pd.DataFrame({"esuid": [], "code": []})
        for rtype in (ONE_WAY, DEDICATION):
            table = t[rtype]
            rows = np.flatnonzero(alive[rtype])
            ids = table.col["esuid"][rows].astype(np.int64)
            on_used = np.isin(ids, used_array)
            run.reject(
                rtype,
                rows[~on_used],
                lambda i, table=table: _esu_orphan(int(table.col["esuid"][i]), esu_problem),
            )
            accepted += int(on_used.sum())
            if rtype == DEDICATION:
                codes = table.col["code"][rows[on_used]]
                keep = np.isfinite(codes)
                dedication = pd.DataFrame(
                    {"esuid": ids[on_used][keep], "code": codes[keep].astype(int)}
                )

        # 5. geometry per street: merged ESU lines, else the start-end line
        links = pd.DataFrame({"usrn": u_usrn, "esuid": u_esu}).sort_values(
            ["usrn", "esuid"], kind="stable"
        )
        geometries = _merge_lines(
            links["usrn"].to_numpy(),
            np.searchsorted(line_ids_usable, links["esuid"].to_numpy()),
            line_xy,
            line_starts,
            line_counts,
        )
        classes = (
            links.merge(dedication, on="esuid")
            .groupby("usrn")["code"]
            .agg(lambda codes: ";".join(str(c) for c in sorted(set(codes)))[:20])
            .to_dict()
        )
        for usrn in list(streets):
            attrs = streets[usrn]
            if usrn in geometries:  # the lines are made as the street is yielded
                attrs["geometry_source"] = GEOMETRY_ESU
                if not attrs["classification"] and usrn in classes:
                    attrs["classification"] = classes[usrn]
            elif attrs["_ends"] is not None:
                attrs["lines"] = [[tuple(p) for p in attrs["_ends"]]]
                attrs["geometry_source"] = GEOMETRY_START_END
            else:
                problem = (
                    f"street USRN {usrn} has no ESU geometry and no usable start/end line: "
                    f"{attrs['_ends_problem']}"
                )
                run.reject(STREET, [street_row[usrn]], problem)
                street_problem[usrn] = problem
                del streets[usrn]

        # 6. descriptors: English first, else the first language in order
        desc = t[DESCRIPTOR]
        chosen: dict[int, int] = {}
        for row in np.flatnonzero(alive[DESCRIPTOR]).tolist():
            usrn = int(desc.col["usrn"][row])
            if usrn not in streets:
                run.reject(DESCRIPTOR, [row], _street_missing(usrn, street_problem))
                continue
            accepted += 1
            best = chosen.get(usrn)
            rank = (desc.language[row] != "ENG", desc.language[row])  # English first
            if best is None or rank < (desc.language[best] != "ENG", desc.language[best]):
                chosen[usrn] = row

        stats.accepted += accepted + len(streets)
        missing = len(streets) - len(chosen)
        if missing:
            stats.warnings.append(
                f"{missing:,} street(s) have no street descriptor (type 15): loaded without a name"
            )
        return self._streets(streets, chosen, desc, geometries)

    def _streets(
        self, streets: dict[int, dict], chosen: dict[int, int], desc: _Table, geometries: _Lines
    ) -> Iterator[dict]:
        """The streets in USRN order, each completed (name, lines) only as it is yielded."""
        for usrn in sorted(streets):
            attrs = streets.pop(usrn)
            row = chosen.get(usrn)
            yield finish_street(
                attrs, usrn, desc.fields(row) if row is not None else [], self.name, geometries
            )

    def _report(self, run: _Run, stats: LoadStats) -> None:
        for label, count in sorted(run.skipped.items()):
            stats.detected.append(
                f"{count:,} {label} record(s) are not part of the streets layer: skipped"
            )
        if run.unknown:
            kinds = ", ".join(f"{t} (×{n:,})" for t, n in sorted(run.unknown.items()))
            stats.warnings.append(
                f"{sum(run.unknown.values()):,} record(s) of unknown type were rejected: {kinds}"
            )
        if run.updates_as_inserts:
            stats.warnings.append(
                f"{run.updates_as_inserts:,} update (U) record(s) had no earlier record and were "
                "loaded as inserts"
            )
        if run.coord_count_mismatch:
            stats.warnings.append(
                f"{run.coord_count_mismatch:,} ESU(s) have a NUM_COORD_COUNT that differs from "
                "their coordinate records"
            )
        if run.bad_dates:
            stats.warnings.append(f"{run.bad_dates:,} unreadable date(s) were left empty")


def key_valid(name: str, values: np.ndarray) -> np.ndarray:
    """Which of a chunk's *values* of the key field *name* are whole numbers in range (a
    USRN within 1–MAX_USRN, an ESU id above 0); NaN (empty or unreadable) is not."""
    with np.errstate(invalid="ignore"):
        valid = np.isfinite(values) & (values == np.floor(values))
        if name == "usrn":
            valid &= (values > 0) & (values <= MAX_USRN)
        elif name == "esuid":
            valid &= values > 0
    return valid


def _key_problem(name: str, text: str) -> str:
    word = _KEY_WORDS.get(name, name)
    if not text:
        return f"{word} is empty"
    try:
        value = parse_int(text, word)
    except ValueError as exc:
        return str(exc)
    if name == "usrn":
        return f"USRN {value} is outside 1–{MAX_USRN}"
    return f"{word} {value} is not a positive number"


def _coordinate_problem(raw: str) -> str:
    for index in (6, 7):
        try:
            parse_coordinate(_field(raw, index))
        except ValueError as exc:
            return str(exc)
    return "coordinate is not a number"


def _street_missing(usrn: int, problems: dict[int, str]) -> str:
    return problems.get(usrn, f"no street record (type 11) for USRN {usrn}")


def _esu_missing(esuid: int, problems: dict[int, str]) -> str:
    return problems.get(esuid, f"no ESU record (type 13) for ESU {esuid}")


def _esu_orphan(esuid: int, problems: dict[int, str]) -> str:
    return problems.get(esuid, f"ESU {esuid} is not part of any loaded street")


def _raw_date(fields: list[str], name: str) -> str:
    _, layout = street_layout(fields)
    index = layout[name]
    return fields[index].strip() if index is not None and index < len(fields) else ""


class _Lines:
    """Each owner's merged lines as coordinate arrays; coordinate lists made on request."""

    def __init__(self, coords: np.ndarray, parts: dict[int, list[tuple[int, int]]]) -> None:
        self.coords = coords
        self.parts = parts

    def __contains__(self, owner: int) -> bool:
        return owner in self.parts

    def __getitem__(self, owner: int) -> list[list[tuple]]:
        coords = self.coords
        return [list(map(tuple, coords[b:e].tolist())) for b, e in self.parts[owner]]


#: Streets whose lines are made and merged at a time (bounds the GEOS objects alive).
MERGE_CHUNK = 10_000


def _merge_lines(
    owners: np.ndarray,
    line_index: np.ndarray,
    xy: np.ndarray,
    starts: np.ndarray,
    counts: np.ndarray,
) -> _Lines:
    """Join each owner's lines (shapely ``line_merge``). *owners* is sorted; line
    ``line_index[i]`` of owner ``owners[i]`` is ``xy[starts[j]:starts[j] + counts[j]]``
    (``j = line_index[i]``). Lines are made ``MERGE_CHUNK`` owners at a time; the merged
    parts are kept as one coordinate array."""
    import shapely

    if not len(owners):
        return _Lines(np.empty((0, 2)), {})
    keys, owner_of = np.unique(owners, return_inverse=True)
    bounds = np.searchsorted(owner_of, np.arange(0, len(keys) + MERGE_CHUNK, MERGE_CHUNK))
    result: dict[int, list[tuple[int, int]]] = {}
    chunks: list[np.ndarray] = []
    offset = 0
    for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        if a == b:
            continue
        lines_here = line_index[a:b]
        n = counts[lines_here]
        first = np.cumsum(n) - n
        take = np.repeat(starts[lines_here] - first, n) + np.arange(int(n.sum()))
        lines = shapely.linestrings(xy[take], indices=np.repeat(np.arange(len(n)), n))
        local = owner_of[a:b] - owner_of[a]
        merged = shapely.line_merge(shapely.multilinestrings(lines, indices=local))
        parts, part_owner = shapely.get_parts(merged, return_index=True)
        coords, coord_part = shapely.get_coordinates(parts, return_index=True)
        del lines, merged, parts
        edges = np.flatnonzero(np.diff(coord_part)) + 1
        begins = (np.concatenate(([0], edges)) + offset).tolist()
        ends = (np.concatenate((edges, [len(coords)])) + offset).tolist()
        owner_keys = keys[owner_of[a] + part_owner].tolist()
        for owner, begin, end in zip(owner_keys, begins, ends):
            result.setdefault(int(owner), []).append((begin, end))
        chunks.append(coords)
        offset += len(coords)
    return _Lines(np.concatenate(chunks) if chunks else np.empty((0, 2)), result)


READER = DtfStreetReader(
    NAME,
    "8.1",
    {29: "LSG metadata (type 29)", range(60, 70): "ASD (types 61-69)"},
)


def looks_like(rows: list[list[str]]) -> bool:
    """True when the first rows of a file are DTF 8.1 street gazetteer records."""
    for fields in rows:
        first = fields[0].strip() if fields else ""
        if first.upper() == "RECORD_IDENTIFIER":  # a column-name row
            continue
        if first == "10":
            return len(fields) > 7 and fields[7].strip().startswith("8.1")
        if first in ("12", "13", "14", "16", "17"):
            return True
        if first == "11":
            return street_layout(fields)[0] == "DTF 8.1"
    return False


def read(sources: Iterable[Source], stats: LoadStats) -> Iterator[dict | Reject]:
    """Yield rejects, then one canonical street (with ``lines``) per USRN."""
    return READER.read(sources, stats)


def finish_street(attrs: dict, usrn: int, descriptor: list, source: str, geometries) -> dict:
    """*attrs* completed as a street of the layer: names from its chosen descriptor's
    fields, its ESU lines (``geometries[usrn]``) when they are its geometry, the reader's
    working keys removed."""
    f = descriptor
    attrs.update(
        street_description=text_or_none(f[4] if len(f) > 4 else None),
        locality=text_or_none(f[5] if len(f) > 5 else None),
        town=text_or_none(f[6] if len(f) > 6 else None),
        administrative_area=text_or_none(f[7] if len(f) > 7 else None),
        source=source,
    )
    if attrs["geometry_source"] == GEOMETRY_ESU:
        attrs["lines"] = geometries[usrn]
    del attrs["_ends"], attrs["_ends_problem"]
    return attrs


def chunk_columns(
    text: bytes, count: int, indices: list[int], most_fields: int, line: Callable[[int], str]
) -> pd.DataFrame:
    """Columns *indices* (text) of a chunk of *count* CSV lines (*text*) of at most
    *most_fields* fields; *line(i)* is the chunk's i-th line as text."""
    import pandas as pd

    width = max(most_fields, max(indices) + 1)
    try:  # pandas' C parser reads the chunk's columns in one pass
        frame = pd.read_csv(
            io.BytesIO(text),
            encoding="utf-8",
            encoding_errors="surrogateescape",
            header=None,
            names=range(width),
            usecols=indices,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
        )
        if len(frame) == count:
            return frame
    except (ValueError, pd.errors.ParserError):
        pass
    # an unbalanced quote made one record of several lines: split each record alone
    rows = [next(csv.reader(io.StringIO(line(i))), []) for i in range(count)]
    return pd.DataFrame(
        {i: [f[i] if len(f) > i else "" for f in rows] for i in indices}, dtype=object
    )
