"""A generated DTF 7.3 supply for the loader tests: one street; per UPRN a BLPU and an LPI."""

from __future__ import annotations

from pathlib import Path


def write_supply(path: Path, uprns: int, house_names: bool = False, tail: str = "") -> None:
    """*uprns* addresses on HIGH STREET (USRN 24700000), UPRNs from 100060000000; with
    *house_names* each LPI also names its house (``HOUSE n``); *tail* is written last
    as it is (extra raw rows)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("10,TEST,2235,2024-03-01,1,2024-03-01,10:15:00,7.3,F\r\n")
        fh.write('15,I,1,24700000,"HIGH STREET","","TOWN","KENT",ENG\r\n')
        for i in range(uprns):
            u = 100_060_000_000 + i
            name = f"HOUSE {i}" if house_names else ""
            fh.write(
                f"21,I,1,{u},1,2,2001-01-01,RD04,,{540_000 + i % 9000}.5,150000.5,1,2235,"
                f"2001-01-01,,2023-06-01,2001-01-01,,,,,,\r\n"
                f"24,I,1,{u},2235L{i:08d},ENG,1,2001-01-01,,2001-01-01,2023-06-01,,,,,,"
                f"{i % 300 + 1},,,,{name},24700000,,Y,TN13 1AA,SEVENOAKS,Y,,,\r\n"
            )
        fh.write(tail)
