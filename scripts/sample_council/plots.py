"""Building plots along the streets: where each addressable building stands.

Plots are laid out on both sides of every street at a spacing and set-back that depend on
how far the street is from the centre of its settlement (terraces in the centre, semis
and detached houses further out, a few houses along country lanes), then filtered so no
plot sits on another street or outside the authority. All geometry work is vectorised.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from .network import Land

# zone: (spacing m, set-back m)
ZONES = {
    "centre": (6.0, 8.0),
    "inner": (7.0, 10.0),
    "suburb": (10.5, 13.0),
    "village": (14.0, 13.0),
    "rural": (0.0, 18.0),
}


def settlement_key(land: Land, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Growth key (distance to a settlement centre over its weight) at each point."""
    keys = [np.hypot(x - s.x, y - s.y) / s.weight for s in land.settlements]
    return np.min(np.vstack(keys), axis=0)


def _zones(land: Land, x: np.ndarray, y: np.ndarray, country_road: np.ndarray) -> tuple:
    """(zone, key, settlement) at each point; country roads beyond the town are rural."""
    key = settlement_key(land, x, y)
    rel = key / max(land.final_key, 1.0)
    nearest = _nearest_settlement(land, x, y)
    zone = np.where(rel < 0.22, "centre", np.where(rel < 0.5, "inner", "suburb"))
    zone = np.where(nearest > 0, np.where(rel < 0.3, "inner", "village"), zone)
    zone = np.where(country_road & (key > land.final_key * 1.05), "rural", zone)
    return zone, key, np.where(zone == "rural", -1, nearest)


def _single_line(geom: object) -> object:
    if geom.geom_type == "LineString":
        return geom
    merged = shapely.line_merge(geom)
    if merged.geom_type == "LineString":
        return merged
    return max(merged.geoms, key=lambda g: g.length)


