"""Bounded-memory assembly of multi-record supplies (DTF 7.3, AddressBase Premium).

``StagedReader`` is ``assemble.MultiRecordReader`` with its per-record-type stores kept in
an on-disk SQLite file instead of dictionaries: BLPUs (21), LPIs (24), classifications (32),
organisations (31) and delivery points (28) are staged as rows (key, UPRN, record), the
change types are applied there exactly as the in-memory reader applies them (the reader's
own ``_apply`` runs against ``DiskItems``, which answers like a dict), and the join is a
merge on UPRN: the BLPUs are read back in UPRN order and each child table through one
cursor ordered by UPRN, so one address's records are in memory at a time. Street
descriptors (15) stay in memory (about 1.5 million in Great Britain).

Memory therefore depends on SQLite's page cache (``CACHE_KIB``) and the rejected rows,
not on the size of the supply; the results, rejects and accounting are the in-memory
reader's (tests compare them row for row).
"""

from __future__ import annotations

import gc
import marshal
import multiprocessing
import os
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import chain, islice
from operator import itemgetter, lt
from pathlib import Path

from ..records import LoadStats
from ..sources import Source
from . import file_parts
from .assemble import (
    B_UPRN,
    C_UPRN,
    COUNTED,
    D_UPRN,
    HEADER,
    L_UPRN,
    METADATA,
    O_UPRN,
    S_LINE,
    TRAILER,
    AddressLoadStats,
    Layout,
    LoadCancelledError,
    MultiRecordReader,
    _same_record_in_another_file,
    _show,
    _Store,
    _where,
    fast_rows,
)

#: SQLite page cache per staging file, in KiB (negative PRAGMA cache_size).
CACHE_KIB = 64 * 1024
#: Writes kept in memory before they go to SQLite in one executemany.
WRITE_BATCH = 20_000
#: Slots of each store's "maybe stored" table (one byte each, fixed size): a key whose slot
#: is empty was never stored, so looking it up needs no SQL (most keys of a full supply).
SEEN_SLOTS = 1 << 23

#: What the log says when a worker process did its part (``stats.detected``).
TWO_PARTS = "read in two parts, by two processes"
TWO_RANGES = "addresses joined in UPRN ranges taken in turn by two processes"
#: Addresses (BLPUs) from which the join is split between two processes (``workers`` 2).
JOIN_SPLIT = 50_000
#: Addresses a join worker marshals at a time.
JOIN_BATCH = 5_000
#: Addresses in a pair of UPRN ranges of a split join: the ranges alternate between this
#: process and the worker, so the COPY takes the worker's rows of one range (from its
#: file) while this process joins the next, and only the last range is left at the end.
JOIN_PAIR = 40_000
#: This process's share of each pair of ranges (it also sends every row to the COPY).
MAIN_SHARE = 0.42

_UPRN_AT = {"21": B_UPRN, "24": L_UPRN, "32": C_UPRN, "31": O_UPRN, "28": D_UPRN}
_dumps, _loads, _loads_from = marshal.dumps, marshal.loads, marshal.load
#: The declared type of the staged record column: on a connection opened with
#: ``detect_types=PARSE_DECLTYPES`` (``StagedReader``'s) sqlite3 turns its values back into
#: records as it fetches them (a C call per row, no Python loop); on another connection
#: they come as bytes and are unmarshalled here (``_record``). A record is never bytes.
RECORD_TYPE = "placelink_record_blob"  # "BLOB" in the name: BLOB affinity
sqlite3.register_converter(RECORD_TYPE, _loads)
#: Staging table names are the loader's own words; checked before they go into SQL.
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


def _record(value: object) -> tuple:
    """A staged record, whether the connection has unmarshalled it already or not."""
    return _loads(value) if value.__class__ is bytes else value  # type: ignore[return-value,arg-type]


def _unmarshalled(rows: Iterator[tuple]) -> Iterator[tuple]:
    """(u, v) rows with their records unmarshalled: the cursor itself when the connection
    does it, else a generator."""
    first = next(rows, None)
    if first is None:
        return iter(())
    if first[1].__class__ is bytes:
        return ((u, _loads(v)) for u, v in chain((first,), rows))
    return chain((first,), rows)


def _key(key: object) -> str:
    """A stable text key for an int, str or tuple record key."""
    return key if isinstance(key, str) else repr(key)


