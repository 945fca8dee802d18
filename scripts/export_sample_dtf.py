"""Write the sample council's LLPG (DTF 7.3) and street gazetteer (NSG DTF 8.1) files.

    .venv/bin/python scripts/export_sample_dtf.py [--gpkg PATH] [--out FOLDER]

Reads ``resources/sample/sample_council.gpkg`` and writes ``llpg_dtf73.csv`` and
``nsg_dtf81.csv`` next to it (or into ``--out``); see ``scripts/sample_council/exports.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from sample_council.exports import write_dtf73, write_dtf81  # noqa: E402

SAMPLE = ROOT / "resources" / "sample"
LLPG_NAME = "llpg_dtf73.csv"
NSG_NAME = "nsg_dtf81.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gpkg", type=Path, default=SAMPLE / "sample_council.gpkg")
    parser.add_argument("--out", type=Path, default=SAMPLE)
    args = parser.parse_args(argv)
    if not args.gpkg.is_file():
        parser.error(f"{args.gpkg} does not exist: run scripts/make_sample_council.py first")
    for path in (
        write_dtf73(args.gpkg, args.out / LLPG_NAME),
        write_dtf81(args.gpkg, args.out / NSG_NAME),
    ):
        print(f"{path}: {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
