"""The ``alternatives`` field: a UPRN's other addresses (alternative, historic, Royal Mail).

Written by the loaders, read by the matcher: ``LPI3/ENG: 10A HIGH STREET, TOWN | DPA: …``.
"""

from __future__ import annotations

from collections.abc import Iterable

ALT_SEPARATOR = " | "
ALT_LIMIT = 2000


def format_alternatives(entries: Iterable[tuple[str, str]]) -> str | None:
    """``LPI3/ENG: 10A HIGH STREET, TOWN, AB1 2CD | DPA: …``: the other addresses of a UPRN.

    Each entry is ``KIND: ADDRESS`` where KIND is ``LPI<logical status>/<language>`` or
    ``DPA`` (Royal Mail). Entries beyond the field's 2,000 characters are dropped and
    counted in a final ``+N more`` entry. ``parse_alternatives`` reads the text back.
    """
    parts: list[str] = []
    size = 0
    items = [(k, a.replace("|", "/")) for k, a in entries if a]
    for number, (kind, address) in enumerate(items):
        entry = f"{kind}: {address}"
        if size + len(entry) + len(ALT_SEPARATOR) + 12 > ALT_LIMIT:
            parts.append(f"+{len(items) - number} more")
            break
        parts.append(entry)
        size += len(entry) + len(ALT_SEPARATOR)
    return ALT_SEPARATOR.join(parts) or None


def parse_alternatives(value: str | None) -> list[tuple[str, int | None, str | None, str]]:
    """``[(kind, logical status, language, address), …]`` from an ``alternatives`` value."""
    result: list[tuple[str, int | None, str | None, str]] = []
    for entry in (value or "").split(ALT_SEPARATOR):
        head, sep, address = entry.partition(": ")
        if not sep:
            continue
        if head.startswith("LPI"):
            status, _, language = head[3:].partition("/")
            result.append(
                ("LPI", int(status) if status.isdecimal() else None, language or None, address)
            )
        else:
            result.append((head, None, None, address))
    return result


def alternative_addresses(value: str | None) -> list[str]:
    """Just the address texts of an ``alternatives`` value."""
    return [address for _kind, _status, _language, address in parse_alternatives(value)]
