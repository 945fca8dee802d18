"""``placelink-batch`` as a user runs it: pip-installed from the checkout into a fresh
virtual environment (the ``command`` fixture), then run as a subprocess (help, the local
engine, Parquet and CSV output; the Spark engine and GeoPackage output: test_cluster.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
from placelink.batch import io
from placelink.core.matching import RESULT_FIELDS

ROOT = Path(__file__).resolve().parents[2]


def _run(command: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(command), *args], capture_output=True, text=True, timeout=600)


def test_help_documents_every_option(command: Path) -> None:
    top = _run(command, "--help")
    assert top.returncode == 0 and "match" in top.stdout
    helped = _run(command, "match", "--help")
    assert helped.returncode == 0
    for option in ("GAZETTEER", "RECORDS", "OUTPUT", "--address-field", "--postcode-field",
                   "--engine", "--spark-master", "--partitions", "PG:", "Parquet",
                   "--by-area", "--spill-dir",
                   "record_id", *(f.name for f in RESULT_FIELDS)):  # fmt: skip
        assert option in helped.stdout, option


def test_local_engine_writes_parquet_and_csv(
    command: Path, national: dict, local_answers: list, tmp_path: Path
) -> None:
    out = tmp_path / "matched.parquet"
    run = _run(command, "match", national["gpkg"], national["records"], str(out),
               "--address-field", "address", "--postcode-field", "postcode")  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "matching: 100%" in run.stderr and "records:" in run.stderr  # progress on stderr
    frame = pd.read_parquet(out)
    records = io.read_records(national["records"])
    assert len(frame) == len(records)
    assert list(frame.columns[:3]) == ["record_id", "address", "postcode"]
    assert [f.name for f in RESULT_FIELDS] == list(frame.columns[3:10])
    assert frame["record_id"].tolist() == records["record_id"].tolist()
    got = [(None if pd.isna(u) else int(u), s) for u, s in zip(frame.uprn, frame.match_status)]
    assert got == [(r.uprn, r.match_status) for r in local_answers]
    assert not list(tmp_path.glob(".*partial*"))

    # CSV records without record_id: the row number is the record_id; CSV output
    plain = tmp_path / "plain.csv"
    records.drop(columns=["record_id"]).head(50).to_csv(plain, index=False)
    out_csv = tmp_path / "matched.csv"
    run = _run(command, "match", national["parquet"], str(plain), str(out_csv),
               "--address-field", "address", "--workers", "1")  # fmt: skip
    assert run.returncode == 0, run.stderr
    written = pd.read_csv(out_csv)
    assert written["record_id"].tolist() == list(range(1, 51))
    assert set(written["match_status"]) <= {"matched", "ambiguous", "unmatched"}


def test_local_engine_by_postcode_area(
    command: Path, national: dict, local_answers: list, tmp_path: Path
) -> None:
    """``--by-area always``: the Spark engine's plan on a process pool, from a GeoPackage;
    the same answers as one matcher of the whole gazetteer, every spill file removed."""
    out, spill = tmp_path / "by-area.parquet", tmp_path / "spill"
    spill.mkdir()
    run = _run(command, "match", national["gpkg"], national["records"], str(out),
               "--address-field", "address", "--postcode-field", "postcode",
               "--by-area", "always", "--workers", "2", "--spill-dir", str(spill))  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "matching by postcode area" in run.stderr and "postcode areas" in run.stderr
    frame = pd.read_parquet(out)
    got = [(None if pd.isna(u) else int(u), s) for u, s in zip(frame.uprn, frame.match_status)]
    assert got == [(r.uprn, r.match_status) for r in local_answers]
    assert list(spill.iterdir()) == []


def test_bad_input_is_a_clear_error(command: Path, national: dict, tmp_path: Path) -> None:
    run = _run(command, "match", national["parquet"], national["records"],
               str(tmp_path / "x.parquet"), "--address-field", "nope")  # fmt: skip
    assert run.returncode == 2
    assert "RECORDS has no field(s) 'nope'" in run.stderr
    assert not (tmp_path / "x.parquet").exists()
    run = _run(command, "match", national["parquet"], national["records"],
               str(tmp_path / "x.txt"), "--address-field", "address")  # fmt: skip
    assert run.returncode == 2 and "OUTPUT must end in" in run.stderr


def test_python_minus_m_runs_the_same_command() -> None:
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT / "build" / "pluginpath")}
    run = subprocess.run([sys.executable, "-m", "placelink.batch", "match", "--help"],
                         capture_output=True, text=True, env=env)  # fmt: skip
    assert run.returncode == 0 and "--engine" in run.stdout
