"""Benchmark: placelink-batch on a national-shaped gazetteer, Spark local[2] vs --engine local.

Run from the checkout: ``.venv/bin/python bench/spark_match.py [--sizes 500000,1000000]
[--records-ratio 0.5] [--engines local,area,spark]``. Engines: ``local`` = ``--engine local
--by-area never`` (one matcher of the whole gazetteer), ``area`` = ``--engine local --by-area
always`` (Spark's plan on a process pool), ``spark`` = ``--engine spark`` on ``local[2]``.
For each size it generates (bench/national.py, deterministic) a gazetteer of that many
UPRNs in councils of 20,000 (three postcode areas each: 75 areas at 0.5M, 600 at 4M) and
half as many records (12 % without a postcode, 5 %
with a wrong one, 10 % misspelt), writes both as Parquet in bench/out/, then runs the
``placelink-batch`` command once per engine as a subprocess and reports wall time,
records/s, the peak memory of the command's process tree (driver) and, for Spark, the
peak of a Python executor (or pool) worker and the largest area, with the machine's load
average before and after. Answers are compared record by record (uprn, status) with the
first engine's. The last lines extrapolate to 40M UPRNs × 30M records on a 5-node
cluster and print uk-address-matcher's published national figures beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "spark"
sys.path.insert(0, str(ROOT / "build" / "pluginpath"))

PUBLISHED = (
    "uk-address-matcher, PUBLISHED (not measured here): whole-UK gazetteer prepared on one "
    "machine in 13 min 43 s with 15.6 GiB memory and 120 GiB spilled to disk; Homes England "
    "matched ~30M records in under 5 hours on Databricks."
)


def make_inputs(uprns: int, records: int) -> tuple[Path, Path]:
    import pandas as pd
    from placelink.bench.national import national_gazetteer, national_queries

    OUT.mkdir(parents=True, exist_ok=True)
    gaz_path, rec_path = OUT / f"gazetteer-{uprns}.parquet", OUT / f"records-{records}.parquet"
    if gaz_path.exists() and rec_path.exists():
        return gaz_path, rec_path
    gazetteer = national_gazetteer(uprns)
    pd.DataFrame(national_queries(gazetteer, records)).to_parquet(rec_path, index=False)
    pd.DataFrame(gazetteer).to_parquet(gaz_path, index=False)
    return gaz_path, rec_path


#: Runs the command and prints the largest peak RSS among its process tree (the JVM driver
#: and its local[2] executors for Spark; the matcher and its forked workers for local).
_WRAP = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]).returncode; "
    "print('PEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(r)"
)


#: bench engine name → the command's options
ENGINES = {
    "local": ("--engine", "local", "--by-area", "never"),
    "area": ("--engine", "local", "--by-area", "always"),
    "spark": ("--engine", "spark"),
}


def run_engine(engine: str, gaz: Path, recs: Path, out: Path, partitions: int) -> dict:
    cmd = [
        *(sys.executable, "-m", "placelink.batch", "match", str(gaz), str(recs), str(out)),
        *("--address-field", "address", "--postcode-field", "postcode", *ENGINES[engine]),
        *("--spark-master", "local[2]", "--partitions", str(partitions), "--workers", "2"),
    ]
    load_before = os.getloadavg()[0]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "build" / "pluginpath")}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _WRAP, *cmd], capture_output=True, text=True,
                          env=env)  # fmt: skip
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    peak = re.search(r"PEAK_KB (\d+)", done.stderr)
    result = {"engine": engine, "seconds": round(seconds, 1),
              "peak_process_mb": round(int(peak.group(1)) / 1024) if peak else None,
              "load_before": round(load_before, 1),
              "load_after": round(os.getloadavg()[0], 1)}  # fmt: skip
    worker = re.search(r"largest area ([\d,]+) UPRNs; peak Python worker memory ([\d,]+) MB",
                       done.stderr)  # fmt: skip
    if worker:
        result["largest_area_uprns"] = int(worker.group(1).replace(",", ""))
        result["executor_worker_peak_mb"] = int(worker.group(2).replace(",", ""))
    return result


def compare(a: Path, b: Path, dump: Path | None = None) -> int:
    """Records whose UPRN or status differ between outputs *a* and *b*; with *dump*, those
    records and both answers (uprn, status, score, reason) are written there as CSV."""
    import pandas as pd

    x, y = pd.read_parquet(a), pd.read_parquet(b)
    same = (x["uprn"].fillna(-1) == y["uprn"].fillna(-1)) & (x["match_status"] == y["match_status"])
    if dump is not None:
        cols = ["uprn", "match_status", "match_score", "matched_address", "match_reason"]
        keep = [c for c in ("record_id", "address", "postcode") if c in x.columns]
        table = x.loc[~same, keep].copy()
        for name, frame in (("a", x), ("b", y)):
            for c in cols:
                table[f"{name}_{c}"] = frame.loc[~same, c]
        table.to_csv(dump, index=False)
    return int((~same).sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500000,1000000,2000000,4000000")
    parser.add_argument("--records-ratio", type=float, default=0.5)
    parser.add_argument("--engines", default="local,area,spark")
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--dump", action="store_true",
                        help="write the records the engines answer differently to "
                             "bench/out/spark/differ-SIZE.csv")  # fmt: skip
    args = parser.parse_args()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        n = int(size * args.records_ratio)
        t = time.perf_counter()
        gaz, recs = make_inputs(size, n)
        print(f"{size:,} UPRNs x {n:,} records: inputs ready in {time.perf_counter() - t:.0f}s",
              flush=True)  # fmt: skip
        outs = {}
        for engine in args.engines.split(","):
            outs[engine] = OUT / f"out-{engine}-{size}.parquet"
            row = {"uprns": size, "records": n,
                   **run_engine(engine, gaz, recs, outs[engine], args.partitions)}  # fmt: skip
            row["records_per_s"] = round(n / row["seconds"])
            print(json.dumps(row), flush=True)
            rows.append(row)
        names = list(outs)
        for other in names[1:]:
            dump = OUT / f"differ-{names[0]}-{other}-{size}.csv" if args.dump else None
            print(f"  answers differing between {names[0]} and {other}: "
                  f"{compare(outs[names[0]], outs[other], dump)}", flush=True)  # fmt: skip
    spark = [r for r in rows if r["engine"] == "spark"]
    if spark:
        last = spark[-1]
        # cost per record grows with the area's size, not the country's: per-core rate
        per_core = last["records_per_s"] / 2
        cores = 5 * 16
        hours = 30_000_000 / (per_core * cores) / 3600
        print(f"extrapolated (measured rate {per_core:,.0f} records/s per core at "
              f"{last['uprns']:,} UPRNs): 40M UPRNs x 30M records on 5 nodes x 16 cores "
              f"= {hours:.1f} h of matching, executor memory as measured per area "
              f"({last.get('executor_worker_peak_mb', '?')} MB at "
              f"{last.get('largest_area_uprns', '?'):,} UPRNs per area)")  # fmt: skip
    print(PUBLISHED)


if __name__ == "__main__":
    main()
