"""``placelink:matchaddresses``: link service records to UPRNs, explained, with review flags."""

from __future__ import annotations

import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsFields,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ..core import schema
from ..core.collector import collector_paused
from ..core.matching.results import OUTPUT_FIELDS, joined_rows, output_names
from ..qgis_support import bulk_io
from ..qgis_support.compat import (
    NUMBER_DOUBLE,
    SOURCE_POINT,
    SOURCE_VECTOR,
    make_field,
    parameter_as_fields,
)
from ..qgis_support.fields import plain_value
from ..qgis_support.gazetteer import file_key, matcher_for_file, read_records, read_records_ogr
from .base import PlaceLinkAlgorithm
from .match_output import MatchOutput

#: core.matching.matcher.Thresholds' defaults, repeated here because the parameters are
#: built when the provider loads, before rapidfuzz (needed by the matcher) is known to be
#: there; tests/processing/test_match_addresses.py keeps the two equal.
DEFAULT_MIN_SCORE, DEFAULT_MIN_MARGIN = 50.0, 6.0


def output_fields(input_fields: QgsFields) -> tuple[QgsFields, list[str]]:
    """Input fields plus the result contract's fields (``core.matching.results``), renamed
    ``match_<name>`` where the input has one."""
    fields = QgsFields(input_fields)
    names = output_names(input_fields.names())
    for field, name in zip(OUTPUT_FIELDS, names):
        fields.append(make_field(name, field.kind, field.length))
    return fields, names


