"""Street rules: geometry, connection to the network, descriptors, types, use and extent."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .context import (
    CLOSED_STREET_STATE,
    Context,
    cat,
    metres,
    normalised_text,
    quoted,
    spacing_problems,
)
from .registry import ERROR, INFO, WARNING, Finding, rule
from .text import SPACING_MESSAGES

STREET_TEXT = ("street_description", "locality", "town", "administrative_area")
DESIGNATED, NUMBERED = 1, 3
#: Road numbers reserved for numbered streets (type 3): M, A, B roads and the local C/U
#: classes, optionally with "(M)" for motorway-standard A roads (A1(M)).
RESERVED_PREFIX = re.compile(r"^(?:M|A|B|C|U)\d{1,4}(?:\(M\))?(?:\s|$)")


def _streets(ctx: Context) -> pd.DataFrame:
    assert ctx.s is not None
    return ctx.s


@rule(
    "S02",
    ERROR,
    "Street geometry missing, empty or of zero length",
    "Each street record has a line that follows the street on the ground (in the NSG, the "
    "union of its Elementary Street Units). A missing, empty or zero-length line cannot be "
    "drawn, routed or used to check its addresses. Fix: digitise the street's centreline "
    "from its start to its end.",
    fields=(),
    messages={
        "no_geometry": "{street} has no geometry",
        "zero_length": "{street} has a zero-length geometry",
    },
)
def street_geometry(ctx: Context) -> Finding:
    geoms = ctx.street_geoms
    assert geoms is not None
    missing = shapely.is_missing(geoms)
    empty = ~missing
    empty[~missing] = shapely.is_empty(geoms[~missing])
    zero = ~missing & ~empty & ~ctx.street_ok
    keys = ctx.usrn_text
    msgs = np.full(len(geoms), "", dtype=object)
    msgs[missing | empty] = ctx.say("no_geometry", street=keys[missing | empty])
    msgs[zero] = ctx.say("zero_length", street=keys[zero])
    bad = missing | empty | zero
    return Finding.from_mask(bad, msgs[bad], len(geoms))


@rule(
    "S03",
    WARNING,
    "Street geometry crosses itself",
    "A street line that crosses or overlaps itself (a figure of eight, or a part digitised "
    "twice) double-counts its length and confuses routing. Fix: split the street where it "
    "really crosses itself, or delete the repeated part.",
    fields=(),
    messages={"crosses_itself": "{street} crosses or overlaps itself"},
)
def self_intersection(ctx: Context) -> Finding:
    geoms = ctx.street_geoms
    assert geoms is not None
    rows = np.flatnonzero(ctx.street_ok)
    simple = shapely.is_simple(geoms[rows])
    bad = rows[~simple]
    return Finding(bad, ctx.say("crosses_itself", street=ctx.usrn_text[bad]), len(rows))


@rule(
    "S04",
    WARNING,
    "Street geometry has repeated vertices",
    "Two consecutive vertices at the same position add nothing but a zero-length segment, "
    "which breaks direction and snapping calculations and often marks a digitising slip. "
    "Fix: remove the repeated vertex (QGIS: Vertex tool, or Processing › Remove duplicate "
    "vertices).",
    fields=(),
    messages={
        "repeated": "{street} has {count} repeated vertex(es), the first at ({x}, {y})",
    },
)
def repeated_vertices(ctx: Context) -> Finding:
    geoms = ctx.street_geoms
    assert geoms is not None
    rows = np.flatnonzero(ctx.street_ok)
    parts, owner = shapely.get_parts(geoms[rows], return_index=True)
    coords, part = shapely.get_coordinates(parts, return_index=True)
    same = (part[1:] == part[:-1]) & np.all(coords[1:] == coords[:-1], axis=1)
    hit = np.flatnonzero(same)
    if not len(hit):
        return Finding.none(len(rows))
    street = rows[owner[part[hit]]]
    first = pd.Series(np.arange(len(hit))).groupby(street).first()
    count = pd.Series(street).value_counts().sort_index()
    bad = first.index.to_numpy()
    at = coords[hit[first.to_numpy()]]
    msg = ctx.say(
        "repeated",
        street=ctx.usrn_text[bad],
        count=count.reindex(bad).to_numpy().astype(str),
        x=[f"{v:.2f}" for v in at[:, 0]],
        y=[f"{v:.2f}" for v in at[:, 1]],
    )
    return Finding(bad, msg, len(rows), at[:, 0], at[:, 1])


@rule(
    "S05",
    WARNING,
    "Street not connected to the network",
    "Streets join other streets: a street with no other street within the network tolerance "
    "(a parameter, default 1 m) is isolated, so routing and catchments cannot reach its "
    "addresses. Usually its end was not snapped to the street it meets. Fix: snap the end "
    "vertex to the junction (QGIS snapping or Processing › Snap geometries to layer).",
    fields=(),
    messages={"isolated": "{street} touches no other street within {tolerance:g} m"},
)
def isolated(ctx: Context) -> Finding:
    left, _ = ctx.street_pairs
    rows = np.flatnonzero(ctx.street_ok)
    connected = np.zeros(len(ctx.street_ok), dtype=bool)
    connected[left] = True
    bad = rows[~connected[rows]]
    tol = ctx.thresholds.network_tolerance
    return Finding(bad, ctx.say("isolated", street=ctx.usrn_text[bad], tolerance=tol), len(rows))


@rule(
    "S06",
    ERROR,
    "Street descriptor, town or administrative area missing",
    "A street record names the street (descriptor), the town and the administrative area it "
    "is in; these make up the street part of every address on it. Fix: fill in the missing "
    "name from the street naming order or the neighbouring streets.",
    fields=("street_description", "town", "administrative_area"),
    messages={"no_names": "{street} has no {fields}"},
)
def street_names(ctx: Context) -> Finding:
    s = _streets(ctx)
    msgs = np.full(len(s), "", dtype=object)
    bad = np.zeros(len(s), dtype=bool)
    for name in ("street_description", "town", "administrative_area"):
        blank = (s[name].str.strip() == "").to_numpy()
        msgs[blank] = cat(msgs[blank], f", {ctx.label(name)}")
        bad |= blank
    msg = ctx.say("no_names", street=ctx.usrn_text[bad], fields=[m[2:] for m in msgs[bad]])
    return Finding.from_mask(bad, msg, len(s))


@rule(
    "S07",
    WARNING,
    "Street locality equal to its town",
    "The locality names a village or district inside the town; repeating the town name in "
    "the locality puts it twice in every address ('HIGH STREET, SEVENOAKS, SEVENOAKS'). Fix: "
    "clear the locality, or enter the real locality.",
    fields=("locality", "town"),
    messages={"locality_is_town": "{street} has locality {locality} equal to its town"},
)
def locality_is_town(ctx: Context) -> Finding:
    s = _streets(ctx)
    loc = normalised_text(s["locality"])
    town = normalised_text(s["town"])
    bad = ((loc == town) & (loc != "")).to_numpy()
    msg = ctx.say(
        "locality_is_town",
        street=ctx.usrn_text[bad],
        locality=quoted(s["locality"].to_numpy()[bad]),
    )
    return Finding.from_mask(bad, msg, int((loc != "").sum()))


@rule(
    "S08",
    WARNING,
    "Spaces or stray characters in street names",
    "Street descriptor, locality, town and administrative area must not start or end with a "
    "space, hold two spaces in a row, or carry characters outside letters, digits, spaces "
    "and ' - , . & / ( ) !. Such text will not match the same name typed cleanly. Fix: "
    "retype the name.",
    fields=("street_description",),
    messages=SPACING_MESSAGES,
)
def street_spacing(ctx: Context) -> Finding:
    s = _streets(ctx)
    msgs = np.full(len(s), "", dtype=object)
    bad = np.zeros(len(s), dtype=bool)
    for name in STREET_TEXT:
        if name not in s:
            continue
        edge, double, stray = spacing_problems(s[name])
        raw = s[name].to_numpy()
        label = ctx.label(name)
        for mask, key in (
            (edge, "edge_spaces"),
            (double, "double_spaces"),
            (stray, "stray_characters"),
        ):
            if mask.any():
                text = ctx.say(key, field=label, text=quoted(raw[mask]))
                msgs[mask] = cat(msgs[mask], "; ", text)
        bad |= edge | double | stray
    return Finding.from_mask(bad, ctx.problems(ctx.usrn_text[bad], msgs[bad]), len(s))


@rule(
    "S09",
    WARNING,
    "Same street name twice in one town on streets that do not touch",
    "Two separate streets with the same name in the same town (and the same locality, when "
    "the streets record one) send visitors, deliveries and emergency services to the wrong "
    "one; street naming rules forbid it. Records of one street split into parts that touch "
    "are fine, and so is a road that keeps its name through different localities (villages) "
    "of a town, since the locality tells them apart. Fix: rename one of the streets, or, if "
    "they are one street, join the parts (and their USRNs).",
    fields=("street_description", "town"),
    messages={
        "same_name": "{street} ({name}, {place}) has the same name as {other}, which it does "
        "not touch"
    },
)
def same_name(ctx: Context) -> Finding:
    s = _streets(ctx)
    n = len(s)
    locality = normalised_text(s["locality"]) if "locality" in s else ""
    key = (
        normalised_text(s["street_description"]) + "|" + locality + "|" + normalised_text(s["town"])
    )
    named = (s["street_description"].str.strip() != "").to_numpy() & ctx.street_ok
    if "street_type" in s:
        street_type = s["street_type"].to_numpy()
        named &= (street_type == DESIGNATED) | np.isnan(street_type)
    codes, _ = pd.factorize(key.where(named, None), use_na_sentinel=True)
    left, right = ctx.street_pairs
    same = (codes[left] >= 0) & (codes[left] == codes[right])
    graph = coo_matrix((np.ones(int(same.sum())), (left[same], right[same])), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    frame = pd.DataFrame({"code": codes, "comp": comp, "row": np.arange(n)})[codes >= 0]
    pieces = frame.groupby("code")["comp"].nunique()
    split = frame[frame["code"].map(pieces).to_numpy() > 1]
    if split.empty:
        return Finding.none(int(named.sum()))
    # For each street, name another street of the same name that it does not touch.
    firsts = split.groupby(["code", "comp"], sort=True)["row"].min().reset_index()
    other_first = firsts.groupby("code")["row"].agg(["min", "max"])
    rows = split["row"].to_numpy()
    own = split.merge(firsts, on=["code", "comp"], how="left", suffixes=("", "_own"))
    mine = own["row_own"].to_numpy()
    lo = other_first["min"].reindex(split["code"]).to_numpy()
    hi = other_first["max"].reindex(split["code"]).to_numpy()
    other = np.where(mine == lo, hi, lo)
    order = np.argsort(rows, kind="stable")
    rows, other = rows[order], other[order]
    place = s["town"].to_numpy()[rows]
    if "locality" in s:
        loc = s["locality"].str.strip().to_numpy()[rows]
        place = np.where(loc == "", place, cat(loc, ", ", place))
    msg = ctx.say(
        "same_name",
        street=ctx.usrn_text[rows],
        name=s["street_description"].to_numpy()[rows],
        place=place,
        other=ctx.usrn_text[other],
    )
    return Finding(rows, msg, int(named.sum()))


@rule(
    "S10",
    WARNING,
    "Numbered street without a road number",
    "A type 3 (numbered) street record carries the road's number as its descriptor: a "
    "reserved prefix M, A, B, C or U followed by the number, e.g. A21, B2042, M25, A1(M). A "
    "type 3 record without one is either another street type or a road number keyed wrongly. "
    "Fix: enter the road number, or change the street type.",
    fields=("street_type", "street_description"),
    messages={
        "no_road_number": "{street} is a numbered street (type 3) but its descriptor {name} "
        "does not start with a road number (M, A, B, C or U and digits)"
    },
)
def numbered_prefix(ctx: Context) -> Finding:
    s = _streets(ctx)
    numbered = s["street_type"].to_numpy() == NUMBERED
    ok = (
        s["street_description"]
        .str.strip()
        .str.upper()
        .str.contains(RESERVED_PREFIX)
        .to_numpy(dtype=bool)
    )
    bad = numbered & ~ok
    msg = ctx.say(
        "no_road_number",
        street=ctx.usrn_text[bad],
        name=quoted(s["street_description"].to_numpy()[bad]),
    )
    return Finding.from_mask(bad, msg, int(numbered.sum()))


@rule(
    "S12",
    INFO,
    "Live designated street with no addresses",
    "A live (not closed) street with an official name (type 1) usually has addresses. One "
    "with none may be newly named and not yet built on, or its addresses may carry another "
    "street's USRN. Fix: nothing if the street is new or has no properties; otherwise move "
    "its addresses onto it.",
    fields=("usrn", "street_type"),
    needs=("addresses.usrn",),
    messages={"no_addresses": "{street} is a live named street with no addresses"},
)
def street_without_addresses(ctx: Context) -> Finding:
    s = _streets(ctx)
    usrn = s["usrn"].to_numpy()
    live = s["street_type"].to_numpy() == DESIGNATED
    if "state" in s:
        live &= s["state"].to_numpy() != CLOSED_STREET_STATE
    live &= ~np.isnan(usrn)
    used = np.isin(usrn, pd.unique(ctx.a["usrn"].to_numpy()))
    bad = live & ~used
    return Finding.from_mask(
        bad, ctx.say("no_addresses", street=ctx.usrn_text[bad]), int(live.sum())
    )


@rule(
    "S13",
    WARNING,
    "Street outside the authority boundary",
    "An authority's street gazetteer holds the streets in its area (streets crossing the "
    "boundary are fine). A street wholly outside the boundary (beyond the boundary "
    "tolerance) belongs to a neighbour or was digitised in the wrong place. Fix: remove it "
    "from this gazetteer, or move its geometry.",
    fields=(),
    needs=("boundary",),
    messages={
        "outside": "{street} lies wholly outside the authority boundary, {distance} from it at "
        "the nearest"
    },
)
def street_outside(ctx: Context) -> Finding:
    geoms = ctx.street_geoms
    assert geoms is not None
    rows = np.flatnonzero(ctx.street_ok)
    boundary = ctx.boundary
    shapely.prepare(boundary)
    touches = shapely.intersects(boundary, geoms[rows])
    out = rows[~touches]
    dist = shapely.distance(boundary, geoms[out])
    far = dist > ctx.thresholds.boundary_tolerance
    bad = out[far]
    near = shapely.get_point(shapely.shortest_line(geoms[bad], boundary), 0)
    msg = ctx.say("outside", street=ctx.usrn_text[bad], distance=metres(dist[far]))
    return Finding(bad, msg, len(rows), shapely.get_x(near), shapely.get_y(near))
