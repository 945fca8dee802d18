"""``--engine spark``: the same core matcher, one matcher per postcode area, on Apache Spark.

The gazetteer is read by Spark (Parquet; other sources are first streamed to a Parquet
file beside the output) and tagged with its postcode area. Records are tagged with the
area(s) ``routing.areas_for`` gives them, using a broadcast name → areas table. Gazetteer
and records are co-grouped by area and ``applyInPandas`` builds each area's matcher inside
an executor (the index never reaches the driver) and matches that area's records with the
public ``Matcher.match_batch`` (``by_area.match_area``, the function ``--engine local
--by-area`` runs in its process pool). The executors merge each record's per-area answers
(``by_area.merge_frame``: ``routing.best_across_areas``) and the driver streams the merged
answers in record order, a sorted partition at a time, to the output writer: it never holds
every answer. The package's code is shipped to the executors as a zip, so
executors need only its dependencies (numpy, pandas, pyarrow, rapidfuzz) in the Python
named by ``PYSPARK_PYTHON`` (the driver's own Python by default).
"""

from __future__ import annotations

import os
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pandas as pd

from ..core.matching import MatchResult, Thresholds
from ..core.matching.names import country_names
from . import routing
from .by_area import ANSWER_SCHEMA, RESULT_SCHEMA, merge, peak_kb, result_of

__all__ = ["RESULT_SCHEMA", "match_spark", "merge", "session", "spark_chunks"]


def package_zip(folder: str | Path) -> Path:
    """A zip of the ``placelink`` package's pure-Python parts (core, batch) for executors."""
    root = Path(__file__).resolve().parent.parent
    target = Path(folder) / "placelink.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("placelink/__init__.py", (root / "__init__.py").read_text(encoding="utf-8"))
        for sub in ("core", "batch"):
            for path in sorted((root / sub).rglob("*")):
                if path.is_file() and path.suffix in (".py", ".csv", ".json"):
                    zf.write(path, f"placelink/{path.relative_to(root).as_posix()}")
    return target


#: The JVM heap of a ``local[...]`` master (driver and executor in one JVM).
LOCAL_DRIVER_MEMORY = "4g"


def session(master: str | None, partitions: int, app: str = "placelink-batch"):
    """A Spark session whose executors run this Python (unless PYSPARK_PYTHON says else);
    *master* None keeps spark-submit's (or pyspark's default, local[*])."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder if master is None else SparkSession.builder.master(master)
    builder = (
        builder.appName(app)
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.adaptive.enabled", "false")
    )
    if master is not None and master.startswith("local"):  # one machine: stay on loopback
        # (also spares spark-submit's look-up of the machine's own name, which fails where
        # the name is in no hosts file)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            # on one machine the driver's JVM is the executor too, and receives every
            # area's answers: Spark's default 1 GB lost them at 2M records
            # ("TaskResultLost (result lost from block manager)")
            .config("spark.driver.memory", LOCAL_DRIVER_MEMORY)
        )
    elif os.environ.get("SPARK_LOCAL_IP"):
        builder = builder.config("spark.driver.host", os.environ["SPARK_LOCAL_IP"])
    return builder.getOrCreate()


def gazetteer_parquet(source: str, folder: Path) -> str:
    """*source* itself when Parquet, else its matcher records streamed into a Parquet file."""
    if source.lower().endswith((".parquet", ".parq", ".pq")):
        return source
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .io import gazetteer_chunks

    target = folder / "gazetteer.parquet"
    writer = None
    for chunk in gazetteer_chunks(source):
        table = pa.Table.from_pandas(pd.DataFrame.from_records(chunk), preserve_index=False)
        if writer is None:
            schema = table.schema
            writer = pq.ParquetWriter(target, schema)
        writer.write_table(table.cast(schema))
    if writer is None:
        raise ValueError(f"the gazetteer {source!r} is empty")
    writer.close()
    return str(target)


def _match_area(thresholds: Thresholds, match_parents: bool, names) -> Callable:
    """The per-area function: *names* is the broadcast of the country's names."""

    def run(gaz: pd.DataFrame, recs: pd.DataFrame) -> pd.DataFrame:
        from placelink.batch.by_area import gazetteer_records, match_area

        country, common = names.value
        records = gazetteer_records(gaz) if not recs.empty and not gaz.empty else []
        return match_area(records, recs, country, common, thresholds, match_parents)

    return run


def _common_words(gaz) -> frozenset[str]:
    """``areas.common_name_words`` of the gazetteer, counted by Spark (only the few common
    words reach the driver)."""
    from pyspark.sql import functions as sf
    from pyspark.sql import types as st

    from ..core.matching.candidates import DISTINCTIVE_NAMES
    from ..core.normalise import normalise

    cols = [c for c in ("pao_text", "organisation") if c in gaz.columns]
    if not cols:
        return frozenset()
    norm = sf.udf(lambda v: normalise(v) if v else None, st.StringType())
    names = None
    for c in cols:
        part = gaz.select(norm(sf.col(c)).alias("name"))
        names = part if names is None else names.unionAll(part)
    words = (
        names.where(sf.col("name").isNotNull() & (sf.col("name") != ""))
        .distinct()
        .select(sf.explode(sf.array_distinct(sf.split(sf.trim("name"), " +"))).alias("word"))
        .groupBy("word")
        .count()
        .where(sf.col("count") > DISTINCTIVE_NAMES)
    )
    return frozenset(r["word"] for r in words.collect())


