"""The sample council's DTF 7.3 LLPG and NSG DTF 8.1 files read back with PlaceLink's loaders.

Every UPRN and USRN of ``sample_council.gpkg`` must come back unchanged through the
exported files, with nothing rejected; the exporter is deterministic and the committed
files are what it writes (run ``scripts/export_sample_dtf.py`` after ``make sample``).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from placelink.core.address_text import address_line
from placelink.core.formats.assemble import AddressLoadStats, parse_alternatives
from placelink.core.loaders import load_addresses
from placelink.core.records import LoadStats, Reject
from placelink.core.street_loaders import load_streets
from sample_council.exports import extra_lpis, write_dtf73, write_dtf81

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"
GPKG = SAMPLE / "sample_council.gpkg"
LLPG = "llpg_dtf73.csv"
NSG = "nsg_dtf81.csv"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dtf")
    write_dtf73(GPKG, folder / LLPG)
    write_dtf81(GPKG, folder / NSG)
    return folder


@pytest.fixture(scope="module")
def gpkg() -> dict[str, pd.DataFrame]:
    return {
        name: pyogrio.read_dataframe(GPKG, layer=name)
        for name in ("addresses", "streets", "street_segments")
    }


@pytest.fixture(scope="module")
def loaded_addresses(exported: Path) -> tuple[list[dict], list[Reject], AddressLoadStats]:
    stats = AddressLoadStats()
    out = list(load_addresses([exported / LLPG], "auto", stats))
    return (
        [r for r in out if not isinstance(r, Reject)],
        [r for r in out if isinstance(r, Reject)],
        stats,
    )


@pytest.fixture(scope="module")
def loaded_streets(exported: Path) -> tuple[list[dict], list[Reject], LoadStats]:
    stats = LoadStats()
    out = list(load_streets([exported / NSG], "auto", stats))
    return (
        [r for r in out if not isinstance(r, Reject)],
        [r for r in out if isinstance(r, Reject)],
        stats,
    )


def _value(value: object) -> object:
    """GeoPackage value in the loaders' terms: None for missing, whole floats as int."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def _records(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


# --- the LLPG -----------------------------------------------------------------------------
COMPARED = (
    "parent_uprn", "usrn",
    "sao_start_number", "sao_start_suffix", "sao_end_number", "sao_end_suffix", "sao_text",
    "pao_start_number", "pao_start_suffix", "pao_end_number", "pao_end_suffix", "pao_text",
    "street_description", "locality", "town", "administrative_area", "postcode",
    "classification", "logical_status", "blpu_state", "address", "rpc", "start_date",
    "end_date", "last_update_date", "language", "official_flag", "postal_address",
    "organisation",
)  # fmt: skip


def test_llpg_loads_as_dtf73_without_rejects(loaded_addresses) -> None:
    records, rejects, stats = loaded_addresses
    assert "detected format: DTF 7.3" in stats.detected
    assert rejects == []
    assert stats.rejected == 0
    assert stats.warnings == []  # includes the trailer's record count check
    assert all(r["source"] == "DTF 7.3" for r in records)


def test_every_uprn_round_trips(loaded_addresses, gpkg) -> None:
    records, _, _ = loaded_addresses
    addresses = gpkg["addresses"]
    by_uprn = {r["uprn"]: r for r in records}
    assert sorted(by_uprn) == sorted(addresses["uprn"].tolist())
    assert len(records) == len(addresses)
    loaded_xy = np.array([(by_uprn[u]["x"], by_uprn[u]["y"]) for u in addresses["uprn"]])
    expected_xy = shapely.get_coordinates(addresses.geometry.to_numpy())
    assert np.abs(loaded_xy - expected_xy).max() <= 0.01
    mismatches = []
    for row in addresses.itertuples(index=False):
        got = by_uprn[row.uprn]
        for name in COMPARED:
            want = _value(getattr(row, name))
            if got[name] != want:
                mismatches.append((row.uprn, name, want, got[name]))
    assert mismatches == []


def test_alternative_and_historic_lpis_fill_alternatives(loaded_addresses, gpkg) -> None:
    records, _, _ = loaded_addresses
    addresses = gpkg["addresses"].sort_values("uprn", kind="stable").reset_index(drop=True)
    extra = extra_lpis(addresses)
    assert Counter(extra["lpi_status"].tolist()) == {3: 12, 8: 12}
    by_uprn = {r["uprn"]: r for r in records}
    with_alternatives = {u for u, r in by_uprn.items() if r["alternatives"]}
    assert with_alternatives == set(extra["uprn"].tolist())
    for lpi in extra.itertuples(index=False):
        got = by_uprn[lpi.uprn]
        v = {name: _value(value) for name, value in lpi._asdict().items()}
        pao = tuple(
            v[f"pao_{part}"]
            for part in ("start_number", "start_suffix", "end_number", "end_suffix", "text")
        )
        expected = address_line(
            v["organisation"],
            (None, None, None, None, None),
            pao,
            v["street_description"],
            v["locality"],
            v["town"],
            v["postcode"],
        )
        assert parse_alternatives(got["alternatives"]) == [("LPI", lpi.lpi_status, "ENG", expected)]
        assert got["address"] != expected  # the preferred LPI still gives the address
        assert got["logical_status"] == 1


