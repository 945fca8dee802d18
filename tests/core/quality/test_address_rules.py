"""Every address rule on hand-made failing and passing records, with specific messages."""

from __future__ import annotations

import numpy as np
import pytest
import shapely


def _pair(gz, fail: dict, ok: dict | None = None, **common):
    """Addresses: UPRN 100 spoiled with *fail*, UPRN 101 clean (or with *ok*)."""
    return gz.frame(
        gz.address(100, **{**common, **fail}), gz.address(101, **{**common, **(ok or {})})
    )


def _assert_only(issues, uprn: int, *fragments: str) -> str:
    assert list(issues["feature_key"]) == [uprn], issues["message"].tolist()
    message = issues["message"].iloc[0]
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_a01_duplicate_and_missing_uprn(gz) -> None:
    rows = gz.frame(
        gz.address(100, source_ref="line 2 of a.csv"),
        gz.address(101, source_ref="line 3 of a.csv"),
        gz.address(100, source_ref="line 4 of a.csv", pao_start_number=7),
        gz.address(None, source_ref="line 5 of a.csv", pao_start_number=8),
    )
    issues, summary = gz.check("A01", rows)
    assert summary["failures"] == 3 and summary["checked"] == 4
    messages = issues["message"].tolist()
    assert (
        messages[0]
        == "UPRN 100 (line 2 of a.csv) is used by 2 records; the next is line 4 of a.csv"
    )
    assert messages[1] == "UPRN 100 (line 4 of a.csv) duplicates the UPRN of line 2 of a.csv"
    assert "line 5 of a.csv has no UPRN" in messages[2]
    clean, summary = gz.check("A01", rows.iloc[:2])
    assert clean.empty and summary["pass_percent"] == 100.0


def test_a02_coordinates(gz) -> None:
    rows = gz.frame(
        gz.address(100, x=np.nan, y=np.nan),
        gz.address(101, x=-0.1, y=51.5),  # longitude/latitude typed in
        gz.address(102),
    )
    issues, summary = gz.check("A02", rows)
    assert list(issues["feature_key"]) == [100, 101]
    assert issues["message"].iloc[0] == "UPRN 100 has no coordinates"
    assert "(-0.10, 51.50), outside the British National Grid" in issues["message"].iloc[1]
    assert summary["failures"] == 2


def test_a03_outside_boundary(gz) -> None:
    boundary = shapely.box(gz.X0 - 100, gz.Y0 - 100, gz.X0 + 500, gz.Y0 + 500)
    rows = _pair(gz, {"x": gz.X0 + 1500, "y": gz.Y0})
    issues, _ = gz.check("A03", rows, boundary=boundary)
    _assert_only(issues, 100, "lies 1,000 m outside the authority boundary")
    # Within the tolerance of the edge passes.
    edge = _pair(gz, {"x": gz.X0 + 503, "y": gz.Y0})
    assert gz.check("A03", edge, boundary=boundary)[0].empty


def test_a03_not_applicable_without_boundary(gz) -> None:
    issues, summary = gz.check("A03", _pair(gz, {}))
    assert issues.empty
    assert summary["status"] == "not applicable: no BOUNDARY layer"


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({"logical_status": 4}, "logical status 4, which is not a valid code"),
        ({"logical_status": None}, "has no logical status"),
        ({"logical_status": 1, "blpu_state": 4}, "logical status 1 with BLPU state 4"),
        ({"logical_status": 6, "blpu_state": 2}, "status 6 allows state 1, 5, 6, 7"),
        ({"logical_status": 8, "blpu_state": 2, "end_date": "2010-01-01"}, "status 8 allows"),
        ({"blpu_state": 12}, "BLPU state 12, which is not a valid code"),
    ],
)
def test_a04_status_and_state(gz, values: dict, fragment: str) -> None:
    issues, _ = gz.check("A04", _pair(gz, values, {"logical_status": 8, "blpu_state": 4}))
    _assert_only(issues, 100, fragment)


