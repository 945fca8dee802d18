"""Bounded-memory DTF street loads (NSG DTF 8.1, DTF 7.3 streets).

``dtf81.DtfStreetReader.read`` runs here: the same rules as its in-memory reader
(``read_in_memory``, which the tests compare row for row), with every record staged in a
temporary SQLite file instead of arrays and dictionaries that grow with the supply.

* Reading: each record type's rows are collected ``CHUNK`` at a time, their key and
  coordinate columns parsed by pandas exactly as the in-memory reader parses them, rows
  with a bad change type, too few fields or an unreadable key rejected, and the chunk
  written to that type's table (read order, file, line, numbers, raw text).
* Change-only updates: keys that are only inserted are settled in SQL (the first row of a
  key is current, later ones are duplicates); keys with updates or deletes are replayed in
  read order, as before (memory: those keys only).
* Building: streets, ESU lines (valid coordinates of current ESUs), cross references,
  exemptions, dedications and descriptors are joined in SQL; every reject is written to a
  table and yielded in file and line order; then the streets are yielded in USRN order,
  ``MERGE_CHUNK`` at a time, their ESU lines made and merged (shapely) per chunk.

Memory therefore holds a chunk of rows, SQLite's page cache (``CACHE_KIB``) and the
rejects' reasons for the few keys that have them, not the supply. The staging file is
removed when the records are closed, also after a cancel or an error; allow free disk of
about twice the files' size.
"""

from __future__ import annotations

import heapq
import marshal
import os
import sqlite3
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..bng import MAX_E, MAX_N, MIN_E, MIN_N
from ..collector import collector_paused
from ..records import LoadStats, Reject
from ..sources import Source
from .dtf81 import (
    _BAD_CHANGE,
    _CHANGES,
    CHUNK,
    DEDICATION,
    DESCRIPTOR,
    ESU,
    ESU_COORD,
    GEOMETRY_ESU,
    GEOMETRY_START_END,
    MERGE_CHUNK,
    ONE_WAY,
    RECORD_NAMES,
    RECORD_SPECS,
    STREET,
    XREF,
    _change_codes,
    _coordinate_problem,
    _esu_missing,
    _esu_orphan,
    _field,
    _key_problem,
    _label,
    _merge_lines,
    _numbers,
    _raw_date,
    _street_missing,
    chunk_columns,
    finish_street,
    key_valid,
    off_grid_reason,
    parse_street,
)
from .parsers import MAX_USRN

if TYPE_CHECKING:
    import pandas as pd

    from .dtf81 import DtfStreetReader

#: SQLite page cache of the staging file, in KiB (negative PRAGMA cache_size).
CACHE_KIB = 32 * 1024
#: Reject rows kept in memory before they go to SQLite in one executemany.
REJECT_BATCH = 10_000
#: Columns that hold identifiers and counts (INTEGER affinity: 5.0 is stored as 5); the
#: coordinates are REAL.
_REAL_COLUMNS = {"x", "y"}
#: Inside the British National Grid and not a longitude/latitude pair (``dtf81.on_grid``).
_ON_GRID = (
    f"(n_x >= {MIN_E!r} AND n_x <= {MAX_E!r} AND n_y >= {MIN_N!r} AND n_y <= {MAX_N!r} "
    "AND NOT (abs(n_x) <= 180 AND abs(n_y) <= 90))"
)
_dumps, _loads = marshal.dumps, marshal.loads


