"""The ``placelink-batch`` command (see ``placelink-batch match --help``)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence

DESCRIPTION = """\
Match service records to UPRNs with PlaceLink's matcher, outside QGIS: on this machine
(--engine local, every core) or on an Apache Spark cluster (--engine spark). The answers
are those of the QGIS algorithm placelink:matchaddresses for the same inputs."""

MATCH_EPILOG = """\
inputs:
  GAZETTEER  a canonical addresses layer (the output of PlaceLink's Load addresses):
             a GeoPackage (first layer, or PATH|layername=NAME), PostGIS through an OGR
             connection string ('PG:dbname=gis host=db user=me|layername=addresses'),
             or a Parquet file with the canonical columns plus x and y.
  RECORDS    the records to match: CSV (UTF-8; every column read as text) or Parquet.
  OUTPUT     .parquet, .csv or .gpkg: record_id (the row number, from 1, when RECORDS
             has no record_id column), every input column, then the match fields uprn,
             match_score, match_status (matched / ambiguous / unmatched),
             matched_address, match_reason, runner_up_uprn, margin, and the matched
             point x, y (British National Grid; the geometry in a GeoPackage). A match
             field whose name the input already uses is written as match_<name>.
             The file is written under a temporary name and renamed when complete.

engines:
  local      this machine's cores. --by-area never: one matcher over the whole gazetteer
             (the QGIS algorithm's own; ≈ 3.5 GB per million UPRNs); --by-area always:
             the Spark engine's plan below on a process pool, the gazetteer split into one
             file per postcode area in a temporary folder (--spill-dir), memory following
             the largest area; --by-area auto (default): by area above 1,000,000 UPRNs.
             Both give the same answers.
  spark      one matcher per postcode area, built inside the Spark executors; records
             without a usable postcode go to the areas whose street and place names they
             spell out, and the best answer across areas is kept. Executors run the
             Python in PYSPARK_PYTHON (this Python by default) and need numpy, pandas,
             pyarrow and rapidfuzz; PlaceLink's own code is shipped with the job.

Progress goes to stderr; a summary line (matched / ambiguous / unmatched) ends the run.
Exit status: 0 done, 2 bad arguments or unreadable input."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="placelink-batch", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    match = commands.add_parser(
        "match",
        help="match RECORDS to the UPRNs of GAZETTEER and write OUTPUT",
        description=DESCRIPTION,
        epilog=MATCH_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    match.add_argument("gazetteer", metavar="GAZETTEER", help="canonical addresses layer")
    match.add_argument("records", metavar="RECORDS", help="records to match (CSV or Parquet)")
    match.add_argument("output", metavar="OUTPUT", help="output file (.parquet, .csv, .gpkg)")
    match.add_argument(
        "--address-field", action="append", required=True, metavar="F", dest="address_fields",
        help="an address field of RECORDS; repeat to join several in order (flat, house, "
        "street, town…)",
    )  # fmt: skip
    match.add_argument(
        "--postcode-field", metavar="P", help="the postcode field of RECORDS (optional: a "
        "postcode inside the address text is found too)",
    )  # fmt: skip
    match.add_argument(
        "--engine", choices=("local", "spark"), default="local",
        help="local: this machine's cores (default); spark: an Apache Spark cluster",
    )  # fmt: skip
    match.add_argument(
        "--spark-master", metavar="URL", default=None,
        help="Spark master URL for --engine spark: local[N], spark://HOST:7077, yarn… "
        "(default: the one spark-submit or the environment gives, else local[*])",
    )  # fmt: skip
    match.add_argument(
        "--partitions", type=int, default=64, metavar="N",
        help="Spark shuffle partitions: postcode areas are spread over N tasks (default 64)",
    )  # fmt: skip
    match.add_argument(
        "--workers", type=int, default=None, metavar="N",
        help="--engine local: worker processes (default: the machine's cores; at most 4 "
        "with one matcher of the whole gazetteer)",
    )  # fmt: skip
    match.add_argument(
        "--by-area", choices=("auto", "always", "never"), default="auto",
        help="--engine local: match postcode area by area as --engine spark does (always), "
        "with one matcher of the whole gazetteer (never), or by area above 1,000,000 UPRNs "
        "(auto, default)",
    )  # fmt: skip
    match.add_argument(
        "--spill-dir", metavar="DIR", default=None,
        help="--engine local by area: where the per-area files go (default: the system's "
        "temporary folder; about the gazetteer's size in pickled rows)",
    )  # fmt: skip
    match.add_argument(
        "--min-score", type=float, default=50.0,
        help="lowest score to call matched (default 50, as in QGIS)",
    )  # fmt: skip
    match.add_argument(
        "--min-margin", type=float, default=6.0,
        help="lowest margin over the runner-up to call matched (default 6, as in QGIS)",
    )  # fmt: skip
    match.add_argument(
        "--match-parents", action="store_true",
        help="match records to parent shells (buildings whose flats have their own UPRNs)",
    )  # fmt: skip
    return parser


class _Progress:
    def __init__(self) -> None:
        self.start = time.monotonic()
        self.last = -1

    def say(self, message: str) -> None:
        print(f"[{time.monotonic() - self.start:7.1f}s] {message}", file=sys.stderr, flush=True)

    def percent(self, fraction: float) -> None:
        step = int(fraction)  # match_batch reports 0-100
        if step // 10 != self.last // 10:
            self.last = step
            self.say(f"matching: {step}%")


def match(args: argparse.Namespace) -> int:
    """Run ``placelink-batch match``."""
    from ..core.matching import Thresholds
    from . import io

    progress = _Progress()
    thresholds = Thresholds(
        min_score=args.min_score,
        min_margin=args.min_margin,
        min_ambiguous=min(Thresholds().min_ambiguous, args.min_score),
    )
    writer = io.OutputWriter(args.output)  # a bad OUTPUT fails before any work
    progress.say(f"reading the records {args.records}")
    records = io.read_records(args.records)
    texts, postcodes = io.record_inputs(records, args.address_fields, args.postcode_field)
    progress.say(f"{len(records):,} records")
    if args.engine == "local":
        from .local_engine import area_chunks, choose_by_area

        size = io.gazetteer_size(args.gazetteer)
        if choose_by_area(args.by_area, size):
            progress.say(f"matching by postcode area ({size:,} addresses in {args.gazetteer})")
            chunks: Iterable[tuple[int, list]] = area_chunks(
                args.gazetteer, texts, postcodes, thresholds, args.match_parents,
                args.workers, progress.say, args.spill_dir,
            )  # fmt: skip
        else:
            chunks = [(0, _whole(args, texts, postcodes, thresholds, progress))]
    else:
        try:
            import pyspark  # noqa: F401
        except ImportError:
            progress.say("--engine spark needs pyspark: pip install 'placelink[spark]'")
            return 2
        from .spark_engine import spark_chunks

        master = args.spark_master or _default_master()
        progress.say(f"Spark master {master or 'from spark-submit / local[*]'}")
        chunks = spark_chunks(
            args.gazetteer, texts, postcodes, thresholds, args.match_parents, master,
            args.partitions, progress.say,
        )  # fmt: skip
    counts = {"matched": 0, "ambiguous": 0, "unmatched": 0}
    with writer as out:
        progress.say(f"writing {args.output} as the answers come")
        for first, results in chunks:
            out.write(io.output_frame(records.iloc[first : first + len(results)], results, first))
            for r in results:
                counts[r.match_status] = counts.get(r.match_status, 0) + 1
    progress.say(
        f"{out.rows:,} records: {counts['matched']:,} matched, {counts['ambiguous']:,} "
        f"ambiguous, {counts['unmatched']:,} unmatched -> {args.output}"
    )
    return 0


def _whole(args: argparse.Namespace, texts, postcodes, thresholds, progress: _Progress) -> list:
    """``--engine local`` with one matcher of the whole gazetteer."""
    from . import io
    from .local_engine import match_local

    progress.say(f"reading the gazetteer {args.gazetteer}")
    gazetteer = io.read_gazetteer(args.gazetteer)
    progress.say(f"indexing {len(gazetteer):,} addresses")
    return match_local(
        gazetteer, texts, postcodes, thresholds, args.match_parents, args.workers,
        progress.percent,
    )  # fmt: skip


def _default_master() -> str | None:
    import os

    return os.environ.get("MASTER") or os.environ.get("SPARK_MASTER") or None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``placelink-batch`` console script."""
    args = _parser().parse_args(argv)
    try:
        return match(args)
    except (ValueError, FileNotFoundError, OSError) as exc:
        print(f"placelink-batch: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
