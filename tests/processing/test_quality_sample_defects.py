"""placelink:checkquality on the sample council, clean and with defects injected on purpose.

The sample's addresses, streets, boundary and postcodes are copied into a temporary
GeoPackage (resources/sample is never touched); one defect per rule (a few rules get two or
three) is injected on a UPRN/USRN chosen deterministically (candidates in key order, the
first that fits), and ``expected`` records which key each rule must report. The algorithm
then has to report exactly those keys under exactly those rules: a missed defect or a clean
record flagged under any rule fails the test. Where one defect also, rightly, breaks another
rule (an address moved to another postcode's centre is far from its postcode AND its
street), both expectations are written out. A few edits that must NOT be reported (a closed
street left without addresses, an address 2 m outside the boundary, within its tolerance)
guard against rules that flag too much.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from time import perf_counter

import numpy as np
import pandas as pd
import pytest
import shapely
from markupsafe import escape
from osgeo import gdal, ogr
from shapely import affinity
from shapely.geometry import MultiLineString, Point

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "sample_council.gpkg"
LAYERS = ("addresses", "streets", "boundary", "postcodes")
#: The sample's rural postcodes follow long lanes: its farthest live address is 3,504 m from
#: its postcode's point, so the clean copy is checked with a 4,000 m limit (at the default
#: 1,000 m 93 rural addresses are reported, rightly, for a town-sized threshold).
POSTCODE_DISTANCE = 4000.0
STREET_DISTANCE = 250.0  # the default; the injected defects are measured against it
NETWORK_TOLERANCE = 1.0  # the default
BOUNDARY_TOLERANCE = 5.0  # the default
#: The sample's only live named street without addresses (a new close, not yet built on).
EMPTY_STREET = 38101717
FUTURE = "2099-01-01"
LIVE = (1, 3, 5, 6)  # logical statuses of live records
UNKNOWN_USRN = 99999999
UNKNOWN_UPRN = 999999999999
UNKNOWN_POSTCODE = "BK9 9ZZ"  # valid BS 7666 form, not a sample postcode unit
ENVELOPE = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}  # GeoPackage blob envelope sizes (bytes)


# ----------------------------------------------------------------------------- reading
def _geometries(blobs: np.ndarray) -> np.ndarray:
    """Shapely geometries from GeoPackage geometry blobs (None where NULL)."""
    out = np.full(len(blobs), None, dtype=object)
    present = np.flatnonzero([b is not None for b in blobs])
    wkb = [bytes(blobs[i][8 + ENVELOPE[(blobs[i][3] >> 1) & 7] :]) for i in present]
    if len(present):
        out[present] = shapely.from_wkb(np.array(wkb, dtype=object))
    return out


def _frame(path: Path, layer: str) -> pd.DataFrame:
    """One layer as a DataFrame (``fid``, attributes, ``geometry``)."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as db:
        frame = pd.read_sql_query(f'SELECT * FROM "{layer}" ORDER BY fid', db)
    frame["geometry"] = _geometries(frame.pop("geom").to_numpy(dtype=object))
    for name in ("uprn", "parent_uprn", "usrn", "pao_start_number", "pao_end_number"):
        if name in frame:
            frame[name] = frame[name].astype("Int64")
    for name in ("sao_text", "pao_text", "locality", "town", "postcode", "end_date"):
        if name in frame:
            frame[name] = frame[name].fillna("")
    return frame


def copy_sample(path: Path) -> Path:
    """The sample's four input layers copied into a new GeoPackage at *path*."""
    result = gdal.VectorTranslate(str(path), str(SAMPLE), format="GPKG", layers=list(LAYERS))
    assert result is not None, gdal.GetLastErrorMsg()
    result = None  # closes the dataset
    return path


# ----------------------------------------------------------------------------- editing
def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int | np.integer):
        return str(int(value))
    text = str(value).replace("'", "''")
    return f"'{text}'"