class DiskItems:
    """The part of the dict interface ``MultiRecordReader`` uses, kept in one SQLite table.

    Recent writes and deletes are buffered (``WRITE_BATCH``) and looked up first, so the
    answers are those of a dict at every moment.
    """

    def __init__(
        self, db: sqlite3.Connection, table: str, uprn_at: int, appending: bool = False
    ) -> None:
        if not _IDENTIFIER.fullmatch(table):
            raise ValueError(f"not a staging table name: {table!r}")
        self.db = db
        self.table = table
        self.uprn_at = uprn_at
        self.pending: dict[str, tuple | None] = {}  # key → record, None = deleted
        self.count = 0
        # the last key looked up, and its record
        self.last: tuple[str | None, object] = (None, None)
        self.seen = bytearray(SEEN_SLOTS)
        #: Appending (``append``): rows go in without a look-up, duplicates are settled
        #: later (``duplicates``/``settle``); until then the dict interface is closed.
        self.appending = appending
        self.appended: list[tuple] = []  # records, written a batch at a time
        #: The key of a record (appending mode), given by the reader.
        self.key_of: Callable[[tuple], object] | None = None
        self.repeated_keys = 0
        #: True while the rows were stored in UPRN order: read back without an index.
        self.ordered = appending
        self.last_uprn: object = None
        #: True while every key appended is above the one before (so none repeats: no
        #: index is needed to look for duplicates); the first and last key appended.
        self.increasing = appending
        self.first_key: str | None = None
        self.last_key: str | None = None
        self.unique = not appending  # a primary key, or (appending) made when needed
        key = "k TEXT" if appending else "k TEXT PRIMARY KEY"
        db.execute(f"CREATE TABLE {table} ({key}, u INTEGER, v {RECORD_TYPE})")
        self._select = f"SELECT v FROM {table} WHERE k = ?"  # nosec B608 - our own table name, checked

    def append(self, record: tuple) -> None:
        """Store *record* under its key (``key_of``) without looking the key up (appending
        mode). The reader appends to ``appended`` itself (``StagedReader.inserts``)."""
        self.appended.append(record)
        if len(self.appended) >= WRITE_BATCH:
            self._write_appended()

    def _write_appended(self) -> None:
        """The appended records into the table, in one executemany: their keys, UPRNs and
        marshalled records made by C-level maps, no Python per record."""
        records = self.appended
        if not records:
            return
        keys = list(map(self.key_of, records))  # type: ignore[arg-type]
        kinds = set(map(type, keys))
        if kinds == {int}:
            keys = list(map(repr, keys))  # as ``_key`` makes them
        elif kinds != {str}:
            keys = [_key(k) for k in keys]
        uprns = list(map(itemgetter(self.uprn_at), records))
        if self.increasing:  # a C-level pass, until the first key out of order
            self.increasing = (self.last_key is None or self.last_key < keys[0]) and all(
                map(lt, keys, islice(keys, 1, None))
            )
            if self.first_key is None:
                self.first_key = keys[0]
            self.last_key = keys[-1]
        if self.ordered:  # still in UPRN order? (a sort in C, no Python loop)
            try:
                self.ordered = uprns == sorted(uprns) and (
                    self.last_uprn is None or self.last_uprn <= uprns[0]
                )
            except TypeError:  # a record without a UPRN
                self.ordered = False
            self.last_uprn = uprns[-1]
        self.count += len(records)
        self.db.executemany(
            f"INSERT INTO {self.table} VALUES (?, ?, ?)",  # nosec B608 - our own table name, checked
            zip(keys, uprns, map(_dumps, records)),
        )
        records.clear()

    def absorb(self, database: str, part: dict) -> None:
        """(appending mode) Append the rows of this table in the attached *database* (a
        worker's staging file, ``part`` its ``count``/``ordered``/``first``/``last``), in
        their order, after the rows appended here."""
        self._write_appended()
        if not part["count"]:
            return
        table = self.table
        self.db.execute(
            f"INSERT INTO {table} SELECT k, u, v FROM {database}.{table} ORDER BY rowid"  # nosec B608 - our own names, checked
        )
        try:
            self.ordered = (
                self.ordered
                and part["ordered"]
                and (self.last_uprn is None or self.last_uprn <= part["first"])
            )
        except TypeError:
            self.ordered = False
        self.last_uprn = part["last"]
        self.count += part["count"]
        self.increasing = (
            self.increasing
            and part["increasing"]
            and (self.last_key is None or self.last_key < part["first_key"])
        )
        if self.first_key is None:
            self.first_key = part["first_key"]
        self.last_key = part["last_key"]

    def ends(self) -> dict:
        """(appending mode) What ``absorb`` needs to know of this table, written out."""
        self._write_appended()
        first = self.db.execute(f"SELECT u FROM {self.table} ORDER BY rowid LIMIT 1").fetchone()  # nosec B608 - our own table name, checked
        return {
            "count": self.count,
            "ordered": self.ordered,
            "first": None if first is None else first[0],
            "last": self.last_uprn,
            "increasing": self.increasing,
            "first_key": self.first_key,
            "last_key": self.last_key,
        }

    def duplicates(self) -> Iterator[list[tuple]]:
        """(appending mode) The records of each key stored more than once, in the order
        they were appended."""
        self._write_appended()
        if self.increasing:  # every key above the one before: none repeats
            self.repeated_keys = 0
            return
        table = self.table
        self.db.execute(f"CREATE INDEX {table}_k ON {table} (k)")
        keys = self.db.execute(
            f"SELECT k FROM {table} GROUP BY k HAVING count(*) > 1"  # nosec B608 - our own table name, checked
        ).fetchall()
        self.repeated_keys = len(keys)
        for (k,) in keys:
            rows = self.db.execute(
                f"SELECT v FROM {table} WHERE k = ? ORDER BY rowid",  # nosec B608 - our own table name, checked
                (k,),
            ).fetchall()
            yield [_record(v) for (v,) in rows]

    def settle(self) -> None:
        """Keep the first record of each key (the caller has accounted for the others),
        then answer like a dict."""
        if not self.appending:
            return
        self._write_appended()
        table = self.table
        if self.repeated_keys:
            before = self.count
            self.db.execute(
                f"DELETE FROM {table} WHERE rowid NOT IN "  # nosec B608 - our own table name, checked
                f"(SELECT min(rowid) FROM {table} GROUP BY k)"
            )
            self.count = before - self.db.execute("SELECT changes()").fetchone()[0]
        self.seen = bytearray(b"\x01") * SEEN_SLOTS  # any key may be stored: ask SQLite
        self.appending = False
        self.unique = False  # the key index is made unique when a look-up needs it

    def _unique_keys(self) -> None:
        """A unique index on the key, for look-ups and ``INSERT OR REPLACE`` after settling."""
        if not self.unique:
            self.db.execute(f"DROP INDEX IF EXISTS {self.table}_k")
            self.db.execute(f"CREATE UNIQUE INDEX {self.table}_key ON {self.table} (k)")
            self.unique = True

    def get(self, key: object, default: object = None) -> object:
        if self.appending:
            raise RuntimeError("settle the appended records before looking keys up")
        k = key if key.__class__ is str else _key(key)
        pending = self.pending
        if k in pending:
            found = pending[k]
            return default if found is None else found
        if self.last[0] == k:
            found = self.last[1]
        elif not self.seen[hash(k) & (SEEN_SLOTS - 1)]:
            found = None  # never stored: no need to ask SQLite
            self.last = (k, None)  # the usual next call stores it: no second look-up
        else:
            self._unique_keys()
            row = self.db.execute(self._select, (k,)).fetchone()
            found = None if row is None else _record(row[0])
            self.last = (k, found)
        return default if found is None else found

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: object) -> tuple:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __setitem__(self, key: object, record: tuple) -> None:
        k = key if key.__class__ is str else _key(key)
        pending = self.pending
        if k in pending:
            new = pending[k] is None
        else:
            last = self.last
            new = (last[1] is None) if last[0] == k else self.get(k) is None
        if new:
            self.count += 1
        self.seen[hash(k) & (SEEN_SLOTS - 1)] = 1
        pending[k] = record
        self.last = (None, None)
        if len(pending) >= WRITE_BATCH:
            self.flush()

    def __delitem__(self, key: object) -> None:
        k = _key(key)
        if self.get(k) is None:
            raise KeyError(key)
        self.count -= 1
        self.pending[k] = None
        self.last = (None, None)
        if len(self.pending) >= WRITE_BATCH:
            self.flush()

    def __len__(self) -> int:
        return self.count

    def setdefault(self, key: object, record: tuple) -> tuple:
        found = self.get(key)
        if found is None:
            self[key] = record
            return record
        return found  # type: ignore[return-value]

    def pop(self, key: object, *default: object) -> object:
        found = self.get(key)
        if found is None:
            if default:
                return default[0]
            raise KeyError(key)
        del self[key]
        return found

    def flush(self) -> None:
        if not self.pending:
            return
        at = self.uprn_at
        gone = [(k,) for k, v in self.pending.items() if v is None]
        kept = [(k, v[at], _dumps(v)) for k, v in self.pending.items() if v is not None]
        if gone or kept:
            self._unique_keys()
        if gone:
            self.db.executemany(f"DELETE FROM {self.table} WHERE k = ?", gone)  # nosec B608 - our own table name, checked
        if kept:
            self.ordered = False  # replaced rows go to the end of the table
            self.db.executemany(f"INSERT OR REPLACE INTO {self.table} VALUES (?, ?, ?)", kept)
        self.pending.clear()

    def ready(self) -> None:
        """Settled, written, and indexed by UPRN unless stored in UPRN order: ready to be
        read by UPRN (also by another connection)."""
        self.settle()
        self.flush()
        if not self.ordered:
            self.db.execute(f"CREATE INDEX IF NOT EXISTS {self.table}_u ON {self.table} (u)")

    def by_uprn(
        self, low: int | None = None, high: int | None = None
    ) -> Iterator[tuple[int, tuple]]:
        """(UPRN, record) of every record with *low* <= UPRN < *high* (None: no bound; a
        record without a UPRN counts as below every bound), in UPRN order (the table is
        indexed first): the SQLite cursor itself when it unmarshals the records as it
        fetches them."""
        self.ready()
        where, bounds = "", []
        column = "u"
        if self.ordered and (low is not None or high is not None):
            # stored in UPRN order (no record without one): the range is a rowid range,
            # read without scanning the rest of the table
            column = "rowid"
            low = None if low is None else self._rowid_from(low)
            high = None if high is None else self._rowid_from(high)
        if low is not None:
            where, bounds = f" WHERE {column} >= ?", [low]
        if high is not None:
            where = f"{where} AND {column} < ?" if where else f" WHERE ({column} < ? OR u IS NULL)"
            bounds.append(high)
        order = "rowid" if self.ordered else "u"  # in UPRN order as stored: no index
        rows = self.db.execute(f"SELECT u, v FROM {self.table}{where} ORDER BY {order}", bounds)  # nosec B608 - our own table name, checked
        return _unmarshalled(rows)

    def _rowid_from(self, uprn: object) -> int:
        """(Ordered records) the first rowid whose UPRN is *uprn* or above (one past the
        last rowid when there is none): a binary search, a few look-ups by rowid."""
        table = self.table
        # (two queries: SQLite finds min() or max() alone in the b-tree, both by a scan)
        low = self.db.execute(f"SELECT min(rowid) FROM {table}").fetchone()[0]  # nosec B608 - our own table name, checked
        if low is None:
            return 0
        high = self.db.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] + 1  # nosec B608 - our own table name, checked
        probe = f"SELECT rowid, u FROM {table} WHERE rowid >= ? ORDER BY rowid LIMIT 1"  # nosec B608 - our own table name, checked
        while low < high:
            mid = (low + high) // 2
            rowid, u = self.db.execute(probe, (mid,)).fetchone()
            if u is None or u < uprn:  # (no UPRN: below every bound, as ``by_uprn`` says)
                low = rowid + 1
            else:  # no rowid between mid and this one
                high = mid
        return low

    def uprns_at(self, positions: Sequence[int]) -> list:
        """The UPRNs at these 0-based *positions* (ascending) of the (ready) records in
        UPRN order; fewer when the records run out."""
        table = self.table
        found: list = []
        if self.ordered:  # stored in UPRN order: a look-up by rowid each
            first = self.db.execute(f"SELECT min(rowid) FROM {table}").fetchone()[0]  # nosec B608 - our own table name, checked
            if first is None:
                return found
            probe = f"SELECT u FROM {table} WHERE rowid >= ? ORDER BY rowid LIMIT 1"  # nosec B608 - our own table name, checked
            for at in positions:
                row = self.db.execute(probe, (first + at,)).fetchone()
                if row is None:
                    break
                found.append(row[0])
            return found
        rows = self.db.execute(f"SELECT u FROM {table} ORDER BY u")  # nosec B608 - our own table name, checked
        done = 0
        for at in positions:
            row = next(islice(rows, at - done, None), None)
            if row is None:
                break
            found.append(row[0])
            done = at + 1
        return found

    def values(self) -> Iterator[tuple]:
        self.settle()
        self.flush()
        for (value,) in self.db.execute(f"SELECT v FROM {self.table}"):  # nosec B608 - our own table name, checked
            yield _record(value)

    def clear(self) -> None:
        self.pending.clear()
        self.last = (None, None)
        self.db.execute(f"DELETE FROM {self.table}")  # nosec B608 - our own table name, checked
        self.count = 0


