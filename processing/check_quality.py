"""``placelink:checkquality``: GeoPlace-style data-quality rules over address and street layers."""

from __future__ import annotations

import os
import sqlite3
import uuid
from contextlib import closing, suppress

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsVectorFileWriter,
)

from ..core import schema
from ..qgis_support.compat import (
    NUMBER_DOUBLE,
    SINK_FAST_INSERT,
    SOURCE_LINE,
    SOURCE_POINT,
    SOURCE_POLYGON,
    SOURCE_VECTOR,
    WKB_NONE,
    WKB_POINT,
)
from ..qgis_support.fields import qgs_fields
from .base import PlaceLinkAlgorithm
from .output_style import style_output
from .secondary import secondary_sink, secondary_sink_parameter

if hasattr(Qgis, "ProcessingFeatureSourceFlag"):  # QGIS >= 3.36
    SKIP_VALIDITY = Qgis.ProcessingFeatureSourceFlag.SkipGeometryValidityChecks
else:
    SKIP_VALIDITY = QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks

ISSUE_FIELDS = (
    schema.Field("rule_id", schema.TEXT, 3),
    schema.Field("severity", schema.TEXT, 7),
    schema.Field("title", schema.TEXT, 100),
    schema.Field("message", schema.TEXT, 1000),
    schema.Field("layer", schema.TEXT, 9),
    schema.Field("feature_key", schema.INT),
    schema.Field("usrn", schema.INT),
    schema.Field("street", schema.TEXT, 100),
    schema.Field("area", schema.TEXT, 35),
    schema.Field("source_ref", schema.TEXT, 255),
)
SUMMARY_FIELDS = (
    schema.Field("rule_id", schema.TEXT, 3),
    schema.Field("severity", schema.TEXT, 7),
    schema.Field("layer", schema.TEXT, 9),
    schema.Field("title", schema.TEXT, 100),
    schema.Field("status", schema.TEXT, 120),
    schema.Field("checked", schema.INT),
    schema.Field("failures", schema.INT),
    schema.Field("pass_percent", schema.REAL),
    schema.Field("seconds", schema.REAL),
)
THRESHOLDS = (
    ("STREET_DISTANCE", "street_distance", "Address far from its street: distance (m)", 250.0),
    (
        "POSTCODE_DISTANCE",
        "postcode_distance",
        "Address far from its postcode's centre: distance (m)",
        1000.0,
    ),
    ("NETWORK_TOLERANCE", "network_tolerance", "Street network snapping tolerance (m)", 1.0),
    ("BOUNDARY_TOLERANCE", "boundary_tolerance", "Boundary tolerance (m)", 5.0),
)


#: Envelope sizes (bytes) of a GeoPackage geometry blob, by its envelope indicator.
_ENVELOPE = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def _geometries(blobs):
    """Shapely geometries from GeoPackage geometry blobs (None where missing or empty)."""
    import numpy as np
    import shapely

    wkb = np.full(len(blobs), None, dtype=object)
    for i, blob in enumerate(blobs):
        if blob is not None and not blob[3] & 0x10:  # bit 4 flags an empty geometry
            wkb[i] = bytes(blob[8 + _ENVELOPE[(blob[3] >> 1) & 7] :])
    present = np.flatnonzero([b is not None for b in wkb])
    geoms = np.full(len(blobs), None, dtype=object)
    if len(present):
        geoms[present] = shapely.from_wkb(wkb[present])
    return geoms


