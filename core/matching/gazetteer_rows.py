"""The canonical fields a matcher reads from a gazetteer row, shared by every reader.

QGIS layers (``processing/gazetteer.py``), OGR sources and Parquet files
(``batch/io.py``) all hand the matcher the same records: the canonical address fields
the source has (``core.schema.ADDRESS_FIELDS``), as plain Python values (``None`` for
missing, ISO text for dates), plus the point's ``x`` and ``y``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from .. import schema

_NAMES = tuple(f.name for f in schema.ADDRESS_FIELDS)
_KINDS = {f.name: f.kind for f in schema.ADDRESS_FIELDS}


def matcher_fields(names: Sequence[str]) -> list[str]:
    """The canonical address fields among *names*, in schema order; ``uprn`` is required."""
    present = set(names)
    wanted = [name for name in _NAMES if name in present]
    if "uprn" not in wanted:
        raise ValueError("the gazetteer has no 'uprn' field: is it a canonical addresses layer?")
    return wanted


def _plain(value: object, kind: str) -> object:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if kind == schema.INT:
        return int(value)  # type: ignore[call-overload]
    if kind == schema.DATE:
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return text[:10].replace("/", "-") or None
    if kind == schema.REAL:
        return float(value)  # type: ignore[arg-type]
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def gazetteer_record(
    row: Mapping[str, object], fields: Sequence[str], x: object = None, y: object = None
) -> dict[str, object]:
    """One matcher record: *fields* of *row* as plain values, plus ``x``/``y`` when known."""
    record = {name: _plain(row.get(name), _KINDS[name]) for name in fields}
    if x is not None and y is not None:
        fx, fy = float(x), float(y)  # type: ignore[arg-type]
        if not (math.isnan(fx) or math.isnan(fy)):
            record["x"], record["y"] = fx, fy
    return record
