"""Keep PlaceLink's translations in step with its code.

    python scripts/i18n.py update    # add new strings to i18n/placelink_*.ts (unfinished)
    python scripts/i18n.py compile [DIR]  # lrelease every .ts into DIR (default build/i18n)
    python scripts/i18n.py check     # exit 1 if a string is untranslated or not translatable

Strings are found where the code hands them to ``tr`` (one context, ``PlaceLink``: see
``i18n.py``) — literal arguments of ``tr(...)``/``self.tr(...)``, the algorithms' ``NAME``,
``GROUP``, ``HELP``, ``TAGS`` and the docks' ``TITLE``, the menu's and the catchment
methods' tables — the data-quality rules' titles, explanations and message templates
(read from the rule registry of ``core/quality``: core has no Qt, so the report and the
dock translate titles and explanations where they show them, and the algorithm hands its
``tr`` to the run for the messages) and in the Designer forms (context: the form's
class). A translator
edits the ``.ts`` files with Qt Linguist or any XML editor; the ``.qm`` files are built,
never committed.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "i18n"
CONTEXT = "PlaceLink"
PYTHON = [ROOT / "plugin.py", *sorted((ROOT / "processing").glob("*.py")),
          *sorted((ROOT / "qgis_support").glob("*.py")),
          *sorted((ROOT / "ui").glob("*.py"))]  # fmt: skip
FORMS = sorted((ROOT / "ui" / "forms").glob("*.ui"))
#: Class attributes whose text the code translates through a variable.
TEXT_ATTRIBUTES = {"NAME", "GROUP", "HELP", "TITLE"}
TUPLE_ATTRIBUTES = {"TAGS", "COMMON_TAGS", "METHODS", "MODEL_TAGS"}
#: Module dictionaries whose values are translated (the shipped models' names).
DICT_VALUES = {"MODEL_NAMES"}
#: Module tables of (…, text) rows whose last item is translated (plugin.py's menu).
TABLES = {"ALGORITHM_ACTIONS", "DOCKS"}


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def python_messages(path: Path) -> tuple[list[str], list[str]]:
    """(texts translated in *path*, places where ``tr`` gets text it cannot translate)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    texts: list[str] = []
    problems: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name == "tr":
                text = _literal(node.args[0])
                if text is not None:
                    texts.append(text)
                elif isinstance(node.args[0], ast.JoinedStr):
                    problems.append(f'{path.relative_to(ROOT)}:{node.lineno}: tr(f"…")')
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            name = getattr(target, "id", None)
            if name in TEXT_ATTRIBUTES and _literal(node.value):
                texts.append(_literal(node.value))
            elif name in TUPLE_ATTRIBUTES and isinstance(node.value, ast.Tuple):
                texts.extend(t for t in map(_literal, node.value.elts) if t)
            elif name in DICT_VALUES and isinstance(node.value, ast.Dict):
                texts.extend(t for t in map(_literal, node.value.values) if t)
            elif name in TABLES and isinstance(node.value, ast.Tuple):
                for row in node.value.elts:
                    if isinstance(row, ast.Tuple) and _literal(row.elts[-1]):
                        texts.append(_literal(row.elts[-1]))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if node.target.id in TUPLE_ATTRIBUTES and isinstance(node.value, ast.Tuple):
                texts.extend(t for t in map(_literal, node.value.elts) if t)
    return texts, problems


def rule_messages() -> list[str]:
    """The title and explanation of every data-quality rule, as the registry holds them
    (some explanations are built from constants, so they are read, not parsed), then the
    templates of the rules' per-problem messages (``core/quality/messages.py``)."""
    if "placelink" not in sys.modules:  # this checkout as the ``placelink`` package
        spec = importlib.util.spec_from_file_location(
            "placelink", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)]
        )
        package = importlib.util.module_from_spec(spec)
        sys.modules["placelink"] = package
        spec.loader.exec_module(package)
    from placelink.core.quality import ordered
    from placelink.core.quality.messages import all_templates
    from placelink.core.quality.report import GRADE_WORDS

    texts = [text for rule in ordered() for text in (rule.title, rule.explanation)]
    return texts + all_templates() + list(GRADE_WORDS)


