"""OS Open USRN (GeoPackage): one 3D line geometry per USRN.

Published layout (OS Open USRN product page and technical specification, and the layer as
shipped in ``osopenusrn_YYYYMM.gpkg``): layer ``openUSRN`` with fields

* ``usrn`` (integer) → ``usrn``
* ``street_type`` (text: "Designated Street Name", "Officially Described Street",
  "Numbered Street", "Unofficial Street Name", "Description for LLPG Access") →
  ``street_type`` 1, 2, 3, 4, 9 (the DTF RECORD_TYPE codes); a number is taken as the code.
* geometry: MultiLineString Z in EPSG:27700 → the Z values are dropped.

Open USRN has no street names. Core cannot open a GeoPackage itself (no QGIS/GDAL here):
the processing adapter reads the layer and hands over ``VectorFeature`` tuples
``(source name, feature id, attributes, geometry)`` where geometry is WKB bytes or a list
of parts, each a list of ``(x, y[, z])`` points. ``prepare_lines`` validates them in
vectorised batches (shapely): Z dropped, empty or unreadable geometry rejected, non-line
geometry rejected, coordinates outside the British National Grid rejected.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from ..records import LoadStats, Reject
from .dtf81 import off_grid_reason, on_grid
from .parsers import MAX_USRN, optional_int

NAME = "OS Open USRN"
LAYER = "openUSRN"
BATCH = 5000
STREET_TYPES = {
    "designated street name": 1,
    "officially described street": 2,
    "numbered street": 3,
    "unofficial street name": 4,
    "description for llpg access": 9,
}

#: (source name, feature id, attributes, geometry as WKB bytes or coordinate parts)
VectorFeature = tuple[str, int, dict, object]


def _key(name: str) -> str:
    return name.lower().replace("_", "").replace(" ", "")


def keyed(attributes: dict) -> dict[str, object]:
    """*attributes* keyed by lower-case names without underscores or spaces."""
    return {_key(k): v for k, v in attributes.items()}


def lookup(attributes: dict, *names: str, prepared: dict | None = None) -> object:
    """The first attribute present (case and underscore insensitive) among *names*, else None."""
    keyed_attributes = prepared if prepared is not None else keyed(attributes)
    for name in names:
        value = keyed_attributes.get(_key(name))
        if value is not None and value != "":
            return value
    return None


def looks_like(layer_name: str, field_names: Sequence[str]) -> bool:
    """True when a vector layer is Open USRN (a ``usrn`` field and a ``street_type`` field)."""
    keys = {_key(f) for f in field_names}
    return "usrn" in keys and ("streettype" in keys or _key(layer_name) == _key(LAYER))


def _to_shapely(geometry: object) -> object:
    import shapely

    if geometry is None:
        return None
    if isinstance(geometry, (bytes, bytearray, memoryview)):
        return shapely.from_wkb(bytes(geometry), on_invalid="ignore")
    if isinstance(geometry, shapely.Geometry):
        return geometry
    parts = [[tuple(p)[:2] for p in part] for part in geometry]  # type: ignore[union-attr]
    parts = [p for p in parts if p]
    if not parts:
        return shapely.from_wkt("MULTILINESTRING EMPTY")
    if any(len(p) < 2 for p in parts):
        raise ValueError("a line part has fewer than 2 points")
    return shapely.multilinestrings([shapely.linestrings(p) for p in parts])


def prepare_lines(geometries: Sequence[object]) -> tuple[list, list[str | None], np.ndarray]:
    """Validate a batch of line geometries.

    Returns, per geometry, its parts as 2D coordinate lists (or None), a reject reason (or
    None) and the 2D length in metres.
    """
    import shapely

    problems: list[str | None] = [None] * len(geometries)
    shapes = np.empty(len(geometries), dtype=object)
    for i, geometry in enumerate(geometries):
        try:
            shapes[i] = _to_shapely(geometry)
        except (ValueError, TypeError, shapely.errors.GEOSException) as exc:
            shapes[i] = None
            problems[i] = f"geometry could not be read: {exc}"
    missing = shapely.is_missing(shapes)
    for i in np.flatnonzero(missing):
        if problems[i] is None:
            problems[i] = (
                "feature has no geometry" if geometries[i] is None else "geometry could not be read"
            )
    shapes = shapely.force_2d(shapes)
    kinds = shapely.get_type_id(shapes)
    empty = shapely.is_empty(shapes) & ~missing
    bounds = shapely.bounds(shapes)
    with np.errstate(invalid="ignore"):
        inside = np.isfinite(bounds).all(axis=1) & on_grid(bounds[:, 0], bounds[:, 1])
        inside &= on_grid(bounds[:, 2], bounds[:, 3])
    for i in range(len(shapes)):
        if problems[i] is not None:
            continue
        if empty[i]:
            problems[i] = "geometry is empty"
        elif kinds[i] not in (1, 5):
            problems[i] = f"geometry is a {shapes[i].geom_type}, not a line"
        elif not inside[i]:
            x0, y0 = bounds[i, 0], bounds[i, 1]
            problems[i] = (
                off_grid_reason(x0, y0)
                if not on_grid(x0, y0)
                else (off_grid_reason(bounds[i, 2], bounds[i, 3]))
            )
    good = np.array([p is None for p in problems], dtype=bool)
    lines: list = [None] * len(shapes)
    lengths = np.full(len(shapes), np.nan)
    if good.any():
        index = np.flatnonzero(good)
        lengths[index] = shapely.length(shapes[index])
        parts, owner = shapely.get_parts(shapes[index], return_index=True)
        coords, part_of = shapely.get_coordinates(parts, return_index=True)
        splits = np.flatnonzero(np.diff(part_of)) + 1
        chunks = np.split(coords, splits) if len(coords) else []
        for o, chunk in zip(owner, chunks):
            target = index[o]
            if lines[target] is None:
                lines[target] = []
            lines[target].append([(float(x), float(y)) for x, y in chunk])
    return lines, problems, lengths


def describe(attributes: dict, geometry: object) -> str:
    """A short raw-text rendering of a vector feature for the REJECTED table."""
    attrs = "; ".join(f"{k}={v}" for k, v in attributes.items() if v is not None)
    if geometry is None:
        shape = "no geometry"
    elif isinstance(geometry, (bytes, bytearray, memoryview)):
        shape = f"{len(geometry)}-byte WKB geometry"
    else:
        shape = f"{sum(len(p) for p in geometry)} point(s) in {len(geometry)} part(s)"  # type: ignore[arg-type]
    return f"{attrs} | {shape}"


def batches(features: Iterable[VectorFeature], size: int = BATCH) -> Iterator[list[VectorFeature]]:
    batch: list[VectorFeature] = []
    for feature in features:
        batch.append(feature)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def street_type_code(value: object) -> int | None:
    """The DTF street type code of an Open USRN ``street_type`` value (text or number)."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value)
    text = str(value).strip()
    return STREET_TYPES.get(text.lower(), optional_int(text))


