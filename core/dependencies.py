"""Which optional Python packages PlaceLink needs, and whether this Python has them."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Requirement:
    """A package PlaceLink imports, the pip name to install it and the oldest version that works."""

    module: str
    dist: str
    min_version: str
    purpose: str


REQUIREMENTS: dict[str, Requirement] = {
    r.module: r
    for r in (
        Requirement("rapidfuzz", "rapidfuzz", "3.0", "fuzzy address matching"),
        Requirement("shapely", "shapely", "2.0", "quality checks and catchment polygons"),
        Requirement("scipy", "scipy", "1.7", "network shortest paths for catchments"),
    )
}


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def is_available(req: Requirement) -> bool:
    """True when *req* imports and is at least its minimum version."""
    try:
        module = importlib.import_module(req.module)
    except Exception:  # noqa: BLE001 - a broken install counts as missing
        return False
    version = getattr(module, "__version__", "0")
    return _version_tuple(version) >= _version_tuple(req.min_version)


def missing(modules: Iterable[str] | None = None) -> list[Requirement]:
    """The requirements (all, or those named) that this Python lacks."""
    names = REQUIREMENTS if modules is None else modules
    return [REQUIREMENTS[name] for name in names if not is_available(REQUIREMENTS[name])]


def refusal_message(modules: Iterable[str]) -> str | None:
    """A plain message for an algorithm that cannot run, or None when all it needs is present."""
    lacking = missing(modules)
    if not lacking:
        return None
    names = ", ".join(f"{r.dist}>={r.min_version}" for r in lacking)
    return (
        f"PlaceLink needs the Python package(s) {names} for this algorithm, and QGIS's Python "
        "does not have them. Install them from the PlaceLink menu (Install missing "
        "dependencies…) and run the algorithm again."
    )
