"""Python's cyclic garbage collector paused while a step makes many objects with no cycle.

Reading a gazetteer, building an index or matching tens of thousands of records makes
hundreds of thousands of small objects, none part of a cycle (each is freed when no longer
used): the collector's passes over them and over the host's many objects (QGIS's) cost more
than the step itself. Objects made while the collector is off are all young, so the first
young collection after it is back would still traverse every one of them (about 30 ms
after a 36,000-record match); they are moved to the oldest generation instead.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside; on leaving, every object made meanwhile moved to the
    oldest generation (``gc.freeze`` then ``gc.unfreeze``: no traversal), then the collector
    on again if it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()