def test_a05_end_dates(gz) -> None:
    rows = gz.frame(
        gz.address(100, end_date="2020-05-01"),
        gz.address(101, logical_status=8, blpu_state=4, end_date=None),
        gz.address(102, logical_status=8, blpu_state=4, end_date="2019-01-01"),
        gz.address(103),
    )
    issues, summary = gz.check("A05", rows)
    assert list(issues["feature_key"]) == [100, 101]
    assert (
        issues["message"].iloc[0]
        == "UPRN 100 is live (logical status 1) but has end date 2020-05-01"
    )
    assert "logical status 8 (historic or rejected) but no end date" in issues["message"].iloc[1]
    assert summary["checked"] == 4


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({"start_date": "2030-01-01"}, "start date 2030-01-01 is in the future"),
        (
            {"start_date": "2010-01-01", "end_date": "2005-01-01", "logical_status": 8},
            "end date 2005-01-01 is before start date 2010-01-01",
        ),
        ({"start_date": "01/02/2003"}, "start date 01/02/2003 is not a date"),
        ({"last_update_date": "2099-12-31"}, "last update date 2099-12-31 is in the future"),
    ],
)
def test_a06_dates(gz, values: dict, fragment: str) -> None:
    issues, _ = gz.check("A06", _pair(gz, values, {"end_date": "2020-01-01"}))
    _assert_only(issues, 100, fragment)


@pytest.mark.parametrize(
    ("rpc", "fragment"),
    [
        (9, "obsolete representative point code 9"),
        (5, "obsolete representative point code 5"),
        (None, "has no representative point code"),
        (7, "representative point code 7, which is not a valid code"),
    ],
)
def test_a07_rpc(gz, rpc: object, fragment: str) -> None:
    issues, _ = gz.check("A07", _pair(gz, {"rpc": rpc}, {"rpc": 2}))
    _assert_only(issues, 100, fragment)


def test_a07_not_applicable_without_rpc_field(gz) -> None:
    rows = _pair(gz, {}).drop(columns=["rpc"])
    issues, summary = gz.check("A07", rows)
    assert issues.empty and summary["status"] == "not applicable: addresses lack field(s) rpc"


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        (None, "has no classification code"),
        ("RD05", "classification 'RD05', which is not an AddressBase classification code"),
        ("rd04", "classification 'rd04', which is not"),
        ("RD", "is classified only as RD (Dwelling): give the tertiary code"),
        ("CR", "is classified only as CR (Retail)"),
    ],
)
def test_a08_classification(gz, code: object, fragment: str) -> None:
    for good in ("RD06", "PP", "CR08", "LP01", "X"):
        issues, _ = gz.check("A08", _pair(gz, {"classification": code}, {"classification": good}))
        _assert_only(issues, 100, fragment)


def test_a09_usrn_missing(gz) -> None:
    issues, _ = gz.check("A09", _pair(gz, {"usrn": None}))
    assert _assert_only(issues, 100) == "UPRN 100 has no USRN"


def test_a10_usrn_not_in_streets(gz) -> None:
    issues, summary = gz.check("A10", _pair(gz, {"usrn": 9999}), gz.council_streets())
    assert _assert_only(issues, 100) == "UPRN 100 has USRN 9999, which is not in STREETS"
    assert summary["checked"] == 2
    assert gz.check("A10", _pair(gz, {}))[1]["status"] == "not applicable: no STREETS layer"


def test_a11_live_address_on_closed_street(gz) -> None:
    closed = gz.street(1003, [(gz.X0, gz.Y0), (gz.X0, gz.Y0 - 300)], state=4)
    streets = gz.council_streets(closed)
    rows = gz.frame(
        gz.address(100, usrn=1003),
        gz.address(101, usrn=1003, logical_status=8, blpu_state=4, end_date="2015-01-01"),
        gz.address(102),
    )
    issues, _ = gz.check("A11", rows, streets)
    _assert_only(issues, 100, "is live but its street, USRN 1003, is closed (state 4)")


