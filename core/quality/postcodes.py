"""Postcode rules: BS 7666 format, known to Code-Point Open, near the postcode's centre."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import postcode
from .context import Context, lookup, metres, normalised_postcodes, quoted
from .registry import ERROR, WARNING, Finding, rule


@rule(
    "A18",
    ERROR,
    "Postcode not in BS 7666 format",
    "A postcode is an outward code (area letters, district digits, e.g. TN13) and an inward "
    "code (a digit and two letters, e.g. 1AA) separated by one space, in capitals. Lower "
    "case, missing or extra spaces, or a letter O for a zero stop the postcode matching "
    "Royal Mail's and every other system's. Fix: retype the postcode in the standard form.",
    fields=("postcode",),
    messages={
        "not_bs7666": "{address} has postcode {postcode} which is not in BS 7666 format{hint}",
        "did_you_mean": " (did you mean {postcode}?)",
    },
)
def postcode_format(ctx: Context) -> Finding:
    values = ctx.a["postcode"]
    present = (values.str.strip() != "").to_numpy()
    valid = lookup(values, postcode.is_valid).to_numpy(dtype=bool)
    bad = present & ~valid
    fixed = lookup(values[bad], lambda v: postcode.normalise(v) or postcode.repair(v))
    hint = np.where(
        fixed.isna().to_numpy(), "", ctx.say("did_you_mean", postcode=fixed.fillna("").to_numpy())
    )
    msg = ctx.say(
        "not_bs7666", address=ctx.uprn_text[bad], postcode=quoted(values.to_numpy()[bad]), hint=hint
    )
    return Finding.from_mask(bad, msg, int(present.sum()))


@rule(
    "A19",
    WARNING,
    "Postcode not in Code-Point Open",
    "A postcode that Code-Point Open (the POSTCODES layer) does not list is either mistyped, "
    "new since that release, or retired by Royal Mail. Fix: check the postcode with Royal "
    "Mail's Postcode Address File and correct it, or load a newer Code-Point Open release.",
    fields=("postcode",),
    needs=("postcodes",),
    messages={"unknown": "{address} has postcode {postcode}, which is not in POSTCODES"},
)
def postcode_unknown(ctx: Context) -> Finding:
    assert ctx.postcodes is not None
    norm = normalised_postcodes(ctx)
    known = set(lookup(ctx.postcodes["postcode"], postcode.normalise).dropna())
    checked = norm.notna().to_numpy()
    bad = checked & ~norm.isin(known).to_numpy()
    msg = ctx.say("unknown", address=ctx.uprn_text[bad], postcode=norm.to_numpy()[bad])
    return Finding.from_mask(bad, msg, int(checked.sum()))


def postcode_centres(ctx: Context, norm: pd.Series) -> tuple[pd.DataFrame, str]:
    """Postcode → x, y of its centre, and where the centres come from (A20's message key)."""
    if ctx.postcodes is not None:
        pc = ctx.postcodes.assign(key=lookup(ctx.postcodes["postcode"], postcode.normalise))
        pc = pc.dropna(subset=["key", "x", "y"]).drop_duplicates("key")
        return pc.set_index("key")[["x", "y"]], "far_from_point"
    ok = ctx.xy_ok & norm.notna().to_numpy()
    frame = pd.DataFrame({"key": norm[ok].to_numpy(), "x": ctx.a["x"][ok], "y": ctx.a["y"][ok]})
    grouped = frame.groupby("key", sort=True)
    centres = grouped[["x", "y"]].median()
    counts = grouped.size()
    return centres[counts >= ctx.thresholds.min_postcode_addresses], "far_from_median"


@rule(
    "A20",
    WARNING,
    "Address far from its postcode's centre",
    "The addresses of one postcode unit (about 15 on average) lie close together. An address "
    "far from its postcode's centre (the Code-Point Open point when POSTCODES is given, "
    "otherwise the median of the addresses sharing the postcode; the distance is a "
    "parameter: 1,000 m suits a town; rural authorities, whose postcodes follow long lanes, "
    "may raise it) has the wrong postcode or a misplaced point. Fix: check the postcode "
    "against Royal Mail's PAF and the point against the map.",
    fields=("postcode", "x", "y"),
    messages={
        "far_from_point": "{address} is {distance} from the Code-Point Open point of postcode "
        "{postcode}; more than {limit:,.0f} m",
        "far_from_median": "{address} is {distance} from the median point of postcode "
        "{postcode}; more than {limit:,.0f} m",
    },
)
def far_from_postcode(ctx: Context) -> Finding:
    norm = normalised_postcodes(ctx)
    centres, source = postcode_centres(ctx, norm)
    usable = ctx.xy_ok & norm.isin(centres.index).to_numpy()
    rows = np.flatnonzero(usable)
    keys = norm.to_numpy()[rows]
    cx = centres["x"].reindex(keys).to_numpy()
    cy = centres["y"].reindex(keys).to_numpy()
    dist = np.hypot(ctx.a["x"].to_numpy()[rows] - cx, ctx.a["y"].to_numpy()[rows] - cy)
    far = dist > ctx.thresholds.postcode_distance
    bad = rows[far]
    msg = ctx.say(
        source,
        address=ctx.uprn_text[bad],
        distance=metres(dist[far]),
        postcode=keys[far],
        limit=ctx.thresholds.postcode_distance,
    )
    return Finding(bad, msg, len(rows))
