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
    """``12`` / ``12A`` / ``12-14`` / ``12A-12C``; empty when there is no start number."""
    if start in (None, ""):
        return ""
    text = f"{int(start)}{start_suffix or ''}"  # type: ignore[call-overload]
    if end not in (None, ""):
        text += f"-{int(end)}{end_suffix or ''}"  # type: ignore[call-overload]
    return text


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def format_address(record: Mapping[str, object]) -> str:
    """``FLAT 2, ROSE COURT, 10 HIGH STREET, LOCALITY, TOWN, AB1 2CD`` from a canonical record.

    The organisation, the SAO (text then number range), the PAO text, then the PAO number
    range before the street name on one line; locality when it differs from the town;
    town; postcode.
    """
    get = record.get
    sao_text = _clean(get("sao_text"))
    sao_number = number_range(
        get("sao_start_number"), get("sao_start_suffix"), get("sao_end_number"), get("sao_end_suffix")
    )
    sao = f"{sao_text} {sao_number}" if sao_text and sao_number else sao_text or sao_number
    pao_number = number_range(
        get("pao_start_number"), get("pao_start_suffix"), get("pao_end_number"), get("pao_end_suffix")
    )
    street = _clean(get("street_description"))
    locality = _clean(get("locality"))
    town = _clean(get("town"))
    parts = (
        _clean(get("organisation")),
        sao,
        _clean(get("pao_text")),
        f"{pao_number} {street}" if pao_number and street else pao_number or street,
        locality if locality.upper() != town.upper() else "",
        town,
        _clean(get("postcode")),
    )
    return ", ".join(p for p in parts if p)


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
    """A Royal Mail (PAF/DPA) address on one line: ``ACME LTD, FLAT 2, ROSE COURT, 10 HIGH STREET, TOWN, AB1 2CD``."""
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
