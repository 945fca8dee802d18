"""The garbage collector paused while a step makes many objects (``core.collector``)."""

from __future__ import annotations

import gc

from placelink.core.collector import collector_paused


def test_objects_made_while_paused_are_not_left_for_the_next_young_collection() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
        kept = [[i] for i in range(50_000)]
        assert len(gc.get_objects(generation=0)) > 50_000
    assert gc.isenabled()
    assert len(gc.get_objects(generation=0)) < 1_000  # moved to the oldest, not traversed
    assert any(o is kept for o in gc.get_objects(generation=2))


def test_the_collector_stays_as_it_was_and_a_failure_still_restores_it() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off: stays off
    finally:
        gc.enable()
    try:
        with collector_paused():
            raise ValueError("a step fails")
    except ValueError:
        pass
    assert gc.isenabled()
    with collector_paused(), collector_paused():  # nested
        assert not gc.isenabled()
    assert gc.isenabled()
