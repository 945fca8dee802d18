"""The sample council's land: an irregular boundary and an organically grown street network.

The town grows outwards from a curving High Street: main roads radiate to the edge of the
authority, a partial bypass rings one side, villages sit on some main roads, lanes join the
main roads across the countryside, and side streets, crescents and closes branch off at
varied angles. A clearance raster (which street owns each 10 m cell) keeps new streets
apart: a street that runs into another either joins it (a junction, so loops form) or
stops short (a cul-de-sac).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon

CELL = 10.0  # clearance raster cell (m)
CLEARANCE = 36.0  # no two streets run closer than this, except where they join
STEP = 20.0  # growth step (m)
FREE, OUTSIDE = -1, -2

#: Units of frontage per metre of street, used to decide when the town is big enough.
UNITS_PER_METRE = 2 * 0.8 / 10.0


@dataclass
class Settlement:
    """A place the town grows around: the town itself or a village."""

    name: str
    x: float
    y: float
    weight: float  # relative size: growth key is distance / weight


@dataclass
class Street:
    """One generated street line before it is cut into USRNs."""

    coords: np.ndarray
    kind: str  # high, main, bypass, lane, street, crescent, close, track
    key: float  # growth key (distance from a settlement centre over its weight)
    settlement: int  # index of the settlement it belongs to; -1 for rural roads
    parent: int = -1
    junctions: list[float] = field(default_factory=list)  # distances along with a branch

    @property
    def line(self) -> LineString:
        return LineString(self.coords)


@dataclass
class Land:
    """Everything network generation produces."""

    centre: tuple[float, float]
    boundary: Polygon
    settlements: list[Settlement]
    streets: list[Street]
    final_key: float  # growth key of the last street added to the town
    radials: list[dict]  # per main road: street index, village along-distances


class _Clearance:
    """Which street owns each raster cell (FREE, OUTSIDE or a street index)."""

    def __init__(self, boundary: Polygon, margin: float) -> None:
        minx, miny, maxx, maxy = boundary.bounds
        self.x0, self.y0 = minx - margin, miny - margin
        self.nx = int(math.ceil((maxx - minx + 2 * margin) / CELL))
        self.ny = int(math.ceil((maxy - miny + 2 * margin) / CELL))
        xs = self.x0 + (np.arange(self.nx) + 0.5) * CELL
        ys = self.y0 + (np.arange(self.ny) + 0.5) * CELL
        inner = boundary.buffer(-25.0)
        shapely.prepare(inner)
        self.grid = np.full((self.ny, self.nx), OUTSIDE, dtype=np.int32)
        for r0 in range(0, self.ny, 256):  # in bands: bounded memory for big councils
            gx, gy = np.meshgrid(xs, ys[r0 : r0 + 256])
            self.grid[r0 : r0 + 256][shapely.contains_xy(inner, gx, gy)] = FREE
        r = int(math.ceil(CLEARANCE / CELL))
        dy, dx = np.mgrid[-r : r + 1, -r : r + 1]
        keep = np.hypot(dx, dy) * CELL <= CLEARANCE
        self.disk = np.stack([dy[keep], dx[keep]], axis=1)

    def at(self, x: float, y: float) -> int:
        i = int((y - self.y0) // CELL)
        j = int((x - self.x0) // CELL)
        if not (0 <= i < self.ny and 0 <= j < self.nx):
            return OUTSIDE
        return int(self.grid[i, j])

    def stamp(self, coords: np.ndarray, owner: int) -> None:
        """Give every free cell within CLEARANCE of the line to *owner*."""
        pts = np.asarray(shapely.get_coordinates(shapely.segmentize(LineString(coords), CELL)))
        ij = np.stack(
            [
                ((pts[:, 1] - self.y0) // CELL).astype(int),
                ((pts[:, 0] - self.x0) // CELL).astype(int),
            ],
            axis=1,
        )
        cells = (ij[:, None, :] + self.disk[None, :, :]).reshape(-1, 2)
        ok = (
            (cells[:, 0] >= 0)
            & (cells[:, 0] < self.ny)
            & (cells[:, 1] >= 0)
            & (cells[:, 1] < self.nx)
        )
        cells = cells[ok]
        free = self.grid[cells[:, 0], cells[:, 1]] == FREE
        self.grid[cells[free, 0], cells[free, 1]] = owner


def _boundary(rng: np.random.Generator, cx: float, cy: float, radius: float) -> Polygon:
    """An irregular authority outline: a lobed polar curve with a wandering edge."""
    theta = np.linspace(0, 2 * np.pi, 720, endpoint=False)
    r = np.ones_like(theta)
    for k in range(2, 7):
        r += rng.uniform(0.04, 0.16) / k * np.cos(k * theta + rng.uniform(0, 2 * np.pi))
    walk = np.cumsum(rng.normal(0, 0.012, theta.size))
    walk -= np.linspace(0, walk[-1], theta.size)  # close the loop
    kernel = np.ones(9) / 9
    walk = np.convolve(np.concatenate([walk[-4:], walk, walk[:4]]), kernel, mode="valid")
    r = radius * (r + walk)
    return Polygon(np.column_stack([cx + r * np.cos(theta), cy + r * np.sin(theta)])).buffer(0)


def _wander(
    rng: np.random.Generator,
    start: tuple[float, float],
    heading: float,
    length: float,
    noise: float,
    target: float | None = None,
    step: float = 30.0,
) -> np.ndarray:
    """A curving road: a heading random walk, optionally steered back towards *target*."""
    pts = [np.asarray(start, dtype=float)]
    h = heading
    drift = 0.0
    for _ in range(int(length // step)):
        drift = 0.8 * drift + rng.normal(0, noise)
        h += drift
        if target is not None:
            h += 0.08 * math.remainder(target - h, 2 * math.pi)
        pts.append(pts[-1] + step * np.array([math.cos(h), math.sin(h)]))
    return np.array(pts)


def _steer(
    rng: np.random.Generator, start: np.ndarray, end: np.ndarray, noise: float, step: float = 30.0
) -> np.ndarray:
    """A curving road from *start* that homes in on *end*."""
    pts = [start.astype(float)]
    h = math.atan2(*(end - start)[::-1]) + rng.normal(0, 0.4)
    drift = 0.0
    for _ in range(2000):
        to_end = end - pts[-1]
        dist = float(np.hypot(*to_end))
        if dist < step * 1.5:
            break
        drift = 0.7 * drift + rng.normal(0, noise)
        want = math.atan2(to_end[1], to_end[0])
        h += drift + 0.25 * math.remainder(want - h, 2 * math.pi)
        pts.append(pts[-1] + step * np.array([math.cos(h), math.sin(h)]))
    pts.append(end.astype(float))
    return np.array(pts)


def _clip_to(boundary: Polygon, coords: np.ndarray) -> np.ndarray:
    """The part of a line from its start up to where it first leaves *boundary*."""
    line = LineString(coords)
    inside = line.intersection(boundary)
    if inside.geom_type == "MultiLineString":
        start = Point(coords[0])
        inside = min(inside.geoms, key=lambda g: g.distance(start))
    return np.asarray(inside.coords)


def _along(coords: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(coords, axis=0).T))])


def _point_at(coords: np.ndarray, d: float) -> tuple[np.ndarray, float]:
    """Point and heading at distance *d* along a polyline."""
    cum = _along(coords)
    i = int(np.clip(np.searchsorted(cum, d) - 1, 0, len(coords) - 2))
    seg = coords[i + 1] - coords[i]
    t = (d - cum[i]) / max(cum[i + 1] - cum[i], 1e-9)
    return coords[i] + t * seg, math.atan2(seg[1], seg[0])


BRANCH_KINDS = {
    "high": (("street", 0.7), ("close", 0.3)),
    "main": (("street", 0.55), ("crescent", 0.2), ("close", 0.25)),
    "bypass": (("street", 0.5), ("crescent", 0.3), ("close", 0.2)),
    "lane": (("street", 0.4), ("close", 0.6)),
    "street": (("street", 0.35), ("close", 0.45), ("crescent", 0.2)),
    "crescent": (("close", 0.75), ("street", 0.25)),
}


def grow(seed: int, target_units: int, headroom: float = 1.0) -> Land:
    """Grow a council with room for about *target_units* × *headroom* addresses."""
    rng = np.random.default_rng(seed)
    scale = math.sqrt(max(target_units, 500) / 5000)
    cx, cy = 450_000.0 + rng.uniform(-2000, 2000), 210_000.0 + rng.uniform(-2000, 2000)
    cx, cy = round(cx, -1), round(cy, -1)
    radius = 4800.0 * max(1.0, scale * 0.5)
    boundary = _boundary(rng, cx, cy, radius)
    clear = _Clearance(boundary, margin=200.0)
    streets: list[Street] = []

    def add(street: Street) -> int:
        streets.append(street)
        clear.stamp(street.coords, len(streets) - 1)
        return len(streets) - 1

    # The High Street: a gentle S-curve through the centre.
    hs_len = 700.0 * max(1.0, scale**0.5)
    h0 = rng.uniform(0, math.pi)
    half = _wander(rng, (cx, cy), h0, hs_len / 2, 0.03, step=25.0)
    other = _wander(rng, (cx, cy), h0 + math.pi, hs_len / 2, 0.03, step=25.0)
    high = np.vstack([other[::-1], half[1:]])
    streets.append(Street(high, "high", 0.0, 0))

    # Main roads: the High Street's two ends carry on outwards, others leave from along it.
    n_radial = int(rng.integers(5, 7))
    angles = np.sort(np.concatenate([[h0 + math.pi, h0], rng.uniform(0, 2 * np.pi, 40)]))
    chosen = [h0, h0 + math.pi]
    for a in rng.permutation(angles):
        if len(chosen) >= n_radial:
            break
        if all(abs(math.remainder(a - c, 2 * math.pi)) > math.radians(42) for c in chosen):
            chosen.append(float(a))
    radials: list[dict] = []
    end_a, end_b = high[-1], high[0]
    for k, a in enumerate(chosen):
        if k == 0:
            start, head = end_a, math.atan2(*(high[-1] - high[-2])[::-1])
        elif k == 1:
            start, head = end_b, math.atan2(*(high[0] - high[1])[::-1])
        else:
            d = rng.uniform(0.2, 0.8) * _along(high)[-1]
            start, _ = _point_at(high, d)
            head = a
            streets[0].junctions.append(d)
        coords = _wander(rng, tuple(start), head, radius * 2.2, 0.02, target=a)
        coords = _clip_to(boundary, coords)
        radials.append({"street": len(streets), "angle": a, "villages": []})
        streets.append(Street(coords, "main", 0.0, -1))
    for i, s in enumerate(streets):
        clear.stamp(s.coords, i)

    # Villages on some main roads, 55-80 % of the way out.
    settlements = [Settlement("town", cx, cy, 1.0)]
    for rad in rng.permutation(len(radials))[: max(2, len(radials) - 2)]:
        coords = streets[radials[rad]["street"]].coords
        total = _along(coords)[-1]
        d = rng.uniform(0.55, 0.8) * total
        p, _ = _point_at(coords, d)
        settlements.append(
            Settlement(f"village{len(settlements)}", p[0], p[1], rng.uniform(0.16, 0.26))
        )
        radials[rad]["villages"].append((len(settlements) - 1, d))

    # A partial bypass around one side of the town, meeting the main roads it crosses.
    town_r = 850.0 * scale
    order = sorted(range(len(radials)), key=lambda i: radials[i]["angle"] % (2 * math.pi))
    first = int(rng.integers(len(order)))
    a_idx, b_idx = order[first], order[(first + 2) % len(order)]
    pts = []
    for idx in (a_idx, b_idx):
        coords = streets[radials[idx]["street"]].coords
        cum = _along(coords)
        dist = np.hypot(coords[:, 0] - cx, coords[:, 1] - cy)
        j = int(np.argmax(dist > town_r * 1.35))
        pts.append(_point_at(coords, cum[j])[0])
    a0 = math.atan2(pts[0][1] - cy, pts[0][0] - cx)
    sweep = math.remainder(math.atan2(pts[1][1] - cy, pts[1][0] - cx) - a0, 2 * math.pi)
    vias = [pts[0]]
    for t in (0.33, 0.66):
        a = a0 + t * sweep
        r = town_r * rng.uniform(1.3, 1.45)
        vias.append(np.array([cx + r * math.cos(a), cy + r * math.sin(a)]))
    vias.append(pts[1])
    pieces = [_steer(rng, vias[i], vias[i + 1], 0.015) for i in range(len(vias) - 1)]
    bypass = np.vstack([pieces[0]] + [p[1:] for p in pieces[1:]])
    add(Street(bypass, "bypass", 0.0, -1))

    # Country lanes between neighbouring main roads, and a few lanes out to the edge.
    for i in [*range(len(order)), *range(len(order))]:
        if rng.random() < 0.3:
            continue
        ra, rb = radials[order[i]], radials[order[(i + 1) % len(order)]]
        ca, cb = streets[ra["street"]].coords, streets[rb["street"]].coords
        fa, fb = rng.uniform(0.35, 0.9, 2)
        pa, _ = _point_at(ca, fa * _along(ca)[-1])
        pb, _ = _point_at(cb, fb * _along(cb)[-1])
        if np.hypot(*(pa - pb)) < 600:
            continue
        add(Street(_clip_to(boundary, _steer(rng, pa, pb, 0.08)), "lane", 0.0, -1))
    # Back lanes across the country between the lanes and main roads: a web, not a star.
    # A lane must run through open country: not alongside another road for long.
    country = [i for i, s in enumerate(streets) if s.kind in ("main", "lane")]
    for _ in range(int(40 + 10 * scale)):
        i, j = (int(k) for k in rng.choice(country, size=2, replace=False))
        ci, cj = streets[i].coords, streets[j].coords
        pa, _ = _point_at(ci, rng.uniform(0.3, 0.95) * _along(ci)[-1])
        pb, _ = _point_at(cj, rng.uniform(0.3, 0.95) * _along(cj)[-1])
        far_from_town = min(np.hypot(*(pa - (cx, cy))), np.hypot(*(pb - (cx, cy)))) > town_r * 1.5
        if not (700 < np.hypot(*(pa - pb)) < 2200 and far_from_town):
            continue
        coords = _clip_to(boundary, _steer(rng, pa, pb, 0.08))
        inner = shapely.points(coords[2:-2])
        roads = shapely.multilinestrings([s.line for s in streets])
        near = shapely.dwithin(roads, inner, 120)
        if len(inner) and near.mean() < 0.25:
            add(Street(coords, "lane", 0.0, -1))

    # Side streets: grow outwards from the settlement centres, nearest sites first.
    sites: list[tuple[float, int, float, float, int]] = []
    counter = 0

    def key_at(x: float, y: float) -> float:
        return min(math.hypot(x - s.x, y - s.y) / s.weight for s in settlements)

    def settlement_at(x: float, y: float) -> int:
        return int(np.argmin([math.hypot(x - s.x, y - s.y) / s.weight for s in settlements]))

    def add_sites(idx: int) -> None:
        nonlocal counter
        s = streets[idx]
        if s.kind in ("close", "track"):
            return
        total = _along(s.coords)[-1]
        d = rng.uniform(30, 70)
        while d < total - 35:
            p, _ = _point_at(s.coords, d)
            for side in (-1, 1):
                noise = rng.uniform(0, 60)
                heapq.heappush(sites, (key_at(*p) + noise, counter, d, side, idx))
                counter += 1
            d += rng.uniform(35, 80) if s.kind != "main" else rng.uniform(50, 120)

    for i in range(len(streets)):
        add_sites(i)

    capacity = 0.0
    final_key = 0.0
    target = target_units * headroom
    while sites and capacity < target:
        key, _, d, side, parent = heapq.heappop(sites)
        ps = streets[parent]
        if any(abs(d - j) < 35 for j in ps.junctions):
            continue
        p, heading = _point_at(ps.coords, d)
        rel = min(key / max(town_r, 1.0), 1.5)
        kinds = BRANCH_KINDS.get(ps.kind, BRANCH_KINDS["street"])
        names, probs = zip(*kinds, strict=True)
        probs = np.array(probs, dtype=float)
        if rel > 0.5:  # newer estates: more closes and crescents
            probs = probs * np.array([2.0 if n != "street" else 1.0 for n in names])
        kind = str(rng.choice(names, p=probs / probs.sum()))
        coords = None
        for attempt in range(3):
            h = heading + side * (math.pi / 2 + rng.normal(0, 0.25) + 0.5 * attempt * side)
            coords, joined = _branch(rng, clear, streets, parent, p, h, kind, rel)
            if coords is not None:
                break
        if coords is None:
            continue
        sid = add(Street(coords, kind, key, settlement_at(*p), parent))
        ps.junctions.append(d)
        if joined is not None:
            q = streets[joined]
            q.junctions.append(float(q.line.project(Point(coords[-1]))))
        capacity += _along(coords)[-1] * UNITS_PER_METRE
        final_key = key
        add_sites(sid)

    # Farm tracks off the rural roads.
    rural = [i for i, s in enumerate(streets) if s.kind in ("main", "lane")]
    for _ in range(int(24 + 12 * scale)):
        i = int(rng.choice(rural))
        s = streets[i]
        total = _along(s.coords)[-1]
        d = rng.uniform(0.1, 0.9) * total
        p, heading = _point_at(s.coords, d)
        if key_at(*p) < final_key * 1.3:
            continue
        h = heading + rng.choice([-1, 1]) * (math.pi / 2 + rng.normal(0, 0.4))
        coords, _ = _branch(rng, clear, streets, i, p, h, "track", 2.0)
        if coords is not None:
            add(Street(coords, "track", key_at(*p), -1, i))
            s.junctions.append(d)

    return Land((cx, cy), boundary, settlements, streets, final_key, radials)


def _branch(
    rng: np.random.Generator,
    clear: _Clearance,
    streets: list[Street],
    parent_idx: int,
    start: np.ndarray,
    heading: float,
    kind: str,
    rel: float,
) -> tuple[np.ndarray | None, int | None]:
    """Grow one side street; return its coordinates (None if no room) and the street it joins."""
    plan: list[tuple[float, float]] = []  # (distance, turn per step) pieces of a crescent
    if kind == "close":
        max_len, noise, turn, join_p = rng.uniform(50, 150), 0.1, 0.0, 0.0
    elif kind == "crescent":
        # Out, bend round parallel to the parent, bend back and rejoin it: a loop road.
        side = rng.choice([-1, 1])
        out, along_, bend = rng.uniform(50, 110), rng.uniform(90, 320), rng.uniform(60, 110)
        arc = math.pi / 2 * bend
        per_step = side * (math.pi / 2) / max(arc / STEP, 1)
        plan = [(out, 0.0), (out + arc, per_step), (out + arc + along_, 0.0)]
        plan.append((plan[-1][0] + arc, per_step))
        max_len, noise, turn, join_p = plan[-1][0] + 400, 0.015, 0.0, 1.0
    elif kind == "track":
        max_len, noise, turn, join_p = rng.uniform(250, 800), 0.12, 0.0, 0.0
    else:
        max_len = rng.uniform(150, 550)
        noise, turn, join_p = 0.03 + 0.05 * min(rel, 1.0), 0.0, 0.6
    pts = [np.asarray(start, dtype=float)]
    h = heading
    drift = 0.0
    travelled = 0.0
    joined: int | None = None
    while travelled < max_len:
        drift = 0.6 * drift + rng.normal(0, noise)
        h += drift + turn + next((t for d, t in plan if travelled < d), 0.0)
        nxt = pts[-1] + STEP * np.array([math.cos(h), math.sin(h)])
        travelled += STEP
        owner = clear.at(*nxt)
        if owner == OUTSIDE:
            break
        if owner == FREE or (owner == parent_idx and travelled <= CLEARANCE + 5):
            pts.append(nxt)
            continue
        if travelled <= CLEARANCE + 5:
            return None, None  # starts too near another street
        if rng.random() < join_p:
            # Join the street we ran into (crescents curl back: loops).
            other = streets[owner].line
            q = other.interpolate(other.project(Point(nxt)))
            pts.append(np.array([q.x, q.y]))
            joined = owner
        break
    if _along(np.array(pts))[-1] < 50:
        return None, None
    return np.array(pts), joined
