"""Secondary outputs (REJECTED, BAND_AREAS, SUMMARY): optional, so a qgis_process run, a
Modeler step or ``runAndLoadResults`` that names only the main output works.

The Toolbox dialog still creates them by default; when a run leaves one out, its features
are counted and dropped (the counts are still reported).
"""

from __future__ import annotations

from qgis.core import QgsProcessingParameterFeatureSink


def secondary_sink_parameter(
    name: str, description: str, kind
) -> QgsProcessingParameterFeatureSink:
    """An optional feature sink, created by default in the dialog."""
    return QgsProcessingParameterFeatureSink(
        name, description, kind, optional=True, createByDefault=True
    )


class DiscardSink:
    """Stands in for a secondary output the run did not ask for: accepts and drops features."""

    def addFeature(self, feature, flags=None) -> bool:
        return True

    def addFeatures(self, features, flags=None) -> bool:
        return True

    def flushBuffer(self) -> bool:
        return True

    def lastError(self) -> str:
        return ""


def secondary_sink(alg, parameters, name, context, fields, wkb, crs):
    """``(sink, destination)`` for a secondary output: a :class:`DiscardSink` and ``None``
    when the run left it out; ``(None, "")`` when it was asked for but cannot be created."""
    if not parameters.get(name):
        return DiscardSink(), None
    sink, dest = alg.parameterAsSink(parameters, name, context, fields, wkb, crs)
    return sink, dest
