"""OS AddressBase Plus and AddressBase Core: one address per CSV row, mapped by column name.

Column names follow the OS technical specifications (CSV). OS supplies the header names
in a separate file; files with the header row are mapped by name (names are matched
case-insensitively, and the alternative names older Plus supplies use are accepted), and
files without one are read in the published column order when the column count matches.

- AddressBase Plus (77 columns): UPRN, UDPRN, CHANGE_TYPE, STATE, STATE_DATE, CLASS,
  PARENT_UPRN, X_COORDINATE, Y_COORDINATE, LATITUDE, LONGITUDE, RPC, LOCAL_CUSTODIAN_CODE,
  COUNTRY, LA_START_DATE, LAST_UPDATE_DATE, ENTRY_DATE, RM_ORGANISATION_NAME,
  LA_ORGANISATION, DEPARTMENT_NAME, LEGAL_NAME, SUB_BUILDING_NAME, BUILDING_NAME,
  BUILDING_NUMBER, SAO_START_NUMBER … SAO_TEXT, ALT_LANGUAGE_SAO_TEXT, PAO_START_NUMBER …
  PAO_TEXT, ALT_LANGUAGE_PAO_TEXT, USRN, USRN_MATCH_INDICATOR, AREA_NAME, LEVEL,
  OFFICIAL_FLAG, six OS TOID fields, VOA_CT_RECORD, VOA_NDR_RECORD, STREET_DESCRIPTION,
  ALT_LANGUAGE_STREET_DESCRIPTION, DEPENDENT_THOROUGHFARE, THOROUGHFARE, two Welsh
  thoroughfares, DOUBLE_DEPENDENT_LOCALITY, DEPENDENT_LOCALITY, LOCALITY, two Welsh
  localities, TOWN_NAME, ADMINISTRATIVE_AREA, POST_TOWN, WELSH_POST_TOWN, POSTCODE,
  POSTCODE_LOCATOR, POSTCODE_TYPE, DELIVERY_POINT_SUFFIX, ADDRESSBASE_POSTAL (older:
  POSTAL_ADDRESSABLE), PO_BOX_NUMBER, WARD_CODE, PARISH_CODE, RM_START_DATE (older:
  PROCESS_DATE), MULTI_OCC_COUNT, VOA_NDR_P_DESC_CODE, VOA_NDR_SCAT_CODE, ALT_LANGUAGE.
- AddressBase Core (27 columns): UPRN, PARENT_UPRN, UDPRN, USRN, TOID,
  CLASSIFICATION_CODE, EASTING, NORTHING, LATITUDE, LONGITUDE, RPC, LAST_UPDATE_DATE,
  SINGLE_LINE_ADDRESS, PO_BOX, ORGANISATION, SUB_BUILDING, BUILDING_NAME,
  BUILDING_NUMBER, STREET_NAME, LOCALITY, TOWN_NAME, POST_TOWN, ISLAND, POSTCODE,
  DELIVERY_POINT_SUFFIX, GSS_CODE, CHANGE_CODE.

Change types (Plus CHANGE_TYPE, Core CHANGE_CODE: I insert, U update, D delete) are applied
in order across the files given; one file is streamed, several are held (as compact
tuples) until the last change is applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ..address_text import format_address, format_postal_address
from ..records import LoadStats, Reject
from ..schema import ADDRESS_FIELDS, empty_address
from ..sources import Source, is_csv_error, iter_rows
from .assemble import AddressLoadStats, format_alternatives
from .parsers import date, parse_uprn, point, uprn_or_none, whole

PLUS = "AddressBase Plus"
CORE = "AddressBase Core"

PLUS_COLUMNS = (
    "UPRN UDPRN CHANGE_TYPE STATE STATE_DATE CLASS PARENT_UPRN X_COORDINATE Y_COORDINATE "
    "LATITUDE LONGITUDE RPC LOCAL_CUSTODIAN_CODE COUNTRY LA_START_DATE LAST_UPDATE_DATE "
    "ENTRY_DATE RM_ORGANISATION_NAME LA_ORGANISATION DEPARTMENT_NAME LEGAL_NAME "
    "SUB_BUILDING_NAME BUILDING_NAME BUILDING_NUMBER SAO_START_NUMBER SAO_START_SUFFIX "
    "SAO_END_NUMBER SAO_END_SUFFIX SAO_TEXT ALT_LANGUAGE_SAO_TEXT PAO_START_NUMBER "
    "PAO_START_SUFFIX PAO_END_NUMBER PAO_END_SUFFIX PAO_TEXT ALT_LANGUAGE_PAO_TEXT USRN "
    "USRN_MATCH_INDICATOR AREA_NAME LEVEL OFFICIAL_FLAG OS_ADDRESS_TOID "
    "OS_ADDRESS_TOID_VERSION OS_ROADLINK_TOID OS_ROADLINK_TOID_VERSION OS_TOPO_TOID "
    "OS_TOPO_TOID_VERSION VOA_CT_RECORD VOA_NDR_RECORD STREET_DESCRIPTION "
    "ALT_LANGUAGE_STREET_DESCRIPTION DEPENDENT_THOROUGHFARE THOROUGHFARE "
    "WELSH_DEPENDENT_THOROUGHFARE WELSH_THOROUGHFARE DOUBLE_DEPENDENT_LOCALITY "
    "DEPENDENT_LOCALITY LOCALITY WELSH_DEPENDENT_LOCALITY WELSH_DOUBLE_DEPENDENT_LOCALITY "
    "TOWN_NAME ADMINISTRATIVE_AREA POST_TOWN WELSH_POST_TOWN POSTCODE POSTCODE_LOCATOR "
    "POSTCODE_TYPE DELIVERY_POINT_SUFFIX ADDRESSBASE_POSTAL PO_BOX_NUMBER WARD_CODE "
    "PARISH_CODE RM_START_DATE MULTI_OCC_COUNT VOA_NDR_P_DESC_CODE VOA_NDR_SCAT_CODE "
    "ALT_LANGUAGE"
).split()

CORE_COLUMNS = (
    "UPRN PARENT_UPRN UDPRN USRN TOID CLASSIFICATION_CODE EASTING NORTHING LATITUDE "
    "LONGITUDE RPC LAST_UPDATE_DATE SINGLE_LINE_ADDRESS PO_BOX ORGANISATION SUB_BUILDING "
    "BUILDING_NAME BUILDING_NUMBER STREET_NAME LOCALITY TOWN_NAME POST_TOWN ISLAND POSTCODE "
    "DELIVERY_POINT_SUFFIX GSS_CODE CHANGE_CODE"
).split()

#: Names older supplies use → the current name.
ALIASES = {
    "POSTAL_ADDRESSABLE": "ADDRESSBASE_POSTAL",
    "PROCESS_DATE": "RM_START_DATE",
    "ALT_LANGUAGE_STREET_DESCRIPTOR": "ALT_LANGUAGE_STREET_DESCRIPTION",
    "X": "X_COORDINATE",
    "Y": "Y_COORDINATE",
}

_NAMES = tuple(f.name for f in ADDRESS_FIELDS)


def _header(fields: list[str]) -> dict[str, int]:
    names = [f.strip().upper().lstrip("\ufeff") for f in fields]
    return {ALIASES.get(n, n): i for i, n in enumerate(names)}


def looks_like_plus(fields: list[str]) -> bool:
    """A Plus header row, or a headerless Plus row (77 columns, a UPRN first)."""
    names = _header(fields)
    if "UPRN" in names and "PAO_START_NUMBER" in names and "CLASS" in names:
        return True
    return len(fields) == len(PLUS_COLUMNS) and fields[0].strip().isdecimal()


def looks_like_core(fields: list[str]) -> bool:
    """A Core header row, or a headerless Core row (27 columns, a UPRN first)."""
    names = _header(fields)
    if "UPRN" in names and "SINGLE_LINE_ADDRESS" in names:
        return True
    return len(fields) == len(CORE_COLUMNS) and fields[0].strip().isdecimal()


def _is_header(fields: list[str]) -> bool:
    return fields[0].strip().upper().lstrip("\ufeff") == "UPRN"


def _get(fields: list[str], columns: dict[str, int], name: str) -> str:
    at = columns.get(name)
    return fields[at].strip() if at is not None and at < len(fields) else ""


def _number_and_suffix(value: str) -> tuple[int | None, str | None, str | None]:
    """``12`` → (12, None, None); ``12A`` → (12, 'A', None); ``ROSE`` → (None, None, 'ROSE')."""
    digits = len(value) - len(value.lstrip("0123456789"))
    if (digits and len(value) - digits <= 2 and value[digits:].isalpha()) or value.isdecimal():
        return int(value[:digits]), value[digits:].upper() or None, None
    return None, None, value or None


def plus_record(fields: list[str], columns: dict[str, int]) -> dict:
    """A canonical address from one AddressBase Plus row."""

    def g(name: str) -> str:
        return _get(fields, columns, name)

    x, y = point(g("X_COORDINATE"), g("Y_COORDINATE"))
    record = empty_address(
        uprn=parse_uprn(g("UPRN")),
        parent_uprn=uprn_or_none(g("PARENT_UPRN")),
        usrn=whole(g("USRN"), "USRN"),
        sao_start_number=whole(g("SAO_START_NUMBER"), "SAO start number"),
        sao_start_suffix=g("SAO_START_SUFFIX") or None,
        sao_end_number=whole(g("SAO_END_NUMBER"), "SAO end number"),
        sao_end_suffix=g("SAO_END_SUFFIX") or None,
        sao_text=g("SAO_TEXT") or None,
        pao_start_number=whole(g("PAO_START_NUMBER"), "PAO start number"),
        pao_start_suffix=g("PAO_START_SUFFIX") or None,
        pao_end_number=whole(g("PAO_END_NUMBER"), "PAO end number"),
        pao_end_suffix=g("PAO_END_SUFFIX") or None,
        pao_text=g("PAO_TEXT") or None,
        street_description=g("STREET_DESCRIPTION") or None,
        locality=g("LOCALITY") or None,
        town=g("TOWN_NAME") or g("POST_TOWN") or None,
        administrative_area=g("ADMINISTRATIVE_AREA") or None,
        postcode=" ".join((g("POSTCODE_LOCATOR") or g("POSTCODE")).upper().split()) or None,
        classification=g("CLASS") or None,
        logical_status=whole(g("LOGICAL_STATUS"), "logical status"),  # only if a column has it
        blpu_state=whole(g("STATE"), "state"),
        source=PLUS,
        rpc=whole(g("RPC"), "RPC"),
        start_date=date(g("LA_START_DATE")),
        last_update_date=date(g("LAST_UPDATE_DATE")),
        official_flag=g("OFFICIAL_FLAG")[:1] or None,
        postal_address=g("ADDRESSBASE_POSTAL")[:1] or None,
        organisation=g("LA_ORGANISATION") or g("RM_ORGANISATION_NAME") or None,
        x=x,
        y=y,
    )
    record["address"] = format_address(record)
    alternatives = []
    welsh = {
        "sao_text": g("ALT_LANGUAGE_SAO_TEXT"),
        "pao_text": g("ALT_LANGUAGE_PAO_TEXT"),
        "street_description": g("ALT_LANGUAGE_STREET_DESCRIPTION"),
    }
    if any(welsh.values()):
        alt = dict(record)
        alt.update({k: v or record[k] for k, v in welsh.items()})
        alternatives.append((f"LPI1/{g('ALT_LANGUAGE') or 'CYM'}", format_address(alt)))
    postal = format_postal_address(
        g("RM_ORGANISATION_NAME"),
        g("DEPARTMENT_NAME"),
        g("PO_BOX_NUMBER"),
        g("SUB_BUILDING_NAME"),
        g("BUILDING_NAME"),
        g("BUILDING_NUMBER"),
        g("DEPENDENT_THOROUGHFARE"),
        g("THOROUGHFARE"),
        g("DOUBLE_DEPENDENT_LOCALITY"),
        g("DEPENDENT_LOCALITY"),
        g("POST_TOWN"),
        g("POSTCODE"),
    )
    if g("POST_TOWN") and postal != record["address"]:
        alternatives.append(("DPA", postal))
    record["alternatives"] = format_alternatives(alternatives)
    return record


def core_record(fields: list[str], columns: dict[str, int]) -> dict:
    """A canonical address from one AddressBase Core row."""

    def g(name: str) -> str:
        return _get(fields, columns, name)

    x, y = point(g("EASTING"), g("NORTHING"))
    number, suffix, other = _number_and_suffix(g("BUILDING_NUMBER"))
    building = " ".join(p for p in (g("BUILDING_NAME"), other or "") if p)
    record = empty_address(
        uprn=parse_uprn(g("UPRN")),
        parent_uprn=uprn_or_none(g("PARENT_UPRN")),
        usrn=whole(g("USRN"), "USRN"),
        sao_text=g("SUB_BUILDING") or None,
        pao_start_number=number,
        pao_start_suffix=suffix,
        pao_text=building or None,
        street_description=g("STREET_NAME") or None,
        locality=g("LOCALITY") or None,
        town=g("TOWN_NAME") or g("POST_TOWN") or None,
        postcode=" ".join(g("POSTCODE").upper().split()) or None,
        classification=g("CLASSIFICATION_CODE") or None,
        source=CORE,
        rpc=whole(g("RPC"), "RPC"),
        last_update_date=date(g("LAST_UPDATE_DATE")),
        organisation=g("ORGANISATION") or None,
        x=x,
        y=y,
    )
    record["address"] = " ".join(g("SINGLE_LINE_ADDRESS").split()) or format_address(record)
    return record


def _change(fields: list[str], columns: dict[str, int], name: str) -> str:
    value = _get(fields, columns, name).upper()
    return value or "I"


def _read(
    sources: Sequence[Source],
    stats: LoadStats,
    name: str,
    default_columns: Sequence[str],
    build: Callable[[list[str], dict[str, int]], dict],
    change_column: str,
) -> Iterator[dict | Reject]:
    tally = stats if isinstance(stats, AddressLoadStats) else None
    buffered = len(sources) > 1
    kept: dict[int, tuple] = {}  # uprn → (values, file, line) when several files are given
    seen: dict[int, str] = {}
    defaults = {n: i for i, n in enumerate(default_columns)}

    # OS: apply a change file's deletes first, then its inserts and updates. With several
    # files each file is read twice (deletes, then the rest); one file is streamed once.
    phases = (("D",), ("I", "U")) if buffered else (("D", "I", "U"),)
    for source in sources:
        for phase in phases:
            yield from _apply_file(
                source, phase, stats, tally, buffered, kept, seen, defaults, build, change_column
            )
    if buffered:
        keys = (*_NAMES, "x", "y")
        for uprn in sorted(kept):
            stats.accepted += 1
            yield dict(zip(keys, kept[uprn]))
    stats.detected.append(f"layout: {name} (one address per row, columns mapped by name)")


def _apply_file(
    source: Source,
    phase: tuple[str, ...],
    stats: LoadStats,
    tally: AddressLoadStats | None,
    buffered: bool,
    kept: dict[int, tuple],
    seen: dict[int, str],
    defaults: dict[str, int],
    build: Callable[[list[str], dict[str, int]], dict],
    change_column: str,
) -> Iterator[dict | Reject]:
    """Apply the rows of *source* whose change type is in *phase*."""

    def reject(row, reason: str) -> Reject:
        stats.rejected += 1
        return Reject(row.file, row.line, row.raw, reason)

    columns = defaults
    counting = stats if "I" in phase else LoadStats()  # count each row in one phase only
    for row in iter_rows(source, counting):
        if _is_header(row.fields):
            columns = _header(row.fields)
            continue
        change = _change(row.fields, columns, change_column) if len(row.fields) >= 3 else ""
        if (change == "D") != (phase[0] == "D") and len(phase) < 3:
            continue  # this row belongs to the other phase
        stats.data_rows += 1
        problem = is_csv_error(row)
        if problem:
            yield reject(row, f"unreadable CSV: {problem}")
            continue
        if len(row.fields) < 3:
            yield reject(row, f"row has {len(row.fields)} field(s): truncated")
            continue
        if change not in ("I", "U", "D"):
            yield reject(row, f"change type {change[:10]!r} is not I, U or D")
            continue
        try:
            if change == "D":
                uprn = parse_uprn(_get(row.fields, columns, "UPRN"))
                record = None
            else:
                record = build(row.fields, columns)
                uprn = record["uprn"]
        except ValueError as exc:
            yield reject(row, str(exc))
            continue
        where = f"{row.file} line {row.line}"
        if change == "I" and uprn in seen:
            yield reject(row, f"duplicate UPRN {uprn}: kept the first, at {seen[uprn]}")
            continue
        if change == "D":
            if uprn not in seen or (buffered and uprn not in kept):
                yield reject(
                    row, f"change type D deletes UPRN {uprn}, which no earlier row inserted"
                )
                continue
            if not buffered:
                yield reject(
                    row,
                    f"change type D for UPRN {uprn}, already written from {seen[uprn]}: "
                    f"give the full supply and the change file together to apply it",
                )
                continue
            del kept[uprn]
            del seen[uprn]
            if tally is not None:
                tally.replaced += 2
            continue
        if change == "U" and uprn in seen:
            if not buffered:
                yield reject(
                    row,
                    f"change type U for UPRN {uprn}, already written from {seen[uprn]}: "
                    f"give the full supply and the change file together to apply it",
                )
                continue
            if tally is not None:
                tally.replaced += 1
        seen[uprn] = where
        if buffered:
            kept[uprn] = tuple(record.get(n) for n in (*_NAMES, "x", "y"))
        else:
            stats.accepted += 1
            yield record


def read_plus(sources: Sequence[Source], stats: LoadStats) -> Iterator[dict | Reject]:
    """Yield canonical addresses and Rejects from AddressBase Plus CSV files."""
    return _read(sources, stats, PLUS, PLUS_COLUMNS, plus_record, "CHANGE_TYPE")


def read_core(sources: Sequence[Source], stats: LoadStats) -> Iterator[dict | Reject]:
    """Yield canonical addresses and Rejects from AddressBase Core CSV files."""
    return _read(sources, stats, CORE, CORE_COLUMNS, core_record, "CHANGE_CODE")