def read(features: Iterable[VectorFeature], stats: LoadStats) -> Iterator[dict | Reject]:
    """Yield one canonical street (with ``lines``) per feature, or a Reject saying why not."""
    seen: dict[int, str] = {}
    unknown_types: set[str] = set()
    for batch in batches(features):
        lines, problems, _ = prepare_lines([f[3] for f in batch])
        for (name, fid, attributes, geometry), parts, problem in zip(batch, lines, problems):
            stats.data_rows += 1
            raw = describe(attributes, geometry)
            usrn_value = lookup(attributes, "usrn")
            usrn = optional_int(str(usrn_value)) if usrn_value is not None else None
            if problem is None:
                if usrn is None:
                    problem = (
                        f"USRN {usrn_value!r} is not a whole number"
                        if usrn_value
                        else "USRN is empty"
                    )
                elif not 0 < usrn <= MAX_USRN:
                    problem = f"USRN {usrn} is outside 1–{MAX_USRN}"
                elif usrn in seen:
                    problem = f"duplicate USRN {usrn}: first at {seen[usrn]}"
            if problem is not None:
                stats.rejected += 1
                yield Reject(name, fid, raw, problem)
                continue
            seen[usrn] = f"{name} feature {fid}"
            kind = lookup(attributes, "street_type", "streettype")
            code = street_type_code(kind)
            if kind is not None and code is None:
                unknown_types.add(str(kind))
            stats.accepted += 1
            yield {
                "usrn": usrn,
                "street_description": None,
                "locality": None,
                "town": None,
                "administrative_area": None,
                "street_type": code,
                "state": None,
                "classification": None,
                "source": NAME,
                "start_date": None,
                "end_date": None,
                "state_date": None,
                "surface": None,
                "geometry_source": NAME,
                "lines": parts,
            }
    if unknown_types:
        stats.warnings.append(
            "street_type values with no DTF code were left empty: "
            + ", ".join(sorted(unknown_types))
        )
