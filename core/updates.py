"""Change-only updates (DTF 7.3 or AddressBase Premium COU) applied to an addresses layer.

Each change-only file is read with the multi-record reader (``assemble``), with the
records an address needs but the file lacks taken from the target: an LPI change
without its BLPU gets the BLPU fields of the target's row for that UPRN, a USRN without
a street descriptor gets the street names the target already uses for it. The BLPU
change type decides what happens to each UPRN:

- ``I``: inserted (REJECTED when the UPRN is already in the target);
- ``U`` (or an LPI change of an address the target holds): the row is rebuilt and
  updated (REJECTED when the UPRN is not in the target: "update of a UPRN that is not
  there");
- ``D``: the row is deleted (REJECTED when the target does not hold it: "already gone").

``apply_updates`` runs every file, in the order given, against a ``Target`` inside one
transaction opened by the caller: any error (or a cancel) and nothing is changed.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .formats import detect
from .formats.assemble import (
    CSV_ERROR,
    HEADER,
    AddressLoadStats,
    MultiRecordReader,
    fast_rows,
    fetch_raw,
)
from .formats.parsers import parse_uprn
from .formats.registry import ADDRESSES, formats
from .records import Reject
from .sources import Source, expand_sources

#: The multi-record address formats, whose change-only supplies this applies.
LAYOUTS = {f.name: f.layout for f in formats(ADDRESSES) if f.layout is not None}


class Target(Protocol):
    """The addresses layer being updated (see ``updates_target.OgrTarget``)."""

    def find(self, uprn: int) -> dict | None: ...
    def street(self, usrn: int) -> dict | None: ...
    def insert(self, record: dict) -> None: ...
    def update(self, record: dict) -> None: ...
    def delete(self, uprn: int) -> None: ...


@dataclass
class FileResult:
    """What one change-only file did."""

    file: str
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    rejected: int = 0
    rows: int = 0


@dataclass
class UpdateResult:
    files: list[FileResult] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)


class UpdateCancelledError(Exception):
    """The caller asked to stop: the transaction must be rolled back."""


def _blpu_changes(source: Source) -> tuple[dict[int, set[str]], dict[int, int], bool]:
    """For each UPRN with a BLPU (21) row: its change types, the line of its last row, and
    whether the file says it is change-only (header FILE_TYPE C)."""
    changes: dict[int, set[str]] = {}
    lines: dict[int, int] = {}
    change_only = False
    stats = AddressLoadStats()
    for line, f in fast_rows(source, stats):
        kind = f[0].strip()
        if kind == HEADER:
            change_only = len(f) > 8 and f[8].strip().upper() == "C"
        elif kind == "21" and len(f) > 3 and kind != CSV_ERROR:
            try:
                uprn = parse_uprn(f[3])
            except ValueError:
                continue  # the reader rejects the row with its reason
            changes.setdefault(uprn, set()).add(f[1].strip().upper())
            lines[uprn] = line
    return changes, lines, change_only


class _ContextReader(MultiRecordReader):
    """The multi-record reader, given the target's BLPU and street for records the file
    changes without them (an LPI update alone, an LPI on a street the file does not list)."""

    def __init__(self, layout, sources, stats, target: Target) -> None:
        super().__init__(layout, sources, stats)
        self.target = target
        self.from_target: set[int] = set()

    def __iter__(self) -> Iterator[dict | Reject]:
        for index, source in enumerate(self.sources):
            self._read_source(index, source)
        self._fill_context()
        yield from self._assemble()
        yield from self._late_rejects()

    def _fill_context(self) -> None:
        blpus = self.stores["21"].items
        streets = self.stores["15"].items
        for lpi in list(self.stores["24"].items.values()):
            uprn, usrn = lpi[0], lpi[17]
            if uprn not in blpus:
                row = self.target.find(uprn)
                if row is not None:
                    blpus[uprn] = (
                        uprn, row.get("logical_status"), row.get("blpu_state"),
                        row.get("parent_uprn"), row["x"], row["y"],
                        row.get("classification") or "", row.get("rpc"),
                        row.get("start_date"), row.get("end_date"),
                        row.get("last_update_date"), row.get("postal_address") or "",
                        "", row.get("organisation") or "", 0, 0,
                    )  # fmt: skip
                    self.from_target.add(uprn)
            if usrn is not None and not any(k[0] == usrn for k in streets):
                street = self.target.street(usrn)
                if street is not None:
                    streets[(usrn, "ENG")] = (
                        usrn, "ENG", street.get("street_description") or "",
                        street.get("locality") or "", street.get("town") or "",
                        street.get("administrative_area") or "", 0, 0,
                    )  # fmt: skip


def apply_file(
    path: str | Path,
    fmt: str,
    target: Target,
    source_name: str | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[FileResult, list[Reject], list[str]]:
    """Apply one change-only file to *target*; ValueError when it is not a change-only
    multi-record file (the caller rolls back)."""
    sources = expand_sources([path])
    if fmt == "auto":
        fmt, _ = detect.detect_address_format_with_reason(sources)
    if fmt not in LAYOUTS:
        raise ValueError(
            f"{Path(path).name}: {fmt} is not a change-only format (DTF 7.3 or AddressBase "
            f"Premium change-only update)"
        )
    changes: dict[int, set[str]] = {}
    lines: dict[int, int] = {}
    for source in sources:
        file_changes, file_lines, change_only = _blpu_changes(source)
        if not change_only:
            raise ValueError(
                f"{source.name}: the header record does not say change-only (file type C); "
                f"a full supply is loaded with Load addresses, not applied as an update"
            )
        for uprn, kinds in file_changes.items():
            changes.setdefault(uprn, set()).update(kinds)
        lines.update(file_lines)
    deleted = {uprn for uprn, kinds in changes.items() if kinds == {"D"}}
    stats = AddressLoadStats()
    reader = _ContextReader(LAYOUTS[fmt](), sources, stats, target)
    name = source_name or Path(path).name
    result = FileResult(name)
    rejects: list[Reject] = []
    late: list[tuple[int, str]] = []
    seen: set[int] = set()
    for item in reader:
        if cancelled():
            raise UpdateCancelledError(f"stopped while applying {name}")
        if isinstance(item, Reject):
            if item.reason.startswith("change type D deletes"):
                if _uprn_of(item.raw) in deleted:
                    continue  # a row of an address deleted below: part of that delete
                item = Reject(
                    item.file,
                    item.line,
                    item.raw,
                    f"{item.reason}: deleting one record of an address that stays (an "
                    f"alternative LPI, a classification) is not applied; reload the full "
                    f"supply to drop it",
                )
            rejects.append(item)
            continue
        uprn = item["uprn"]
        seen.add(uprn)
        kinds = changes.get(uprn, {"U"})  # no BLPU row: an LPI change of a held address
        exists = uprn in reader.from_target or target.find(uprn) is not None
        if exists and kinds == {"I"}:
            late.append((uprn, f"insert of UPRN {uprn}, which TARGET already holds"))
        elif not exists and "I" not in kinds:
            late.append((uprn, f"update of UPRN {uprn}, which is not in TARGET"))
        elif exists:
            target.update(item)
            result.updated += 1
        else:
            target.insert(item)
            result.inserted += 1
    for uprn, kinds in changes.items():
        if uprn in seen or kinds != {"D"}:
            continue
        if target.find(uprn) is None:
            late.append((uprn, f"delete of UPRN {uprn}, which is not in TARGET (already gone)"))
        else:
            target.delete(uprn)
            result.deleted += 1
    if late:
        raw = fetch_raw(sources, {0: {lines[u] for u, _ in late if u in lines}})
        for uprn, reason in late:
            line = lines.get(uprn, 0)
            rejects.append(Reject(sources[0].name, line, raw.get((0, line), ""), reason))
    result.rejected = len(rejects)
    result.rows = stats.data_rows
    notes = list(stats.warnings)
    return result, rejects, notes


def _uprn_of(raw: str) -> int | None:
    """The UPRN (field 4) of a raw BLPU, LPI, classification or organisation row."""
    fields = next(csv.reader([raw]), [])
    try:
        return parse_uprn(fields[3]) if len(fields) > 3 else None
    except ValueError:
        return None


def apply_updates(
    paths: Sequence[str | Path],
    fmt: str,
    target: Target,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[int, str], None] = lambda done, name: None,
) -> UpdateResult:
    """Apply the change-only *paths* in order (the caller holds the transaction)."""
    result = UpdateResult()
    for done, path in enumerate(paths):
        if cancelled():
            raise UpdateCancelledError(f"stopped before {Path(path).name}")
        progress(done, Path(path).name)
        file_result, rejects, notes = apply_file(path, fmt, target, cancelled=cancelled)
        if cancelled():
            raise UpdateCancelledError(f"stopped after {Path(path).name}")
        result.files.append(file_result)
        result.rejects.extend(rejects)
        result.notes.extend(notes)
    progress(len(paths), "")
    return result
