"""Single-line address text in the GeoPlace/OS order from structured (BS 7666) parts."""

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

    The SAO (text then number range), the PAO text, then the PAO number range before the
    street name on one line; locality when it differs from the town; town; postcode.
    """
    sao = " ".join(
        p
        for p in (
            _clean(record.get("sao_text")),
            number_range(
                record.get("sao_start_number"),
                record.get("sao_start_suffix"),
                record.get("sao_end_number"),
                record.get("sao_end_suffix"),
            ),
        )
        if p
    )
    pao_number = number_range(
        record.get("pao_start_number"),
        record.get("pao_start_suffix"),
        record.get("pao_end_number"),
        record.get("pao_end_suffix"),
    )
    street = _clean(record.get("street_description"))
    locality = _clean(record.get("locality"))
    town = _clean(record.get("town"))
    parts = [
        _clean(record.get("organisation")),
        sao,
        _clean(record.get("pao_text")),
        " ".join(p for p in (pao_number, street) if p),
        locality if locality.upper() != town.upper() else "",
        town,
        _clean(record.get("postcode")),
    ]
    return ", ".join(p for p in parts if p)