class MergeGroup:
    """A child record type grouped by UPRN, answering ``pop(uprn)`` for UPRNs asked in
    ascending order by one forward cursor. Groups passed over (UPRNs with no BLPU) are
    kept for ``items()``: they are rejects, so they are few."""

    def __init__(self, rows: Iterator[tuple[int, tuple]]) -> None:
        self.rows = rows
        self.head: tuple[int, tuple] | None = next(rows, None)
        self.skipped: dict[int, list[tuple]] = {}

    def _take(self) -> tuple[int, list[tuple]]:
        uprn, record = self.head  # type: ignore[misc]
        group = [record]
        for row in self.rows:
            if row[0] != uprn:
                self.head = row
                return uprn, group
            group.append(row[1])
        self.head = None
        return uprn, group

    def pop(self, uprn: int, default: object = None) -> object:
        head = self.head
        if head is None or head[0] > uprn:  # the usual answer: nothing for this UPRN
            return self.skipped.pop(uprn, default) if self.skipped else default
        while self.head is not None and self.head[0] < uprn:
            other, group = self._take()
            self.skipped[other] = group
        if self.head is not None and self.head[0] == uprn:
            return self._take()[1]
        return self.skipped.pop(uprn, default)

    def items(self) -> Iterator[tuple[int, list[tuple]]]:
        yield from self.skipped.items()
        while self.head is not None:
            yield self._take()


