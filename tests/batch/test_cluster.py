"""A real standalone Spark cluster: a master and two one-core workers on loopback, started
with the pyspark distribution's spark-class; the job is submitted to spark://127.0.0.1:PORT
and its answers equal --engine local's."""

from __future__ import annotations

import os
import sys

from placelink.batch import io
from placelink.batch.local_engine import match_local
from placelink.batch.spark_engine import match_spark
from placelink.core.matching import Thresholds


def test_standalone_cluster_equals_local(national: dict, standalone_cluster: str) -> None:
    records = io.read_records(national["records"])
    texts, postcodes = io.record_inputs(records, ["address"], "postcode")
    texts, postcodes = texts[:300], postcodes[:300]
    expected = match_local(io.read_gazetteer(national["parquet"]), texts, postcodes,
                           Thresholds(), workers=2)  # fmt: skip
    os.environ["PYSPARK_PYTHON"] = sys.executable
    messages: list[str] = []
    answers = match_spark(
        national["parquet"], texts, postcodes, Thresholds(), master=standalone_cluster,
        partitions=4, progress=messages.append,
    )  # fmt: skip
    assert [(r.uprn, r.match_status) for r in answers] == [
        (r.uprn, r.match_status) for r in expected
    ]
    assert [r.match_score for r in answers] == [r.match_score for r in expected]
    assert any("12 postcode areas" in m for m in messages), messages
