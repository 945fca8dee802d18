"""A dock panel built from a Designer form that runs one Processing algorithm at a time."""

from __future__ import annotations

import traceback
from pathlib import Path

from qgis.core import Qgis, QgsMessageLog
from qgis.gui import QgsDockWidget
from qgis.PyQt import uic
from qgis.PyQt.QtWidgets import QWidget

from ..i18n import tr
from .runner import AlgorithmRun, layer_output

FORMS = Path(__file__).resolve().parent / "forms"


def set_scrolling_body(dock: QgsDockWidget, body: QWidget) -> None:
    """Put *body* in *dock* inside a scroll area: a dock never grows the QGIS window past
    the screen (1366×768 laptops), it scrolls."""
    from qgis.PyQt.QtWidgets import QFrame, QScrollArea

    scroll = QScrollArea(dock)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    dock.setWidget(scroll)


def wrap_long_items(view) -> None:
    """A list of addresses shows each one whole, on two lines if it must, instead of cutting
    it at the dock's edge behind a sideways scroll bar (a narrow dock on a laptop)."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QListView

    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setResizeMode(QListView.ResizeMode.Adjust)


def load_form(name: str, host: QWidget):
    """Build the Designer form *name* (under ui/forms) into *host*; return its widget namespace."""
    form_class, _ = uic.loadUiType(str(FORMS / name))
    form = form_class()
    form.setupUi(host)
    return form


class AlgorithmDock(QgsDockWidget):
    """Shared wiring: Run/Cancel buttons, a progress bar and a status line.

    The form must have ``runButton``, ``cancelButton``, ``progressBar`` and ``statusLabel``.
    Subclasses build parameters and call :meth:`start`; :meth:`on_finished` gets the results.
    """

    FORM = ""
    TITLE = ""

    def __init__(self, iface, parent: QWidget | None = None) -> None:
        super().__init__(tr(self.TITLE), parent)
        self.iface = iface
        self.setObjectName(type(self).__name__)
        self.body = QWidget(self)
        self.ui = load_form(self.FORM, self.body)
        set_scrolling_body(self, self.body)
        self.run: AlgorithmRun | None = None
        self.ui.cancelButton.clicked.connect(self.cancel)

    def tr(self, text: str) -> str:  # one translation context for all of PlaceLink
        return tr(text)

    def output(self, file_name: str, layer_name: str):
        """An output written to the project's results folder under a fixed name (the next
        run replaces it) and loaded into the project as *layer_name*."""
        from .results_folder import result_path

        definition = layer_output(str(result_path(file_name)))
        definition.destinationName = layer_name
        return definition

    def start(self, algorithm_id: str, parameters: dict) -> AlgorithmRun:
        """Run *algorithm_id* in the background, reporting in the dock. Layers of the
        project read from this run's output files (the last run's) are taken out first."""
        from .results_folder import release

        release(p for p in map(_destination, parameters.values()) if p)
        self.ui.runButton.setEnabled(False)
        self.ui.cancelButton.setEnabled(True)
        self.ui.progressBar.setValue(0)
        self.ui.statusLabel.setText(self.tr("Running…"))
        self.run = AlgorithmRun(algorithm_id, parameters, parent=self)
        self.run.progress.connect(lambda value: self.ui.progressBar.setValue(int(value)))
        self.run.message.connect(self.ui.statusLabel.setText)
        self._last_message = ""
        self.run.message.connect(self._remember)
        self.run.finished.connect(self._finished)
        self.run.start()
        return self.run

    def _remember(self, text: str) -> None:
        """Keep the run's last message: when it fails, that is the reason to show."""
        if text.strip():
            self._last_message = text

    def cancel(self) -> None:
        if self.run is not None:
            self.run.cancel()
            self.ui.statusLabel.setText(self.tr("Cancelling…"))

    def _finished(self, ok: bool, results: dict) -> None:
        self.ui.runButton.setEnabled(True)
        self.ui.cancelButton.setEnabled(False)
        self.ui.progressBar.setValue(100 if ok else 0)
        if not ok:
            cancelled = self.run is not None and self.run.feedback.isCanceled()
            reason = self._last_message.strip() or self.tr("no reason was given (see the log)")
            self.ui.statusLabel.setText(
                self.tr("Cancelled.")
                if cancelled
                else self.tr("The run failed: {reason}").format(reason=reason)
            )
        try:
            self.on_finished(ok, results)
        except Exception as exc:
            message = f"{type(exc).__name__}: {exc}"
            QgsMessageLog.logMessage(
                traceback.format_exc(), "PlaceLink", Qgis.MessageLevel.Critical
            )
            self.ui.statusLabel.setText(self.tr("Something went wrong: ") + message)
            self.ui.runButton.setEnabled(True)
            self.ui.cancelButton.setEnabled(False)

    def on_finished(self, ok: bool, results: dict) -> None:
        """Called when a run ends (override)."""


def _destination(value: object) -> str | None:
    """The file an output parameter value writes to, if it is a file."""
    from qgis.core import QgsProcessingOutputLayerDefinition

    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink.staticValue()
    if isinstance(value, str) and Path(value).suffix.lower() in (".gpkg", ".pdf", ".png", ".html"):
        return value
    return None