class MatchAddresses(PlaceLinkAlgorithm):
    """Match free-text or structured addresses to a gazetteer's UPRNs."""

    ID = "matchaddresses"
    NAME = "Match addresses to UPRNs"
    GROUP = "Matching"
    GROUP_ID = "matching"
    TAGS = (
        "UPRN",
        "geocode",
        "geocoding",
        "address matching",
        "LLPG",
        "AddressBase",
        "gazetteer",
        "data linking",
    )
    ICON = "match_addresses.svg"
    REQUIRES = ("rapidfuzz",)
    HELP = (
        "Links each record of a table or layer (council tax, benefits, waste…) to the UPRN "
        "of a canonical addresses layer (GAZETTEER, e.g. the output of Load addresses, "
        "alternative LPIs included).\n\n"
        "ADDRESS_FIELDS: one free-text address field, or several fields joined in order "
        "(flat, house, street, town…). POSTCODE_FIELD: optional; a postcode inside the text "
        "is found too, and a mis-keyed one (spacing, O/0, I/1) is repaired.\n\n"
        "Addresses are parsed (flat, number, suffix, range, building, street, locality, "
        "town, postcode) and scored on that structure: the house number, its suffix and the "
        "flat are hard discriminators (10 ≠ 10A ≠ Flat 1, 10); text parts are compared "
        "fuzzily. Candidates come from the postcode, then the sector or district with the "
        "number, the street within the town, and rare words, so a wrong postcode still "
        "finds its address.\n\n"
        "OUTPUT: every input row (none dropped) with uprn, match_score (0–100), "
        "match_status (matched, ambiguous or unmatched), matched_address, match_reason "
        "(which parts agreed or differed), the runner-up UPRN and the margin to it, and the "
        "matched point. A record that names no flat in a building whose flats have their own "
        "UPRNs is ambiguous, not matched to the building, unless MATCH_PARENTS is set. "
        "Review the ambiguous and low-score rows in the Review matches panel.\n\n"
        "The gazetteer index is built once per gazetteer content and cached in the profile."
    )

    INPUT = "INPUT"
    ADDRESS_FIELDS = "ADDRESS_FIELDS"
    POSTCODE_FIELD = "POSTCODE_FIELD"
    GAZETTEER = "GAZETTEER"
    MIN_SCORE = "MIN_SCORE"
    MIN_MARGIN = "MIN_MARGIN"
    MATCH_PARENTS = "MATCH_PARENTS"
    OUTPUT = "OUTPUT"

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Records to match (table or layer)"), [SOURCE_VECTOR]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ADDRESS_FIELDS,
                self.tr("Address field(s), joined in order"),
                parentLayerParameterName=self.INPUT,
                allowMultiple=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.POSTCODE_FIELD,
                self.tr("Postcode field"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.GAZETTEER, self.tr("Gazetteer (canonical addresses)"), [SOURCE_POINT]
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_SCORE, self.tr("Lowest score to call matched"), NUMBER_DOUBLE,
                defaultValue=DEFAULT_MIN_SCORE, minValue=0.0, maxValue=100.0,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_MARGIN, self.tr("Lowest margin over the runner-up to call matched"),
                NUMBER_DOUBLE, defaultValue=DEFAULT_MIN_MARGIN, minValue=0.0, maxValue=100.0,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.MATCH_PARENTS,
                self.tr("Match records to parent shells (buildings whose flats have UPRNs)"),
                defaultValue=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Matched records"), SOURCE_POINT)
        )
        for name, label in (
            ("MATCHED", "Records matched"),
            ("AMBIGUOUS", "Records ambiguous"),
            ("UNMATCHED", "Records unmatched"),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    def processAlgorithm(self, parameters, context, feedback):
        with collector_paused():
            return self._match(parameters, context, feedback)

    def _match(self, parameters, context, feedback):
        from ..core.matching.matcher import Thresholds

        source = self.parameterAsSource(parameters, self.INPUT, context)
        gazetteer = self.parameterAsSource(parameters, self.GAZETTEER, context)
        if source is None or gazetteer is None:
            raise QgsProcessingException(self.tr("INPUT and GAZETTEER must be readable layers."))
        address_fields = parameter_as_fields(self, parameters, self.ADDRESS_FIELDS, context)
        postcode_field = self.parameterAsString(parameters, self.POSTCODE_FIELD, context) or None
        for name in [*address_fields, *([postcode_field] if postcode_field else [])]:
            if source.fields().indexOf(name) < 0:
                raise QgsProcessingException(f"INPUT has no field {name!r}.")
        min_score = self.parameterAsDouble(parameters, self.MIN_SCORE, context)
        thresholds = Thresholds(
            min_score=min_score,
            min_margin=self.parameterAsDouble(parameters, self.MIN_MARGIN, context),
            min_ambiguous=min(Thresholds().min_ambiguous, min_score),
        )
        workers = _workers()

        feedback.setProgressText(self.tr("Reading the gazetteer"))
        layer = self.parameterAsVectorLayer(parameters, self.GAZETTEER, context)
        key = file_key(parameters.get(self.GAZETTEER), layer)

        def read() -> list[dict] | None:
            # a whole file is read by OGR in columns; anything else feature by feature
            records = read_records_ogr(layer) if key is not None else None
            try:
                records = records if records is not None else read_records(gazetteer, feedback)
            except ValueError as exc:
                raise QgsProcessingException(str(exc)) from exc
            if feedback.isCanceled():
                return None  # a part of the gazetteer: neither indexed nor cached
            feedback.setProgressText(self.tr("Indexing {n:,} addresses").format(n=len(records)))
            return records

        matcher = matcher_for_file(
            key,
            read,
            match_parents=self.parameterAsBool(parameters, self.MATCH_PARENTS, context),
            thresholds=thresholds,
        )
        if matcher is None or feedback.isCanceled():
            return {}

        rows, plain = _input_rows(parameters.get(self.INPUT), self, parameters, context, source)
        names = source.fields().names()
        at = [names.index(name) for name in address_fields]
        value = _same if plain else plain_value
        columns = [[value(row[i]) for row in rows] for i in at]
        texts = joined_rows(columns) if columns else [""] * len(rows)
        postcodes = None
        if postcode_field:
            k = names.index(postcode_field)
            postcodes = [_text(value(row[k])) for row in rows]
        fields, names = output_fields(source.fields())
        crs = gazetteer.sourceCrs() if gazetteer.sourceCrs().isValid() else (
            QgsCoordinateReferenceSystem(schema.CRS)
        )  # fmt: skip
        # a GeoPackage output takes the answers as they come, while the rest are matched
        output = MatchOutput(self, parameters, context, fields, crs, rows)
        feedback.setProgressText(self.tr("Matching {n:,} records").format(n=len(rows)))
        try:
            results = matcher.match_batch(
                texts,
                postcodes,
                workers=workers,
                progress=lambda p: feedback.setProgress(25 + 0.7 * p),
                is_canceled=feedback.isCanceled,
                on_answers=output.add,
            )
            dest = output.finish(results)
        except InterruptedError:
            output.abort()
            return {}
        except BaseException:
            output.abort()
            raise
        counts = {"matched": 0, "ambiguous": 0, "unmatched": 0}
        for result in results:
            counts[result.match_status] = counts.get(result.match_status, 0) + 1
        feedback.pushInfo(
            f"{len(rows):,} records: {counts['matched']:,} matched, "
            f"{counts['ambiguous']:,} ambiguous, {counts['unmatched']:,} unmatched "
            f"(= {sum(counts.values()):,})"
        )
        return {
            self.OUTPUT: dest,
            "MATCHED": counts["matched"],
            "AMBIGUOUS": counts["ambiguous"],
            "UNMATCHED": counts["unmatched"],
        }


def _workers() -> int:
    """Worker processes for matching: all cores in qgis_process and scripts; one inside the
    QGIS desktop, whose threads make forking the process unsafe."""
    from qgis.utils import iface

    return 1 if iface is not None else max(1, min(os.cpu_count() or 1, 4))


def _input_rows(value, alg, parameters, context, source) -> tuple[list, bool]:
    """Every INPUT row's attribute values, and whether all are plain Python (text,
    numbers, None): a whole file is read by OGR in columns, anything else feature by
    feature."""
    layer = alg.parameterAsVectorLayer(parameters, alg.INPUT, context)
    columns = bulk_io.read_attributes(value, layer, source.fields().names())
    if columns is not None:
        return list(zip(*columns)), True
    request = QgsFeatureRequest()
    return [[_plain(v) for v in f.attributes()] for f in source.getFeatures(request)], False


def _same(value: object) -> object:
    return value


def _plain(value: object) -> object:
    """NULL as None (dates and the like stay QGIS values: the writer keeps their type)."""
    return None if value is None or (hasattr(value, "isNull") and value.isNull()) else value


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
