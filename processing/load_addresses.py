"""``placelink:loadaddresses``: address gazetteer files into the canonical addresses layer."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingUtils,
)

from ..core import schema
from ..core.formats.assemble import AddressLoadStats, LoadCancelledError
from ..core.formats.detect import ADDRESS_FORMATS
from ..core.loaders import load_addresses
from ..qgis_support.compat import SOURCE_POINT, WKB_NONE, WKB_POINT
from ..qgis_support.fields import REJECTS, FeatureFactory
from ..qgis_support.gpkg_points import plain_gpkg_path
from .base import PlaceLinkAlgorithm
from .loader import (
    add_loader_parameters,
    load_on_completion,
    report,
    staging_workers,
    write_gpkg_records,
    write_records,
)
from .output_style import style_output
from .postgis_copy import DATABASE_ERRORS, copy_records, layer_uri, postgis_destination
from .secondary import secondary_sink


class LoadAddresses(PlaceLinkAlgorithm):
    """Read address gazetteer files into the canonical addresses layer."""

    ID = "loadaddresses"
    NAME = "Load addresses"
    GROUP = "Load"
    GROUP_ID = "load"
    TAGS = (
        "LLPG",
        "UPRN",
        "gazetteer",
        "DTF 7.3",
        "AddressBase",
        "Open UPRN",
        "addresses",
        "import",
    )
    ICON = "load_addresses.svg"
    HELP = (
        "Reads address gazetteer files into PlaceLink's canonical addresses layer "
        "(EPSG:27700 points keyed by UPRN), the shape every other PlaceLink tool uses.\n\n"
        "Formats: GeoPlace DTF 7.3 (LLPG export), OS AddressBase Premium (CSV, both the "
        "19-field and the 22-field BLPU schema), AddressBase Plus, AddressBase Core and OS "
        "Open UPRN. 'Auto-detect' recognises the format from the first rows and says in the "
        "log which format and layout version it found.\n\n"
        "DTF 7.3 and AddressBase Premium are multi-record files: each address is built from "
        "its BLPU (21: UPRN, coordinates, status), the approved preferred LPI (24: SAO, PAO, "
        "USRN), the street descriptor (15: street, locality, town) and, for AddressBase, the "
        "classification (32), organisation (31) and Royal Mail delivery point (28). Other "
        "LPIs (alternative, provisional, historic, other languages) and the delivery point "
        "address are kept in the 'alternatives' field (entries 'LPI<status>/<language>: "
        "address' or 'DPA: address', separated by ' | ') so matching can use them. "
        "Change-only update files (change types I, U, D) are applied in the order given, "
        "after the full supply; within a change-only file its deletes come first.\n\n"
        "INPUT: one or more CSV files, or zip archives of CSV files (read without "
        "unpacking). UTF-8 (with or without BOM) and Windows-1252 are read; CRLF is fine.\n"
        "OUTPUT: the canonical addresses (uprn, usrn, SAO/PAO parts, street, town, postcode, "
        "classification, status, single-line address, alternatives, source).\n"
        "REJECTED: every row that could not be used, with its file, line number, raw text "
        "and the reason (coordinates outside the British National Grid, a duplicate UPRN, "
        "an unknown record type, a truncated row, an LPI without a BLPU…). OUTPUT rows, rows "
        "merged into them and REJECTED rows account for every data row read, and the log "
        "says so in one line (ROWS_READ = LOADED + REJECTED_COUNT + MERGED_COUNT). A "
        "trailer (99) whose record count disagrees with the file is reported as a warning.\n"
        "Multi-record supplies of any size (national AddressBase Premium included) are "
        "staged in a temporary SQLite file beside QGIS's other temporary files, so memory "
        "does not grow with the supply; allow free disk space of about twice the files' "
        "size. A PostGIS OUTPUT is written with one COPY into a new table in a single "
        "transaction, then indexed (primary key, spatial, uprn, usrn) and analysed; "
        "cancelling leaves no table behind.\n"
        "When OUTPUT is added to the project it gets the style "
        "resources/styles/addresses.qml (points by logical status)."
    )

    INPUT = "INPUT"
    FORMAT = "FORMAT"
    OUTPUT = "OUTPUT"
    REJECTED = "REJECTED"

    def initAlgorithm(self, config=None) -> None:
        add_loader_parameters(
            self, "Address files (CSV or zip of CSVs)", ADDRESS_FORMATS, "Addresses", SOURCE_POINT,
            (("ROWS_READ", "Data rows read"), ("LOADED", "Addresses loaded"),
             ("REJECTED_COUNT", "Rows rejected"),
             ("MERGED_COUNT", "Rows merged into addresses, read for names or superseded")),
        )  # fmt: skip

    def processAlgorithm(self, parameters, context, feedback):
        paths = self.parameterAsFileList(parameters, self.INPUT, context)
        if not paths:
            raise QgsProcessingException(self.tr("Give at least one address file as INPUT."))
        fmt = ADDRESS_FORMATS[self.parameterAsEnum(parameters, self.FORMAT, context)]
        factory = FeatureFactory(schema.ADDRESS_FIELDS)
        crs = QgsCoordinateReferenceSystem(schema.CRS)
        # A postgis: OUTPUT is written with COPY in one transaction (postgis_copy.py).
        table = postgis_destination(parameters.get(self.OUTPUT), context)
        # A plain .gpkg OUTPUT is written in bulk (gpkg_points.py), not feature by feature.
        gpkg = None
        if table is None:
            gpkg = plain_gpkg_path(self.parameterAsOutputLayer(parameters, self.OUTPUT, context))
        if gpkg is not None:
            sink, dest = None, str(gpkg)
        elif table is None:
            sink, dest = self.parameterAsSink(
                parameters, self.OUTPUT, context, factory.fields, WKB_POINT, crs
            )
        else:
            sink, dest = (
                None,
                QgsProcessingUtils.encodeProviderKeyAndUri("postgres", layer_uri(table)),
            )
        rejects, rejects_dest = secondary_sink(
            self, parameters, self.REJECTED, context, REJECTS.fields, WKB_NONE, crs
        )
        if (sink is None and table is None and gpkg is None) or rejects is None:
            raise QgsProcessingException(self.tr("Could not create the output layers."))

        stats = AddressLoadStats()

        def on_rows(rows: int) -> bool:
            feedback.setProgressText(self.tr("{rows} rows read").format(rows=f"{rows:,}"))
            return feedback.isCanceled()

        stats.on_rows = on_rows
        try:
            # DTF 7.3 and AddressBase Premium are staged on disk: memory stays flat
            # whatever the size of the supply (core/formats/staging.py); in
            # qgis_process and scripts on Linux by two processes (PLACELINK_LOAD_WORKERS=1: one).
            records = load_addresses(
                paths, fmt, stats, QgsProcessingUtils.tempFolder(), staging_workers()
            )
        except (OSError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        for line in stats.detected:
            feedback.pushInfo(line)
        shown = len(stats.detected)

        try:
            if gpkg is not None:
                write_gpkg_records(records, factory, gpkg, rejects, feedback, stats)
                load_on_completion(parameters.get(self.OUTPUT), dest, context, self, self.OUTPUT)
            elif table is None:
                write_records(records, factory, factory.point, sink, rejects, feedback, stats)
            else:
                copy_records(records, factory, table, rejects, feedback, stats)
                context.addLayerToLoadOnCompletion(
                    dest,
                    QgsProcessingContext.LayerDetails("Addresses", context.project(), "OUTPUT"),
                )
        except LoadCancelledError as exc:
            if table is not None:
                raise QgsProcessingException(
                    self.tr("Cancelled ({why}): no table was written.").format(why=exc)
                ) from exc
            feedback.reportError(self.tr("Cancelled: {why}.").format(why=exc))
        except (OSError, ValueError, *DATABASE_ERRORS) as exc:
            raise QgsProcessingException(str(exc)) from exc
        finally:
            close = getattr(records, "close", None)
            if close is not None:
                close()  # a staged load removes its staging file, also after a cancel
        report(stats, feedback, shown)
        self._output = dest
        self._results = {
            self.OUTPUT: dest,
            self.REJECTED: rejects_dest,
            "ROWS_READ": stats.data_rows,
            "LOADED": stats.accepted,
            "REJECTED_COUNT": stats.rejected,
            # ROWS_READ = LOADED + REJECTED_COUNT + MERGED_COUNT (MERGED_COUNT is 0 for
            # one-row-per-address formats).
            "MERGED_COUNT": stats.accounted() - stats.accepted - stats.rejected,
        }
        return self._results

    def postProcessAlgorithm(self, context, feedback):
        style_output(getattr(self, "_output", ""), "addresses.qml", context, feedback)
        return getattr(self, "_results", {})
