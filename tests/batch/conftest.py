"""Fixtures for placelink-batch: a small national-shaped gazetteer and records on disk, a
local[2] Spark session, and a real standalone Spark cluster (a master and two one-core
workers on loopback, started from the pyspark distribution and always stopped)."""

from __future__ import annotations

import csv
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from gazetteer_file import write_gpkg

#: Gazetteer size and records for the engine tests (12 postcode areas), plus records of
#: the same house, street and locality in two towns (``TWINS``, without postcode) and of
#: the kinds the engines disagreed on at 1M-4M UPRNs (``HARD``: ``bench.national.hard_queries``;
#: and the records of ``bench.national.with_street_named_blocks``, ``with_shared_locality``
#: and ``with_country_street_words``).
UPRNS, PER_COUNCIL, RECORDS, TWINS, HARD = 16_000, 4_000, 1_000, 80, 200


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline as everywhere, but loopback is allowed: Spark's JVM and py4j talk over it."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        host = address[0] if isinstance(address, tuple) else str(address)
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = host == "localhost"
        if not loopback:
            raise RuntimeError(f"test tried to open a network connection to {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def national(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The gazetteer (records, GeoPackage, Parquet) and the records to match (CSV)."""
    import pandas as pd
    from osgeo import ogr, osr
    from placelink.bench.national import (
        hard_queries,
        national_gazetteer,
        national_queries,
        twin_queries,
        with_country_street_words,
        with_shared_locality,
        with_street_named_blocks,
        with_twin_streets,
    )
    from placelink.core import schema

    folder = tmp_path_factory.mktemp("national")
    gazetteer, named_blocks = with_street_named_blocks(
        with_twin_streets(national_gazetteer(UPRNS, per_council=PER_COUNCIL))
    )
    gazetteer, shared_locality = with_shared_locality(gazetteer)
    gazetteer, street_words = with_country_street_words(gazetteer)
    queries = (
        national_queries(gazetteer, RECORDS)
        + twin_queries(gazetteer, TWINS)
        + hard_queries(gazetteer, HARD)
        + named_blocks
        + shared_locality
        + street_words
    )
    frame = pd.DataFrame(gazetteer)
    parquet = folder / "gazetteer.parquet"
    frame.to_parquet(parquet, index=False)
    gpkg = folder / "gazetteer.gpkg"
    write_gpkg(gpkg, gazetteer, schema, ogr, osr)
    records = folder / "records.csv"
    with records.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["record_id", "address", "postcode"])
        writer.writeheader()
        writer.writerows(queries)
    return {
        "gazetteer": gazetteer,
        "queries": queries,
        "parquet": str(parquet),
        "gpkg": str(gpkg),
        "records": str(records),
        "folder": folder,
    }


@pytest.fixture(scope="session")
def inputs(national: dict) -> tuple[list[str], list[str]]:
    """The records' texts and postcodes, as placelink-batch reads them."""
    from placelink.batch import io

    records = io.read_records(national["records"])
    return io.record_inputs(records, ["address"], "postcode")


@pytest.fixture(scope="session")
def local_answers(national: dict, inputs: tuple) -> list:
    """``--engine local``'s answers for every record: the reference of every engine test."""
    from placelink.batch import io
    from placelink.batch.local_engine import match_local
    from placelink.core.matching import Thresholds

    texts, postcodes = inputs
    gazetteer = io.read_gazetteer(national["parquet"])
    return match_local(gazetteer, texts, postcodes, Thresholds(), workers=2)


@pytest.fixture(scope="session")
def command(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``placelink-batch`` of a new venv where ``pip install "<checkout>[spark]"`` put it
    (offline: no index, no build isolation; the dependencies, pyspark and pyarrow of the
    extra too, are found installed in this interpreter's site-packages)."""
    import sysconfig

    root = Path(__file__).resolve().parents[2]
    venv = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run(
        ["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(venv)], check=True
    )
    site = next(venv.glob("lib/python3*/site-packages"))
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-build-isolation",
         "--no-index", "--disable-pip-version-check", f"{root}[spark]"],
        check=True, cwd=venv,
    )  # fmt: skip
    # installed, not read from the checkout: the package's files live in the venv
    shown = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import placelink.batch; print(placelink.__file__)"],
        check=True, capture_output=True, text=True, cwd=venv,
    ).stdout  # fmt: skip
    assert shown.startswith(str(venv)), shown
    return venv / "bin" / "placelink-batch"


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).resolve().parent


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "SPARK_HOME": str(spark_home()),
        "PYSPARK_PYTHON": sys.executable,
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_NO_DAEMONIZE": "1",
    }


@pytest.fixture(scope="session")
def spark_local() -> Iterator[object]:
    """A local[2] session (two executor threads, Python workers in this interpreter)."""
    from placelink.batch.spark_engine import session

    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    spark = session("local[2]", partitions=4, app="placelink-tests")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(path: Path, text: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text(errors="replace"):
            return
        if process.poll() is not None:
            raise RuntimeError(f"{path.name} exited: {path.read_text(errors='replace')[-2000:]}")
        time.sleep(0.5)
    raise TimeoutError(f"no {text!r} in {path} after {seconds}s")


@pytest.fixture(scope="session")
def standalone_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``spark://127.0.0.1:PORT`` of a real standalone master with two one-core workers."""
    folder = tmp_path_factory.mktemp("spark-cluster")
    spark_class = str(spark_home() / "bin" / "spark-class")
    port = _free_port()
    url = f"spark://127.0.0.1:{port}"
    processes: list[subprocess.Popen] = []

    def start(name: str, *args: str) -> tuple[subprocess.Popen, Path]:
        log = folder / f"{name}.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                [spark_class, *args], stdout=out, stderr=subprocess.STDOUT, env=_env(),
                cwd=folder, start_new_session=True,
            )  # fmt: skip
        processes.append(process)
        return process, log

    try:
        master, log = start(
            "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
            "--port", str(port), "--webui-port", str(_free_port()),
        )  # fmt: skip
        _wait_for(log, "I have been elected leader", master)
        for n in (1, 2):
            work = folder / f"work{n}"
            work.mkdir()
            worker, log = start(
                f"worker{n}", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--cores", "1", "--memory", "1g", "--webui-port", str(_free_port()),
                "--work-dir", str(work), url,
            )  # fmt: skip
            _wait_for(log, "Successfully registered with master", worker)
        yield url
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