class StagedReader(MultiRecordReader):
    """``MultiRecordReader`` whose record stores live in an SQLite file under *folder*."""

    def __init__(
        self,
        layout: Layout,
        sources: Sequence[Source],
        stats: LoadStats,
        folder: str | Path | None = None,
        workers: int = 1,
        path: Path | None = None,
    ) -> None:
        super().__init__(layout, sources, stats)
        self.folder = folder
        #: 2: the second half of a large file is read by a forked worker process.
        self.workers = workers if "fork" in multiprocessing.get_all_start_methods() else 1
        self.parts: list[tuple[object, Path]] = []  # (worker process, its staging file)
        self.change_only = False  # a header of a change-only file was read
        self.parts_taken = 0  # files whose second part a worker read and staged
        self.joins_taken = 0  # 1 when a worker joined the upper half of the UPRNs
        #: (function making a writer's text of a row, its count of shortened values): set
        #: by a writer that takes ``RenderedRows`` (``render_with``); then, with workers 2,
        #: half of the join is done by a worker process.
        self.render: tuple[Callable[[dict], str], list[int]] | None = None
        if path is None:
            handle, name = tempfile.mkstemp(
                prefix="placelink_staging_", suffix=".sqlite", dir=folder
            )
            os.close(handle)
            path = Path(name)
        self.path = path
        name = str(path)
        self.db = sqlite3.connect(name, isolation_level=None, detect_types=sqlite3.PARSE_DECLTYPES)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        self.db.execute("BEGIN")
        for kind, uprn_at in _UPRN_AT.items():
            items = DiskItems(self.db, f"r{kind}", uprn_at, appending=True)
            items.key_of = self.stores[kind].key
            self.stores[kind].items = items  # type: ignore[assignment]
            if kind in self.parsers:  # inserts go straight in, a batch at a time
                self.inserts[kind] = items.appended.append
        self.insert_batch = WRITE_BATCH

    def __iter__(self) -> Iterator:
        try:
            yield from super().__iter__()
        finally:
            self.close()

    def close(self) -> None:
        """Drop the staging file (also after a cancel or an error), and a worker's."""
        try:
            self.db.close()
        finally:
            self.path.unlink(missing_ok=True)
            self._stop_workers()

    def _stop_workers(self) -> None:
        for process, path in self.parts:
            if process.is_alive():  # type: ignore[attr-defined]
                process.kill()  # type: ignore[attr-defined]
            process.join()  # type: ignore[attr-defined]
            path.unlink(missing_ok=True)
        self.parts.clear()

    # --- a large file read in two processes ----------------------------------------------
    def _header(self, source: Source, fields: list[str]) -> str:
        file_type = super()._header(source, fields)
        if file_type == "C":
            self.change_only = True
        return file_type

    def _rows(self, index: int, source: Source) -> Iterator[tuple[int, list[str]]]:
        at = None
        if self.workers > 1 and source.path is not None:
            at = file_parts.cut(source.path)
        if at is None or _change_only_file(source):
            return fast_rows(source, self.stats)
        return self._rows_in_two(index, source, *at)

    def _rows_in_two(
        self, index: int, source: Source, offset: int, lines_before: int
    ) -> Iterator[tuple[int, list[str]]]:
        """The rows of *source*: this process reads the part before *offset* while a
        forked worker reads and stages the rest (``_read_part``); its staged rows are then
        appended to this process's tables, its rejects and counts added, its street
        descriptors applied here in file order, and its header/trailer rows given to the
        caller. When the worker's part cannot be taken as it is (a change-only file, an
        update or delete of a staged record, a worker that failed) this process reads
        that part itself: the result is always the one-process result."""
        handle, name = tempfile.mkstemp(
            prefix="placelink_staging_", suffix=".sqlite", dir=self.folder
        )
        os.close(handle)
        path = Path(name)
        self.change_only = False  # until this file's header says otherwise
        receive = self._fork(_read_part, (self, index, source, offset, lines_before), path)
        try:
            yield from fast_rows(file_parts.head_source(source, offset), self.stats)
            part = self._wait(receive)
            if (
                part is None
                or self.change_only
                or not all(
                    self.stores[kind].items.appending  # type: ignore[attr-defined]
                    for kind in part["stores"]
                )
            ):
                yield from fast_rows(
                    file_parts.tail_source(source, offset), self.stats, lines_before, False
                )
                return
            self._take_part(index, part, path)
            self.stats.detected.append(f"{source.name}: {TWO_PARTS}")
            yield 1, [COUNTED, part["data_rows"]]  # type: ignore[list-item]
            yield from part["passed"]
        finally:
            receive.close()
            self._stop_workers()

    def _fork(self, target: Callable, args: tuple, path: Path):
        """Start *target*(*args*, *path*, a pipe's end) in a forked worker process; return
        the other end of the pipe. The objects this process has are frozen out of the
        garbage collector while it forks: the worker's collections then leave their
        memory pages shared instead of copying them."""
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=target, args=(*args, path, send), daemon=True)
        gc.freeze()
        try:
            process.start()
        finally:
            gc.unfreeze()
        send.close()
        self.parts.append((process, path))
        return receive

    def _wait(self, receive) -> dict | None:
        """The worker's result (None when it could not take its part as it is); a cancel
        (``on_rows``) stops it."""
        on_rows = self.tally.on_rows
        while not receive.poll(0.2):
            if on_rows is not None and on_rows(self.stats.data_rows):
                raise LoadCancelledError(f"stopped after {self.stats.data_rows:,} rows")
        try:
            ok, part = receive.recv()
        except EOFError:
            return None
        return part if ok else None

    def _take_part(self, index: int, part: dict, path: Path) -> None:
        self.parts_taken += 1
        db = self.db
        db.execute("COMMIT")
        db.execute("ATTACH DATABASE ? AS part", (str(path),))
        db.execute("BEGIN")
        for kind, ends in part["stores"].items():
            self.stores[kind].items.absorb("part", ends)  # type: ignore[attr-defined]
        db.execute("COMMIT")
        db.execute("DETACH DATABASE part")
        db.execute("BEGIN")
        stats, tally, got = self.stats, self.tally, part["stats"]
        stats.blank_lines += got["blank_lines"]
        stats.non_utf8_lines += got["non_utf8_lines"]
        tally.by_type.update(got["by_type"])
        tally.unknown_types.update(got["unknown_types"])
        tally.not_needed += got["not_needed"]
        for name, value in part["layout"].items():  # what the layout counted (shapes…)
            if isinstance(value, Counter):
                getattr(self.layout, name).update(value)
            else:
                setattr(self.layout, name, getattr(self.layout, name) + value)
        self.late.extend(part["late"])
        for uprn, why in part["rejected_blpus"]:
            self.rejected_blpus.setdefault(uprn, why)
        streets = self.stores["15"]
        for change, record in part["streets"]:
            reason = self._apply(streets, change, record)
            if reason:
                self._reject(index, record[S_LINE], reason)

    def _write_inserts(self) -> None:
        for kind in self.inserts:
            self.stores[kind].items._write_appended()  # type: ignore[attr-defined]

    def _apply(self, store: _Store, change: str, record: tuple) -> str | None:
        """Inserts go straight in (``DiskItems.append``) until the first update or delete
        of their store; duplicates are then settled as ``MultiRecordReader._apply`` would
        have settled them row by row."""
        items = store.items
        if items.__class__ is DiskItems and items.appending:  # type: ignore[attr-defined]
            if change == "I":
                items.append(record)  # type: ignore[attr-defined]
                return None
            self._settle(store)
        return super()._apply(store, change, record)

    def _settle(self, store: _Store) -> None:
        """The accounting of a store's appended duplicates: the first record of a key is
        kept; a later one is a repeat (the same record in another file, as tiles share
        records) or rejected as a duplicate of the first."""
        items: DiskItems = store.items  # type: ignore[assignment]
        for kind, other in self.stores.items():
            if other is store:  # its inserts now look their key up (``_apply``)
                self.inserts.pop(kind, None)
        for group in items.duplicates():
            first = group[0]
            for other in group[1:]:
                if _same_record_in_another_file(store, first, other):
                    self.tally.repeated += 1
                    continue
                where = _where(self.names, first[store.file_at], first[store.line_at])
                self._reject(
                    other[store.file_at],
                    other[store.line_at],
                    f"duplicate {store.label} {_show(store.key(first))}: kept the first, "
                    f"at {where}",
                )
        items.settle()

    def _assemble(self) -> Iterator[dict]:
        for store in self.stores.values():
            if store.items.__class__ is DiskItems and store.items.appending:  # type: ignore[attr-defined]
                self._settle(store)
        if (
            self.workers > 1
            and self.render is not None
            and len(self.stores["21"].items) >= JOIN_SPLIT
        ):
            yield from self._assemble_in_two()
        else:
            yield from super()._assemble()

    def _assemble_in_two(self) -> Iterator[dict | RenderedRows]:
        """``_assemble`` with the join split into UPRN ranges taken in turn by this process
        and a forked worker (``_join_part``), which joins and renders (``render``, the
        writer's own text of a row) its ranges into a file; each of its ranges follows
        this process's range before it, as a block read from that file
        (``RenderedRows``: UPRN order is kept), with its rejects and counts. The writer
        takes a worker's range from the file while this process joins the next one. A
        worker that fails is replaced by this process joining its remaining ranges.
        (Rendered text, not rows: reading rows back costs as much as joining them.)"""
        for store in self.stores.values():
            if store.items.__class__ is DiskItems:
                store.items.ready()  # type: ignore[attr-defined]
        bounds = self._range_bounds()
        if not bounds:  # no BLPU
            yield from super()._assemble()
            return
        ranges = list(zip([None, *bounds], [*bounds, None]))
        self.tally.reference += len(self.stores["15"].items)
        self._street_index()  # made once, before the fork
        self.db.execute("COMMIT")  # the worker reads the staging file on its own connection
        self.db.execute("BEGIN")
        handle, name = tempfile.mkstemp(
            prefix="placelink_staging_", suffix=".rows", dir=self.folder
        )
        os.close(handle)
        path = Path(name)
        receive = self._fork(_join_part, (self, ranges[1::2]), path)
        spool = _Spool(path)  # open before the worker's file can be removed
        working = True
        try:
            for number, (low, high) in enumerate(ranges):
                part = None
                if number % 2:
                    part = self._wait(receive) if working else None
                    working = part is not None
                if part is None:
                    yield from self._join(low, high)
                    continue
                if not self.joins_taken:
                    self.joins_taken = 1
                    self.stats.detected.append(TWO_RANGES)
                self.render[1][0] += part["cut"]  # type: ignore[index]
                self.tally.merged += part["merged"]
                self.stats.accepted += part["accepted"]
                if self.tally is not self.stats:
                    self.tally.accepted += part["accepted"]
                self.late.extend(part["late"])
                self.no_street += part["no_street"]
                yield RenderedRows(None, part["rows"], spool, part["start"], part["end"])
        finally:
            receive.close()
            self._stop_workers()
        self._warn_no_street()

    def _range_bounds(self) -> list:
        """The UPRNs where the ranges of a split join start (after the first): pairs of
        about ``JOIN_PAIR`` addresses, ``MAIN_SHARE`` of each pair for this process."""
        blpus: DiskItems = self.stores["21"].items  # type: ignore[assignment]
        count = len(blpus)
        if not count:
            return []
        pairs = max(1, round(count / JOIN_PAIR))
        step = count / pairs
        positions = []
        for pair in range(pairs):
            positions.append(int(pair * step + MAIN_SHARE * step))
            if pair + 1 < pairs:
                positions.append(int((pair + 1) * step))
        bounds: list = []
        for uprn in blpus.uprns_at(sorted(set(positions))):
            if not bounds or uprn > bounds[-1]:
                bounds.append(uprn)
        return bounds

    def _blpus_in_order(  # type: ignore[override]
        self, blpus: DiskItems, low: int | None = None, high: int | None = None
    ) -> Iterator[tuple[int, tuple]]:
        return blpus.by_uprn(low, high)

    def _group(  # type: ignore[override]
        self, kind: str, uprn_at: int, low: int | None = None, high: int | None = None
    ) -> MergeGroup | dict:
        items = self.stores[kind].items
        items.ready()  # type: ignore[union-attr] - written and settled: counted
        if not len(items):  # (AddressBase's organisations and delivery points in DTF 7.3)
            return {}  # nothing for any UPRN: answered by dict.pop, no Python call
        return MergeGroup(items.by_uprn(low, high))  # type: ignore[union-attr]


