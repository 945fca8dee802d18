"""Enum and type names that differ between QGIS 3.22 and QGIS 3.40+/4 (Qt6)."""

from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsField,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QMetaType, QVariant
from qgis.PyQt.QtGui import QFont

from ..core import schema

QGIS_VERSION_INT: int = Qgis.QGIS_VERSION_INT

if hasattr(Qgis, "ProcessingSourceType"):  # QGIS >= 3.36
    SOURCE_FILE = Qgis.ProcessingSourceType.File
    SOURCE_VECTOR = Qgis.ProcessingSourceType.Vector
    SOURCE_POINT = Qgis.ProcessingSourceType.VectorPoint
    SOURCE_LINE = Qgis.ProcessingSourceType.VectorLine
    SOURCE_POLYGON = Qgis.ProcessingSourceType.VectorPolygon
    SOURCE_ANY_GEOMETRY = Qgis.ProcessingSourceType.VectorAnyGeometry
else:
    SOURCE_FILE = QgsProcessing.SourceType.TypeFile
    SOURCE_VECTOR = QgsProcessing.SourceType.TypeVector
    SOURCE_POINT = QgsProcessing.SourceType.TypeVectorPoint
    SOURCE_LINE = QgsProcessing.SourceType.TypeVectorLine
    SOURCE_POLYGON = QgsProcessing.SourceType.TypeVectorPolygon
    SOURCE_ANY_GEOMETRY = QgsProcessing.SourceType.TypeVectorAnyGeometry

if hasattr(Qgis, "WkbType"):  # QGIS >= 3.30
    WKB_POINT = Qgis.WkbType.Point
    WKB_LINESTRING = Qgis.WkbType.LineString
    WKB_MULTILINESTRING = Qgis.WkbType.MultiLineString
    WKB_POLYGON = Qgis.WkbType.Polygon
    WKB_MULTIPOLYGON = Qgis.WkbType.MultiPolygon
    WKB_NONE = Qgis.WkbType.NoGeometry
else:
    WKB_POINT = QgsWkbTypes.Type.Point
    WKB_LINESTRING = QgsWkbTypes.Type.LineString
    WKB_MULTILINESTRING = QgsWkbTypes.Type.MultiLineString
    WKB_POLYGON = QgsWkbTypes.Type.Polygon
    WKB_MULTIPOLYGON = QgsWkbTypes.Type.MultiPolygon
    WKB_NONE = QgsWkbTypes.Type.NoGeometry

if QGIS_VERSION_INT >= 33800:  # QgsField takes QMetaType from 3.38; QVariant types go in QGIS 4
    _TYPES = {
        schema.INT: QMetaType.Type.LongLong,
        schema.REAL: QMetaType.Type.Double,
        schema.TEXT: QMetaType.Type.QString,
        schema.DATE: QMetaType.Type.QDate,
    }
else:
    _TYPES = {
        schema.INT: QVariant.Type.LongLong,
        schema.REAL: QVariant.Type.Double,
        schema.TEXT: QVariant.Type.String,
        schema.DATE: QVariant.Type.Date,
    }


def make_field(name: str, kind: str, length: int = 0) -> QgsField:
    """A QgsField of the schema *kind* (see ``core.schema``)."""
    return QgsField(name, _TYPES[kind], len=length)


if hasattr(Qgis, "ProcessingAlgorithmFlag"):  # QGIS >= 3.36
    FLAG_NO_THREADING = Qgis.ProcessingAlgorithmFlag.NoThreading
else:
    FLAG_NO_THREADING = QgsProcessingAlgorithm.Flag.FlagNoThreading

if hasattr(Qgis, "LayoutUnit"):  # QGIS >= 3.30
    LAYOUT_MM = Qgis.LayoutUnit.Millimeters
else:
    LAYOUT_MM = QgsUnitTypes.LayoutUnit.LayoutMillimeters

if hasattr(Qgis, "DistanceUnit"):  # QGIS >= 3.30
    DISTANCE_KM = Qgis.DistanceUnit.Kilometers
    DISTANCE_M = Qgis.DistanceUnit.Meters
else:
    DISTANCE_KM = QgsUnitTypes.DistanceUnit.DistanceKilometers
    DISTANCE_M = QgsUnitTypes.DistanceUnit.DistanceMeters

try:  # QGIS >= 3.34
    LAYER_POINT = Qgis.LayerFilter.PointLayer
    LAYER_LINE = Qgis.LayerFilter.LineLayer
    LAYER_POLYGON = Qgis.LayerFilter.PolygonLayer
    LAYER_VECTOR = Qgis.LayerFilter.VectorLayer
except AttributeError:
    from qgis.core import QgsMapLayerProxyModel

    LAYER_POINT = QgsMapLayerProxyModel.Filter.PointLayer
    LAYER_LINE = QgsMapLayerProxyModel.Filter.LineLayer
    LAYER_POLYGON = QgsMapLayerProxyModel.Filter.PolygonLayer
    LAYER_VECTOR = QgsMapLayerProxyModel.Filter.VectorLayer

if hasattr(Qgis, "ProcessingNumberParameterType"):  # QGIS >= 3.36
    NUMBER_DOUBLE = Qgis.ProcessingNumberParameterType.Double
    NUMBER_INTEGER = Qgis.ProcessingNumberParameterType.Integer
else:
    from qgis.core import QgsProcessingParameterNumber

    NUMBER_DOUBLE = QgsProcessingParameterNumber.Type.Double
    NUMBER_INTEGER = QgsProcessingParameterNumber.Type.Integer

if hasattr(Qgis, "FeatureRequestFlag"):  # QGIS >= 3.36; QGIS 4 drops QgsFeatureRequest.Flag
    REQUEST_NO_GEOMETRY = Qgis.FeatureRequestFlag.NoGeometry
else:
    from qgis.core import QgsFeatureRequest

    REQUEST_NO_GEOMETRY = QgsFeatureRequest.Flag.NoGeometry

if hasattr(Qgis, "FeatureSinkFlag"):  # QGIS >= 3.40 names it here too
    SINK_FAST_INSERT = Qgis.FeatureSinkFlag.FastInsert
else:
    from qgis.core import QgsFeatureSink

    SINK_FAST_INSERT = QgsFeatureSink.Flag.FastInsert


def set_label_font(label, font: QFont) -> None:
    """A layout label's font: a QgsTextFormat where QGIS has one (setFont is deprecated)."""
    if hasattr(label, "setTextFormat"):  # QGIS >= 3.24
        from qgis.core import QgsTextFormat

        label.setTextFormat(QgsTextFormat.fromQFont(font))
    else:
        label.setFont(font)


def parameter_as_fields(alg, parameters: dict, name: str, context) -> list[str]:
    """A field parameter's field names (parameterAsFields is deprecated from QGIS 3.32)."""
    if hasattr(alg, "parameterAsStrings"):
        return list(alg.parameterAsStrings(parameters, name, context))
    return list(alg.parameterAsFields(parameters, name, context))


if hasattr(Qgis, "GeometryType"):  # QGIS >= 3.30; QgsWkbTypes' geometry types go in QGIS 4
    GEOMETRY_POINT = Qgis.GeometryType.Point
else:
    GEOMETRY_POINT = QgsWkbTypes.GeometryType.PointGeometry
