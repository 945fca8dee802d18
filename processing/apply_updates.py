"""``placelink:applyupdates``: change-only supplies applied in place to an addresses layer."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDataSourceUri,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterVectorLayer,
    QgsProviderRegistry,
)

from ..core import schema
from ..core.formats import addressbase, dtf73
from ..core.updates import UpdateCancelledError, apply_updates
from ..core.updates_target import OgrTarget
from ..i18n import tr
from ..metadata import plugin_version
from ..qgis_support.compat import (
    SINK_FAST_INSERT,
    SOURCE_FILE,
    SOURCE_POINT,
    SOURCE_VECTOR,
    WKB_NONE,
)
from ..qgis_support.fields import REJECTS, reject_feature
from .base import PlaceLinkAlgorithm
from .postgis_copy import connection_info

FORMATS = ("auto", dtf73.NAME, addressbase.NAME)


def ogr_dataset(layer) -> tuple[str, str]:
    """(OGR dataset name, layer name) of a GeoPackage layer or a PostGIS table."""
    provider = layer.providerType()
    if provider == "ogr":
        parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
        name = parts.get("layerName") or layer.dataProvider().subLayers()[0].split("!!::!!")[1]
        return parts["path"], name
    if provider == "postgres":
        uri = QgsDataSourceUri(layer.source())
        table = f"{uri.schema()}.{uri.table()}" if uri.schema() else uri.table()
        return "PG:" + connection_info(uri), table
    raise QgsProcessingException(
        tr("TARGET must be a GeoPackage layer or a PostGIS table (this one is {provider})").format(
            provider=provider
        )
    )


class ApplyUpdates(PlaceLinkAlgorithm):
    """Apply change-only update files to an existing addresses layer, in one transaction."""

    ID = "applyupdates"
    NAME = "Apply change-only updates"
    GROUP = "Load"
    GROUP_ID = "load"
    TAGS = (
        "LLPG",
        "UPRN",
        "COU",
        "change-only update",
        "DTF 7.3",
        "AddressBase",
        "gazetteer maintenance",
        "PostGIS",
    )
    ICON = "load_addresses.svg"
    HELP = (
        "Applies change-only update files (GeoPlace DTF 7.3 or OS AddressBase Premium "
        "change-only, header file type C, change types I, U and D) to an addresses layer "
        "you loaded before (TARGET: a GeoPackage layer or a PostGIS table). This is the one "
        "PlaceLink tool that changes your layer: that is what it is for.\n\n"
        "The files are applied in the order given, all in ONE transaction: if a file cannot "
        "be read or applied, or you cancel, nothing is changed. A BLPU insert adds an "
        "address, a BLPU or LPI update rebuilds it (records the file lacks, such as the BLPU "
        "of an LPI change or a street's names, are taken from TARGET), a BLPU delete removes "
        "it.\n\n"
        "REJECTED lists the changes that could not be applied, with the reason: an update of "
        "a UPRN that TARGET does not hold, a delete of one already gone, an insert of one "
        "already there, and any row the reader cannot use. Each file gets a row in the table "
        "placelink_update_log beside TARGET (when, file, counts, plugin version)."
    )

    def initAlgorithm(self, config=None) -> None:
        files = QgsProcessingParameterMultipleLayers(
            "INPUT", self.tr("Change-only update files, in the order to apply"), SOURCE_FILE
        )
        files.setMinimumNumberInputs(1)
        self.addParameter(files)
        self.addParameter(
            QgsProcessingParameterEnum(
                "FORMAT",
                self.tr("Format"),
                options=[self.tr("Auto-detect"), *FORMATS[1:]],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                "TARGET", self.tr("Addresses layer to update"), [SOURCE_POINT]
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "REJECTED", self.tr("Rejected changes"), SOURCE_VECTOR
            )
        )
        for name, label in (
            ("INSERTED", "Addresses inserted"),
            ("UPDATED", "Addresses updated"),
            ("DELETED", "Addresses deleted"),
            ("REJECTED_COUNT", "Changes rejected"),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))
        self.addOutput(QgsProcessingOutputString("LOG_TABLE", self.tr("Update log table")))

    def processAlgorithm(self, parameters, context, feedback):
        paths = self.parameterAsFileList(parameters, "INPUT", context)
        if not paths:
            raise QgsProcessingException(self.tr("Give at least one change-only file as INPUT."))
        fmt = FORMATS[self.parameterAsEnum(parameters, "FORMAT", context)]
        layer = self.parameterAsVectorLayer(parameters, "TARGET", context)
        if layer is None:
            raise QgsProcessingException(self.tr("TARGET is not a vector layer."))
        rejects, rejects_dest = self.parameterAsSink(
            parameters,
            "REJECTED",
            context,
            REJECTS.fields,
            WKB_NONE,
            QgsCoordinateReferenceSystem(schema.CRS),
        )
        if rejects is None:
            raise QgsProcessingException(self.tr("Could not create REJECTED."))
        try:
            dataset, table = ogr_dataset(layer)
            target = OgrTarget(dataset, table)
        except (RuntimeError, ValueError) as exc:
            raise QgsProcessingException(
                self.tr("Could not open TARGET for update: {why}").format(why=exc)
            ) from exc

        def progress(done: int, name: str) -> None:
            feedback.setProgress(100 * done / len(paths))
            if name:
                feedback.pushInfo(self.tr("Applying {name}").format(name=name))

        failure = None
        try:
            target.begin()
            result = apply_updates(paths, fmt, target, feedback.isCanceled, progress)
            target.log(
                [
                    {
                        "file": f.file,
                        "inserted": f.inserted,
                        "updated": f.updated,
                        "deleted": f.deleted,
                        "rejected": f.rejected,
                        "plugin_version": plugin_version(),
                    }
                    for f in result.files
                ]
            )
            target.commit()
        except UpdateCancelledError as exc:
            target.rollback()
            failure = self.tr("Cancelled ({why}): nothing was changed in TARGET.").format(why=exc)
        except (OSError, ValueError, RuntimeError) as exc:
            target.rollback()
            failure = self.tr("{why}. Nothing was changed in TARGET.").format(why=exc)
        finally:
            target.close()
        if failure is not None:
            # raised here, not chained to the error: its traceback would keep OGR features
            # of the closed dataset alive until QGIS exits, and GDAL crashes freeing them then
            raise QgsProcessingException(failure)
        if result.rejects:
            features = [reject_feature(r) for r in result.rejects]
            if not rejects.addFeatures(features, SINK_FAST_INSERT):
                raise QgsProcessingException(rejects.lastError())
        for note in result.notes:
            feedback.pushWarning(note)
        for f in result.files:
            feedback.pushInfo(
                self.tr(
                    "{file}: {i} inserted, {u} updated, {d} deleted, {r} rejected ({n} rows)"
                ).format(
                    file=f.file, i=f.inserted, u=f.updated, d=f.deleted, r=f.rejected, n=f.rows
                )
            )
        layer.reload()
        return {
            "REJECTED": rejects_dest,
            "INSERTED": result.total("inserted"),
            "UPDATED": result.total("updated"),
            "DELETED": result.total("deleted"),
            "REJECTED_COUNT": result.total("rejected"),
            "LOG_TABLE": target.log_table,
        }
