"""Text bound for a CSV or spreadsheet file, made safe against formula injection.

A spreadsheet opening a CSV runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
in some programs, a tab or carriage return) as a formula: a rejected row's raw text or a
record's address could then call out to the network or run a command. Such text is
prefixed with a single quote, which spreadsheets show as text; plain numbers such as
``-2.59`` are left as they are.
"""

from __future__ import annotations

import re

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
#: Suffixes of files that spreadsheets open directly.
SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods")


def safe_cell(value: object) -> object:
    """*value*, with a leading quote added when it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        if _NUMBER.fullmatch(value):
            return value
        return "'" + value
    return value


def is_spreadsheet_destination(destination: str) -> bool:
    """True when *destination* (a path, maybe with ``|layername=…``) is a CSV or spreadsheet."""
    path = str(destination or "").split("|", 1)[0].strip().lower()
    return path.endswith(SPREADSHEET_SUFFIXES)
