"""Postcode units: contiguous runs of 15-25 addresses along streets, in sectors and districts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import names

INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # never C I K M O V


def _split(weights: np.ndarray, order: np.ndarray, k: int) -> np.ndarray:
    """Cut items taken in *order* into *k* runs of about equal total weight."""
    cum = np.cumsum(weights[order])
    labels = np.empty(len(order), dtype=int)
    labels[order] = np.minimum((cum - 1) * k // max(cum[-1], 1), k - 1)
    return labels


def hilbert(x: np.ndarray, y: np.ndarray, order: int = 16) -> np.ndarray:
    """Position of each point along a Hilbert curve over their bounding box (near → near)."""
    n = 1 << order
    span = max(float(np.ptp(x)), float(np.ptp(y)), 1e-9)
    xi = ((x - x.min()) / span * (n - 1)).astype(np.int64)
    yi = ((y - y.min()) / span * (n - 1)).astype(np.int64)
    d = np.zeros(len(x), dtype=np.int64)
    s = n >> 1
    while s > 0:
        rx = (xi & s) > 0
        ry = (yi & s) > 0
        d += s * s * ((3 * rx) ^ ry)
        flip = ~ry
        swap_x = np.where(flip & rx, s - 1 - xi, xi)
        swap_y = np.where(flip & rx, s - 1 - yi, yi)
        xi, yi = np.where(flip, swap_y, swap_x), np.where(flip, swap_x, swap_y)
        s >>= 1
    return d


def assign(rng: np.random.Generator, addresses: pd.DataFrame) -> pd.Series:
    """A BS 7666 postcode for every address; a building's addresses share one."""
    plots = addresses.groupby("plot", sort=True).agg(
        x=("x", "first"),
        y=("y", "first"),
        usrn=("usrn", "first"),
        along=("along", "first"),
        n=("uprn", "size"),
    )
    # Districts are wedges round the town centre, sectors rings within a district.
    n = plots["n"].to_numpy()
    cx = np.average(plots["x"], weights=n)
    cy = np.average(plots["y"], weights=n)
    turn = rng.uniform(-np.pi, np.pi)
    angle = (np.arctan2(plots["y"] - cy, plots["x"] - cx).to_numpy() - turn) % (2 * np.pi)
    radius = np.hypot(plots["x"] - cx, plots["y"] - cy).to_numpy()
    n_districts = max(3, round(len(addresses) / 1600))
    plots["district"] = _split(n, np.argsort(angle, kind="stable"), n_districts)
    codes = pd.Series("", index=plots.index, dtype=object)
    pairs = [a + b for a in INWARD_LETTERS for b in INWARD_LETTERS]
    for d in range(n_districts):
        in_d = plots[plots["district"] == d]
        n_sectors = max(2, min(9, round(in_d["n"].sum() / 500)))
        pos = plots.index.get_indexer(in_d.index)
        sector = _split(n[pos], np.argsort(radius[pos], kind="stable"), n_sectors)
        digits = rng.permutation(10)[:n_sectors]
        for s in range(n_sectors):
            # Streets in Hilbert order of their middles, each walked along its length.
            in_s = in_d[sector == s].copy()
            mid = in_s.groupby("usrn")[["x", "y"]].transform("median")
            street_pos = hilbert(mid["x"].to_numpy(), mid["y"].to_numpy())
            in_s["street_pos"] = street_pos
            in_s = in_s.sort_values(["street_pos", "usrn", "along"], kind="stable")
            counts = in_s["n"].to_numpy()
            units = np.zeros(len(in_s), dtype=int)
            unit, filled, size = 0, 0, int(rng.integers(15, 26))
            for i, c in enumerate(counts):
                if filled >= size or (filled >= 10 and filled + c > size + 4):
                    unit, filled, size = unit + 1, 0, int(rng.integers(15, 26))
                units[i] = unit
                filled += c
            if unit > 0 and filled < 8:  # a short tail joins the unit before it
                units[units == unit] = unit - 1
                unit -= 1
            letters = sorted(rng.choice(len(pairs), size=unit + 1, replace=False))
            outward = f"{names.POSTCODE_AREA}{d + 1}"
            codes.loc[in_s.index] = [f"{outward} {digits[s]}{pairs[letters[u]]}" for u in units]
    return addresses["plot"].map(codes)
