"""README.md stays true: the rules table matches the registry; every algorithm is shown."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rules_table_is_up_to_date() -> None:
    pytest.importorskip("pandas")
    spec = importlib.util.spec_from_file_location(
        "readme_rules", ROOT / "scripts" / "readme_rules.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.updated(README) == README, "run `make readme`"


def test_every_algorithm_has_a_qgis_process_line() -> None:
    ids = set(
        re.findall(
            r'(?m)^    ID = "(\w+)"',
            "".join(p.read_text() for p in (ROOT / "processing").glob("*.py")),
        )
    )
    assert ids, "no algorithm ids found"
    for algorithm in ids:
        assert f"qgis_process.bin run placelink:{algorithm}" in README, algorithm