class _StagedTable:
    """The records of one type in an SQLite table ``t<type>``: r (read order), file, line,
    change code, the number columns ``n_<name>``, the language (descriptors), the stripped
    fields (streets and descriptors), the raw text, ok (readable) and alive (current)."""

    def __init__(self, run: _StagedRun, rtype: int) -> None:
        self.run = run
        self.db = run.db
        self.rtype = rtype
        self.spec = RECORD_SPECS[rtype]
        self.what = RECORD_NAMES[rtype]
        self.name = f"t{rtype}"
        self.n = 0
        self.file_index = 0
        #: True while the readable rows' keys are strictly increasing (``_check_order``)
        self.increasing = True
        self.last_key: tuple | None = None
        self.raws: list[bytes] = []
        self.lines: list[int] = []
        self.counts: list[int] = []
        self.kept: list[bytes | None] = []
        self.language: list[str | None] = []
        numbers = ", ".join(
            f"n_{name} {'REAL' if name in _REAL_COLUMNS else 'INTEGER'}"
            for name in self.spec.numbers
        )
        self.db.execute(
            f"CREATE TABLE {self.name} (r INTEGER PRIMARY KEY, file INTEGER, line INTEGER, "
            f"ch INTEGER, {numbers}, lang TEXT, f BLOB, raw BLOB, ok INTEGER, "
            "alive INTEGER NOT NULL DEFAULT 0)"
        )

    # reading (the interface ``DtfStreetReader._read_source`` uses)

    def start_file(self, file_index: int) -> None:
        self.flush()
        self.file_index = file_index

    def add(self, raw: str, line: int, fields: list[str]) -> None:
        self.raws.append(raw.encode("utf-8", "surrogateescape") + b"\n")
        self.lines.append(line)
        self.counts.append(len(fields))
        if self.spec.keep_fields:
            stripped = [f.strip() for f in fields]
            self.kept.append(_dumps(stripped))
            if self.rtype == DESCRIPTOR:
                language = (stripped[8].upper() if len(stripped) > 8 else "") or "ENG"
                self.language.append(sys.intern(language))
        if len(self.raws) >= CHUNK:
            self.flush()

    def _raw(self, i: int) -> str:
        return self.raws[i][:-1].decode("utf-8", "surrogateescape")

    def _columns(self) -> pd.DataFrame:
        """The chunk's change type and number columns."""
        return chunk_columns(
            b"".join(self.raws),
            len(self.raws),
            [1, *self.spec.numbers.values()],
            max(self.counts),
            self._raw,
        )

    def flush(self) -> None:
        """Parse the collected rows, reject the unreadable ones and write them all."""
        count = len(self.raws)
        if not count:
            return
        spec, what, rtype = self.spec, self.what, self.rtype
        frame = self._columns()
        columns = {name: _numbers(frame[index]) for name, index in spec.numbers.items()}
        change = _change_codes(frame[1])
        nfields = np.asarray(self.counts, dtype=np.int32)
        reject = self.run.reject_at
        base, file = self.n, self.file_index
        ok = change != _BAD_CHANGE
        for i in np.flatnonzero(~ok).tolist():
            reject(rtype, base + i, file, self.lines[i],
                   f"change type {_field(self._raw(i), 1)!r} is not I, U or D")  # fmt: skip
        needed = np.where(change == _CHANGES["D"], spec.key_fields, spec.min_fields)
        short = ok & (nfields < needed)
        for i in np.flatnonzero(short).tolist():
            reject(rtype, base + i, file, self.lines[i],
                   f"{what} record (type {rtype}) has {nfields[i]} fields; at least "
                   f"{needed[i]} are needed (truncated line?)")  # fmt: skip
        ok &= ~short
        for name in spec.key:
            if name not in columns:
                continue
            bad = ok & ~key_valid(name, columns[name])
            index = spec.numbers[name]
            for i in np.flatnonzero(bad).tolist():
                problem = _key_problem(name, _field(self._raw(i), index))
                reject(rtype, base + i, file, self.lines[i], f"{what} record: {problem}")
            ok &= ~bad
        # NaN is stored as NULL; infinities too (they are no number for any rule here)
        self._check_order(columns, ok)
        values = [
            np.where(np.isfinite(columns[name]), columns[name], np.nan).tolist()
            for name in spec.numbers
        ]
        flags = ok.astype(np.int8).tolist()
        rows = zip(
            range(base, base + count),
            [file] * count,
            self.lines,
            change.tolist(),
            *values,
            self.language or [None] * count,
            self.kept or [None] * count,
            self.raws,
            flags,
            flags,  # alive: every readable row while the keys come in order (apply_changes)
        )
        marks = ", ".join("?" * (9 + len(values)))
        self.db.executemany(
            f"INSERT INTO {self.name} (r, file, line, ch, "  # nosec B608 - our own names
            f"{', '.join(f'n_{n}' for n in spec.numbers)}, lang, f, raw, ok, alive) "
            f"VALUES ({marks})",
            rows,
        )
        self.n += count
        self.raws, self.lines, self.counts, self.kept, self.language = [], [], [], [], []

    def _check_order(self, columns: dict[str, np.ndarray], ok: np.ndarray) -> None:
        """Note whether the readable rows' keys still come in strictly increasing order
        (as supplies sort them): then no key repeats and no duplicate needs looking for."""
        if not self.increasing:
            return
        rows = np.flatnonzero(ok)
        if not len(rows):
            return
        names = [name for name in self.spec.key if name in columns]
        keys = [columns[name][rows] for name in names]
        if self.rtype == DESCRIPTOR:
            keys.append(np.array([self.language[i] for i in rows.tolist()], dtype=object))
        if self.last_key is not None:  # the previous chunk's last key goes first
            keys = [np.concatenate(([last], key)) for last, key in zip(self.last_key, keys)]
        later = np.zeros(len(keys[0]) - 1, dtype=bool)
        same = np.ones(len(keys[0]) - 1, dtype=bool)
        for key in keys:
            later |= same & (key[1:] > key[:-1])
            same &= key[1:] == key[:-1]
        self.increasing = bool(later.all())
        self.last_key = tuple(key[-1] for key in keys)

    def raw(self, row: int) -> str:
        found = self.db.execute(f"SELECT raw FROM {self.name} WHERE r = ?", (row,)).fetchone()  # nosec B608 - our own table name
        return found[0][:-1].decode("utf-8", "surrogateescape") if found else ""

    # change-only updates

    def key_columns(self) -> list[str]:
        names = [f"n_{name}" for name in self.spec.key if name in self.spec.numbers]
        return [*names, "lang"] if self.rtype == DESCRIPTOR else names

    def key_of(self, values: tuple) -> tuple:
        """The in-memory reader's key (ints, then the language) of key column values."""
        if self.rtype == DESCRIPTOR:
            return (*(int(v) for v in values[:-1]), values[-1])
        return tuple(int(v) for v in values)

    def apply_changes(self) -> None:
        """Mark the current records (alive); reject the others (``_apply_changes``)."""
        db, t, rtype, run = self.db, self.name, self.rtype, self.run
        keys = self.key_columns()
        key_list = ", ".join(keys)
        same = " AND ".join(f"k.{k} = {t}.{k}" for k in keys)
        changed = db.execute(f"SELECT 1 FROM {t} WHERE ok AND ch != 0 LIMIT 1").fetchone()  # nosec B608 - our own names
        if self.increasing and not changed:
            return  # every key once, only inserted: every readable row is current
        db.execute(f"UPDATE {t} SET alive = 0 WHERE alive")  # nosec B608 - our own names
        plain = "ok"
        if changed:
            db.execute(f"ALTER TABLE {t} ADD COLUMN touched INTEGER NOT NULL DEFAULT 0")
            db.execute(
                f"CREATE TABLE {t}_changed AS SELECT DISTINCT {key_list} FROM {t} "  # nosec B608 - our own names
                "WHERE ok AND ch != 0"
            )
            db.execute(f"CREATE INDEX {t}_changed_k ON {t}_changed ({key_list})")
            db.execute(
                f"UPDATE {t} SET touched = 1 WHERE ok AND EXISTS "  # nosec B608 - our own names
                f"(SELECT 1 FROM {t}_changed k WHERE {same})"
            )
            plain = "ok AND NOT touched"
        # keys that are only inserted: the first row of each key is current
        db.execute(
            f"CREATE TABLE {t}_first AS SELECT {key_list}, min(r) AS first, count(*) AS c "  # nosec B608 - our own names
            f"FROM {t} WHERE {plain} GROUP BY {key_list}"
        )
        db.execute(
            f"UPDATE {t} SET alive = 1 WHERE r IN (SELECT first FROM {t}_first)"  # nosec B608 - our own names
        )
        if db.execute(f"SELECT 1 FROM {t}_first WHERE c > 1 LIMIT 1").fetchone():  # nosec B608 - our own names
            join = " AND ".join(f"k.{k} = d.{k}" for k in keys)
            duplicates = db.execute(
                f"SELECT d.r, d.file, d.line, o.file, o.line, {', '.join('d.' + k for k in keys)} "  # nosec B608 - our own names
                f"FROM {t}_first k JOIN {t} d ON {join} JOIN {t} o ON o.r = k.first "
                f"WHERE k.c > 1 AND d.{plain.replace(' AND NOT ', ' AND NOT d.')} "
                "AND d.r != k.first ORDER BY d.r"
            ).fetchall()
            for row, file, line, o_file, o_line, *values in duplicates:
                label = _label(rtype, self.key_of(tuple(values)))
                run.reject_at(
                    rtype, row, file, line,
                    f"duplicate {self.what} record for {label}: first at "
                    f"{run.where(o_file, o_line)}",
                )  # fmt: skip
        db.execute(f"DROP TABLE {t}_first")
        if not changed:
            return
        # keys with updates or deletes: one record at a time, in read order
        current: dict[tuple, tuple[int, int, int]] = {}
        rows = db.execute(
            f"SELECT r, ch, file, line, {key_list} FROM {t} WHERE ok AND touched ORDER BY r"  # nosec B608 - our own names
        ).fetchall()
        for row, change, file, line, *values in rows:
            key = self.key_of(tuple(values))
            old = current.get(key)
            label = _label(rtype, key)
            if change == _CHANGES["I"]:
                if old is None:
                    current[key] = (row, file, line)
                else:
                    run.reject_at(
                        rtype, row, file, line,
                        f"duplicate {self.what} record for {label}: first at "
                        f"{run.where(old[1], old[2])}",
                    )  # fmt: skip
            elif change == _CHANGES["U"]:
                current[key] = (row, file, line)
                if old is None:
                    run.updates_as_inserts += 1
                else:
                    run.reject_at(
                        rtype, old[0], old[1], old[2],
                        f"superseded by update (U) of {label} at {run.where(file, line)}",
                    )  # fmt: skip
            elif old is None:
                run.reject_at(
                    rtype, row, file, line,
                    f"delete (D) of {self.what} {label}, which was not loaded",
                )  # fmt: skip
            else:
                del current[key]
                run.reject_at(
                    rtype, old[0], old[1], old[2],
                    f"deleted by change-only update (D) at {run.where(file, line)}",
                )  # fmt: skip
                run.reject_at(
                    rtype, row, file, line,
                    f"delete (D) applied: removed {self.what} {label} loaded at "
                    f"{run.where(old[1], old[2])}",
                )  # fmt: skip
        db.executemany(
            f"UPDATE {t} SET alive = 1 WHERE r = ?",  # nosec B608 - our own names
            [(row,) for row, _, _ in current.values()],
        )


