"""``--engine local``: PlaceLink's matcher on every core of this machine, two ways.

* **Whole gazetteer** (``match_local``): one matcher of the whole gazetteer, exactly the QGIS
  algorithm ``placelink:matchaddresses``; its memory grows with the gazetteer (≈ 3.5 KB
  per UPRN: a council's gazetteer, not a country's).
* **By postcode area** (``match_local_by_area``): the Spark engine's plan on a process pool
  (``by_area``): the gazetteer is streamed once into one spill file per postcode area, the
  records are routed to their areas as Spark routes them (``routing.areas_for`` with the
  country's names), each area is matched by one matcher of its addresses in a worker
  process (``by_area.match_area``, the function Spark's executors run), which writes the
  area's answers to spill files by record range; the ranges are merged one at a time as
  Spark merges them (``by_area.merge_frame``) and handed to the writer in record order. A
  worker holds one area at a time, so memory follows the largest area, not the country;
  this process holds the records and one range of answers.

``choose_by_area``: ``auto`` matches by area above ``AUTO_BY_AREA`` UPRNs.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pandas as pd

from ..core.matching import Matcher, MatchResult, Thresholds
from ..core.matching.names import country_names
from . import routing

#: ``--by-area auto`` matches by postcode area above this many gazetteer rows (a large
#: county's gazetteer stays in one matcher: ≈ 3.5 GB at 1M UPRNs).
AUTO_BY_AREA = 1_000_000
#: Records routed per task of the pool.
ROUTE_CHUNK = 20_000
#: Records whose answers are merged and handed to the writer at a time.
ANSWER_ROWS = 100_000


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def choose_by_area(mode: str, gazetteer_rows: int) -> bool:
    """Whether ``--by-area MODE`` matches by postcode area for a gazetteer of that size."""
    if mode not in ("auto", "always", "never"):
        raise ValueError(f"--by-area must be auto, always or never, not {mode!r}")
    return mode == "always" or (mode == "auto" and gazetteer_rows > AUTO_BY_AREA)


def match_local(
    gazetteer: Sequence[dict[str, object]],
    texts: Sequence[str],
    postcodes: Sequence[str] | None,
    thresholds: Thresholds,
    match_parents: bool = False,
    workers: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> list[MatchResult]:
    """One result per text (input order), as ``placelink:matchaddresses`` gives."""
    matcher = Matcher(gazetteer, match_parents=match_parents, thresholds=thresholds)
    return matcher.match_batch(
        list(texts),
        list(postcodes) if postcodes is not None else None,
        workers=workers or max(1, min(os.cpu_count() or 1, 4)),
        progress=progress,
    )


class _Split:
    """The gazetteer streamed into one pickle file per postcode area, with what the plan
    needs of the whole country: its distinct (area, street, locality, town) rows and
    building and organisation names."""

    def __init__(self, source: str, folder: Path) -> None:
        from .io import gazetteer_chunks

        self.folder = folder
        self.sizes: dict[str, int] = {}
        rows: set[tuple[str, object, object, object]] = set()
        names: set[object] = set()
        for chunk in gazetteer_chunks(source):
            by_area: dict[str, list[dict[str, object]]] = {}
            for rec in chunk:
                area = routing.area_of(rec.get("postcode"))
                by_area.setdefault(area, []).append(rec)
                rows.add((area, rec.get("street_description"), rec.get("locality"),
                          rec.get("town")))  # fmt: skip
                names.update(rec.get(k) for k in ("pao_text", "organisation"))
            for area, recs in by_area.items():
                with self.path(area).open("ab") as f:
                    pickle.dump(recs, f, protocol=pickle.HIGHEST_PROTOCOL)
                self.sizes[area] = self.sizes.get(area, 0) + len(recs)
        self.rows = sorted(rows, key=lambda r: tuple(str(v or "") for v in r))
        names.discard(None)
        self.names = names

    def path(self, area: str) -> Path:
        return self.folder / f"area-{area or '_'}.pickle"


def read_area(path: Path) -> list[dict[str, object]]:
    """Every record of an area's spill file (its chunks in order)."""
    out: list[dict[str, object]] = []
    with path.open("rb") as f:
        while True:
            try:
                out.extend(pickle.load(f))  # nosec B301 - our own spill file, written by this run in its temporary folder
            except EOFError:
                return out


#: The plan's country-wide state in a worker process (set by ``_init``).
_STATE: dict[str, object] = {}


def _init(table: object, areas: set[str], country: object, common: frozenset[str],
          thresholds: Thresholds, match_parents: bool) -> None:  # fmt: skip
    _STATE.update(table=table, areas=areas, country=country, common=common,
                  thresholds=thresholds, match_parents=match_parents)  # fmt: skip


def _route(task: tuple[int, list[str], list[str]]) -> list[tuple[int, list[str]]]:
    """The areas of a chunk of records (first record id, texts, postcodes)."""
    first, texts, postcodes = task
    corrector = routing.country_corrector(_STATE["country"])  # type: ignore[arg-type]
    table, areas = _STATE["table"], _STATE["areas"]
    return [
        (first + k, routing.areas_for(text, code, table, areas, corrector))  # type: ignore[arg-type]
        for k, (text, code) in enumerate(zip(texts, postcodes))
    ]


