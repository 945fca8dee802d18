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

import marshal
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..records import LoadStats
from ..sources import Source
from .assemble import (
    B_UPRN,
    C_UPRN,
    D_UPRN,
    L_UPRN,
    O_UPRN,
    Layout,
    MultiRecordReader,
)

#: SQLite page cache per staging file, in KiB (negative PRAGMA cache_size).
CACHE_KIB = 64 * 1024
#: Writes kept in memory before they go to SQLite in one executemany.
WRITE_BATCH = 20_000
#: Slots of each store's "maybe stored" table (one byte each, fixed size): a key whose slot
#: is empty was never stored, so looking it up needs no SQL (most keys of a full supply).
SEEN_SLOTS = 1 << 23

_UPRN_AT = {"21": B_UPRN, "24": L_UPRN, "32": C_UPRN, "31": O_UPRN, "28": D_UPRN}
_dumps, _loads = marshal.dumps, marshal.loads
#: Staging table names are the loader's own words; checked before they go into SQL.
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


def _key(key: object) -> str:
    """A stable text key for an int, str or tuple record key."""
    return key if isinstance(key, str) else repr(key)


class DiskItems:
    """The part of the dict interface ``MultiRecordReader`` uses, kept in one SQLite table.

    Recent writes and deletes are buffered (``WRITE_BATCH``) and looked up first, so the
    answers are those of a dict at every moment.
    """

    def __init__(self, db: sqlite3.Connection, table: str, uprn_at: int) -> None:
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
        db.execute(f"CREATE TABLE {table} (k TEXT PRIMARY KEY, u INTEGER, v BLOB)")
        self._select = f"SELECT v FROM {table} WHERE k = ?"  # nosec B608 - our own table name, checked

    def get(self, key: object, default: object = None) -> object:
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
            row = self.db.execute(self._select, (k,)).fetchone()
            found = None if row is None else _loads(row[0])
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
        if gone:
            self.db.executemany(f"DELETE FROM {self.table} WHERE k = ?", gone)  # nosec B608 - our own table name, checked
        if kept:
            self.db.executemany(f"INSERT OR REPLACE INTO {self.table} VALUES (?, ?, ?)", kept)
        self.pending.clear()

    def by_uprn(self) -> Iterator[tuple[int, tuple]]:
        """(UPRN, record) of every record, in UPRN order (the table is indexed first)."""
        self.flush()
        self.db.execute(f"CREATE INDEX {self.table}_u ON {self.table} (u)")
        for uprn, value in self.db.execute(f"SELECT u, v FROM {self.table} ORDER BY u"):  # nosec B608 - our own table name, checked
            yield uprn, _loads(value)

    def values(self) -> Iterator[tuple]:
        self.flush()
        for (value,) in self.db.execute(f"SELECT v FROM {self.table}"):  # nosec B608 - our own table name, checked
            yield _loads(value)

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
    ) -> None:
        super().__init__(layout, sources, stats)
        handle, name = tempfile.mkstemp(prefix="placelink_staging_", suffix=".sqlite", dir=folder)
        os.close(handle)
        self.path = Path(name)
        self.db = sqlite3.connect(name, isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        self.db.execute("BEGIN")
        for kind, uprn_at in _UPRN_AT.items():
            self.stores[kind].items = DiskItems(self.db, f"r{kind}", uprn_at)  # type: ignore[assignment]

    def __iter__(self) -> Iterator:
        try:
            yield from super().__iter__()
        finally:
            self.close()

    def close(self) -> None:
        """Drop the staging file (also after a cancel or an error)."""
        try:
            self.db.close()
        finally:
            self.path.unlink(missing_ok=True)

    def _blpus_in_order(self, blpus: DiskItems) -> Iterator[tuple[int, tuple]]:  # type: ignore[override]
        return blpus.by_uprn()

    def _group(self, kind: str, uprn_at: int) -> MergeGroup:  # type: ignore[override]
        return MergeGroup(self.stores[kind].items.by_uprn())  # type: ignore[union-attr]


def read(
    layout: Layout,
    sources: Sequence[Source],
    stats: LoadStats,
    folder: str | Path | None = None,
) -> Iterator:
    """Like ``assemble.read``, staging the records on disk under *folder* (system temp)."""
    return iter(StagedReader(layout, sources, stats, folder))
