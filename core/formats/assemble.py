"""Build canonical addresses from multi-record gazetteer files (DTF 7.3, AddressBase Premium).

A multi-record file holds one CSV row per record, the record type in field 1: street
descriptors (15), BLPUs (21: UPRN, coordinates, status), LPIs (24: the address parts), and
for AddressBase also classifications (32), organisations (31) and Royal Mail delivery
points (28). This module reads the rows through a format's *layout* (``dtf73.Layout``,
``addressbase.Layout``), applies the change type of each row (``I`` insert, ``U`` update,
``D`` delete) in file order and across files in the order given (in a change-only file,
header FILE_TYPE ``C``, its deletes first, as OS advise for change-only updates), then
joins each BLPU with its LPIs, street, classification, organisation and delivery point
into one record.

The approved preferred LPI (logical status 1, English before other languages, official
before unofficial) becomes the address; every other LPI (alternative 3, provisional 6,
historic 8, other languages) and the Royal Mail delivery point go into ``alternatives``
(see ``format_alternatives``/``parse_alternatives``) so matching can use them.

Rows are kept as small tuples, never as raw text (repeated dates, codes and postcodes are
shared); a rejected row's raw text is fetched again by line number in a second streaming
pass once reading is done, so only (file, line, reason) is held per reject.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Protocol

from ..address_text import address_line, format_postal_address
from ..alternatives import format_alternatives, parse_alternatives  # noqa: F401 - re-exported
from ..records import LoadStats, Reject
from ..sources import Source
from .parsers import (
    date,
    parse_uprn,
    text,
    whole,
    whole_or_none,
)

# --- record tuples -----------------------------------------------------------------------
# BLPU (21)
B_UPRN, B_STATUS, B_STATE, B_PARENT, B_X, B_Y, B_CLASS, B_RPC = range(8)
B_START, B_END, B_UPDATED, B_POSTAL, B_POSTCODE, B_ORG, B_FILE, B_LINE = range(8, 16)
# LPI (24)
L_UPRN, L_KEY, L_LANG, L_STATUS, L_START, L_END, L_UPDATED = range(7)
L_SAO = slice(7, 12)  # start number, start suffix, end number, end suffix, text
L_PAO = slice(12, 17)
L_USRN, L_POSTCODE, L_POSTTOWN, L_POSTAL, L_OFFICIAL, L_FILE, L_LINE = range(17, 24)
# Street descriptor (15): usrn, language, description, locality, town, admin area, file, line
S_USRN, S_LANG, S_DESC, S_LOCALITY, S_TOWN, S_ADMIN, S_FILE, S_LINE = range(8)
# Classification (32): class key, uprn, code, scheme, end date, file, line
C_KEY, C_UPRN, C_CODE, C_SCHEME, C_END, C_FILE, C_LINE = range(7)
# Organisation (31): org key, uprn, organisation, end date, file, line
O_KEY, O_UPRN, O_NAME, O_END, O_FILE, O_LINE = range(6)
# Delivery point (28): key, uprn, organisation, department, sub-building, building name,
# building number, dependent thoroughfare, thoroughfare, double dependent locality,
# dependent locality, post town, postcode, PO box, file, line
D_KEY, D_UPRN = 0, 1
D_PARTS = slice(2, 14)
D_POSTCODE, D_FILE, D_LINE = 13, 14, 15

HEADER, TRAILER, METADATA = "10", "99", "29"
REPORT_EVERY = 50_000


class LoadCancelledError(Exception):
    """The caller asked (through ``AddressLoadStats.on_rows``) to stop loading."""


CHANGE_TYPES = ("I", "U", "D")
#: Logical status preference for the LPI that becomes the address.
STATUS_RANK = {1: 0, 6: 1, 3: 2, 8: 3}
_intern = sys.intern


class Layout(Protocol):
    """What a multi-record format module provides (see ``dtf73``, ``addressbase``)."""

    NAME: str
    #: record type → (minimum number of fields, description)
    RECORDS: dict[str, tuple[int, str]]
    #: record types that exist in the format but carry nothing for the addresses layer
    NOT_NEEDED: dict[str, str]

    def blpu(self, f: list[str], file: int, line: int) -> tuple: ...
    def lpi(self, f: list[str], file: int, line: int) -> tuple: ...
    def street(self, f: list[str], file: int, line: int) -> tuple: ...
    def classification(self, f: list[str], file: int, line: int) -> tuple: ...
    def organisation(self, f: list[str], file: int, line: int) -> tuple: ...
    def dpa(self, f: list[str], file: int, line: int) -> tuple: ...
    def describe(self) -> list[str]: ...


class SharedRecords:
    """Records 15, 31 and 32, laid out alike in DTF 7.3 and AddressBase Premium.

    15 street descriptor: USRN (3), descriptor (4), locality (5), town (6), admin area (7),
    language (8); 32 classification: key (4), UPRN (3), scheme (5), code (6), end date (9);
    31 organisation: key (4), UPRN (3), name (5), end date (8).
    """

    def street(self, f: list[str], file: int, line: int) -> tuple:
        return (
            whole(f[3], "USRN", required=True),
            text(f[8]).upper() or "ENG" if len(f) > 8 else "ENG",
            f[4].strip(),
            text(f[5]),
            text(f[6]),
            text(f[7]),
            file,
            line,
        )

    def classification(self, f: list[str], file: int, line: int) -> tuple:
        return (
            f[4].strip() or f"{file}:{line}",
            parse_uprn(f[3]),
            text(f[5]),
            f[6].strip(),
            date(f[9]) if len(f) > 9 else None,
            file,
            line,
        )

    def organisation(self, f: list[str], file: int, line: int) -> tuple:
        return (
            f[4].strip() or f"{file}:{line}",
            parse_uprn(f[3]),
            f[5].strip(),
            date(f[8]) if len(f) > 8 else None,
            file,
            line,
        )


@dataclass
class AddressLoadStats(LoadStats):
    """LoadStats with the buckets a multi-record load needs to account for every row.

    ``accepted`` counts OUTPUT addresses. For multi-record files ``merged`` rows (LPIs,
    classifications, organisations, delivery points) went into those addresses,
    ``reference`` rows are street descriptors read for names, ``not_needed`` rows are
    record types with nothing for addresses, ``replaced`` rows were superseded by a later
    ``U`` or removed by a ``D`` (the ``D`` rows included), ``repeated`` rows are the same
    record again in another file (OS AddressBase tiles repeat street descriptors and other
    records shared by neighbouring tiles).
    """

    #: Called with the number of rows read so far, every ``REPORT_EVERY`` rows of a
    #: multi-record file; returning True stops the load (``LoadCancelledError`` is raised).
    on_rows: Callable[[int], bool] | None = None
    merged: int = 0
    reference: int = 0
    not_needed: int = 0
    replaced: int = 0
    repeated: int = 0
    by_type: Counter = field(default_factory=Counter)
    unknown_types: Counter = field(default_factory=Counter)

    def accounted(self) -> int:
        return (
            self.accepted
            + self.merged
            + self.reference
            + self.not_needed
            + self.replaced
            + self.repeated
            + self.rejected
        )

    def accounting_line(self) -> str:
        """One line saying where every data row went."""
        if not (self.merged or self.reference or self.not_needed or self.replaced or self.repeated):
            return super().accounting_line()
        total = self.accounted()
        ok = "" if total == self.data_rows else " (MISMATCH)"
        return (
            f"{self.data_rows:,} data rows read from {self.files:,} file(s): "
            f"{self.accepted:,} addresses to OUTPUT + {self.merged:,} LPI/classification/"
            f"organisation/delivery-point rows merged into them + {self.reference:,} street "
            f"descriptor rows read for street names + {self.not_needed:,} rows of record "
            f"types not needed for addresses + {self.replaced:,} rows superseded or deleted "
            f"by change records + "
            + (
                f"{self.repeated:,} rows repeated across files (tiles) merged + "
                if self.repeated
                else ""
            )
            + f"{self.rejected:,} to REJECTED = {total:,}{ok}"
        )


def _same_record_in_another_file(store: _Store, old: tuple, new: tuple) -> bool:
    """True when *new* repeats *old* field for field but comes from another file, as a
    record shared by two OS tiles does."""
    if old[store.file_at] == new[store.file_at] or len(old) != len(new):
        return False
    skip = {store.file_at, store.line_at}
    return all(a == b for i, (a, b) in enumerate(zip(old, new)) if i not in skip)


def _where(names: Sequence[str], file: int, line: int) -> str:
    return f"{names[file]} line {line}"


class _Store:
    """Records keyed by their identifier, with change types applied as rows arrive."""

    def __init__(self, label: str, key: Callable[[tuple], object], file_at: int, line_at: int):
        self.label = label
        self.key = key
        self.file_at = file_at
        self.line_at = line_at
        self.items: dict[object, tuple] = {}


class MultiRecordReader:
    """Reads the sources of one multi-record format and yields addresses and rejects."""

    def __init__(self, layout: Layout, sources: Sequence[Source], stats: LoadStats) -> None:
        self.layout = layout
        self.sources = list(sources)
        self.names = [s.name for s in self.sources]
        self.stats = stats
        self.tally = stats if isinstance(stats, AddressLoadStats) else AddressLoadStats()
        self.late: list[tuple[int, int, str]] = []  # (file, line, reason) rejected after reading
        self.rejected_blpus: dict[int, str] = {}
        self.missing_updates = 0
        self.metadata_rows = 0
        self.no_street = 0  # addresses whose USRN has no street descriptor
        self.street_index: tuple[dict, dict] | None = None
        #: Record types whose inserts are taken without a look-up (by this function),
        #: written every ``insert_batch`` rows (``_write_inserts``): the staged reader's
        #: stores until their first update or delete (``staging``); none in memory.
        self.inserts: dict[str, Callable[[tuple], object]] = {}
        self.insert_batch = 20_000
        self.stores = {
            "21": _Store("UPRN", itemgetter(B_UPRN), B_FILE, B_LINE),
            "24": _Store("LPI key", itemgetter(L_KEY), L_FILE, L_LINE),
            "15": _Store("street descriptor (USRN, language)", lambda r: r[:2], S_FILE, S_LINE),
            "32": _Store("classification key", itemgetter(C_KEY), C_FILE, C_LINE),
            "31": _Store("organisation key", itemgetter(O_KEY), O_FILE, O_LINE),
            "28": _Store("delivery point (UPRN, UDPRN)", itemgetter(0, 1), D_FILE, D_LINE),
        }
        self.parsers: dict[str, Callable[[list[str], int, int], tuple]] = {
            "21": layout.blpu,
            "24": layout.lpi,
            "15": layout.street,
            "32": layout.classification,
            "31": layout.organisation,
            "28": layout.dpa,
        }
        self.parsers = {k: v for k, v in self.parsers.items() if k in layout.RECORDS}

    # --- reading ---------------------------------------------------------------------------
    def __iter__(self) -> Iterator[dict | Reject]:
        for index, source in enumerate(self.sources):
            self._read_source(index, source)
        yield from self._assemble()
        yield from self._late_rejects()
        self._report()

    def _reject(self, file: int, line: int, reason: str) -> None:
        """Reject a row; its raw text is fetched by line number once reading is done."""
        self.late.append((file, line, reason))

    def _read_source(self, index: int, source: Source) -> None:
        stats, tally, layout = self.stats, self.tally, self.layout
        parsers, records, stores = self.parsers, layout.RECORDS, self.stores
        by_type = tally.by_type
        reject = self._reject
        inserts, insert_batch = self.inserts, self.insert_batch
        batched = 0
        metadata_rows = 0
        data_rows = 0
        # In a change-only file (header FILE_TYPE C) deletes are applied first, then the
        # inserts and updates in file order, so a record deleted and re-inserted in the
        # same supply ends up inserted whatever the row order.
        pending: list[tuple[_Store, str, tuple, int]] | None = None
        trailer: tuple[int, int | None] | None = None
        on_rows = tally.on_rows
        before = stats.data_rows
        for line, fields in self._rows(index, source):
            if on_rows is not None and not line % REPORT_EVERY and on_rows(before + data_rows):
                raise LoadCancelledError(f"stopped after {before + data_rows:,} rows")
            kind = fields[0].strip()
            parse = parsers.get(kind)
            if parse is None:
                if kind in (HEADER, METADATA, "RECORD_IDENTIFIER"):
                    if kind == HEADER and self._header(source, fields) == "C":
                        pending = []
                    elif kind == METADATA:
                        metadata_rows += 1
                    continue
                if kind == TRAILER:
                    trailer = (line, whole_or_none(fields[2] if len(fields) > 2 else ""))
                    continue
                if kind == COUNTED:  # rows a worker process read and staged
                    data_rows += fields[1]  # type: ignore[operator]
                    continue
                data_rows += 1
                if kind == CSV_ERROR:
                    reject(index, line, f"unreadable CSV: {fields[1]}")
                elif kind in layout.NOT_NEEDED:
                    by_type[kind] += 1
                    tally.not_needed += 1
                else:
                    tally.unknown_types[kind] += 1
                    reject(
                        index,
                        line,
                        f"unknown record type {kind[:20]!r}: not part of the {layout.NAME} "
                        f"layout, so the row was not read",
                    )
                continue
            data_rows += 1
            by_type[kind] += 1
            minimum, what = records[kind]
            if len(fields) < minimum:
                reject(
                    index,
                    line,
                    f"record {kind} ({what}) is truncated: {len(fields)} fields, the "
                    f"{layout.NAME} layout needs at least {minimum}",
                )
                continue
            change = fields[1]
            if change not in CHANGE_TYPES:
                change = change.strip().upper()
                if change not in CHANGE_TYPES:
                    reject(index, line, f"change type {fields[1][:10]!r} is not I, U or D")
                    continue
            try:
                record = parse(fields, index, line)
            except ValueError as exc:
                if kind == "21":
                    self._note_rejected_blpu(fields, str(exc))
                reject(index, line, f"record {kind} ({what}): {exc}")
                continue
            if pending is not None and change != "D":
                pending.append((stores[kind], change, record, line))
                continue
            if change == "I":
                add = inserts.get(kind)
                if add is not None:  # what ``_apply`` does with it, a batch at a time
                    add(record)
                    batched += 1
                    if batched >= insert_batch:
                        batched = 0
                        self._write_inserts()
                    continue
            reason = self._apply(stores[kind], change, record)
            if reason:
                reject(index, line, reason)
        for store, change, record, line in pending or ():
            reason = self._apply(store, change, record)
            if reason:
                reject(index, line, reason)
        stats.data_rows += data_rows
        self.metadata_rows += metadata_rows
        if trailer is not None:
            if data_rows:
                self._check_trailer(source, data_rows, metadata_rows, *trailer)
            else:  # a supply split by record type: the trailer counts the whole volume
                self._check_trailer(source, stats.data_rows, self.metadata_rows, *trailer)

    def _write_inserts(self) -> None:
        """Write the records taken by ``inserts`` (none here: in memory they are stored)."""

    def _rows(self, index: int, source: Source) -> Iterator[tuple[int, list[str]]]:
        """(line, fields) of the rows of *source* (``staging.StagedReader`` may have a
        worker process read part of a large file)."""
        return fast_rows(source, self.stats)

    def _note_rejected_blpu(self, fields: list[str], reason: str) -> None:
        try:
            self.rejected_blpus.setdefault(parse_uprn(fields[3]), reason)
        except ValueError:
            pass

    def _apply(self, store: _Store, change: str, record: tuple) -> str | None:
        key = store.key(record)
        items = store.items
        old = items.get(key)
        if change == "I":
            if old is not None and _same_record_in_another_file(store, old, record):
                self.tally.repeated += 1
                return None
            if old is not None:
                where = _where(self.names, old[store.file_at], old[store.line_at])
                return f"duplicate {store.label} {_show(key)}: kept the first, at {where}"
            items[key] = record
        elif change == "U":
            if old is None:
                self.missing_updates += 1
            else:
                self.tally.replaced += 1
            items[key] = record
        else:
            if old is None:
                return (
                    f"change type D deletes {store.label} {_show(key)}, which no earlier "
                    f"row inserted"
                )
            del items[key]
            self.tally.replaced += 2  # the deleted row and the D row
        return None

    def _header(self, source: Source, fields: list[str]) -> str:
        version = fields[7].strip() if len(fields) > 7 else ""
        file_type = fields[8].strip().upper() if len(fields) > 8 else ""
        kind = {"F": "full supply", "C": "change-only update"}.get(file_type, file_type or "?")
        custodian = fields[1].strip() if len(fields) > 1 else ""
        self.stats.detected.append(
            f"{source.name}: header record: custodian {custodian or '?'}, "
            f"version {version or '?'}, file type {kind}"
        )
        return file_type

    def _check_trailer(
        self, source: Source, rows: int, metadata: int, line: int, count: int | None
    ) -> None:
        # RECORD_COUNT counts the records between the header and the trailer (OS: "excluding
        # the header record, metadata and trailer records"); a count that includes the
        # metadata (29) records is accepted too.
        if count is None:
            self.stats.warnings.append(
                f"{source.name}: the trailer record (line {line}) has no readable record count"
            )
        elif count not in (rows, rows + metadata):
            self.stats.warnings.append(
                f"{source.name}: the trailer record (line {line}) says {count:,} records but "
                f"the file has {rows:,} data records: the file may be incomplete"
            )

    # --- assembling ------------------------------------------------------------------------
    def _assemble(self) -> Iterator[dict]:
        self.tally.reference += len(self.stores["15"].items)
        yield from self._join()
        self._warn_no_street()

    def _warn_no_street(self) -> None:
        if self.no_street:
            self.stats.warnings.append(
                f"{self.no_street:,} address(es) use a USRN with no street descriptor (record "
                f"15): their street, locality and town are empty"
            )

    def _street_index(self) -> tuple[dict, dict]:
        """The street descriptors by (USRN, language), and one per USRN (English first)."""
        if self.street_index is None:
            streets = self.stores["15"].items
            street_any: dict[int, tuple] = {}
            for (usrn, _lang), street in sorted(streets.items(), key=lambda kv: kv[0][1] != "ENG"):
                street_any.setdefault(usrn, street)
            self.street_index = (streets, street_any)
        return self.street_index

    def _join(self, low: int | None = None, high: int | None = None) -> Iterator[dict]:
        """The addresses of the BLPUs with *low* <= UPRN < *high* (None: no bound; the
        staged reader may join two UPRN ranges in two processes), in UPRN order; the rows
        in that range that make no address are noted as rejects."""
        tally = self.tally
        blpus = self.stores["21"].items
        streets, street_any = self._street_index()
        lpis = self._group("24", L_UPRN, low, high)
        classes = self._group("32", C_UPRN, low, high)
        orgs = self._group("31", O_UPRN, low, high)
        dpas = self._group("28", D_UPRN, low, high)
        source_name = self.layout.NAME
        no_street = 0
        for uprn, blpu in self._blpus_in_order(blpus, low, high):
            own = lpis.pop(uprn, None)
            if not own:
                self.late.append(
                    (blpu[B_FILE], blpu[B_LINE], f"BLPU UPRN {uprn} has no LPI, so no address")
                )
                for group, file_at, line_at, what in (
                    (classes, C_FILE, C_LINE, "classification"),
                    (orgs, O_FILE, O_LINE, "organisation"),
                    (dpas, D_FILE, D_LINE, "delivery point"),
                ):
                    for rec in group.pop(uprn, ()):
                        self.late.append(
                            (
                                rec[file_at],
                                rec[line_at],
                                f"{what} for UPRN {uprn}: its BLPU has no LPI",
                            )
                        )
                continue
            if len(own) > 1:  # (a sort of one calls its key all the same)
                own.sort(key=_lpi_rank)
            best = own[0]
            scheme_class = _best_class(classes.pop(uprn, None), tally)  # always: counts rows
            classification = blpu[B_CLASS] or scheme_class
            listed_org = _current_org(orgs.pop(uprn, None), tally)
            organisation = blpu[B_ORG] or listed_org or None
            own_dpas = dpas.pop(uprn, None)
            postcode = best[L_POSTCODE] or blpu[B_POSTCODE]
            if own_dpas:
                if len(own_dpas) > 1:
                    own_dpas.sort(key=lambda d: d[D_KEY])
                tally.merged += len(own_dpas)
                organisation = organisation or own_dpas[0][2] or None
                postcode = postcode or own_dpas[0][D_POSTCODE]
            usrn = best[L_USRN]
            street = streets.get((usrn, best[L_LANG])) or street_any.get(usrn)
            if street is not None:
                _, _, name, locality, town, admin = street[:6]
                town = town or best[L_POSTTOWN]
            else:
                name = locality = admin = ""
                town = best[L_POSTTOWN]
                if usrn is not None:
                    no_street += 1
            sao, pao = best[L_SAO], best[L_PAO]
            address = address_line(organisation, sao, pao, name, locality, town, postcode)
            updated = max(blpu[B_UPDATED] or "", best[L_UPDATED] or "")
            record = {
                "uprn": uprn,
                "parent_uprn": blpu[B_PARENT],
                "usrn": usrn,
                "sao_start_number": sao[0],
                "sao_start_suffix": sao[1] or None,
                "sao_end_number": sao[2],
                "sao_end_suffix": sao[3] or None,
                "sao_text": sao[4] or None,
                "pao_start_number": pao[0],
                "pao_start_suffix": pao[1] or None,
                "pao_end_number": pao[2],
                "pao_end_suffix": pao[3] or None,
                "pao_text": pao[4] or None,
                "street_description": name or None,
                "locality": locality or None,
                "town": town or None,
                "administrative_area": admin or None,
                "postcode": postcode or None,
                "classification": classification or None,
                "logical_status": blpu[B_STATUS],
                "blpu_state": blpu[B_STATE],
                "address": address,
                "source": source_name,
                "rpc": blpu[B_RPC],
                "start_date": blpu[B_START],
                "end_date": blpu[B_END],
                "last_update_date": updated or None,
                "language": best[L_LANG] or None,
                "official_flag": best[L_OFFICIAL] or None,
                "postal_address": blpu[B_POSTAL] or best[L_POSTAL] or None,
                "organisation": organisation,
                "alternatives": None,
                "x": blpu[B_X],
                "y": blpu[B_Y],
            }
            if len(own) > 1 or own_dpas:
                alternatives = [
                    (
                        f"LPI{lpi[L_STATUS]}/{lpi[L_LANG] or 'ENG'}",
                        self._lpi_text(lpi, blpu, streets, street_any, organisation),
                    )
                    for lpi in own[1:]
                ]
                if own_dpas:
                    alternatives += [("DPA", format_postal_address(*d[D_PARTS])) for d in own_dpas]
                record["alternatives"] = format_alternatives(alternatives)
            tally.merged += len(own)
            self.stats.accepted += 1
            if self.tally is not self.stats:
                self.tally.accepted += 1
            yield record
        # Child rows whose UPRN has no BLPU in the output.
        for group, file_at, line_at, what in (
            (lpis, L_FILE, L_LINE, "LPI"),
            (classes, C_FILE, C_LINE, "classification"),
            (orgs, O_FILE, O_LINE, "organisation"),
            (dpas, D_FILE, D_LINE, "delivery point"),
        ):
            for uprn, rows in group.items():
                why = self.rejected_blpus.get(uprn)
                reason = (
                    f"{what} for UPRN {uprn}: its BLPU was rejected ({why})"
                    if why
                    else f"{what} for UPRN {uprn}: no BLPU record with that UPRN"
                )
                self.late.extend((r[file_at], r[line_at], reason) for r in rows)
        self.no_street += no_street

    @staticmethod
    def _blpus_in_order(
        blpus: dict, low: int | None = None, high: int | None = None
    ) -> Iterator[tuple[int, tuple]]:
        """(UPRN, BLPU) in UPRN order (``staging.StagedReader`` reads them from disk, and
        takes a UPRN range; here the range is always the whole)."""
        return ((uprn, blpus[uprn]) for uprn in sorted(blpus))

    def _group(
        self, kind: str, uprn_at: int, low: int | None = None, high: int | None = None
    ) -> dict:
        """The records of *kind* by UPRN; the store is emptied to keep the peak memory down."""
        grouped: dict[int, list[tuple]] = defaultdict(list)
        items = self.stores[kind].items
        for record in items.values():
            grouped[record[uprn_at]].append(record)
        items.clear()
        return grouped

    @staticmethod
    def _lpi_text(
        lpi: tuple, blpu: tuple, streets: dict, street_any: dict, organisation: str | None
    ) -> str:
        """The single-line address of another LPI of the same BLPU."""
        usrn = lpi[L_USRN]
        street = streets.get((usrn, lpi[L_LANG])) or street_any.get(usrn)
        name, locality, town = street[S_DESC : S_TOWN + 1] if street else ("", "", "")
        postcode = lpi[L_POSTCODE] or blpu[B_POSTCODE]
        town = town or lpi[L_POSTTOWN]
        return address_line(organisation, lpi[L_SAO], lpi[L_PAO], name, locality, town, postcode)

    # --- rejects found after reading, and the log ----------------------------------------
    def _late_rejects(self) -> Iterator[Reject]:
        if not self.late:
            return
        self.late.sort()
        wanted: dict[int, set[int]] = defaultdict(set)
        for file, line, _ in self.late:
            wanted[file].add(line)
        raw = fetch_raw(self.sources, wanted)
        for file, line, reason in self.late:
            self.stats.rejected += 1
            if self.tally is not self.stats:
                self.tally.rejected += 1
            yield Reject(self.names[file], line, raw.get((file, line), ""), reason)

    def _report(self) -> None:
        tally, stats = self.tally, self.stats
        stats.detected.extend(self.layout.describe())
        counts = ", ".join(f"{k}: {v:,}" for k, v in sorted(tally.by_type.items()))
        if counts:
            stats.detected.append(f"rows by record type: {counts}")
        if tally.unknown_types:
            listed = ", ".join(f"{k!r} ×{v:,}" for k, v in sorted(tally.unknown_types.items()))
            stats.warnings.append(
                f"{sum(tally.unknown_types.values()):,} row(s) of unknown record types "
                f"({listed}) went to REJECTED"
            )
        if self.missing_updates:
            stats.warnings.append(
                f"{self.missing_updates:,} change record(s) of type U updated a record no "
                f"earlier row inserted; they were loaded as new records"
            )


def _show(key: object) -> str:
    if isinstance(key, tuple):
        return "(" + ", ".join(str(k) for k in key) + ")"
    return str(key)


def _lpi_rank(lpi: tuple) -> tuple:
    return (
        STATUS_RANK.get(lpi[L_STATUS], 9),
        (lpi[L_LANG] or "ENG") != "ENG",
        lpi[L_OFFICIAL] == "N",
        lpi[L_KEY],
    )


def _best_class(rows: list[tuple] | None, tally: AddressLoadStats) -> str | None:
    """The current AddressBase-scheme classification (other schemes only if it is absent)."""
    if not rows:
        return None
    tally.merged += len(rows)
    if len(rows) == 1:
        return rows[0][C_CODE] or None
    rows.sort(
        key=lambda c: (
            c[C_END] is not None,
            "ADDRESSBASE" not in c[C_SCHEME].upper().replace(" ", ""),
            c[C_KEY],
        )
    )
    return rows[0][C_CODE] or None


def _current_org(rows: list[tuple] | None, tally: AddressLoadStats) -> str | None:
    if not rows:
        return None
    tally.merged += len(rows)
    if len(rows) > 1:
        rows.sort(key=lambda o: (o[O_END] is not None, o[O_KEY]))
    return rows[0][O_NAME] or None


CSV_ERROR = "\x00csv-error"
#: A pseudo row ``[COUNTED, n]``: *n* data rows were read and staged by a worker process.
COUNTED = "\x00counted"


def fast_rows(
    source: Source, stats: LoadStats, lines_before: int = 0, whole_file: bool = True
) -> Iterator[tuple[int, list[str]]]:
    """(first line number, fields) of each non-blank CSV record of *source*, without raw text.

    Lines are decoded as UTF-8 (a BOM dropped) or, failing that, Windows-1252, like
    ``sources.iter_rows`` and with the same line numbers, so ``fetch_raw`` finds the raw
    text of a row later. A row the csv module cannot split comes as ``[CSV_ERROR, why]``.
    A *source* that is a part of a file (``staging``) gives the number of lines before it
    (*lines_before*) and, but for the first part, ``whole_file=False`` (the file is counted
    once).
    """
    if whole_file:
        stats.files += 1
    with source.open() as handle:

        def lines() -> Iterator[str]:
            first = whole_file
            for data in handle:
                if first:
                    first = False
                    if data.startswith(b"\xef\xbb\xbf"):
                        data = data[3:]
                try:
                    yield data.decode("utf-8")
                except UnicodeDecodeError:
                    stats.non_utf8_lines += 1
                    yield data.decode("cp1252", errors="replace")

        reader = csv.reader(lines(), strict=False)
        previous = lines_before
        blank = 0
        while True:
            try:
                for fields in reader:
                    if fields and (fields[0].strip() or any(f.strip() for f in fields)):
                        yield previous + 1, fields
                    else:
                        blank += 1
                    previous = reader.line_num + lines_before
                break
            except csv.Error as exc:
                yield previous + 1, [CSV_ERROR, str(exc)]
                previous = reader.line_num + lines_before
        stats.blank_lines += blank


def fetch_raw(sources: Sequence[Source], wanted: dict[int, set[int]]) -> dict[tuple[int, int], str]:
    """Raw text of the rows starting at the *wanted* line numbers, by (file index, line).

    Reads the lines again as bytes; a row whose quotes are not balanced on its first line
    continues on the next lines, as the csv module reads it.
    """
    found: dict[tuple[int, int], str] = {}
    for index, lines in wanted.items():
        remaining = set(lines)
        last = max(remaining)
        with sources[index].open() as handle:
            collecting: list[bytes] = []
            start = 0
            for number, data in enumerate(handle, start=1):
                if number == 1 and data.startswith(b"\xef\xbb\xbf"):
                    data = data[3:]
                if collecting or number in remaining:
                    if not collecting:
                        start = number
                    collecting.append(data)
                    joined = b"".join(collecting)
                    if joined.count(b'"') % 2 == 0:
                        found[(index, start)] = _decode(joined).rstrip("\r\n")
                        remaining.discard(start)
                        collecting = []
                        if not remaining:
                            break
                elif number > last:
                    break
    return found


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read(layout: Layout, sources: Sequence[Source], stats: LoadStats) -> Iterator[dict | Reject]:
    """Yield canonical addresses (with ``x``/``y``) and Rejects from multi-record *sources*."""
    return iter(MultiRecordReader(layout, sources, stats))
