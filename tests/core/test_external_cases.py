"""Other projects' labelled cases, restated as data and run through the real matcher.

1. uk-address-matcher's edge cases (``tests/edge_case_addresses.yaml`` of
   RobinL/uk_address_matcher, the stored version has 20 blocks): each block is one messy
   record and a few candidate addresses, the first the true one. Each block becomes its
   own small gazetteer here, the candidates written as an LLPG would hold them (SAO, PAO,
   street, locality, town, postcode), and the record goes through ``Matcher.match_one``.
   Goal (issue 11): at least 18 right and at most 1 wrong.
2. ONS Address Index parser cases (ONSdigital/address-index-api, the post-tokenize
   treatment tests: how building names and sub-building names split into PAO and SAO
   numbers, suffixes and ranges): each is typed as a free-text address and must parse
   into the same PAO/SAO parts, then match the address it names in a small gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from placelink.core.address_text import format_address
from placelink.core.matching import MATCHED, Matcher
from placelink.core.parse import parse
from placelink.core.schema import empty_address


@dataclass(frozen=True)
class Street:
    name: str
    town: str
    postcode: str
    locality: str | None = None
    usrn: int = 1


def _row(uprn: int, street: Street, **values: object) -> dict[str, object]:
    values.setdefault("classification", "RD04")
    rec = empty_address(
        uprn=uprn,
        usrn=street.usrn,
        street_description=street.name,
        town=street.town,
        locality=street.locality,
        postcode=street.postcode,
        **values,
    )
    rec["address"] = format_address(rec)
    rec["x"], rec["y"] = 400000.0 + uprn % 1000, 300000.0
    return rec


@dataclass(frozen=True)
class Case:
    """One labelled block: the record, its gazetteer, the UPRN it names."""

    name: str
    text: str
    postcode: str | None
    rows: tuple[dict[str, object], ...]
    truth: int


PEPPERPOT = Street("PEPPERPOT ROAD", "LONDON", "W11 1AA")
BAKER = Street("BAKER STREET", "LONDON", "A11 1AA")
LOVE = Street("LOVE LANE", "KINGS LANGLEY", "WD4 9HW")
BRYNDWR = Street("BRYNDWR ROAD", "LONDON", "W11 9AA")
BROADSTONE = Street("BROADSTONE GROVE", "MILTON KEYNES", "ZZ10 1ZY", "BROOKFORD")
EDGE = Street("SOUTH EDGE CRESCENT", "LONDON", "ZZ20 2ZZ")
WEXFORD = Street("WEXFORD ROAD", "LONDON", "ZZ1 9ZZ")
RAINBOW = Street("RAINBOW ROAD", "LONDON", "AB1 2CD")
BADGER = Street("BADGERCROFT ROAD", "PIKING", "ZZ1 0ZZ")
PIPER = Street("PIPER ROAD", "LONDON", "W14 0AA")
NEWPORT = Street("HIGH STREET", "HITCHIN", "HH16 8AQ", "NEWPORT")
GOVERNMENT = Street("GOVERNMENT ROAD", "ST ALBANS", "AL1 1AA")
WEST = Street("WEST STREET", "WAVHAM-BY-SEA", "AA11 2BB")
FRANKLINS = Street("FRANKLINS CROFT", "BIRDTON", "MK99 1DD")
CHURCH = Street("CHURCH GARDENS", "CAPFIELD", "HA1 1AA")
FRUIT = Street("FRUIT STREET", "LANE", "A1 1AA", "PUDDING LANE")
FRUIT_ONLY = Street("FRUIT STREET", "", "A1 1AA")


def _ukam_cases() -> list[Case]:
    r = _row
    return [
        Case(
            "1 first floor flat of a first-and-second-floors flat",
            "FIRST FLOOR FLAT 21 PEPPERPOT ROAD LONDON",
            "W11 1AA",
            (
                r(101, PEPPERPOT, sao_text="FLAT A FIRST AND SECOND FLOORS", pao_start_number=21),
                r(102, PEPPERPOT, sao_text="FLAT GROUND FLOOR", pao_start_number=21),
                r(103, PEPPERPOT, sao_text="FLAT FIRST FLOOR", pao_start_number=29),
                r(104, PEPPERPOT, sao_text="FLAT FIRST FLOOR", pao_start_number=19),
                r(105, PEPPERPOT, pao_start_number=21),
            ),
            101,
        ),
        Case(
            "2 basement flat written the other way round",
            "BASEMENT FLAT 45 BAKER STREET LONDON",
            "A11 1AA",
            (
                r(201, BAKER, sao_text="FLAT BASEMENT", pao_start_number=45),
                r(202, BAKER, sao_text="FLAT GROUND FLOOR", pao_start_number=45),
                r(203, BAKER, sao_text="FLAT FIRST FLOOR", pao_start_number=45),
                r(204, BAKER, pao_start_number=45),
            ),
            201,
        ),
        Case(
            "3 misspelt county after the town",
            "5 LOVE LANE KING'S LANGLEY HERTFORSHIRE",
            "WD4 9HW",
            (
                r(301, LOVE, pao_start_number=5),
                r(302, LOVE, pao_start_number=7),
                r(303, LOVE, pao_text="ASHFIELDS"),
                r(304, LOVE, sao_text="THE ANNEXE", pao_text="ASHFIELDS"),
            ),
            301,
        ),
        Case(
            "4 second floor flat with a letter in the gazetteer",
            "SECOND FLOOR FLAT 61 BRYNDWR ROAD LONDON",
            "W11 9AA",
            (
                r(401, BRYNDWR, sao_text="FLAT A SECOND FLOOR", pao_start_number=61),
                r(402, BRYNDWR, sao_text="FLAT GROUND FLOOR", pao_start_number=61),
                r(403, BRYNDWR, sao_text="SECOND FLOOR FLAT", pao_start_number=58),
                r(404, BRYNDWR, pao_start_number=61),
            ),
            401,
        ),
        Case(
            "5 the record's postcode is its neighbour's",
            "14 BROADSTONE GROVE BROOKFORD MILTON KEYNES",
            "ZZ10 1ZZ",
            (
                r(501, BROADSTONE, pao_start_number=14),
                r(
                    502,
                    Street("BROADSTONE GROVE", "MILTON KEYNES", "ZZ10 1ZZ", "BROOKFORD"),
                    pao_start_number=2,
                ),
            ),
            501,
        ),  # fmt: skip
        Case(
            "6 top floor flat labelled as the first floor flat",
            "TOP FLOOR FLAT 30 SOUTH EDGE CRESCENT LONDON",
            "ZZ20 2ZZ",
            (
                r(601, EDGE, sao_text="FLAT FIRST FLOOR", pao_start_number=30),
                r(602, EDGE, sao_text="GROUND FLOOR FLAT", pao_start_number=30),
                r(603, EDGE, sao_text="FLAT SECOND AND THIRD FLOORS", pao_start_number=30),
                r(604, EDGE, organisation="PIZZA PALACE", pao_start_number=30, classification="CR"),
            ),
            601,
        ),  # fmt: skip
        Case(
            "7 flat B labelled as flat 2 of the same house",
            "FLAT B 153 WEXFORD ROAD LONDON",
            "ZZ1 9ZZ",
            (
                r(701, WEXFORD, sao_text="FLAT", sao_start_number=2, pao_start_number=153),
                r(702, WEXFORD, sao_text="FLAT B", pao_start_number=155),
                r(703, WEXFORD, pao_start_number=153),
                r(704, WEXFORD, sao_text="FLAT B GROUND FLOOR", pao_start_number=163),
                r(705, WEXFORD, sao_text="FLAT B", pao_start_number=165),
            ),
            701,
        ),
        Case(
            "8 a business by name with no number, street type mistyped",
            "SUES NAILS RAINBOW LANE LONDON",
            "AB1 2CD",
            (
                r(801, RAINBOW, organisation="SUES NAILS", pao_start_number=6, classification="CR"),
                r(802, RAINBOW, pao_start_number=8),
                r(803, RAINBOW, pao_start_number=9),
                r(804, RAINBOW, pao_start_number=7),
                r(805, RAINBOW, pao_text="BIRTCHFIELDS HOUSE"),
            ),
            801,
        ),  # fmt: skip
        Case(
            "9 a business name the gazetteer does not hold",
            "BURGER PARADISE 9 RAINBOW LANE LONDON",
            "AB1 2CD",
            (
                r(901, RAINBOW, pao_start_number=9),
                r(902, RAINBOW, organisation="SUES NAILS", pao_start_number=6, classification="CR"),
                r(903, RAINBOW, pao_start_number=8),
                r(904, RAINBOW, pao_start_number=7),
                r(905, RAINBOW, pao_text="BIRTCHFIELDS HOUSE"),
            ),
            901,
        ),  # fmt: skip
        Case(
            "10 a named cottage with the farm's name beside it",
            "THE OLD FARM COTTAGE PAD FARM BADGERCROFT ROAD PIKING",
            "ZZ1 0ZZ",
            (
                r(1001, BADGER, pao_text="OLD FARM COTTAGE"),
                r(1002, BADGER, pao_text="PAD FARM HOUSE"),
            ),
            1001,
        ),
        Case(
            "11 a number and a half",
            "144 & A HALF PIPER ROAD LONDON",
            "W14 0AA",
            (
                r(1101, PIPER, pao_text="144 AND A HALF"),
                r(1102, PIPER, sao_text="FLAT A BASEMENT", pao_text="144 AND A HALF"),
                r(1103, PIPER, sao_text="FLAT B", pao_text="144 AND A HALF"),
                r(1104, PIPER, sao_text="FLAT D", pao_text="144 AND A HALF"),
            ),
            1101,
        ),
        Case(
            "12 the only home at a number with shops",
            "74 HIGH STREET NEWPORT HITCHIN",
            "HH16 8AQ",
            (
                r(1201, NEWPORT, sao_text="FLAT", pao_start_number=74),
                r(
                    1202,
                    NEWPORT,
                    organisation="NATURAL NAILS",
                    pao_start_number=74,
                    classification="CR",
                ),
                r(
                    1203,
                    NEWPORT,
                    organisation="DAVES",
                    pao_start_number=74,
                    pao_start_suffix="B",
                    classification="CR",
                ),
            ),
            1201,
        ),  # fmt: skip
        Case(
            "13 the record names the postal town, the gazetteer the village",
            "29 BEAUWAY COLOURED SANDS",
            "MK1 1AA",
            (
                r(1301, Street("BEAUWAY", "WAVENDON", "MK1 1AA", usrn=1), pao_start_number=29),
                r(
                    1302,
                    Street("PARKWAY", "COLOURED SANDS", "MK1 1AB", usrn=2),
                    pao_start_number=29,
                ),
                r(
                    1303,
                    Street("TURNPIKE COURT", "COLOURED SANDS", "MK1 1AC", usrn=3),
                    pao_start_number=29,
                ),
                r(
                    1304,
                    Street("CHAPEL STREET", "COLOURED SANDS", "MK1 1AC", usrn=4),
                    pao_start_number=29,
                ),
                r(
                    1305,
                    Street("TAVISTOCK CLOSE", "COLOURED SANDS", "MK1 1AC", usrn=5),
                    pao_start_number=29,
                ),
            ),
            1301,
        ),  # fmt: skip
        Case(
            "14 street type mistyped, postcode exact",
            "13 ADELLE DRIVE HISLOP MILTON KEYNES",
            "MKA 7NP",
            (
                r(1401, Street("ADELLE ROAD", "HISLOP", "MKA 7NP", usrn=1), pao_start_number=13),
                r(
                    1402,
                    Street("FENTON DRIVE", "MILTON KEYNES", "MKA 7GB", "HISLOP", 2),
                    pao_start_number=13,
                ),
                r(
                    1403,
                    Street("HARRATT CLOSE", "MILTON KEYNES", "MKA 7GD", "HISLOP", 3),
                    pao_start_number=13,
                ),
                r(
                    1404,
                    Street("STEEVES AVENUE", "MILTON KEYNES", "MKA 7GE", "HISLOP", 4),
                    pao_start_number=13,
                ),
            ),
            1401,
        ),  # fmt: skip
        Case(
            "15 building, its number, then the flat",
            "ZEBRA HOUSE 25 FLAT 45 GOVERNMENT ROAD ST ALBANS ST ALBANS",
            "AL1 1AA",
            (
                r(
                    1501,
                    GOVERNMENT,
                    sao_text="FLAT",
                    sao_start_number=45,
                    pao_text="ZEBRA HOUSE",
                    pao_start_number=25,
                ),
                r(
                    1502,
                    GOVERNMENT,
                    sao_text="FLAT",
                    sao_start_number=26,
                    pao_text="ZEBRA HOUSE",
                    pao_start_number=25,
                ),
                r(1503, GOVERNMENT, pao_start_number=45),
            ),
            1501,
        ),  # fmt: skip
        Case(
            "16 a development site naming the same street twice",
            "11 WEST STREET WAVHAM-BY-SEA WAVHAM-BY-SEA",
            "AA11 2BB",
            (
                r(1601, WEST, pao_start_number=11),
                r(
                    1602,
                    WEST,
                    pao_text="DEVELOPMENT SITE OF 11 WEST STREET AND REAR HALL",
                    classification="LD",
                ),
            ),
            1601,
        ),  # fmt: skip
        Case(
            "17 the postal town the gazetteer omits",
            "15 FRANKLINS CROFT BIRDTON MILTON KEYNES",
            "MK99 1DD",
            (
                r(1701, FRANKLINS, pao_start_number=15),
                r(
                    1702,
                    Street("TRINITY ROAD", "MILTON KEYNES", "MK99 1PD", "OLD BIRDTON", 2),
                    pao_start_number=15,
                ),
                r(1703, FRANKLINS, pao_start_number=28),
                r(1704, FRANKLINS, pao_start_number=1),
                r(1705, FRANKLINS, pao_start_number=3),
            ),
            1701,
        ),  # fmt: skip
        Case(
            "18 an annexe at the same number",
            "8, CHURCH GARDENS, CAPFIELD, LYNN",
            "HA1 1AA",
            (
                r(1801, CHURCH, pao_start_number=8),
                r(1802, CHURCH, sao_text="ANNEXE AT", pao_start_number=8),
            ),
            1801,
        ),
        Case(
            "19 a longer building name holds a shorter one",
            "APPLE AUCTION HOUSE 12 FRUIT STREET PUDDING LANE LANE",
            "A1 1AA",
            (
                r(1901, FRUIT, pao_text="APPLE AUCTION HOUSE", pao_start_number=12),
                r(
                    1902,
                    FRUIT_ONLY,
                    organisation="PUDDING STORES",
                    pao_text="PEAR AUCTION HOUSE",
                    pao_start_number=13,
                    classification="CR",
                ),
                r(1903, FRUIT_ONLY, pao_text="PEAR HOUSE", pao_start_number=12),
                r(1904, FRUIT_ONLY, pao_text="APPLE HOUSE", pao_start_number=12),
            ),
            1901,
        ),  # fmt: skip
        Case(
            "20 a place word that is another street's locality",
            "12 FRUIT STREET PUDDING LANE",
            "A1 1AA",
            (
                r(2001, FRUIT_ONLY, pao_start_number=12),
                r(2002, FRUIT_ONLY, pao_start_number=13),
                r(2003, Street("VEG STREET", "", "A1 1AB", "PUDDING LANE", 2), pao_start_number=12),
                r(2004, Street("VEG STREET", "", "A1 1AB", "PUDDING LANE", 2), pao_start_number=13),
                r(2005, Street("VEG STREET", "", "A1 1AA", "PUDDING LANE", 2), pao_start_number=1),
            ),
            2001,
        ),  # fmt: skip
    ]


UKAM_CASES = _ukam_cases()
#: What the right answer is not, or not yet, and why. The label of block 6 is disputed:
#: TOP FLOOR of a house whose flats are the ground, first and "second and third floors" is
#: the second-and-third-floors flat (the highest floor the building has), which is what
#: PlaceLink answers. Block 7's label is disputed too (FLAT B is not FLAT 2): the right
#: outcome is no match (issue 11 item 7): 153 is divided into flats and B is not among
#: them, so the bare house is no answer (ambiguous, for review). Block 14's postcode has no
#: valid part (MKA) but is the very code the gazetteer holds for 13 ADELLE ROAD, so it
#: counts, and the street type that differs leaves the match under review's score. Cases
#: not reached yet would be strict xfails in UKAM_NOT_YET (none today).
UKAM_EXPECTED: dict[str, tuple[str, int | None]] = {
    # (outcome by the label, UPRN): 603 is "wrong" by the label, the answer argued above
    "6 top floor flat labelled as the first floor flat": ("wrong", 603),
    "7 flat B labelled as flat 2 of the same house": ("not matched", None),
}
UKAM_NOT_YET: dict[str, str] = {}


def _outcome(case: Case) -> tuple[str, int | None, str]:
    res = Matcher(list(case.rows)).match_one(case.text, case.postcode)
    if res.match_status != MATCHED:
        return (
            "not matched",
            res.uprn if res.match_status != "unmatched" else None,
            res.match_reason,
        )
    return ("right" if res.uprn == case.truth else "wrong"), res.uprn, res.match_reason


@pytest.fixture(scope="module")
def ukam_outcomes() -> dict[str, tuple[str, int | None, str]]:
    return {case.name: _outcome(case) for case in UKAM_CASES}


def test_ukam_edge_cases_today(ukam_outcomes: dict[str, tuple[str, int | None, str]]) -> None:
    """The level reached (guards against regressions): 18 of 20 right by their labels, and
    a wrong answer by its label only in the disputed block 6 (block 7 is not matched)."""
    right = [n for n, o in ukam_outcomes.items() if o[0] == "right"]
    wrong = sorted(n.split()[0] for n, o in ukam_outcomes.items() if o[0] == "wrong")
    report = "\n".join(f"{n}: {o}" for n, o in ukam_outcomes.items() if o[0] != "right")
    assert len(right) >= 18, report
    assert set(wrong) <= {"6"}, report


def test_ukam_edge_cases_goal(ukam_outcomes: dict[str, tuple[str, int | None, str]]) -> None:
    """Issue 11's goal on UKAM's cases: at least 18 right, at most 1 wrong (here: 18 of the
    20 stored blocks right by their label or by the answer argued in UKAM_EXPECTED)."""
    good = [
        n
        for n, (status, uprn, _) in ukam_outcomes.items()
        if (status, uprn if status != "not matched" else None)
        == UKAM_EXPECTED.get(n, ("right", next(c.truth for c in UKAM_CASES if c.name == n)))
    ]
    wrong = [n for n, o in ukam_outcomes.items() if o[0] == "wrong" and n not in good]
    assert len(good) >= 18 and len(wrong) <= 1


def _ukam_params() -> list:
    out = []
    for case in UKAM_CASES:
        marks = ()
        if case.name in UKAM_NOT_YET:
            marks = (pytest.mark.xfail(strict=True, reason=UKAM_NOT_YET[case.name]),)
        out.append(pytest.param(case, id=case.name.split()[0], marks=marks))
    return out


@pytest.mark.parametrize("case", _ukam_params())
def test_ukam_edge_case(case: Case, ukam_outcomes: dict) -> None:
    status, uprn, reason = ukam_outcomes[case.name]
    expected = UKAM_EXPECTED.get(case.name, ("right", case.truth))
    # "not matched" gives no UPRN as the answer (an ambiguous one is only a lead)
    assert (status, uprn if status != "not matched" else None) == expected, reason


# ONS Address Index: how sub-building and building names split into SAO and PAO parts
# (text, expected (flat key, house number, suffix, range end) of the first reading).
ONS_PARSES = [
    ("65B HIGH STREET", ("", 65, "B", None)),
    ("65 HIGH STREET", ("", 65, "", None)),
    ("65B, 12 HIGH STREET", ("65B", 12, "", None)),  # building name 65B, number 12
    ("65 B 12 HIGH STREET", ("65B", 12, "", None)),  # the same, not adjacent
    ("120-122 HIGH STREET", ("", 120, "", 122)),
    ("120 - 122 HIGH STREET OXFORD", ("", 120, "", 122)),
    ("1 TO 2 HIGH STREET", ("", 1, "", 2)),
    ("120-A HIGH STREET", ("", 120, "A", None)),  # house 120 (its letter kept)
    ("65 120-122 HIGH STREET", ("65", 120, "", 122)),  # SAO 65 of the range
    ("FLAT 2, SHIRE HOUSE 75-77 HIGH STREET", ("2", 75, "", 77)),
    ("11A-111A FIRST FLOOR FLAT, 237A HIGH STREET", ("11A-111A", 237, "A", None)),
    ("1B-1C COLEMAN HOUSE 1-3 HIGH STREET", ("1B-1C", 1, "", 3)),
    ("311C-311B 311A-311 HIGH STREET", ("311C-311B", 311, "A", None)),
    ("4-5D ASHFORD BUSINESS COMPLEX 166 HIGH STREET", ("4-5D", 166, "", None)),
    ("8B-8C THE MEWS 15A HIGH STREET", ("8B-8C", 15, "A", None)),
    ("FLAT B 15A HIGH STREET", ("B", 15, "A", None)),
    ("44A-44F PICCADILLY COURT 457-463 HIGH STREET", ("44A-44F", 457, "", 463)),
    ("123456A-123456F PICCADILLY COURT 123456-123456", ("", None, "", None)),  # too long
]


@pytest.mark.parametrize(("text", "expected"), ONS_PARSES)
def test_ons_parser_cases(text: str, expected: tuple) -> None:
    r = parse(text).readings[0]
    assert (r.flat, r.number, r.suffix, r.end) == expected


ONS_HIGH = Street("HIGH STREET", "OXFORD", "OX1 1AA")


def _ons_gazetteer() -> list[dict[str, object]]:
    r, h = _row, ONS_HIGH
    return [
        r(1, h, pao_start_number=65, pao_start_suffix="B"),
        r(2, h, pao_start_number=65),
        r(3, h, pao_start_number=12, classification="PP"),
        r(4, h, sao_start_number=65, sao_start_suffix="B", pao_start_number=12, parent_uprn=3),
        r(5, h, pao_start_number=120, pao_end_number=122, classification="PP"),
        r(6, h, sao_start_number=65, pao_start_number=120, pao_end_number=122, parent_uprn=5),
        r(7, h, pao_text="SHIRE HOUSE", pao_start_number=75, pao_end_number=77,
          classification="PP"),
        r(8, h, sao_text="FLAT", sao_start_number=2, pao_text="SHIRE HOUSE",
          pao_start_number=75, pao_end_number=77, parent_uprn=7),
        r(9, h, pao_text="COLEMAN HOUSE", pao_start_number=1, pao_end_number=3,
          classification="PP"),
        r(10, h, sao_start_number=1, sao_start_suffix="B", sao_end_number=1,
          sao_end_suffix="C", pao_text="COLEMAN HOUSE", pao_start_number=1, pao_end_number=3,
          parent_uprn=9),
        r(11, h, sao_start_number=1, sao_start_suffix="A", pao_text="COLEMAN HOUSE",
          pao_start_number=1, pao_end_number=3, parent_uprn=9),
        r(12, h, sao_start_number=4, sao_end_number=5, sao_end_suffix="D",
          pao_text="ASHFORD BUSINESS COMPLEX", pao_start_number=166, classification="CI"),
        r(13, h, sao_start_number=6, pao_text="ASHFORD BUSINESS COMPLEX",
          pao_start_number=166, classification="CI"),
        r(14, h, sao_start_number=8, sao_start_suffix="B", sao_end_number=8,
          sao_end_suffix="C", pao_text="THE MEWS", pao_start_number=15, pao_start_suffix="A"),
        r(15, h, sao_text="FLAT B", pao_start_number=15, pao_start_suffix="A"),
        r(16, h, pao_start_number=15, pao_start_suffix="A", classification="PP"),
        r(17, h, sao_start_number=44, sao_start_suffix="A", sao_end_number=44,
          sao_end_suffix="F", pao_text="PICCADILLY COURT", pao_start_number=457,
          pao_end_number=463),
        r(18, h, sao_start_number=11, sao_start_suffix="A", sao_end_number=111,
          sao_end_suffix="A", pao_start_number=237, pao_start_suffix="A"),
        r(19, Street("GRANVILLE ROAD", "ST ALBANS", "AL1 5BE", usrn=2), pao_start_number=9),
        r(20, Street("ESSEX CLOSE", "CAMBERLEY", "GU16 9FH", "FRIMLEY", 3),
          organisation="HILL VIEW CARE HOME", pao_start_number=5, classification="RI01"),
        r(21, Street("TYNE AND WEAR ROAD", "SOUTHAMPTON", "S01 1ZZ", usrn=4),
          pao_text="ESSEX HOUSE"),
        r(22, Street("CUMBRIA LANE", "OXFORD", "OX14 1ZZ", usrn=5), pao_text="DEVON VIEW"),
        r(23, Street("CAERPHILLY LANE", "SHEFFIELD", "S11 1SS", usrn=6), pao_text="SALOP HOUSE"),
        r(24, Street("ALBANY ROAD", "LONDON", "E12 6AA", "MANOR PARK", 7), pao_start_number=3),
        r(25, Street("ALBANY ROAD", "LONDON", "N4 4AA", "STROUD GREEN", 8), pao_start_number=3),
    ]  # fmt: skip


ONS_MATCHES = [
    ("65B HIGH STREET OXFORD", None, 1),
    ("65 HIGH STREET OXFORD", None, 2),
    ("65B, 12 HIGH STREET, OXFORD", None, 4),
    ("65 B 12 HIGH STREET OXFORD", None, 4),
    ("65 120-122 HIGH STREET OXFORD", None, 6),
    ("FLAT 2, SHIRE HOUSE 75-77 HIGH STREET OXFORD", None, 8),
    ("1B-1C COLEMAN HOUSE 1-3 HIGH STREET OXFORD", None, 10),
    ("4-5D ASHFORD BUSINESS COMPLEX 166 HIGH STREET OXFORD", None, 12),
    ("8B-8C THE MEWS 15A HIGH STREET OXFORD", None, 14),
    ("FLAT B 15A HIGH STREET OXFORD", None, 15),
    ("44A-44F PICCADILLY COURT 457-463 HIGH STREET OXFORD", None, 17),
    ("11A-111A FIRST FLOOR FLAT, 237A HIGH STREET, OXFORD", None, 18),
    # county and country names after the town (ONS removes them before parsing)
    ("9 GRANVILLE ROAD ST. ALBANS HERTS AL1 5BE", None, 19),
    ("9 GRANVILLE ROAD ST. ALBANS HERTFORDSHIRE AL1 5BE", None, 19),
    ("HILL VIEW CARE HOME 5 ESSEX CLOSE FRIMLEY CAMBERLEY GU16 9FH ENGLAND", None, 20),
    ("ESSEX HOUSE TYNE AND WEAR ROAD MIDDX S01 1ZZ", None, 21),
    ("ESSEX HOUSE TYNE AND WEAR ROAD MIDDLESEX S01 1ZZ", None, 21),
    ("DEVON VIEW CUMBRIA LANE OXFORD TYNE AND WEAR OX14 1ZZ", None, 22),
    ("SALOP HOUSE CAERPHILLY LANE SIR Y FFLINT S11 1SS", None, 23),
    # a London locality typed after the street names which Albany Road it is
    ("3 ALBANY ROAD MANOR PARK LONDON", None, 24),
]


@pytest.fixture(scope="module")
def ons_matcher() -> Matcher:
    return Matcher(_ons_gazetteer())


@pytest.mark.parametrize(("text", "postcode", "uprn"), ONS_MATCHES)
def test_ons_cases_match_their_address(
    ons_matcher: Matcher, text: str, postcode: str | None, uprn: int
) -> None:
    res = ons_matcher.match_one(text, postcode)
    assert (res.uprn, res.match_status) == (uprn, MATCHED), res.match_reason
