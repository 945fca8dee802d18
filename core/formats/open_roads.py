"""OS Open Roads ``road_link``: a routable road network as canonical street lines.

Published layout (OS Open Roads technical specification; GeoPackage ``oproad_gb.gpkg``,
layer ``road_link``): ``id``, ``fictitious``, ``road_classification``, ``road_function``,
``form_of_way``, ``road_classification_number``, ``name_1``, ``name_1_lang``, ``name_2``,
``name_2_lang``, ``road_structure``, ``length``, ``length_uom``, ``loop``,
``primary_route``, ``trunk_road``, ``start_node``, ``end_node``, ``road_number_toid``,
``road_name_toid``; geometry LineString in EPSG:27700.

Older releases (GML and shapefile, layer ``RoadLink``) use camel-case names: ``identifier``,
``class``, ``function``, ``formOfWay``, ``roadNumber``, ``name1``, ``name2``, ``length``,
``loop``, ``primary``/``primaryRoute``, ``trunkRoad``, ``startNode``, ``endNode``; both
spellings are read (names are matched ignoring case and underscores).

Mapping: ``name_1`` → ``street_description``; ``road_classification`` →
``classification``; the rest go to the routing fields in ``ROAD_LINK_FIELDS`` (appended
after ``STREET_FIELDS``): ``link_id``, ``road_number``, ``alternative_name`` (``name_2``),
``road_function``, ``form_of_way``, ``length_m`` (``length``, or the 2D geometry length
when missing), ``start_node``/``end_node`` (kept so the network can be routed),
``direction`` (Open Roads models no one-way streets: empty unless the layer has a
``direction``/``directionality`` field), ``fictitious``, ``loop``, ``primary_route``,
``trunk_road`` (0/1). Open Roads has no USRNs. A link without an id or without both nodes
is rejected (it cannot be routed), as are repeated ids and bad geometries (see
``open_usrn.prepare_lines``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence

from ..records import LoadStats, Reject
from ..schema import INT, REAL, STREET_FIELDS, TEXT, Field
from .open_usrn import VectorFeature, batches, describe, keyed, lookup, prepare_lines

NAME = "OS Open Roads"
LAYER = "road_link"

#: Routing fields an Open Roads streets layer has after the canonical STREET_FIELDS.
ROAD_LINK_FIELDS: tuple[Field, ...] = (
    Field("link_id", TEXT, 40),
    Field("road_number", TEXT, 10),
    Field("alternative_name", TEXT, 100),
    Field("road_function", TEXT, 40),
    Field("form_of_way", TEXT, 40),
    Field("length_m", REAL),
    Field("start_node", TEXT, 40),
    Field("end_node", TEXT, 40),
    Field("direction", TEXT, 20),
    Field("fictitious", INT),
    Field("loop", INT),
    Field("primary_route", INT),
    Field("trunk_road", INT),
)
#: The whole Open Roads output schema: STREET_FIELDS in their order (``classification``
#: widened to 40 for "Classified Unnumbered"), then the routing fields.
FIELDS: tuple[Field, ...] = (
    tuple(Field(f.name, f.kind, 40) if f.name == "classification" else f for f in STREET_FIELDS)
    + ROAD_LINK_FIELDS
)

_NAMES = {
    "link_id": ("id", "identifier", "gml_id"),
    "classification": ("road_classification", "class", "roadclassification"),
    "road_function": ("road_function", "function"),
    "form_of_way": ("form_of_way", "formofway"),
    "road_number": ("road_classification_number", "roadnumber", "road_number"),
    "name_1": ("name_1", "name1"),
    "name_2": ("name_2", "name2"),
    "length": ("length",),
    "start_node": ("start_node", "startnode"),
    "end_node": ("end_node", "endnode"),
    "direction": ("direction", "directionality"),
    "fictitious": ("fictitious",),
    "loop": ("loop",),
    "primary_route": ("primary_route", "primaryroute", "primary"),
    "trunk_road": ("trunk_road", "trunkroad"),
}


def looks_like(layer_name: str, field_names: Sequence[str]) -> bool:
    """True when a vector layer is Open Roads road links (start and end node fields)."""
    keys = {f.lower().replace("_", "") for f in field_names}
    return "startnode" in keys and "endnode" in keys


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _flag(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, (bool, int, float)):
        return int(bool(value))
    text = str(value).strip().lower()
    if text in ("true", "t", "yes", "y", "1"):
        return 1
    if text in ("false", "f", "no", "n", "0"):
        return 0
    return None


def _length(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


def read(features: Iterable[VectorFeature], stats: LoadStats) -> Iterator[dict | Reject]:
    """Yield one canonical street with routing fields (and ``lines``) per road link, or a Reject."""
    seen: dict[str, str] = {}
    computed_lengths = 0
    for batch in batches(features):
        lines, problems, lengths = prepare_lines([f[3] for f in batch])
        for (name, fid, attributes, geometry), parts, problem, geometry_length in zip(
            batch, lines, problems, lengths
        ):
            stats.data_rows += 1
            prepared = keyed(attributes)
            value = {k: lookup(attributes, *a, prepared=prepared) for k, a in _NAMES.items()}
            link_id = _text(value["link_id"])
            start, end = _text(value["start_node"]), _text(value["end_node"])
            if problem is None:
                if link_id is None:
                    problem = "road link has no id"
                elif link_id in seen:
                    problem = f"duplicate road link id {link_id}: first at {seen[link_id]}"
                elif start is None or end is None:
                    missing = " and ".join(
                        n for n, v in (("start_node", start), ("end_node", end)) if v is None
                    )
                    problem = f"road link has no {missing}: it cannot be routed"
            if problem is not None:
                stats.rejected += 1
                yield Reject(name, fid, describe(attributes, geometry), problem)
                continue
            seen[link_id] = f"{name} feature {fid}"
            length = _length(value["length"])
            if length is None:
                length = float(geometry_length)
                computed_lengths += 1
            stats.accepted += 1
            yield {
                "usrn": None,
                "street_description": _text(value["name_1"]),
                "locality": None,
                "town": None,
                "administrative_area": None,
                "street_type": None,
                "state": None,
                "classification": _text(value["classification"]),
                "source": NAME,
                "start_date": None,
                "end_date": None,
                "state_date": None,
                "surface": None,
                "geometry_source": NAME,
                "link_id": link_id,
                "road_number": _text(value["road_number"]),
                "alternative_name": _text(value["name_2"]),
                "road_function": _text(value["road_function"]),
                "form_of_way": _text(value["form_of_way"]),
                "length_m": length,
                "start_node": start,
                "end_node": end,
                "direction": _text(value["direction"]),
                "fictitious": _flag(value["fictitious"]),
                "loop": _flag(value["loop"]),
                "primary_route": _flag(value["primary_route"]),
                "trunk_road": _flag(value["trunk_road"]),
                "lines": parts,
            }
    if computed_lengths:
        stats.warnings.append(
            f"{computed_lengths:,} road link(s) had no length: the geometry's length was used"
        )
