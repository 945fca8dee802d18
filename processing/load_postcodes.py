"""``placelink:loadpostcodes``: OS Code-Point Open CSVs into a postcode point layer."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
)

from ..core import schema
from ..core.records import LoadStats
from ..core.street_loaders import load_postcodes
from ..qgis_support.compat import SOURCE_POINT, WKB_NONE, WKB_POINT
from ..qgis_support.fields import REJECTS, FeatureFactory
from .base import PlaceLinkAlgorithm
from .loader import add_loader_parameters, report, write_records
from .output_style import style_output
from .secondary import secondary_sink


class LoadPostcodes(PlaceLinkAlgorithm):
    """Read Code-Point Open CSV files into a postcode point layer."""

    ID = "loadpostcodes"
    NAME = "Load postcodes"
    GROUP = "Load"
    GROUP_ID = "load"
    TAGS = ("postcode", "Code-Point Open", "import")
    ICON = "load_postcodes.svg"
    HELP = (
        "Reads OS Code-Point Open (one CSV per postcode area, no header row) into a postcode "
        "point layer in EPSG:27700: postcode normalised to BS 7666 form (TN131AA → TN13 1AA, "
        "B1  1AY → B1 1AY), positional quality, country, NHS and administrative codes.\n\n"
        "INPUT: one or more Code-Point Open CSV files, the product's zip, or a folder of CSV "
        "files (the column-headers file holds no data and is skipped).\n"
        "REJECTED: every row not loaded, with file, line, raw text and the reason (not a "
        "postcode, no coordinates (positional quality 90), coordinates outside the British "
        "National Grid, truncated line, duplicate postcode). OUTPUT rows plus REJECTED rows "
        "account for every data row read, and the log says so."
    )

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    REJECTED = "REJECTED"

    def initAlgorithm(self, config=None) -> None:
        add_loader_parameters(
            self, "Code-Point Open files (CSV, zip or folder)", None, "Postcodes", SOURCE_POINT,
            (("ROWS_READ", "Data rows read"), ("LOADED", "Postcodes loaded"),
             ("REJECTED_COUNT", "Rows rejected")),
        )  # fmt: skip

    def processAlgorithm(self, parameters, context, feedback):
        paths = self.parameterAsFileList(parameters, self.INPUT, context)
        if not paths:
            raise QgsProcessingException(
                self.tr("Give at least one Code-Point Open file as INPUT.")
            )
        factory = FeatureFactory(schema.POSTCODE_FIELDS)
        crs = QgsCoordinateReferenceSystem(schema.CRS)
        stats = LoadStats()
        try:
            records = load_postcodes(paths, stats)
        except (OSError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, factory.fields, WKB_POINT, crs
        )
        rejects, rejects_dest = secondary_sink(
            self, parameters, self.REJECTED, context, REJECTS.fields, WKB_NONE, crs
        )
        if sink is None or rejects is None:
            raise QgsProcessingException(self.tr("Could not create the output layers."))
        self._dest = dest
        write_records(records, factory, factory.point, sink, rejects, feedback, stats)
        report(stats, feedback)
        return {
            self.OUTPUT: dest,
            self.REJECTED: rejects_dest,
            "ROWS_READ": stats.data_rows,
            "LOADED": stats.accepted,
            "REJECTED_COUNT": stats.rejected,
        }

    def postProcessAlgorithm(self, context, feedback):
        style_output(getattr(self, "_dest", ""), "postcodes.qml", context, feedback)
        return {}
