"""Gazetteer index: entries, blocking keys, alternatives and the content-keyed cache."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import numpy as np
import pytest
from placelink.core.matching import Matcher, index_cache
from placelink.core.matching.index import (
    INDEX_VERSION,
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


def _same(a: object, b: object) -> bool:
    """Equal values of the same types, element by element (arrays by dtype and content)."""
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list) or isinstance(a, tuple):
        return len(a) == len(b) and all(_same(x, b[i]) for i, x in enumerate(a))
    return a == b


def test_cache_round_trip_keeps_every_field_and_type(tmp_path: Path) -> None:
    from placelink.bench.matching.gazetteer import build_council

    records = build_council(3000, seed=3)
    index = GazetteerIndex.build(records)
    path = tmp_path / "g.idx"
    index.save(path)
    loaded = GazetteerIndex.load(path)
    assert loaded is not None
    for f in dataclasses.fields(GazetteerIndex):
        assert _same(getattr(index, f.name), getattr(loaded, f.name)), f.name
    assert loaded.streets[5].full == index.streets[5].full
    texts = [str(r["address"]) for r in records[:400]]
    postcodes = [r.get("postcode") for r in records[:400]]
    before = Matcher(index=index).match_batch(texts, postcodes)
    after = Matcher(index=loaded).match_batch(texts, postcodes)
    assert [m.as_dict() for m in after] == [m.as_dict() for m in before]
    assert sum(m.match_status == "matched" for m in after) > 300


class _Payload:
    """A pickle that would create a file when unpickled."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple:
        return (Path.touch, (self.target,))


def test_cache_never_unpickles(tmp_path: Path) -> None:
    load_or_build(GAZETTEER, tmp_path)
    path = next(tmp_path.glob("gazetteer-*.idx"))
    target = tmp_path / "executed"
    path.write_bytes(pickle.dumps((8, _Payload(target))))
    assert GazetteerIndex.load(path) is None
    assert not target.exists()
    # an .npz whose arrays are pickled objects is refused too
    with open(path, "wb") as f:
        np.savez(f, __meta__=np.array([_Payload(target)], dtype=object))
    assert GazetteerIndex.load(path) is None
    assert not target.exists()
    assert load_or_build(GAZETTEER, tmp_path).fingerprint == fingerprint(GAZETTEER)


def test_cache_of_another_version_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "g.idx"
    GazetteerIndex.build(GAZETTEER).save(path)
    assert GazetteerIndex.load(path) is not None
    assert index_cache.read(path, INDEX_VERSION + 1) is None
    truncated = path.read_bytes()[:200]
    path.write_bytes(truncated)
    assert GazetteerIndex.load(path) is None
