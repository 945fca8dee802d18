"""The plugin code runs on Python 3.9 (Windows QGIS 3.22–3.28).

``make lint`` runs vermin over it; vermin cannot tell ``X | Y`` between types (3.10+ at run
time) from a bitwise or, so this scan finds the run-time ones its syntax tree shows: in
``isinstance``, type aliases, casts — everywhere but annotations, which
``from __future__ import annotations`` keeps as strings.
"""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_SOURCES = ["plugin.py", "__init__.py", "core", "processing", "qgis_support", "ui"]
BUILTIN_TYPES = {n for n in dir(builtins) if isinstance(getattr(builtins, n), type)}
TYPING_NAMES = {"Callable", "Iterator", "Iterable", "Sequence", "Mapping", "Optional", "Any"}


def _python_files() -> list[Path]:
    files: list[Path] = []
    for name in PLUGIN_SOURCES:
        path = ROOT / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def _annotation_nodes(tree: ast.AST) -> set[int]:
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
    return {id(child) for root in roots for child in ast.walk(root)}


def _looks_like_type(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return node.value is None
    if isinstance(node, ast.Name):
        name = node.id
        return (
            name in BUILTIN_TYPES
            or name in TYPING_NAMES
            or (
                name[:1].isupper() and not name.isupper()  # a class, not a CONSTANT
            )
        )
    if isinstance(node, ast.Subscript):
        return _looks_like_type(node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _looks_like_type(node.left) or _looks_like_type(node.right)
    return False


def python39_problems(text: str) -> list[str]:
    """``X | Y`` of types evaluated at run time; ``|`` in annotations without the
    ``from __future__ import annotations`` that makes them strings."""
    tree = ast.parse(text)
    in_annotations = _annotation_nodes(tree)
    future = any(
        isinstance(n, ast.ImportFrom)
        and n.module == "__future__"
        and any(a.name == "annotations" for a in n.names)
        for n in tree.body
    )
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr)):
            continue
        if not (_looks_like_type(node.left) and _looks_like_type(node.right)):
            continue
        if id(node) not in in_annotations:
            found.append(
                f"line {node.lineno}: X | Y of types at run time (3.10+): use a tuple/Union"
            )
        elif not future:
            found.append(
                f"line {node.lineno}: X | Y in an annotation without __future__ annotations"
            )
    return sorted(set(found))


def test_scanner_catches_run_time_unions() -> None:
    bad = (
        "Reader = Callable[[int], Iterator[dict | Reject]]\n"
        "ok = isinstance(x, int | float)\n"
        "def f(a: int | None) -> None: ...\n"
    )
    assert python39_problems(bad) == [
        "line 1: X | Y of types at run time (3.10+): use a tuple/Union",
        "line 2: X | Y of types at run time (3.10+): use a tuple/Union",
        "line 3: X | Y in an annotation without __future__ annotations",
    ]


def test_scanner_accepts_annotations_and_bitwise_or() -> None:
    good = (
        "from __future__ import annotations\n"
        "def f(a: int | None, b: dict[str, int | None]) -> list[str] | None: ...\n"
        "x: Reject | None = None\n"
        "flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable\n"
        "mask = LOW | HIGH\n"
        "ok = isinstance(x, (int, float))\n"
    )
    assert python39_problems(good) == []


def test_plugin_code_has_no_run_time_unions() -> None:
    report = {
        path.relative_to(ROOT).as_posix(): issues
        for path in _python_files()
        if (issues := python39_problems(path.read_text(encoding="utf-8")))
    }
    assert report == {}