def test_llpg_trailer_and_record_counts(exported, gpkg, loaded_addresses) -> None:
    rows = _records(exported / LLPG)
    header, body, trailer = rows[0], rows[1:-1], rows[-1]
    assert header[0] == "10" and header[7] == "7.3" and header[8] == "F"
    assert trailer[0] == "99" and int(trailer[2]) == len(body)
    counts = Counter(r[0] for r in body)
    streets, addresses = gpkg["streets"], gpkg["addresses"]
    assert counts == {
        "11": len(streets),
        "15": len(streets),
        "21": len(addresses),
        "24": len(addresses) + len(extra_lpis(addresses)),
    }
    _, _, stats = loaded_addresses
    assert stats.data_rows == len(body)


def test_llpg_streets_load_as_dtf73_streets(exported, gpkg) -> None:
    stats = LoadStats()
    out = list(load_streets([exported / LLPG], "auto", stats))
    assert "detected format: DTF 7.3 streets" in stats.detected
    assert [r for r in out if isinstance(r, Reject)] == []
    assert sorted(r["usrn"] for r in out) == sorted(gpkg["streets"]["usrn"].tolist())
    assert {r["geometry_source"] for r in out} == {"start-end line"}


# --- the NSG ------------------------------------------------------------------------------
def test_nsg_loads_as_dtf81_without_rejects(loaded_streets) -> None:
    records, rejects, stats = loaded_streets
    assert "detected format: NSG DTF 8.1" in stats.detected
    assert rejects == []
    assert stats.rejected == 0
    assert stats.warnings == []  # trailer count and NUM_COORD_COUNT agree
    assert stats.accepted == stats.data_rows
    assert {r["geometry_source"] for r in records} == {"ESU"}


def test_every_usrn_round_trips_with_its_length(loaded_streets, gpkg) -> None:
    records, _, _ = loaded_streets
    streets = gpkg["streets"].set_index("usrn")
    by_usrn = {r["usrn"]: r for r in records}
    assert sorted(by_usrn) == sorted(streets.index.tolist())
    lengths = pd.Series(
        {u: sum(shapely.LineString(part).length for part in r["lines"]) for u, r in by_usrn.items()}
    )
    expected = streets.geometry.length
    assert (lengths.reindex(expected.index) - expected).abs().max() <= 0.5
    for usrn, row in streets.iterrows():
        got = by_usrn[usrn]
        for name in ("street_description", "locality", "town", "administrative_area"):
            assert got[name] == _value(row[name]), (usrn, name)
        for name in ("street_type", "state", "surface", "start_date", "state_date"):
            assert got[name] == _value(row[name]), (usrn, name)


def test_nsg_trailer_and_record_counts(exported, gpkg, loaded_streets) -> None:
    rows = _records(exported / NSG)
    header, body, trailer = rows[0], rows[1:-1], rows[-1]
    assert header[0] == "10" and header[7] == "8.1" and header[8] == "F"
    assert trailer[0] == "99" and int(trailer[2]) == len(body)
    segments = gpkg["street_segments"]
    counts = Counter(r[0] for r in body)
    points = int(shapely.get_num_coordinates(segments.geometry.to_numpy()).sum())
    assert counts == {
        "11": len(gpkg["streets"]),
        "15": len(gpkg["streets"]),
        "12": len(segments),
        "13": len(segments),
        "14": points,
    }
    # one ESU per segment, linked to the segment's USRN, coordinates numbered 1..n in order
    esu_usrn = {int(r[5]): int(r[3]) for r in body if r[0] == "12"}
    assert len(esu_usrn) == len(segments)
    assert Counter(esu_usrn.values()) == Counter(segments["usrn"].tolist())
    coords = [r for r in body if r[0] == "14"]
    numbers: dict[int, list[int]] = {}
    for r in coords:
        numbers.setdefault(int(r[3]), []).append(int(r[5]))
    assert all(n == list(range(1, len(n) + 1)) for n in numbers.values())
    _, _, stats = loaded_streets
    assert stats.data_rows == len(body)


# --- the files themselves -------------------------------------------------------------------
@pytest.mark.parametrize("name", [LLPG, NSG])
def test_files_are_quoted_utf8_with_crlf(exported: Path, name: str) -> None:
    data = (exported / name).read_bytes()
    text = data.decode("utf-8")
    assert data.count(b"\n") == data.count(b"\r\n") > 0
    assert text.endswith("\r\n")
    for line in text.split("\r\n")[1:-2]:
        kind, change = line.split(",")[:2]
        assert kind.isdigit() and change == '"I"', line


@pytest.mark.parametrize("name", [LLPG, NSG])
def test_export_is_deterministic_and_committed(exported: Path, tmp_path: Path, name: str) -> None:
    write_dtf73(GPKG, tmp_path / LLPG)
    write_dtf81(GPKG, tmp_path / NSG)
    fresh = (tmp_path / name).read_bytes()
    assert fresh == (exported / name).read_bytes()
    assert (
        fresh == (SAMPLE / name).read_bytes()
    ), f"resources/sample/{name} is stale: run scripts/export_sample_dtf.py"


def test_llpg_is_small() -> None:
    assert (SAMPLE / LLPG).stat().st_size < 5_000_000
