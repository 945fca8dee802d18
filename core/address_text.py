"""Single-line address text in the GeoPlace/OS order from structured (BS 7666) parts.

Geographic (LPI) addresses follow the order OS and GeoPlace use when they build one line
from an LPI and its street: organisation, SAO (text then number range), PAO text, PAO
number range joined to the street name, locality (left out when it repeats the town),
town, postcode. Number ranges read ``12-14``; suffixes join the number (``12A``,
``12A-12C``). Postal (Royal Mail DPA) addresses follow the PAF order: organisation,
department, PO box, sub-building, building name, building number joined to the
thoroughfare, dependent/double-dependent locality, post town, postcode.
"""

from __future__ import annotations

from collections.abc import Mapping


def number_range(
    start: object, start_suffix: object = None, end: object = None, end_suffix: object = None
) -> str:
    """``12`` / ``12A`` / ``12-14`` / ``12A-12C``; a letter with no number (``A`` of ``FLAT``
    + ``A``) alone; empty when there is neither."""
    if _missing(start):
        return _clean(start_suffix)
    text = f"{int(start)}{_clean(start_suffix)}"  # type: ignore[call-overload]
    if not _missing(end):
        text += f"-{int(end)}{_clean(end_suffix)}"  # type: ignore[call-overload]
    return text


def _missing(value: object) -> bool:
    """None, '' or NaN (what pandas puts in an empty cell)."""
    return value is None or value == "" or value != value  # NaN is unequal to itself


def _clean(value: object) -> str:
    return "" if _missing(value) else " ".join(str(value).split())


def _number(value: object) -> int | None:
    return None if _missing(value) else int(value)  # type: ignore[call-overload]


def format_address(record: Mapping[str, object]) -> str:
    """``FLAT 2, ROSE COURT, 10 HIGH STREET, LOCALITY, TOWN, AB1 2CD`` from a canonical record.

    The organisation, the SAO (text then number range), the PAO text, then the PAO number
    range before the street name on one line; locality when it differs from the town;
    town; postcode.
    """
    get = record.get
    return address_line(
        _clean(get("organisation")),
        (
            _number(get("sao_start_number")),
            _clean(get("sao_start_suffix")),
            _number(get("sao_end_number")),
            _clean(get("sao_end_suffix")),
            _clean(get("sao_text")),
        ),
        (
            _number(get("pao_start_number")),
            _clean(get("pao_start_suffix")),
            _number(get("pao_end_number")),
            _clean(get("pao_end_suffix")),
            _clean(get("pao_text")),
        ),
        _clean(get("street_description")),
        _clean(get("locality")),
        _clean(get("town")),
        _clean(get("postcode")),
    )


def address_line(
    organisation: str | None,
    sao: tuple,
    pao: tuple,
    street: str | None,
    locality: str | None,
    town: str | None,
    postcode: str | None,
) -> str:
    """``format_address`` from parts that are already clean (the loaders' fast path).

    *sao* and *pao* are ``(start number, start suffix, end number, end suffix, text)`` with
    whole numbers or None, and text without surrounding spaces ('' or None when empty).
    """
    start, start_suffix, end, end_suffix, sao_text = sao
    if start is not None:
        number = f"{start}{start_suffix or ''}"
        if end is not None:
            number = f"{number}-{end}{end_suffix or ''}"
        sao_part = f"{sao_text} {number}" if sao_text else number
    elif start_suffix:  # a letter with no number (FLAT + A): FLAT A, nothing dropped
        sao_part = f"{sao_text} {start_suffix}" if sao_text else start_suffix
    else:
        sao_part = sao_text
    start, start_suffix, end, end_suffix, pao_text = pao
    if start is not None:
        number = f"{start}{start_suffix or ''}"
        if end is not None:
            number = f"{number}-{end}{end_suffix or ''}"
        street_part = f"{number} {street}" if street else number
    else:
        street_part = street
    if locality and town and locality.upper() == town.upper():
        locality = None
    return ", ".join(
        [p for p in (organisation, sao_part, pao_text, street_part, locality, town, postcode) if p]
    )


def format_postal_address(
    organisation: object = None,
    department: object = None,
    po_box: object = None,
    sub_building: object = None,
    building_name: object = None,
    building_number: object = None,
    dependent_thoroughfare: object = None,
    thoroughfare: object = None,
    double_dependent_locality: object = None,
    dependent_locality: object = None,
    post_town: object = None,
    postcode: object = None,
) -> str:
    """A Royal Mail (PAF/DPA) address on one line.

    ``ACME LTD, FLAT 2, ROSE COURT, 10 HIGH STREET, TOWN, AB1 2CD``.
    """
    number = _clean(building_number)
    street = ", ".join(p for p in (_clean(dependent_thoroughfare), _clean(thoroughfare)) if p)
    box = _clean(po_box)
    parts = (
        _clean(organisation),
        _clean(department),
        f"PO BOX {box}" if box else "",
        _clean(sub_building),
        _clean(building_name),
        f"{number} {street}" if number and street else number or street,
        _clean(double_dependent_locality),
        _clean(dependent_locality),
        _clean(post_town),
        _clean(postcode),
    )
    return ", ".join(p for p in parts if p)
