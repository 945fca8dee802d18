"""``placelink:facilitydistances``: the nearest schools of every address along walking
routes, to each school's nearest gate, with statutory-distance eligibility."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsRuleBasedRenderer,
    QgsSymbol,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ..core import schema
from ..i18n import tr
from ..qgis_support.compat import (
    GEOMETRY_POINT,
    NUMBER_INTEGER,
    SINK_FAST_INSERT,
    SOURCE_LINE,
    SOURCE_POINT,
    SOURCE_VECTOR,
    WKB_LINESTRING,
    WKB_NONE,
    WKB_POINT,
)
from ..qgis_support.fields import qgs_fields
from .base import PlaceLinkAlgorithm
from .loader import load_on_completion
from .output_style import style_output

OUTPUT_FIELDS = (
    schema.Field("uprn", schema.INT),
    schema.Field("rank", schema.INT),
    schema.Field("facility_name", schema.TEXT, 120),
    schema.Field("network_m", schema.REAL),
    schema.Field("straight_m", schema.REAL),
    schema.Field("gate", schema.TEXT, 60),
    schema.Field("beyond_limit_m", schema.REAL),
    schema.Field("reason", schema.TEXT, 254),
)
ROUTE_FIELDS = (
    schema.Field("uprn", schema.INT),
    schema.Field("facility_name", schema.TEXT, 120),
    schema.Field("network_m", schema.REAL),
    schema.Field("gate", schema.TEXT, 60),
)
#: ALL_DISTANCES: every address to every facility, nearest first (rank NULL: no route).
TABLE_FIELDS = (
    schema.Field("uprn", schema.INT),
    schema.Field("rank", schema.INT),
    schema.Field("facility_name", schema.TEXT, 120),
    schema.Field("network_m", schema.REAL),
    schema.Field("straight_m", schema.REAL),
    schema.Field("gate", schema.TEXT, 60),
)
#: Rows per batch written to ALL_DISTANCES.
TABLE_BATCH_ROWS = 500_000
#: Network fields that decide walking (first found of each kind wins).
CLASS_FIELDS = (
    "class", "road_classification", "roadclassification", "classification",
    "highway", "fclass", "road_class", "roadclass", "road_number", "roadnumber",
)  # fmt: skip
UNSUITABLE_FIELDS = ("unsuitable", "unsuitable_walking", "not_walkable")
FOOT_FIELDS = ("walkable", "foot", "pedestrian")
TIE_BREAKS = ("name", "random")
BATCH = 10_000


class FacilityDistances(PlaceLinkAlgorithm):
    ID = "facilitydistances"
    NAME = "Facility distances (home to school)"
    GROUP = "Catchments"
    GROUP_ID = "catchments"
    TAGS = (
        "school",
        "admissions",
        "home to school transport",
        "distance",
        "walking route",
        "nearest facility",
        "eligibility",
        "statutory walking distance",
        "UPRN",
    )
    ICON = "facility_distances.svg"
    REQUIRES = ("scipy", "shapely")
    HELP = (
        "The nearest NEAREST facilities (schools) of every address by the shortest walking "
        "route, for admissions ranking and home-to-school transport eligibility.\n\n"
        "Distances run from where the address meets the network (its position along its "
        "street) to the facility's nearest gate (ACCESS_POINTS whose ACCESS_NAME_FIELD "
        "holds the facility's name; without gates, the facility point) at its position "
        "along its street. Walking rules: motorways (a road classification or number field "
        "naming a motorway) and lines marked unsuitable (an 'unsuitable' field that is "
        "yes/1, or a 'walkable'/'foot' field that is no/0) are left out; one-way streets "
        "are walked both ways.\n\n"
        "PHASE_FIELD and PHASE keep only matching facilities (e.g. type = primary school). "
        "LIMITS are metres (3218.69,4828.03 are 2 and 3 miles): beyond_limit_m holds the "
        "largest limit the nearest facility's distance exceeds, NULL when within. Facilities "
        "within a millimetre of each other are ordered by name, or at random with SEED "
        "(TIE_BREAK). Every address gets at least one row; an address with no reachable "
        "facility gets one row without a rank, saying why in reason. ROUTES holds the "
        "measured route of each address to its nearest facility.\n\n"
        "ALL_DISTANCES (optional, a table without geometry) holds every address to every "
        "facility kept, for admissions ranking against any school: one row per address and "
        "facility with uprn, rank (1 = nearest, ranked as OUTPUT ranks; NULL when no walking "
        "route), facility_name, network_m, straight_m and gate, each address's facilities "
        "nearest first. 500,000 addresses and 30 schools make 15 million rows: a GeoPackage "
        "or CSV file is written in large batches when the Python packages pyogrio and "
        "pyarrow are installed (a minute or so), other destinations feature by feature."
    )

    ADDRESSES = "ADDRESSES"
    FACILITIES = "FACILITIES"
    NAME_FIELD = "NAME_FIELD"
    PHASE_FIELD = "PHASE_FIELD"
    PHASE = "PHASE"
    NETWORK = "NETWORK"
    ACCESS_POINTS = "ACCESS_POINTS"
    ACCESS_NAME_FIELD = "ACCESS_NAME_FIELD"
    NEAREST = "NEAREST"
    LIMITS = "LIMITS"
    TIE_BREAK = "TIE_BREAK"
    SEED = "SEED"
    OUTPUT = "OUTPUT"
    ROUTES = "ROUTES"
    ALL_DISTANCES = "ALL_DISTANCES"

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ADDRESSES, self.tr("Addresses (points with uprn)"), [SOURCE_POINT]
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FACILITIES, self.tr("Facilities (schools)"), [SOURCE_POINT]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.NAME_FIELD,
                self.tr("Facility name field"),
                parentLayerParameterName=self.FACILITIES,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.PHASE_FIELD,
                self.tr("Phase field (optional)"),
                parentLayerParameterName=self.FACILITIES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PHASE, self.tr("Keep facilities whose phase is"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.NETWORK, self.tr("Walking network (lines)"), [SOURCE_LINE]
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ACCESS_POINTS,
                self.tr("Gates (optional points)"),
                [SOURCE_POINT],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ACCESS_NAME_FIELD,
                self.tr("Gate's facility name field"),
                parentLayerParameterName=self.ACCESS_POINTS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.NEAREST,
                self.tr("Nearest facilities per address"),
                NUMBER_INTEGER,
                3,
                False,
                1,
                10,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.LIMITS, self.tr("Limits in metres (e.g. 3218.69,4828.03)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.TIE_BREAK,
                self.tr("Ties broken"),
                [self.tr("by facility name"), self.tr("at random (seeded)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SEED, self.tr("Random seed (ties at random)"), NUMBER_INTEGER, 0, True, 0
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Distances and eligibility"))
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.ROUTES, self.tr("Routes to the nearest"), optional=True, createByDefault=False
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.ALL_DISTANCES,
                self.tr("Every address to every facility (table)"),
                SOURCE_VECTOR,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber("UNREACHED", self.tr("Addresses with no facility"))
        )

    # -- reading ------------------------------------------------------------------------

    @staticmethod
    def _read(source, crs, context, fields: list[str], points: bool):
        """Feature ids, coordinates (points) or shapely geometries (lines), and attributes."""
        import shapely

        request = QgsFeatureRequest()
        request.setDestinationCrs(crs, context.transformContext())
        if fields:  # only the fields used: a gazetteer has thirty
            request.setSubsetOfAttributes(fields, source.fields())
        else:
            request.setNoAttributes()
        idx = {name: source.fields().lookupField(name) for name in fields}
        ids, geoms, values = [], [], {name: [] for name in fields}
        for feature in source.getFeatures(request):
            ids.append(feature.id())
            geom = feature.geometry()
            if points:
                if geom is None or geom.isEmpty():
                    geoms.append((np.nan, np.nan))
                else:
                    p = geom.asPoint() if not geom.isMultipart() else geom.asMultiPoint()[0]
                    geoms.append((p.x(), p.y()))
            else:
                empty = geom is None or geom.isEmpty()
                geoms.append(None if empty else bytes(geom.asWkb()))
            attrs = feature.attributes()
            for name in fields:
                v = attrs[idx[name]]
                values[name].append(
                    None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
                )
        if points:
            out = np.array(geoms, dtype=float).reshape(-1, 2)
        else:  # one vectorised parse of every line's WKB
            wkb = np.empty(len(geoms), dtype=object)
            wkb[:] = geoms
            out = shapely.from_wkb(wkb)
        return np.array(ids, dtype=np.int64), out, values

    def _write_batches(self, target, batches, progress, feedback, output, geometry=None) -> int:
        """Write *batches* to the file *target* (``table_writer.fast_file``: path, driver,
        how); a cancel or an error becomes the algorithm's error, in words."""
        from . import table_writer

        path, driver, how = target
        write = table_writer.write_batches if how == "arrow" else table_writer.write_through_csv
        try:
            return write(path, driver, batches, progress, feedback.isCanceled, geometry)
        except table_writer.CancelledError:
            raise QgsProcessingException(self.tr("Cancelled.")) from None
        except Exception as exc:
            failed = (
                self.tr("Could not write OUTPUT to {path}: {reason}")
                if output == "OUTPUT"
                else self.tr("Could not write ALL_DISTANCES to {path}: {reason}")
            )
            raise QgsProcessingException(failed.format(path=path, reason=exc)) from exc

    def processAlgorithm(self, parameters, context, feedback):
        from ..core.catchments import distances as dist

        addresses = self.parameterAsSource(parameters, self.ADDRESSES, context)
        facilities = self.parameterAsSource(parameters, self.FACILITIES, context)
        network = self.parameterAsSource(parameters, self.NETWORK, context)
        gates_src = self.parameterAsSource(parameters, self.ACCESS_POINTS, context)
        if addresses is None or facilities is None or network is None:
            raise QgsProcessingException(self.tr("ADDRESSES, FACILITIES and NETWORK are required."))
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context)
        phase_field = self.parameterAsString(parameters, self.PHASE_FIELD, context)
        phase = (self.parameterAsString(parameters, self.PHASE, context) or "").strip()
        gate_field = self.parameterAsString(parameters, self.ACCESS_NAME_FIELD, context)
        k = self.parameterAsInt(parameters, self.NEAREST, context)
        tie = TIE_BREAKS[self.parameterAsEnum(parameters, self.TIE_BREAK, context)]
        seed = self.parameterAsInt(parameters, self.SEED, context)
        try:
            limits = dist.parse_limits(self.parameterAsString(parameters, self.LIMITS, context))
        except ValueError as exc:
            raise QgsProcessingException(str(exc)) from exc
        if phase and not phase_field:
            raise QgsProcessingException(self.tr("PHASE needs PHASE_FIELD (the field holding it)."))
        if not 1 <= k <= 10:
            raise QgsProcessingException(self.tr("NEAREST must be between 1 and 10."))
        if addresses.fields().lookupField("uprn") < 0:
            raise QgsProcessingException(self.tr("ADDRESSES has no uprn field."))
        if facilities.fields().lookupField(name_field) < 0:
            raise QgsProcessingException(
                self.tr("FACILITIES has no field {name}.").format(name=name_field)
            )
        if gates_src is not None and (
            not gate_field or gates_src.fields().lookupField(gate_field) < 0
        ):
            raise QgsProcessingException(
                self.tr("ACCESS_POINTS needs ACCESS_NAME_FIELD naming each gate's facility.")
            )
        crs = addresses.sourceCrs()
        if not crs.isValid() or crs.isGeographic():
            raise QgsProcessingException(
                self.tr("ADDRESSES must be in a projected CRS in metres (such as EPSG:27700).")
            )

        feedback.setProgressText(self.tr("Reading facilities, gates and addresses"))
        f_fields = [name_field] + ([phase_field] if phase_field else [])
        f_ids, f_xy, f_vals = self._read(facilities, crs, context, f_fields, True)
        keep = np.ones(len(f_ids), dtype=bool)
        if phase_field and phase:
            keep = np.array(
                [str(v or "").strip().casefold() == phase.casefold() for v in f_vals[phase_field]]
            )
        names = [str(v) if v is not None else "" for v in f_vals[name_field]]
        order = [i for i in np.argsort(f_ids, kind="stable") if keep[i]]
        if not order:
            raise QgsProcessingException(self.tr("No facility matches PHASE."))
        f_ids, f_xy = f_ids[order], f_xy[order]
        names = [names[i] for i in order]
        if not np.isfinite(f_xy).all():
            raise QgsProcessingException(self.tr("A facility has no point."))
        index_of = {}
        for i, n in enumerate(names):
            index_of.setdefault(n.strip().casefold(), i)

        gate_xy, gate_fac, gate_label = [], [], []
        if gates_src is not None:
            g_ids, g_xy, g_vals = self._read(gates_src, crs, context, [gate_field], True)
            unknown = 0
            for gid, xy, owner in zip(g_ids, g_xy, g_vals[gate_field]):
                f = index_of.get(str(owner or "").strip().casefold())
                if f is None or not np.isfinite(xy).all():
                    unknown += 1
                    continue
                gate_xy.append(xy)
                gate_fac.append(f)
                gate_label.append(f"gate {gid}")
            if unknown:
                feedback.pushInfo(
                    f"{unknown:,} gate(s) name no facility kept (or have no point); not used."
                )
        has_gate = set(gate_fac)
        for f in range(len(names)):
            if f not in has_gate:
                gate_xy.append(f_xy[f])
                gate_fac.append(f)
                gate_label.append("facility point")
        feedback.pushInfo(
            f"{len(names):,} facilit(ies), {len(has_gate):,} of them with gates "
            f"({sum(1 for g in gate_label if g != 'facility point'):,} gates)."
        )

        a_ids, a_xy, a_vals = self._read(addresses, crs, context, ["uprn"], True)
        uprns = a_vals["uprn"]
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled."))

        feedback.setProgressText(self.tr("Reading the walking network"))
        lower = {f.name().lower(): f.name() for f in network.fields()}
        pick = {
            kind: next((lower[c] for c in names_ if c in lower), None)
            for kind, names_ in (
                ("class", CLASS_FIELDS),
                ("unsuitable", UNSUITABLE_FIELDS),
                ("foot", FOOT_FIELDS),
            )
        }
        n_fields = [v for v in pick.values() if v]
        _, lines, n_vals = self._read(network, crs, context, n_fields, False)
        mask = dist.walkable(
            n_vals[pick["class"]] if pick["class"] else None,
            n_vals[pick["unsuitable"]] if pick["unsuitable"] else None,
            n_vals[pick["foot"]] if pick["foot"] else None,
        )
        if mask is not None:
            feedback.pushInfo(
                f"Walking rules ({', '.join(n_fields)}): {int((~mask).sum()):,} of {len(lines):,} "
                "line(s) left out (motorways, unsuitable)."
            )
            lines = lines[mask]
        else:
            feedback.pushInfo(
                "No road classification or suitability field: every line is walkable."
            )

        feedback.setProgressText(self.tr("Building the walking graph"))
        try:
            walk = dist.prepare_walking(lines, np.array(gate_xy), np.array(gate_fac), len(names))
        except ValueError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.setProgress(20)

        table_dest = self.parameterAsOutputLayer(parameters, self.ALL_DISTANCES, context)
        # progress: 0-20 reading and graph, then searches, OUTPUT (and ALL_DISTANCES)
        searched, written = (60, 75) if table_dest else (70, 100)

        def progress(done: int, total: int) -> None:
            feedback.setProgress(20 + (searched - 20) * done / total)

        phase_word = phase.casefold() if phase else "facility"
        try:
            result = dist.nearest_facilities(
                walk,
                a_xy,
                names,
                k=k,
                limits=limits,
                tie_break=tie,
                seed=seed,
                phase=phase_word,
                progress=progress,
                cancelled=feedback.isCanceled,
            )
        except dist.CancelledError:
            raise QgsProcessingException(self.tr("Cancelled.")) from None
        if tie == "random":
            feedback.pushInfo(f"Ties broken at random with seed {seed} (recorded in provenance).")

        feedback.setProgressText(self.tr("Writing distances"))
        from . import table_writer

        fields = qgs_fields(OUTPUT_FIELDS)
        flags = SINK_FAST_INSERT
        m = len(a_ids)
        unreached = int((result.facility[:, 0] < 0).sum())
        rows = 0
        sink = None
        fast = table_writer.fast_file(
            self.parameterAsOutputLayer(parameters, self.OUTPUT, context), ("GPKG",), True
        )
        if fast is not None:  # a GeoPackage file: column batches, not feature by feature
            path, _driver, how = fast
            total = int((result.facility >= 0).sum()) + unreached

            def written_rows(count: int) -> None:
                feedback.setProgress(searched + (written - searched) * count / max(total, 1))

            rows = self._write_batches(
                fast,
                _output_batches(result, a_xy, uprns, names, gate_label, limits, phase_word),
                written_rows,
                feedback,
                "OUTPUT",
                ("geom", "Point", crs.toWkt()),
            )
            dest = str(path)
            load_on_completion(parameters.get(self.OUTPUT), dest, context, self, self.OUTPUT)
        else:
            sink, dest = self.parameterAsSink(
                parameters, self.OUTPUT, context, fields, WKB_POINT, crs
            )
            if sink is None:
                raise QgsProcessingException(self.tr("Could not create OUTPUT."))
        r_sink, r_dest = self.parameterAsSink(
            parameters, self.ROUTES, context, qgs_fields(ROUTE_FIELDS), WKB_LINESTRING, crs
        )
        for i in range(m) if sink is not None or r_sink is not None else ():
            uprn = uprns[i]
            if sink is not None:
                rows += self._write_rows(
                    sink, fields, result, a_xy, i, uprn, names, gate_label, limits, phase_word
                )
            if r_sink is not None and result.facility[i, 0] >= 0:
                line = dist.route(
                    walk, result.searches, result.places, a_xy, i, int(result.facility[i, 0])
                )
                if line is not None:
                    rf = QgsFeature(qgs_fields(ROUTE_FIELDS))
                    rg = QgsGeometry()
                    rg.fromWkb(line.wkb)
                    rf.setGeometry(rg)
                    rf.setAttributes(
                        [
                            uprn,
                            names[int(result.facility[i, 0])],
                            round(float(result.network_m[i, 0]), 2),
                            gate_label[int(result.gate[i, 0])],
                        ]
                    )
                    r_sink.addFeature(rf, flags)
            if i % BATCH == 0:
                feedback.setProgress(searched + (written - searched) * i / max(m, 1))
                if feedback.isCanceled():
                    raise QgsProcessingException(self.tr("Cancelled."))
        feedback.pushInfo(
            f"{m:,} addresses read: {m - unreached:,} with a facility + {unreached:,} with none "
            f"= {m:,}; {rows:,} rows written"
            + (
                f" in batches (GPKG, {'pyogrio' if how == 'arrow' else 'CSV then GDAL'})."
                if fast is not None
                else "."
            )
        )
        self._styles = {"output": (dest, limits), "routes": r_dest}
        results = {self.OUTPUT: dest, "UNREACHED": unreached}
        if r_dest:
            results[self.ROUTES] = r_dest
        if table_dest:
            feedback.setProgressText(self.tr("Writing every address to every facility"))
            try:
                table = dist.distance_table(
                    walk,
                    result.searches,
                    result.places,
                    a_xy,
                    names,
                    tie,
                    seed,
                    cancelled=feedback.isCanceled,
                    matrix=result.matrix,
                )
            except dist.CancelledError:
                raise QgsProcessingException(self.tr("Cancelled.")) from None
            results[self.ALL_DISTANCES] = self._write_table(
                parameters, context, feedback, table, uprns, names, gate_label, written
            )
        return results

    @staticmethod
    def _write_rows(sink, fields, result, a_xy, i, uprn, names, labels, limits, phase) -> int:
        """OUTPUT's rows of address *i* through the sink; returns how many."""
        from ..core.catchments import distances as dist

        geom = QgsGeometry()
        if np.isfinite(a_xy[i]).all():
            geom = QgsGeometry.fromPointXY(QgsPointXY(float(a_xy[i, 0]), float(a_xy[i, 1])))
        beyond = float(result.beyond_limit_m[i])
        beyond = None if np.isnan(beyond) else beyond
        rows = 0
        if result.facility[i, 0] < 0:
            feature = QgsFeature(fields)
            feature.setGeometry(geom)
            feature.setAttributes([uprn, None, None, None, None, None, None, result.status[i]])
            sink.addFeature(feature, SINK_FAST_INSERT)
            return 1
        for r in range(result.facility.shape[1]):
            f = int(result.facility[i, r])
            if f < 0:
                break
            metres = float(result.network_m[i, r])
            feature = QgsFeature(fields)
            feature.setGeometry(geom)
            feature.setAttributes(
                [
                    uprn,
                    r + 1,
                    names[f],
                    round(metres, 2),
                    round(float(result.straight_m[i, r]), 2),
                    labels[int(result.gate[i, r])],
                    beyond,
                    dist.reason(r + 1, phase, names[f], metres, limits),
                ]
            )
            sink.addFeature(feature, SINK_FAST_INSERT)
            rows += 1
        return rows

    # -- the full table -----------------------------------------------------------------

    def _write_table(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        table: object,
        uprns: list,
        names: list[str],
        labels: list[str],
        start: float,
    ) -> str:
        """ALL_DISTANCES: in batches to a GeoPackage or CSV file, else through the sink."""
        from . import table_writer

        m, f = table.facility.shape
        total = m * f
        destination = self.parameterAsOutputLayer(parameters, self.ALL_DISTANCES, context)

        def progress(rows: int) -> None:
            feedback.setProgress(start + (100 - start) * rows / max(total, 1))

        target = table_writer.fast_file(destination)
        why = table_writer.why_not_batches()
        if target is not None:
            path, driver, how = target
            rows = self._write_batches(
                target, _table_batches(table, uprns, names, labels), progress, feedback,
                "ALL_DISTANCES",
            )  # fmt: skip
            feedback.pushInfo(
                f"ALL_DISTANCES: {m:,} addresses × {f:,} facilities = {rows:,} rows, "
                f"written to {path} in batches ({driver}, "
                + ("pyogrio)." if how == "arrow" else f"pyarrow's CSV then GDAL; {why}).")
            )
            load_on_completion(
                parameters.get(self.ALL_DISTANCES), str(path), context, self, self.ALL_DISTANCES
            )
            return str(path)
        if why and table_writer.DRIVERS.get(Path(destination.split("|")[0]).suffix.lower()):
            feedback.pushInfo(
                f"ALL_DISTANCES is written feature by feature ({why}): {total:,} rows take "
                "a while."
            )
        sink, dest = self.parameterAsSink(
            parameters, self.ALL_DISTANCES, context, qgs_fields(TABLE_FIELDS), WKB_NONE
        )
        if sink is None:
            raise QgsProcessingException(self.tr("Could not create ALL_DISTANCES."))
        fields = qgs_fields(TABLE_FIELDS)
        rows = 0
        for batch in _table_batches(table, uprns, names, labels):
            features = []
            for values in zip(*(column.to_pylist() for column in batch.columns)):
                feature = QgsFeature(fields)
                feature.setAttributes(list(values))
                features.append(feature)
            sink.addFeatures(features, SINK_FAST_INSERT)
            rows += len(features)
            progress(rows)
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled."))
        feedback.pushInfo(
            f"ALL_DISTANCES: {m:,} addresses × {f:,} facilities = {rows:,} rows (feature sink)."
        )
        return dest

    def postProcessAlgorithm(self, context, feedback):
        """Style OUTPUT as eligibility (within / beyond each limit) and ROUTES as lines."""
        styles = getattr(self, "_styles", None)
        if styles:
            dest, limits = styles["output"]
            style_output(dest, str(eligibility_qml(limits)), context, feedback)
            style_output(styles["routes"], "facility_routes.qml", context, feedback)
        return {}


