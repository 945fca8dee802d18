"""Street records (one per USRN) and the routable segments from the grown network.

Main roads are cut into one USRN for the town, one per village and rural ones between;
every other generated line is one USRN. The lines are then noded (split at every
junction, coordinates snapped to a 1 cm grid) into ``street_segments``, and each
street's geometry is rebuilt from its own segments so the two layers coincide.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree
from shapely.geometry import LineString, MultiLineString, Point
from shapely.ops import substring

from . import names
from .network import Land

GRID = 0.01  # coordinates are snapped to 1 cm


@dataclass
class StreetPiece:
    """One USRN's line with its naming."""

    coords: np.ndarray
    kind: str
    key: float
    name: str
    locality: str
    street_type: int
    source_index: int  # index of the generated Street


MODIFIERS = ("UPPER", "LOWER", "LITTLE", "OLD", "NEW", "NORTH", "SOUTH", "EAST", "WEST", "GREAT")
SUBURB_ENDINGS = ("PARK", "FIELDS", "GREEN", "HILL", "END", "MEAD", "BROOK", "VALE", "CROFT")


def suburb_name(i: int) -> str:
    """The i-th town locality: the listed ones, then made-up ``ROWAN PARK`` style names."""
    if i < len(names.SUBURBS):
        return names.SUBURBS[i]
    j = i - len(names.SUBURBS)
    return f"{names.BASES[(j * 37) % len(names.BASES)]} {SUBURB_ENDINGS[j % len(SUBURB_ENDINGS)]}"