#: Jinja templates whose ``_("…")`` texts are translated (the quality report's own words).
TEMPLATES = sorted((ROOT / "resources" / "templates").glob("*.j2"))
_TEMPLATE_TEXT = re.compile(r'_\("((?:[^"\\]|\\.)*)"\)')


def template_messages(path: Path) -> list[str]:
    """The ``_("…")`` texts of a Jinja template, in order."""
    return [m.group(1) for m in _TEMPLATE_TEXT.finditer(path.read_text(encoding="utf-8"))]


def form_messages(path: Path) -> tuple[str, list[str]]:
    """(the form's context, its translatable texts)."""
    root = ET.parse(path).getroot()
    context = root.findtext("class") or path.stem
    texts = [
        s.text for s in root.iter("string") if s.text and s.text.strip() and s.get("notr") != "true"
    ]
    return context, texts


def messages() -> tuple[dict[str, list[str]], list[str]]:
    """Every translatable text by context, in first-seen order; and the problems found."""
    found: dict[str, list[str]] = {CONTEXT: []}
    problems: list[str] = []
    for path in PYTHON:
        texts, bad = python_messages(path)
        found[CONTEXT].extend(texts)
        problems.extend(bad)
    found[CONTEXT].extend(rule_messages())
    for path in TEMPLATES:
        found[CONTEXT].extend(template_messages(path))
    for path in FORMS:
        context, texts = form_messages(path)
        found.setdefault(context, []).extend(texts)
    return {c: list(dict.fromkeys(t)) for c, t in found.items()}, problems


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → translation ('' when unfinished) of an existing .ts file."""
    if not path.exists():
        return {}
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") not in (
                "unfinished",
                "vanished",
                "obsolete",
            )
            out[(name, message.findtext("source") or "")] = (translation.text or "") if done else ""
    return out


def write_ts(path: Path, language: str, found: dict[str, list[str]], known: dict) -> None:
    """Write *path* with every text of *found*, keeping translations already made."""
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en_GB")
    for context in sorted(found):
        element = ET.SubElement(root, "context")
        ET.SubElement(element, "name").text = context
        for text in found[context]:
            message = ET.SubElement(element, "message")
            ET.SubElement(message, "source").text = text
            translation = ET.SubElement(message, "translation")
            done = known.get((context, text), "")
            if done:
                translation.text = done
            else:
                translation.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def update() -> int:
    found, problems = messages()
    for path in sorted(TS_DIR.glob("placelink_*.ts")):
        language = path.stem.split("_", 1)[1]
        write_ts(path, language, found, read_ts(path))
        print(f"{path.relative_to(ROOT)}: {sum(map(len, found.values()))} texts")
    for problem in problems:
        print(f"not translatable: {problem}", file=sys.stderr)
    return 0


def lrelease() -> str:
    """The lrelease program (Qt 5 or 6)."""
    for name in ("lrelease", "lrelease-qt5", "/usr/lib/qt5/bin/lrelease",
                 "/usr/lib/qt6/bin/lrelease", "lrelease-qt6", "pyside6-lrelease"):  # fmt: skip
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("lrelease is missing: apt-get install qttools5-dev-tools (or qt6-l10n-tools)")


def compile_all(out: Path) -> list[Path]:
    """Compile every .ts into *out*; returns the .qm files."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for path in sorted(TS_DIR.glob("placelink_*.ts")):
        target = out / (path.stem + ".qm")
        subprocess.run([lrelease(), "-silent", str(path), "-qm", str(target)], check=True)
        made.append(target)
    return made


def check() -> int:
    """Untranslated or untranslatable texts: one line each; 1 if any."""
    found, problems = messages()
    missing = []
    for path in sorted(TS_DIR.glob("placelink_*.ts")):
        known = read_ts(path)
        for context, texts in found.items():
            missing += [f"{path.name}: [{context}] {t[:70]!r}" for t in texts
                        if not known.get((context, t))]  # fmt: skip
    for line in problems + missing:
        print(line)
    return 1 if problems or missing else 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "update"
    if command == "update":
        return update()
    if command == "compile":
        out = Path(argv[2]) if len(argv) > 2 else ROOT / "build" / "i18n"
        for qm in compile_all(out):
            print(qm)
        return 0
    if command == "check":
        return check()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
