"""Records matched in chunks by this process and forked worker processes.

``run_chunks`` splits a batch into chunks that this process and ``workers - 1`` forked
ones take in turn from a shared counter, so that they finish together. Each worker sends
every chunk's answers back as soon as it has them; a thread of this process receives them,
so a worker never waits on this process, which hands every chunk's answers to the caller
(``on_chunk``) between its own chunks: a caller can write them while the others are still
being matched. Also the bookkeeping of records repeated in one batch (``repeats``).
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

#: Records matched together (one vectorised batch; the unit of work of a worker process).
CHUNK = 2000
#: The smallest chunk a worker takes near the end of a batch.
MIN_CHUNK = 200

#: ``on_answers(positions, answers)``: answers of the records at those input positions.
Answers = Callable[[list[int], list[Any]], None]
#: ``on_chunk(start, answers)``: answers of the records from *start* on, in order.
ChunkAnswers = Callable[[int, list[Any]], None]
#: ``match(texts, postcodes)``: one answer per record.
MatchChunk = Callable[[Sequence[object], Sequence[object]], list[Any]]

#: (match, chunks, shared next-chunk counter) of the forked workers (``run_chunks``).
_WORKER_STATE: tuple[MatchChunk, list, Any] | None = None
#: What a worker sends after its last chunk.
_DONE = (True, None, None)
_ENDED = "a matching worker process ended unexpectedly"


def can_fork() -> bool:
    """Whether worker processes can be forked here (POSIX)."""
    return "fork" in multiprocessing.get_all_start_methods()


def chunk_bounds(n: int, workers: int) -> list[tuple[int, int]]:
    """(start, end) of the chunks *workers* processes take in turn: ``CHUNK`` records at
    first, then smaller ones (a share of what is left, at least ``MIN_CHUNK``), so that the
    processes finish together rather than one waiting on another's last big chunk."""
    bounds = []
    start = 0
    while start < n:
        size = max(MIN_CHUNK, min(CHUNK, -(-(n - start) // (workers * 3))))
        bounds.append((start, min(n, start + size)))
        start += size
    return bounds


def run_chunks(
    match: MatchChunk,
    texts: list[object],
    pcs: list[object],
    workers: int,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
    on_chunk: ChunkAnswers | None = None,
) -> list[Any]:
    """``match`` over *texts* and *pcs* by this process and ``workers - 1`` forked ones,
    answers in input order. This process keeps its warm caches and takes chunks in turn
    with them; *on_chunk* gets every chunk's answers in this process as they come (its
    own, then the workers' between its chunks). A cancel (*is_canceled*) raises
    ``InterruptedError``; a worker's failure, ``RuntimeError``."""
    global _WORKER_STATE
    bounds = chunk_bounds(len(texts), workers)
    chunks = [(texts[i:j], pcs[i:j]) for i, j in bounds]
    ctx = multiprocessing.get_context("fork")
    counter = ctx.Value("i", 0)
    _WORKER_STATE = (match, chunks, counter)
    parts: dict[int, list] = {}
    received: queue.SimpleQueue = queue.SimpleQueue()
    # Plain forked processes, each sending its chunks back through a pipe that a thread
    # of this process reads (multiprocessing.Pool's terminate() can deadlock on its result
    # queue; a worker writing to a pipe nobody reads would wait on it).
    procs, conns, readers = [], [], []
    running = [0]  # workers that have not sent their last message

    def take(wait: float = 0.0) -> None:
        """Hand over the workers' chunks received so far (waiting up to *wait* seconds
        for the first)."""
        while running[0]:
            try:
                ok, k, payload = received.get(block=wait > 0, timeout=wait or None)
            except queue.Empty:
                return
            if not ok:
                raise RuntimeError(payload)
            if k is None:
                running[0] -= 1
            else:
                parts[k] = payload
                if on_chunk is not None:
                    on_chunk(bounds[k][0], payload)
            wait = 0.0

    try:
        for _ in range(workers - 1):
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_worker_main, args=(send,), daemon=True)
            proc.start()
            send.close()
            procs.append(proc)
            conns.append(recv)
            running[0] += 1
        for recv in conns:  # (threads started once every worker has forked)
            reader = threading.Thread(target=_receive, args=(recv, received), daemon=True)
            reader.start()
            readers.append(reader)
        while (k := _next_chunk(counter)) < len(chunks):
            if is_canceled is not None and is_canceled():
                raise InterruptedError("matching cancelled")
            parts[k] = match(*chunks[k])
            if on_chunk is not None:
                on_chunk(bounds[k][0], parts[k])
            take()
            if progress is not None:
                progress(100.0 * min(len(parts), len(chunks) - 1) / len(chunks))
        while running[0]:
            if is_canceled is not None and is_canceled():
                raise InterruptedError("matching cancelled")
            take(wait=0.2)
    finally:
        with counter.get_lock():
            counter.value = len(chunks)  # workers take no more chunks
        for proc in procs:
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join()
        for reader in readers:
            reader.join(5)  # the pipe ends with its worker
        for conn in conns:
            conn.close()
        _WORKER_STATE = None
    if progress is not None:
        progress(100.0)
    return [res for k in range(len(chunks)) for res in parts[k]]


def _receive(conn: Connection, received: queue.SimpleQueue) -> None:
    """A thread of this process: every message of one worker, until its last."""
    try:
        while True:
            message = conn.recv()
            received.put(message)
            if not message[0] or message[1] is None:
                return
    except (EOFError, OSError):
        received.put((False, None, _ENDED))
    except BaseException as exc:  # (never silent: this process waits on the queue)
        received.put((False, None, f"{_ENDED}: {exc!r}"))


def _next_chunk(counter) -> int:
    """Take the next chunk number from the shared *counter*."""
    with counter.get_lock():
        k = counter.value
        counter.value = k + 1
    return k


def _worker_main(conn: Connection) -> None:
    """A forked worker's body: each chunk's answers sent as soon as known, then ``_DONE``
    (or its error)."""
    assert _WORKER_STATE is not None
    match, chunks, counter = _WORKER_STATE
    try:
        while (k := _next_chunk(counter)) < len(chunks):
            conn.send((True, k, match(*chunks[k])))
        conn.send(_DONE)
    except BaseException as exc:  # reported to the parent, which raises it
        conn.send((False, None, f"a matching worker failed: {exc!r}"))
    finally:
        conn.close()


def each_repeat(on_answers: Answers, where: list[int]) -> Answers:
    """*on_answers* for distinct records, called with every input position of each
    (``repeats``'s *where*: per input record, the number of its distinct record); the
    repeats of a record are handed its one answer (to read: the returned list has copies)."""
    positions_of: dict[int, list[int]] = {}
    for i, k in enumerate(where):
        positions_of.setdefault(k, []).append(i)

    def call(at: list[int], answers: list[Any]) -> None:
        positions, out = [], []
        for k, answer in zip(at, answers):
            for i in positions_of[k]:
                positions.append(i)
                out.append(answer)
        on_answers(positions, out)

    return call


def repeats(texts: Sequence[object], pcs: Sequence[object]) -> tuple[list[int], list[int] | None]:
    """(position of each distinct (text, postcode) pair's first record, per record the
    number of its pair among those); (``[]``, None) when no pair repeats or a value is
    neither text nor None (``1`` and ``1.0`` are equal keys but different texts)."""
    plain = {str, type(None)}
    if not set(map(type, texts)) <= plain or not set(map(type, pcs)) <= plain:
        return [], None
    first: dict[tuple[object, object], int] = {}
    where = [first.setdefault(key, len(first)) for key in zip(texts, pcs)]
    if len(first) == len(where):
        return [], None
    firsts = [-1] * len(first)
    for i, k in enumerate(where):
        if firsts[k] < 0:
            firsts[k] = i
    return firsts, where
