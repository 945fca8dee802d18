"""Every street rule on hand-made failing and passing streets, with specific messages."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely


def _streets(gz, *extra: dict, **first: object) -> pd.DataFrame:
    """HIGH STREET (1001) and CHURCH LANE (1002), the first changed by *first*, plus *extra*."""
    frame = gz.council_streets(*extra)
    for name, value in first.items():
        frame.at[0, name] = value
    return frame


def _only(issues: pd.DataFrame, usrn: int, *fragments: str) -> str:
    assert list(issues["feature_key"]) == [usrn], issues["message"].tolist()
    message = issues["message"].iloc[0]
    for fragment in fragments:
        assert fragment in message, message
    return message


def _addresses(gz) -> pd.DataFrame:
    return gz.frame(gz.address(100), gz.address(101, usrn=1002, x=gz.X0 + 410, y=gz.Y0 + 100))


def _check(gz, rule: str, streets: pd.DataFrame, **kw: object):
    return gz.check(rule, _addresses(gz), streets, **kw)


def test_s01_duplicate_usrn(gz) -> None:
    dup = gz.street(1001, [(gz.X0, gz.Y0), (gz.X0, gz.Y0 - 200)])
    issues, summary = _check(gz, "S01", _streets(gz, dup))
    assert list(issues["feature_key"]) == [1001, 1001]
    assert (
        issues["message"].iloc[1]
        == "USRN 1001 (street feature 3) duplicates the USRN of street feature 1"
    )
    assert summary["failures"] == 2
    assert _check(gz, "S01", _streets(gz))[0].empty


@pytest.mark.parametrize(
    ("geometry", "fragment"),
    [
        (None, "USRN 1001 has no geometry"),
        (shapely.LineString(), "USRN 1001 has no geometry"),
        (shapely.LineString([(500000, 150000), (500000, 150000)]), "zero-length geometry"),
    ],
)
def test_s02_geometry_missing(gz, geometry: object, fragment: str) -> None:
    issues, _ = _check(gz, "S02", _streets(gz, geometry=geometry))
    _only(issues, 1001, fragment)
    assert _check(gz, "S02", _streets(gz))[0].empty


def test_s03_self_intersection(gz) -> None:
    x, y = gz.X0, gz.Y0
    bow = shapely.LineString([(x, y), (x + 400, y), (x + 400, y + 100), (x + 200, y - 100)])
    issues, _ = _check(gz, "S03", _streets(gz, geometry=bow))
    assert _only(issues, 1001) == "USRN 1001 crosses or overlaps itself"
    assert _check(gz, "S03", _streets(gz))[0].empty


def test_s04_repeated_vertices(gz) -> None:
    x, y = gz.X0, gz.Y0
    line = shapely.LineString([(x, y), (x + 200, y), (x + 200, y), (x + 400, y)])
    issues, _ = _check(gz, "S04", _streets(gz, geometry=line))
    _only(issues, 1001, "has 1 repeated vertex(es), the first at (500200.00, 150000.00)")
    assert (issues["x"].iloc[0], issues["y"].iloc[0]) == (x + 200, y)
    assert _check(gz, "S04", _streets(gz))[0].empty


def test_s05_isolated_street(gz) -> None:
    island = gz.street(1003, [(gz.X0, gz.Y0 + 1000), (gz.X0 + 300, gz.Y0 + 1000)])
    near = gz.street(1004, [(gz.X0 + 400.5, gz.Y0 + 300), (gz.X0 + 600, gz.Y0 + 300)])
    issues, summary = _check(gz, "S05", _streets(gz, island, near))
    assert _only(issues, 1003) == "USRN 1003 touches no other street within 1 m"
    assert summary["checked"] == 4
    # A tighter tolerance leaves the 0.5 m gap of 1004 unconnected too.
    issues, _ = _check(gz, "S05", _streets(gz, island, near), network_tolerance=0.1)
    assert list(issues["feature_key"]) == [1003, 1004]


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({"street_description": "  "}, "USRN 1001 has no street description"),
        ({"town": None, "administrative_area": ""}, "USRN 1001 has no town, administrative area"),
    ],
)
def test_s06_names_missing(gz, values: dict, fragment: str) -> None:
    issues, _ = _check(gz, "S06", _streets(gz, **values))
    assert _only(issues, 1001) == fragment


def test_s07_locality_equals_town(gz) -> None:
    streets = _streets(gz, locality="Sevenoaks ")
    streets.at[1, "locality"] = "RIVERHEAD"
    issues, summary = _check(gz, "S07", streets)
    _only(issues, 1001, "has locality 'Sevenoaks ' equal to its town")
    assert summary["checked"] == 2


def test_s08_spaces_in_names(gz) -> None:
    issues, _ = _check(
        gz, "S08", _streets(gz, street_description="HIGH STREET ", town="SEVEN  OAKS")
    )
    _only(
        issues,
        1001,
        "street description 'HIGH STREET ' has leading or trailing spaces",
        "town 'SEVEN  OAKS' has double spaces",
    )
    assert _check(gz, "S08", _streets(gz))[0].empty


def test_s09_same_name_not_touching(gz) -> None:
    x, y = gz.X0, gz.Y0
    other = gz.street(1003, [(x, y + 2000), (x + 300, y + 2000)], street_description="High Street")
    part = gz.street(1004, [(x, y), (x - 300, y)], street_description="HIGH STREET")  # touches 1001
    elsewhere = gz.street(
        1005,
        [(x, y + 3000), (x + 300, y + 3000)],
        street_description="HIGH STREET",
        town="RIVERHEAD",
    )
    village = gz.street(
        1006,
        [(x, y + 4000), (x + 300, y + 4000)],
        street_description="HIGH STREET",
        locality="KEMSING",
    )
    issues, _ = _check(gz, "S09", _streets(gz, other, part, elsewhere, village))
    assert list(issues["feature_key"]) == [1001, 1003, 1004]
    assert issues["message"].iloc[0] == (
        "USRN 1001 (HIGH STREET, SEVENOAKS) has the same name as USRN 1003, which it does not touch"
    )
    assert (
        issues["message"]
        .iloc[1]
        .endswith("has the same name as USRN 1001, which it does not touch")
    )
    assert _check(gz, "S09", _streets(gz, part, elsewhere))[0].empty


def test_s10_numbered_street_prefix(gz) -> None:
    streets = _streets(gz, street_type=3, street_description="LONDON ROAD")
    streets.at[1, "street_type"] = 3
    streets.at[1, "street_description"] = "A1(M)"
    issues, summary = _check(gz, "S10", streets)
    _only(
        issues,
        1001,
        "is a numbered street (type 3) but its descriptor 'LONDON ROAD' does not start with a "
        "road number",
    )
    assert summary["checked"] == 2
    for good in ("A21", "B2042", "M25", "C123 KEMSING ROAD"):
        assert _check(gz, "S10", _streets(gz, street_type=3, street_description=good))[0].empty


def test_s11_end_date_and_state(gz) -> None:
    issues, _ = _check(gz, "S11", _streets(gz, end_date="2020-01-01"))
    _only(issues, 1001, "has end date 2020-01-01 but state 2, not 4 (closed)")
    issues, _ = _check(gz, "S11", _streets(gz, state=4))
    assert _only(issues, 1001) == "USRN 1001 has state 4 (closed) but no end date"
    assert _check(gz, "S11", _streets(gz, state=4, end_date="2020-01-01"))[0].empty


def test_s12_live_street_without_addresses(gz) -> None:
    empty = gz.street(1003, [(gz.X0, gz.Y0), (gz.X0, gz.Y0 - 200)])
    closed = gz.street(1004, [(gz.X0, gz.Y0), (gz.X0 - 200, gz.Y0)], state=4, end_date="2019-01-01")
    unofficial = gz.street(1005, [(gz.X0, gz.Y0), (gz.X0 - 200, gz.Y0 - 200)], street_type=2)
    issues, summary = _check(gz, "S12", _streets(gz, empty, closed, unofficial))
    assert _only(issues, 1003) == "USRN 1003 is a live named street with no addresses"
    assert issues["severity"].iloc[0] == "info"
    assert summary["checked"] == 3


def test_s13_street_outside_boundary(gz) -> None:
    boundary = shapely.box(gz.X0 - 100, gz.Y0 - 100, gz.X0 + 350, gz.Y0 + 500)
    # 1001 crosses the boundary (fine); 1002 lies 50 m east of it.
    issues, _ = _check(gz, "S13", _streets(gz), boundary=boundary)
    _only(issues, 1002, "lies wholly outside the authority boundary, 50 m from it at the nearest")
    assert issues["x"].iloc[0] == gz.X0 + 400  # the street's point nearest the boundary
    assert _check(gz, "S13", _streets(gz), boundary=boundary, boundary_tolerance=60)[0].empty


def test_s14_street_dates(gz) -> None:
    issues, _ = _check(gz, "S14", _streets(gz, start_date="2031-02-03"))
    assert _only(issues, 1001) == "USRN 1001: start date 2031-02-03 is in the future"
    assert _check(gz, "S14", _streets(gz))[0].empty