class _NotAsItIs(Exception):  # noqa: N818 - not an error: the parent reads the part itself
    """A worker met a row whose effect depends on the rows before its part."""


class _PartReader(StagedReader):
    """A forked worker's reader of the part of a file after a cut: rows staged in its own
    file (inserts only), street descriptors kept in order for the parent to apply, the
    header/trailer/metadata rows passed back as they are."""

    def __init__(
        self, parent: StagedReader, source: Source, offset: int, lines_before: int, path: Path
    ) -> None:
        super().__init__(parent.layout, parent.sources, AddressLoadStats(), parent.folder, 1, path)
        self.part = file_parts.tail_source(source, offset)
        self.lines_before = lines_before
        self.passed: list[tuple[int, list[str]]] = []
        self.streets: list[tuple[str, tuple]] = []

    def _rows(self, index: int, source: Source) -> Iterator[tuple[int, list[str]]]:
        passed = self.passed
        for line, fields in fast_rows(self.part, self.stats, self.lines_before, False):
            kind = fields[0].strip()
            if kind in (HEADER, TRAILER, METADATA):
                if kind == HEADER:
                    raise _NotAsItIs("a header after the cut")
                passed.append((line, fields))
                continue
            yield line, fields

    def _apply(self, store: _Store, change: str, record: tuple) -> str | None:
        items = store.items
        if items.__class__ is DiskItems:
            if change != "I":
                raise _NotAsItIs("an update or delete of a staged record")
            items.append(record)  # type: ignore[attr-defined]
            return None
        self.streets.append((change, record))  # applied by the parent, after its part
        return None


