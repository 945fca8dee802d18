"""A dialog that installs PlaceLink's missing Python packages with pip, off the GUI thread."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsTask
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QFontDatabase
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.dependencies import (
    InstallResult,
    Requirement,
    activate,
    install,
    needs_restart,
    problem,
)
from ..i18n import tr

LOG_TAG = "PlaceLink"


class PipTask(QgsTask):
    """Runs ``core.dependencies.install`` in a worker thread, streaming pip's output lines."""

    output = pyqtSignal(str)

    def __init__(
        self,
        requirements: list[Requirement],
        target: Path,
        find_links: str | None = None,
        no_index: bool = False,
    ) -> None:
        super().__init__(tr("Installing Python packages for PlaceLink"), QgsTask.Flag.CanCancel)
        self.requirements = requirements
        self.target = target
        self.find_links = find_links
        self.no_index = no_index
        self.result: InstallResult | None = None
        self.error = ""
        self._process: subprocess.Popen[str] | None = None

    def _run(self, command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        """``subprocess.run`` that passes each output line on as it comes."""
        kwargs.pop("check", None)
        self.output.emit(f"$ {shlex.join(command)}")
        if self.isCanceled():
            return subprocess.CompletedProcess(command, 1, "cancelled\n")
        lines: list[str] = []
        with subprocess.Popen(command, **kwargs) as process:
            self._process = process
            for line in process.stdout:
                lines.append(line)
                self.output.emit(line.rstrip("\n"))
            code = process.wait()
        self._process = None
        return subprocess.CompletedProcess(command, code, "".join(lines))

    def run(self) -> bool:
        try:
            self.result = install(
                self.requirements,
                self.target,
                find_links=self.find_links,
                no_index=self.no_index,
                run=self._run,
            )
        except Exception as exc:
            self.error = f"{type(exc).__name__}: {exc}"
            return False
        return not self.isCanceled()

    def cancel(self) -> None:
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
        super().cancel()


class InstallDialog(QDialog):
    """Lists the missing packages; Install runs pip in a ``PipTask`` and reports the outcome."""

    installed = pyqtSignal()  # emitted once every listed package is usable

    def __init__(
        self,
        requirements: list[Requirement],
        target: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.requirements = list(requirements)
        self.target = Path(target)
        self.task: PipTask | None = None
        self.succeeded: bool | None = None
        self.setWindowTitle(tr("PlaceLink: install Python packages"))
        self.resize(640, 480)

        layout = QVBoxLayout(self)
        intro = QLabel(self._intro_text())
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)

        self.package_list = QListWidget()
        for req in self.requirements:
            self.package_list.addItem(
                f"{req.dist} ≥ {req.min_version} — {req.purpose} ({problem(req) or 'present'})"
            )
        layout.addWidget(self.package_list)

        self.offline_check = QCheckBox(tr("Install from a folder of wheel files (no internet)"))
        self.wheel_folder = QgsFileWidget()
        self.wheel_folder.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.wheel_folder.setEnabled(False)
        self.offline_check.toggled.connect(self.wheel_folder.setEnabled)
        layout.addWidget(self.offline_check)
        layout.addWidget(self.wheel_folder)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.output.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.output, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.install_button = QPushButton(tr("Install"))
        self.buttons.addButton(self.install_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.install_button.clicked.connect(self.start_install)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if not self.requirements:
            self.install_button.setEnabled(False)
            self.status.setText(tr("PlaceLink has all the Python packages it needs."))

    def _intro_text(self) -> str:
        return tr(
            "PlaceLink needs these Python packages, which QGIS's Python does not have. "
            "They are installed with pip into a folder in your QGIS profile:\n{folder}\n"
            "QGIS's own packages (numpy included) are left unchanged."
        ).format(folder=self.target)

    def running(self) -> bool:
        return self.task is not None and self.succeeded is None

    def start_install(self) -> None:
        """Start pip in the background; the dialog stays responsive and shows its output."""
        if self.running() or not self.requirements:
            return
        find_links, no_index = None, False
        if self.offline_check.isChecked():
            folder = self.wheel_folder.filePath().strip()
            if not folder or not Path(folder).is_dir():
                self.status.setText(tr("Choose the folder that holds the wheel (.whl) files."))
                return
            find_links, no_index = folder, True
        self.succeeded = None
        self.output.clear()
        self.install_button.setEnabled(False)
        self.status.setText(tr("Installing… (pip's output is shown below)"))
        self.task = PipTask(self.requirements, self.target, find_links, no_index)
        self.task.output.connect(self.output.appendPlainText)
        self.task.taskCompleted.connect(self._finished)
        self.task.taskTerminated.connect(self._finished)
        QgsApplication.taskManager().addTask(self.task)

    def _finished(self) -> None:
        task = self.task
        if task is None or self.succeeded is not None:
            return
        result = task.result
        if result is None or not result.ok:
            self.succeeded = False
            if task.isCanceled():
                text = tr("Installation cancelled.")
            elif result is None:
                text = tr("Installation failed: {error}").format(error=task.error)
            else:
                text = tr("Installation failed (pip exit code {code}): {reason}").format(
                    code=result.returncode, reason=_last_lines(result.output)
                )
            self._report(text, Qgis.MessageLevel.Critical)
            self.install_button.setEnabled(True)
            return
        activate(self.target)
        still = [r for r in self.requirements if problem(r)]
        stale = needs_restart(still)
        installed = ", ".join(result.installed) or tr("nothing new")
        if stale:
            names = ", ".join(r.dist for r in stale)
            text = tr(
                "Installed {installed}. Restart QGIS to use them: an older {names} is "
                "already loaded in this session."
            ).format(installed=installed, names=names)
        elif still:
            details = "; ".join(f"{r.dist}: {problem(r)}" for r in still)
            text = tr("Installed {installed}, but these are still unusable: {details}").format(
                installed=installed, details=details
            )
        else:
            text = tr("Installed {installed}. PlaceLink's tools can use them now.").format(
                installed=installed
            )
        self.succeeded = not still
        self._report(text, Qgis.MessageLevel.Success if not still else Qgis.MessageLevel.Warning)
        if not still:
            self.installed.emit()

    def _report(self, text: str, level) -> None:
        self.status.setText(text)
        QgsMessageLog.logMessage(text, LOG_TAG, level)

    def reject(self) -> None:
        if self.running() and self.task is not None:
            self.task.cancel()
        super().reject()


def _last_lines(output: str) -> str:
    """pip's ERROR lines and the final line of *output*: what went wrong, in short."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("WARNING: Running pip as")]
    picked = [line for line in lines if line.startswith("ERROR")] + lines[-1:]
    return " ".join(dict.fromkeys(picked))
