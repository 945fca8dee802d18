"""Every file of the malformed corpus, read by the core loaders: rows and REJECTED rows with
reasons that account for every row read, or one ValueError sentence naming the file."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from placelink.core.formats.assemble import AddressLoadStats
from placelink.core.loaders import load_addresses
from placelink.core.records import LoadStats, Reject
from placelink.core.street_loaders import load_postcodes, load_streets

_SPEC = importlib.util.spec_from_file_location(
    "malformed_corpus", Path(__file__).resolve().parents[2] / "fixtures/malformed/corpus.py"
)
corpus = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(corpus)


def _load(algorithm: str, path: Path) -> tuple[list, LoadStats]:
    if algorithm == corpus.ADDRESSES:
        stats = AddressLoadStats()
        return list(load_addresses([path], "auto", stats)), stats
    stats = LoadStats()
    if algorithm == corpus.STREETS:
        return list(load_streets([path], "auto", stats)), stats
    return list(load_postcodes([path], stats)), stats


def _merged(stats: LoadStats) -> int:
    accounted = getattr(stats, "accounted", None)
    return accounted() - stats.accepted - stats.rejected if accounted else 0


def test_the_corpus_has_at_least_thirty_files() -> None:
    files = {p.name for p in corpus.HERE.iterdir() if p.suffix not in (".py",)}
    assert len(files) >= 30
    assert {name for name, _, _ in corpus.CORPUS} <= files


@pytest.mark.parametrize(("name", "algorithm", "expected"), corpus.CORPUS)
def test_malformed_file(name: str, algorithm: str, expected: tuple) -> None:
    path = corpus.HERE / name
    if expected[0] == "error":
        with pytest.raises(ValueError) as caught:
            _load(algorithm, path)
        message = str(caught.value)
        assert name in message and expected[1] in message
        assert "\n" not in message and "\x00" not in message
        return
    items, stats = _load(algorithm, path)
    rejects = [i for i in items if isinstance(i, Reject)]
    assert (len(items) - len(rejects), len(rejects)) == expected[1:]
    assert all(r.reason.strip() for r in rejects)
    assert stats.data_rows == stats.accepted + stats.rejected + _merged(stats)


def test_a_ten_megabyte_line_is_one_rejected_row(tmp_path: Path) -> None:
    path = tmp_path / "long_line.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\r\n")
        out.write("10001,358000.00,173000.00,51.455,-2.59\r\n")
        out.write("10002," + "9" * 10_000_000 + ",173000.00,51.455,-2.59\r\n")
        out.write("10003,358020.00,173020.00,51.455,-2.59\r\n")
    items, stats = _load(corpus.ADDRESSES, path)
    rejects = [i for i in items if isinstance(i, Reject)]
    assert len(items) == 3 and len(rejects) == 1
    assert rejects[0].line == 3 and len(rejects[0].reason) < 300
    assert stats.data_rows == 3