def _read_part(
    parent: StagedReader,
    index: int,
    source: Source,
    offset: int,
    lines_before: int,
    path: Path,
    send,
) -> None:
    """A forked worker's body: read and stage the part of *source* from *offset*, send
    back what the parent needs to take it (``StagedReader._take_part``), or (False, why)."""
    try:
        layout = parent.layout
        before = _layout_counts(layout)
        reader = _PartReader(parent, source, offset, lines_before, path)
        reader._read_source(index, source)
        stores = {k: reader.stores[k].items.ends() for k in _UPRN_AT if k in reader.stores}  # type: ignore[attr-defined]
        reader.db.execute("COMMIT")
        reader.db.close()
        stats = reader.stats
        tally = reader.tally
        send.send(
            (
                True,
                {
                    "stores": stores,
                    "data_rows": stats.data_rows,
                    "passed": reader.passed,
                    "streets": reader.streets,
                    "late": reader.late,
                    "rejected_blpus": list(reader.rejected_blpus.items()),
                    "layout": {k: getattr(layout, k) - v for k, v in before.items()},  # type: ignore[operator]
                    "stats": {
                        "blank_lines": stats.blank_lines,
                        "non_utf8_lines": stats.non_utf8_lines,
                        "by_type": dict(tally.by_type),
                        "unknown_types": dict(tally.unknown_types),
                        "not_needed": tally.not_needed,
                    },
                },
            )
        )
    except BaseException as exc:  # the parent reads the part itself
        send.send((False, repr(exc)))
    finally:
        send.close()


