"""The generated sample council: deterministic, plausible and internally consistent.

The committed files under resources/sample must be exactly what the generator makes with
its default seed (run ``make sample`` after changing the generator). The street network
is one connected component on purpose: nothing in the sample is disconnected.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from placelink.core import postcode
from placelink.core.address_text import format_address
from placelink.core.loaders import load_addresses
from placelink.core.records import LoadStats, Reject
from placelink.core.schema import ADDRESS_FIELDS, POSTCODE_FIELDS, STREET_FIELDS
from sample_council import DEFAULT_ADDRESSES, DEFAULT_SEED, generate, streets
from sample_council.writer import GPKG, OPEN_UPRN, RECORDS, TRUTH, write

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"
LAYERS = ("boundary", "streets", "street_segments", "addresses", "facilities", "postcodes")


def _read(folder: Path) -> dict[str, gpd.GeoDataFrame]:
    return {name: gpd.read_file(folder / GPKG, layer=name) for name in LAYERS}


@pytest.fixture(scope="module")
def sample() -> dict[str, gpd.GeoDataFrame]:
    return _read(SAMPLE)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    write(generate(DEFAULT_SEED, DEFAULT_ADDRESSES), out)
    return out


@pytest.fixture(scope="module")
def records() -> tuple[pd.DataFrame, pd.DataFrame]:
    recs = pd.read_csv(SAMPLE / RECORDS, dtype=str, keep_default_na=False)
    truth = pd.read_csv(
        SAMPLE / TRUTH, dtype={"record_id": int, "true_uprn": "Int64", "error_types": str}
    )
    return recs, truth


@pytest.mark.parametrize("layer", LAYERS)
def test_default_seed_regenerates_the_committed_layer(
    regenerated: Path, sample: dict[str, gpd.GeoDataFrame], layer: str
) -> None:
    fresh = gpd.read_file(regenerated / GPKG, layer=layer)
    committed = sample[layer]
    try:
        pd.testing.assert_frame_equal(
            pd.DataFrame(fresh.drop(columns="geometry")),
            pd.DataFrame(committed.drop(columns="geometry")),
        )
    except AssertionError as exc:
        raise AssertionError(f"{layer} differs from resources/sample: run `make sample`") from exc
    same = shapely.equals_exact(
        fresh.geometry.to_numpy(), committed.geometry.to_numpy(), tolerance=0.005
    )
    assert same.all(), f"{(~same).sum()} {layer} geometries differ from the committed sample"


@pytest.mark.parametrize("name", [RECORDS, TRUTH, OPEN_UPRN])
def test_default_seed_regenerates_the_committed_csv(regenerated: Path, name: str) -> None:
    same = (regenerated / name).read_bytes() == (SAMPLE / name).read_bytes()
    assert same, f"{name} differs from resources/sample: run `make sample`"


def test_layers_have_the_canonical_schemas() -> None:
    info = {name: pyogrio.read_info(SAMPLE / GPKG, layer=name) for name in LAYERS}
    kinds = {"int": "OFTInteger64", "real": "OFTReal", "text": "OFTString", "date": "OFTDate"}
    for layer, schema in (
        ("addresses", ADDRESS_FIELDS),
        ("streets", STREET_FIELDS),
        ("postcodes", POSTCODE_FIELDS),
    ):
        assert list(info[layer]["fields"]) == [f.name for f in schema]
        assert list(info[layer]["ogr_types"]) == [kinds[f.kind] for f in schema]
        assert info[layer]["crs"] == "EPSG:27700"
    assert list(info["street_segments"]["fields"]) == ["usrn", "segment_id", "length_m"]
    assert list(info["facilities"]["fields"])[:4] == ["facility_id", "name", "type", "capacity"]
    assert info["addresses"]["geometry_type"] == "Point"


def test_counts_are_in_range(sample: dict[str, gpd.GeoDataFrame], records: tuple) -> None:
    assert 5000 <= len(sample["addresses"]) <= 5100
    assert 150 <= len(sample["streets"]) <= 600
    assert 400 <= len(sample["street_segments"]) <= 3000
    assert 150 <= len(sample["postcodes"]) <= 400
    assert len(sample["boundary"]) == 1
    assert 1400 <= len(records[0]) <= 1600
    kinds = sample["facilities"]["type"].value_counts()
    assert kinds["primary school"] >= 2 and kinds["secondary school"] >= 1
    assert kinds["library"] >= 1 and kinds["recycling centre"] >= 1


def test_boundary_is_an_irregular_polygon(sample: dict[str, gpd.GeoDataFrame]) -> None:
    shape = sample["boundary"].geometry.iat[0]
    assert shape.is_valid and shape.area > 20e6
    assert shape.area / shape.minimum_rotated_rectangle.area < 0.9  # not a rectangle
    assert len(shape.exterior.coords) > 100
    assert 400_000 < shape.centroid.x < 500_000 and 160_000 < shape.centroid.y < 260_000


def test_uprns_and_usrns_are_unique_and_well_formed(sample: dict[str, gpd.GeoDataFrame]) -> None:
    uprn = sample["addresses"]["uprn"]
    usrn = sample["streets"]["usrn"]
    assert uprn.is_unique and usrn.is_unique
    assert uprn.between(10**11, 10**12 - 1).all()
    assert usrn.between(10**7, 10**8 - 1).all()
    assert set(sample["addresses"]["usrn"]) <= set(usrn)
    assert set(sample["street_segments"]["usrn"]) == set(usrn)


def test_addresses_lie_inside_the_boundary_beside_their_street(
    sample: dict[str, gpd.GeoDataFrame],
) -> None:
    addresses = sample["addresses"]
    assert addresses.within(sample["boundary"].geometry.iat[0]).all()
    street_geom = sample["streets"].set_index("usrn").geometry
    lines = street_geom.loc[addresses["usrn"]].to_numpy()
    dist = shapely.distance(addresses.geometry.to_numpy(), lines)
    assert dist.max() < 40.0
    assert np.median(dist) > 5.0  # set back from the street, not on it


def test_flats_point_at_parent_shells(sample: dict[str, gpd.GeoDataFrame]) -> None:
    a = sample["addresses"]
    by_uprn = a.set_index("uprn")
    children = a[a["parent_uprn"].notna()]
    assert len(children) > 500
    parents = children["parent_uprn"].astype("int64")
    assert parents.isin(by_uprn.index).all()
    assert (by_uprn.loc[parents, "classification"] == "PP").all()
    assert set(a.loc[a["classification"].eq("PP"), "uprn"]) == set(parents)
    assert (a.loc[a["classification"].eq("RD06"), "parent_uprn"].notna()).all()


def test_address_variety(sample: dict[str, gpd.GeoDataFrame]) -> None:
    a = sample["addresses"]
    text = a["address"]
    assert a["pao_start_suffix"].notna().sum() >= 10  # 12A
    assert a["pao_end_number"].notna().sum() >= 5  # 12-14
    assert (a["pao_text"].notna() & a["pao_start_number"].notna()).sum() >= 20  # Rose Cottage, 12
    assert (a["pao_text"].notna() & a["pao_start_number"].isna()).sum() >= 20  # Rose Cottage
    for pattern in (
        r"^FLAT \d+, ",
        r"^FLAT [A-F], ",
        r"^GROUND FLOOR FLAT, ",
        r"^\d+, [A-Z ]+ (?:HOUSE|COURT)",
    ):
        assert text.str.contains(pattern).sum() >= 5, pattern
    assert a["organisation"].notna().sum() >= 30
    classes = set(a["classification"])
    assert {"RD02", "RD03", "RD04", "RD06", "PP", "CO01", "CE03", "CE04", "RC01"} <= classes
    # Streets: real-looking names, repeated across localities, odd/even sides.
    s = sample["streets"]
    assert "HIGH STREET" in set(s["street_description"])
    repeated = s.groupby("street_description")["locality"].nunique(dropna=False)
    assert (repeated >= 2).sum() >= 3
    assert s["street_type"].eq(1).mean() > 0.8  # the rest: farm tracks (type 2)
    numbered = a[a["pao_start_number"].notna() & a["sao_text"].isna() & a["pao_text"].isna()]
    assert numbered["pao_start_number"].mod(2).value_counts().min() > 0.3 * len(numbered)


def test_address_text_is_formatted_from_the_parts(sample: dict[str, gpd.GeoDataFrame]) -> None:
    a = pd.DataFrame(sample["addresses"].drop(columns="geometry"))
    a = a.astype(object).where(a.notna(), None)
    assert [format_address(r) for r in a.to_dict("records")] == a["address"].tolist()
    assert (a["source"] == "PlaceLink sample council").all()


def test_life_cycle_fields_agree(sample: dict[str, gpd.GeoDataFrame]) -> None:
    a = sample["addresses"]
    status = a["logical_status"]
    assert status.eq(1).mean() > 0.9 and status.eq(6).sum() >= 5 and status.eq(8).sum() >= 5
    assert a.loc[status.eq(8), "blpu_state"].eq(4).all()
    assert a.loc[status.eq(8), "end_date"].notna().all()
    assert a.loc[status.ne(8), "end_date"].isna().all()
    assert a.loc[status.eq(6), "blpu_state"].isin([1, 6]).all()
    assert a.loc[status.eq(1), "blpu_state"].isin([2, 3]).all()
    assert (a["start_date"] <= a["last_update_date"]).all()


def test_postcodes_are_valid_contiguous_units(sample: dict[str, gpd.GeoDataFrame]) -> None:
    a = sample["addresses"]
    assert a["postcode"].map(postcode.is_valid).all()
    assert sample["postcodes"]["postcode"].map(postcode.is_valid).all()
    sizes = a.groupby("postcode").size()
    assert 15 <= sizes.median() <= 25
    assert a["postcode"].map(postcode.district).nunique() >= 3
    assert a["postcode"].map(postcode.sector).nunique() >= 6
    # A building's addresses share a postcode; a unit is compact (one stretch of streets).
    assert a.groupby(a.geometry.to_wkb())["postcode"].nunique().max() == 1
    xy = pd.DataFrame({"x": a.geometry.x, "y": a.geometry.y, "postcode": a["postcode"]})
    box = xy.groupby("postcode").agg(["min", "max"])
    extent = np.hypot(box["x"]["max"] - box["x"]["min"], box["y"]["max"] - box["y"]["min"])
    assert extent.median() < 250 and sizes.min() >= 3
    live = a[a["logical_status"].ne(8)]
    means = live.groupby("postcode").geometry.apply(lambda g: (g.x.mean(), g.y.mean()))
    pc = sample["postcodes"].set_index("postcode")
    dx = [
        abs(pc.geometry.loc[k].x - x) + abs(pc.geometry.loc[k].y - y) for k, (x, y) in means.items()
    ]
    assert max(dx) <= 1.0


def test_network_is_one_connected_component_with_dead_ends_and_junctions(
    sample: dict[str, gpd.GeoDataFrame],
) -> None:
    segs = sample["street_segments"].geometry.to_numpy()
    n_components, _, degree = streets.components(segs)
    assert n_components == 1  # nothing is disconnected, on purpose
    assert (degree == 1).sum() >= 50  # cul-de-sacs and lane ends
    assert (degree >= 3).sum() >= 100  # junctions
    # Lines meet end to end: no segment crosses or overlaps another.
    tree = shapely.STRtree(segs)
    for predicate in ("crosses", "overlaps"):
        a, b = tree.query(segs, predicate=predicate)
        assert len(a) == 0, f"{len(a)} segment pairs {predicate}"
    lengths = sample["street_segments"]["length_m"].to_numpy()
    assert np.allclose(lengths, shapely.length(segs), atol=0.01)


def test_network_is_not_a_grid(sample: dict[str, gpd.GeoDataFrame]) -> None:
    segs = sample["street_segments"].geometry.to_numpy()
    xy = shapely.get_coordinates(segs)
    ends = np.vstack(
        [
            shapely.get_coordinates(shapely.get_point(segs, 0)),
            shapely.get_coordinates(shapely.get_point(segs, -1)),
        ]
    )
    d = ends[len(segs) :] - ends[: len(segs)]
    bearing = np.degrees(np.arctan2(d[:, 1], d[:, 0])) % 90
    counts, _ = np.histogram(bearing, bins=18, range=(0, 90))
    assert counts.max() < 0.2 * len(segs)  # bearings spread over all directions
    # streets (junction to junction, whole) bend; the 50 m ESU-like segments are short
    streets = shapely.line_merge(sample["streets"].geometry.to_numpy())
    lines = shapely.get_parts(streets)
    span = shapely.distance(shapely.get_point(lines, 0), shapely.get_point(lines, -1))
    curved = shapely.length(lines) > 1.02 * span
    assert curved.mean() > 0.1
    assert len(xy) > 2 * len(segs)


def test_facilities_stand_on_addresses(sample: dict[str, gpd.GeoDataFrame]) -> None:
    f = sample["facilities"]
    a = sample["addresses"].set_index("uprn")
    assert f["facility_id"].is_unique
    assert f["uprn"].isin(a.index).all()
    schools = f[f["type"].str.contains("school")]
    assert schools["capacity"].between(100, 2000).all()
    assert f.loc[~f["type"].str.contains("school"), "capacity"].isna().all()


def test_service_records_and_truth(sample: dict[str, gpd.GeoDataFrame], records: tuple) -> None:
    recs, truth = records
    assert list(recs.columns) == ["record_id", "account_ref", "address", "postcode"]
    assert recs["record_id"].tolist() == truth["record_id"].astype(str).tolist()
    a = sample["addresses"].set_index("uprn")
    matched = truth["true_uprn"].dropna().astype("int64")
    assert matched.isin(a.index).all()
    no_match = truth["true_uprn"].isna()
    assert 10 <= no_match.sum() <= 100
    assert truth.loc[no_match, "error_types"].str.startswith("no_match").all()
    # Most records are typed differently from the gazetteer's address.
    clean = a.loc[matched, "address"].to_numpy()
    typed = recs.loc[~no_match.to_numpy(), "address"].to_numpy()
    differ = np.mean([t != c for t, c in zip(typed, clean, strict=True)])
    assert differ > 0.85
    stripped = [
        re.sub(r",? ?[A-Z]{2}\d ?\d[A-Z]{2}$", "", c).upper() != t.upper()
        for t, c in zip(typed, clean, strict=True)
    ]
    assert np.mean(stripped) > 0.7
    # The postcode column: mostly right, sometimes blank or mis-keyed.
    pcs = recs["postcode"]
    assert pcs.eq("").mean() > 0.05
    assert (~pcs.eq("") & ~pcs.map(postcode.is_valid)).sum() >= 20
    assert recs["account_ref"].duplicated().sum() >= 5  # the same person twice


def test_open_uprn_csv_loads_cleanly(sample: dict[str, gpd.GeoDataFrame]) -> None:
    raw = (SAMPLE / OPEN_UPRN).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfUPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\r\n")
    stats = LoadStats()
    items = list(load_addresses([SAMPLE / OPEN_UPRN], "auto", stats))
    rejects = [i for i in items if isinstance(i, Reject)]
    assert not rejects
    live = sample["addresses"][sample["addresses"]["logical_status"].ne(8)]
    assert sorted(r["uprn"] for r in items) == sorted(live["uprn"])
    with (SAMPLE / OPEN_UPRN).open(encoding="utf-8-sig", newline="") as handle:
        row = next(r for r in csv.DictReader(handle))
    assert re.fullmatch(r"\d+\.\d{2}", row["X_COORDINATE"]) and re.fullmatch(
        r"-?\d+\.\d{7}", row["LONGITUDE"]
    )
    assert 51 < float(row["LATITUDE"]) < 53 and -3 < float(row["LONGITUDE"]) < 1


def test_size_and_seed_are_parameters() -> None:
    small = generate(seed=7, addresses=1500, n_records=200)
    assert 1500 <= len(small.addresses) <= 1560
    assert small.addresses["uprn"].is_unique
    assert len(small.records) == 200
    assert streets.components(small.segments["geometry"].to_numpy())[0] == 1
    other = generate(seed=8, addresses=1500, n_records=200)
    assert other.addresses["address"].tolist() != small.addresses["address"].tolist()


def test_sample_is_small() -> None:
    total = sum(p.stat().st_size for p in SAMPLE.iterdir() if p.is_file())
    assert total < 8_000_000
