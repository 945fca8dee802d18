"""PlaceLink beside uk-address-matcher on a synthetic council, in one run.

    .venv/bin/python -m bench.matching.run [--profiles default,stress,nopostcode] [--seeds 1]

Builds a 50,000-UPRN council (bench/matching/gazetteer.py), generates 10,000 messy
records per profile and seed with ``address-errors`` (bench/matching/records.py), matches
them with PlaceLink (2 worker processes) and with uk-address-matcher 1.5.3 (its own venv,
bench/.venv-uam, as a subprocess on the same files), and prints precision, recall,
throughput and memory for both, plus recall per error type. Records whose text equals
another real address (``address-errors`` collisions) are unresolvable: they are left out
of precision and recall and reported on their own.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out" / "matching"
UAM_PYTHON = ROOT / "bench" / ".venv-uam" / "bin" / "python"


def _plugin_on_path() -> None:
    link_dir = ROOT / "build" / "pluginpath"
    link = link_dir / "placelink"
    if not link.exists():
        link_dir.mkdir(parents=True, exist_ok=True)
        link.symlink_to(ROOT, target_is_directory=True)
    if str(link_dir) not in sys.path:
        sys.path.insert(0, str(link_dir))


_plugin_on_path()

from placelink.core.matching import MATCHED, Matcher  # noqa: E402
from placelink.core.matching.index import GazetteerIndex  # noqa: E402

from .gazetteer import build_council, from_components, to_components  # noqa: E402
from .guardrail import guardrail_line  # noqa: E402
from .records import Record, generate, mark_other_addresses  # noqa: E402


def _cpu() -> float:
    """CPU seconds of this process and its finished children (worker processes)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def evaluate(records: list[Record], predicted: list[int | None]) -> dict[str, object]:
    """Precision and recall on resolvable records; what happened to unresolvable ones."""
    tp = fp = n_res = 0
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    unres_guess = unres_n = 0
    for rec, uprn in zip(records, predicted, strict=False):
        if rec.unresolvable:
            unres_n += 1
            unres_guess += uprn is not None
            continue
        n_res += 1
        ok = uprn == rec.truth
        tp += ok
        fp += uprn is not None and not ok
        for kind in rec.error_types:
            per_type[kind][0] += 1
            per_type[kind][1] += ok
    return {
        "precision": tp / max(tp + fp, 1),
        "recall": tp / max(n_res, 1),
        "resolvable": n_res,
        "unresolvable": unres_n,
        "unresolvable_matched": unres_guess,
        "per_type": {k: (v[0], v[1] / max(v[0], 1)) for k, v in per_type.items()},
    }


def write_inputs(folder: Path, gazetteer: list[dict], records: list[Record]) -> tuple[Path, Path]:
    """Canonical and messy CSVs as uk-address-matcher reads them."""
    folder.mkdir(parents=True, exist_ok=True)
    canonical, messy = folder / "canonical.csv", folder / "messy.csv"
    if True:  # always rewrite: the gazetteer may have changed since the last run
        with open(canonical, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["unique_id", "address_concat", "postcode"])
            for r in gazetteer:
                text = str(r["address"])
                if r["postcode"] and text.endswith(str(r["postcode"])):
                    text = text[: -len(str(r["postcode"]))].rstrip(", ")
                w.writerow([r["uprn"], text, r["postcode"]])
    with open(messy, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["unique_id", "address_concat", "postcode"])
        for r in records:
            w.writerow([r.record_id, r.text, r.postcode])
    return canonical, messy


