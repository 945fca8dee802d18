"""``python -m bench`` (``make bench``) lists every benchmark and can start each one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bench", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_listing_names_every_benchmark_script() -> None:
    result = _bench()
    assert result.returncode == 0, result.stderr
    listed = {line.split()[0] for line in result.stdout.splitlines()[1:]}
    helpers = {"national"}  # the national-shaped data generator spark_match uses
    scripts = {p.stem for p in (ROOT / "bench").glob("*.py") if not p.stem.startswith("_")}
    scripts -= helpers
    assert scripts <= listed
    assert {"matching", "matching_sweep"} <= listed


@pytest.mark.parametrize(
    "name", ["load_addresses", "quality", "catchments", "matching", "matching_sweep"]
)
def test_each_benchmark_starts(name: str) -> None:
    result = _bench(name, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


def test_an_unknown_name_is_refused_with_the_list() -> None:
    result = _bench("nope")
    assert result.returncode == 2
    assert "No benchmark named 'nope'" in result.stderr and "quality" in result.stderr
