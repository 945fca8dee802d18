"""OS Open Roads road links: canonical street fields plus routing fields, both name schemes."""

from __future__ import annotations

import pytest
import shapely
from placelink.core.formats import open_roads
from placelink.core.records import LoadStats, Reject
from placelink.core.schema import STREET_FIELDS
from placelink.core.street_loaders import detect_vector_format, load_streets, street_fields


def _wkb(wkt: str) -> bytes:
    return shapely.to_wkb(shapely.from_wkt(wkt))


CURRENT = {
    "id": "8E1B2A6D-0001",
    "fictitious": False,
    "road_classification": "A Road",
    "road_function": "A Road",
    "form_of_way": "Single Carriageway",
    "road_classification_number": "A225",
    "name_1": "London Road",
    "name_1_lang": None,
    "name_2": None,
    "length": 150.0,
    "length_uom": "m",
    "loop": False,
    "primary_route": True,
    "trunk_road": False,
    "start_node": "N-0001",
    "end_node": "N-0002",
}
LEGACY = {  # the GML/shapefile releases' camel-case names
    "identifier": "4000000012345678", "class": "Classified Unnumbered",
    "function": "Restricted Local Access Road", "formOfWay": "Collapsed Dual Carriageway",
    "roadNumber": None, "name1": "Mill Lane", "name2": "Lôn y Felin", "length": None,
    "loop": "false", "primary": "false", "trunkRoad": "true", "fictitious": "false",
    "startNode": "L-17", "endNode": "L-18",
}  # fmt: skip


def _load(features: list) -> tuple[list[dict], list[Reject], LoadStats]:
    stats = LoadStats()
    items = list(load_streets([], open_roads.NAME, stats, features=features))
    assert stats.data_rows == stats.accepted + stats.rejected == len(features)
    return (
        [i for i in items if not isinstance(i, Reject)],
        [i for i in items if isinstance(i, Reject)],
        stats,
    )


def test_current_names_map_to_street_and_routing_fields() -> None:
    [link], _, _ = _load(
        [("r.gpkg:road_link", 1, CURRENT, _wkb("LINESTRING (552000 155000, 552090 155120)"))]
    )
    assert (link["street_description"], link["classification"]) == ("London Road", "A Road")
    assert (link["link_id"], link["road_number"], link["road_function"]) == (
        "8E1B2A6D-0001", "A225", "A Road",
    )  # fmt: skip
    assert (link["start_node"], link["end_node"], link["length_m"]) == ("N-0001", "N-0002", 150.0)
    assert (link["fictitious"], link["loop"], link["primary_route"], link["trunk_road"]) == (
        0,
        0,
        1,
        0,
    )
    assert link["usrn"] is None and link["direction"] is None
    assert link["lines"] == [[(552000.0, 155000.0), (552090.0, 155120.0)]]


def test_legacy_names_and_computed_length() -> None:
    geometry = _wkb("LINESTRING (552090 155120, 552090 155160, 552120 155200)")
    [link], _, stats = _load([("RoadLink.shp", 7, LEGACY, geometry)])
    assert link["classification"] == "Classified Unnumbered"
    assert link["form_of_way"] == "Collapsed Dual Carriageway"
    assert link["alternative_name"] == "Lôn y Felin"
    assert (link["start_node"], link["end_node"]) == ("L-17", "L-18")
    assert link["length_m"] == pytest.approx(40.0 + 50.0)
    assert link["trunk_road"] == 1 and link["primary_route"] == 0
    assert any("geometry's length was used" in w for w in stats.warnings)


def test_unroutable_duplicate_and_off_grid_links_are_rejected() -> None:
    line = _wkb("LINESTRING (552000 155000, 552010 155000)")
    features = [
        ("r", 1, CURRENT, line),
        ("r", 2, {**CURRENT, "id": "X2", "end_node": None}, line),
        ("r", 3, {**CURRENT, "id": "X3", "start_node": "", "end_node": None}, line),
        ("r", 4, CURRENT, line),
        ("r", 5, {**CURRENT, "id": None}, line),
        ("r", 6, {**CURRENT, "id": "X6"}, _wkb("LINESTRING (552000 1455000, 552010 1455000)")),
    ]
    links, rejects, _ = _load(features)
    assert [link["link_id"] for link in links] == ["8E1B2A6D-0001"]
    reasons = {r.line: r.reason for r in rejects}
    assert reasons[2] == "road link has no end_node: it cannot be routed"
    assert reasons[3] == "road link has no start_node and end_node: it cannot be routed"
    assert reasons[4].startswith("duplicate road link id 8E1B2A6D-0001")
    assert reasons[5] == "road link has no id"
    assert "outside the British National Grid" in reasons[6]
    assert "start_node=N-0001" in next(r.raw for r in rejects if r.line == 2)


def test_output_schema_keeps_street_fields_first() -> None:
    fields = street_fields(open_roads.NAME)
    assert [f.name for f in fields[: len(STREET_FIELDS)]] == [f.name for f in STREET_FIELDS]
    names = [f.name for f in fields]
    for routing in (
        "start_node",
        "end_node",
        "road_function",
        "form_of_way",
        "length_m",
        "direction",
    ):
        assert routing in names
    assert next(f for f in fields if f.name == "classification").length >= len(
        "Classified Unnumbered"
    )
    assert detect_vector_format("road_link", list(CURRENT)) == open_roads.NAME
    assert detect_vector_format("RoadLink", list(LEGACY)) == open_roads.NAME


def test_vector_formats_need_features_from_the_adapter() -> None:
    with pytest.raises(ValueError, match="GIS vector layer"):
        load_streets([], open_roads.NAME, LoadStats())
