"""Where code may import from: ``core/`` never imports QGIS; a dock (``ui/``) imports from
``processing/`` only the algorithms it runs, and the QGIS-side helpers both share from
``qgis_support/``."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Docks allowed to import a non-algorithm module from ``processing/`` (none).
PENDING: set[str] = set()


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(level, module, names) of every ``from … import …`` in *path*."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.level, node.module or "", [alias.name for alias in node.names])
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    ]


def _algorithm_modules() -> set[str]:
    """``processing`` modules that define a Processing algorithm (a PlaceLinkAlgorithm)."""
    found = set()
    for path in (ROOT / "processing").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                getattr(base, "id", getattr(base, "attr", "")) == "PlaceLinkAlgorithm"
                for base in node.bases
            ):
                found.add(path.stem)
    return found


def test_docks_import_only_the_algorithms_they_run() -> None:
    algorithms = _algorithm_modules()
    assert {"match_addresses", "check_quality", "catchments"} <= algorithms
    wrong = []
    for path in sorted((ROOT / "ui").glob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in PENDING:
            continue
        for level, module, names in _imports(path):
            if level != 2:
                continue
            if module == "processing":
                targets = names  # from ..processing import styling
            elif module.startswith("processing."):
                targets = [module.split(".")[1]]
            else:
                continue
            wrong += [f"{rel}: processing.{t}" for t in targets if t not in algorithms]
    assert wrong == []


def test_core_never_imports_qgis() -> None:
    wrong = []
    for path in sorted((ROOT / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules = [node.module or ""]
            else:
                continue
            wrong += [
                f"{path.relative_to(ROOT)}: {m}" for m in modules if m.split(".")[0] == "qgis"
            ]
    assert wrong == []
