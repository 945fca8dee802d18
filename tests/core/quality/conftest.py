"""Hand-made gazetteer records for the quality rule tests: a small clean council to spoil."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest
import shapely
from placelink.core.quality import Thresholds, run_checks
from placelink.core.schema import ADDRESS_FIELDS, STREET_FIELDS

TODAY = date(2026, 1, 15)
X0, Y0 = 500_000.0, 150_000.0


def address(uprn: int, **values: object) -> dict:
    """A clean live terraced house on HIGH STREET (USRN 1001), 10 m north of the street."""
    record = {f.name: None for f in ADDRESS_FIELDS}
    n = uprn if uprn is not None else 999
    record.update(
        uprn=uprn,
        usrn=1001,
        pao_start_number=n % 1000,
        street_description="HIGH STREET",
        town="SEVENOAKS",
        administrative_area="KENT",
        postcode="TN13 1AA",
        classification="RD04",
        logical_status=1,
        blpu_state=2,
        rpc=1,
        start_date="2001-04-01",
        source="test",
        x=X0 + 10 * (n % 20),
        y=Y0 + 10,
        source_ref=f"line {n % 1000 + 1} of test.csv",
    )
    record.update(values)
    if "address" not in values:
        record["address"] = f"{record['pao_start_number']} HIGH STREET, SEVENOAKS, TN13 1AA"
    return record


def street(usrn: int, coords: list[tuple[float, float]], **values: object) -> dict:
    """A clean live designated street in SEVENOAKS."""
    record = {f.name: None for f in STREET_FIELDS}
    record.update(
        usrn=usrn,
        street_description=f"STREET {usrn}",
        town="SEVENOAKS",
        administrative_area="KENT",
        street_type=1,
        state=2,
        start_date="1990-01-01",
        source="test",
        geometry=shapely.LineString(coords),
    )
    record.update(values)
    return record


def council_streets(*extra: dict) -> pd.DataFrame:
    """HIGH STREET (1001) east-west, with CHURCH LANE (1002) joining it at its east end."""
    rows = [
        street(1001, [(X0, Y0), (X0 + 400, Y0)], street_description="HIGH STREET"),
        street(1002, [(X0 + 400, Y0), (X0 + 400, Y0 + 300)], street_description="CHURCH LANE"),
        *extra,
    ]
    return pd.DataFrame(rows)


def frame(*records: dict) -> pd.DataFrame:
    return pd.DataFrame(list(records))


def check(
    rule: str,
    addresses: pd.DataFrame,
    streets: pd.DataFrame | None = None,
    boundary: object | None = None,
    postcodes: pd.DataFrame | None = None,
    **thresholds: object,
) -> tuple[pd.DataFrame, pd.Series]:
    """Run one rule; return its issues and its summary row."""
    issues, summary = run_checks(
        addresses,
        streets,
        boundary,
        postcodes,
        rules=rule,
        thresholds=Thresholds(today=TODAY, **thresholds),
    )
    assert list(summary["rule_id"]) == [rule]
    return issues, summary.iloc[0]


@pytest.fixture
def gz() -> SimpleNamespace:
    """The record builders and the one-rule runner."""
    return SimpleNamespace(
        address=address,
        street=street,
        council_streets=council_streets,
        frame=frame,
        check=check,
        X0=X0,
        Y0=Y0,
        TODAY=TODAY,
    )