def test_a12_no_pao(gz) -> None:
    issues, _ = gz.check(
        "A12",
        gz.frame(
            gz.address(100, pao_start_number=None, pao_text=" "),
            gz.address(101, pao_start_number=None, pao_text="ROSE COTTAGE"),
            gz.address(102),
        ),
    )
    assert _assert_only(issues, 100) == "UPRN 100 has no PAO number and no PAO text"


def test_a13_text_only_a_number(gz) -> None:
    rows = gz.frame(
        gz.address(100, pao_text="12"),
        gz.address(101, sao_text="3A"),
        gz.address(102, pao_text="12 ACACIA HOUSE", sao_text="FLAT 3"),
        gz.address(103, pao_text="1 - 3"),
        gz.address(104, pao_text="UNIT 1-3"),
    )
    issues, _ = gz.check("A13", rows)
    assert list(issues["feature_key"]) == [100, 101, 103]
    assert (
        "PAO text '12' is only a number: put it in the PAO start number"
        in issues["message"].iloc[0]
    )
    assert "SAO text '3A' is only a number" in issues["message"].iloc[1]


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({"pao_start_number": 10000}, "PAO start number 10000 is outside 0–9999"),
        (
            {"pao_start_number": None, "pao_text": "X", "pao_end_number": 4},
            "PAO has an end number (4) but no start number",
        ),
        (
            {"pao_start_number": 14, "pao_end_number": 12},
            "PAO end number 12 is below the start number 14",
        ),
        ({"sao_start_suffix": "A"}, "SAO start suffix 'A' has no start number"),
        ({"pao_start_suffix": "ABC"}, "PAO start suffix 'ABC' is longer than 2 characters"),
        ({"pao_start_suffix": "1"}, "PAO start suffix '1' is not a letter"),
        ({"sao_start_number": 2, "sao_end_number": 2}, "SAO range 2 to 2 ends where it starts"),
        (
            {"pao_start_number": 12, "pao_start_suffix": "C",
             "pao_end_number": 12, "pao_end_suffix": "A"},
            "PAO range 12C to 12A runs backwards",
        ),
    ],
)  # fmt: skip
def test_a14_numbers(gz, values: dict, fragment: str) -> None:
    ok = {
        "pao_start_number": 12,
        "pao_start_suffix": "A",
        "pao_end_number": 14,
        "sao_start_number": 0,
    }
    issues, _ = gz.check("A14", _pair(gz, values, ok))
    _assert_only(issues, 100, fragment)
    forward = {"pao_start_number": 12, "pao_start_suffix": "A", "pao_end_number": 12}
    issues, _ = gz.check("A14", _pair(gz, values, {**forward, "pao_end_suffix": "C"}))
    _assert_only(issues, 100, fragment)


def test_a15_pao_equals_sao(gz) -> None:
    rows = _pair(
        gz,
        {"pao_text": "ROSE COURT", "sao_text": "Rose  Court"},
        {"pao_text": "ROSE COURT", "sao_text": "FLAT 1"},
    )
    issues, summary = gz.check("A15", rows)
    _assert_only(issues, 100, "has the same PAO and SAO text 'ROSE COURT'")
    assert summary["checked"] == 2


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({"pao_text": " ROSE COURT"}, "pao text ' ROSE COURT' has leading or trailing spaces"),
        ({"street_description": "HIGH  STREET"}, "description 'HIGH  STREET' has double spaces"),
        ({"sao_text": "FLAT #2"}, "sao text 'FLAT #2' has stray character(s) #"),
        ({"town": "SEVEN\tOAKS"}, "has stray character(s) \\t"),
        ({"organisation": "ACME_LTD"}, "stray character(s) _"),
    ],
)  # fmt: skip
def test_a16_text_hygiene(gz, values: dict, fragment: str) -> None:
    ok = {"pao_text": "TŶ GWYN", "sao_text": "FLAT 2/3", "organisation": "SMITH & SONS (KENT) LTD."}
    issues, _ = gz.check("A16", _pair(gz, values, ok))
    _assert_only(issues, 100, fragment)


