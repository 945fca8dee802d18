"""``placelink:loadstreets``: street gazetteers and road networks into the streets layer."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingUtils,
    QgsVectorLayer,
)

from ..core import schema
from ..core.formats import open_roads, open_usrn
from ..core.formats.assemble import LoadCancelledError
from ..core.records import LoadStats
from ..core.street_loaders import (
    STREET_FORMATS,
    VECTOR_FORMATS,
    VECTOR_SUFFIXES,
    detect_street_format,
    detect_vector_format,
    expand_paths,
    is_vector_path,
    load_streets,
    street_fields,
)
from ..qgis_support.compat import SOURCE_LINE, WKB_MULTILINESTRING, WKB_NONE
from ..qgis_support.fields import REJECTS, FeatureFactory, plain_value
from .base import PlaceLinkAlgorithm
from .loader import add_loader_parameters, report, write_records
from .output_style import style_output
from .postgis_copy import DATABASE_ERRORS, copy_records, layer_uri, postgis_destination
from .secondary import secondary_sink

BATCH = 5000
_KNOWN_LAYERS = (open_usrn.LAYER, open_roads.LAYER, "RoadLink")


def _vector_uri(path: str) -> tuple[str, str]:
    """(GDAL data source, layer name) for an input path, a ``path|layername=…`` or a zip."""
    base, _, options = path.partition("|")
    layer_name = ""
    for option in options.split("|"):
        if option.startswith("layername="):
            layer_name = option[len("layername=") :]
    source = base
    if base.lower().endswith(".zip") and zipfile.is_zipfile(base):
        with zipfile.ZipFile(base) as archive:
            members = sorted(n for n in archive.namelist() if n.lower().endswith(VECTOR_SUFFIXES))
        if not members:
            raise QgsProcessingException(f"{Path(base).name} holds no GIS vector file")
        source = f"/vsizip/{base}/{members[0]}"
    if not layer_name:
        try:
            dataset = ogr.Open(source)
        except RuntimeError:  # GDAL built or set to raise exceptions
            dataset = None
        if dataset is None:
            raise QgsProcessingException(f"{Path(base).name} could not be opened as a GIS file")
        names = [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
        known = [n for n in names if n.lower() in {k.lower() for k in _KNOWN_LAYERS}]
        if known:
            layer_name = known[0]
        elif len(names) == 1:
            layer_name = names[0]
        else:
            raise QgsProcessingException(
                f"{Path(base).name} has layers {', '.join(names)}: give one as "
                f"{Path(base).name}|layername=NAME"
            )
    return source, layer_name


def _open_layers(paths: list[str], context) -> list[tuple[str, QgsVectorLayer]]:
    """Open the input layers, owned by the run's context (not by Python frames that an
    exception's traceback could keep alive past QGIS's exit)."""
    layers = []
    for path in paths:
        source, layer_name = _vector_uri(path)
        layer = QgsVectorLayer(f"{source}|layername={layer_name}", layer_name, "ogr")
        if not layer.isValid():
            raise QgsProcessingException(f"could not open layer {layer_name!r} of {path}")
        context.temporaryLayerStore().addMapLayer(layer)
        layers.append((f"{Path(path.split('|')[0]).name}:{layer_name}", layer))
    return layers


def _features(layers, context, feedback) -> Iterator[open_usrn.VectorFeature]:
    """Plain (name, fid, attributes, WKB) tuples from the layers, in EPSG:27700."""
    crs = QgsCoordinateReferenceSystem(schema.CRS)
    total = sum(max(layer.featureCount(), 0) for _, layer in layers) or 1
    done = 0
    for label, layer in layers:
        request = QgsFeatureRequest()
        if layer.crs().isValid() and layer.crs() != crs:
            feedback.pushInfo(f"{label}: reprojecting from {layer.crs().authid()} to {schema.CRS}")
            request.setDestinationCrs(crs, context.transformContext())
        names = layer.fields().names()
        for feature in layer.getFeatures(request):
            if feedback.isCanceled():
                return
            geometry = feature.geometry()
            wkb = None if geometry.isNull() else bytes(geometry.asWkb())
            attributes = {n: plain_value(v) for n, v in zip(names, feature.attributes())}
            yield (label, feature.id(), attributes, wkb)
            done += 1
            if done % BATCH == 0:
                feedback.setProgress(100 * done / total)


class LoadStreets(PlaceLinkAlgorithm):
    """Read street gazetteer or road network files into the canonical streets layer."""

    ID = "loadstreets"
    NAME = "Load streets"
    GROUP = "Load"
    GROUP_ID = "load"
    TAGS = (
        "NSG",
        "USRN",
        "street gazetteer",
        "DTF 8.1",
        "Open USRN",
        "Open Roads",
        "streets",
        "import",
    )
    ICON = "load_streets.svg"
    REQUIRES = ("pandas", "shapely")
    HELP = (
        "Reads street gazetteers and road networks into PlaceLink's canonical streets layer "
        "(EPSG:27700 lines: usrn, street description, locality, town, administrative area, "
        "street type, state, classification, dates, surface and geometry_source).\n\n"
        "Formats: NSG DTF 8.1 (street, cross reference, ESU, ESU coordinate and descriptor "
        "records: ESU polylines joined per USRN); DTF 7.3 street records (11 and 15: a "
        "straight start–end line, geometry_source 'start-end line'); OS Open USRN "
        "(GeoPackage, Z dropped); OS Open Roads road links (adds link_id, road_number, "
        "road_function, form_of_way, length_m, start_node, end_node, … so the network can be "
        "routed). 'Auto' detects the format.\n\n"
        "INPUT: one or more files: CSV, zip archives of CSVs, or GeoPackages (a layer can be "
        "named as file.gpkg|layername=NAME). Change-only update files (change types I/U/D) "
        "are applied in the order given.\n"
        "REJECTED: every record not loaded, with file, line, raw text and the reason "
        "(unknown record type, truncated line, coordinates outside the British National "
        "Grid, record superseded or deleted by an update, …). For DTF files several records "
        "make one street: OUTPUT rows count the records merged into streets (FEATURES counts "
        "the streets). OUTPUT rows plus REJECTED rows account for every data row read, and "
        "the log says so.\n"
        "DTF records are staged in a temporary SQLite file and joined there (removed at "
        "the end, also after a cancel), so memory does not grow with the supply; allow free "
        "disk space of about twice the files' size. A PostGIS "
        "OUTPUT is written with one COPY into a new table in a single transaction, then "
        "indexed (primary key, spatial, usrn) and analysed; cancelling leaves no table behind."
    )

    INPUT = "INPUT"
    FORMAT = "FORMAT"
    OUTPUT = "OUTPUT"
    REJECTED = "REJECTED"

    def initAlgorithm(self, config=None) -> None:
        add_loader_parameters(
            self, "Street files (CSV, zip or GeoPackage)", STREET_FORMATS, "Streets", SOURCE_LINE,
            (("ROWS_READ", "Data rows read"), ("LOADED", "Rows loaded into OUTPUT"),
             ("REJECTED_COUNT", "Rows rejected"), ("FEATURES", "Streets written")),
        )  # fmt: skip

    def processAlgorithm(self, parameters, context, feedback):
        paths = self.parameterAsFileList(parameters, self.INPUT, context)
        if not paths:
            raise QgsProcessingException(self.tr("Give at least one street file as INPUT."))
        fmt = STREET_FORMATS[self.parameterAsEnum(parameters, self.FORMAT, context)]
        try:
            files = expand_paths(paths)
        except (OSError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        stats = LoadStats()
        features = None
        vector = [p for p in files if is_vector_path(p)]
        if vector:
            if len(vector) != len(files):
                raise QgsProcessingException(
                    self.tr("Give either CSV files or GIS vector files as INPUT, not both.")
                )
            layers = _open_layers(vector, context)
            stats.files = len(layers)
            if fmt == "auto":
                found = {detect_or_raise(label, layer) for label, layer in layers}
                if len(found) > 1:
                    raise QgsProcessingException(f"INPUT mixes formats: {', '.join(sorted(found))}")
                fmt = found.pop()
                stats.detected.append(f"detected format: {fmt}")
            elif fmt not in VECTOR_FORMATS:
                raise QgsProcessingException(
                    f"{fmt} is a CSV format but INPUT is a GIS vector file; choose "
                    f"{' or '.join(VECTOR_FORMATS)}"
                )
            features = _features(layers, context, feedback)
        try:
            if fmt == "auto":
                fmt = detect_street_format(files)
                stats.detected.append(f"detected format: {fmt}")
            # DTF files are staged on disk beside QGIS's other temporary files: memory
            # stays flat whatever the size of the supply (core/formats/street_staging.py).
            records = load_streets(files, fmt, stats, features, QgsProcessingUtils.tempFolder())
        except (OSError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        factory = FeatureFactory(street_fields(fmt))
        crs = QgsCoordinateReferenceSystem(schema.CRS)
        # A postgis: OUTPUT is written with COPY in one transaction (postgis_copy.py).
        table = postgis_destination(parameters.get(self.OUTPUT), context)
        if table is None:
            sink, dest = self.parameterAsSink(
                parameters, self.OUTPUT, context, factory.fields, WKB_MULTILINESTRING, crs
            )
        else:
            sink, dest = (
                None,
                QgsProcessingUtils.encodeProviderKeyAndUri("postgres", layer_uri(table)),
            )
        rejects, rejects_dest = secondary_sink(
            self, parameters, self.REJECTED, context, REJECTS.fields, WKB_NONE, crs
        )
        if (sink is None and table is None) or rejects is None:
            raise QgsProcessingException(self.tr("Could not create the output layers."))
        self._dest = dest
        for line in stats.detected:
            feedback.pushInfo(line)
        shown = len(stats.detected)

        if table is None:
            try:
                written = write_records(
                    records, factory, factory.lines, sink, rejects, feedback, stats
                )
            finally:
                close = getattr(records, "close", None)
                if close is not None:
                    close()  # the staging file goes at once, also after a cancel or an error
        else:
            try:
                written = copy_records(
                    records, factory, table, rejects, feedback, stats, "MultiLineString"
                )
            except LoadCancelledError as exc:
                raise QgsProcessingException(
                    self.tr("Cancelled ({why}): no table was written.").format(why=exc)
                ) from exc
            except (OSError, ValueError, *DATABASE_ERRORS) as exc:
                raise QgsProcessingException(str(exc)) from exc
            finally:
                close = getattr(records, "close", None)
                if close is not None:
                    close()  # the reader's temporary files go, also after a cancel
            context.addLayerToLoadOnCompletion(
                dest, QgsProcessingContext.LayerDetails("Streets", context.project(), "OUTPUT")
            )
        report(stats, feedback, shown)
        feedback.pushInfo(f"{written:,} street feature(s) written to OUTPUT")
        return {
            self.OUTPUT: dest,
            self.REJECTED: rejects_dest,
            "ROWS_READ": stats.data_rows,
            "LOADED": stats.accepted,
            "REJECTED_COUNT": stats.rejected,
            "FEATURES": written,
        }

    def postProcessAlgorithm(self, context, feedback):
        style_output(getattr(self, "_dest", ""), "streets.qml", context, feedback)
        return {}


def detect_or_raise(label: str, layer: QgsVectorLayer) -> str:
    try:
        return detect_vector_format(label.split(":")[-1], layer.fields().names())
    except ValueError as exc:
        raise QgsProcessingException(str(exc)) from exc
