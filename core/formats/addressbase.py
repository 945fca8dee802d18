"""OS AddressBase Premium CSV (multi-record, no header row): the address records.

Field positions (0-based) follow the OS AddressBase Premium technical specification's CSV
record layouts; fields 1-2 are CHANGE_TYPE (I/U/D) and PRO_ORDER in every data record.

- 10 Header: RECORD_IDENTIFIER, CUSTODIAN_NAME, LOCAL_CUSTODIAN_CODE, PROCESS_DATE,
  VOLUME_NUMBER, ENTRY_DATE, TIME_STAMP, VERSION, FILE_TYPE.
- 15 Street descriptor: 3 USRN, 4 STREET_DESCRIPTION, 5 LOCALITY, 6 TOWN_NAME,
  7 ADMINISTRATIVE_AREA, 8 LANGUAGE, 9-12 dates.
- 21 BLPU, two schema versions told apart by the number of fields:
  * 22 fields (schema 2, the current one): 3 UPRN, 4 LOGICAL_STATUS, 5 BLPU_STATE,
    6 BLPU_STATE_DATE, 7 PARENT_UPRN, 8 X_COORDINATE, 9 Y_COORDINATE, 10 LATITUDE,
    11 LONGITUDE, 12 RPC, 13 LOCAL_CUSTODIAN_CODE, 14 COUNTRY, 15 START_DATE,
    16 END_DATE, 17 LAST_UPDATE_DATE, 18 ENTRY_DATE, 19 ADDRESSBASE_POSTAL,
    20 POSTCODE_LOCATOR, 21 MULTI_OCC_COUNT;
  * 19 fields (schema 1, older supplies without latitude, longitude and country):
    3 UPRN … 9 Y_COORDINATE, 10 RPC, 11 LOCAL_CUSTODIAN_CODE, 12 START_DATE, 13 END_DATE,
    14 LAST_UPDATE_DATE, 15 ENTRY_DATE, 16 POSTAL_ADDRESS, 17 POSTCODE_LOCATOR,
    18 MULTI_OCC_COUNT.
  Any other field count is rejected as truncated or unknown rather than guessed.
- 24 LPI: 3 UPRN, 4 LPI_KEY, 5 LANGUAGE, 6 LOGICAL_STATUS, 7 START_DATE, 8 END_DATE,
  9 LAST_UPDATE_DATE, 10 ENTRY_DATE, 11-15 SAO, 16-20 PAO, 21 USRN,
  22 USRN_MATCH_INDICATOR, 23 AREA_NAME, 24 LEVEL, 25 OFFICIAL_FLAG. No postcode: the
  address takes the BLPU's POSTCODE_LOCATOR.
- 28 Delivery point (Royal Mail): 3 UPRN, then either 4 UDPRN (29-field layout) or
  4 PARENT_ADDRESSABLE_UPRN, 5 UDPRN (30-field layout, newer specifications), followed by
  ORGANISATION_NAME, DEPARTMENT_NAME, SUB_BUILDING_NAME, BUILDING_NAME, BUILDING_NUMBER,
  DEPENDENT_THOROUGHFARE, THOROUGHFARE, DOUBLE_DEPENDENT_LOCALITY, DEPENDENT_LOCALITY,
  POST_TOWN, POSTCODE, POSTCODE_TYPE, DELIVERY_POINT_SUFFIX, five Welsh fields,
  PO_BOX_NUMBER (field 23, or 24) and dates. The two are told apart by field count.
- 31 Organisation: 3 UPRN, 4 ORG_KEY, 5 ORGANISATION, 6 LEGAL_NAME, 7 START_DATE, 8 END_DATE.
- 32 Classification: 3 UPRN, 4 CLASS_KEY, 5 CLASSIFICATION_CODE, 6 CLASS_SCHEME,
  7 SCHEME_VERSION, 8 START_DATE, 9 END_DATE (the AddressBase scheme is preferred).
- 99 Trailer: RECORD_IDENTIFIER, NEXT_VOLUME_NUMBER, RECORD_COUNT, ENTRY_DATE, TIME_STAMP.

Record types 11 (street), 23 (cross reference), 29 (metadata) and 30 (successor) carry
nothing for the addresses layer and are counted, not read.
"""

from __future__ import annotations

from collections import Counter

from .assemble import SharedRecords
from .parsers import (
    Memo,
    code_text,
    date,
    numbers,
    parse_uprn,
    point,
    postcode_text,
    uprn,
    uprn_or_none,
    usrn_of,
    whole,
)

