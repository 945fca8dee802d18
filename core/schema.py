"""The canonical layer schemas every loader writes (see DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass

#: Field kinds understood by the processing adapters.
INT = "int"  # 64-bit integer
REAL = "real"
TEXT = "text"
DATE = "date"  # ISO text YYYY-MM-DD in core; a date field in QGIS


@dataclass(frozen=True)
class Field:
    """One attribute of a canonical layer."""

    name: str
    kind: str
    length: int = 0


ADDRESS_FIELDS: tuple[Field, ...] = (
    Field("uprn", INT),
    Field("parent_uprn", INT),
    Field("usrn", INT),
    Field("sao_start_number", INT),
    Field("sao_start_suffix", TEXT, 2),
    Field("sao_end_number", INT),
    Field("sao_end_suffix", TEXT, 2),
    Field("sao_text", TEXT, 90),
    Field("pao_start_number", INT),
    Field("pao_start_suffix", TEXT, 2),
    Field("pao_end_number", INT),
    Field("pao_end_suffix", TEXT, 2),
    Field("pao_text", TEXT, 90),
    Field("street_description", TEXT, 100),
    Field("locality", TEXT, 35),
    Field("town", TEXT, 35),
    Field("administrative_area", TEXT, 35),
    Field("postcode", TEXT, 8),
    Field("classification", TEXT, 6),
    Field("logical_status", INT),
    Field("blpu_state", INT),
    Field("address", TEXT, 500),
    Field("source", TEXT, 40),
    # Optional: written where the source has them.
    Field("rpc", INT),
    Field("start_date", DATE),
    Field("end_date", DATE),
    Field("last_update_date", DATE),
    Field("language", TEXT, 3),
    Field("official_flag", TEXT, 1),
    Field("postal_address", TEXT, 1),
    Field("organisation", TEXT, 100),
    Field("alternatives", TEXT, 2000),
)

#: Fields every canonical addresses layer has; the rest are optional.
ADDRESS_REQUIRED = tuple(f.name for f in ADDRESS_FIELDS[:23])

STREET_FIELDS: tuple[Field, ...] = (
    Field("usrn", INT),
    Field("street_description", TEXT, 100),
    Field("locality", TEXT, 35),
    Field("town", TEXT, 35),
    Field("administrative_area", TEXT, 35),
    Field("street_type", INT),
    Field("state", INT),
    Field("classification", TEXT, 20),
    Field("source", TEXT, 40),
    Field("start_date", DATE),
    Field("end_date", DATE),
    Field("state_date", DATE),
    Field("surface", INT),
    Field("geometry_source", TEXT, 20),
)

POSTCODE_FIELDS: tuple[Field, ...] = (
    Field("postcode", TEXT, 8),
    Field("positional_quality", INT),
    Field("country_code", TEXT, 9),
    Field("nhs_regional_ha_code", TEXT, 9),
    Field("nhs_ha_code", TEXT, 9),
    Field("admin_county_code", TEXT, 9),
    Field("admin_district_code", TEXT, 9),
    Field("admin_ward_code", TEXT, 9),
)

REJECT_FIELDS: tuple[Field, ...] = (
    Field("file", TEXT, 255),
    Field("line", INT),
    Field("raw", TEXT, 4000),
    Field("reason", TEXT, 500),
)

#: British National Grid CRS of every canonical layer.
CRS = "EPSG:27700"


def empty_address(**values: object) -> dict[str, object]:
    """Return an address record with every canonical field set to None, then *values*."""
    record: dict[str, object] = {f.name: None for f in ADDRESS_FIELDS}
    record.update(values)
    return record
