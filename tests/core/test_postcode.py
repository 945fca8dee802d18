"""core.postcode: BS 7666 checks, normalisation, keying-slip repair, extraction, parts."""

from __future__ import annotations

import pytest
from placelink.core import postcode as pc


@pytest.mark.parametrize(
    "text",
    ["TN13 1AA", "B1 1AY", "EC1A 1BB", "W1A 0AX", "M1 1AE", "CR2 6XH", "DN55 1PT", "GIR 0AA"],
)
def test_valid_postcodes(text: str) -> None:
    assert pc.is_valid(text)


@pytest.mark.parametrize(
    "text",
    [
        "TN131AA",  # no space
        "TN13  1AA",  # two spaces
        "tn13 1aa",  # lower case
        "TN13 1CA",  # C is never an inward letter
        "TN13 1AA\n",  # trailing newline (was accepted before the fix)
        " TN13 1AA",
        "TN13",
        "",
        None,
        "1N13 1AA",
    ],
)
def test_invalid_postcodes(text: str | None) -> None:
    assert not pc.is_valid(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TN131AA", "TN13 1AA"),  # Code-Point Open 7-character form
        ("B1  1AY", "B1 1AY"),  # Code-Point Open pads short outward codes
        ("TN1 1AG", "TN1 1AG"),
        ("tn13 1aa", "TN13 1AA"),
        ("  ec1a1bb ", "EC1A 1BB"),
        ("GIR0AA", "GIR 0AA"),
        ("TN13 1CA", None),
        ("TN13 IAA", None),  # a keying slip is not normalised, only repaired
        ("TN13", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise(text: str | None, expected: str | None) -> None:
    assert pc.normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TN13 IAA", "TN13 1AA"),  # I for 1
        ("TNl3 1AA", "TN13 1AA"),  # l for 1
        ("SWIA 2AA", "SW1A 2AA"),
        ("5W1A 2AA", "SW1A 2AA"),  # 5 for S
        ("TN13 1AA", "TN13 1AA"),
        ("TN13 1CA", None),  # nothing to repair it to
        ("hello", None),
        (None, None),
    ],
)
def test_repair(text: str | None, expected: str | None) -> None:
    assert pc.repair(text) == expected


def test_extract_takes_the_last_postcode_and_returns_the_rest() -> None:
    assert pc.extract("Flat 2, 67 High Street, Sevenoaks, TN13 1AA") == (
        "TN13 1AA",
        "Flat 2, 67 High Street, Sevenoaks",
    )
    assert pc.extract("12 Bank Street tn131aa please") == ("TN13 1AA", "12 Bank Street please")
    assert pc.extract("TN13 1AA then TN14 5BB") == ("TN14 5BB", "TN13 1AA then")
    assert pc.extract("5 The Close, Sevenoaks") == (None, "5 The Close, Sevenoaks")


@pytest.mark.parametrize(
    ("postcode", "outward", "sector", "area"),
    [
        ("TN13 1AA", "TN13", "TN13 1", "TN"),
        ("B1 1AY", "B1", "B1 1", "B"),
        ("EC1A 1BB", "EC1A", "EC1A 1", "EC"),
    ],
)
def test_parts(postcode: str, outward: str, sector: str, area: str) -> None:
    assert pc.outward(postcode) == outward
    assert pc.district(postcode) == outward
    assert pc.sector(postcode) == sector
    assert pc.area(postcode) == area