class _StagedRun:
    """What one staged read holds: the SQLite file, a table per record type, the file
    names, the counters ``DtfStreetReader._report`` prints, and the rejects."""

    def __init__(self, folder: str | Path | None = None) -> None:
        handle, name = tempfile.mkstemp(prefix="placelink_streets_", suffix=".sqlite", dir=folder)
        os.close(handle)
        self.path = Path(name)
        self.db = sqlite3.connect(name, isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        self.db.execute("BEGIN")
        self.db.execute(
            "CREATE TABLE rejects (seq INTEGER PRIMARY KEY, rtype INTEGER, r INTEGER, "
            "file INTEGER, line INTEGER, reason TEXT)"
        )
        self.tables = {rtype: _StagedTable(self, rtype) for rtype in RECORD_SPECS}
        self.files: list[str] = []
        self.pending: list[tuple[int, int, int, int, str]] = []
        self.rejected = 0
        self.skipped: Counter = Counter()
        self.unknown: Counter = Counter()
        self.updates_as_inserts = 0
        self.bad_dates = 0
        self.coord_count_mismatch = 0

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self.path.unlink(missing_ok=True)

    def where(self, file: int, line: int) -> str:
        return f"{self.files[file]} line {line}"

    def reject_at(self, rtype: int, row: int, file: int, line: int, reason: str) -> None:
        self.pending.append((rtype, row, file, line, reason))
        self.rejected += 1
        if len(self.pending) >= REJECT_BATCH:
            self.flush_rejects()

    def flush_rejects(self) -> None:
        if self.pending:
            self.db.executemany(
                "INSERT INTO rejects (rtype, r, file, line, reason) VALUES (?, ?, ?, ?, ?)",
                self.pending,
            )
            self.pending = []

    def reject_rows(self, rtype: int, query: str, params: tuple, reason) -> None:
        """Reject the rows *query* selects (r, file, line, *values); *reason* is a text or a
        function of the values."""
        for row, file, line, *values in self.db.execute(query, params).fetchall():
            self.reject_at(rtype, row, file, line, reason(*values) if callable(reason) else reason)

    def count(self, query: str, params: tuple = ()) -> int:
        return int(self.db.execute(query, params).fetchone()[0] or 0)


def read(
    reader: DtfStreetReader,
    sources: Iterable[Source],
    stats: LoadStats,
    folder: str | Path | None = None,
) -> Iterator[dict | Reject]:
    """Yield the rejects (in file and line order), then one street per USRN (sorted)."""
    run = _StagedRun(folder)
    try:
        yield from _read(reader, run, sources, stats)
    finally:
        run.close()  # the staging file goes, also after a cancel or an error


def _read(
    reader: DtfStreetReader, run: _StagedRun, sources: Iterable[Source], stats: LoadStats
) -> Iterator[dict | Reject]:
    early: list[Reject] = []
    for source in sources:
        early.extend(reader._read_source(source, stats, run))  # type: ignore[arg-type]
    for table in run.tables.values():
        table.flush()
        table.apply_changes()
    with collector_paused():  # building creates many small objects
        _build(reader, run, stats)
    run.flush_rejects()
    stats.rejected += len(early) + run.rejected
    yield from _rejects(run, early)
    yield from _streets(reader, run)
    reader._report(run, stats)  # type: ignore[arg-type]


def _build(reader: DtfStreetReader, run: _StagedRun, stats: LoadStats) -> None:
    """The joins of ``DtfStreetReader._build``, in SQL: tables S (streets), E (current
    ESUs), G (usable coordinates), LN (lines per ESU), U (used cross references), UE (used
    ESUs), DED (dedication codes); every reject written."""
    db, t = run.db, run.tables
    accepted = 0
    street_problem: dict[int, str] = {}

    # 1. street records: parsed one by one into S
    db.execute("CREATE TABLE S (usrn INTEGER PRIMARY KEY, r INTEGER, ends INTEGER, attrs BLOB)")
    batch: list[tuple] = []
    for row, usrn, kept in db.execute("SELECT r, n_usrn, f FROM t11 WHERE alive ORDER BY r"):
        fields = _loads(kept)
        attrs = parse_street(fields)
        run.bad_dates += sum(
            1
            for name in ("state_date", "start_date", "end_date")
            if attrs[name] is None and _raw_date(fields, name)
        )
        batch.append((int(usrn), row, attrs["_ends"] is not None, _dumps(attrs)))
        if len(batch) >= CHUNK:
            db.executemany("INSERT INTO S VALUES (?, ?, ?, ?)", batch)
            batch = []
    db.executemany("INSERT INTO S VALUES (?, ?, ?, ?)", batch)
    # only USRNs a readable record can refer to (at most MAX_USRN): a rejected row's
    # number may be anything, even beyond SQLite's integers
    for (usrn,) in db.execute(
        "SELECT DISTINCT n_usrn FROM t11 WHERE NOT alive AND abs(n_usrn) <= ?", (MAX_USRN,)
    ).fetchall():
        usrn = int(usrn)
        if not run.count("SELECT count(*) FROM S WHERE usrn = ?", (usrn,)):
            street_problem.setdefault(
                usrn, f"the street record (type 11) of USRN {usrn} was rejected"
            )

    # 2. ESU coordinates: valid points of current ESUs
    db.execute("CREATE TABLE E (esuid INTEGER PRIMARY KEY, r INTEGER, declared)")
    db.execute("INSERT INTO E SELECT n_esuid, r, n_num_coords FROM t13 WHERE alive")
    coords = "FROM t14 WHERE alive AND n_esuid {} (SELECT esuid FROM E)"
    run.reject_rows(
        ESU_COORD,
        f"SELECT r, file, line, n_esuid {coords.format('NOT IN')} ORDER BY r",
        (),
        lambda esuid: f"no ESU record (type 13) for ESU {int(esuid)}",
    )
    coord = t[ESU_COORD]
    for row, file, line in db.execute(
        f"SELECT r, file, line {coords.format('IN')} AND (n_x IS NULL OR n_y IS NULL) ORDER BY r"
    ).fetchall():
        run.reject_at(
            ESU_COORD, row, file, line, "ESU coordinate: " + _coordinate_problem(coord.raw(row))
        )
    on_grid = _ON_GRID
    run.reject_rows(
        ESU_COORD,
        f"SELECT r, file, line, n_x, n_y {coords.format('IN')} AND n_x IS NOT NULL "
        f"AND n_y IS NOT NULL AND NOT {on_grid} ORDER BY r",
        (),
        off_grid_reason,
    )
    # kept in line order (supplies come in it: rows go in at the end of the b-tree)
    db.execute(
        "CREATE TABLE G (esuid INTEGER, number INTEGER, r INTEGER, x REAL, y REAL, "
        "PRIMARY KEY (esuid, number, r)) WITHOUT ROWID"
    )
    db.execute(
        f"INSERT INTO G SELECT n_esuid, n_number, r, n_x, n_y {coords.format('IN')} "
        f"AND n_x IS NOT NULL AND n_y IS NOT NULL AND {on_grid}"
    )
    # a line needs two distinct points: not all of its points equal
    db.execute(
        "CREATE TABLE LN AS SELECT esuid, count(*) AS n, "
        "(min(x) < max(x) OR min(y) < max(y)) AS usable FROM G GROUP BY esuid"
    )
    db.execute("CREATE UNIQUE INDEX LN_esuid ON LN (esuid)")
    run.coord_count_mismatch += run.count(
        "SELECT count(*) FROM LN JOIN E USING (esuid) WHERE E.declared IS NOT NULL "
        "AND E.declared != LN.n"
    )
    esu_problem: dict[int, str] = {}
    for esuid, found in db.execute(
        "SELECT E.esuid, min(coalesce(LN.n, 0), 1) FROM E LEFT JOIN LN USING (esuid) "
        "WHERE NOT coalesce(LN.usable, 0)"
    ).fetchall():
        esu_problem[esuid] = f"ESU {esuid} has {found} usable coordinate(s); a line needs 2"

    # 3. cross references: USRN → ESUs
    streets = "(SELECT usrn FROM S)"
    lines = "(SELECT esuid FROM LN WHERE usable)"
    run.reject_rows(
        XREF,
        f"SELECT r, file, line, n_usrn FROM t12 WHERE alive AND n_usrn NOT IN {streets} "  # nosec B608 - fixed SQL of this module
        "ORDER BY r",
        (),
        lambda usrn: _street_missing(int(usrn), street_problem),
    )
    run.reject_rows(
        XREF,
        f"SELECT r, file, line, n_esuid FROM t12 WHERE alive AND n_usrn IN {streets} "  # nosec B608 - fixed SQL of this module
        f"AND n_esuid NOT IN {lines} ORDER BY r",
        (),
        lambda esuid: _esu_missing(int(esuid), esu_problem),
    )
    db.execute("CREATE TABLE U (usrn INTEGER, esuid INTEGER)")
    db.execute(
        f"INSERT INTO U SELECT n_usrn, n_esuid FROM t12 WHERE alive AND n_usrn IN {streets} "  # nosec B608 - fixed SQL of this module
        f"AND n_esuid IN {lines} ORDER BY n_usrn, n_esuid"
    )
    db.execute("CREATE INDEX U_usrn ON U (usrn, esuid)")
    accepted += run.count("SELECT count(*) FROM U")
    db.execute("CREATE TABLE UE (esuid INTEGER PRIMARY KEY)")
    db.execute("INSERT INTO UE SELECT DISTINCT esuid FROM U")
    used = "(SELECT esuid FROM UE)"
    accepted += run.count(f"SELECT count(*) FROM E WHERE esuid IN {used}")  # nosec B608 - fixed SQL of this module
    accepted += run.count(f"SELECT sum(n) FROM LN WHERE esuid IN {used}")  # nosec B608 - fixed SQL of this module
    for esuid, row in db.execute(
        f"SELECT esuid, r FROM E WHERE esuid NOT IN {used} ORDER BY esuid"  # nosec B608 - fixed SQL of this module
    ).fetchall():
        problem = esu_problem.get(esuid) or (
            f"ESU {esuid} is not cross-referenced (type 12) to any loaded street"
        )
        run.reject_rows(ESU, "SELECT r, file, line FROM t13 WHERE r = ?", (row,), problem)
        run.reject_rows(
            ESU_COORD,
            "SELECT t14.r, file, line FROM G JOIN t14 USING (r) WHERE esuid = ? "
            "ORDER BY esuid, number, r",
            (esuid,),
            f"belongs to ESU {esuid}, which was rejected: {problem}",
        )

    # 4. one way exemptions and highway dedications hang off used ESUs
    for rtype in (ONE_WAY, DEDICATION):
        run.reject_rows(
            rtype,
            f"SELECT r, file, line, n_esuid FROM t{rtype} WHERE alive "  # nosec B608 - fixed SQL of this module
            f"AND n_esuid NOT IN {used} ORDER BY r",
            (),
            lambda esuid: _esu_orphan(int(esuid), esu_problem),
        )
        accepted += run.count(f"SELECT count(*) FROM t{rtype} WHERE alive AND n_esuid IN {used}")  # nosec B608 - fixed SQL of this module
    db.execute("CREATE TABLE DED (esuid INTEGER, code)")
    db.execute(
        f"INSERT INTO DED SELECT n_esuid, n_code FROM t17 WHERE alive AND n_esuid IN {used} "  # nosec B608 - fixed SQL of this module
        "AND n_code IS NOT NULL"
    )
    db.execute("CREATE INDEX DED_esuid ON DED (esuid)")

    # 5. a street with neither ESU geometry nor a start-end line is rejected
    for usrn, row, blob in db.execute(
        "SELECT usrn, r, attrs FROM S WHERE NOT ends AND usrn NOT IN (SELECT usrn FROM U) "
        "ORDER BY r"
    ).fetchall():
        problem = (
            f"street USRN {usrn} has no ESU geometry and no usable start/end line: "
            f"{_loads(blob)['_ends_problem']}"
        )
        run.reject_rows(STREET, "SELECT r, file, line FROM t11 WHERE r = ?", (row,), problem)
        street_problem[usrn] = problem
        db.execute("DELETE FROM S WHERE usrn = ?", (usrn,))

    # 6. descriptors of loaded streets (the English one is chosen as the streets are made)
    run.reject_rows(
        DESCRIPTOR,
        f"SELECT r, file, line, n_usrn FROM t15 WHERE alive AND n_usrn NOT IN {streets} "  # nosec B608 - fixed SQL of this module
        "ORDER BY r",
        (),
        lambda usrn: _street_missing(int(usrn), street_problem),
    )
    accepted += run.count(f"SELECT count(*) FROM t15 WHERE alive AND n_usrn IN {streets}")  # nosec B608 - fixed SQL of this module
    named = run.count(f"SELECT count(DISTINCT n_usrn) FROM t15 WHERE alive AND n_usrn IN {streets}")  # nosec B608 - fixed SQL of this module
    db.execute("CREATE INDEX t15_usrn ON t15 (n_usrn) WHERE alive")
    loaded = run.count("SELECT count(*) FROM S")
    stats.accepted += accepted + loaded
    if loaded - named:
        stats.warnings.append(
            f"{loaded - named:,} street(s) have no street descriptor (type 15): "
            "loaded without a name"
        )


def _rejects(run: _StagedRun, early: list[Reject]) -> Iterator[Reject]:
    """Every reject in file and line order (the in-memory reader's stable sort)."""
    order = {name: i for i, name in enumerate(run.files)}
    run.db.execute("CREATE TABLE file_order (file INTEGER PRIMARY KEY, position INTEGER)")
    run.db.executemany(
        "INSERT INTO file_order VALUES (?, ?)",
        [(i, order[name]) for i, name in enumerate(run.files)],
    )
    first = sorted(
        ((order.get(r.file, -1), r.line, 0, n, r) for n, r in enumerate(early)),
        key=lambda item: item[:4],
    )
    staged = (
        (position, line, 1, seq, (rtype, row, file, line, reason))
        for seq, rtype, row, file, line, reason, position in run.db.execute(
            "SELECT seq, rtype, r, j.file, line, reason, position FROM rejects j "
            "JOIN file_order USING (file) ORDER BY position, line, seq"
        )
    )
    for *_, item in heapq.merge(first, staged, key=lambda item: item[:4]):
        if isinstance(item, Reject):
            yield item
        else:
            rtype, row, file, line, reason = item
            yield Reject(run.files[file], line, run.tables[rtype].raw(row), reason)


def _streets(reader: DtfStreetReader, run: _StagedRun) -> Iterator[dict]:
    """The streets in USRN order, ``MERGE_CHUNK`` at a time: descriptor, classification
    from dedications, and lines (ESUs merged, else the start-end line)."""
    db = run.db
    cursor = db.execute("SELECT usrn, attrs FROM S ORDER BY usrn")
    while True:
        chunk = cursor.fetchmany(MERGE_CHUNK)
        if not chunk:
            return
        low, high = chunk[0][0], chunk[-1][0]
        geometries = _chunk_lines(db, low, high)
        classes: dict[int, set[int]] = {}
        for usrn, code in db.execute(
            "SELECT U.usrn, DED.code FROM U JOIN DED USING (esuid) WHERE U.usrn BETWEEN ? AND ?",
            (low, high),
        ):
            classes.setdefault(usrn, set()).add(int(code))
        chosen: dict[int, list[str]] = {}
        for usrn, kept in db.execute(
            "SELECT n_usrn, f FROM t15 WHERE alive AND n_usrn BETWEEN ? AND ? "
            "ORDER BY n_usrn, lang != 'ENG', lang, r",
            (low, high),
        ):
            if int(usrn) not in chosen:
                chosen[int(usrn)] = _loads(kept)
        for usrn, blob in chunk:
            attrs = _loads(blob)
            if usrn in geometries:
                attrs["geometry_source"] = GEOMETRY_ESU
                if not attrs["classification"] and usrn in classes:
                    attrs["classification"] = ";".join(str(c) for c in sorted(classes[usrn]))[:20]
            else:
                attrs["lines"] = [[tuple(p) for p in attrs["_ends"]]]
                attrs["geometry_source"] = GEOMETRY_START_END
            yield finish_street(attrs, usrn, chosen.get(usrn, []), reader.name, geometries)


def _chunk_lines(db: sqlite3.Connection, low: int, high: int):
    """The merged ESU lines of the streets with USRNs *low*..*high* (``dtf81._Lines``)."""
    points = db.execute(
        "SELECT U.usrn, U.esuid, G.x, G.y FROM U JOIN G USING (esuid) "
        "WHERE U.usrn BETWEEN ? AND ? ORDER BY U.usrn, U.esuid, G.number, G.r",
        (low, high),
    ).fetchall()
    if not points:
        return _merge_lines(np.empty(0, np.int64), np.empty(0, np.int64), np.empty((0, 2)),
                            np.empty(0, np.int64), np.empty(0, np.int64))  # fmt: skip
    usrns = np.fromiter((p[0] for p in points), np.int64, len(points))
    esuids = np.fromiter((p[1] for p in points), np.int64, len(points))
    xy = np.array([(p[2], p[3]) for p in points], dtype=float)
    new = np.ones(len(points), dtype=bool)
    new[1:] = (usrns[1:] != usrns[:-1]) | (esuids[1:] != esuids[:-1])
    starts = np.flatnonzero(new)
    counts = np.diff(np.append(starts, len(points)))
    return _merge_lines(usrns[starts], np.arange(len(starts)), xy, starts, counts)
