"""CPU seconds of the matcher in this process, per records profile, and a digest of its answers.

    .venv/bin/python -m bench.matching.cpu [--gazetteer 20000] [--n 4000] [--profile DIR]
    .venv/bin/python -m bench.matching.cpu --save FILE   # then --check FILE after a change

Builds the first generator's council (bench/matching/gazetteer.py) and ``default`` and
``nopostcode`` records (address-errors), matches them with ``Matcher.match_batch`` in one
process (``workers=1``) and prints the CPU seconds (``time.process_time``: less distorted
than wall time on a shared machine) per profile, the best of ``--repeat`` runs. Every
answer (uprn, status, score, margin, reason) goes into a SHA-1 digest: ``--save`` writes
it, ``--check`` exits 1 when it differs (a speed-up must not change an answer).
``--profile DIR`` also writes a cProfile file per profile (read with ``pstats``).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import sys
import time
from pathlib import Path

from . import run as _run  # noqa: F401  (puts the plugin on sys.path)

PROFILES = ("default", "nopostcode")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gazetteer", type=int, default=20_000)
    ap.add_argument("--n", type=int, default=4_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", type=Path)
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--save", type=Path)
    group.add_argument("--check", type=Path)
    args = ap.parse_args(argv)

    from placelink.core.matching import Matcher
    from placelink.core.matching.index import GazetteerIndex

    from .gazetteer import build_council, to_components
    from .records import generate

    gazetteer = build_council(args.gazetteer, 1)
    components = to_components(gazetteer)
    matcher = Matcher(index=GazetteerIndex.build(gazetteer))
    digest = hashlib.sha1()
    for name in PROFILES:
        records = generate(components, name, 1, args.n)
        texts, pcs = [r.text for r in records], [r.postcode for r in records]
        matcher.match_batch(texts[:50], pcs[:50])  # warm the index's derived tables
        best, results = float("inf"), []
        for _ in range(max(1, args.repeat)):
            t = time.process_time()
            results = matcher.match_batch(texts, pcs)
            best = min(best, time.process_time() - t)
        print(f"{name:<11} {len(texts):>6} records  {best:6.2f} CPU s (best of {args.repeat})")
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
            cProfile.runctx(
                "matcher.match_batch(texts, pcs)",
                globals(),
                {"matcher": matcher, "texts": texts, "pcs": pcs},
                str(args.profile / f"{name}.prof"),
            )
        for r in results:
            row = (r.uprn, r.match_status, r.match_score, r.margin, r.match_reason)
            digest.update(repr(row).encode("utf-8"))
    found = digest.hexdigest()
    print(f"answers {found}")
    if args.save:
        args.save.write_text(found + "\n", encoding="utf-8")
    if args.check:
        saved = args.check.read_text(encoding="utf-8").strip()
        if saved != found:
            print(f"DIFFERENT answers (saved {saved})")
            return 1
        print("same answers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
