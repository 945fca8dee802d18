"""Single-line addresses in the GeoPlace/OS order."""

from __future__ import annotations

import pytest
from placelink.core.address_text import format_address, format_postal_address, number_range
from placelink.core.schema import empty_address


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ((12, None, None, None), "12"),
        ((12, "A", None, None), "12A"),
        ((12, None, 14, None), "12-14"),
        ((12, "A", 12, "C"), "12A-12C"),
        ((None, "A", 14, None), "A"),  # a letter with no number is kept, not dropped
        ((None, None, 14, None), ""),
        (("7", "", "", ""), "7"),
    ],
)
def test_number_range(parts: tuple, expected: str) -> None:
    assert number_range(*parts) == expected


def test_flat_in_a_named_numbered_building() -> None:
    record = empty_address(
        sao_text="FLAT",
        sao_start_number=2,
        pao_text="ROSE COURT",
        pao_start_number=10,
        street_description="HIGH STREET",
        locality="RIVERHEAD",
        town="SEVENOAKS",
        postcode="TN13 2AA",
    )
    assert format_address(record) == (
        "FLAT 2, ROSE COURT, 10 HIGH STREET, RIVERHEAD, SEVENOAKS, TN13 2AA"
    )


def test_a_flat_letter_with_no_number_is_kept() -> None:
    """SAO text FLAT with a start suffix A and no start number (FLAT A of 84, beside 84A):
    the letter is the flat's identity, so FLAT A and FLAT B of one house stay apart."""
    record = empty_address(
        sao_text="FLAT", sao_start_suffix="A", pao_start_number=84,
        street_description="STANLEY CLOSE", town="NORTHBRIDGE", postcode="NB1 3SQ",
    )  # fmt: skip
    assert format_address(record) == "FLAT A, 84 STANLEY CLOSE, NORTHBRIDGE, NB1 3SQ"
    assert (
        format_address({**record, "sao_text": None}) == "A, 84 STANLEY CLOSE, NORTHBRIDGE, NB1 3SQ"
    )


def test_locality_equal_to_town_is_left_out_and_spaces_collapse() -> None:
    record = empty_address(
        pao_start_number=3,
        pao_start_suffix="B",
        street_description="  MILL   LANE ",
        locality="Otford",
        town="OTFORD",
        postcode="TN14 5AA",
    )
    assert format_address(record) == "3B MILL LANE, OTFORD, TN14 5AA"


def test_organisation_first_and_number_only_sao() -> None:
    record = empty_address(
        organisation="ACME LTD",
        sao_start_number=4,
        sao_end_number=6,
        pao_text="THE MALTINGS",
        street_description="STATION ROAD",
        town="EDENBRIDGE",
    )
    assert format_address(record) == "ACME LTD, 4-6, THE MALTINGS, STATION ROAD, EDENBRIDGE"


def test_number_without_street_and_missing_parts() -> None:
    assert format_address(empty_address(pao_start_number=9, town="KEMSING")) == "9, KEMSING"
    assert format_address(empty_address()) == ""


def test_postal_address_in_paf_order() -> None:
    assert format_postal_address(
        organisation="ACME LTD",
        department="ACCOUNTS",
        sub_building="FLAT 2",
        building_name="ROSE COURT",
        building_number="10",
        dependent_thoroughfare="MEWS ROW",
        thoroughfare="HIGH STREET",
        dependent_locality="RIVERHEAD",
        post_town="SEVENOAKS",
        postcode="TN13 2AA",
    ) == (
        "ACME LTD, ACCOUNTS, FLAT 2, ROSE COURT, 10 MEWS ROW, HIGH STREET, RIVERHEAD, "
        "SEVENOAKS, TN13 2AA"
    )
    assert format_postal_address(po_box="123", post_town="LEEDS", postcode="LS1 1AA") == (
        "PO BOX 123, LEEDS, LS1 1AA"
    )


def test_pandas_missing_values_are_left_out() -> None:
    nan = float("nan")
    record = empty_address(
        sao_text=nan,
        sao_start_number=nan,
        pao_start_number=7.0,
        pao_start_suffix=nan,
        street_description="MILL LANE",
        locality=nan,
        town="OTFORD",
        postcode=nan,
    )
    assert format_address(record) == "7 MILL LANE, OTFORD"
    assert number_range(3, nan, nan, None) == "3"