NAME = "AddressBase Premium"


class Layout(SharedRecords):
    """Parses AddressBase Premium address records into the tuples ``assemble`` joins."""

    NAME = NAME
    RECORDS = {
        "15": (8, "street descriptor"),
        "21": (19, "BLPU"),
        "24": (22, "LPI"),
        "28": (17, "delivery point"),
        "31": (6, "organisation"),
        "32": (7, "classification"),
    }
    NOT_NEEDED = {
        "11": "street",
        "23": "application cross reference",
        "30": "successor",
    }

    def __init__(self) -> None:
        self.blpu_shapes: Counter = Counter()
        self.dpa_shapes: Counter = Counter()
        self.dates = Memo(date)
        self.codes = Memo(code_text)
        self.postcodes = Memo(postcode_text)
        self.usrns = Memo(usrn_of)  # one int object per street, not per LPI

    def blpu(self, f: list[str], file: int, line: int) -> tuple:
        size = len(f)
        if size >= 22:
            rpc, start, postal, locator = 12, 15, 19, 20
        elif size == 19:
            rpc, start, postal, locator = 10, 12, 16, 17
        else:
            raise ValueError(
                f"{size} fields: the BLPU layout has 22 (schema 2) or 19 (schema 1); "
                f"the row looks truncated"
            )
        self.blpu_shapes[22 if size >= 22 else 19] += 1
        dates = self.dates
        x, y = point(f[8], f[9])
        parent = f[7]
        return (
            uprn(f[3]),
            whole(f[4], "logical status", required=True),
            whole(f[5], "BLPU state"),
            uprn_or_none(parent) if parent else None,
            x,
            y,
            "",
            whole(f[rpc], "RPC"),
            dates[f[start]],
            dates[f[start + 1]],
            dates[f[start + 2]],
            self.codes[f[postal][:1]],
            self.postcodes[f[locator]],
            "",
            file,
            line,
        )

    def lpi(self, f: list[str], file: int, line: int) -> tuple:
        return (
            uprn(f[3]),
            f[4].strip() or f"{file}:{line}",
            self.codes[f[5]] or "ENG",
            whole(f[6], "LPI logical status", required=True),
            None,  # LPI start and end dates are not used by the addresses layer
            None,
            self.dates[f[9]],
            *numbers(f, 11, "SAO"),
            f[15].strip(),
            *numbers(f, 16, "PAO"),
            f[20].strip(),
            self.usrns[f[21]],
            "",
            "",
            "",
            self.codes[f[25][:1]] if len(f) > 25 else "",
            file,
            line,
        )

    def dpa(self, f: list[str], file: int, line: int) -> tuple:
        o = 1 if len(f) >= 30 else 0
        self.dpa_shapes[30 if o else 29] += 1
        uprn = parse_uprn(f[3])
        udprn = whole(f[4 + o], "UDPRN")
        po_box = f[23 + o].strip() if len(f) > 23 + o else ""
        key = udprn if udprn is not None else f"{file}:{line}"
        return (key, uprn, *_dpa_parts(f, o, po_box), file, line)

    def describe(self) -> list[str]:
        notes = [f"layout: {NAME} (OS); postcode from the BLPU's POSTCODE_LOCATOR"]
        if self.blpu_shapes:
            notes.append(
                "BLPU (21) schema: "
                + "; ".join(
                    f"{n:,} row(s) in the {size}-field layout "
                    + (
                        "(schema 2, with latitude/longitude/country)"
                        if size == 22
                        else "(schema 1, without latitude/longitude/country)"
                    )
                    for size, n in sorted(self.blpu_shapes.items(), reverse=True)
                )
            )
        if self.dpa_shapes:
            notes.append(
                "delivery point (28) layout: "
                + "; ".join(
                    f"{n:,} row(s) with {size} fields"
                    for size, n in sorted(self.dpa_shapes.items())
                )
            )
        return notes


def _dpa_parts(f: list[str], o: int, po_box: str) -> tuple:
    """organisation, department, PO box, sub-building, building name, building number,
    dependent thoroughfare, thoroughfare, double dependent locality, dependent locality,
    post town, postcode — the order ``format_postal_address`` takes."""
    org, dept, sub, bname, bnum, dthor, thor, ddloc, dloc, town, postcode = (
        v.strip() for v in f[5 + o : 16 + o]
    )
    return (
        org,
        dept,
        po_box,
        sub,
        bname,
        bnum,
        dthor,
        thor,
        ddloc,
        dloc,
        town,
        " ".join(postcode.upper().split()),
    )
