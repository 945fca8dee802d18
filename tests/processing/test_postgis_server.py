"""The suite's own PostGIS server works with QGIS: a real load writes a table QGIS reads."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsVectorLayer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "addresses"


def test_server_has_postgis(postgis_server) -> None:
    found = postgis_server.sql("SELECT extname FROM pg_extension WHERE extname = 'postgis'")
    assert found == "postgis"
    assert postgis_server.root is not None and postgis_server.socket_dir.is_dir()


def test_load_writes_a_postgis_table_qgis_reads(postgis_server, run_alg) -> None:
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


def test_a_crashed_session_leaves_no_server_behind(tmp_path) -> None:
    """SIGKILL skips every finaliser: the server's guard stops it and removes its folder."""
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import os, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})\n"
        "from postgis_server import PostgisServer\n"
        "server = PostgisServer().start()\n"
        "print(server.root, server.port, flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    root, port = result.stdout.split()
    deadline = time.monotonic() + 30
    while Path(root).exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not Path(root).exists()
    running = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True)
    assert f"-D {root}/data" not in running.stdout and f"-p {port} " not in running.stdout
