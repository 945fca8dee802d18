"""COPY text lines for a ``postgis:`` OUTPUT: NULLs, escapes, numbers and cut text."""

from __future__ import annotations

import struct

from placelink.core import schema
from placelink.processing.postgis_copy import _Stream, copy_line_maker

FIELDS = (
    schema.Field("uprn", schema.INT),
    schema.Field("code", schema.TEXT, 4),
    schema.Field("note", schema.TEXT),
    schema.Field("area", schema.REAL),
)


def _point(x: float, y: float) -> str:
    """The hex EWKB of a British National Grid point, as PostGIS writes it."""
    return "0101000020346c0000" + struct.pack("<dd", x, y).hex()


def test_lines_escape_null_and_cut() -> None:
    line, cut = copy_line_maker(FIELDS, 27700)
    record = {"uprn": 10, "code": "AB\tCDEF", "note": "a\\b\nc\rd", "area": 1.5, "x": 1.0,
              "y": 2.25}  # fmt: skip
    assert line(record) == f"10\tAB\\tC\ta\\\\b\\nc\\rd\t1.5\t{_point(1.0, 2.25)}\n"
    assert cut == [1]
    assert line({"uprn": 11, "x": 3, "y": 4}) == f"11\t\\N\t\\N\t\\N\t{_point(3, 4)}\n"
    assert line({"uprn": 12, "code": "", "note": "ok", "area": None, "x": 0.5, "y": 0.5}) == (
        f"12\t\tok\t\\N\t{_point(0.5, 0.5)}\n"
    )
    assert cut == [1]


def test_stream_reads_every_byte_in_blocks() -> None:
    lines = [f"{i}\tné\n" for i in range(10_000)]
    stream = _Stream(iter(lines))
    blocks = []
    while True:
        block = stream.read(1000)
        if not block:
            break
        assert len(block) <= 1000
        blocks.append(block)
    assert b"".join(blocks).decode("utf-8") == "".join(lines)
