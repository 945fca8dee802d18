"""Static checks that keep the plugin runnable on QGIS 3.22 (Qt5) and QGIS 4 (Qt6)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_SOURCES = ["plugin.py", "__init__.py", "processing", "ui", "core"]

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