def _match(task: tuple[str, str | None, pd.DataFrame, str, int]) -> tuple[int, int]:
    """One area's answers (``by_area.match_area``) from its spill file and records, written
    to *answers*/RANGE-AREA.pickle by record range (of *rows* records); returns the area's
    size and this worker's peak memory (KB)."""
    from .by_area import match_area, peak_kb

    area, path, recs, answers, rows = task
    records = read_area(Path(path)) if path is not None else []
    found = match_area(
        records, recs, _STATE["country"], _STATE["common"],  # type: ignore[arg-type]
        _STATE["thresholds"], bool(_STATE["match_parents"]),  # type: ignore[arg-type]
    )  # fmt: skip
    for part, frame in found.groupby(found["rid"] // rows):
        frame.to_pickle(Path(answers) / f"{int(part):06d}-{area or '_'}.pickle")
    return len(records), peak_kb()


def _pool(workers: int, initargs: tuple):
    """Fresh worker processes (spawned, not forked from this one, which holds the records
    and the country's names: a worker's memory is its area's)."""
    ctx = multiprocessing.get_context("spawn")
    return ctx.Pool(workers, initializer=_init, initargs=initargs)


def match_local_by_area(
    gazetteer: str,
    texts: Sequence[str],
    postcodes: Sequence[str] | None,
    thresholds: Thresholds,
    match_parents: bool = False,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
    spill: str | Path | None = None,
) -> list[MatchResult]:
    """One result per text (input order): ``area_chunks`` in one list."""
    chunks = area_chunks(
        gazetteer, texts, postcodes, thresholds, match_parents, workers, progress, spill
    )
    return [r for _first, results in chunks for r in results]


def area_chunks(
    gazetteer: str,
    texts: Sequence[str],
    postcodes: Sequence[str] | None,
    thresholds: Thresholds,
    match_parents: bool = False,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
    spill: str | Path | None = None,
    answer_rows: int = ANSWER_ROWS,
) -> Iterator[tuple[int, list[MatchResult]]]:
    """The answers in record order, *answer_rows* records at a time (first record's
    index, results): the Spark engine's plan, area by area on a pool of *workers* processes
    (default: every core), the gazetteer's areas and the areas' answers spilled to a
    temporary folder (in *spill* when given). Each worker writes its area's answers in
    files by record range; the ranges are then merged (``by_area.merge_frame``) one at a
    time, so this process never holds every answer."""
    from .areas import common_name_words
    from .by_area import merge_frame, peak_kb, result_of

    say = progress or (lambda _msg: None)
    workers = workers or default_workers()
    with tempfile.TemporaryDirectory(prefix="placelink-areas-", dir=spill) as tmp:
        say("splitting the gazetteer by postcode area")
        split = _Split(gazetteer, Path(tmp))
        table = routing.name_index(split.rows)
        areas = set(split.sizes)
        country = country_names(r[1:] for r in split.rows)
        common = common_name_words(split.names)
        del split.rows, split.names
        say(
            f"{sum(split.sizes.values()):,} addresses in {len(areas):,} postcode areas "
            f"(largest {max(split.sizes.values(), default=0):,}); {len(table[0]):,} streets, "
            f"{len(table[1]):,} places"
        )
        pcs = list(postcodes) if postcodes is not None else [""] * len(texts)
        answers_dir = Path(tmp) / "answers"
        answers_dir.mkdir()
        largest = worker_peak = 0
        with _pool(workers, (table, areas, country, common, thresholds, match_parents)) as pool:
            say(f"routing {len(texts):,} records on {workers} processes")
            wanted: dict[str, list[int]] = {}
            n_areas = [0] * len(texts)
            chunks = [
                (i, list(texts[i : i + ROUTE_CHUNK]), pcs[i : i + ROUTE_CHUNK])
                for i in range(0, len(texts), ROUTE_CHUNK)
            ]
            for routed in pool.imap(_route, chunks):
                for rid, found in routed:
                    n_areas[rid] = len(found)
                    for area in found:
                        wanted.setdefault(area, []).append(rid)
            del chunks
            # the largest areas first, so the pool's last tasks are small ones
            order = sorted(wanted, key=lambda a: (-split.sizes.get(a, 0), a))
            tasks = (
                (
                    area,
                    str(split.path(area)) if area in split.sizes else None,
                    pd.DataFrame({
                        "rid": ids, "text": [texts[i] for i in ids],
                        "postcode": [pcs[i] for i in ids], "n_areas": [n_areas[i] for i in ids],
                    }),
                    str(answers_dir),
                    answer_rows,
                )
                for area, ids in ((a, wanted[a]) for a in order)
            )  # fmt: skip
            say(f"matching in {len(order):,} postcode areas")
            done, step = 0, max(1, len(order) // 10)
            for area_uprns, peak in pool.imap_unordered(_match, tasks):
                largest, worker_peak = max(largest, area_uprns), max(worker_peak, peak)
                done += 1
                if done % step == 0 or done == len(order):
                    say(f"matching: {done:,}/{len(order):,} areas")
            del wanted, n_areas
        say(
            f"largest area {largest:,} UPRNs; peak Python worker memory "
            f"{worker_peak / 1024:,.0f} MB; this process {peak_kb() / 1024:,.0f} MB"
        )
        say(f"merging the areas' answers, {answer_rows:,} records at a time")
        for first in range(0, len(texts), answer_rows):
            files = sorted(answers_dir.glob(f"{first // answer_rows:06d}-*.pickle"))
            frame = pd.concat([pd.read_pickle(f) for f in files], ignore_index=True)  # nosec B301 - our own spill file, written by this run in its temporary folder
            merged = merge_frame(frame, thresholds)
            last = min(first + answer_rows, len(texts))
            if merged["rid"].tolist() != list(range(first, last)):
                raise RuntimeError(f"records {first}-{last - 1}: some got no answer")
            yield first, [result_of(row) for row in merged.itertuples(index=False)]
            for f in files:
                f.unlink()
