"""The base class every PlaceLink algorithm derives from."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ..core.dependencies import refusal_message
from ..i18n import tr

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


def run_leaving_nothing_half_written(alg, inner, parameters, context, feedback):
    """Run *inner*; if it raises or the run is cancelled, remove the output files it made."""
    from .output_guard import new_output_files, remove_outputs

    created = new_output_files(alg, parameters, context)
    try:
        results = inner(alg, parameters, context, feedback)
    except BaseException:
        remove_outputs(created)
        raise
    if feedback is not None and feedback.isCanceled():
        removed = remove_outputs(created)
        raise QgsProcessingException(alg.cancelled_message(len(removed)))
    return results


def loadable_results(results):
    """Results whose PostGIS outputs the next step can open.

    QGIS 3.22 gives a ``postgis:`` destination back as ``postgis:<uri>``, which no input
    parameter resolves (a model's next step then finds no layer); ``postgres://<uri>`` is
    the form QGIS opens as a PostgreSQL layer.
    """
    if not isinstance(results, dict):
        return results
    return {
        key: "postgres://" + value[len("postgis:") :]
        if isinstance(value, str) and value.startswith("postgis:")
        else value
        for key, value in results.items()
    }


class PlaceLinkAlgorithm(QgsProcessingAlgorithm):
    """Names, help, icon, group and dependency checks shared by all PlaceLink algorithms.

    Subclasses set ``ID``, ``NAME``, ``GROUP``, ``GROUP_ID``, ``HELP`` and, when they need
    optional packages, ``REQUIRES`` (import names from ``core.dependencies.REQUIREMENTS``).
    """

    ID = ""
    NAME = ""
    GROUP = ""
    GROUP_ID = ""
    #: Search words for the Processing Toolbox and the locator bar (translated).
    TAGS: tuple[str, ...] = ()
    COMMON_TAGS = ("PlaceLink", "gazetteer")
    HELP = ""
    ICON = "placelink.svg"
    REQUIRES: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs) -> None:
        """Wrap each algorithm's processAlgorithm and postProcessAlgorithm so that every run
        records its provenance and stamps it on its output layers once they are written."""
        super().__init_subclass__(**kwargs)
        inner = cls.__dict__.get("processAlgorithm")
        if inner is not None and not getattr(inner, "_records_provenance", False):

            def processAlgorithm(self, parameters, context, feedback):
                results = loadable_results(
                    run_leaving_nothing_half_written(self, inner, parameters, context, feedback)
                )
                self._provenance = self.provenance_record(parameters, context, feedback, results)
                return results

            processAlgorithm._records_provenance = True  # type: ignore[attr-defined]
            processAlgorithm.__doc__ = inner.__doc__
            cls.processAlgorithm = processAlgorithm
        post = cls.__dict__.get("postProcessAlgorithm")
        if post is not None and not getattr(post, "_stamps_provenance", False):

            def postProcessAlgorithm(self, context, feedback):
                results = loadable_results(post(self, context, feedback))
                self.stamp_provenance(context, feedback)
                return results

            postProcessAlgorithm._stamps_provenance = True  # type: ignore[attr-defined]
            postProcessAlgorithm.__doc__ = post.__doc__
            cls.postProcessAlgorithm = postProcessAlgorithm

    def cancelled_message(self, removed: int) -> str:
        return self.tr(
            "Cancelled: no output was kept ({count} unfinished file(s) removed)."
        ).format(count=removed)

    def parameterAsSink(self, parameters, name, context, *args, **kwargs):
        """The sink and its destination; a CSV or spreadsheet destination gets a sink that
        writes text safe against formula injection (``core.csv_safety``)."""
        from ..core.csv_safety import is_spreadsheet_destination
        from .safe_sink import SpreadsheetSafeSink

        sink, destination = super().parameterAsSink(parameters, name, context, *args, **kwargs)
        if sink is not None and is_spreadsheet_destination(destination):
            sink = SpreadsheetSafeSink(sink)
        return sink, destination

    def provenance_record(self, parameters, context, feedback, results):
        """Version, algorithm, parameters, input fingerprints and time of this run."""
        from ..qgis_support import provenance

        if not results:
            return None
        try:
            return provenance.record(self, parameters, context), dict(results)
        except Exception as exc:
            feedback.pushWarning(f"Provenance could not be recorded: {exc}")
            return None

    def postProcessAlgorithm(self, context, feedback):
        self.stamp_provenance(context, feedback)
        return {}

    def stamp_provenance(self, context, feedback) -> None:
        """Write the run's provenance into its output layers (now that they are closed)."""
        from ..qgis_support import provenance

        recorded = getattr(self, "_provenance", None)
        if not recorded:
            return
        record, results = recorded
        self._provenance = None
        try:
            count = provenance.stamp_outputs(self, results, record, context)
        except Exception as exc:
            feedback.pushWarning(f"Provenance could not be stamped: {exc}")
            return
        prints = "; ".join(f"{k} {','.join(v)}" for k, v in record["input_fingerprints"].items())
        feedback.pushInfo(
            f"Provenance: {record['plugin']}, {record['algorithm']}, {record['time']}"
            + (f", inputs {prints}" if prints else "")
            + f" (stamped on {count} output layer(s))"
        )

    def tr(self, text: str) -> str:
        return tr(text)

    def createInstance(self) -> PlaceLinkAlgorithm:
        return type(self)()

    def name(self) -> str:
        return self.ID

    def displayName(self) -> str:
        return self.tr(self.NAME)

    def group(self) -> str:
        return self.tr(self.GROUP)

    def groupId(self) -> str:
        return self.GROUP_ID

    def tags(self) -> list[str]:
        return [self.tr(tag) for tag in dict.fromkeys((*self.TAGS, *self.COMMON_TAGS))]

    def shortHelpString(self) -> str:
        return self.tr(self.HELP)

    def icon(self) -> QIcon:
        return QIcon(str(ICON_DIR / self.ICON))

    def svgIconPath(self) -> str:
        return str(ICON_DIR / self.ICON)

    def canExecute(self) -> tuple[bool, str]:
        message = refusal_message(self.REQUIRES)
        return (message is None, message or "")

    def checkParameterValues(self, parameters, context) -> tuple[bool, str]:
        # Checked first by processing.run, the dialog and qgis_process, so the refusal
        # reaches the user as the error itself (prepareAlgorithm's is only logged).
        message = refusal_message(self.REQUIRES)
        if message:
            return False, message
        ok, message = super().checkParameterValues(parameters, context)
        if not ok and message:  # QGIS repeats a bad layer's URI, password and all
            from ..qgis_support.provenance import without_password

            message = without_password(message)
        return ok, message

    def prepareAlgorithm(self, parameters, context, feedback) -> bool:
        message = refusal_message(self.REQUIRES)
        if message:
            raise QgsProcessingException(message)
        return True