def test_a17_text_length(gz) -> None:
    issues, _ = gz.check(
        "A17", _pair(gz, {"pao_text": "X" * 91, "town": "T" * 36}, {"pao_text": "X" * 90})
    )
    _assert_only(
        issues,
        100,
        "pao text is 91 characters long (limit 90)",
        "town is 36 characters long (limit 35)",
    )


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("tn131aa", "postcode 'tn131aa' which is not in BS 7666 format (did you mean TN13 1AA?)"),
        ("TN13  1AA", "not in BS 7666 format (did you mean TN13 1AA?)"),
        ("TN13 1AO", "postcode 'TN13 1AO' which is not in BS 7666 format"),
        ("QQQ", "'QQQ' which is not in BS 7666 format"),
    ],
)
def test_a18_postcode_format(gz, code: str, fragment: str) -> None:
    for good in ("TN13 1AA", "B1 1AY", "EC1A 1BB", "GIR 0AA", None):
        issues, _ = gz.check("A18", _pair(gz, {"postcode": code}, {"postcode": good}))
        _assert_only(issues, 100, fragment)


def test_a19_postcode_not_in_code_point(gz) -> None:
    import pandas as pd

    postcodes = pd.DataFrame(
        {"postcode": ["TN131AA", "TN13 2BB"], "x": [gz.X0, gz.X0], "y": [gz.Y0, gz.Y0]}
    )
    issues, summary = gz.check("A19", _pair(gz, {"postcode": "TN13 9ZZ"}), postcodes=postcodes)
    assert _assert_only(issues, 100) == "UPRN 100 has postcode TN13 9ZZ, which is not in POSTCODES"
    assert summary["checked"] == 2


def test_a20_far_from_postcode_centre_with_code_point(gz) -> None:
    import pandas as pd

    postcodes = pd.DataFrame({"postcode": ["TN13 1AA"], "x": [gz.X0], "y": [gz.Y0]})
    rows = _pair(gz, {"x": gz.X0 + 3000, "y": gz.Y0 + 4000})
    issues, _ = gz.check("A20", rows, postcodes=postcodes)
    _assert_only(issues, 100, "is 5,000 m from the Code-Point Open point of postcode TN13 1AA")
    assert gz.check("A20", rows, postcodes=postcodes, postcode_distance=6000)[0].empty


def test_a20_far_from_postcode_centre_without_code_point(gz) -> None:
    rows = gz.frame(*(gz.address(100 + i) for i in range(4)), gz.address(104, x=gz.X0 + 2500))
    issues, _ = gz.check("A20", rows)
    _assert_only(issues, 104, "from the median point of postcode TN13 1AA")
    # Too few addresses in the postcode to place its centre: not checked.
    issues, summary = gz.check("A20", rows.iloc[3:])
    assert issues.empty and summary["checked"] == 0


def test_a21_far_from_street(gz) -> None:
    rows = _pair(gz, {"x": gz.X0 + 100, "y": gz.Y0 + 600}, {"x": gz.X0 + 100, "y": gz.Y0 + 240})
    issues, summary = gz.check("A21", rows, gz.council_streets())
    assert (
        _assert_only(issues, 100)
        == "UPRN 100 is 600 m from its street, USRN 1001 (HIGH STREET); more than 250 m"
    )
    assert summary["checked"] == 2
    assert gz.check("A21", rows, gz.council_streets(), street_distance=700)[0].empty


def _family(gz, **child: object):
    return gz.frame(
        gz.address(100, classification="PP", pao_start_number=10),
        gz.address(101, parent_uprn=100, sao_text="FLAT 1", pao_start_number=10, **child),
        gz.address(102, parent_uprn=100, sao_text="FLAT 2", pao_start_number=10),
    )


