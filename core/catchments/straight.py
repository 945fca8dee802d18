"""Nearest facility in a straight line (used when no street network is given)."""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from .routing import tie_tolerance


def nearest_straight(
    facility_xy: np.ndarray, address_xy: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Index of the nearest facility of every address and the straight-line distance.

    Ties (distances equal within :func:`routing.tie_tolerance`) go to the lowest facility
    index: the tree is asked for enough neighbours to see every tied facility.
    """
    facility_xy = np.asarray(facility_xy, dtype=float).reshape(-1, 2)
    address_xy = np.asarray(address_xy, dtype=float).reshape(-1, 2)
    k_total = len(facility_xy)
    if k_total == 0 or len(address_xy) == 0:
        return np.full(len(address_xy), -1, dtype=np.int64), np.full(len(address_xy), np.nan)
    tree = cKDTree(facility_xy)
    k = min(k_total, 4)
    while True:
        dist, idx = tree.query(address_xy, k=k)
        dist, idx = dist.reshape(len(address_xy), k), idx.reshape(len(address_xy), k)
        tied = dist <= dist[:, :1] + tie_tolerance(dist[:, :1])
        if k == k_total or not tied[:, -1].any():
            break
        k = min(k_total, k * 2)
    choice = np.where(tied, idx, k_total).min(axis=1)
    return choice.astype(np.int64), dist[:, 0]