def name_streets(rng: np.random.Generator, land: Land) -> list[StreetPiece]:
    """Name every street and cut main roads into town, village and rural USRNs."""
    cx, cy = land.centre
    villages = {
        i: names.VILLAGES[k] for k, i in enumerate(range(1, len(land.settlements)))
    }  # settlement index -> village name
    # Town localities: the core has none; outer parts by ring (every 1.5 km) and sector.
    suburb_angle0 = rng.uniform(0, 2 * math.pi)

    def town_locality(x: float, y: float, key: float) -> str:
        if key < 0.55 * land.final_key:
            return ""
        ring = int(key // 1500)
        sectors = 4 + 2 * ring
        offset = sum(4 + 2 * r for r in range(ring))
        a = (math.atan2(y - cy, x - cx) - suburb_angle0) % (2 * math.pi)
        return suburb_name(offset + int(a / (2 * math.pi) * sectors))

    used: dict[str, set[str]] = {"": set()}  # namespace (town or village) -> names used
    pieces: list[StreetPiece] = []
    centre_names = list(names.CENTRE_NAMES)
    destinations = list(rng.permutation(names.DESTINATIONS))

    def unique(namespace: str, candidates: list[str]) -> str:
        taken = used.setdefault(namespace, set())
        for c in candidates:
            if c not in taken:
                taken.add(c)
                return c
        raise RuntimeError("ran out of street names")

    def new_name(namespace: str, kind: str, inner: bool, first: tuple[str, ...] = ()) -> str:
        """A street name not yet used in *namespace*: *first* in order, then made up."""
        taken = used.setdefault(namespace, set())
        types = names.TYPES["inner" if inner and kind == "street" else kind]
        tries = [*first]
        for attempt in range(60):
            word = names.BASES[int(rng.integers(len(names.BASES)))]
            base = f"{word} {types[int(rng.integers(len(types)))]}"
            if attempt >= 20:
                base = f"{MODIFIERS[int(rng.integers(len(MODIFIERS)))]} {base}"
            tries.append(base)
        for name in tries:
            if name not in taken:
                taken.add(name)
                return name
        for m in ("", *MODIFIERS):
            for b in names.BASES:
                for t in types:
                    name = f"{m} {b} {t}".strip()
                    if name not in taken:
                        taken.add(name)
                        return name
        raise RuntimeError(f"ran out of street names in {namespace or names.TOWN}")

    # Main roads.
    radial_of = {r["street"]: r for r in land.radials}
    town_r = _town_reach(land)
    for idx, street in enumerate(land.streets):
        if street.kind == "high":
            pieces.append(StreetPiece(street.coords, "high", 0.0, "HIGH STREET", "", 1, idx))
            used[""].add("HIGH STREET")
        elif street.kind == "main":
            rad = radial_of[idx]
            line = street.line
            length = line.length
            first_village = rad["villages"][0] if rad["villages"] else None
            dest = villages[first_village[0]] if first_village else destinations.pop()
            # Breakpoints along the road, each starting a named piece; pieces cover it all.
            stops: list[tuple[float, str, str]] = [(0.0, unique("", [f"{dest} ROAD"]), "")]
            town_end = min(town_r, length)
            if first_village:
                vname = villages[first_village[0]]
                vr = 500 * land.settlements[first_village[0]].weight / 0.2
                a, b = max(town_end, first_village[1] - vr), min(length, first_village[1] + vr)
                if b - a > 100:
                    stops.append((town_end, unique(vname, [f"{names.TOWN} ROAD"]), vname))
                    main = unique(vname, list(rng.permutation(names.VILLAGE_MAIN)))
                    stops.append((a, main, vname))
                    beyond = destinations.pop()
                    stops.append((b, unique(vname, [f"{beyond} ROAD"]), vname))
            else:
                stops.append((town_end, unique("", [f"OLD {dest} ROAD", f"{dest} LANE"]), ""))
            # Drop pieces shorter than 30 m (their stretch joins the piece before).
            kept = [stops[0]]
            for k, stop in enumerate(stops[1:], start=1):
                nxt = stops[k + 1][0] if k + 1 < len(stops) else length
                if stop[0] - kept[-1][0] >= 30 and nxt - stop[0] >= 30:
                    kept.append(stop)
            ends = [p[0] for p in kept[1:]] + [length]
            for (a, name, loc), b in zip(kept, ends, strict=True):
                seg = np.asarray(substring(line, a, b).coords)
                pieces.append(StreetPiece(seg, "main", 0.0, name, loc, 1, idx))
        elif street.kind == "bypass":
            name = unique("", list(rng.permutation(names.BYPASS_NAMES)))
            pieces.append(StreetPiece(street.coords, "bypass", 0.0, name, "", 1, idx))

    # Everything else in growth order.
    inner_count = 0
    for idx, street in enumerate(land.streets):
        if street.kind in ("high", "main", "bypass"):
            continue
        mid = street.line.interpolate(0.5, normalized=True)
        if street.kind == "lane":
            loc = _nearest_village(land, villages, mid)
            name = unique(
                loc, list(rng.permutation(names.LANE_NAMES)) + [f"{b} LANE" for b in names.BASES]
            )
            pieces.append(StreetPiece(street.coords, "lane", street.key, name, loc, 1, idx))
        elif street.kind == "track":
            loc = _nearest_village(land, villages, mid)
            farms = [*rng.permutation(names.FARM_NAMES), *(f"{b} FARM" for b in names.BASES)]
            farm = unique(f"farm:{loc}", farms)
            pieces.append(
                StreetPiece(street.coords, "track", street.key, f"ACCESS TO {farm}", loc, 2, idx)
            )
        elif street.settlement > 0:
            vname = villages[street.settlement]
            kind = street.kind
            name = new_name(vname, kind, False, tuple(rng.permutation(names.VILLAGE_NAMES)))
            pieces.append(StreetPiece(street.coords, kind, street.key, name, vname, 1, idx))
        else:
            inner = street.key < 0.35 * land.final_key
            first: tuple[str, ...] = ()
            if inner and inner_count < len(centre_names) and street.kind == "street":
                first = (centre_names[inner_count],)
                inner_count += 1
            loc = town_locality(mid.x, mid.y, street.key)
            name = new_name(loc, street.kind, inner, first)
            pieces.append(StreetPiece(street.coords, street.kind, street.key, name, loc, 1, idx))
    return pieces


def _town_reach(land: Land) -> float:
    """How far out along a main road the town's own streets reach (m)."""
    return max(600.0, land.final_key * 1.05)


def _nearest_village(land: Land, villages: dict[int, str], p: Point) -> str:
    best, best_d = "", math.inf
    for i, name in villages.items():
        s = land.settlements[i]
        d = math.hypot(p.x - s.x, p.y - s.y)
        if d < best_d:
            best, best_d = name, d
    return best if best_d < 2500 else ""


def node(pieces: list[StreetPiece], usrns: np.ndarray) -> pd.DataFrame:
    """Split the USRN lines at every junction: one row per segment (usrn, geometry, along)."""
    lines = np.array([LineString(p.coords) for p in pieces], dtype=object)
    noded = shapely.union_all(lines, grid_size=GRID)
    parts = np.asarray(shapely.get_parts(noded))
    parts = _weld(parts[shapely.length(parts) > 0.05])
    mids = shapely.line_interpolate_point(parts, 0.5, normalized=True)
    tree = shapely.STRtree(lines)
    nearest = tree.query_nearest(mids, return_distance=False, all_matches=False)
    owner = nearest[1][np.argsort(nearest[0], kind="stable")]
    # Orient every segment along its street and order segments along the street.
    starts = shapely.line_locate_point(lines[owner], shapely.get_point(parts, 0))
    ends = shapely.line_locate_point(lines[owner], shapely.get_point(parts, -1))
    flip = ends < starts
    parts = np.where(flip, shapely.reverse(parts), parts)
    frame = pd.DataFrame(
        {
            "usrn": usrns[owner],
            "piece": owner,
            "along": np.minimum(starts, ends),
            "geometry": parts,
        }
    )
    frame = frame.sort_values(["usrn", "along"], kind="stable").reset_index(drop=True)
    frame["segment_id"] = np.arange(1, len(frame) + 1, dtype=np.int64)
    frame["length_m"] = np.round(shapely.length(frame["geometry"].to_numpy()), 2)
    return frame


def split_long(segments: pd.DataFrame, max_length: float = 50.0) -> pd.DataFrame:
    """Cut segments longer than *max_length* into equal pieces, as NSG ESUs are kept short.

    Pieces keep their USRN and order along the street; ids are renumbered in that order.
    """
    rows = []
    for row in segments.itertuples(index=False):
        geometry = row.geometry
        n = max(1, math.ceil(geometry.length / max_length))
        for k in range(n):
            piece = substring(geometry, k / n, (k + 1) / n, normalized=True)
            rows.append((row.usrn, row.piece, row.along + k * 1e-6, piece))
    frame = pd.DataFrame(rows, columns=["usrn", "piece", "along", "geometry"])
    coords = np.round(shapely.get_coordinates(frame["geometry"].to_numpy()), 2)
    frame["geometry"] = shapely.set_coordinates(frame["geometry"].to_numpy(), coords)
    frame["segment_id"] = np.arange(1, len(frame) + 1, dtype=np.int64)
    frame["length_m"] = np.round(shapely.length(frame["geometry"].to_numpy()), 2)
    return frame


def _weld(parts: np.ndarray, tolerance: float = 0.05) -> np.ndarray:
    """Give segment ends closer than *tolerance* one shared coordinate (snap rounding can
    leave the two sides of a node a grid step apart)."""
    coords, owner = shapely.get_coordinates(parts, return_index=True)
    coords = np.round(coords, 2)
    first = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    last = np.r_[first[1:] - 1, len(owner) - 1]
    ends = np.concatenate([first, last])
    pairs = cKDTree(coords[ends]).query_pairs(tolerance, output_type="ndarray")
    n = len(ends)
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    representative = np.full(label.max() + 1, n)
    np.minimum.at(representative, label, np.arange(n))
    coords[ends] = coords[ends[representative[label]]]
    return shapely.set_coordinates(shapely.from_wkb(shapely.to_wkb(parts)), coords)


def components(segments: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """Connected components of a set of line segments: (count, labels per node, degrees)."""
    ends = np.vstack(
        [
            shapely.get_coordinates(shapely.get_point(segments, 0)),
            shapely.get_coordinates(shapely.get_point(segments, -1)),
        ]
    )
    keys = np.round(ends / GRID).astype(np.int64)
    _, node_ids = np.unique(keys, axis=0, return_inverse=True)
    node_ids = node_ids.reshape(-1)
    n = len(segments)
    a, b = node_ids[:n], node_ids[n:]
    count = int(node_ids.max()) + 1
    graph = coo_matrix((np.ones(n), (a, b)), shape=(count, count))
    ncomp, labels = connected_components(graph, directed=False)
    degree = np.bincount(np.concatenate([a, b]), minlength=count)
    return ncomp, labels, degree


def street_table(
    rng: np.random.Generator,
    pieces: list[StreetPiece],
    usrns: np.ndarray,
    segments: pd.DataFrame,
    land: Land,
) -> pd.DataFrame:
    """One row per USRN in the canonical street schema, geometry merged from its segments."""
    geoms = segments.groupby("usrn", sort=True)["geometry"].agg(lambda g: _chain(g.to_numpy()))
    rows = []
    newest = 0.9 * land.final_key
    for p, usrn in zip(pieces, usrns, strict=True):
        if usrn not in geoms.index:
            continue
        new_estate = p.kind in ("street", "crescent", "close") and p.key > newest
        start = dt.date(1995, 4, 1) + dt.timedelta(days=int(rng.integers(0, 300)))
        if new_estate:
            start = dt.date(2023, 1, 1) + dt.timedelta(days=int(rng.integers(0, 600)))
        rows.append(
            {
                "usrn": int(usrn),
                "street_description": p.name,
                "locality": p.locality or None,
                "town": names.TOWN,
                "administrative_area": names.ADMIN_AREA,
                "street_type": p.street_type,
                "state": 1 if new_estate and rng.random() < 0.5 else 2,
                "classification": "9" if p.kind == "track" else "8",
                "source": names.SOURCE,
                "start_date": start,
                "end_date": None,
                "state_date": start,
                "surface": 2 if p.kind == "track" else 1,
                "geometry_source": "sample generator",
                "geometry": geoms.loc[usrn],
                "kind": p.kind,
                "key": p.key,
            }
        )
    return pd.DataFrame(rows)


def _chain(segments: np.ndarray) -> object:
    """Join a street's segments (in order along it) end to end: a LineString where they
    run on continuously, a MultiLineString where the street branches."""
    parts: list[list[np.ndarray]] = []
    for coords in (shapely.get_coordinates(g) for g in segments):
        if parts and np.array_equal(parts[-1][-1][-1], coords[0]):
            parts[-1].append(coords[1:])
        else:
            parts.append([coords])
    lines = [LineString(np.vstack(p)) for p in parts]
    return lines[0] if len(lines) == 1 else MultiLineString(lines)


def make_usrns(rng: np.random.Generator, count: int) -> np.ndarray:
    """Increasing 8-digit USRNs with gaps, as an authority's range looks."""
    return (38_100_000 + np.cumsum(rng.integers(1, 40, count))).astype(np.int64)