def match_spark(
    gazetteer: str,
    texts: Sequence[str],
    postcodes: Sequence[str] | None,
    thresholds: Thresholds,
    match_parents: bool = False,
    master: str | None = None,
    partitions: int = 64,
    progress: Callable[[str], None] | None = None,
    spark=None,
) -> list[MatchResult]:
    """One result per text (input order), equal to ``--engine local``'s."""
    chunks = spark_chunks(
        gazetteer, texts, postcodes, thresholds, match_parents, master, partitions, progress,
        spark,
    )  # fmt: skip
    return [r for _first, results in chunks for r in results]


#: Answers handed to the driver's writer at a time (``spark_chunks``).
CHUNK = 50_000
#: Records per sorted partition streamed to the driver (it holds two at a time).
SORTED_ROWS = 100_000


def spark_chunks(
    gazetteer: str,
    texts: Sequence[str],
    postcodes: Sequence[str] | None,
    thresholds: Thresholds,
    match_parents: bool = False,
    master: str | None = None,
    partitions: int = 64,
    progress: Callable[[str], None] | None = None,
    spark=None,
    chunk: int = CHUNK,
) -> Iterator[tuple[int, list[MatchResult]]]:
    """The answers in record order, *chunk* at a time: (first record's index, results).
    The executors match area by area and merge each record's areas' answers
    (``by_area.merge_frame``); the driver only streams the merged answers in, one sorted
    partition at a time (``toLocalIterator``), never all of them at once."""
    from pyspark.sql import functions as sf
    from pyspark.sql import types as st

    say = progress or (lambda _msg: None)
    own = spark is None
    spark = spark or session(master, partitions)
    try:
        with tempfile.TemporaryDirectory(prefix="placelink-spark-") as tmp:
            folder = Path(tmp)
            spark.sparkContext.addPyFile(str(package_zip(folder)))
            say("reading the gazetteer")
            gaz = spark.read.parquet(gazetteer_parquet(gazetteer, folder))
            area_udf = sf.udf(routing.area_of, st.StringType())
            gaz = gaz.withColumn("area", area_udf(sf.col("postcode")))
            say("building the area routing table")
            name_cols = [
                sf.col(c) if c in gaz.columns else sf.lit(None).cast("string").alias(c)
                for c in ("street_description", "locality", "town")
            ]
            rows = [tuple(r) for r in gaz.select("area", *name_cols).distinct().collect()]
            names = routing.name_index(rows)
            areas = {r[0] for r in rows}
            say(
                f"{len(areas):,} postcode areas, {len(names[0]):,} streets, "
                f"{len(names[1]):,} places"
            )
            table = spark.sparkContext.broadcast((names, areas))
            # every area's matcher reads records with the country's place and street names
            country = spark.sparkContext.broadcast(
                (country_names(r[1:] for r in rows), _common_words(gaz))
            )

            def route(text: str, postcode: str) -> list[str]:
                found_names, found_areas = table.value
                corrector = routing.country_corrector(country.value[0])
                return routing.areas_for(text, postcode, found_names, found_areas, corrector)

            pcs = list(postcodes) if postcodes is not None else [""] * len(texts)
            frame = pd.DataFrame({"rid": range(len(texts)), "text": list(texts), "postcode": pcs})
            recs = spark.createDataFrame(frame, "rid long, text string, postcode string")
            del frame
            areas_of = sf.udf(route, st.ArrayType(st.StringType()))("text", "postcode")
            recs = (
                recs.repartition(partitions)
                .withColumn("areas", areas_of)
                .withColumn("n_areas", sf.size("areas").cast("long"))
                .withColumn("area", sf.explode("areas"))
                .drop("areas")
            )
            say(f"matching {len(texts):,} records area by area")
            matched = (
                gaz.groupBy("area")
                .cogroup(recs.groupBy("area"))
                .applyInPandas(_match_area(thresholds, match_parents, country), RESULT_SCHEMA)
            )
            answers = (
                matched.withColumn("bucket", sf.col("rid") % sf.lit(partitions))
                .groupBy("bucket")
                .applyInPandas(_merge_bucket(thresholds), ANSWER_SCHEMA)
                # sorted ranges of at most ≈ SORTED_ROWS records: what the driver holds
                .repartitionByRange(max(partitions, -(-len(texts) // SORTED_ROWS)), "rid")
                .sortWithinPartitions("rid")
            )
            largest = peak = 0
            expected = 0
            out: list[MatchResult] = []
            for row in answers.toLocalIterator(prefetchPartitions=True):
                if int(row.rid) != expected:
                    raise RuntimeError(f"record {expected} got no answer")
                expected += 1
                out.append(result_of(row))
                largest = max(largest, int(row.area_uprns))
                peak = max(peak, int(row.worker_peak_kb))
                if len(out) >= chunk:
                    yield expected - len(out), out
                    out = []
            if expected != len(texts):
                raise RuntimeError(f"{len(texts) - expected} records got no answer")
            if expected:
                say(
                    f"largest area {largest:,} UPRNs; peak Python worker memory "
                    f"{peak / 1024:,.0f} MB; driver Python {peak_kb() / 1024:,.0f} MB"
                )
            if out:
                yield expected - len(out), out
    finally:
        if own:
            spark.stop()


def _merge_bucket(thresholds: Thresholds) -> Callable:
    """The merge of a bucket of records' per-area answers, run by the executors."""

    def run(answers: pd.DataFrame) -> pd.DataFrame:
        from placelink.batch.by_area import merge_frame

        return merge_frame(answers, thresholds)

    return run
