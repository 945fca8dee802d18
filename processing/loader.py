"""What the loader algorithms share: their parameters, writing records and rejects to the
sinks, and the closing report."""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterMultipleLayers,
)

from ..core import schema
from ..core.records import LoadStats, Reject
from ..qgis_support.compat import SINK_FAST_INSERT, SOURCE_FILE, SOURCE_VECTOR
from ..qgis_support.fields import FeatureFactory, reject_feature
from .secondary import secondary_sink_parameter

BATCH = 5000


def staging_workers() -> int:
    """Processes reading a large multi-record file (``core.formats.staging``): two in
    ``qgis_process`` or a script on Linux with two cores or more (``PLACELINK_LOAD_WORKERS=1``
    keeps one), one elsewhere. On an otherwise idle 2-core machine two processes loaded 1M /
    3M DTF 7.3 rows into PostGIS in 8.3 / 23.5 s against one process's 11.4 / 33.5 s (see
    the README); on a busy machine a second process of the same session gets little more CPU.
    Never inside the QGIS desktop, whose threads make forking its process unsafe, nor on
    Windows (no fork) or macOS (its system libraries do not survive a fork). The output is
    the same either way."""
    import os
    import sys

    from qgis.utils import iface

    if iface is not None or not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return 1
    return 1 if os.environ.get("PLACELINK_LOAD_WORKERS", "").strip() == "1" else 2


def add_loader_parameters(
    alg,
    input_label: str,
    formats: Sequence[str] | None,
    output_label: str,
    output_type: object,
    counts: Sequence[tuple[str, str]],
) -> None:
    """INPUT (one or more files), FORMAT (auto-detect first, when *formats* is given),
    OUTPUT, REJECTED, and the count outputs *counts* ((name, label), …) of a loader."""
    files = QgsProcessingParameterMultipleLayers("INPUT", alg.tr(input_label), SOURCE_FILE)
    files.setMinimumNumberInputs(1)
    alg.addParameter(files)
    if formats is not None:
        alg.addParameter(
            QgsProcessingParameterEnum(
                "FORMAT",
                alg.tr("Format"),
                options=[alg.tr("Auto-detect"), *formats[1:]],
                defaultValue=0,
            )
        )
    alg.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", alg.tr(output_label), output_type))
    alg.addParameter(secondary_sink_parameter("REJECTED", alg.tr("Rejected rows"), SOURCE_VECTOR))
    for name, label in counts:
        alg.addOutput(QgsProcessingOutputNumber(name, alg.tr(label)))


def fitter(factory: FeatureFactory):
    """A function shortening text values to their field's length, counting how many it cut."""
    limited = [f for f in factory.schema if f.kind == schema.TEXT and f.length]
    names = [f.name for f in limited]
    limits = [f.length for f in limited]
    getter = itemgetter(*names) if len(names) > 1 else (lambda r: (r.get(names[0]),))
    cut = [0]

    def fit(record: dict) -> dict:
        if not names:
            return record
        try:
            values = getter(record)
        except KeyError:
            values = [record.get(n) for n in names]
        # one comprehension finds the rare long value; only then is anything changed
        if True in [v.__class__ is str and len(v) > n for v, n in zip(values, limits)]:
            for name, value, limit in zip(names, values, limits):
                if isinstance(value, str) and len(value) > limit:
                    record[name] = value[:limit]
                    cut[0] += 1
        return record

    return fit, cut


def write_records(records, factory, make_feature, sink, rejects, feedback, stats) -> int:
    """Write records and rejects in batches; return how many features went to *sink*."""
    fit, cut = fitter(factory)
    features, rejected = [], []
    count = written = 0
    flags = SINK_FAST_INSERT

    def flush() -> int:
        if features and not sink.addFeatures(features, flags):
            raise QgsProcessingException(f"Could not write to OUTPUT: {sink.lastError()}")
        if rejected and not rejects.addFeatures(rejected, flags):
            raise QgsProcessingException(f"Could not write to REJECTED: {rejects.lastError()}")
        return len(features)

    for item in records:
        if isinstance(item, Reject):
            rejected.append(reject_feature(item))
        else:
            features.append(make_feature(fit(item)))
        count += 1
        if count % BATCH == 0:
            written += flush()
            features, rejected = [], []
            feedback.setProgressText(f"{stats.data_rows:,} rows read")
            if feedback.isCanceled():
                feedback.reportError(f"Cancelled after {stats.data_rows:,} rows.")
                break
    written += flush()
    feedback.setProgress(100)
    if cut[0]:
        stats.warnings.append(f"{cut[0]:,} text value(s) longer than their field were shortened")
    return written