def run_uam(canonical: Path, messy: Path, records: list[Record], threads: int) -> dict | None:
    """uk-address-matcher in its own venv; None when that venv is absent."""
    if not UAM_PYTHON.exists():
        return None
    out = messy.with_name("uam_matches.csv")
    proc = subprocess.run(
        [
            str(UAM_PYTHON),
            str(Path(__file__).with_name("uam_runner.py")),
            str(canonical),
            str(messy),
            str(out),
            str(threads),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        print("uk-address-matcher failed:", proc.stderr[-2000:], file=sys.stderr)
        return None
    stats = json.loads(proc.stdout.strip().splitlines()[-1])
    got: dict[str, int | None] = {}
    sure: dict[str, tuple[float, float]] = {}
    with open(out, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            got[row["unique_id"]] = int(row["uprn"]) if row["uprn"] else None
            # its exact stage gives no weight: the surest of all
            sure[row["unique_id"]] = (
                float(row["distinguishability"] or "inf"),
                float(row["match_weight"] or "inf"),
            )
    predicted = [got.get(r.record_id) for r in records]
    confidence = [sure.get(r.record_id, (0.0, 0.0)) for r in records]
    return {**evaluate(records, predicted), **stats, "confidence": confidence,
            "predicted": predicted}  # fmt: skip


def run_placelink(matcher: Matcher, records: list[Record], workers: int) -> dict:
    start, cpu0 = time.perf_counter(), _cpu()
    results = matcher.match_batch(
        [r.text for r in records], [r.postcode for r in records], workers=workers
    )
    seconds = time.perf_counter() - start
    cpu = _cpu() - cpu0
    assert len(results) == len(records)
    predicted = [res.uprn if res.match_status == MATCHED else None for res in results]
    ev = evaluate(records, predicted)
    unres = [res for rec, res in zip(records, results, strict=False) if rec.unresolvable]
    ev["unresolvable_ambiguous"] = sum(r.match_status == "ambiguous" for r in unres)
    ev["seconds"] = seconds
    ev["cpu"] = cpu
    ev["results"] = results
    return ev


def lookup_latency(matcher: Matcher, records: list[Record], n: int = 1000) -> dict[str, float]:
    """Median and p95 milliseconds of ``lookup`` (k=10) on record texts without postcode,
    whole and cut to their first 60 % (as typed so far)."""
    out = {}
    for name, cut in (("whole", 1.0), ("typed", 0.6)):
        times, cpu = [], []
        for rec in records[:n]:
            text = rec.text[: max(3, int(len(rec.text) * cut))]
            t, c = time.perf_counter(), time.process_time()
            matcher.lookup(text, 10)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        times.sort()
        cpu.sort()
        out[f"{name}_median"] = times[len(times) // 2]
        out[f"{name}_p95"] = times[int(len(times) * 0.95)]
        out[f"{name}_cpu_p95"] = cpu[int(len(cpu) * 0.95)]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--profiles", default="default,stress,nopostcode")
    ap.add_argument("--seeds", default="1")
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--gazetteer", type=int, default=50_000)
    ap.add_argument("--gazetteer-seed", type=int, default=1)
    ap.add_argument(
        "--council",
        choices=("synthetic", "example"),
        default="synthetic",
        help="synthetic: bench/matching/gazetteer.py; example: the address-errors example town",
    )
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-uam", action="store_true")
    ap.add_argument("--dump", action="store_true", help="write PlaceLink misses to bench/out")
    ap.add_argument(
        "--suite",
        choices=("profiles", "unseen"),
        default="profiles",
        help="unseen: both generators x every address-errors profile and style (unseen.py)",
    )
    ap.add_argument("--seed-base", type=int, default=1, help="records seed of --suite unseen")
    args = ap.parse_args(argv)
    if args.suite == "unseen":
        from .unseen import run

        if "--n" not in (argv if argv is not None else sys.argv):
            args.n = 5000
        if "--gazetteer" not in (argv if argv is not None else sys.argv):
            args.gazetteer = 20_000
        run(args, run_uam, run_placelink, write_inputs, OUT)
        return

    if args.council == "example":  # the invented town bundled with address-errors
        from address_errors import example_path, load_components

        components = [dict(r) for r in load_components(example_path())]
        gazetteer = from_components(components)
    else:
        gazetteer = build_council(args.gazetteer, args.gazetteer_seed)
        components = to_components(gazetteer)
    rss0 = _rss_mb()
    tracemalloc.start()
    t = time.perf_counter()
    index = GazetteerIndex.build(gazetteer)
    build_s = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    current = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    matcher = Matcher(index=index)
    print(
        f"gazetteer: {len(gazetteer)} UPRNs, {len(index)} entries; index built in {build_s:.2f} s, "
        f"{current / 2**20:.0f} MB held (peak {peak / 2**20:.0f} MB traced), "
        f"process RSS {_rss_mb():.0f} MB (+{_rss_mb() - rss0:.0f} MB)"
    )

    rows = []
    for profile in args.profiles.split(","):
        for seed in (int(s) for s in args.seeds.split(",")):
            records = generate(components, profile, seed, args.n)
            marked = mark_other_addresses(records, gazetteer)
            if marked:
                print(f"\n{profile}: {marked} records without postcode are another address's text")
            folder = OUT / f"{profile}-s{seed}"
            canonical, messy = write_inputs(OUT, gazetteer, records)
            pl = run_placelink(matcher, records, args.workers)
            uam = None if args.no_uam else run_uam(canonical, messy, records, args.workers)
            rows.append((profile, seed, pl, uam))
            _print_row(profile, seed, len(records), pl, uam)
            print(guardrail_line(records, pl["results"]))
            if args.dump:
                _dump(
                    folder,
                    records,
                    pl["results"],
                    {int(r["uprn"]): r["address"] for r in gazetteer},
                )
    lat = lookup_latency(matcher, records)
    print(
        f"\nlookup (k=10, no postcode): whole text median {lat['whole_median']:.2f} ms, "
        f"p95 {lat['whole_p95']:.2f} ms; typed 60 % median {lat['typed_median']:.2f} ms, "
        f"p95 {lat['typed_p95']:.2f} ms (CPU p95 {lat['whole_cpu_p95']:.2f} / "
        f"{lat['typed_cpu_p95']:.2f} ms)"
    )
    for profile, seed, pl, uam in rows:
        print(f"\nrecall per error type, {profile} seed {seed} (n, PlaceLink, uk-address-matcher):")
        types = sorted(pl["per_type"], key=lambda k: -pl["per_type"][k][0])
        for k in types:
            n, r = pl["per_type"][k]
            ru = uam["per_type"].get(k, (0, float("nan")))[1] if uam else float("nan")
            print(f"  {k:<24} {n:>6}  {100 * r:6.1f} %  {100 * ru:6.1f} %")


def _line(name: str, ev: dict, n: int) -> str:
    return (
        f"  {name:<18} precision {100 * ev['precision']:6.2f} %  recall {100 * ev['recall']:6.2f} %"
        f"  {ev['seconds']:6.2f} s ({n / ev['seconds']:,.0f} rec/s, {ev['cpu']:.2f} CPU s)"
    )


def _print_row(profile: str, seed: int, n: int, pl: dict, uam: dict | None) -> None:
    print(f"\n== {profile} (seed {seed}, {n} records; {pl['unresolvable']} unresolvable) ==")
    print(
        _line("PlaceLink", pl, n) + f"  unresolvable: {pl['unresolvable_ambiguous']} ambiguous,"
        f" {pl['unresolvable_matched']} matched"
    )
    if uam:
        print(
            _line("uk-address-matcher", uam, n) + f"  peak RSS {uam['peak_rss_mb']:.0f} MB"
            f"  unresolvable: {uam['unresolvable_matched']} matched"
        )
        ratio, cpu_ratio = uam["seconds"] / pl["seconds"], uam["cpu"] / max(pl["cpu"], 1e-9)
        print(
            f"  PlaceLink throughput: {ratio:.1f}x uk-address-matcher (wall),"
            f" {cpu_ratio:.1f}x (CPU)"
        )


def _dump(folder: Path, records: list[Record], results: list, truth: dict[int, object]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "misses.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "text",
                "postcode",
                "truth",
                "uprn",
                "status",
                "score",
                "reason",
                "matched",
                "truth_address",
                "types",
                "unresolvable",
            ]
        )
        for rec, res in zip(records, results, strict=False):
            if res.uprn != rec.truth or res.match_status != MATCHED:
                w.writerow(
                    [
                        rec.text,
                        rec.postcode,
                        rec.truth,
                        res.uprn,
                        res.match_status,
                        res.match_score,
                        res.match_reason,
                        res.matched_address,
                        truth[rec.truth],
                        "|".join(rec.error_types),
                        rec.unresolvable,
                    ]
                )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
