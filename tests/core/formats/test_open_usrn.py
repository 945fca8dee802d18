"""OS Open USRN: features handed over by the adapter become canonical streets (Z dropped)."""

from __future__ import annotations

import shapely
from placelink.core.formats import open_usrn
from placelink.core.records import LoadStats, Reject
from placelink.core.street_loaders import detect_vector_format, load_streets


def _wkb(wkt: str) -> bytes:
    return shapely.to_wkb(shapely.from_wkt(wkt), output_dimension=3)


FEATURES = [
    ("u.gpkg:openUSRN", 1, {"usrn": 20900001, "street_type": "Designated Street Name"},
     _wkb("MULTILINESTRING Z ((552000 155000 50.5, 552100 155050 51, 552200 155100 52))")),
    ("u.gpkg:openUSRN", 2, {"usrn": 20900002, "street_type": "Numbered Street"},
     [[(553000, 156000, 10), (553040, 156080, 11)], [(553040, 156080, 11), (553100, 156150, 12)]]),
    ("u.gpkg:openUSRN", 3, {"usrn": 20900003, "street_type": "Officially Described Street"},
     _wkb("MULTILINESTRING Z EMPTY")),
    ("u.gpkg:openUSRN", 4, {"usrn": 20900004, "street_type": "Unofficial Street Name"},
     _wkb("MULTILINESTRING Z ((-5000 155000 1, -4900 155000 1))")),
    ("u.gpkg:openUSRN", 5, {"usrn": 20900001, "street_type": "Designated Street Name"},
     _wkb("LINESTRING Z (552000 155000 1, 552001 155001 1)")),
    ("u.gpkg:openUSRN", 6, {"usrn": None, "street_type": "Designated Street Name"},
     _wkb("LINESTRING Z (552000 155000 1, 552001 155001 1)")),
    ("u.gpkg:openUSRN", 7, {"usrn": 20900007, "street_type": "Designated Street Name"}, None),
    ("u.gpkg:openUSRN", 8, {"usrn": 20900008, "street_type": "Designated Street Name"},
     _wkb("POINT Z (552000 155000 3)")),
    ("u.gpkg:openUSRN", 9, {"usrn": 20900009, "street_type": "Private Street"},
     _wkb("LINESTRING (554000 157000, 554000 157100)")),
    ("u.gpkg:openUSRN", 10, {"usrn": 20900010, "street_type": "Numbered Street"}, b"\x01\x02junk"),
]  # fmt: skip


def _load() -> tuple[dict[int, dict], dict[int, str], LoadStats]:
    stats = LoadStats()
    items = list(load_streets([], open_usrn.NAME, stats, features=iter(FEATURES)))
    assert stats.data_rows == stats.accepted + stats.rejected == len(FEATURES)
    return (
        {i["usrn"]: i for i in items if not isinstance(i, Reject)},
        {i.line: i.reason for i in items if isinstance(i, Reject)},
        stats,
    )


def test_z_is_dropped_and_parts_are_kept() -> None:
    streets, _, _ = _load()
    assert streets[20900001]["lines"] == [
        [(552000.0, 155000.0), (552100.0, 155050.0), (552200.0, 155100.0)]
    ]
    assert streets[20900002]["lines"] == [
        [(553000.0, 156000.0), (553040.0, 156080.0)],
        [(553040.0, 156080.0), (553100.0, 156150.0)],
    ]
    assert all(len(p) == 2 for s in streets.values() for part in s["lines"] for p in part)


def test_street_types_map_to_dtf_codes_and_unknown_ones_are_reported() -> None:
    streets, _, stats = _load()
    assert streets[20900001]["street_type"] == 1
    assert streets[20900002]["street_type"] == 3
    assert streets[20900009]["street_type"] is None
    assert any("Private Street" in w for w in stats.warnings)
    assert streets[20900001]["source"] == streets[20900001]["geometry_source"] == open_usrn.NAME


def test_bad_features_are_rejected_with_reasons() -> None:
    _, reasons, stats = _load()
    assert reasons[3] == "geometry is empty"
    assert "outside the British National Grid" in reasons[4]
    assert reasons[5] == "duplicate USRN 20900001: first at u.gpkg:openUSRN feature 1"
    assert reasons[6] == "USRN is empty"
    assert reasons[7] == "feature has no geometry"
    assert reasons[8] == "geometry is a Point, not a line"
    assert reasons[10].startswith("geometry could not be read")
    assert (stats.accepted, stats.rejected) == (3, 7)


def test_layer_detection() -> None:
    assert detect_vector_format("openUSRN", ["fid", "usrn", "street_type"]) == open_usrn.NAME
    assert open_usrn.looks_like("whatever", ["USRN", "Street_Type"])
    assert not open_usrn.looks_like("road_link", ["id", "start_node", "end_node"])
