"""A real standalone Spark cluster: a master and two one-core workers on loopback, started
with the pyspark distribution's spark-class. The pip-installed ``placelink-batch`` submits
its job to spark://127.0.0.1:PORT, reading a GeoPackage gazetteer and writing a
GeoPackage, and its answers (and scores) are those of --engine local."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from placelink.batch import io


def test_command_on_a_standalone_cluster_answers_as_local(
    command: Path, national: dict, local_answers: list, standalone_cluster: str, tmp_path: Path
) -> None:
    from osgeo import ogr

    records = io.read_records(national["records"])
    # the first 150 records and the last 50 (blocks' flats with another area's postcode and
    # converted houses beside a block named like their street in another town, without
    # postcode: answers weighed across areas)
    keep = [*range(150), *range(len(records) - 50, len(records))]
    sample = tmp_path / "sample.csv"
    records.iloc[keep].to_csv(sample, index=False)
    out = tmp_path / "spark.gpkg"
    env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1", "PYSPARK_PYTHON": sys.executable}
    run = subprocess.run(
        [str(command), "match", national["gpkg"], str(sample), str(out),
         "--address-field", "address", "--postcode-field", "postcode", "--engine", "spark",
         "--spark-master", standalone_cluster, "--partitions", "4"],
        capture_output=True, text=True, timeout=900, env=env, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    assert f"Spark master {standalone_cluster}" in run.stderr
    assert "12 postcode areas" in run.stderr
    expected = [local_answers[i] for i in keep]
    dataset = ogr.Open(str(out))
    layer = dataset.GetLayer(0)
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "27700"
    rows = [
        (f.GetField("record_id"), f.GetField("uprn"), f.GetField("match_status"),
         f.GetField("match_score"), f.GetGeometryRef() is not None)
        for f in layer
    ]  # fmt: skip
    assert [r[0] for r in rows] == records["record_id"].iloc[keep].tolist()
    assert [(r[1], r[2]) for r in rows] == [(e.uprn, e.match_status) for e in expected]
    assert [r[3] for r in rows] == [e.match_score for e in expected]
    assert all(has_point == (uprn is not None) for _, uprn, _, _, has_point in rows)
