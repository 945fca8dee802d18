"""Filling a GeoPackage layer's empty R-tree spatial index in one go (bulk loading).

SQLite's R-tree inserts one entry at a time, choosing a leaf and splitting nodes as it
goes: for 36,000 points that costs more than inserting the rows themselves. The same
entries can instead be packed into full nodes (Sort-Tile-Recursive: sorted by x into
vertical slabs, each slab by y) and the nodes written straight into the three tables
that hold an R-tree (``<rtree>_node``, ``<rtree>_rowid``, ``<rtree>_parent``), in
SQLite's own format (``ext/rtree/rtree.c``): a node is a blob of the tree's node size,
2 bytes of tree depth (root only), 2 bytes of cell count, then 24-byte cells (the rowid
or child node number as a big-endian 64-bit integer, then min x, max x, min y, max y as
big-endian 32-bit floats, each rounded outwards as SQLite rounds them). The entries are
exactly those SQLite's inserts would store; only the grouping of entries into nodes
differs, which no query sees (``rtreecheck()`` accepts the result).

GDAL 3.7 and later also write a GeoPackage's R-tree nodes directly when they fill one.
"""

from __future__ import annotations

import math
import sqlite3
import struct
from collections.abc import Sequence
from itertools import repeat

from .gpkg_points import insert_rows, quoted

#: SQLite's rounding of a coordinate that a 32-bit float cannot hold exactly.
_TOWARDS = 1.0 - 1.0 / 8388608.0
_AWAY = 1.0 + 1.0 / 8388608.0
_FLOAT32_MAX = 3.0e38
#: A 2D cell: rowid (or child node number), min x, max x, min y, max y.
_CELL = 24
_HEADER = struct.Struct(">HH")  # tree depth (meaningful in the root only), cell count


def bulk_load(
    db: sqlite3.Connection, rtree: str, ids: Sequence[int], xs: Sequence[float], ys: Sequence[float]
) -> bool:
    """Put the points (*xs*, *ys*) with rowids *ids* into the EMPTY 2D R-tree *rtree*
    (a point is its own box) in the current transaction of *db*. False, with nothing
    written, when *rtree* is not an empty 2D R-tree, a coordinate is not finite or
    numpy is missing: the caller then inserts the entries one by one."""
    try:
        import numpy as np
    except ImportError:
        return False
    node, rowid, parent = (quoted(f"{rtree}_{part}") for part in ("node", "rowid", "parent"))
    try:
        roots = db.execute(f"SELECT nodeno, data FROM {node}").fetchall()  # nosec B608
        if db.execute(f"SELECT 1 FROM {rowid} LIMIT 1").fetchone():  # nosec B608
            return False
        if db.execute(f"SELECT 1 FROM {parent} LIMIT 1").fetchone():  # nosec B608
            return False
        columns = [c[1] for c in db.execute(f"PRAGMA table_info({quoted(rtree)})")]
    except sqlite3.Error:
        return False
    if len(columns) != 5 or len(roots) != 1 or roots[0][0] != 1:
        return False  # not a 2D R-tree, or not an empty one
    root = roots[0][1]
    if not isinstance(root, bytes) or any(root[:4]):
        return False  # the root has cells, or is not a blob
    node_size = len(root)
    capacity = (node_size - 4) // _CELL
    if capacity < 3:
        return False
    if not ids:
        return True

    x = np.asarray(xs, dtype=np.float64)
    y = np.asarray(ys, dtype=np.float64)
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        return False
    if max(np.abs(x).max(), np.abs(y).max()) > _FLOAT32_MAX:
        return False  # beyond a 32-bit float: left to SQLite's own rounding
    cell = np.dtype([("id", ">i8"), ("minx", ">f4"), ("maxx", ">f4"), ("miny", ">f4"),
                     ("maxy", ">f4")])  # fmt: skip
    cells = np.empty(len(x), dtype=cell)
    cells["id"] = np.asarray(ids, dtype=np.int64)
    cells["minx"], cells["maxx"] = _down(np, x), _up(np, x)
    cells["miny"], cells["maxy"] = _down(np, y), _up(np, y)

    node_rows: list[tuple[int, bytes]] = []
    rowid_rows: list[tuple[int, int]] = []
    parent_rows: list[tuple[int, int]] = []
    next_node = 2
    depth = 0
    level = cells  # the cells of the level being packed into nodes
    while True:
        if len(level) <= capacity:  # the root
            node_rows.append((1, _blob(level, depth, node_size)))
            (rowid_rows if depth == 0 else parent_rows).extend(zip(level["id"].tolist(), repeat(1)))
            break
        groups = _tiles(np, level, capacity)
        above = np.empty(len(groups), dtype=cell)
        for k, group in enumerate(groups):
            number = next_node
            next_node += 1
            node_rows.append((number, _blob(group, 0, node_size)))
            children = zip(group["id"].tolist(), repeat(number))
            (rowid_rows if depth == 0 else parent_rows).extend(children)
            above[k] = (number, group["minx"].min(), group["maxx"].max(),
                        group["miny"].min(), group["maxy"].max())  # fmt: skip
        level = above
        depth += 1
    db.executemany(f"INSERT OR REPLACE INTO {node} (nodeno, data) VALUES (?, ?)", node_rows)  # nosec B608
    insert_rows(db, f"{rtree}_rowid", ["rowid", "nodeno"], rowid_rows)
    db.executemany(f"INSERT INTO {parent} (nodeno, parentnode) VALUES (?, ?)", parent_rows)  # nosec B608
    return True


def _down(np, d):
    """SQLite's ``rtreeValueDown``: the 32-bit float at or below each of *d*."""
    f = d.astype(np.float32)
    return np.where(f > d, (d * np.where(d < 0, _AWAY, _TOWARDS)).astype(np.float32), f)


def _up(np, d):
    """SQLite's ``rtreeValueUp``: the 32-bit float at or above each of *d*."""
    f = d.astype(np.float32)
    return np.where(f < d, (d * np.where(d < 0, _TOWARDS, _AWAY)).astype(np.float32), f)


def _tiles(np, cells, capacity: int) -> list:
    """*cells* in groups of at most *capacity*, near ones together (Sort-Tile-Recursive)."""
    count = len(cells)
    nodes = math.ceil(count / capacity)
    per_slab = math.ceil(math.sqrt(nodes)) * capacity
    cx = cells["minx"].astype(np.float64) + cells["maxx"]
    cy = cells["miny"].astype(np.float64) + cells["maxy"]
    order = np.lexsort((cells["id"], cy, cx))  # by x, then y, then id: the same every run
    groups = []
    for start in range(0, count, per_slab):
        slab = order[start : start + per_slab]
        slab = slab[np.lexsort((cells["id"][slab], cx[slab], cy[slab]))]
        groups.extend(cells[slab[i : i + capacity]] for i in range(0, len(slab), capacity))
    return groups


def _blob(cells, depth: int, node_size: int) -> bytes:
    data = _HEADER.pack(depth, len(cells)) + cells.tobytes()
    return data + bytes(node_size - len(data))
