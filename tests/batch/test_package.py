"""The ``placelink`` Python package as ``pip install "<checkout>[spark]"`` installs it: its
version is the plugin's (metadata.txt), the ``placelink-batch`` command is its entry point,
the ``spark`` extra adds pyspark and pyarrow, the base install needs neither (nor QGIS),
and it holds the pure-Python parts (core, batch), not the QGIS ones."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import tomllib
from placelink.metadata import plugin_version

ROOT = Path(__file__).resolve().parents[2]

_SHOW = """
import json, importlib.metadata as m
d = m.distribution("placelink")
print(json.dumps({
    "version": d.version,
    "requires": d.requires or [],
    "extras": d.metadata.get_all("Provides-Extra") or [],
    "scripts": {e.name: e.value for e in d.entry_points if e.group == "console_scripts"},
    "files": [str(f) for f in d.files or []],
}))
"""


@pytest.fixture(scope="module")
def installed(command: Path) -> dict:
    """The installed distribution's metadata, read in the venv it was installed into."""
    python = command.parent / "python"
    shown = subprocess.run([str(python), "-c", _SHOW], capture_output=True, text=True,
                           check=True, cwd=command.parent)  # fmt: skip
    return json.loads(shown.stdout)


def _name(requirement: str) -> str:
    """``numpy (>=1.21)`` or ``pyspark<5,>=3.5; extra == "spark"`` → the package's name."""
    return re.split(r"[\s(<>=!~;\[]", requirement, maxsplit=1)[0]


def test_version_is_the_plugins() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == plugin_version()


def test_installed_metadata(installed: dict) -> None:
    assert installed["version"] == plugin_version()
    assert installed["scripts"] == {"placelink-batch": "placelink.batch.cli:main"}
    assert installed["extras"] == ["spark"]
    base = [r for r in installed["requires"] if "extra ==" not in r]
    spark = [r for r in installed["requires"] if re.search(r"extra == [\"']spark[\"']", r)]
    assert {_name(r) for r in base} == {"numpy", "pandas", "rapidfuzz"}  # no pyspark, QGIS
    assert sorted(_name(r) for r in spark) == ["pyarrow", "pyspark"]


def test_installed_files_are_the_pure_python_parts(installed: dict) -> None:
    files = {f for f in installed["files"] if f.startswith("placelink/")}
    for module in (
        "placelink/batch/cli.py",
        "placelink/batch/areas.py",
        "placelink/core/matching/names.py",
        "placelink/core/quality/classification_codes.csv",
        "placelink/metadata.txt",
    ):
        assert module in files, module
    # every package of core and batch is installed (pyproject lists them one by one)
    for init in [*ROOT.glob("core/**/__init__.py"), *ROOT.glob("batch/__init__.py")]:
        assert f"placelink/{init.relative_to(ROOT).as_posix()}" in files, init
    assert not [f for f in files if f.startswith(("placelink/processing/", "placelink/ui/"))]


def test_the_installed_command_runs(command: Path) -> None:
    run = subprocess.run([str(command), "--help"], capture_output=True, text=True, check=False)
    assert run.returncode == 0 and "placelink-batch" in run.stdout
