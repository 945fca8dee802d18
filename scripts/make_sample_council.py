"""Generate the fictional sample council (``make sample``): deterministic, offline.

    python scripts/make_sample_council.py [--seed N] [--addresses N] [--records N] [--out DIR]

The defaults regenerate the committed ``resources/sample``; a benchmark can ask for a
bigger council with the same code (``--addresses 50000 --out /tmp/big``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_council import DEFAULT_ADDRESSES, DEFAULT_SEED, generate
from sample_council.writer import write

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument(
        "--addresses", type=int, default=DEFAULT_ADDRESSES, help="about how many addresses"
    )
    parser.add_argument(
        "--records", type=int, default=None, help="service records (default 30 %% of addresses)"
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "resources" / "sample", help="output folder"
    )
    args = parser.parse_args(argv)
    if args.addresses < 500:
        parser.error("--addresses must be at least 500")
    started = time.perf_counter()
    council = generate(args.seed, args.addresses, args.records)
    paths = write(council, args.out)
    size = sum(p.stat().st_size for p in paths.values())
    print(
        f"Sample council (seed {args.seed}) in {args.out}: {len(council.addresses):,} addresses, "
        f"{len(council.streets):,} streets, {len(council.segments):,} segments, "
        f"{len(council.postcodes):,} postcodes, {len(council.facilities):,} facilities, "
        f"{len(council.records):,} service records; {size / 1e6:.1f} MB "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