def _table_batches(table, uprns, names, labels):
    """ALL_DISTANCES as pyarrow record batches of about TABLE_BATCH_ROWS rows."""
    import pyarrow as pa

    m, f = table.facility.shape
    uprn = _uprn_array(uprns)
    name_values = pa.array([str(n) for n in names], type=pa.string())
    label_values = pa.array([str(g) for g in labels], type=pa.string())
    step = max(1, TABLE_BATCH_ROWS // max(f, 1))
    for begin in range(0, m, step):
        end = min(m, begin + step)
        reached = table.rank[begin:end].reshape(-1) > 0
        network = np.round(table.network_m[begin:end].reshape(-1), 2)
        straight = np.round(table.straight_m[begin:end].reshape(-1), 2)
        yield pa.record_batch(
            [
                uprn.take(pa.array(np.repeat(np.arange(begin, end), f))),
                pa.array(table.rank[begin:end].reshape(-1), mask=~reached),
                pa.DictionaryArray.from_arrays(
                    pa.array(table.facility[begin:end].reshape(-1)), name_values
                ),
                pa.array(network, mask=~reached),
                pa.array(straight, mask=np.isnan(straight)),
                pa.DictionaryArray.from_arrays(
                    pa.array(table.gate[begin:end].reshape(-1).astype(np.int32), mask=~reached),
                    label_values,
                ),
            ],
            names=[field.name for field in TABLE_FIELDS],
        )


def _as_int(value: object) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _output_batches(result, a_xy, uprns, names, labels, limits, phase):
    """OUTPUT as pyarrow record batches with point WKB: the rows the sink would get, in
    the same order (each address's ranks; one row with its reason when none)."""
    import pyarrow as pa

    from ..core.catchments import distances as dist
    from .table_writer import point_wkb

    m, k = result.facility.shape
    uprn = _uprn_array(uprns)
    name_values = pa.array([str(n) for n in names], type=pa.string())
    label_values = pa.array([str(g) for g in labels], type=pa.string())
    step = max(1, TABLE_BATCH_ROWS // max(k, 1))
    for begin in range(0, m, step):
        end = min(m, begin + step)
        top = result.facility[begin:end]
        keep = (top >= 0) | ((top[:, :1] < 0) & (np.arange(k)[None, :] == 0))
        row, col = np.nonzero(keep)
        address = row + begin
        facility = top[row, col]
        ranked = facility >= 0
        metres = result.network_m[begin:end][row, col]
        xy = a_xy[address]
        wkb = point_wkb(xy)  # not shapely: in qgis_process it meets QGIS's own GEOS
        beyond = result.beyond_limit_m[address]
        straight = np.round(result.straight_m[begin:end][row, col], 2)
        reasons = [
            dist.reason(int(c) + 1, phase, names[f], float(d), limits)
            if f >= 0
            else result.status[a]
            for a, c, f, d in zip(
                address.tolist(), col.tolist(), facility.tolist(), metres.tolist()
            )
        ]
        yield pa.record_batch(
            [
                uprn.take(pa.array(address)),
                pa.array((col + 1).astype(np.int32), mask=~ranked),
                pa.DictionaryArray.from_arrays(
                    pa.array(np.maximum(facility, 0).astype(np.int32), mask=~ranked), name_values
                ),
                pa.array(np.round(metres, 2), mask=~ranked),
                pa.array(straight, mask=~ranked | np.isnan(straight)),
                pa.DictionaryArray.from_arrays(
                    pa.array(
                        np.maximum(result.gate[begin:end][row, col], 0).astype(np.int32),
                        mask=~ranked,
                    ),
                    label_values,
                ),
                pa.array(beyond, mask=np.isnan(beyond)),
                pa.array(reasons, type=pa.string()),
                pa.array(wkb, type=pa.binary()),
            ],
            names=[field.name for field in OUTPUT_FIELDS] + ["geom"],
        )


def _uprn_array(uprns):
    import pyarrow as pa

    try:
        return pa.array(uprns, type=pa.int64())
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        return pa.array([_as_int(u) for u in uprns], type=pa.int64())


LIMIT_COLOURS = ("#f28e2b", "#e15759", "#b07aa1", "#76b7b2")


def eligibility_renderer(limits: list[float]) -> QgsRuleBasedRenderer:
    """Nearest-facility rows (rank 1) coloured within every limit / beyond each limit."""
    from ..core.catchments.distances import limit_words

    root = QgsRuleBasedRenderer.Rule(None)

    def add(label: str, expression: str, colour: str) -> None:
        symbol = QgsSymbol.defaultSymbol(GEOMETRY_POINT)
        symbol.setColor(QColor(colour))
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label))

    add(
        tr("within every limit") if limits else tr("nearest reached"),
        '"rank" = 1 AND "beyond_limit_m" IS NULL',
        "#59a14f",
    )
    for i, limit in enumerate(sorted(limits)):
        add(
            tr("beyond the {limit} limit").format(limit=limit_words(limit)),
            f'"rank" = 1 AND "beyond_limit_m" = {limit!r}',
            LIMIT_COLOURS[i % len(LIMIT_COLOURS)],
        )
    add(tr("no walking route"), '"rank" IS NULL', "#7f7f7f")
    return QgsRuleBasedRenderer(root)


def eligibility_qml(limits: list[float]) -> Path:
    """A QML file holding the eligibility style for these limits."""
    layer = QgsVectorLayer(
        "Point?crs=EPSG:27700&field=rank:integer&field=beyond_limit_m:double", "s", "memory"
    )
    layer.setRenderer(eligibility_renderer(limits))
    folder = Path(tempfile.mkdtemp(prefix="placelink_style_"))
    path = folder / "facility_eligibility.qml"
    layer.saveNamedStyle(str(path))
    return path
