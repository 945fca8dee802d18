"""Static checks that keep the plugin runnable on QGIS 3.22 (Qt5) and QGIS 4 (Qt6)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_SOURCES = ["plugin.py", "__init__.py", "processing", "qgis_support", "ui", "core"]

# Classes whose enum members must be written fully scoped (Class.Enum.Member).
SCOPED = (
    r"Qt|QMessageBox|QSizePolicy|QDialogButtonBox|QAbstractItemView|QHeaderView|QFrame"
    r"|QFileDialog|QVariant|QMetaType|QPalette|QFont|QEvent|QIODevice|QLineEdit|QComboBox"
    r"|QListWidgetItem|QTreeWidgetItem|QItemSelectionModel|QAction|QToolButton|QTabWidget"
    r"|QDockWidget|QStyle|QPainter|QImage|QColor|QKeySequence|QProcess|QTextCursor"
    r"|QgsWkbTypes|Qgis|QgsProcessing|QgsFeatureSink|QgsProcessingParameter\w*"
    r"|QgsProcessingAlgorithm|QgsProcessingOutput\w*|QgsMapLayer|QgsVectorFileWriter"
    r"|QgsTask|QgsMessageBar|QgsLayoutItem\w*|QgsUnitTypes|QgsFields|QgsField"
)
# Class.Member where Member is capitalised and is neither followed by ".Value" (scoped)
# nor a call: an unscoped enum member.
UNSCOPED = re.compile(rf"\b(?:{SCOPED})\.([A-Z][A-Za-z0-9_]*)\b(?!\s*[.(])")
# Names after these classes that are types or constants, not enum members.
ALLOWED = {"QGIS_VERSION", "QGIS_VERSION_INT", "QGIS_RELEASE_NAME", "QGIS_DEV_VERSION"}
EXEC_UNDERSCORE = re.compile(r"\bexec_\s*\(")
QT_DIRECT = re.compile(r"^\s*(?:from|import)\s+(?:PyQt5|PyQt6|PySide2|PySide6)\b", re.M)


def _python_files() -> list[Path]:
    files: list[Path] = []
    for name in PLUGIN_SOURCES:
        path = ROOT / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def problems(text: str) -> list[str]:
    """Qt5-only idioms in *text*: unscoped enums, exec_(), direct PyQt imports."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0]
        for match in UNSCOPED.finditer(code):
            if match.group(1) not in ALLOWED:
                found.append(f"line {number}: unscoped enum {match.group(0)}")
        if EXEC_UNDERSCORE.search(code):
            found.append(f"line {number}: exec_() (use exec())")
    for match in QT_DIRECT.finditer(text):
        found.append(f"direct Qt import {match.group(0).strip()!r} (use qgis.PyQt)")
    return found


def test_scanner_catches_qt5_only_code() -> None:
    bad = (
        "from PyQt5.QtCore import Qt\n"
        "label.setAlignment(Qt.AlignLeft)\n"
        "box = QMessageBox.Yes\n"
        "dialog.exec_()\n"
        "level = Qgis.Warning\n"
    )
    assert len(problems(bad)) == 5


def test_scanner_accepts_scoped_code() -> None:
    good = (
        "from qgis.PyQt.QtCore import Qt\n"
        "label.setAlignment(Qt.AlignmentFlag.AlignLeft)\n"
        "QgsProcessingParameterNumber(name, 'x', QgsProcessingParameterNumber.Type.Double)\n"
        "if Qgis.QGIS_VERSION_INT >= 33000: pass\n"
        "dialog.exec()\n"
    )
    assert problems(good) == []


def test_plugin_sources_are_qt6_ready() -> None:
    report = {
        str(path.relative_to(ROOT)): issues
        for path in _python_files()
        if (issues := problems(path.read_text(encoding="utf-8")))
    }
    assert report == {}


# The rules of QGIS's own migration script (scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py in
# qgis/QGIS), checked on the syntax tree: what it rewrites or warns about, we must not have.
MOVED_TO_QTGUI = {"QAction", "QActionGroup", "QShortcut"}
REMOVED_NAMES = {
    "QRegExp": "QRegExp is removed in Qt6 (use QRegularExpression)",
    "QRegExpValidator": "QRegExpValidator is removed in Qt6 (use QRegularExpressionValidator)",
    "QDesktopWidget": "QDesktopWidget is removed in Qt6 (use QScreen)",
    "qApp": "qApp is removed in Qt6 (use QApplication.instance())",
}
RENAMED_ENUMS = {
    ("Qt", "MidButton"): "Qt.MouseButton.MiddleButton",
    ("Qt", "TextColorRole"): "Qt.ItemDataRole.ForegroundRole",
    ("Qt", "BackgroundColorRole"): "Qt.ItemDataRole.BackgroundRole",
    ("QPainter", "HighQualityAntialiasing"): "QPainter.RenderHint.Antialiasing",
}
#: The one module allowed to name QVariant types: it picks QMetaType on QGIS >= 3.38.
QVARIANT_COMPAT = "qgis_support/compat.py"