class CheckQuality(PlaceLinkAlgorithm):
    """Check address and street layers against GeoPlace-style data-quality rules."""

    ID = "checkquality"
    NAME = "Check gazetteer quality"
    GROUP = "Quality"
    GROUP_ID = "quality"
    TAGS = (
        "LLPG",
        "NSG",
        "UPRN",
        "USRN",
        "gazetteer",
        "data quality",
        "validation",
        "GeoPlace",
        "AddressBase",
    )
    ICON = "check_quality.svg"
    REQUIRES = ("pandas", "shapely", "scipy")

    ADDRESSES = "ADDRESSES"
    STREETS = "STREETS"
    BOUNDARY = "BOUNDARY"
    POSTCODES = "POSTCODES"
    RULES = "RULES"
    ISSUES = "ISSUES"
    SUMMARY = "SUMMARY"
    REPORT = "REPORT"

    def shortHelpString(self) -> str:
        try:
            from ..core.quality import ordered

            rules = "\n".join(f"{r.id} ({r.severity}): {r.title}" for r in ordered())
        except ImportError:  # shapely/scipy missing: canExecute() explains what to install
            rules = "(listed once the Python packages this algorithm needs are installed)"
        return self.tr(
            "Runs GeoPlace-style data-quality rules over an address layer (points in PlaceLink's "
            "canonical schema: loaded by PlaceLink, or from a GeoPackage/PostGIS table with the "
            "same field names, in any case) and, optionally, a street layer, the authority "
            "boundary and Code-Point Open postcodes.\n\n"
            "RULES: leave empty for all, or list ids, ranges and wildcards, e.g. "
            "'A01,A05-A08,S*'. Rules whose fields or inputs are absent (or empty in every "
            "record) are skipped and shown as 'not applicable' in SUMMARY.\n\n"
            "Thresholds: how far an address may lie from its street and from its postcode's "
            "centre, the gap within which two streets count as connected, and how far outside "
            "the boundary a feature must lie to be reported (metres).\n\n"
            "ISSUES: one point per problem (the address, or a point on the street) with "
            "rule_id, severity, a specific message and the UPRN/USRN (feature_key); "
            "source_ref is the input feature id.\n"
            "SUMMARY: per rule, records checked, failures and the share passing.\n"
            "REPORT: an HTML scorecard (scores, chart, worst streets and areas, every rule "
            "explained) that opens in any browser.\n\n"
            "Rules:\n" + rules
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ADDRESSES, self.tr("Addresses (point layer)"), [SOURCE_POINT]
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.STREETS, self.tr("Streets (line layer)"), [SOURCE_LINE], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.BOUNDARY,
                self.tr("Authority boundary (polygon layer)"),
                [SOURCE_POLYGON],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.POSTCODES,
                self.tr("Postcodes (Code-Point Open points)"),
                [SOURCE_POINT],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.RULES,
                self.tr("Rules to run (e.g. A01,A05-A08,S*; empty for all)"),
                defaultValue="",
                optional=True,
            )
        )
        for name, _key, label, default in THRESHOLDS:
            self.addParameter(
                QgsProcessingParameterNumber(
                    name,
                    self.tr(label),
                    NUMBER_DOUBLE,
                    defaultValue=default,
                    minValue=0.0,
                )
            )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.ISSUES, self.tr("Quality issues"), SOURCE_POINT)
        )
        self.addParameter(
            secondary_sink_parameter(self.SUMMARY, self.tr("Quality summary"), SOURCE_VECTOR)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT,
                self.tr("Quality report"),
                self.tr("HTML files (*.html)"),
                optional=True,
                createByDefault=True,
            )
        )
        for name, label in (
            ("ISSUE_COUNT", "Problems found"),
            ("ERROR_COUNT", "Errors found"),
            ("SCORE", "Overall score (% of checks passed)"),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    # ---------------------------------------------------------------- layers → DataFrames
    def _read(self, source, context, feedback, start: float, span: float):
        """*source* (in EPSG:27700) as a DataFrame of its attributes and an array of geometries.

        One QgsFeatureRequest pass hands the features to a GeoPackage writer in C++ (turning
        500,000 features' attributes into Python values one by one costs ~40 s, NULLs most);
        the GeoPackage is then read column-wise with sqlite3 and its geometries with shapely.
        """
        import numpy as np
        import pandas as pd

        crs = QgsCoordinateReferenceSystem(schema.CRS)
        path = os.path.join(QgsProcessingUtils.tempFolder(), f"quality_{uuid.uuid4().hex}.gpkg")
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = "data"
        options.fileEncoding = "UTF-8"
        # No spatial index (never queried); a geometry column name no attribute will have.
        options.layerOptions = [
            "SPATIAL_INDEX=NO",
            "GEOMETRY_NAME=placelink_geometry",  # pragma: allowlist secret (not one: a name)
        ]
        # Field widths are dropped: a value longer than its field declares (a GeoPackage does
        # not enforce widths) must reach rule A17, not make the writer refuse the feature.
        fields = QgsFields()
        for field in source.fields():
            field.setLength(0)
            fields.append(field)
        options.attributes = [i for i, f in enumerate(fields) if f.name().lower() != "fid"]
        writer = QgsVectorFileWriter.create(
            path, fields, source.wkbType(), crs, context.transformContext(), options
        )
        if writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
            raise QgsProcessingException(
                self.tr("Could not prepare {layer}: {error}").format(
                    layer=source.sourceName(), error=writer.errorMessage()
                )
            )
        request = QgsFeatureRequest().setDestinationCrs(crs, context.transformContext())
        ids: list[int] = []
        batch: list[QgsFeature] = []
        total = source.featureCount()  # -1 when the provider cannot tell cheaply
        # Geometry validity does not matter here (points; lines only measured), and checking
        # it costs more than the rest of the read.
        for feature in source.getFeatures(request, SKIP_VALIDITY):
            ids.append(feature.id())
            batch.append(feature)
            if len(batch) == 10000:
                self._write(writer, batch, source)
                batch = []
                if feedback.isCanceled():
                    raise QgsProcessingException(self.tr("Cancelled while reading the layers."))
                if total > 0:
                    feedback.setProgress(start + span * min(len(ids) / total, 1.0))
        self._write(writer, batch, source)
        del writer  # flushes and closes the GeoPackage
        try:
            with closing(sqlite3.connect(path)) as db:
                geometry_column = db.execute(
                    "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = 'data'"
                ).fetchone()[0]
                frame = pd.read_sql_query('SELECT * FROM "data" ORDER BY fid', db)
        finally:
            with suppress(OSError):
                os.remove(path)
        if len(frame) != len(ids):
            raise QgsProcessingException(
                self.tr("{layer}: {read:,} features read, {kept:,} kept").format(
                    layer=source.sourceName(), read=len(ids), kept=len(frame)
                )
            )
        geoms = _geometries(frame.pop(geometry_column).to_numpy(dtype=object))
        frame.columns = [str(c).lower() for c in frame.columns]  # field names match any case
        frame = frame.loc[:, ~frame.columns.duplicated() & (frame.columns != "fid")]
        frame["source_ref"] = np.char.add("feature ", np.array(ids, dtype=np.int64).astype(str))
        return frame, geoms

    def _write(self, writer, batch: list, source) -> None:
        if batch and not writer.addFeatures(batch):
            raise QgsProcessingException(
                self.tr("Could not read {layer}: {error}").format(
                    layer=source.sourceName(), error=writer.errorMessage()
                )
            )

    def _points(self, source, context, feedback, start: float):
        import numpy as np
        import shapely

        frame, geoms = self._read(source, context, feedback, start, 15)
        x = np.full(len(geoms), np.nan)
        y = np.full(len(geoms), np.nan)
        present = np.array([g is not None for g in geoms], dtype=bool)
        if present.any():
            points = shapely.centroid(geoms[present])  # a multipoint's centre; a point itself
            x[present], y[present] = shapely.get_x(points), shapely.get_y(points)
        frame["x"], frame["y"] = x, y
        return frame

    def _lines(self, source, context, feedback, start: float):
        frame, geoms = self._read(source, context, feedback, start, 5)
        frame["geometry"] = geoms
        return frame

    # ---------------------------------------------------------------- run
    def processAlgorithm(self, parameters, context, feedback):
        import numpy as np
        import shapely

        from ..core.quality import Thresholds, run_checks, select
        from ..core.quality.report import render_report, write_report

        addresses = self.parameterAsSource(parameters, self.ADDRESSES, context)
        if addresses is None:
            raise QgsProcessingException(self.tr("Give an addresses layer as ADDRESSES."))
        streets = self.parameterAsSource(parameters, self.STREETS, context)
        boundary_src = self.parameterAsSource(parameters, self.BOUNDARY, context)
        postcode_src = self.parameterAsSource(parameters, self.POSTCODES, context)
        spec = self.parameterAsString(parameters, self.RULES, context).strip()
        try:
            chosen = select(spec or None)
            limits = {
                key: self.parameterAsDouble(parameters, name, context)
                for name, key, _label, _default in THRESHOLDS
            }
            thresholds = Thresholds(**limits)
        except ValueError as exc:
            raise QgsProcessingException(str(exc)) from exc

        feedback.pushInfo(self.tr("Reading {n:,} addresses…").format(n=addresses.featureCount()))
        address_frame = self._points(addresses, context, feedback, 0)
        street_frame = None
        if streets is not None:
            street_frame = self._lines(streets, context, feedback, 15)
        boundary = None
        if boundary_src is not None:
            polygons = self._lines(boundary_src, context, feedback, 20)["geometry"].to_numpy()
            polygons = polygons[[g is not None for g in polygons]]
            if len(polygons) == 0:
                raise QgsProcessingException(self.tr("The BOUNDARY layer has no polygons."))
            boundary = shapely.make_valid(shapely.union_all(polygons))
        postcode_frame = None
        if postcode_src is not None:
            postcode_frame = self._points(postcode_src, context, feedback, 20)
            if "postcode" not in postcode_frame:
                raise QgsProcessingException(
                    self.tr("The POSTCODES layer has no 'postcode' field.")
                )
        if feedback.isCanceled():
            return {}

        def progress(done: int, total: int, rule) -> None:
            feedback.setProgress(25 + 65 * done / total)
            feedback.setProgressText(f"{rule.id} {self.tr(rule.title)}")

        try:
            issues, summary = run_checks(
                address_frame,
                street_frame,
                boundary,
                postcode_frame,
                rules=[r.id for r in chosen],
                thresholds=thresholds,
                progress=progress,
                is_cancelled=feedback.isCanceled,
                translate=self.tr,  # each problem's message in the user's language
            )
        except ValueError as exc:
            raise QgsProcessingException(str(exc)) from exc

        crs = QgsCoordinateReferenceSystem(schema.CRS)
        issue_fields = qgs_fields(ISSUE_FIELDS)
        sink, issues_dest = self.parameterAsSink(
            parameters, self.ISSUES, context, issue_fields, WKB_POINT, crs
        )
        summary_fields = qgs_fields(SUMMARY_FIELDS)
        table, summary_dest = secondary_sink(
            self, parameters, self.SUMMARY, context, summary_fields, WKB_NONE, crs
        )
        if sink is None or table is None:
            raise QgsProcessingException(self.tr("Could not create the output layers."))

        flags = SINK_FAST_INSERT
        names = [f.name for f in ISSUE_FIELDS]
        records = issues[names].astype(object).where(issues[names].notna(), None)
        xs, ys = issues["x"].to_numpy(dtype=float), issues["y"].to_numpy(dtype=float)
        batch = []
        for i, values in enumerate(records.itertuples(index=False, name=None)):
            feature = QgsFeature(issue_fields)
            feature.setAttributes([_python(v) for v in values])
            if np.isfinite(xs[i]) and np.isfinite(ys[i]):
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(xs[i], ys[i])))
            batch.append(feature)
            if len(batch) == 5000:
                sink.addFeatures(batch, flags)
                batch = []
        sink.addFeatures(batch, flags)
        for values in summary[[f.name for f in SUMMARY_FIELDS]].itertuples(index=False):
            feature = QgsFeature(summary_fields)
            feature.setAttributes([_python(v) for v in values])
            table.addFeature(feature, flags)

        for row in summary.itertuples():
            if row.status == "checked":
                result = self.tr("{failures:,} of {checked:,} failing").format(
                    failures=row.failures, checked=row.checked
                )
            else:
                result = row.status
            feedback.pushInfo(f"{row.rule_id} {self.tr(row.title)}: {result}")

        from ..core.quality.hints import wrong_layer_hints

        for hint in wrong_layer_hints(summary.to_dict("records"), self.tr):
            feedback.pushWarning(hint)

        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        none = self.tr("(none)")
        inputs = {
            self.tr("Addresses"): addresses.sourceName(),
            self.tr("Streets"): streets.sourceName() if streets is not None else none,
            self.tr("Boundary"): boundary_src.sourceName() if boundary_src is not None else none,
            self.tr("Postcodes"): postcode_src.sourceName() if postcode_src is not None else none,
            self.tr("Rules"): spec or self.tr("all"),
        }
        labels = {self.tr(label): f"{limits[key]:g}" for _name, key, label, _d in THRESHOLDS}
        title = self.tr("Gazetteer data quality: {layer}").format(layer=addresses.sourceName())
        html = render_report(
            issues,
            summary,
            title=title,
            inputs=inputs,
            thresholds=labels,
            translate=self.tr,
            language=self.tr("en"),  # the page's language code: "cy" in the Welsh translation
        )
        if report_path:  # optional: a run may ask for the layers only
            write_report(report_path, html)
        feedback.setProgress(100)

        checked = summary[summary["status"] == "checked"]
        total = int(checked["checked"].sum())
        score = 100.0 * (1 - int(checked["failures"].sum()) / total) if total else 100.0
        feedback.pushInfo(
            self.tr(
                "{issues:,} problem(s) from {checked} rule(s); overall {score:.1f}% of checks "
                "passed. Report: {report}"
            ).format(issues=len(issues), checked=len(checked), score=score, report=report_path)
        )
        self._issues_dest = issues_dest
        self._results = {
            self.ISSUES: issues_dest,
            self.SUMMARY: summary_dest,
            self.REPORT: report_path,
            "ISSUE_COUNT": len(issues),
            "ERROR_COUNT": int((issues["severity"] == "error").sum()),
            "SCORE": round(score, 2),
        }
        return dict(self._results)

    def postProcessAlgorithm(self, context, feedback):
        style_output(getattr(self, "_issues_dest", ""), "quality_issues.qml", context, feedback)
        return dict(getattr(self, "_results", {}))


def _python(value: object) -> object:
    """numpy scalars → Python values QGIS accepts."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value