def _join_part(reader: StagedReader, ranges: list[tuple], path: Path, send) -> None:
    """A forked worker's body: the addresses of each UPRN range (low, high) of *ranges*,
    rendered, as blocks (rows, UTF-8 text) marshalled into *path*; after each range, sends
    where its blocks are in the file with its counts and rejects; or (False, why)."""
    try:
        db = sqlite3.connect(
            str(reader.path), isolation_level=None, detect_types=sqlite3.PARSE_DECLTYPES
        )
        reader.inherited = reader.db  # never used here, nor closed (kept referenced)
        reader.db = db  # this worker's own connection
        for store in reader.stores.values():
            if store.items.__class__ is DiskItems:
                store.items.db = db  # type: ignore[attr-defined]
        stats, tally = reader.stats, reader.tally
        render, cut = reader.render  # type: ignore[misc]
        reader.no_street = 0
        with path.open("wb") as out:
            for low, high in ranges:
                merged, accepted, late = tally.merged, stats.accepted, len(reader.late)
                shortened, no_street = cut[0], reader.no_street
                start = out.tell()
                rows = 0
                batch: list[str] = []
                for record in reader._join(low, high):
                    batch.append(render(record))
                    if len(batch) >= JOIN_BATCH:
                        marshal.dump((len(batch), "".join(batch).encode("utf-8")), out)
                        rows += len(batch)
                        batch = []
                if batch:
                    marshal.dump((len(batch), "".join(batch).encode("utf-8")), out)
                    rows += len(batch)
                out.flush()
                send.send(
                    (
                        True,
                        {
                            "start": start,
                            "end": out.tell(),
                            "rows": rows,
                            "cut": cut[0] - shortened,
                            "merged": tally.merged - merged,
                            "accepted": stats.accepted - accepted,
                            "late": reader.late[late:],
                            "no_street": reader.no_street - no_street,
                        },
                    )
                )
        db.close()
    except BaseException as exc:  # the parent joins the remaining ranges itself
        send.send((False, repr(exc)))
    finally:
        send.close()


