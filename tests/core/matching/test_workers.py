"""Chunks matched by this process and forked workers (``core.matching.workers``)."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest
from placelink.core.matching.workers import chunk_bounds, each_repeat, repeats, run_chunks

PARENT = os.getpid()


def _tagged(texts, pcs) -> list:
    """(process id, text) per record, a little slowly: every process gets chunks."""
    time.sleep(0.02)
    return [(os.getpid(), t) for t in texts]


def _fails_in_worker(texts, pcs) -> list:
    if os.getpid() != PARENT:
        raise ValueError("bad record")
    time.sleep(0.05)  # the worker takes a chunk meanwhile
    return list(texts)


def _dies_in_worker(texts, pcs) -> list:
    if os.getpid() != PARENT:
        os._exit(3)
    time.sleep(0.05)
    return list(texts)


def _idle_workers() -> bool:
    return not multiprocessing.active_children()


@pytest.mark.parametrize("workers", [2, 3])
def test_answers_come_in_order_and_each_chunk_is_handed_over_once(workers: int) -> None:
    texts = [f"r{i}" for i in range(6_000)]
    handed: list[tuple[int, list]] = []
    out = run_chunks(
        _tagged, texts, [None] * len(texts), workers,
        on_chunk=lambda start, found: handed.append((start, found)),
    )  # fmt: skip
    assert [t for _pid, t in out] == texts
    assert {pid for pid, _t in out} >= {PARENT} and len({pid for pid, _t in out}) == workers
    starts = sorted(start for start, _found in handed)
    assert starts == [a for a, _b in chunk_bounds(len(texts), workers)]
    for start, found in handed:
        assert [t for _pid, t in found] == texts[start : start + len(found)]
    assert _idle_workers()


def test_a_worker_that_fails_or_dies_fails_the_batch_and_none_is_left_running() -> None:
    texts = [f"r{i}" for i in range(2_000)]
    with pytest.raises(RuntimeError, match="a matching worker failed: ValueError"):
        run_chunks(_fails_in_worker, texts, [None] * len(texts), 2)
    assert _idle_workers()
    with pytest.raises(RuntimeError, match="ended unexpectedly"):
        run_chunks(_dies_in_worker, texts, [None] * len(texts), 2)
    assert _idle_workers()


def test_a_cancel_stops_every_process() -> None:
    texts = [f"r{i}" for i in range(3_000)]
    calls = iter(range(10**6))
    with pytest.raises(InterruptedError):
        run_chunks(_tagged, texts, [None] * len(texts), 2, is_canceled=lambda: next(calls) > 1)
    assert _idle_workers()


def test_repeated_records_are_matched_once_and_handed_over_at_every_position() -> None:
    texts = ["a", "b", "a", "c", "b", "a"]
    firsts, where = repeats(texts, [None] * len(texts))
    assert firsts == [0, 1, 3] and where == [0, 1, 0, 2, 1, 0]
    got: list[tuple[list[int], list]] = []
    each_repeat(lambda at, answers: got.append((at, answers)), where)([0, 2], ["A", "C"])
    (at, answers), = got  # fmt: skip
    assert sorted(zip(at, answers)) == [(0, "A"), (2, "A"), (3, "C"), (5, "A")]
    assert repeats(["a", "b"], [None, None]) == ([], None)  # nothing repeats
    assert repeats([1, 1.0], [None, None]) == ([], None)  # not text: never merged