def _guarded_by_qtgui(node: ast.ImportFrom, parents: dict[ast.AST, ast.AST]) -> bool:
    """True for ``try: from …QtGui import X / except ImportError: from …QtWidgets import X``."""
    handler = parents.get(node)
    attempt = parents.get(handler) if isinstance(handler, ast.ExceptHandler) else None
    if not isinstance(attempt, ast.Try):
        return False
    tried = {
        alias.name
        for statement in attempt.body
        if isinstance(statement, ast.ImportFrom) and (statement.module or "").endswith("QtGui")
        for alias in statement.names
    }
    return {alias.name for alias in node.names} & MOVED_TO_QTGUI <= tried


def _is_font_metrics(node: ast.AST, metrics_names: set[str]) -> bool:
    if isinstance(node, ast.Name):
        return node.id in metrics_names
    if isinstance(node, ast.Call):
        func = node.func
        return (isinstance(func, ast.Name) and func.id in ("QFontMetrics", "QFontMetricsF")) or (
            isinstance(func, ast.Attribute) and func.attr == "fontMetrics"
        )
    return False


def migration_problems(text: str, filename: str = "") -> list[str]:
    """What QGIS's pyqt5_to_pyqt6 script would rewrite or warn about in *text*."""
    tree = ast.parse(text)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    metrics_names = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _is_font_metrics(node.value, set())
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found: list[str] = []
    for node in ast.walk(tree):
        line = f"line {getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = {alias.name for alias in node.names}
            moved = sorted(names & MOVED_TO_QTGUI)
            if moved and module.endswith("QtWidgets") and not _guarded_by_qtgui(node, parents):
                found.append(f"{line}: {', '.join(moved)} from QtWidgets (QtGui on Qt6)")
            if module == "qgis.PyQt.Qt":
                found.append(f"{line}: qgis.PyQt.Qt is removed (import from qgis.PyQt.QtCore)")
            if "resources_rc" in names or module.endswith("resources_rc"):
                found.append(f"{line}: compiled resources are removed in Qt6 (load by path)")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[-1] in ("resources_rc", "resources"):
                    found.append(f"{line}: compiled resources are removed in Qt6 (load by path)")
        elif isinstance(node, ast.Name) and node.id in REMOVED_NAMES:
            found.append(f"{line}: {REMOVED_NAMES[node.id]}")
        elif isinstance(node, ast.alias) and node.name in REMOVED_NAMES:
            found.append(f"{REMOVED_NAMES[node.name]} (imported)")
        elif isinstance(node, ast.Attribute):
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            if (owner, node.attr) in RENAMED_ENUMS:
                new = RENAMED_ENUMS[owner, node.attr]
                found.append(f"{line}: {owner}.{node.attr} is removed (use {new})")
            if owner == "QVariant" and filename != QVARIANT_COMPAT:
                found.append(
                    f"{line}: QVariant.{node.attr} (QVariant types go in QGIS 4: use compat)"
                )
            if node.attr in ("exec_", "desktop") and isinstance(parents.get(node), ast.Call):
                call = parents[node]
                if node.attr == "exec_" or not call.args:  # type: ignore[attr-defined]
                    found.append(f"{line}: {node.attr}() is removed in Qt6")
            if node.attr == "width" and _is_font_metrics(node.value, metrics_names):
                found.append(f"{line}: QFontMetrics.width() is removed (use horizontalAdvance())")
        elif isinstance(node, ast.Subscript):
            value, index = node.value, node.slice
            if (
                isinstance(value, ast.Attribute)
                and value.attr == "activated"
                and isinstance(index, ast.Name)
                and index.id == "str"
            ):
                found.append(f"{line}: activated[str] is removed (use textActivated)")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "QVariant" and filename != QVARIANT_COMPAT:
                found.append(f"{line}: QVariant() (use qgis.core.NULL)")
            if isinstance(func, ast.Name) and func.id == "QDateTime" and len(node.args) == 8:
                found.append(f"{line}: QDateTime(y, m, d, h, m, s, ms, ts) (use QDate, QTime)")
            fragile = isinstance(func, ast.Attribute) and func.attr == "addAction"
            if fragile and len(node.args) >= 4:
                found.append(f"{line}: addAction(…) with 4+ arguments (create the QAction first)")
        elif isinstance(node, ast.FunctionDef) and node.name == "exec_":
            found.append(f"{line}: def exec_ (name it exec)")
    return found