def _layout_counts(layout: Layout) -> dict[str, int | Counter]:
    """A copy of the counts a layout keeps of what it read (ints, Counters)."""
    return {
        k: Counter(v) if isinstance(v, Counter) else v
        for k, v in vars(layout).items()
        if v.__class__ is int or isinstance(v, Counter)
    }


def _change_only_file(source: Source) -> bool:
    """True when *source* starts with the header of a change-only file (FILE_TYPE C):
    its rows are applied deletes first, so it is read in one process."""
    with source.open() as handle:
        first = next(iter(handle), b"")
    fields = first.decode("utf-8", "replace").lstrip("\ufeff").split(",")
    return (
        fields[0].strip(' "') == HEADER
        and len(fields) > 8
        and fields[8].strip(' "\r\n').upper() == "C"
    )


def read(
    layout: Layout,
    sources: Sequence[Source],
    stats: LoadStats,
    folder: str | Path | None = None,
    workers: int = 1,
) -> Iterator:
    """Like ``assemble.read``, staging the records on disk under *folder* (system temp).
    ``close()`` removes the staging file, also when reading never started. With
    *workers* 2 a large file is read in two parts by two processes (POSIX)."""
    return _Staged(StagedReader(layout, sources, stats, folder, workers))


class _Spool:
    """A worker's file of rendered blocks, open for reading (closed when let go)."""

    def __init__(self, path: Path) -> None:
        self.handle = path.open("rb")

    def __del__(self) -> None:
        handle = getattr(self, "handle", None)
        if handle is not None:
            handle.close()


class RenderedRows:
    """Rows already made into a writer's text (``StagedReader.render``), in order: *text*
    itself, or the blocks a worker marshalled into its file (*spool*) from byte *start*
    to *end*."""

    __slots__ = ("_text", "end", "rows", "spool", "start")

    def __init__(
        self,
        text: str | None,
        rows: int,
        spool: _Spool | None = None,
        start: int = 0,
        end: int = 0,
    ) -> None:
        self._text = text
        self.rows = rows
        self.spool = spool
        self.start = start
        self.end = end

    def blocks(self) -> Iterator[str | bytes]:
        """The text in blocks (str, or UTF-8 bytes as the worker wrote them)."""
        if self._text is not None:
            yield self._text
            return
        handle = self.spool.handle  # type: ignore[union-attr]
        handle.seek(self.start)
        while handle.tell() < self.end:
            yield _loads_from(handle)[1]

    @property
    def text(self) -> str:
        return "".join(b if b.__class__ is str else b.decode("utf-8") for b in self.blocks())  # type: ignore[union-attr]


class _Staged:
    """The records of a ``StagedReader``; closing drops its staging file, even before the
    first record (a generator closed before it started runs no ``finally``)."""

    def __init__(self, reader: StagedReader) -> None:
        self.reader = reader
        self.records = iter(reader)

    def __iter__(self) -> Iterator:
        return self.records

    def __next__(self) -> object:
        return next(self.records)

    def render_with(self, render: Callable[[dict], str], cut: list[int]) -> None:
        """Let a worker make the writer's text (*render*; values it shortens counted in
        *cut*) of part of the rows: they then come as ``RenderedRows`` blocks."""
        self.reader.render = (render, cut)

    def close(self) -> None:
        self.records.close()
        self.reader.close()
