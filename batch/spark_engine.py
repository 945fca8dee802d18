"""``--engine spark``: the same core matcher, one matcher per postcode area, on Apache Spark.

The gazetteer is read by Spark (Parquet; other sources are first streamed to a Parquet
file beside the output) and tagged with its postcode area. Records are tagged with the
area(s) ``routing.areas_for`` gives them, using a broadcast name → areas table. Gazetteer
and records are co-grouped by area and ``applyInPandas`` builds each area's matcher inside
an executor (the index never reaches the driver) and matches that area's records with the
public ``Matcher.match_batch``. The per-area answers are merged by
``routing.best_across_areas``. The package's code is shipped to the executors as a zip, so
executors need only its dependencies (numpy, pandas, pyarrow, rapidfuzz) in the Python
named by ``PYSPARK_PYTHON`` (the driver's own Python by default).
"""

from __future__ import annotations

import os
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from ..core.matching import MatchResult, Thresholds
from ..core.matching.names import country_names
from . import routing
from .areas import NO_CANDIDATE
from .routing import Evidence, Top

_TOP_FIELDS = ("uprn", "points", "score", "possible", "full")

_RESULT_COLUMNS = (
    ("rid", "long"),
    ("uprn", "long"),
    ("match_score", "double"),
    ("match_status", "string"),
    ("matched_address", "string"),
    ("match_reason", "string"),
    ("runner_up_uprn", "long"),
    ("margin", "double"),
    ("x", "double"),
    ("y", "double"),
    ("n_areas", "long"),  # the areas the record was matched in; with more than one, each
    # area's top two candidates with their points (``routing.Top``) decide between them
    *(
        (f"{which}_{name}", kind)
        for which in ("top", "second")
        for name, kind in (
            ("uprn", "long"),
            ("points", "double"),
            ("score", "double"),
            ("possible", "double"),
            ("full", "boolean"),
        )
    ),  # fmt: skip
    ("area_uprns", "long"),  # the area's gazetteer size and the Python worker's peak memory,
    ("worker_peak_kb", "long"),  # reported on the progress stream for sizing executors
)
RESULT_SCHEMA = ", ".join(f"{name} {kind}" for name, kind in _RESULT_COLUMNS)


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
        from placelink.batch.areas import area_evidence, area_matcher
        from placelink.core.matching.gazetteer_rows import gazetteer_record, matcher_fields

        if recs.empty:
            return pd.DataFrame({name: [] for name, _ in _RESULT_COLUMNS})
        texts = recs["text"].tolist()
        postcodes = recs["postcode"].tolist()
        many = [k for k, n in enumerate(recs["n_areas"].tolist()) if n > 1]
        evidence: list[Evidence] = [(None, None)] * len(texts)
        if gaz.empty:
            results = [NO_CANDIDATE] * len(texts)
        else:
            fields = matcher_fields(list(gaz.columns))
            has_xy = "x" in gaz.columns and "y" in gaz.columns
            rows = gaz.to_dict("records")
            records = [
                gazetteer_record(r, fields, r["x"] if has_xy else None, r["y"] if has_xy else None)
                for r in rows
            ]
            country, common = names.value
            matcher = area_matcher(records, country, thresholds, match_parents, common)
            results = matcher.match_batch(texts, postcodes, workers=1)
            found = area_evidence(
                matcher, [texts[k] for k in many], [postcodes[k] for k in many],
                [results[k] for k in many],
            )  # fmt: skip
            for k, ev in zip(many, found):
                evidence[k] = ev
        out = pd.DataFrame([r.as_dict() for r in results])
        out.insert(0, "rid", recs["rid"].to_numpy())
        out["n_areas"] = recs["n_areas"].to_numpy()
        for j, which in enumerate(("top", "second")):
            for name in _TOP_FIELDS:
                out[f"{which}_{name}"] = pd.Series(
                    [getattr(ev[j], name) if ev[j] is not None else None for ev in evidence],
                    dtype="object",
                )
        out["area_uprns"] = len(gaz)
        out["worker_peak_kb"] = _peak_kb()
        return out[[name for name, _ in _RESULT_COLUMNS]]

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


def _peak_kb() -> int:
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


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
    from pyspark.sql import functions as sf
    from pyspark.sql import types as st

    say = progress or (lambda _msg: None)
    own = spark is None
    spark = spark or session(master, partitions)
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
        say(f"{len(areas):,} postcode areas, {len(names[0]):,} streets, {len(names[1]):,} places")
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
        answers = matched.toPandas()
    if own:
        spark.stop()
    if len(answers):
        say(
            f"largest area {int(answers['area_uprns'].max()):,} UPRNs; peak Python worker "
            f"memory {int(answers['worker_peak_kb'].max()) / 1024:,.0f} MB"
        )
    say(f"merging {len(answers):,} area answers")
    return merge(answers, len(texts), thresholds)


def _none(value: object) -> object:
    return None if value is None or pd.isna(value) else value


def merge(answers: pd.DataFrame, n: int, thresholds: Thresholds) -> list[MatchResult]:
    """One ``MatchResult`` per record id 0..n-1 from the per-area answers."""
    by_rid: dict[int, list[MatchResult]] = {}
    evidence: dict[int, list[Evidence]] = {}
    for row in answers.itertuples(index=False):
        uprn, runner = _none(row.uprn), _none(row.runner_up_uprn)
        result = MatchResult(
            uprn=int(uprn) if uprn is not None else None,
            match_score=float(row.match_score),
            match_status=row.match_status,
            matched_address=row.matched_address or "",
            match_reason=row.match_reason,
            runner_up_uprn=int(runner) if runner is not None else None,
            margin=float(row.margin),
            x=_none(row.x),
            y=_none(row.y),
        )
        by_rid.setdefault(int(row.rid), []).append(result)
        if row.n_areas > 1:
            evidence.setdefault(int(row.rid), []).append((_top(row, "top"), _top(row, "second")))
    missing = [i for i in range(n) if i not in by_rid]
    if missing:
        raise RuntimeError(f"{len(missing)} records got no answer (first: {missing[0]})")
    return [routing.best_across_areas(by_rid[i], thresholds, evidence.get(i)) for i in range(n)]


def _top(row: object, which: str) -> Top | None:
    uprn = _none(getattr(row, f"{which}_uprn"))
    if uprn is None:
        return None
    return Top(
        int(uprn),
        float(getattr(row, f"{which}_points")),
        float(getattr(row, f"{which}_score")),
        float(getattr(row, f"{which}_possible")),
        bool(getattr(row, f"{which}_full")),
    )
