"""Say in one sentence what is wrong with an input file before any reader looks at it.

A reader given a zip that is not a zip, a database, a picture or a web page would
otherwise fail on its first row with a message about CSV fields; these checks look at the
first bytes and name the file and the problem instead.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

#: How many bytes of a file are looked at.
SNIFF_BYTES = 4096
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def problem_with(path: Path) -> str | None:
    """One sentence naming *path* and what makes it unreadable as CSV or zip, or None."""
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
    name = path.name
    if path.suffix.lower() == ".zip" or head.startswith(_ZIP_MAGIC):
        if not zipfile.is_zipfile(path):
            if head.startswith(_ZIP_MAGIC):
                return f"{name} is not a readable zip file: it is damaged or was cut short"
            return f"{name} is not a zip file (its content does not start like a zip archive)"
        return None
    return content_problem(name, head)


def content_problem(name: str, head: bytes) -> str | None:
    """What the first bytes *head* of *name* say it is, when that is not CSV text."""
    if head.startswith(UTF16_BOMS):
        return None
    if head.startswith(b"SQLite format 3\x00"):
        return f"{name} is a GeoPackage or SQLite database, not a CSV file"
    if head.startswith(b"%PDF"):
        return f"{name} is a PDF document, not a CSV file"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start[:1] in (b"{", b"["):
        return f"{name} holds JSON (GeoJSON?), not CSV: export it as CSV or load it as a layer"
    if start[:1] == b"<":
        return f"{name} is an HTML or XML page, not a CSV file (a download that failed?)"
    if b"\x00" in head and head.count(b"\x00") > len(head) // 8:
        return f"{name} is not a text file: it holds binary data"
    if (
        b"\r" in head
        and b"\n" not in head
        and len(head.rstrip(b"\r")) > 0
        and head.count(b"\r") > 1
    ):
        return (
            f"{name} ends its lines with a carriage return alone (old Mac format): "
            f"save it again with Windows or Unix line ends"
        )
    if _mostly_control(head):
        return f"{name} is not a text file: it holds binary data"
    return None


def _mostly_control(head: bytes) -> bool:
    """True when over one byte in twenty of *head* is a control byte (not tab, CR, LF)."""
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return control * 20 > len(head)


def zip_without_csv(path: Path, members: list[str]) -> str:
    """The sentence for a zip archive holding no CSV file (naming what it does hold)."""
    inner = [m for m in members if m.lower().endswith(".zip")]
    if inner:
        return (
            f"{path.name} holds only other zip archives ({', '.join(inner[:3])}): "
            f"unpack it and give the inner archive"
        )
    if not members:
        return f"{path.name} is an empty zip archive"
    return f"{path.name} is a zip archive with no CSV files in it"


def unreadable_first_row(name: str, fields: list[str]) -> str | None:
    """The sentence for a file whose first row the csv module could not split, or None."""
    marker = "\x00csv-error: "
    if len(fields) == 1 and fields[0].startswith(marker):
        return f"{name} could not be read as CSV: {fields[0][len(marker):]}"
    return None


def shown(fields: list[str]) -> str:
    """The first fields of a row, printable and short, for a message."""
    text = ",".join(fields[:6])[:120]
    return "".join(c if c.isprintable() else "?" for c in text)