def lay_out(
    rng: np.random.Generator, land: Land, streets: pd.DataFrame, segments: pd.DataFrame
) -> pd.DataFrame:
    """One row per plot: usrn, side (+1 left, -1 right), along, x, y, zone, key."""
    lines = np.array([_single_line(g) for g in streets["geometry"]], dtype=object)
    lengths = shapely.length(lines)
    kinds = streets["kind"].to_numpy()
    usrns = streets["usrn"].to_numpy()
    # The zone every 10 m along each street sets the plot width there.
    n_samples = (lengths // 10).astype(int) + 2
    sample_street = np.repeat(np.arange(len(lines)), n_samples)
    start = np.r_[0, np.cumsum(n_samples)[:-1]]
    step = lengths / (n_samples - 1)
    sample_d = (np.arange(len(sample_street)) - start[sample_street]) * step[sample_street]
    sxy = shapely.get_coordinates(shapely.line_interpolate_point(lines[sample_street], sample_d))
    country = np.isin(kinds, ["main", "bypass"])[sample_street]
    s_zone, _, _ = _zones(land, sxy[:, 0], sxy[:, 1], country)
    s_width = np.array([ZONES[z][0] for z in s_zone])
    plot_street, plot_d, plot_side = [], [], []
    for i in range(len(lines)):
        length = lengths[i]
        if kinds[i] in ("lane", "track"):
            # Scattered houses and farms: one every few hundred metres, one at a track's end.
            n = max(0, int(length / rng.uniform(250, 600)))
            d = np.sort(rng.uniform(30, max(length - 30, 31), n))
            if kinds[i] == "track":
                d = np.append(d[: max(0, n - 1)], length - 15)
            side = rng.choice([-1, 1], size=len(d))
        else:
            widths = s_width[start[i] : start[i] + n_samples[i]]
            zones = s_zone[start[i] : start[i] + n_samples[i]]
            rural_gap = rng.uniform(200, 500)
            ds, sides = [], []
            for side_value in (1, -1):
                pos = rng.uniform(8, 20)
                jitter = rng.uniform(0.9, 1.15, int(length / 5) + 2)
                k = 0
                while pos < length - 8:  # step along one plot width at a time
                    ds.append(pos)
                    sides.append(side_value)
                    j = min(int(round(pos / step[i])), len(widths) - 1)
                    width = rural_gap if zones[j] == "rural" else widths[j]
                    pos += width * jitter[min(k, len(jitter) - 1)]
                    k += 1
            d, side = np.array(ds), np.array(sides, dtype=int)
        plot_street.append(np.full(len(d), i))
        plot_d.append(d)
        plot_side.append(side)
    idx = np.concatenate(plot_street)
    plots = _frame(usrns[idx], lines[idx], np.concatenate(plot_d), np.concatenate(plot_side))
    country_plot = np.isin(kinds, ["main", "bypass"])[idx]
    zone, key, settlement = _zones(
        land, plots["sx"].to_numpy(), plots["sy"].to_numpy(), country_plot
    )
    lane = np.isin(kinds, ["lane", "track"])[idx]
    plots["zone"] = np.where(lane, "rural", zone)
    plots["key"] = key
    plots["settlement"] = np.where(lane, -1, settlement)
    plots = _offset(plots, streets)
    plots = _clear_of_other_streets(plots, segments)
    inside = shapely.contains_xy(
        land.boundary.buffer(-15), plots["x"].to_numpy(), plots["y"].to_numpy()
    )
    return plots[inside].reset_index(drop=True)


def _nearest_settlement(land: Land, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    keys = np.vstack([np.hypot(x - s.x, y - s.y) / s.weight for s in land.settlements])
    return np.argmin(keys, axis=0)


def _frame(usrn: np.ndarray, lines: np.ndarray, d: np.ndarray, side: np.ndarray) -> pd.DataFrame:
    """Plot positions on the street line with the street's left-hand normal there."""
    d = np.asarray(d, dtype=float)
    length = shapely.length(lines)
    pts = shapely.line_interpolate_point(lines, d)
    ahead = shapely.line_interpolate_point(lines, np.minimum(d + 2.0, length))
    behind = shapely.line_interpolate_point(lines, np.maximum(d - 2.0, 0.0))
    a, b = shapely.get_coordinates(behind), shapely.get_coordinates(ahead)
    t = b - a
    t /= np.maximum(np.hypot(t[:, 0], t[:, 1]), 1e-9)[:, None]
    xy = shapely.get_coordinates(pts)
    return pd.DataFrame(
        {
            "usrn": np.asarray(usrn, dtype=np.int64),
            "side": np.asarray(side, dtype=int),
            "along": d,
            "sx": xy[:, 0],
            "sy": xy[:, 1],
            "nx": -t[:, 1],
            "ny": t[:, 0],
        }
    )


def _offset(plots: pd.DataFrame, streets: pd.DataFrame) -> pd.DataFrame:
    """Set each plot back from the street on its side."""
    setback = np.array([ZONES[z][1] for z in plots["zone"]]) + np.linspace(0, 1, len(plots)) % 1.7
    sign = plots["side"].to_numpy()
    plots = plots.copy()
    plots["x"] = np.round(plots["sx"] + sign * setback * plots["nx"], 2)
    plots["y"] = np.round(plots["sy"] + sign * setback * plots["ny"], 2)
    plots["setback"] = setback
    return plots


def _clear_of_other_streets(plots: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Drop plots that would stand on or crowd another street (near junctions, bends)."""
    pts = shapely.points(plots["x"].to_numpy(), plots["y"].to_numpy())
    seg_geoms = segments["geometry"].to_numpy()
    seg_usrn = segments["usrn"].to_numpy()
    tree = shapely.STRtree(seg_geoms)
    pi, si = tree.query(pts, predicate="dwithin", distance=30.0)
    dist = shapely.distance(pts[pi], seg_geoms[si])
    own = seg_usrn[si] == plots["usrn"].to_numpy()[pi]
    limit = plots["setback"].to_numpy()[pi] + 6.0
    too_close_other = (~own) & (dist < limit)
    too_close_own = own & (dist < plots["setback"].to_numpy()[pi] - 3.0)  # inside of a bend
    bad = np.unique(pi[too_close_other | too_close_own])
    keep = np.ones(len(plots), bool)
    keep[bad] = False
    # Plots of different streets that would overlap (back to back on narrow blocks).
    kept = np.flatnonzero(keep)
    tree2 = shapely.STRtree(pts[kept])
    a, b = tree2.query(pts[kept], predicate="dwithin", distance=5.0)
    clash = (a < b) & (plots["usrn"].to_numpy()[kept][a] != plots["usrn"].to_numpy()[kept][b])
    keep[kept[b[clash]]] = False
    return plots[keep].reset_index(drop=True)
