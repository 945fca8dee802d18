"""Gazetteer index: entries, blocking keys, alternatives and the content-keyed cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from placelink.core.matching import Matcher
from placelink.core.matching.index import (
    GazetteerIndex,
    alternatives_of,
    fingerprint,
    load_or_build,
    split_street,
)

from .test_matcher import GAZETTEER


def test_entries_and_keys() -> None:
    index = GazetteerIndex.build(GAZETTEER)
    alt = 1  # one alternative LPI in the fixture
    assert len(index) == len(GAZETTEER) + alt
    i = int((index.uprn == 1012).nonzero()[0][0])
    assert (index.number[i], index.end[i]) == (12, 14)
    assert set(index.by_sector_number[("NB1 2", 13)]) == {i}  # range members are blocking keys
    assert index.flat[int((index.uprn == 1019).nonzero()[0][0])] == "F0"
    assert index.is_parent[int((index.uprn == 1016).nonzero()[0][0])]
    assert index.places == {
        "NORTHBRIDGE": "town",
        "KELLINGTON": "town",
        "ASHLEY GREEN": "locality",
        "FERNLEY": "locality",
    }


def test_alternative_lpi_points_to_its_uprn() -> None:
    index = GazetteerIndex.build(GAZETTEER)
    alts = index.is_alternative.nonzero()[0]
    assert [int(index.uprn[i]) for i in alts] == [6001]
    assert index.building[alts[0]] == "THE OLD FORGE"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, []),
        ("", []),
        ("A ROAD | B ROAD", ["A ROAD", "B ROAD"]),
        ("A ROAD\nB ROAD", ["A ROAD", "B ROAD"]),
        (["A ROAD", "B ROAD"], ["A ROAD", "B ROAD"]),
        ([{"pao_start_number": 3, "street_description": "B ROAD"}], ["3 B ROAD"]),
    ],
)
def test_alternatives_forms(value: object, expected: list[str]) -> None:
    assert alternatives_of(value) == expected


def test_split_street() -> None:
    assert split_street("Church Rd") == ("CHURCH", "ROAD")
    assert split_street("THE BROADWAY") == ("THE BROADWAY", "")
    assert split_street("") == ("", "")


def test_layer_with_only_single_line_addresses() -> None:
    records = [
        {"uprn": 1, "address": "FLAT 2, 10 HIGH STREET, NORTHBRIDGE, NB1 2AB"},
        {"uprn": 2, "address": "10A HIGH STREET, NORTHBRIDGE, NB1 2AB"},
        {"uprn": 3, "address": "ROSE COTTAGE, MILL LANE, KELLINGTON, KL2 4EF"},
    ]
    matcher = Matcher(records)
    assert matcher.match_one("Flat 2, 10 High St", "NB1 2AB").uprn == 1
    assert matcher.match_one("10a High St, Northbridge").uprn == 2
    assert matcher.match_one("Rose Cottage, Mill Lane").uprn == 3


def test_records_without_uprn_are_skipped() -> None:
    index = GazetteerIndex.build(
        [{"uprn": None, "address": "1 A ROAD"}, {"uprn": 5, "address": "2 A ROAD"}]
    )
    assert index.uprn.tolist() == [5]


def test_fingerprint_depends_on_content_not_order() -> None:
    a = fingerprint(GAZETTEER)
    assert fingerprint(list(reversed(GAZETTEER))) == a
    changed = [dict(r) for r in GAZETTEER]
    changed[0]["pao_start_number"] = 9
    assert fingerprint(changed) != a


def test_cache_is_written_once_and_reused(tmp_path: Path) -> None:
    first = load_or_build(GAZETTEER, tmp_path)
    files = list(tmp_path.glob("gazetteer-*.idx"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    again = load_or_build(GAZETTEER, tmp_path)
    assert files[0].stat().st_mtime_ns == stamp  # read, not rebuilt
    assert again.fingerprint == first.fingerprint
    assert again.uprn.tolist() == first.uprn.tolist()
    changed = [dict(r) for r in GAZETTEER]
    changed[0]["postcode"] = "NB9 9ZZ"
    load_or_build(changed, tmp_path)
    assert len(list(tmp_path.glob("gazetteer-*.idx"))) == 2


def test_unreadable_cache_is_rebuilt(tmp_path: Path) -> None:
    index = load_or_build(GAZETTEER, tmp_path)
    path = next(tmp_path.glob("gazetteer-*.idx"))
    path.write_bytes(b"not a pickle")
    assert GazetteerIndex.load(path) is None
    rebuilt = load_or_build(GAZETTEER, tmp_path)
    assert rebuilt.fingerprint == index.fingerprint
    assert GazetteerIndex.load(path) is not None


def test_parent_shells_by_classification_or_by_children() -> None:
    shell = {
        "uprn": 1,
        "classification": "PP",
        "pao_start_number": 5,
        "street_description": "A ROAD",
    }
    house = {
        "uprn": 2,
        "classification": "RD02",
        "pao_start_number": 7,
        "street_description": "A ROAD",
    }
    annexe = {"uprn": 3, "parent_uprn": 2, "classification": "RD06", "sao_text": "ANNEXE",
              "pao_start_number": 7, "street_description": "A ROAD"}  # fmt: skip
    index = GazetteerIndex.build([shell, house, annexe])
    assert index.is_parent.tolist() == [True, False, False]  # a house with an annexe is a dwelling
    bare = [{k: v for k, v in r.items() if k != "classification"} for r in (shell, house, annexe)]
    assert GazetteerIndex.build(bare).is_parent.tolist() == [False, True, False]
