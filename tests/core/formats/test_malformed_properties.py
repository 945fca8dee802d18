"""Property tests over every reader in core/formats and the loaders: whatever the input,
a reader never raises (a loader raises only ValueError/OSError with a message naming the
file) and every data row read is loaded, rejected or merged."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from placelink.core.formats import (
    addressbase,
    addressbase_plus_core,
    assemble,
    codepoint,
    dtf73,
    dtf73_streets,
    dtf81,
    open_roads,
    open_uprn,
    open_usrn,
)
from placelink.core.formats.assemble import AddressLoadStats
from placelink.core.loaders import load_addresses
from placelink.core.records import LoadStats, Reject
from placelink.core.sources import Source
from placelink.core.street_loaders import load_postcodes, load_streets

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _first_line(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig").splitlines()[0]


HEADERS = [
    "",
    _first_line(FIXTURES / "addresses" / "abplus.csv"),
    _first_line(FIXTURES / "addresses" / "abcore.csv"),
    "UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE",
    _first_line(FIXTURES / "addresses" / "dtf73_full.csv"),
    _first_line(FIXTURES / "addresses" / "abp_schema2.csv"),
    _first_line(FIXTURES / "streets" / "dtf81_full.csv"),
    '"PC","PQ","EA","NO","CY","RH","LH","CC","DC","WC"',
]
RECORD_TYPES = ["10", "11", "12", "13", "14", "15", "16", "17", "21", "22", "23", "24", "28",
                "29", "30", "31", "32", "51", "52", "53", "61", "62", "63", "64", "66", "99",
                "77", "", "x"]  # fmt: skip
FIELD = st.one_of(
    st.sampled_from(
        [
            "",
            "I",
            "U",
            "D",
            "F",
            "C",
            "ENG",
            "CYM",
            "RD04",
            "TN13 1AA",
            "1",
            "2",
            "8",
            "2024-01-01",
            "2024-13-45",
            "-5",
            "1e400",
            "nan",
            "inf",
            "0",
            "999999999999999999999",
            "552100.00",
            "155100.5",
            '"quoted, comma"',
            '"unclosed',
            "=1+1",
            "\x00",
        ]
    ),  # fmt: skip
    st.integers(-(10**14), 10**14).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=12),
)
ROW = st.tuples(st.sampled_from(RECORD_TYPES), st.lists(FIELD, max_size=30)).map(
    lambda r: ",".join([r[0], *r[1]])
)
FILE = st.tuples(
    st.sampled_from(HEADERS),
    st.lists(ROW, max_size=25),
    st.sampled_from(["\r\n", "\n"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
).map(lambda f: (f[0] + f[2] if f[0] else "") + f[2].join(f[1]) + f[2])


def _encode(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding, errors="replace")


FILES = st.one_of(
    FILE.map(_encode),
    st.tuples(FILE, st.sampled_from(["cp1252", "utf-16", "utf-8-sig"])).map(
        lambda f: _encode(f[0], f[1])
    ),
    st.binary(max_size=400),
)


def _sources(files: list[bytes]) -> list[Source]:
    return [Source(f"f{i}.csv", lambda d=data: io.BytesIO(d)) for i, data in enumerate(files)]


def _merged(stats: LoadStats) -> int:
    if isinstance(stats, AddressLoadStats):
        return stats.accounted() - stats.accepted - stats.rejected
    return 0


CSV_READERS = {
    "open_uprn": open_uprn.read,
    "abplus": addressbase_plus_core.read_plus,
    "abcore": addressbase_plus_core.read_core,
    "dtf73": lambda s, st_: assemble.read(dtf73.Layout(), s, st_),
    "addressbase": lambda s, st_: assemble.read(addressbase.Layout(), s, st_),
    "dtf73_streets": dtf73_streets.read,
    "dtf81": dtf81.read,
    "codepoint": codepoint.read,
}


@pytest.mark.parametrize("reader", sorted(CSV_READERS))
@SETTINGS
@given(files=st.lists(FILES, min_size=1, max_size=3))
def test_csv_reader_never_raises_and_accounts_for_every_row(reader: str, files: list) -> None:
    stats = AddressLoadStats() if reader in ("dtf73", "addressbase") else LoadStats()
    items = list(CSV_READERS[reader](_sources(files), stats))
    rejects = [i for i in items if isinstance(i, Reject)]
    assert all(isinstance(r.reason, str) and r.reason for r in rejects)
    assert stats.rejected == len(rejects)
    assert stats.data_rows == stats.accepted + stats.rejected + _merged(stats)


VALUE = st.one_of(
    st.none(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=10),
    st.booleans(),
    st.binary(max_size=8),
)
POINT = st.tuples(
    st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True, allow_infinity=True)
)
GEOMETRY = st.one_of(
    st.none(),
    st.binary(max_size=60),
    st.lists(st.lists(POINT, max_size=4), max_size=3),
)
NAMES = ["usrn", "street_type", "id", "start_node", "end_node", "name_1",
         "road_classification", "road_function", "form_of_way", "length", "direction",
         "fictitious", "loop", "other"]  # fmt: skip
FEATURE = st.tuples(st.dictionaries(st.sampled_from(NAMES), VALUE, max_size=10), GEOMETRY)


@pytest.mark.parametrize("reader", ["open_usrn", "open_roads"])
@SETTINGS
@given(features=st.lists(FEATURE, max_size=20))
def test_vector_reader_never_raises_and_accounts_for_every_feature(
    reader: str, features: list
) -> None:
    read = open_usrn.read if reader == "open_usrn" else open_roads.read
    stats = LoadStats()
    rows = [
        ("layer", fid, attributes, geometry) for fid, (attributes, geometry) in enumerate(features)
    ]
    items = list(read(rows, stats))
    rejects = [i for i in items if isinstance(i, Reject)]
    assert stats.data_rows == len(features)
    assert stats.data_rows == stats.accepted + stats.rejected
    assert stats.rejected == len(rejects)


@SETTINGS
@given(data=FILES, loader=st.sampled_from(["addresses", "streets", "postcodes"]))
def test_loaders_fail_only_with_a_sentence_naming_the_file(
    tmp_path_factory, data: bytes, loader: str
) -> None:
    path = tmp_path_factory.mktemp("prop") / "input.csv"
    path.write_bytes(data)
    stats = AddressLoadStats() if loader == "addresses" else LoadStats()
    try:
        if loader == "addresses":
            items = list(load_addresses([path], "auto", stats))
        elif loader == "streets":
            items = list(load_streets([path], "auto", stats))
        else:
            items = list(load_postcodes([path], stats))
    except (ValueError, OSError) as exc:
        assert "input.csv" in str(exc) and "\n" not in str(exc)
        return
    rejects = [i for i in items if isinstance(i, Reject)]
    assert stats.rejected == len(rejects)
    assert stats.data_rows == stats.accepted + stats.rejected + _merged(stats)
