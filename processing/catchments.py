"""``placelink:catchments``: nearest facility along the street network, catchments, bands."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core import schema
from ..qgis_support.compat import (
    NUMBER_DOUBLE,
    SINK_FAST_INSERT,
    SOURCE_LINE,
    SOURCE_POINT,
    SOURCE_POLYGON,
    WKB_MULTIPOLYGON,
    WKB_POINT,
)
from ..qgis_support.fields import qgs_fields
from ..qgis_support.styling import style_catchment_outputs
from .base import PlaceLinkAlgorithm
from .secondary import secondary_sink, secondary_sink_parameter

if hasattr(Qgis, "ProcessingFieldParameterDataType"):  # QGIS >= 3.36
    FIELD_ANY = Qgis.ProcessingFieldParameterDataType.Any
    FIELD_NUMERIC = Qgis.ProcessingFieldParameterDataType.Numeric
else:
    FIELD_ANY = QgsProcessingParameterField.DataType.Any
    FIELD_NUMERIC = QgsProcessingParameterField.DataType.Numeric

#: Road classification fields looked for when EXCLUDE_MOTORWAYS is on (first found wins).
CLASS_FIELDS = (
    "class",
    "road_classification",
    "roadclassification",
    "classification",
    "highway",
    "fclass",
    "road_class",
    "roadclass",
)
BATCH = 5000

FACILITY = (
    schema.Field("facility_id", schema.INT),
    schema.Field("facility_name", schema.TEXT, 120),
)
#: ASSIGNMENTS fields after the address key (``uprn``, or the ADDRESS_ID_FIELD's values).
ASSIGNMENT_FIELDS = (
    *FACILITY,
    schema.Field("distance_m", schema.REAL),
    schema.Field("reachable", schema.INT),
    schema.Field("reason", schema.TEXT, 120),
)
CATCHMENT_FIELDS = (
    *FACILITY,
    schema.Field("address_count", schema.INT),
    schema.Field("capacity", schema.REAL),
    schema.Field("utilisation", schema.REAL),
    schema.Field("area_m2", schema.REAL),
)
BAND_FIELDS = (
    *FACILITY,
    schema.Field("band_min", schema.REAL),
    schema.Field("band_max", schema.REAL),
    schema.Field("band_unit", schema.TEXT, 20),
    schema.Field("band_min_m", schema.REAL),
    schema.Field("band_max_m", schema.REAL),
    schema.Field("area_m2", schema.REAL),
)


def parse_bands(text: str) -> list[float]:
    """``"400, 800,1600"`` → ``[400.0, 800.0, 1600.0]`` (sorted, positive, distinct)."""
    values = []
    for piece in (text or "").replace(";", ",").split(","):
        piece = piece.strip()
        if not piece:
            continue
        try:
            value = float(piece)
        except ValueError as exc:
            raise ValueError(f"band {piece!r} is not a number") from exc
        if value <= 0:
            raise ValueError(f"band {piece!r} must be greater than zero")
        values.append(value)
    return sorted(set(values))


class Catchments(PlaceLinkAlgorithm):
    """Assign every address to its nearest facility along the street network."""

    ID = "catchments"
    NAME = "Catchments"
    GROUP = "Catchments"
    GROUP_ID = "catchments"
    TAGS = (
        "catchment",
        "school",
        "admissions",
        "nearest facility",
        "service area",
        "network",
        "distance bands",
        "capacity",
        "UPRN",
    )
    ICON = "catchments.svg"
    REQUIRES = ("scipy", "shapely")
    HELP = (
        "Finds, for every address, its nearest facility (school, library, depot…) along the "
        "street network, draws catchment polygons that tile the area, and the areas within "
        "distance bands of each facility.\n\n"
        "How: the network is turned into a graph once (nodes at line ends and at vertices "
        "that lines share; a line ending on the middle of another is joined there; lines "
        "that cross without a shared vertex, such as bridges, are not). Every facility and "
        "address joins its nearest street at the nearest point, and the distance counts the "
        "walk to the street plus the distance along it. One shortest-path search from all "
        "facilities together gives every address its nearest facility. Ties go to the "
        "facility with the lowest feature id. Without a NETWORK, distances are straight "
        "lines.\n\n"
        "Addresses that cannot reach any facility (a separate part of the network, or "
        "farther from every street than MAX_SNAP_DISTANCE) are kept in ASSIGNMENTS with "
        "reachable = 0 and the reason, never given a straight-line answer.\n\n"
        "CAPACITY_FIELD: addresses are assigned so that no facility takes more than its "
        "capacity and the total distance travelled is the least possible. This is solved "
        "exactly as a minimum-cost flow (addresses grouped by position, joined to the two "
        "ends of their street, ends joined to facilities) with scipy: the maximum number "
        "of addresses that capacity allows, then the cheapest way to place them (HiGHS). It "
        "is first solved with each street end's nearest facilities and then proven optimal "
        "against all of them (or widened until it is). Distances are whole millimetres. "
        "If capacity is short, the addresses left over are reported (reason 'could not be "
        "placed: every facility it can reach is full') and counted in OVERFLOW.\n\n"
        "BANDS: distances such as 400,800,1600 (metres), or minutes when SPEED_KMH is set. "
        "BAND_AREAS are the streets within each band of their nearest facility, buffered "
        "by BAND_WIDTH, as rings (400–800 excludes 0–400) clipped to the catchments.\n\n"
        "CATCHMENTS: Voronoi cells of the addresses dissolved by facility and clipped to "
        "BOUNDARY (default: around all addresses), so every point of the area belongs to "
        "exactly one catchment; addresses with no facility form a piece with no "
        "facility_id, named for why (could not be placed: facilities full; no facility "
        "reachable), listed last and in grey. Fields: facility_name, address_count, "
        "capacity, utilisation, area_m2.\n\n"
        "Network options: SNAP_TOLERANCE joins line ends and vertices closer than it; "
        "DIRECTION_FIELD makes streets one-way (values such as yes/1/true/FT or -1/"
        "reverse/TF; OS 'inDirection'/'inOppositeDirection'), distances being measured "
        "from the address to the facility; EXCLUDE_MOTORWAYS drops lines whose road "
        "classification field (class, road_classification, highway, …) names a motorway.\n\n"
        "All layers must use a projected CRS in metres; other layers are transformed to "
        "the ADDRESSES layer's CRS."
    )

    FACILITIES = "FACILITIES"
    NAME_FIELD = "NAME_FIELD"
    CAPACITY_FIELD = "CAPACITY_FIELD"
    ADDRESSES = "ADDRESSES"
    ADDRESS_ID_FIELD = "ADDRESS_ID_FIELD"
    NETWORK = "NETWORK"
    BOUNDARY = "BOUNDARY"
    BANDS = "BANDS"
    SPEED_KMH = "SPEED_KMH"
    SNAP_TOLERANCE = "SNAP_TOLERANCE"
    MAX_SNAP_DISTANCE = "MAX_SNAP_DISTANCE"
    DIRECTION_FIELD = "DIRECTION_FIELD"
    EXCLUDE_MOTORWAYS = "EXCLUDE_MOTORWAYS"
    BAND_WIDTH = "BAND_WIDTH"
    ASSIGNMENTS = "ASSIGNMENTS"
    CATCHMENTS = "CATCHMENTS"
    BAND_AREAS = "BAND_AREAS"

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FACILITIES, self.tr("Facilities"), [SOURCE_POINT]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.NAME_FIELD, self.tr("Facility name field"), None, self.FACILITIES, FIELD_ANY
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CAPACITY_FIELD,
                self.tr("Capacity field (optional)"),
                None,
                self.FACILITIES,
                FIELD_NUMERIC,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ADDRESSES, self.tr("Addresses (or any points)"), [SOURCE_POINT]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ADDRESS_ID_FIELD,
                self.tr("Address key field (default: uprn if present, else feature id)"),
                None,
                self.ADDRESSES,
                FIELD_ANY,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.NETWORK,
                self.tr("Street network (optional; none = straight-line distance)"),
                [SOURCE_LINE],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.BOUNDARY, self.tr("Boundary (optional)"), [SOURCE_POLYGON], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.BANDS,
                self.tr("Bands (metres, or minutes with a speed)"),
                "400,800,1600",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SPEED_KMH,
                self.tr("Speed in km/h (optional: bands are then minutes)"),
                NUMBER_DOUBLE,
                0.0,
                optional=True,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterDistance(
                self.SNAP_TOLERANCE,
                self.tr("Snap tolerance: join line ends and vertices closer than"),
                0.0,
                self.ADDRESSES,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterDistance(
                self.MAX_SNAP_DISTANCE,
                self.tr("Farthest an address may be from a street (0 = no limit)"),
                0.0,
                self.ADDRESSES,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.DIRECTION_FIELD,
                self.tr("One-way direction field (optional)"),
                None,
                self.NETWORK,
                FIELD_ANY,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.EXCLUDE_MOTORWAYS, self.tr("Exclude motorways (walking)"), False
            )
        )
        self.addParameter(
            QgsProcessingParameterDistance(
                self.BAND_WIDTH,
                self.tr("Band area width either side of the street"),
                50.0,
                self.ADDRESSES,
                minValue=0.1,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.ASSIGNMENTS, self.tr("Assignments"), SOURCE_POINT
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CATCHMENTS, self.tr("Catchments"), SOURCE_POLYGON
            )
        )
        self.addParameter(
            secondary_sink_parameter(self.BAND_AREAS, self.tr("Band areas"), SOURCE_POLYGON)
        )
        self.addOutput(
            QgsProcessingOutputNumber("UNREACHED", self.tr("Addresses with no facility"))
        )
        self.addOutput(QgsProcessingOutputNumber("OVERFLOW", self.tr("Addresses over capacity")))

    # -- reading ------------------------------------------------------------------------

    @staticmethod
    def _request(crs: QgsCoordinateReferenceSystem, context) -> QgsFeatureRequest:
        request = QgsFeatureRequest()
        request.setDestinationCrs(crs, context.transformContext())
        return request

    def _points(self, source, crs, context, fields: list[str], feedback):
        """Feature ids, (n, 2) coordinates (NaN for no geometry) and the named attributes."""
        from ..core.catchments.pipeline import CancelledError

        ids, xy = [], []
        values: dict[str, list] = {name: [] for name in fields}
        idx = {name: source.fields().lookupField(name) for name in fields}
        for feature in source.getFeatures(self._request(crs, context)):
            ids.append(feature.id())
            geom = feature.geometry()
            if geom is None or geom.isEmpty():
                xy.append((np.nan, np.nan))
            else:
                point = geom.asPoint() if not geom.isMultipart() else geom.asMultiPoint()[0]
                xy.append((point.x(), point.y()))
            attrs = feature.attributes()
            for name in fields:
                value = attrs[idx[name]]
                values[name].append(None if _is_null(value) else value)
            if len(ids) % 50_000 == 0 and feedback.isCanceled():
                raise CancelledError("reading")
        return np.array(ids, dtype=np.int64), np.array(xy, dtype=float).reshape(-1, 2), values

    def _geometries(self, source, crs, context, fields: list[str]):
        """Shapely geometries (None for empty) and the named attributes."""
        import shapely

        wkb, values = [], {name: [] for name in fields}
        idx = {name: source.fields().lookupField(name) for name in fields}
        for feature in source.getFeatures(self._request(crs, context)):
            geom = feature.geometry()
            wkb.append(None if geom is None or geom.isEmpty() else bytes(geom.asWkb()))
            attrs = feature.attributes()
            for name in fields:
                value = attrs[idx[name]]
                values[name].append(None if _is_null(value) else value)
        geoms = np.array([None if w is None else shapely.from_wkb(w) for w in wkb], dtype=object)
        return geoms, values

    # -- running ------------------------------------------------------------------------

    def processAlgorithm(self, parameters, context, feedback):
        # shapely and scipy are optional plugin dependencies: imported here, not at module
        # level, so the provider loads (and this algorithm refuses clearly) without them.
        import shapely

        from ..core.catchments.graph import is_motorway, parse_direction
        from ..core.catchments.pipeline import OVERFLOW, REASONS, CancelledError, run_catchments

        facilities = self.parameterAsSource(parameters, self.FACILITIES, context)
        addresses = self.parameterAsSource(parameters, self.ADDRESSES, context)
        if facilities is None or addresses is None:
            raise QgsProcessingException(self.tr("FACILITIES and ADDRESSES are required."))
        network = self.parameterAsSource(parameters, self.NETWORK, context)
        boundary_src = self.parameterAsSource(parameters, self.BOUNDARY, context)
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context)
        capacity_field = self.parameterAsString(parameters, self.CAPACITY_FIELD, context)
        key_field = self.parameterAsString(parameters, self.ADDRESS_ID_FIELD, context)
        direction_field = self.parameterAsString(parameters, self.DIRECTION_FIELD, context)
        speed = self.parameterAsDouble(parameters, self.SPEED_KMH, context) or 0.0
        try:
            bands = parse_bands(self.parameterAsString(parameters, self.BANDS, context))
        except ValueError as exc:
            raise QgsProcessingException(str(exc)) from exc
        band_metres = [b * speed * 1000.0 / 60.0 for b in bands] if speed > 0 else bands

        crs = addresses.sourceCrs()
        if not crs.isValid() or crs.isGeographic():
            raise QgsProcessingException(
                self.tr(
                    "ADDRESSES must be in a projected CRS in metres (such as EPSG:27700); "
                    "it is {crs}."
                ).format(crs=crs.authid() or "unknown")
            )
        if not key_field and addresses.fields().lookupField("uprn") >= 0:
            key_field = "uprn"
        for name in (name_field, capacity_field):
            if name and facilities.fields().lookupField(name) < 0:
                raise QgsProcessingException(
                    self.tr("FACILITIES has no field {name!r}.").format(name=name)
                )

        feedback.setProgressText(self.tr("Reading facilities and addresses"))
        try:
            f_ids, f_xy, f_vals = self._points(
                facilities, crs, context, [n for n in (name_field, capacity_field) if n], feedback
            )
            a_ids, a_xy, a_vals = self._points(
                addresses, crs, context, [key_field] if key_field else [], feedback
            )
        except CancelledError:
            raise QgsProcessingException(self.tr("Cancelled.")) from None
        if len(f_ids) == 0:
            raise QgsProcessingException(self.tr("FACILITIES has no features."))

        def named(rows: np.ndarray) -> str:
            """Facilities by name (their feature ids when unnamed), at most ten."""
            shown = []
            for i in rows[:10]:
                name = str(f_vals[name_field][i] or "") if name_field else ""
                shown.append(name or self.tr("feature {fid}").format(fid=f_ids[i]))
            return ", ".join(shown) + ("…" if len(rows) > 10 else "")

        bad = np.flatnonzero(~np.isfinite(f_xy).all(axis=1))
        if len(bad):
            raise QgsProcessingException(
                self.tr("{n} facilities have no point: {names}.").format(
                    n=len(bad), names=named(bad)
                )
            )
        order = np.argsort(f_ids, kind="stable")  # ties go to the lowest feature id
        names = (
            [str(f_vals[name_field][i]) if f_vals[name_field][i] is not None else "" for i in order]
            if name_field
            else [str(i) for i in f_ids[order]]
        )
        capacity = None
        if capacity_field:
            raw = [f_vals[capacity_field][i] for i in order]
            missing = order[[v is None for v in raw]]
            if len(missing):
                raise QgsProcessingException(
                    self.tr("{n} facilities have no {field} value: {names}.").format(
                        n=len(missing), field=capacity_field, names=named(missing)
                    )
                )
            capacity = np.array([float(v) for v in raw])
        f_ids, f_xy = f_ids[order], f_xy[order]

        lines = direction = None
        if network is not None:
            feedback.setProgressText(self.tr("Reading the street network"))
            fields = [n for n in (direction_field,) if n]
            class_field = None
            if self.parameterAsBool(parameters, self.EXCLUDE_MOTORWAYS, context):
                lower = {f.name().lower(): f.name() for f in network.fields()}
                class_field = next((lower[c] for c in CLASS_FIELDS if c in lower), None)
                if class_field is None:
                    feedback.pushWarning(
                        self.tr(
                            "EXCLUDE_MOTORWAYS is on but the network has no road "
                            "classification field; no lines were excluded."
                        )
                    )
                else:
                    fields.append(class_field)
            lines, n_vals = self._geometries(network, crs, context, fields)
            if direction_field:
                direction = parse_direction(n_vals[direction_field])
                feedback.pushInfo(
                    f"One-way: {int((direction != 0).sum()):,} of {len(lines):,} lines."
                )
            if class_field:
                motorway = is_motorway(n_vals[class_field])
                lines = lines[~motorway]
                if direction is not None:
                    direction = direction[~motorway]
                feedback.pushInfo(f"Excluded {int(motorway.sum()):,} motorway line(s).")
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled."))

        boundary = None
        if boundary_src is not None:
            polys, _ = self._geometries(boundary_src, crs, context, [])
            polys = polys[[p is not None for p in polys]]
            if len(polys) == 0:
                raise QgsProcessingException(self.tr("BOUNDARY has no polygon."))
            boundary = shapely.make_valid(shapely.union_all(polys))

        def progress(stage: str, pct: float) -> None:
            feedback.setProgressText(self.tr("Done: {stage}").format(stage=stage))
            feedback.setProgress(pct)

        try:
            result = run_catchments(
                f_xy,
                a_xy,
                lines=lines,
                direction=direction,
                facility_capacity=capacity,
                boundary=boundary,
                bands=band_metres,
                node_tolerance=self.parameterAsDouble(parameters, self.SNAP_TOLERANCE, context),
                max_snap=self.parameterAsDouble(parameters, self.MAX_SNAP_DISTANCE, context)
                or None,
                band_width=self.parameterAsDouble(parameters, self.BAND_WIDTH, context),
                progress=progress,
                cancelled=feedback.isCanceled,
            )
        except CancelledError:
            raise QgsProcessingException(self.tr("Cancelled.")) from None
        except (ValueError, RuntimeError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        if result.graph is not None and result.graph.skipped_lines:
            feedback.pushWarning(
                f"{result.graph.skipped_lines:,} network feature(s) had no line geometry "
                "and were not used."
            )
        for stage, seconds in result.timings.items():
            feedback.pushInfo(f"{stage}: {seconds:.2f} s")

        # -- writing --------------------------------------------------------------------
        key_values = a_vals[key_field] if key_field else a_ids.tolist()
        key_is_int = all(_is_int(v) for v in key_values if v is not None)
        uprn = schema.Field("uprn", schema.INT if key_is_int else schema.TEXT, 100)
        a_fields = qgs_fields((uprn, *ASSIGNMENT_FIELDS))
        sink, a_dest = self.parameterAsSink(
            parameters, self.ASSIGNMENTS, context, a_fields, WKB_POINT, crs
        )
        if sink is None:
            raise QgsProcessingException(self.tr("Could not create ASSIGNMENTS."))
        flags = SINK_FAST_INSERT
        batch = []
        fac = result.facility
        for i in range(len(a_ids)):
            f = int(fac[i])
            feature = QgsFeature(a_fields)
            key = key_values[i]
            feature.setAttributes(
                [
                    (int(key) if key_is_int else str(key)) if key is not None else None,
                    int(f_ids[f]) if f >= 0 else None,
                    names[f] if f >= 0 else None,
                    float(result.distance[i]) if f >= 0 else None,
                    1 if f >= 0 else 0,
                    REASONS[int(result.reason[i])],
                ]
            )
            if np.isfinite(a_xy[i]).all():
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*a_xy[i])))
            batch.append(feature)
            if len(batch) >= BATCH:
                sink.addFeatures(batch, flags)
                batch = []
                if feedback.isCanceled():
                    raise QgsProcessingException(self.tr("Cancelled."))
        sink.addFeatures(batch, flags)

        counts = result.facility_counts(len(f_ids))
        c_fields = qgs_fields(CATCHMENT_FIELDS)
        c_sink, c_dest = self.parameterAsSink(
            parameters, self.CATCHMENTS, context, c_fields, WKB_MULTIPOLYGON, crs
        )
        if c_sink is None:
            raise QgsProcessingException(self.tr("Could not create CATCHMENTS."))
        unreached_reasons = set(result.reason[fac < 0].tolist())
        if unreached_reasons == {OVERFLOW}:
            unplaced_name = self.tr("(could not be placed: facilities full)")
        elif OVERFLOW in unreached_reasons:
            unplaced_name = self.tr("(no facility: full or not reachable)")
        else:
            unplaced_name = self.tr("(no facility reachable)")
        for label, poly in zip(result.catchment_labels, result.catchment_polygons):
            f = int(label)
            cap = float(capacity[f]) if capacity is not None and f >= 0 else None
            count = int(counts[f]) if f >= 0 else int((fac < 0).sum())
            feature = QgsFeature(c_fields)
            feature.setAttributes(
                [
                    int(f_ids[f]) if f >= 0 else None,
                    names[f] if f >= 0 else unplaced_name,
                    count,
                    cap,
                    (count / cap) if cap else None,
                    float(poly.area),
                ]
            )
            feature.setGeometry(_to_qgs(poly))
            c_sink.addFeature(feature, flags)

        b_fields = qgs_fields(BAND_FIELDS)
        b_sink, b_dest = secondary_sink(
            self, parameters, self.BAND_AREAS, context, b_fields, WKB_MULTIPOLYGON, crs
        )
        if b_sink is None:
            raise QgsProcessingException(self.tr("Could not create BAND_AREAS."))
        per_metre = 60.0 / (speed * 1000.0) if speed > 0 else 1.0
        for f, low, high, poly in result.band_areas:
            feature = QgsFeature(b_fields)
            feature.setAttributes(
                [
                    int(f_ids[f]),
                    names[f],
                    round(low * per_metre, 6),
                    round(high * per_metre, 6),
                    "min" if speed > 0 else "m",
                    float(low),
                    float(high),
                    float(poly.area),
                ]
            )
            feature.setGeometry(_to_qgs(poly))
            b_sink.addFeature(feature, flags)
        if network is None and bands:
            feedback.pushInfo("BAND_AREAS need a NETWORK; none were drawn.")

        unreached = result.unreached
        assigned = len(a_ids) - unreached
        feedback.pushInfo(
            f"{len(a_ids):,} addresses read: {assigned:,} assigned + {unreached:,} with no "
            f"facility ({result.overflow:,} of them over capacity) = {assigned + unreached:,}"
        )
        if unreached:
            feedback.pushWarning(
                f"{unreached:,} address(es) have no facility; see reachable = 0 and reason."
            )
        self._dests = {"catchments": c_dest, "assignments": a_dest, "bands": b_dest}
        return {
            self.ASSIGNMENTS: a_dest,
            self.CATCHMENTS: c_dest,
            self.BAND_AREAS: b_dest,
            "UNREACHED": unreached,
            "OVERFLOW": result.overflow,
        }

    def postProcessAlgorithm(self, context, feedback):
        """Style the outputs by facility, with the same colour for a facility in every layer."""
        dests = getattr(self, "_dests", None)
        if dests:
            style_catchment_outputs(dests, "facility_name", context, feedback)
        return {}


def _is_null(value: object) -> bool:
    if value is None:
        return True
    is_null = getattr(value, "isNull", None)
    return bool(is_null()) if callable(is_null) else False


def _is_int(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, str) and value.strip().isdigit()


def _to_qgs(geom) -> QgsGeometry:
    """A (multi)polygon QgsGeometry from shapely."""
    import shapely

    if geom is None or shapely.is_empty(geom):
        return QgsGeometry()  # e.g. a facility that serves no address
    if shapely.get_type_id(geom) == 3:
        geom = shapely.multipolygons([geom])
    out = QgsGeometry()
    out.fromWkb(shapely.to_wkb(geom, output_dimension=2))
    return out
