"""COPY text lines for a ``postgis:`` OUTPUT: NULLs, escapes, numbers and cut text."""

from __future__ import annotations

from placelink.core import schema
from placelink.processing.postgis_copy import _Stream, copy_line_maker

FIELDS = (
    schema.Field("uprn", schema.INT),
    schema.Field("code", schema.TEXT, 4),
    schema.Field("note", schema.TEXT),
    schema.Field("area", schema.REAL),
)


def test_lines_escape_null_and_cut() -> None:
    line, cut = copy_line_maker(FIELDS, 27700)
    record = {"uprn": 10, "code": "AB\tCDEF", "note": "a\\b\nc\rd", "area": 1.5, "x": 1.0,
              "y": 2.25}  # fmt: skip
    assert line(record) == "10\tAB\\tC\ta\\\\b\\nc\\rd\t1.5\tSRID=27700;POINT(1.0 2.25)\n"
    assert cut == [1]
    assert line({"uprn": 11, "x": 3, "y": 4}) == "11\t\\N\t\\N\t\\N\tSRID=27700;POINT(3 4)\n"
    assert line({"uprn": 12, "code": "", "note": "ok", "area": None, "x": 0.5, "y": 0.5}) == (
        "12\t\tok\t\\N\tSRID=27700;POINT(0.5 0.5)\n"
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
