"""The national run's ``--engine local`` side in chunks, so a run stopped early keeps what it
matched and can be compared with the Spark engine's answers on the records it finished.

    .venv/bin/python bench/national_local.py GAZETTEER.parquet RECORDS.parquet PARTS_DIR \\
        [--chunk 50000] [--workers 2] [--min-available-gb 2]

Exactly ``--engine local``'s algorithm (``batch.local_engine``): one ``Matcher`` of the
whole gazetteer, ``match_batch`` on *workers* processes, the records read as
``placelink-batch`` reads them (``batch.io``), default thresholds. The records are matched
*chunk* at a time; each chunk's answers go to ``PARTS_DIR/part-NNNNN.parquet`` (``rid``,
``uprn``, ``match_status``, ``match_score``) and a line on stdout (records done, rate, peak
memory of this process, the machine's available memory). A chunk already on disk is not
matched again. Before each chunk it checks the machine's available memory and stops,
keeping every finished part, when less than *min-available-gb* is left (the machine is
shared). Unlike the command it drops the gazetteer rows once indexed (the index holds what
it needs), which lowers its peak by ≈ 1 KB per UPRN.

``--compare SPARK_OUTPUT.parquet``: instead of matching, count the records whose UPRN or
status differ between the finished parts and the Spark engine's output.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build" / "pluginpath"))


def available_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024 / 1024
    return float("inf")


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def run(args: argparse.Namespace) -> None:
    import pandas as pd
    from placelink.batch import io
    from placelink.core.matching import Matcher, Thresholds

    start = time.perf_counter()
    parts = Path(args.parts)
    parts.mkdir(parents=True, exist_ok=True)

    def say(msg: str) -> None:
        print(f"[{time.perf_counter() - start:8.1f}s] {msg}", flush=True)

    records = io.read_records(args.records)
    texts, postcodes = io.record_inputs(records, ["address"], "postcode")
    del records
    say(f"{len(texts):,} records; reading the gazetteer")
    gazetteer = io.read_gazetteer(args.gazetteer)
    say(f"indexing {len(gazetteer):,} addresses (available {available_gb():.1f} GB)")
    matcher = Matcher(gazetteer, thresholds=Thresholds())
    del gazetteer
    gc.collect()
    gc.freeze()  # forked workers then share the index's objects without copying them
    say(f"indexed; peak {peak_gb():.2f} GB, available {available_gb():.1f} GB")
    done = 0
    matching_s = 0.0
    for first in range(0, len(texts), args.chunk):
        target = parts / f"part-{first // args.chunk:05d}.parquet"
        last = min(first + args.chunk, len(texts))
        if target.exists():
            continue
        if available_gb() < args.min_available_gb:
            say(f"STOPPED: only {available_gb():.1f} GB available; {done:,} records matched")
            return
        t = time.perf_counter()
        res = matcher.match_batch(
            texts[first:last],
            postcodes[first:last] if postcodes is not None else None,
            workers=args.workers,
        )
        matching_s += time.perf_counter() - t
        frame = pd.DataFrame(
            {
                "rid": range(first, last),
                "uprn": pd.array([r.uprn for r in res], dtype="Int64"),
                "match_status": [r.match_status for r in res],
                "match_score": [r.match_score for r in res],
            }
        )
        frame.to_parquet(target.with_suffix(".tmp"), index=False)
        target.with_suffix(".tmp").rename(target)
        done += last - first
        say(
            f"{last:,}/{len(texts):,} records ({done / matching_s:,.0f} rec/s matching); "
            f"peak {peak_gb():.2f} GB, available {available_gb():.1f} GB"
        )
    say(f"DONE: {done:,} records matched in {matching_s:,.0f} s")


def compare(args: argparse.Namespace) -> None:
    import pandas as pd

    files = sorted(Path(args.parts).glob("part-*.parquet"))
    local = pd.concat([pd.read_parquet(f) for f in files]) if files else pd.DataFrame()
    spark = pd.read_parquet(args.compare).reset_index(drop=True)
    spark = spark.iloc[local["rid"].to_numpy()] if len(local) else spark.iloc[:0]
    same = (local["uprn"].fillna(-1).to_numpy() == spark["uprn"].fillna(-1).to_numpy()) & (
        local["match_status"].to_numpy() == spark["match_status"].to_numpy()
    )
    print(f"{len(local):,} records finished by both engines; {int((~same).sum()):,} differ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gazetteer")
    parser.add_argument("records")
    parser.add_argument("parts")
    parser.add_argument("--chunk", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--min-available-gb", type=float, default=2.0)
    parser.add_argument("--compare", default=None)
    args = parser.parse_args()
    compare(args) if args.compare else run(args)


if __name__ == "__main__":
    main()
