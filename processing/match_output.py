"""The output layer of ``placelink:matchaddresses``, written as the answers come.

A GeoPackage file output is filled in one SQLite transaction (``bulk_io.GeoPackageFill``)
with each chunk's answers as they become known (``Matcher.match_batch(on_answers=…)``):
QGIS makes the file when the first chunk's answers come, so after the worker processes
have forked and while they match. Any other output (PostGIS, CSV, a memory layer), or
input values the fill cannot write as they are, goes through QGIS's sink once every
answer is known. Either way the rows, fids, fields, points, spatial index and extent are
the same. A cancelled or failed run writes no row (the transaction is rolled back; the
algorithm's base removes the file it made).
"""

from __future__ import annotations

import sqlite3
from operator import attrgetter

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
)

from ..core.matching.results import OUTPUT_FIELDS, RESULT_FIELDS
from ..qgis_support import bulk_io
from ..qgis_support.compat import SINK_FAST_INSERT, WKB_POINT

_RESULT_VALUES = attrgetter(*(f.name for f in RESULT_FIELDS))
_ADDRESS_AT = [f.name for f in RESULT_FIELDS].index("matched_address")
#: The review decision's fields: nobody has reviewed a new answer yet.
_UNDECIDED = [None] * (len(OUTPUT_FIELDS) - len(RESULT_FIELDS))


def result_values(result) -> list:
    """A MatchResult's values in the contract's order (no address: NULL, not empty text)."""
    values = list(_RESULT_VALUES(result))
    values[_ADDRESS_AT] = values[_ADDRESS_AT] or None
    return values


def point_of(result) -> tuple[float, float] | None:
    """The matched point of *result*, None when it has none."""
    if result.x is None or result.y is None or result.uprn is None:
        return None
    return (result.x, result.y)


class MatchOutput:
    """The output layer of one run of *alg*: ``add`` takes answers as they come
    (``on_answers``), ``finish`` writes the rest and closes it, ``abort`` writes nothing."""

    def __init__(self, alg, parameters, context, fields: QgsFields, crs, rows: list) -> None:
        self._make = lambda: alg.parameterAsSink(
            parameters, alg.OUTPUT, context, fields, WKB_POINT, crs
        )
        self._alg, self._fields, self._rows = alg, fields, rows
        self._sink: QgsFeatureSink | None = None
        self.destination = ""
        self._fill: bulk_io.GeoPackageFill | None = None
        #: A GeoPackage file that may be filled: made and opened when the first answers
        #: come, so after the worker processes have forked (none inherits an open sink or
        #: connection) and while they match.
        destination = alg.parameterAsOutputLayer(parameters, alg.OUTPUT, context)
        self._fillable = bulk_io.names_geopackage(destination) and bulk_io.plain_values(rows)
        self._written: list[int] = []

    def _open(self) -> bulk_io.GeoPackageFill | None:
        """The fill, begun at its first use; None when the file cannot be filled."""
        if self._fillable and self._fill is None:
            self._fillable = False
            self._sink, self.destination = self._made()
            if bulk_io.may_fill_file(self.destination, self._fields.names()):  # values: plain
                self._sink = None  # closed: QGIS made the file, its fields, CRS and layer
                self._fill = bulk_io.GeoPackageFill.open(self.destination, self._fields.names())
        return self._fill

    def _made(self) -> tuple[QgsFeatureSink, str]:
        sink, destination = self._make()
        if sink is None:
            raise QgsProcessingException(self._alg.tr("Could not create the output layer."))
        return sink, destination

    def _values(self, at, results) -> list[list]:
        rows = self._rows
        return [[*rows[i], *result_values(r), *_UNDECIDED] for i, r in zip(at, results)]

    def add(self, at: list[int], results: list) -> None:
        """Write the answers *results* of the records at positions *at* now, if the file
        is being filled (else they are written with the others by ``finish``)."""
        if self._open() is None:
            return
        try:
            self._fill.add(at, self._values(at, results), [point_of(r) for r in results])
            self._written.extend(at)
        except sqlite3.Error:
            self._fill.abort()  # rolled back: every row goes through QGIS's sink at the end
            self._fill = None

    def finish(self, results: list) -> str:
        """Write every answer not written yet (*results*: one per input row, in order)
        and close the layer; returns its destination."""
        if self._open() is not None:
            done = [False] * len(results)
            for i in self._written:
                done[i] = True
            rest = [i for i, d in enumerate(done) if not d]
            try:
                if rest:
                    self._fill.add(rest, self._values(rest, [results[i] for i in rest]),
                                   [point_of(results[i]) for i in rest])  # fmt: skip
                self._fill.finish(len(results))
                return self.destination
            except sqlite3.Error:
                self._fill.abort()  # rolled back: made again and filled feature by feature
                self._fill = None
                self._sink, self.destination = self._made()
        if self._sink is None:
            self._sink, self.destination = self._made()
        values = self._values(range(len(results)), results)
        points = [point_of(r) for r in results]
        if bulk_io.may_fill(self.destination, self._fields.names(), values):
            self._sink = None  # closed: QGIS made the file, its fields, CRS and layer
            if bulk_io.fill_geopackage(
                self.destination, self._fields.names(), values, points, checked=True
            ):
                return self.destination
            self._sink, self.destination = self._made()  # filled feature by feature
        self._sink.addFeatures(self._features(values, points), SINK_FAST_INSERT)
        self._sink = None
        return self.destination

    def abort(self) -> None:
        """Write nothing (a cancelled or failed run)."""
        self._fillable = False
        if self._fill is not None:
            self._fill.abort()
            self._fill = None
        self._sink = None

    def _features(self, values: list, points: list) -> list:
        out = []
        for row, point in zip(values, points):
            feature = QgsFeature(self._fields)
            feature.setAttributes(row)
            if point is not None:
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*point)))
            out.append(feature)
        return out
