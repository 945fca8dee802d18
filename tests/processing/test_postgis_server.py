"""The suite's own PostGIS server works with QGIS: a real load writes a table QGIS reads."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsVectorLayer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "addresses"


def test_server_has_postgis(postgis_server) -> None:  # noqa: ANN001
    found = postgis_server.sql("SELECT extname FROM pg_extension WHERE extname = 'postgis'")
    assert found == "postgis"
    assert postgis_server.root is not None and postgis_server.socket_dir.is_dir()


def test_load_writes_a_postgis_table_qgis_reads(postgis_server, run_alg) -> None:  # noqa: ANN001
    table = "server_smoke_addresses"
    result = run_alg(
        "placelink:loadaddresses",
        {
            "INPUT": [str(FIXTURES / "dtf73_full.csv")],
            "FORMAT": 0,
            "OUTPUT": "postgis:" + postgis_server.uri(table=table),
            "REJECTED": "TEMPORARY_OUTPUT",
        },
    )
    assert result["LOADED"] == 6
    assert postgis_server.sql(f"SELECT count(*) FROM public.{table}") == "6"
    layer = QgsVectorLayer(postgis_server.uri(table=table), "addresses", "postgres")
    assert layer.isValid(), layer.dataProvider().error().message()
    assert layer.featureCount() == 6
    uprns = {f["uprn"] for f in layer.getFeatures()}
    assert 100062000001 in uprns