def test_migration_scanner_catches_what_qgis_script_reports() -> None:
    bad = (
        "from qgis.PyQt.QtWidgets import QAction, QShortcut, QDesktopWidget\n"
        "from qgis.PyQt.QtCore import QRegExp, QVariant\n"
        "from . import resources_rc\n"
        "from qgis.PyQt.Qt import Qt\n"
        "f = QField('x', QVariant.String)\n"
        "null = QVariant()\n"
        "w = label.fontMetrics().width('abc')\n"
        "fm = QFontMetrics(font)\n"
        "w = fm.width('abc')\n"
        "combo.activated[str].connect(slot)\n"
        "dialog.exec_()\n"
        "screen = QApplication.desktop()\n"
        "button = Qt.MidButton\n"
        "when = QDateTime(2024, 1, 2, 3, 4, 5, 0, 0)\n"
        "menu.addAction(icon, 'text', receiver, slot)\n"
    )
    report = "\n".join(migration_problems(bad))
    for needle in (
        "QAction, QShortcut from QtWidgets", "QDesktopWidget is removed", "QRegExp is removed",
        "compiled resources", "qgis.PyQt.Qt is removed", "QVariant.String", "QVariant()",
        "line 7: QFontMetrics.width()", "line 9: QFontMetrics.width()", "activated[str]",
        "exec_() is removed", "desktop() is removed", "Qt.MidButton", "QDateTime(", "addAction",
    ):  # fmt: skip
        assert needle in report, needle


def test_migration_scanner_accepts_portable_code() -> None:
    good = (
        "try:\n"
        "    from qgis.PyQt.QtGui import QAction\n"
        "except ImportError:\n"
        "    from qgis.PyQt.QtWidgets import QAction\n"
        "from qgis.PyQt.QtCore import QRegularExpression\n"
        "w = label.fontMetrics().horizontalAdvance('abc')\n"
        "extent_width = extent.width()\n"
        "combo.textActivated.connect(slot)\n"
        "dialog.exec()\n"
        "button = Qt.MouseButton.MiddleButton\n"
    )
    assert migration_problems(good) == []


def test_plugin_sources_pass_qgis_migration_rules() -> None:
    report = {
        rel: issues
        for path in _python_files()
        if (rel := path.relative_to(ROOT).as_posix())
        and (issues := migration_problems(path.read_text(encoding="utf-8"), rel))
    }
    assert report == {}


def test_no_compiled_qt_resources() -> None:
    """Qt6 QGIS has no pyrcc: icons and forms are loaded by path, never from a .qrc."""
    compiled = [p.name for p in ROOT.rglob("*.qrc") if ".venv" not in p.parts]
    assert compiled == []


UI_ENUM = re.compile(r"<(enum|set)>([^<]*)</\1>")


def ui_problems(text: str) -> list[str]:
    """Enum values in a Designer file, which no single spelling serves on Qt5 and Qt6.

    PyQt5's uic cannot read ``Qt::AlignmentFlag::AlignLeft``; Qt6 drops ``Qt::AlignLeft``.
    So forms carry no enum or flag values: the controllers set them in code.
    """
    found = [f"enum value {m.group(2).strip()} (set it in code)" for m in UI_ENUM.finditer(text)]
    if "QRegExp" in text:
        found.append("QRegExp is Qt5-only")
    return found


def test_ui_scanner_catches_enum_values() -> None:
    assert ui_problems("<set>Qt::AlignLeft|Qt::AlignVCenter</set>") == [
        "enum value Qt::AlignLeft|Qt::AlignVCenter (set it in code)"
    ]
    assert len(ui_problems("<enum>Qt::Orientation::Horizontal</enum>")) == 1
    assert ui_problems("<property name='text'><string>Qt::Foo</string></property>") == []


def test_ui_files_use_no_qt5_only_properties() -> None:
    report = {
        path.name: issues
        for path in sorted((ROOT / "ui").rglob("*.ui"))
        if (issues := ui_problems(path.read_text(encoding="utf-8")))
    }
    assert report == {}
