"""Location rules: coordinates usable, inside the authority, near the street they are on."""

from __future__ import annotations

import numpy as np
import shapely

from .. import bng
from .context import Context, int_text, metres
from .registry import ERROR, WARNING, Finding, rule


@rule(
    "A02",
    ERROR,
    "Coordinates missing or outside the British National Grid",
    "Each address point needs an easting and northing in British National Grid metres "
    f"(eastings {bng.MIN_E:,.0f}–{bng.MAX_E:,.0f}, northings {bng.MIN_N:,.0f}–{bng.MAX_N:,.0f}). "
    "Missing coordinates, latitude/longitude typed into the grid fields, or swapped easting "
    "and northing put the point nowhere or in the sea. Fix: re-capture the point on the "
    "building (or land parcel) it represents.",
    fields=("x", "y"),
    messages={
        "no_coordinates": "{address} has no coordinates",
        "outside_grid": "{address} is at ({x}, {y}), outside the British National Grid",
    },
)
def coordinates(ctx: Context) -> Finding:
    x, y = ctx.a["x"].to_numpy(), ctx.a["y"].to_numpy()
    bad = ~ctx.xy_ok
    missing = ~(np.isfinite(x) & np.isfinite(y))
    msg = np.where(
        missing[bad],
        ctx.say("no_coordinates", address=ctx.uprn_text[bad]),
        ctx.say(
            "outside_grid",
            address=ctx.uprn_text[bad],
            x=[f"{v:.2f}" for v in x[bad]],
            y=[f"{v:.2f}" for v in y[bad]],
        ),
    )
    return Finding.from_mask(bad, msg, ctx.n)


@rule(
    "A03",
    WARNING,
    "Address outside the authority boundary",
    "An authority's gazetteer holds the addresses inside its own area. A point outside the "
    "boundary (beyond the boundary tolerance) is either mis-placed or belongs to a "
    "neighbouring authority. Fix: move the point to the right building, or hand the record "
    "to the authority it lies in.",
    fields=("x", "y"),
    needs=("boundary",),
    messages={"outside": "{address} lies {distance} outside the authority boundary"},
)
def outside_boundary(ctx: Context) -> Finding:
    ok = np.flatnonzero(ctx.xy_ok)
    x, y = ctx.a["x"].to_numpy()[ok], ctx.a["y"].to_numpy()[ok]
    boundary = ctx.boundary
    shapely.prepare(boundary)
    # contains(…, points), not contains_xy: contains_xy needs GEOS 3.12, and inside QGIS 3.22
    # (GEOS 3.11 loaded by QGIS itself) a shapely wheel's newer GEOS calls can crash.
    inside = shapely.contains(boundary, shapely.points(x, y))
    out = ok[~inside]
    dist = shapely.distance(boundary, ctx.points[out]) if len(out) else np.empty(0)
    far = dist > ctx.thresholds.boundary_tolerance
    rows = out[far]
    msg = ctx.say("outside", address=ctx.uprn_text[rows], distance=metres(dist[far]))
    return Finding(rows, msg, len(ok))


@rule(
    "A21",
    WARNING,
    "Address far from its street",
    "An address is normally within a short distance of the street it is addressed from "
    "(the threshold is a parameter; 250 m suits a UK town, rural authorities with long "
    "drives may raise it). A point far from its street suggests the wrong USRN, or a point "
    "captured in the wrong place. Fix: check the USRN against the map and move the point or "
    "correct the street.",
    fields=("usrn", "x", "y"),
    needs=("streets.usrn",),
    messages={
        "far": "{address} is {distance} from its street, USRN {usrn}{name}; more than "
        "{limit:,.0f} m",
        "street_name": " ({name})",
    },
)
def far_from_street(ctx: Context) -> Finding:
    street = ctx.address_street
    usable = ctx.xy_ok & (street >= 0)
    usable[usable] &= ctx.street_ok[street[usable]]
    rows = np.flatnonzero(usable)
    dist = shapely.distance(ctx.points[rows], ctx.street_geoms[street[rows]])
    far = dist > ctx.thresholds.street_distance
    bad = rows[far]
    assert ctx.s is not None
    names = (
        ctx.s["street_description"].to_numpy()[street[bad]]
        if "street_description" in ctx.s.columns
        else np.full(len(bad), "", dtype=object)
    )
    label = np.where(names == "", "", ctx.say("street_name", name=names))
    msg = ctx.say(
        "far",
        address=ctx.uprn_text[bad],
        distance=metres(dist[far]),
        usrn=int_text(ctx.s["usrn"].to_numpy()[street[bad]]),
        name=label,
        limit=ctx.thresholds.street_distance,
    )
    return Finding(bad, msg, len(rows))


#: Representative point codes: 1 visual centre, 2 general internal point, 3 SW corner of a
#: referenced 100 m grid square, 4 start of referenced street, 5 SW corner of a 1 km grid
#: square, 9 area/postcode centroid (legacy). 3, 5 and 9 are no longer allowed.
RPC_CODES = (1, 2, 3, 4, 5, 9)
OBSOLETE_RPC = (3, 5, 9)


@rule(
    "A07",
    WARNING,
    "Representative point code missing or obsolete",
    "The representative point code (RPC) says how precisely the point was placed: 1 in the "
    "visual centre of the building or plot, 2 at a general internal point, 4 at the start of "
    "the street. Codes 3 (100 m grid square), 5 (1 km grid square) and 9 (postcode or area "
    "centroid) are obsolete: such points are only approximately placed. Fix: re-capture the "
    "point on the building and set RPC 1 (or 2).",
    fields=("rpc",),
    messages={
        "no_rpc": "{address} has no representative point code",
        "obsolete_rpc": "{address} has obsolete representative point code {rpc}: the point is "
        "only approximately placed",
        "bad_rpc": "{address} has representative point code {rpc}, which is not a valid code "
        "(1, 2 or 4)",
    },
)
def representative_point(ctx: Context) -> Finding:
    rpc = ctx.a["rpc"].to_numpy()
    missing = np.isnan(rpc)
    obsolete = np.isin(rpc, OBSOLETE_RPC)
    unknown = ~missing & ~np.isin(rpc, RPC_CODES)
    msgs = np.full(ctx.n, "", dtype=object)
    msgs[missing] = ctx.say("no_rpc", address=ctx.uprn_text[missing])
    msgs[obsolete] = ctx.say(
        "obsolete_rpc", address=ctx.uprn_text[obsolete], rpc=int_text(rpc[obsolete])
    )
    msgs[unknown] = ctx.say("bad_rpc", address=ctx.uprn_text[unknown], rpc=int_text(rpc[unknown]))
    bad = missing | obsolete | unknown
    return Finding.from_mask(bad, msgs[bad], ctx.n)
