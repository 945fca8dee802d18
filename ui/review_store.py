"""Where the Review matches dock writes a decision: only if the row is as it was shown.

PostGIS: one statement through QGIS's own connection to the table (the layer's URI, so a
saved connection's authcfg is used and no password is handled here) checks the row's
stamp, writes the decision and appends the audit row (``core.review_decisions``).
Other data sources (GeoPackage): the row is read again from the file just before the
write, and the write is one provider call (one SQLite transaction for a GeoPackage).
"""

from __future__ import annotations

from dataclasses import replace

from qgis.core import (
    QgsCoordinateTransformContext,
    QgsDataSourceUri,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProviderRegistry,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from ..core.review_decisions import (
    AUDIT_TABLE,
    Decision,
    Stamp,
    audit_table_sql,
    postgres_decision_sql,
    postgres_stamp_sql,
)
from ..qgis_support.provenance import ensure_shared_table


class RefusedError(Exception):
    """The row was decided by someone else since it was shown; ``stamp`` says who and when."""

    def __init__(self, stamp: Stamp) -> None:
        super().__init__(f"{stamp.by} {stamp.decision} {stamp.at}")
        self.stamp = stamp


class NotSavedError(Exception):
    """The data source did not take the decision."""


def stamp_of(feature: QgsFeature) -> Stamp:
    fields = feature.fields()
    return Stamp.of({f.name(): feature[f.name()] for f in fields})


def write_decision(
    layer: QgsVectorLayer,
    feature: QgsFeature,
    shown: Stamp,
    decision: Decision,
    changes: dict,
    geometry: QgsGeometry | None = None,
) -> None:
    """Write *decision* on *feature* if its row still has the *shown* stamp.

    Raises ``RefusedError`` (someone else decided the row) or ``NotSavedError``.
    """
    if layer.providerType() == "postgres":
        _write_postgres(layer, feature, shown, decision, changes, geometry)
    else:
        _write_provider(layer, feature, shown, decision, changes, geometry)


def _connection(layer: QgsVectorLayer):
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    return metadata.createConnection(layer.source(), {})


def _write_postgres(layer, feature, shown, decision, changes, geometry) -> None:
    uri = QgsDataSourceUri(layer.source())
    schema, table, key = uri.schema() or "public", uri.table(), uri.keyColumn()
    if not key:
        indexes = layer.dataProvider().pkAttributeIndexes()
        key = layer.fields().at(indexes[0]).name() if len(indexes) == 1 else ""
    if not key:
        raise NotSavedError("the table has no primary key")
    row_key = feature[key] if feature.fields().indexOf(key) >= 0 else feature.id()
    decision = replace(decision, key=int(row_key))
    names = {f.name() for f in layer.fields()}
    values = {k: v for k, v in changes.items() if k in names}
    shape = None
    if geometry is not None and uri.geometryColumn():
        wkt = "" if geometry.isEmpty() else geometry.asWkt()
        shape = (uri.geometryColumn(), wkt, layer.crs().postgisSrid())
    connection = _connection(layer)
    try:
        audit = f'"{schema}"."{AUDIT_TABLE}"'
        ensure_shared_table(connection, audit, audit_table_sql(schema))
        rows = connection.executeSql(
            postgres_decision_sql(schema, table, key, shown, decision, values, shape)
        )
        if rows:
            return
        current = connection.executeSql(postgres_stamp_sql(schema, table, key, int(row_key)))
    except Exception as error:
        raise NotSavedError(str(error)) from error
    if not current:
        raise NotSavedError("the row is no longer in the table")
    raise RefusedError(Stamp(*[str(v) for v in current[0]]))


def _write_provider(layer, feature, shown, decision, changes, geometry) -> None:
    provider = layer.dataProvider()
    request = QgsFeatureRequest(feature.id())
    fresh = next(provider.getFeatures(request), None)
    if fresh is None or not fresh.isValid():
        raise NotSavedError("the row is no longer in the layer")
    now = stamp_of(fresh)
    if now != shown:
        raise RefusedError(now)
    fields = layer.fields()
    values = dict(changes)
    values.update(review_decision=decision.decision, reviewed_by=decision.by)
    values["reviewed_at"] = decision.at
    attribute_map = {fields.indexOf(k): v for k, v in values.items() if fields.indexOf(k) >= 0}
    if geometry is not None:
        ok = provider.changeFeatures({feature.id(): attribute_map}, {feature.id(): geometry})
    else:
        ok = provider.changeAttributeValues({feature.id(): attribute_map})
    if not ok:
        raise NotSavedError("the data source refused the change")
    if layer.providerType() == "ogr":
        _append_file_audit(layer, decision)


AUDIT_FIELDS = (
    "None?field=match_table:string(200)&field=row_key:long&field=old_uprn:long"
    "&field=new_uprn:long&field=decision:string(20)&field=decided_by:string(100)"
    "&field=decided_at:string(25)"
)


def _append_file_audit(layer: QgsVectorLayer, decision: Decision) -> None:
    """Append the decision to ``placelink_review_audit`` in the layer's GeoPackage.

    Written just after the decision (its own transaction): a crash between the two
    keeps the decision, whose row still carries who and when.
    """
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path", "")
    if not path.lower().endswith(".gpkg"):
        return
    audit = QgsVectorLayer(f"{path}|layername={AUDIT_TABLE}", AUDIT_TABLE, "ogr")
    if not audit.isValid():
        template = QgsVectorLayer(AUDIT_FIELDS, AUDIT_TABLE, "memory")
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName, options.layerName = "GPKG", AUDIT_TABLE
        options.actionOnExistingFile = (
            QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
        )
        error = QgsVectorFileWriter.writeAsVectorFormatV3(
            template, path, QgsCoordinateTransformContext(), options
        )
        if error[0] != QgsVectorFileWriter.WriterError.NoError:
            raise NotSavedError(f"the audit table could not be made: {error[1]}")
        audit = QgsVectorLayer(f"{path}|layername={AUDIT_TABLE}", AUDIT_TABLE, "ogr")
    row = QgsFeature(audit.fields())
    values = {
        "match_table": parts.get("layerName") or layer.name(),
        "row_key": decision.key,
        "old_uprn": decision.old_uprn,
        "new_uprn": decision.new_uprn,
        "decision": decision.decision,
        "decided_by": decision.by,
        "decided_at": decision.at,
    }
    for name, value in values.items():
        row[name] = value
    if not audit.dataProvider().addFeatures([row])[0]:
        raise NotSavedError("the decision was saved but its audit row was not")
