"""Run a PlaceLink Processing algorithm from a dock: in the background, with progress and cancel.

Docks never hold domain logic: they build parameters, run the same algorithm the Toolbox,
the Modeler and qgis_process run, and load its outputs into the project the way the
Processing dialog does.
"""

from __future__ import annotations

import traceback

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsMessageLog,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..qgis_support.compat import FLAG_NO_THREADING

TEMPORARY_OUTPUT = "TEMPORARY_OUTPUT"


def layer_output(destination: str = TEMPORARY_OUTPUT, project: QgsProject | None = None):
    """An output parameter value whose layer is added to *project* when the run ends."""
    return QgsProcessingOutputLayerDefinition(destination, project or QgsProject.instance())


class DockFeedback(QgsProcessingFeedback):
    """Feedback that also signals progress texts and errors (QGIS 3.22 has no such signal)."""

    text = pyqtSignal(str)

    def setProgressText(self, text: str) -> None:
        super().setProgressText(text)
        self.text.emit(text)

    def reportError(self, error: str, fatalError: bool = False) -> None:
        super().reportError(error, fatalError)
        self.text.emit(error)


class AlgorithmRun(QObject):
    """One background run of a Processing algorithm.

    Signals: ``progress(float)``, ``message(str)`` and ``finished(bool, dict)``
    (success, results). ``cancel()`` asks the algorithm to stop at its next check.
    """

    progress = pyqtSignal(float)
    message = pyqtSignal(str)
    finished = pyqtSignal(bool, dict)

    def __init__(
        self,
        algorithm_id: str,
        parameters: dict,
        project: QgsProject | None = None,
        load_outputs: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        registry = QgsApplication.processingRegistry()
        self.algorithm = registry.createAlgorithmById(algorithm_id)
        if self.algorithm is None:
            raise ValueError(f"Processing algorithm {algorithm_id} is not available")
        self.parameters = parameters
        self.project = project or QgsProject.instance()
        self.load_outputs = load_outputs
        self.context = QgsProcessingContext()
        self.context.setProject(self.project)
        self.feedback = DockFeedback()
        self.feedback.progressChanged.connect(self.progress.emit)
        self.feedback.text.connect(self.message.emit)
        self.context.setFeedback(self.feedback)
        self.task: QgsProcessingAlgRunnerTask | None = None
        self.results: dict = {}
        self.ok: bool | None = None
        self.load_error: str | None = None  # why the outputs could not be added to the map

    def start(self) -> None:
        """Check the parameters, then run in the task manager (or here, if it cannot thread)."""
        ok, message = self.algorithm.checkParameterValues(self.parameters, self.context)
        if not ok:
            self.message.emit(message)
            self._done(False, {})
            return
        if int(self.algorithm.flags()) & int(FLAG_NO_THREADING):
            results, ok = self.algorithm.run(self.parameters, self.context, self.feedback)
            self._done(bool(ok), results or {})
            return
        self.task = QgsProcessingAlgRunnerTask(
            self.algorithm, self.parameters, self.context, self.feedback
        )
        self.task.executed.connect(self._done)
        QgsApplication.taskManager().addTask(self.task)

    def cancel(self) -> None:
        self.feedback.cancel()

    def _done(self, ok: bool, results: dict) -> None:
        self.ok, self.results = ok, dict(results or {})
        if ok and self.load_outputs:
            from processing.gui.Postprocessing import handleAlgorithmResults

            try:
                handleAlgorithmResults(self.algorithm, self.context, self.feedback)
            except Exception as exc:
                self._report_load_failure(exc)
        self.finished.emit(ok, self.results)

    def _report_load_failure(self, exc: Exception) -> None:
        """Outputs that could not be added to the map: say so, in the dock and the message bar."""
        QgsMessageLog.logMessage(traceback.format_exc(), "PlaceLink", Qgis.MessageLevel.Critical)
        self.load_error = self.tr(
            "{name} finished, but its outputs could not be added to the map ({error}). "
            "They are saved where the run wrote them; see the PlaceLink log for details."
        ).format(name=self.algorithm.displayName(), error=f"{type(exc).__name__}: {exc}")
        self.message.emit(self.load_error)
        from qgis.utils import iface

        if iface is not None:
            iface.messageBar().pushMessage(
                "PlaceLink", self.load_error, Qgis.MessageLevel.Critical, 0
            )