def test_a22_parent_missing(gz) -> None:
    rows = gz.frame(
        gz.address(100), gz.address(101, parent_uprn=555), gz.address(102, parent_uprn=100)
    )
    issues, summary = gz.check("A22", rows)
    assert _assert_only(issues, 101) == "UPRN 101 has parent UPRN 555, which is not in the layer"
    assert summary["checked"] == 2


def test_a23_parent_not_live(gz) -> None:
    rows = _family(gz)
    rows.loc[0, ["logical_status", "blpu_state", "end_date"]] = [8, 4, "2019-01-01"]
    rows.loc[2, ["logical_status", "blpu_state", "end_date"]] = [8, 4, "2019-01-01"]
    issues, summary = gz.check("A23", rows)
    _assert_only(issues, 101, "is live but its parent UPRN 100 has logical status 8")
    assert summary["checked"] == 1
    assert gz.check("A23", _family(gz))[0].empty


def test_a24_parent_cycle(gz) -> None:
    rows = gz.frame(
        gz.address(100, parent_uprn=101),
        gz.address(101, parent_uprn=102),
        gz.address(102, parent_uprn=100),
        gz.address(103, parent_uprn=103),
        gz.address(104, parent_uprn=100),  # hangs off the cycle but is not in it
    )
    issues, _ = gz.check("A24", rows)
    assert list(issues["feature_key"]) == [100, 101, 102, 103]
    assert "UPRN 100 has parent UPRN 101, in a cycle of 3 records" in issues["message"].iloc[0]
    assert issues["message"].iloc[3] == "UPRN 103 is its own parent"
    assert gz.check("A24", _family(gz))[0].empty


def test_a25_child_pao_differs(gz) -> None:
    issues, _ = gz.check("A25", _family(gz, pao_start_suffix="A"))
    assert (
        _assert_only(issues, 101) == "UPRN 101 has PAO '10A' but its parent UPRN 100 has PAO '10'"
    )
    assert gz.check("A25", _family(gz))[0].empty


def test_a26_child_usrn_differs(gz) -> None:
    issues, _ = gz.check("A26", _family(gz, usrn=1002))
    assert (
        _assert_only(issues, 101) == "UPRN 101 has USRN 1002 but its parent UPRN 100 has USRN 1001"
    )
    assert gz.check("A26", _family(gz))[0].empty


def test_a27_duplicate_live_text(gz) -> None:
    rows = gz.frame(
        gz.address(100, address="1 HIGH STREET, SEVENOAKS"),
        gz.address(101, address="1 High  Street, Sevenoaks"),
        gz.address(
            102,
            address="1 HIGH STREET, SEVENOAKS",
            logical_status=8,
            blpu_state=4,
            end_date="2001-05-01",
        ),
        gz.address(103, address="2 HIGH STREET, SEVENOAKS"),
    )
    issues, summary = gz.check("A27", rows)
    assert list(issues["feature_key"]) == [100, 101]
    assert (
        "UPRN 100 (line 101 of test.csv) has the same address "
        "'1 HIGH STREET, SEVENOAKS' as UPRN 101" in issues["message"].iloc[0]
    )
    assert summary["checked"] == 3


def test_a27_builds_text_when_the_address_column_is_absent(gz) -> None:
    rows = gz.frame(
        gz.address(100, pao_start_number=5, sao_text="FLAT 1"),
        gz.address(101, pao_start_number=5, sao_text="FLAT 1"),
        gz.address(102, pao_start_number=5, sao_text="FLAT 2"),
    ).drop(columns=["address"])
    issues, _ = gz.check("A27", rows)
    assert list(issues["feature_key"]) == [100, 101]
    assert "'FLAT 1, 5 HIGH STREET, SEVENOAKS, TN13 1AA'" in issues["message"].iloc[0]
