"""placelink-batch and placelink:matchaddresses give the same answers for the same inputs:
the QGIS algorithm through processing.run, the command's engines in this process (local,
and Spark local[2] when pyspark is installed)."""

from __future__ import annotations

import csv
import ipaddress
import socket
from pathlib import Path

import pytest
from gazetteer_file import write_gpkg
from qgis.core import QgsVectorLayer

pytest.importorskip("rapidfuzz")


@pytest.fixture
def _loopback_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline still, but Spark's JVM and py4j talk over loopback."""
    import _socket

    real_connect = _socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else "127.0.0.1"
        if self.family != socket.AF_UNIX and not ipaddress.ip_address(host).is_loopback:
            raise RuntimeError(f"test tried to open a network connection to {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def test_command_engines_equal_processing_run(run_alg, tmp_path: Path) -> None:
    from osgeo import ogr, osr
    from placelink.batch import io
    from placelink.batch.local_engine import match_local
    from placelink.bench.national import national_gazetteer, national_queries
    from placelink.core import schema
    from placelink.core.matching import Thresholds

    gazetteer = national_gazetteer(6_000, per_council=3_000)
    queries = national_queries(gazetteer, 400, seed=5)
    gpkg = tmp_path / "gazetteer.gpkg"
    write_gpkg(gpkg, gazetteer, schema, ogr, osr)
    records = tmp_path / "records.csv"
    with records.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["record_id", "address", "postcode"])
        writer.writeheader()
        writer.writerows(queries)

    layer = QgsVectorLayer(str(records), "records", "ogr")
    assert layer.isValid() and layer.featureCount() == 400
    result = run_alg(
        "placelink:matchaddresses",
        {
            "INPUT": layer,
            "ADDRESS_FIELDS": ["address"],
            "POSTCODE_FIELD": "postcode",
            "GAZETTEER": str(gpkg),
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    qgis = [(f["uprn"], f["match_status"]) for f in result["OUTPUT"].getFeatures()]
    qgis = [(None if u is None or u == "" or str(u) == "NULL" else int(u), s) for u, s in qgis]

    frame = io.read_records(str(records))
    texts, postcodes = io.record_inputs(frame, ["address"], "postcode")
    local = match_local(io.read_gazetteer(str(gpkg)), texts, postcodes, Thresholds(), workers=2)
    assert [(r.uprn, r.match_status) for r in local] == qgis
    assert {s for _, s in qgis} == {"matched", "ambiguous", "unmatched"}


def test_spark_engine_equals_processing_run(run_alg, tmp_path: Path, _loopback_allowed) -> None:
    pytest.importorskip("pyspark")
    from placelink.batch import io
    from placelink.batch.spark_engine import match_spark
    from placelink.bench.national import national_gazetteer, national_queries
    from placelink.core.matching import Thresholds

    gazetteer = national_gazetteer(6_000, per_council=3_000)
    queries = national_queries(gazetteer, 300, seed=6)
    parquet = tmp_path / "gazetteer.parquet"
    import pandas as pd

    pd.DataFrame(gazetteer).to_parquet(parquet, index=False)
    gpkg = tmp_path / "gazetteer.gpkg"
    from osgeo import ogr, osr
    from placelink.core import schema

    write_gpkg(gpkg, gazetteer, schema, ogr, osr)
    records = tmp_path / "records.csv"
    pd.DataFrame(queries).to_csv(records, index=False)
    result = run_alg(
        "placelink:matchaddresses",
        {
            "INPUT": QgsVectorLayer(str(records), "records", "ogr"),
            "ADDRESS_FIELDS": ["address"],
            "POSTCODE_FIELD": "postcode",
            "GAZETTEER": str(gpkg),
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    qgis = [(f["uprn"], f["match_status"]) for f in result["OUTPUT"].getFeatures()]
    qgis = [(None if u is None or str(u) in ("", "NULL") else int(u), s) for u, s in qgis]
    frame = io.read_records(str(records))
    texts, postcodes = io.record_inputs(frame, ["address"], "postcode")
    spark = match_spark(str(parquet), texts, postcodes, Thresholds(), master="local[2]",
                        partitions=2)  # fmt: skip
    assert [(r.uprn, r.match_status) for r in spark] == qgis
