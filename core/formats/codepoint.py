"""OS Code-Point Open: one CSV row per postcode unit, no header row.

Columns, from the product's own ``Doc/Code-Point_Open_Column_Headers.csv`` (short and long
names) and the OS Code-Point Open user guide:

====  =====  ==============================  ===============================
 idx  short  long                            canonical field
====  =====  ==============================  ===============================
   0  PC     Postcode                        ``postcode`` (normalised)
   1  PQ     Positional_quality_indicator    ``positional_quality``
   2  EA     Eastings                        ``x``
   3  NO     Northings                       ``y``
   4  CY     Country_code                    ``country_code``
   5  RH     NHS_regional_HA_code            ``nhs_regional_ha_code``
   6  LH     NHS_HA_code                     ``nhs_ha_code``
   7  CC     Admin_county_code               ``admin_county_code``
   8  DC     Admin_district_code             ``admin_district_code``
   9  WC     Admin_ward_code                 ``admin_ward_code``
====  =====  ==============================  ===============================

Postcodes are 7-character fixed width (``TN131AA``, ``TN1 1AG``, ``B1  1AY``) and are
normalised with ``core.postcode.normalise`` (``TN13 1AA``). A header row (either naming
scheme) is tolerated and used to find the columns; the column-headers file itself holds
only header rows, so it contributes no data. Positional quality 90 means "no coordinates"
(eastings/northings 0): such rows are rejected with that reason, as are invalid postcodes,
coordinates outside the British National Grid and repeated postcodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import postcode as pc
from ..bng import parse_coordinate
from ..records import LoadStats, Reject
from ..sources import Source, is_csv_error, iter_rows
from .dtf81 import off_grid_reason, on_grid

NAME = "OS Code-Point Open"
SHORT = ("PC", "PQ", "EA", "NO", "CY", "RH", "LH", "CC", "DC", "WC")
LONG = (
    "POSTCODE",
    "POSITIONAL_QUALITY_INDICATOR",
    "EASTINGS",
    "NORTHINGS",
    "COUNTRY_CODE",
    "NHS_REGIONAL_HA_CODE",
    "NHS_HA_CODE",
    "ADMIN_COUNTY_CODE",
    "ADMIN_DISTRICT_CODE",
    "ADMIN_WARD_CODE",
)
CODE_FIELDS = (
    "country_code",
    "nhs_regional_ha_code",
    "nhs_ha_code",
    "admin_county_code",
    "admin_district_code",
    "admin_ward_code",
)
NO_COORDINATES = 90
QUALITY_MEANING = {
    10: "within the building of the matched address closest to the postcode mean",
    20: "as 10, by visual inspection of the address",
    30: "approximate to within 50 m",
    40: "postcode unit mean of matched addresses",
    50: "estimated from the nearest postcode or sector",
    60: "postcode sector mean",
    90: "no coordinates",
}


def header_columns(fields: list[str]) -> dict[str, int] | None:
    """Column positions (by short name) when *fields* is a header row, else None."""
    names = [f.strip().upper() for f in fields]
    if names[:2] == list(SHORT[:2]):
        return {n: i for i, n in enumerate(names) if n in SHORT}
    if names[:2] == list(LONG[:2]):
        return {SHORT[LONG.index(n)]: i for i, n in enumerate(names) if n in LONG}
    return None


def looks_like(fields: list[str]) -> bool:
    """True when *fields* is a Code-Point Open row (header or data)."""
    if header_columns(fields) is not None:
        return True
    return (
        len(fields) >= 4
        and pc.normalise(fields[0]) is not None
        and fields[1].strip().isdecimal()
        and fields[2].strip().isdecimal()
    )


def read(sources: Iterable[Source], stats: LoadStats) -> Iterator[dict | Reject]:
    """Yield one postcode record (canonical fields plus ``x``/``y``) per row, or a Reject."""
    seen: dict[str, str] = {}
    default = {name: i for i, name in enumerate(SHORT)}
    for source in sources:
        columns = default
        for row in iter_rows(source, stats):
            header = None if is_csv_error(row) else header_columns(row.fields)
            if header is not None:
                columns = header
                continue
            stats.data_rows += 1
            problem = is_csv_error(row)
            try:
                if problem:
                    raise ValueError(f"unreadable CSV: {problem}")
                record = _record(row.fields, columns)
            except ValueError as exc:
                stats.rejected += 1
                yield Reject(row.file, row.line, row.raw, str(exc))
                continue
            postcode = record["postcode"]
            if postcode in seen:
                stats.rejected += 1
                yield Reject(
                    row.file,
                    row.line,
                    row.raw,
                    f"duplicate postcode {postcode}: first at {seen[postcode]}",
                )
                continue
            seen[postcode] = f"{row.file} line {row.line}"
            stats.accepted += 1
            yield record


def _record(fields: list[str], columns: dict[str, int]) -> dict:
    needed = max(columns.values()) + 1
    if len(fields) < needed:
        raise ValueError(
            f"row has {len(fields)} fields; Code-Point Open rows have {needed} (truncated line?)"
        )

    def at(name: str) -> str:
        index = columns.get(name)
        if index is None or index >= len(fields):
            raise ValueError(f"row has {len(fields)} fields; no {name} column (truncated line?)")
        return fields[index]

    text = at("PC")
    postcode = pc.normalise(text)
    if postcode is None:
        raise ValueError(f"{text.strip()!r} is not a valid postcode")
    quality_text = at("PQ").strip()
    if not quality_text.isdecimal():
        raise ValueError(f"positional quality {quality_text!r} is not a whole number")
    quality = int(quality_text)
    if quality == NO_COORDINATES:
        raise ValueError(f"postcode {postcode} has no coordinates (positional quality 90)")
    x = parse_coordinate(at("EA"))
    y = parse_coordinate(at("NO"))
    if not on_grid(x, y):
        raise ValueError(off_grid_reason(x, y))
    record: dict[str, object] = {
        "postcode": postcode,
        "positional_quality": quality,
        "x": x,
        "y": y,
    }
    for short, name in zip(SHORT[4:], CODE_FIELDS):
        index = columns.get(short)
        value = fields[index].strip() if index is not None and index < len(fields) else ""
        record[name] = value or None
    return record
