"""GeoPlace/NLPG Data Transfer Format 7.3 (LLPG exports): the address records.

A DTF 7.3 file is a headerless multi-record CSV; field 1 is the record type, fields 2-3
are CHANGE_TYPE (I/U/D) and PRO_ORDER in every data record. Field positions below are
0-based and follow the GeoPlace DTF 7.3 specification's record layouts (the BLPU and LPI
field order cross-checked with the published DTF 7.3 parser lambeth-council/DtfParser,
``Blpu.cs`` and ``Lpi.cs``):

- 10 Header: RECORD_IDENTIFIER, CUSTODIAN_NAME, LOCAL_CUSTODIAN_CODE, PROCESS_DATE,
  VOLUME_NUMBER, ENTRY_DATE, TIME_STAMP, VERSION (``7.3``), FILE_TYPE (F full / C change).
- 15 Street descriptor: 3 USRN, 4 STREET_DESCRIPTOR, 5 LOCALITY_NAME, 6 TOWN_NAME,
  7 ADMINISTRATIVE_AREA, 8 LANGUAGE.
- 21 BLPU: 3 UPRN, 4 LOGICAL_STATUS, 5 BLPU_STATE, 6 BLPU_STATE_DATE, 7 BLPU_CLASS,
  8 PARENT_UPRN, 9 X_COORDINATE, 10 Y_COORDINATE, 11 RPC, 12 LOCAL_CUSTODIAN_CODE,
  13 START_DATE, 14 END_DATE, 15 LAST_UPDATE_DATE, 16 ENTRY_DATE, 17 ORGANISATION,
  18 WARD_CODE, 19 PARISH_CODE, then custodian/CAN fields.
- 24 LPI: 3 UPRN, 4 LPI_KEY, 5 LANGUAGE, 6 LOGICAL_STATUS, 7 START_DATE, 8 END_DATE,
  9 ENTRY_DATE, 10 LAST_UPDATE_DATE, 11-15 SAO (start number, start suffix, end number,
  end suffix, text), 16-20 PAO (same), 21 USRN, 22 LEVEL, 23 POSTAL_ADDRESS, 24 POSTCODE,
  25 POST_TOWN, 26 OFFICIAL_FLAG, then custodian/CAN fields.
- 31 Organisation: 3 UPRN, 4 ORG_KEY, 5 ORGANISATION, 6 LEGAL_NAME, 7 START_DATE, 8 END_DATE.
- 32 Classification: 3 UPRN, 4 CLASS_KEY, 5 CLASSIFICATION_CODE, 6 CLASS_SCHEME,
  7 SCHEME_VERSION, 8 START_DATE, 9 END_DATE.
- 99 Trailer: RECORD_IDENTIFIER, NEXT_VOLUME_NUMBER, RECORD_COUNT, ENTRY_DATE, TIME_STAMP.

Tolerance, where exports differ: BLPU_CLASS and PARENT_UPRN are told apart by shape (a
class code has letters, a UPRN only digits) so an export that swaps them still reads;
the LPI's postcode is located by shape among fields 23-25 (the POSTAL_ADDRESS / POSTCODE /
POST_TOWN block) and the flags are read relative to it; trailing custodian fields are
optional. Record types 11-14, 22, 23 and 30 (streets, ESUs, provenance, cross references,
successors) carry nothing for the addresses layer and are counted, not read.
"""

from __future__ import annotations

from .assemble import SharedRecords
from .parsers import (
    Memo,
    code_text,
    date,
    looks_like_postcode,
    numbers,
    point,
    postcode_text,
    uprn,
    uprn_or_none,
    usrn_of,
    whole,
)

NAME = "DTF 7.3"


class Layout(SharedRecords):
    """Parses DTF 7.3 address records into the tuples ``assemble`` joins."""

    NAME = NAME
    RECORDS = {
        "15": (8, "street descriptor"),
        "21": (16, "BLPU"),
        "24": (22, "LPI"),
        "31": (6, "organisation"),
        "32": (7, "classification"),
    }
    NOT_NEEDED = {
        "11": "street",
        "12": "street cross reference",
        "13": "elementary street unit",
        "14": "ESU coordinates",
        "22": "BLPU provenance",
        "23": "application cross reference",
        "30": "successor cross reference",
    }

    def __init__(self) -> None:
        self.swapped_class = 0
        self.moved_postcode = 0
        self.dates = Memo(date)
        self.codes = Memo(code_text)
        self.postcodes = Memo(postcode_text)
        self.usrns = Memo(usrn_of)  # one int object per street, not per LPI
        self.postcode_shape = Memo(looks_like_postcode)

    def blpu(self, f: list[str], file: int, line: int) -> tuple:
        dates = self.dates
        cls, parent = f[7].strip(), f[8].strip()
        if cls.isdecimal() and parent and not parent.isdecimal():  # PARENT_UPRN before BLPU_CLASS
            cls, parent = parent, cls
            self.swapped_class += 1
        x, y = point(f[9], f[10])
        return (
            uprn(f[3]),
            whole(f[4], "logical status", required=True),
            whole(f[5], "BLPU state"),
            uprn_or_none(parent) if parent else None,
            x,
            y,
            self.codes[cls],
            whole(f[11], "RPC"),
            dates[f[13]],
            dates[f[14]],
            dates[f[15]],
            "",
            "",
            f[17].strip() if len(f) > 17 else "",
            file,
            line,
        )

    def lpi(self, f: list[str], file: int, line: int) -> tuple:
        size = len(f)
        at = 24
        shape = self.postcode_shape
        if size <= at or (f[at] and not shape[f[at]]):
            for other in (23, 25):
                if size > other and shape[f[other]]:
                    at = other
                    self.moved_postcode += 1
                    break
        codes = self.codes
        return (
            uprn(f[3]),
            f[4].strip() or f"{file}:{line}",
            codes[f[5]] or "ENG",
            whole(f[6], "LPI logical status", required=True),
            None,  # LPI start and end dates are not used by the addresses layer
            None,
            self.dates[f[10]],
            *numbers(f, 11, "SAO"),
            f[15].strip(),
            *numbers(f, 16, "PAO"),
            f[20].strip(),
            self.usrns[f[21]],
            self.postcodes[f[at]] if size > at else "",
            codes[f[at + 1]] if size > at + 1 else "",
            codes[f[at - 1][:1]],
            codes[f[at + 2][:1]] if size > at + 2 else "",
            file,
            line,
        )

    def dpa(self, f: list[str], file: int, line: int) -> tuple:  # pragma: no cover
        raise ValueError("DTF 7.3 has no delivery point records")

    def describe(self) -> list[str]:
        notes = [f"layout: {NAME} (GeoPlace); BLPU class in record 21, postcode in record 24"]
        if self.swapped_class:
            notes.append(
                f"{self.swapped_class:,} BLPU row(s) had PARENT_UPRN before BLPU_CLASS; "
                f"read by shape"
            )
        if self.moved_postcode:
            notes.append(
                f"{self.moved_postcode:,} LPI row(s) had the postcode outside field 25; "
                f"located by shape"
            )
        return notes
