"""UK address normalisation: abbreviations, Saint vs Street, unit-word typos, punctuation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from placelink.core.normalise import clean, normalise, split_number, tokens

CASES = [
    ("10 High St", "10 HIGH STREET"),
    ("10 High St.", "10 HIGH STREET"),
    ("St Mary's Rd", "ST MARYS ROAD"),
    ("Saint Mary's Road", "ST MARYS ROAD"),
    ("14 St. John's Close", "14 ST JOHNS CLOSE"),
    ("Rose Cottage St Johns Rd", "ROSE COTTAGE ST JOHNS ROAD"),
    ("2 Church St, Northbridge", "2 CHURCH STREET NORTHBRIDGE"),
    ("5 Elm Ave", "5 ELM AVENUE"),
    ("5 Elm Av", "5 ELM AVENUE"),
    ("7 Beech Cl", "7 BEECH CLOSE"),
    ("9 Rose Gdns", "9 ROSE GARDENS"),
    ("3 Ash Gr", "3 ASH GROVE"),
    ("11 Park Cres", "11 PARK CRESCENT"),
    ("4 Mill Ln", "4 MILL LANE"),
    ("8 Kings Dr", "8 KINGS DRIVE"),
    ("1 Albion Pl", "1 ALBION PLACE"),
    ("6 Victoria Terr", "6 VICTORIA TERRACE"),
    ("6 Victoria Tce", "6 VICTORIA TERRACE"),
    ("2 Market Sq", "2 MARKET SQUARE"),
    ("12 Station Pde", "12 STATION PARADE"),
    ("Flat 1, Rose Ct", "FLAT 1 ROSE COURT"),
    ("Apt 4", "FLAT 4"),
    ("Apartment 4", "FLAT 4"),
    ("Appartment 4", "FLAT 4"),
    ("Falt 2", "FLAT 2"),
    ("Flt 2", "FLAT 2"),
    ("Grround Floor Flat", "GROUND FLOOR FLAT"),
    ("Grd Flr Flat", "GROUND FLOOR FLAT"),
    ("First Flor", "FIRST FLOOR"),
    ("1st Floor", "FIRST FLOOR"),
    ("2nd Floor", "SECOND FLOOR"),
    ("GFF", "GROUND FLOOR FLAT"),
    ("FFF 12 Elm Road", "FIRST FLOOR FLAT 12 ELM ROAD"),
    ("Bsmt Flat", "BASEMENT FLAT"),
    ("Ivy Cott", "IVY COTTAGE"),
    ("Smith & Sons", "SMITH AND SONS"),
    ("Café Rouge", "CAFE ROUGE"),
    ("12-14 High St", "12-14 HIGH STREET"),
    ("12 - 14 High St", "12-14 HIGH STREET"),
    ("2/10 Leith Walk", "2/10 LEITH WALK"),
    ("Coach-House", "COACH HOUSE"),
    ("  lots   of\tspace  ", "LOTS OF SPACE"),
    ("Nth Street", "NORTH STREET"),
    ("Upper Rd", "UPPER ROAD"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_normalise_table(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_tokens_keep_commas_as_separators() -> None:
    assert tokens("Flat 2, Rose Ct,, 10 High St,") == [
        "FLAT", "2", ",", "ROSE", "COURT", ",", "10", "HIGH", "STREET",
    ]  # fmt: skip


def test_street_abbreviation_after_a_word_but_saint_before_a_name() -> None:
    assert normalise("High St") == "HIGH STREET"
    assert normalise("St Peters Way") == "ST PETERS WAY"
    assert normalise("10 St Peters Way") == "10 ST PETERS WAY"


def test_non_text_and_empty_inputs() -> None:
    assert normalise(None) == ""
    assert normalise("") == ""
    assert normalise(12) == "12"
    assert clean(None) == ""


@pytest.mark.parametrize(
    ("token", "expected"), [("12", (12, "")), ("12A", (12, "A")), ("A", None), ("12AB", None)]
)
def test_split_number(token: str, expected: tuple[int, str] | None) -> None:
    assert split_number(token) == expected


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_normalise_never_raises_and_is_clean(text: str) -> None:
    out = normalise(text)
    assert out == out.strip()
    assert "  " not in out
    assert out == out.upper()
    assert all(c.isascii() for c in out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcSTflatroadgdns0123456789 ,.-/'&")), max_size=40))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


_ADDRESS_WORDS = ["&", ",", "ST", "SAINT", "St.", "GF", "FFF", "Apt", "Flt", "FLAT", "2", "10A"]
_ADDRESS_WORDS += ["12-14", "2/1", "HIGH", "ROAD", "Rd", "AND", "OF", "MARY'S", "GRD", "FLR", "-"]


@pytest.mark.parametrize(
    "text", ["&,ST", "AND, ST", "CHURCH OF SAINT MARY", "HIGH STREET, ST ALBANS"]
)
def test_normalise_is_a_fixed_point_after_a_comma_or_saint(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ADDRESS_WORDS), max_size=12), st.sampled_from([" ", "", ", "]))
def test_normalise_of_address_word_soup_is_idempotent(words: list[str], sep: str) -> None:
    once = normalise(sep.join(words))
    assert normalise(once) == once
    assert normalise(once.lower()) == once