class RecordsAndRejects:
    """Splits a loader's stream: ``records()`` yields the records for a bulk writer (COPY,
    GeoPackage) while the rejects go to their sink in batches; every ``BATCH`` items the
    progress is reported and a cancel raises ``LoadCancelledError``."""

    def __init__(self, items, rejects, feedback, stats) -> None:
        self.items = items
        self.rejects = rejects
        self.feedback = feedback
        self.stats = stats
        self.pending: list = []
        self.failure: list[Exception] = []

    def flush(self) -> None:
        if self.pending and not self.rejects.addFeatures(self.pending, SINK_FAST_INSERT):
            raise ValueError(f"Could not write to REJECTED: {self.rejects.lastError()}")
        self.pending.clear()

    def records(self):
        try:
            yield from self._records()
        except Exception as exc:
            self.failure.append(exc)
            raise

    def _records(self):
        from ..core.formats.assemble import LoadCancelledError

        pending, stats, feedback = self.pending, self.stats, self.feedback
        for count, item in enumerate(self.items, start=1):
            if isinstance(item, Reject):
                pending.append(reject_feature(item))
                if len(pending) >= BATCH:
                    self.flush()
            else:
                yield item
            if count % BATCH == 0:
                feedback.setProgressText(f"{stats.data_rows:,} rows read")
                if feedback.isCanceled():
                    raise LoadCancelledError(f"stopped after {stats.data_rows:,} rows")

    def reraise(self) -> None:
        """Raise what the records raised, when a writer wrapped it in its own error."""
        if self.failure:
            raise self.failure[0] from None

    def finish(self, cut: list[int]) -> None:
        """Write the last rejects; note shortened values."""
        self.flush()
        self.feedback.setProgress(100)
        if cut[0]:
            self.stats.warnings.append(
                f"{cut[0]:,} text value(s) longer than their field were shortened"
            )


def write_gpkg_records(records, factory, path, rejects, feedback, stats) -> int:
    """``write_records`` for a plain GeoPackage file OUTPUT: points in bulk
    (``gpkg_points``), rejects to their sink; ``LoadCancelledError`` on cancel (no file
    is left)."""
    from ..qgis_support.gpkg_points import write_points

    cut = [0]
    split = RecordsAndRejects(records, rejects, feedback, stats)
    try:
        written = write_points(path, factory.schema, split.records(), cut=cut)
    except Exception:
        split.reraise()
        raise
    finally:
        split.failure.clear()  # no cycle through the traceback keeps the sinks' wrappers
    split.finish(cut)
    return written


def load_on_completion(value, path: str, context, alg, output: str) -> None:
    """Load a file written outside the sink into the project when the run asks for it (as
    ``parameterAsSink`` does for the Processing dialog's "Open output file")."""
    if not isinstance(value, QgsProcessingOutputLayerDefinition) or not value.destinationProject:
        return
    name = value.destinationName or alg.parameterDefinition(output).description()
    details = QgsProcessingContext.LayerDetails(name, value.destinationProject, output)
    context.addLayerToLoadOnCompletion(path, details)


def report(stats: LoadStats, feedback, shown: int = 0) -> None:
    """Log what the reader found (after the first *shown* notes), warnings and the accounting."""
    for line in stats.detected[shown:]:
        feedback.pushInfo(line)
    if stats.non_utf8_lines:
        feedback.pushWarning(
            f"{stats.non_utf8_lines:,} line(s) were not UTF-8 and were read as Windows-1252."
        )
    if stats.blank_lines:
        feedback.pushInfo(f"{stats.blank_lines:,} blank line(s) skipped.")
    for warning in stats.warnings:
        feedback.pushWarning(warning)
    feedback.pushInfo(stats.accounting_line())
