"""With rapidfuzz, shapely, scipy and pandas all missing, the plugin still loads and every
algorithm that needs one refuses with a message naming it (run in a fresh Python)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = r"""
import importlib.abc, json, sys
BLOCK = {"shapely", "scipy", "pandas", "rapidfuzz", "ortools", "networkx", "geopandas"}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in BLOCK:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Block())
sys.path.insert(0, sys.argv[1])
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from placelink import classFactory
plugin = classFactory(None)
plugin.initProcessing()
report = {}
for alg in plugin.provider.algorithms():
    ok, message = alg.canExecute()
    report[alg.id()] = [ok, message, bool(alg.shortHelpString())]
print(json.dumps(report))
"""


def test_plugin_loads_and_algorithms_refuse_clearly() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT / "build" / "pluginpath")],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    needs = {
        "placelink:matchaddresses": "rapidfuzz",
        "placelink:checkquality": "pandas",
        "placelink:catchments": "scipy",
        "placelink:loadstreets": "shapely",
    }
    for algorithm_id, package in needs.items():
        ok, message, has_help = report[algorithm_id]
        assert not ok and package in message and "Traceback" not in message, algorithm_id
        assert has_help, algorithm_id
    ok, message, _ = report["placelink:loadaddresses"]
    assert ok and message == ""  # needs nothing beyond QGIS's own Python
