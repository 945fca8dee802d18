"""A real standalone Spark cluster: a master and two one-core workers on loopback, started
with the pyspark distribution's spark-class; the job is submitted to spark://127.0.0.1:PORT
and its answers equal --engine local's."""

from __future__ import annotations

import os
import sys

from placelink.batch.spark_engine import match_spark
from placelink.core.matching import Thresholds


def test_standalone_cluster_equals_local(
    national: dict, inputs: tuple, local_answers: list, standalone_cluster: str
) -> None:
    texts, postcodes = inputs
    # the first 200 records and the last 50 (the same house, street and locality in two
    # towns, without postcode)
    keep = [*range(200), *range(len(texts) - 50, len(texts))]
    texts, postcodes = [texts[i] for i in keep], [postcodes[i] for i in keep]
    expected = [local_answers[i] for i in keep]
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
