"""``placelink:loadaddresses``: address gazetteer files into the canonical addresses layer."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterMultipleLayers,
)

from ..core import schema
from ..core.formats.detect import ADDRESS_FORMATS
from ..core.loaders import load_addresses
from ..core.records import LoadStats, Reject
from .base import PlaceLinkAlgorithm
from .compat import SOURCE_FILE, SOURCE_POINT, SOURCE_VECTOR, WKB_NONE, WKB_POINT
from .fields import REJECTS, FeatureFactory, reject_feature

BATCH = 5000


class LoadAddresses(PlaceLinkAlgorithm):
    """Read address gazetteer files into the canonical addresses layer."""

    ID = "loadaddresses"
    NAME = "Load addresses"
    GROUP = "Load"
    GROUP_ID = "load"
    ICON = "load_addresses.svg"
    HELP = (
        "Reads address gazetteer files into PlaceLink's canonical addresses layer "
        "(EPSG:27700 points keyed by UPRN), the shape every other PlaceLink tool uses.\n\n"
        "Formats: OS Open UPRN CSV (with or without a UTF-8 byte-order mark). "
        "Choose 'auto' to detect the format from the first row.\n\n"
        "INPUT: one or more CSV files, or zip archives of CSV files (read without unpacking).\n"
        "OUTPUT: the canonical addresses (uprn, usrn, SAO/PAO parts, street, town, postcode, "
        "classification, status, single-line address, source).\n"
        "REJECTED: every row that could not be loaded, with its file, line number, raw text "
        "and the reason (for example coordinates outside the British National Grid, a UPRN "
        "that is not a number, or a duplicate UPRN). OUTPUT rows plus REJECTED rows account "
        "for every data row read, and the log says so."
    )

    INPUT = "INPUT"
    FORMAT = "FORMAT"
    OUTPUT = "OUTPUT"
    REJECTED = "REJECTED"

    def initAlgorithm(self, config=None) -> None:  # noqa: ANN001
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.INPUT, self.tr("Address files (CSV or zip of CSVs)"), SOURCE_FILE
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.FORMAT,
                self.tr("Format"),
                options=[self.tr("Auto-detect"), *ADDRESS_FORMATS[1:]],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Addresses"), SOURCE_POINT)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.REJECTED, self.tr("Rejected rows"), SOURCE_VECTOR
            )
        )
        for name, label in (
            ("ROWS_READ", "Data rows read"),
            ("LOADED", "Addresses loaded"),
            ("REJECTED_COUNT", "Rows rejected"),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: ANN001, ANN201
        paths = self.parameterAsFileList(parameters, self.INPUT, context)
        if not paths:
            raise QgsProcessingException(self.tr("Give at least one address file as INPUT."))
        fmt = ADDRESS_FORMATS[self.parameterAsEnum(parameters, self.FORMAT, context)]
        factory = FeatureFactory(schema.ADDRESS_FIELDS)
        crs = QgsCoordinateReferenceSystem(schema.CRS)
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, factory.fields, WKB_POINT, crs
        )
        rejects, rejects_dest = self.parameterAsSink(
            parameters, self.REJECTED, context, REJECTS.fields, WKB_NONE, crs
        )
        if sink is None or rejects is None:
            raise QgsProcessingException(self.tr("Could not create the output layers."))

        stats = LoadStats()
        try:
            records = load_addresses(paths, fmt, stats)
        except (OSError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        for line in stats.detected:
            feedback.pushInfo(line)

        features, rejected = [], []
        count = 0
        flags = QgsFeatureSink.Flag.FastInsert
        for item in records:
            if isinstance(item, Reject):
                rejected.append(reject_feature(item))
            else:
                features.append(factory.point(item))
            count += 1
            if count % BATCH == 0:
                sink.addFeatures(features, flags)
                rejects.addFeatures(rejected, flags)
                features, rejected = [], []
                feedback.setProgressText(self.tr(f"{count:,} rows read"))
                if feedback.isCanceled():
                    feedback.reportError(self.tr(f"Cancelled after {count:,} rows."))
                    break
        sink.addFeatures(features, flags)
        rejects.addFeatures(rejected, flags)
        feedback.setProgress(100)

        if stats.non_utf8_lines:
            feedback.pushWarning(
                f"{stats.non_utf8_lines:,} line(s) were not UTF-8 and were read as Windows-1252."
            )
        if stats.blank_lines:
            feedback.pushInfo(f"{stats.blank_lines:,} blank line(s) skipped.")
        for warning in stats.warnings:
            feedback.pushWarning(warning)
        feedback.pushInfo(stats.accounting_line())
        return {
            self.OUTPUT: dest,
            self.REJECTED: rejects_dest,
            "ROWS_READ": stats.data_rows,
            "LOADED": stats.accepted,
            "REJECTED_COUNT": stats.rejected,
        }