class Injector:
    """Edits the copy's features through OGR and records what each rule must report."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.a = _frame(path, "addresses")
        self.s = _frame(path, "streets")
        self.boundary = _frame(path, "boundary")["geometry"].iloc[0]
        self.postcodes = _frame(path, "postcodes")
        self.expected: dict[str, list[int]] = defaultdict(list)
        self.used_uprns: set[int] = set()
        self.used_usrns: set[int] = set()
        self.ds = ogr.Open(str(path), 1)
        assert self.ds is not None, f"cannot open {path} for update"
        self._derive()

    # -- facts about the clean sample the picks rely on
    def _derive(self) -> None:
        a, s = self.a, self.s
        a["point"] = a["geometry"]
        a["x"], a["y"] = shapely.get_x(a["point"]), shapely.get_y(a["point"])
        per_street = a.groupby("usrn").size()
        s["naddr"] = s["usrn"].map(per_street).fillna(0).astype(int)
        a["naddr"] = a["usrn"].map(per_street).fillna(0).astype(int)
        parents = set(a["parent_uprn"].dropna())
        a["is_parent"] = a["uprn"].isin(parents)
        a["is_child"] = a["parent_uprn"].notna()
        key = (
            s["street_description"].str.upper()
            + "|"
            + s["locality"].str.upper()
            + "|"
            + s["town"].str.upper()
        )
        s["key"] = key
        s["unique_key"] = ~key.duplicated(keep=False)
        geoms = s["geometry"].to_numpy()
        tree = shapely.STRtree(geoms)
        left, right = tree.query(geoms, predicate="dwithin", distance=NETWORK_TOLERANCE)
        keep = left != right
        self.neighbours = pd.Series(right[keep]).groupby(left[keep]).agg(set)
        self.pc_xy = self.postcodes.set_index("postcode")["geometry"]

    def street_row(self, usrn: int) -> pd.Series:
        return self.s.loc[self.s["usrn"] == usrn].iloc[0]

    def others_stay_connected(self, row: int) -> bool:
        """True when every street touching street *row* also touches another street."""
        return all(
            len(self.neighbours.get(j, set()) - {row}) > 0 for j in self.neighbours.get(row, set())
        )

    def nearest_street(self, point: Point, usrn: int) -> int:
        """The untouched street nearest *point* other than *usrn* (well within the street
        distance of it)."""
        s = self.s[(self.s["usrn"] != usrn) & ~self.s["usrn"].isin(self.used_usrns)]
        distance = shapely.distance(s["geometry"].to_numpy(), point)
        order = np.lexsort((s["usrn"].to_numpy(), distance))
        assert distance[order[0]] < STREET_DISTANCE - 20
        return int(s["usrn"].iloc[order[0]])

    # -- picking
    def pick_streets(self, mask: pd.Series, n: int = 1) -> list[pd.Series]:
        """The first *n* unused streets (by USRN) where *mask* holds."""
        rows = self.s[mask & ~self.s["usrn"].isin(self.used_usrns)].sort_values("usrn")
        assert len(rows) >= n, "the sample has too few streets for this defect"
        picked = [rows.iloc[i] for i in range(n)]
        self.used_usrns.update(int(r["usrn"]) for r in picked)
        return picked

    def plain(self) -> pd.Series:
        """Live (status 1) top-level addresses on untouched streets with 3+ addresses."""
        a = self.a
        return (
            (a["logical_status"] == 1)
            & ~a["is_parent"]
            & ~a["is_child"]
            & (a["naddr"] >= 3)
            & ~a["usrn"].isin(self.used_usrns)
        )

    def pick(self, mask: pd.Series, n: int = 1) -> list[pd.Series]:
        """The first *n* unused addresses (by UPRN) where *mask* holds."""
        rows = self.a[mask & ~self.a["uprn"].isin(self.used_uprns)].sort_values("uprn")
        assert len(rows) >= n, "the sample has too few addresses for this defect"
        picked = [rows.iloc[i] for i in range(n)]
        self.used_uprns.update(int(r["uprn"]) for r in picked)
        return picked

    def use(self, *uprns: int) -> None:
        self.used_uprns.update(int(u) for u in uprns)

    # -- edits
    def set(self, layer: str, fid: int, **values: object) -> None:
        changes = ", ".join(f'"{name}" = {_literal(v)}' for name, v in values.items())
        gdal.ErrorReset()
        self.ds.ExecuteSQL(f'UPDATE "{layer}" SET {changes} WHERE fid = {int(fid)}')
        assert gdal.GetLastErrorType() == gdal.CE_None, gdal.GetLastErrorMsg()

    def set_geometry(self, layer: str, fid: int, geometry: object | None) -> None:
        lyr = self.ds.GetLayerByName(layer)
        feature = lyr.GetFeature(int(fid))
        if geometry is None:
            feature.SetGeometryDirectly(None)
        else:
            feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(geometry)))
        assert lyr.SetFeature(feature) == ogr.OGRERR_NONE

    def copy_feature(self, layer: str, fid: int) -> None:
        lyr = self.ds.GetLayerByName(layer)
        feature = lyr.GetFeature(int(fid)).Clone()
        feature.SetFID(ogr.NullFID)
        assert lyr.CreateFeature(feature) == ogr.OGRERR_NONE

    def expect(self, rule_id: str, *keys: int) -> None:
        self.expected[rule_id].extend(int(k) for k in keys)

    def close(self) -> dict[str, list[int]]:
        self.ds = None  # flushes the GeoPackage
        return dict(self.expected)


# ----------------------------------------------------------------------------- defects
def inject_street_defects(inj: Injector) -> None:
    s = inj.s
    type1 = (s["street_type"] == 1) & (s["state"] == 2) & s["unique_key"] & (s["naddr"] >= 3)
    track = (s["street_type"] == 2) & (s["state"] == 2)

    # S01: a street record copied (same USRN twice).
    (street,) = inj.pick_streets(type1)
    inj.copy_feature("streets", street["fid"])
    inj.expect("S01", street["usrn"], street["usrn"])

    # S02: farm tracks collapsed to a zero-length line, with an empty line, with no geometry.
    # Tracks whose removal leaves every street they touch still joined to another (S05).
    leaf = s.index.to_series().map(inj.others_stay_connected)
    zero, empty, null = inj.pick_streets(track & leaf, 3)
    start = shapely.get_coordinates(zero["geometry"])[0]
    inj.set_geometry("streets", zero["fid"], MultiLineString([[start, start]]))
    inj.set_geometry("streets", empty["fid"], MultiLineString())
    inj.set_geometry("streets", null["fid"], None)
    inj.expect("S02", zero["usrn"], empty["usrn"], null["usrn"])

    # S03: a street that runs back over its last segment.
    (street,) = inj.pick_streets(type1)
    parts = [shapely.get_coordinates(p) for p in shapely.get_parts(street["geometry"])]
    parts[0] = np.vstack([parts[0], parts[0][-2]])
    inj.set_geometry("streets", street["fid"], MultiLineString(parts))
    inj.expect("S03", street["usrn"])

    # S04: a street with its second vertex typed twice.
    (street,) = inj.pick_streets(type1)
    parts = [shapely.get_coordinates(p) for p in shapely.get_parts(street["geometry"])]
    parts[0] = np.insert(parts[0], 1, parts[0][1], axis=0)
    inj.set_geometry("streets", street["fid"], MultiLineString(parts))
    inj.expect("S04", street["usrn"])

    # S05: a farm track moved 30 m away from the lane it joined (its farm stays near it).
    others = s["geometry"].to_numpy()
    for _, street in (
        s[track & leaf & ~s["usrn"].isin(inj.used_usrns)].sort_values("usrn").iterrows()
    ):
        moved = affinity.translate(street["geometry"], 30.0, 30.0)
        rest = np.delete(others, street.name)
        homes = inj.a.loc[inj.a["usrn"] == street["usrn"], "point"].to_numpy()
        if shapely.distance(moved, rest).min() > 2 * NETWORK_TOLERANCE and (
            shapely.distance(moved, homes).max() < STREET_DISTANCE - 20
        ):
            break
    else:
        pytest.fail("no farm track can be moved away cleanly")
    inj.used_usrns.add(int(street["usrn"]))
    inj.set_geometry("streets", street["fid"], moved)
    inj.expect("S05", street["usrn"])

    # S06: a street without its town.
    (street,) = inj.pick_streets(type1)
    inj.set("streets", street["fid"], town=None)
    inj.expect("S06", street["usrn"])

    # S07: a street whose locality repeats its town.
    (street,) = inj.pick_streets(type1)
    inj.set("streets", street["fid"], locality=street["town"])
    inj.expect("S07", street["usrn"])

    # S08: a street name with a trailing space.
    (street,) = inj.pick_streets(type1)
    inj.set("streets", street["fid"], street_description=street["street_description"] + " ")
    inj.expect("S08", street["usrn"])

    # S09: a street renamed after another street of the same town and locality it does not
    # touch: both are reported.
    (target,) = inj.pick_streets(type1)
    same_place = (s["town"] == target["town"]) & (s["locality"] == target["locality"])
    apart = shapely.distance(s["geometry"].to_numpy(), target["geometry"]) > 10 * NETWORK_TOLERANCE
    (renamed,) = inj.pick_streets(type1 & same_place & pd.Series(apart, index=s.index))
    inj.set("streets", renamed["fid"], street_description=target["street_description"])
    inj.expect("S09", target["usrn"], renamed["usrn"])

    # S10: a named street made a numbered one (type 3) without a road number.
    (street,) = inj.pick_streets(type1)
    inj.set("streets", street["fid"], street_type=3)
    inj.expect("S10", street["usrn"])

    # S11: an open street (state 2) with an end date.
    (street,) = inj.pick_streets(type1)
    inj.set("streets", street["fid"], end_date="2020-01-01")
    inj.expect("S11", street["usrn"])

    # S13 (and S05, S12): the street without addresses moved 1 km east of the authority; it
    # is still a live named street with no addresses (S12, as on the clean sample) and now
    # touches no other street.
    empty = inj.street_row(EMPTY_STREET)
    assert empty["naddr"] == 0 and inj.others_stay_connected(empty.name)
    inj.used_usrns.add(EMPTY_STREET)
    xmin = shapely.bounds(empty["geometry"])[0]
    east = shapely.bounds(inj.boundary)[2] + 1000.0 - xmin
    inj.set_geometry("streets", empty["fid"], affinity.translate(empty["geometry"], east))
    inj.expect("S13", EMPTY_STREET)
    inj.expect("S05", EMPTY_STREET)
    inj.expect("S12", EMPTY_STREET)

    # S14: a street starting in the future.
    (street,) = inj.pick_streets(type1)
    inj.set("streets", street["fid"], start_date=FUTURE)
    inj.expect("S14", street["usrn"])

    # A11: a farm track closed properly (state 4 with an end date, so S11 is clean): its only
    # address, which is live, is now on a closed street.
    statuses = inj.a.groupby("usrn")["logical_status"].agg(list)
    one_live = s["usrn"].isin([usrn for usrn, codes in statuses.items() if codes == [1]])
    (street,) = inj.pick_streets(track & one_live)
    inj.set("streets", street["fid"], state=4, end_date="2024-01-01")
    (home,) = inj.a.loc[inj.a["usrn"] == street["usrn"], "uprn"]
    inj.use(home)
    inj.expect("A11", home)

    # A10 (and S12): the only address of a named street given a USRN that is not in STREETS;
    # the street is left live with no addresses.
    lonely = (s["street_type"] == 1) & (s["state"] == 2) & (s["naddr"] == 1)
    (street,) = inj.pick_streets(lonely)
    (row,) = inj.a.loc[inj.a["usrn"] == street["usrn"]].itertuples()
    assert row.logical_status == 1 and not row.is_child and not row.is_parent
    inj.use(row.uprn)
    inj.set("addresses", row.fid, usrn=UNKNOWN_USRN)
    inj.expect("A10", row.uprn)
    inj.expect("S12", street["usrn"])

    # No defect: a named street closed properly after its only address moved to the nearest
    # other street. A closed street without addresses is not S12's concern, and the address
    # is near its new street (A21 clean).
    (street,) = inj.pick_streets(lonely)
    (row,) = inj.a.loc[inj.a["usrn"] == street["usrn"]].itertuples()
    assert row.logical_status == 1 and not row.is_child and not row.is_parent
    inj.use(row.uprn)
    inj.set("streets", street["fid"], state=4, end_date="2024-01-01")
    inj.set("addresses", row.fid, usrn=inj.nearest_street(row.point, row.usrn))


def inject_address_defects(inj: Injector) -> None:
    a = inj.a
    plain = inj.plain()
    blank = {name: a[name].str.strip() == "" for name in ("pao_text", "sao_text")}
    numbered = a["pao_start_number"].notna() & a["pao_end_number"].isna()
    numbered &= a["pao_start_suffix"].isna() & blank["pao_text"]
    named = ~blank["pao_text"] & ~a["pao_text"].str.fullmatch(r"[\d\s-]*[A-Z]?")
    no_sao = blank["sao_text"] & a["sao_start_number"].isna() & a["sao_start_suffix"].isna()

    # A01: one address given another's UPRN (both copies are reported).
    first, second = inj.pick(plain, 2)
    inj.set("addresses", second["fid"], uprn=first["uprn"])
    inj.expect("A01", first["uprn"], first["uprn"])

    # A02: an address without a point, another with longitude/latitude as its point.
    lost, degrees = inj.pick(plain, 2)
    inj.set_geometry("addresses", lost["fid"], None)
    inj.set_geometry("addresses", degrees["fid"], Point(-1.25, 51.75))
    inj.expect("A02", lost["uprn"], degrees["uprn"])

    # A03: the address nearest the authority's edge moved 40 m outside it (still near its
    # street and postcode). No defect: the next nearest moved 2 m outside, within the 5 m
    # boundary tolerance.
    edge = inj.boundary.exterior
    candidates = a[plain & ~a["uprn"].isin(inj.used_uprns)].copy()
    candidates["edge"] = shapely.distance(candidates["point"].to_numpy(), edge)
    candidates = candidates.sort_values(["edge", "uprn"])

    def move_out(metres: float) -> int:
        for _, row in candidates[~candidates["uprn"].isin(inj.used_uprns)].iterrows():
            nearest = shapely.get_coordinates(shapely.shortest_line(row["point"], edge))[1]
            step = nearest - np.array([row["x"], row["y"]])
            outside = Point(nearest + metres * step / np.hypot(*step))
            street = inj.street_row(row["usrn"])["geometry"]
            if (
                not inj.boundary.contains(outside)
                and abs(inj.boundary.distance(outside) - metres) < 0.5
                and outside.distance(street) < STREET_DISTANCE - 20
                and outside.distance(inj.pc_xy[row["postcode"]]) < POSTCODE_DISTANCE - 100
            ):
                inj.use(row["uprn"])
                inj.set_geometry("addresses", row["fid"], outside)
                return int(row["uprn"])
        pytest.fail(f"no address can be moved {metres:g} m outside the boundary")

    inj.expect("A03", move_out(40.0))
    move_out(BOUNDARY_TOLERANCE - 3.0)

    # A04: an approved address (status 1) whose BLPU state says demolished (4).
    (row,) = inj.pick(plain)
    inj.set("addresses", row["fid"], blpu_state=4)
    inj.expect("A04", row["uprn"])

    # A05: a live address with an end date; a historic one without.
    (live,) = inj.pick(plain & (a["start_date"] < "2024-01-01"))
    inj.set("addresses", live["fid"], end_date="2024-01-01")
    historic = (a["logical_status"] == 8) & ~a["is_parent"] & ~a["is_child"]
    historic &= ~a["usrn"].isin(inj.used_usrns)
    (ended,) = inj.pick(historic)
    inj.set("addresses", ended["fid"], end_date=None)
    inj.expect("A05", live["uprn"], ended["uprn"])

    # A06: a start date in the future; a historic address that ended before it started.
    (future,) = inj.pick(plain)
    inj.set("addresses", future["fid"], start_date=FUTURE)
    (backwards,) = inj.pick(historic & (a["start_date"] > "1990-01-01"))
    inj.set("addresses", backwards["fid"], end_date="1990-01-01")
    inj.expect("A06", future["uprn"], backwards["uprn"])

    # A07: an obsolete representative point code (9, postcode centroid); one missing.
    obsolete, missing = inj.pick(plain, 2)
    inj.set("addresses", obsolete["fid"], rpc=9)
    inj.set("addresses", missing["fid"], rpc=None)
    inj.expect("A07", obsolete["uprn"], missing["uprn"])

    # A08: an unknown classification; a residential one only to the secondary level.
    unknown, vague = inj.pick(plain, 2)
    inj.set("addresses", unknown["fid"], classification="ZZ99")
    inj.set("addresses", vague["fid"], classification="RD")
    inj.expect("A08", unknown["uprn"], vague["uprn"])

    # A09: an address without a USRN (its street keeps other addresses).
    (row,) = inj.pick(plain)
    inj.set("addresses", row["fid"], usrn=None)
    inj.expect("A09", row["uprn"])

    # A12: a numbered house losing its number (and it has no name).
    (row,) = inj.pick(plain & numbered)
    inj.set("addresses", row["fid"], pao_start_number=None)
    inj.expect("A12", row["uprn"])

    # A13: '12' typed into the PAO text of a numbered house.
    (row,) = inj.pick(plain & numbered & blank["sao_text"])
    inj.set("addresses", row["fid"], pao_text="12")
    inj.expect("A13", row["uprn"])

    # A14: number 10000; a range ending below its start; a SAO suffix without a SAO number.
    big, low = inj.pick(plain & numbered & (a["pao_start_number"] >= 2), 2)
    inj.set("addresses", big["fid"], pao_start_number=10000)
    inj.set("addresses", low["fid"], pao_end_number=int(low["pao_start_number"]) - 1)
    (suffix,) = inj.pick(plain & no_sao)
    inj.set("addresses", suffix["fid"], sao_start_suffix="A")
    inj.expect("A14", big["uprn"], low["uprn"], suffix["uprn"])

    # A15: a named house whose SAO text repeats its PAO text.
    (row,) = inj.pick(plain & named & no_sao)
    inj.set("addresses", row["fid"], sao_text=row["pao_text"])
    inj.expect("A15", row["uprn"])

    # A16: a stray '?' in a house name; a town with a trailing space.
    (stray,) = inj.pick(plain & named)
    inj.set("addresses", stray["fid"], pao_text=stray["pao_text"] + "?")
    (spaced,) = inj.pick(plain & (a["town"] != ""))
    inj.set("addresses", spaced["fid"], town=spaced["town"] + " ")
    inj.expect("A16", stray["uprn"], spaced["uprn"])

    # A17: a house name of 103 characters (limit 90).
    (row,) = inj.pick(plain & named)
    long_name = "THE OLD " + "VERY " * 17 + "LONG HOUSE"
    assert len(long_name) == 103
    inj.set("addresses", row["fid"], pao_text=long_name)
    inj.expect("A17", row["uprn"])

    # A18: a postcode typed in lower case without its space.
    (row,) = inj.pick(plain)
    inj.set("addresses", row["fid"], postcode=row["postcode"].lower().replace(" ", ""))
    inj.expect("A18", row["uprn"])

    # A19: a well-formed postcode that is not a postcode unit of the sample.
    assert UNKNOWN_POSTCODE not in inj.pc_xy.index
    (row,) = inj.pick(plain)
    inj.set("addresses", row["fid"], postcode=UNKNOWN_POSTCODE)
    inj.expect("A19", row["uprn"])

    # A20 and A21: an address moved onto another postcode's point, more than the postcode
    # limit from its own postcode (and so far from its street too).
    (row,) = inj.pick(plain)
    own = inj.pc_xy[row["postcode"]]
    targets = inj.postcodes.sort_values("postcode")["geometry"].to_numpy()
    far = targets[shapely.distance(targets, own) > POSTCODE_DISTANCE + 500]
    target = far[0]
    assert inj.boundary.contains(target)
    assert target.distance(inj.street_row(row["usrn"])["geometry"]) > STREET_DISTANCE + 500
    inj.set_geometry("addresses", row["fid"], target)
    inj.expect("A20", row["uprn"])
    inj.expect("A21", row["uprn"])

    # A22: a parent UPRN that is not in the gazetteer.
    (row,) = inj.pick(plain)
    inj.set("addresses", row["fid"], parent_uprn=UNKNOWN_UPRN)
    inj.expect("A22", row["uprn"])

    # A23: a building retired properly (status 8, state 4, end date) while its flats stay
    # live: each live child is reported.
    children = a.loc[a["is_child"]].groupby("parent_uprn")
    live_kids = children["logical_status"].agg(lambda v: int(np.isin(v, LIVE).sum()))
    top_parent = (a["logical_status"] == 1) & a["is_parent"] & ~a["is_child"]
    top_parent &= ~a["usrn"].isin(inj.used_usrns) & (a["start_date"] < "2024-06-30")
    kids_of = a["uprn"].map(live_kids).fillna(0)
    fewest = kids_of[top_parent & (kids_of > 0)].min()
    (parent,) = inj.pick(top_parent & (kids_of == fewest))
    inj.set("addresses", parent["fid"], logical_status=8, blpu_state=4, end_date="2024-06-30")
    kids = a[a["parent_uprn"] == parent["uprn"]]
    inj.use(*kids["uprn"])
    inj.expect("A23", *kids.loc[kids["logical_status"].isin(LIVE), "uprn"])

    # A24: a building made the child of its own (live) flat, a cycle of two; an address
    # that is its own parent.
    (parent,) = inj.pick(top_parent)
    kids = a[a["parent_uprn"] == parent["uprn"]].sort_values("uprn")
    inj.use(*kids["uprn"])
    child = kids[kids["logical_status"] == 1].iloc[0]
    inj.set("addresses", parent["fid"], parent_uprn=child["uprn"])
    (own,) = inj.pick(plain)
    inj.set("addresses", own["fid"], parent_uprn=own["uprn"])
    inj.expect("A24", parent["uprn"], child["uprn"], own["uprn"])

    # A25: a flat renumbered away from its building's number.
    (parent,) = inj.pick(top_parent & (a["pao_start_number"].notna()) & a["pao_end_number"].isna())
    kids = a[a["parent_uprn"] == parent["uprn"]].sort_values("uprn")
    inj.use(*kids["uprn"])
    child = kids.iloc[0]
    assert child["pao_start_number"] == parent["pao_start_number"] and not child["pao_text"]
    inj.set("addresses", child["fid"], pao_start_number=int(child["pao_start_number"]) + 1)
    inj.expect("A25", child["uprn"])

    # A26: a flat put on the nearest other street (within the street distance, so A21 is
    # clean for it).
    (parent,) = inj.pick(top_parent)
    kids = a[a["parent_uprn"] == parent["uprn"]].sort_values("uprn")
    inj.use(*kids["uprn"])
    child = kids.iloc[0]
    inj.set("addresses", child["fid"], usrn=inj.nearest_street(child["point"], child["usrn"]))
    inj.expect("A26", child["uprn"])

    # A27: two live addresses printed as the same address.
    first, second = inj.pick(plain, 2)
    inj.set("addresses", second["fid"], address=first["address"])
    inj.expect("A27", first["uprn"], second["uprn"])


# ----------------------------------------------------------------------------- running
def _run(run_alg, gpkg: Path, report: Path) -> dict:
    return run_alg(
        "placelink:checkquality",
        {
            **{name.upper(): f"{gpkg}|layername={name}" for name in LAYERS},
            "POSTCODE_DISTANCE": POSTCODE_DISTANCE,
            "ISSUES": "memory:",
            "SUMMARY": "memory:",
            "REPORT": str(report),
        },
    )


def _issues(result: dict) -> pd.DataFrame:
    layer = result["ISSUES"]
    names = layer.fields().names()
    rows = [dict(zip(names, f.attributes(), strict=True)) for f in layer.getFeatures()]
    return pd.DataFrame(rows, columns=names)


def _summary(result: dict) -> dict[str, dict]:
    layer = result["SUMMARY"]
    names = layer.fields().names()
    rows = (dict(zip(names, f.attributes(), strict=True)) for f in layer.getFeatures())
    return {row["rule_id"]: row for row in rows}


def _reported(issues: pd.DataFrame) -> dict[str, Counter]:
    return {
        rule_id: Counter(int(k) for k in group["feature_key"])
        for rule_id, group in issues.groupby("rule_id")
    }


@pytest.fixture(scope="module")
def clean(run_alg, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("clean")
    gpkg = copy_sample(folder / "sample.gpkg")
    return _run(run_alg, gpkg, folder / "report.html")


@pytest.fixture(scope="module")
def defective(run_alg, tmp_path_factory) -> tuple[dict, dict[str, list[int]], float]:
    folder = tmp_path_factory.mktemp("defective")
    gpkg = copy_sample(folder / "sample.gpkg")
    inj = Injector(gpkg)
    inject_street_defects(inj)
    inject_address_defects(inj)
    expected = inj.close()
    start = perf_counter()
    result = _run(run_alg, gpkg, folder / "report.html")
    return result, expected, perf_counter() - start


def test_clean_sample_has_no_errors_and_only_the_known_notes(clean: dict) -> None:
    issues = _issues(clean)
    assert not (issues["severity"] == "error").any(), issues[issues["severity"] == "error"]
    # What remains: the one live named street with no addresses (a new close), as info.
    assert _reported(issues) == {"S12": Counter({EMPTY_STREET: 1})}
    assert issues["severity"].tolist() == ["info"]
    summary = _summary(clean)
    assert len(summary) == 41
    assert all(row["status"] == "checked" for row in summary.values())
    assert {r: row["failures"] for r, row in summary.items() if row["failures"]} == {"S12": 1}
    assert clean["ERROR_COUNT"] == 0 and clean["ISSUE_COUNT"] == 1


def test_every_injected_defect_is_reported_under_its_rule_and_nothing_else(
    defective: tuple[dict, dict[str, list[int]], float],
) -> None:
    result, expected, seconds = defective
    print(f"checkquality on the defective sample: {seconds:.2f} s")
    assert len(expected) == 41, sorted(expected)  # every rule has an injected defect
    reported = _reported(_issues(result))
    wanted = {rule_id: Counter(keys) for rule_id, keys in expected.items()}
    for rule_id in sorted(set(wanted) | set(reported)):
        got, want = reported.get(rule_id, Counter()), wanted.get(rule_id, Counter())
        assert got == want, f"{rule_id}: missed {want - got}, also reported {got - want}"
    assert reported == wanted


def test_summary_counts_match_the_injected_defects(
    defective: tuple[dict, dict[str, list[int]], float],
) -> None:
    result, expected, _ = defective
    summary = _summary(result)
    assert len(summary) == 41
    failures = {rule_id: row["failures"] for rule_id, row in summary.items()}
    assert failures == {rule_id: len(expected.get(rule_id, ())) for rule_id in summary}
    assert all(row["status"] == "checked" for row in summary.values())
    assert result["ISSUE_COUNT"] == sum(len(keys) for keys in expected.values())
    errors = sum(len(v) for k, v in expected.items() if summary[k]["severity"] == "error")
    assert result["ERROR_COUNT"] == errors


def test_report_lists_each_injected_rule_with_its_failures_and_an_example(
    defective: tuple[dict, dict[str, list[int]], float],
) -> None:
    result, expected, _ = defective
    html = Path(result["REPORT"]).read_text(encoding="utf-8")
    issues = _issues(result)
    for rule_id, keys in sorted(expected.items()):
        row = re.search(rf"<td>{rule_id}</td>(.*?)</tr>", html, re.S)
        assert row, f"{rule_id} has no row in the report's rule table"
        _checked, failures, _share = re.findall(r'<td class="num">([^<]*)</td>', row.group(1))
        assert failures == f"{len(keys):,}", rule_id
        first = issues.loc[issues["rule_id"] == rule_id, "message"].iloc[0]
        assert str(escape(first)) in html, f"{rule_id}: example {first!r} not in the report"
