"""Provenance on every output layer: plugin version, algorithm, parameters, input fingerprints
and time, written into the layer's metadata (inside the GeoPackage for GeoPackage outputs).

PostGIS has no layer metadata of its own: a PostGIS output's provenance is a row of the
``placelink_provenance`` table in the output's schema (and a one-line table comment).
Passwords never reach provenance: every connection string is stripped of them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import datetime, timezone

from qgis.core import (
    QgsDataProvider,
    QgsDataSourceUri,
    QgsMapLayer,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsProviderRegistry,
    QgsVectorLayer,
)

from ..metadata import plugin_version

CHUNK = 1 << 20
PROVENANCE_TABLE = "placelink_provenance"
_PASSWORD = re.compile(r"""(password\s*=\s*)('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\S+)""", re.I)
_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")


def without_password(text: str) -> str:
    """*text* (a URI, connection string or message) with every password replaced by ``***``."""
    text = _PASSWORD.sub(r"\1***", text)
    return _URL_PASSWORD.sub(r"\1***@", text)


def file_fingerprint(path: str) -> str:
    """sha256 of a file's size, first and last MiB (fast on multi-GB gazetteers)."""
    digest = hashlib.sha256()
    size = os.path.getsize(path)
    digest.update(str(size).encode())
    with open(path, "rb") as handle:
        digest.update(handle.read(CHUNK))
        if size > CHUNK:
            handle.seek(max(CHUNK, size - CHUNK))
            digest.update(handle.read(CHUNK))
    return digest.hexdigest()[:16]


def layer_fingerprint(layer: QgsMapLayer) -> str:
    """sha256 of a layer's source, fields, feature count and extent."""
    digest = hashlib.sha256(layer.source().encode())
    if isinstance(layer, QgsVectorLayer):
        digest.update(",".join(f.name() for f in layer.fields()).encode())
        digest.update(str(layer.featureCount()).encode())
    digest.update(layer.extent().toString(3).encode())
    return digest.hexdigest()[:16]


def _plain(value: object) -> object:
    """A parameter value as JSON-friendly text."""
    if isinstance(value, QgsMapLayer):
        return without_password(value.source())
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        return without_password(str(value.source.staticValue()))
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        return without_password(str(value.sink.staticValue()))
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return without_password(value)
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return without_password(str(value))


def _fingerprint(value: object, context: QgsProcessingContext) -> str | None:
    if isinstance(value, QgsMapLayer):
        return layer_fingerprint(value)
    text = _plain(value)
    if not isinstance(text, str) or not text:
        return None
    path = text.split("|")[0]
    if os.path.isfile(path):
        return file_fingerprint(path)
    layer = QgsProcessingUtils.mapLayerFromString(text, context)
    return layer_fingerprint(layer) if layer is not None else None


def record(algorithm, parameters: dict, context: QgsProcessingContext) -> dict:
    """The provenance of one run."""
    inputs = {}
    for definition in algorithm.parameterDefinitions():
        name = definition.name()
        if definition.isDestination() or name not in parameters:
            continue
        values = parameters[name] if isinstance(parameters[name], list) else [parameters[name]]
        prints = [p for p in (_fingerprint(v, context) for v in values) if p]
        if prints:
            inputs[name] = prints
    return {
        "plugin": f"PlaceLink {plugin_version()}",
        "algorithm": algorithm.id(),
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "parameters": {k: _plain(v) for k, v in parameters.items()},
        "input_fingerprints": inputs,
    }


def stamp(layer: QgsMapLayer, provenance: dict, output: str = "") -> bool:
    """Write *provenance* into *layer*'s metadata (and its GeoPackage, when it is one).

    The identifier names the output too: a GeoPackage holds each identifier once, and
    several outputs of one run may be gathered into one GeoPackage.
    """
    metadata = layer.metadata()
    metadata.setIdentifier(f"{provenance['algorithm']}:{output}@{provenance['time']}")
    metadata.setAbstract(
        f"Made by {provenance['plugin']} ({provenance['algorithm']}) at {provenance['time']}."
    )
    metadata.addHistoryItem(json.dumps(provenance, sort_keys=True))
    layer.setMetadata(metadata)
    if layer.providerType() == "postgres":
        return stamp_postgis(layer, provenance, output)
    if layer.providerType() != "ogr":
        return True
    target = layer
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    if not parts.get("layerName"):  # e.g. a one-layer GeoPackage given by its path alone
        sublayers = layer.dataProvider().subLayers()
        if not sublayers:
            return False
        name = sublayers[0].split(QgsDataProvider.sublayerSeparator())[1]
        target = QgsVectorLayer(f"{parts['path']}|layername={name}", name, "ogr")
        target.setMetadata(metadata)
    _message, ok = target.saveDefaultMetadata()
    return ok


def run_parameters(layer: QgsMapLayer, algorithm_id: str) -> dict:
    """The parameters of the last *algorithm_id* run stamped on *layer* ({} when none is)."""
    for item in reversed(layer.metadata().history()):
        try:
            provenance = json.loads(item)
        except ValueError:
            continue
        if isinstance(provenance, dict) and provenance.get("algorithm") == algorithm_id:
            parameters = provenance.get("parameters")
            return parameters if isinstance(parameters, dict) else {}
    return {}


def _postgis_layer(value: str) -> QgsVectorLayer | None:
    """The layer of a ``postgis:`` / ``postgres://`` destination, as Processing returns them."""
    for prefix in ("postgis:", "postgres://"):
        if value.startswith(prefix):
            layer = QgsVectorLayer(value[len(prefix) :], "output", "postgres")
            return layer if layer.isValid() else None
    return None


def stamp_outputs(algorithm, results: dict, provenance: dict, context) -> int:
    """Stamp every layer output of a run; returns how many were stamped."""
    done = 0
    for output in algorithm.outputDefinitions():
        value = results.get(output.name())
        if not isinstance(value, str) or not value:
            continue
        if output.type() not in ("outputVector", "outputLayer", "outputRaster"):
            continue
        layer = _postgis_layer(value) or QgsProcessingUtils.mapLayerFromString(value, context)
        if layer is not None and stamp(layer, provenance, output.name()):
            done += 1
    return done


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _exists(connection, target: str) -> bool:
    rows = connection.executeSql(f"SELECT to_regclass({_literal(target)}) IS NOT NULL")
    return bool(rows) and str(rows[0][0]).lower() in ("true", "t", "1")


def share_table(connection, target: str) -> None:
    """Let every role read and append to *target* (a log shared by all officers)."""
    connection.executeSql(f"GRANT SELECT, INSERT ON {target} TO PUBLIC")
    sequences = connection.executeSql(f"SELECT pg_get_serial_sequence({_literal(target)}, 'id')")
    if sequences and sequences[0][0]:
        connection.executeSql(f"GRANT USAGE ON SEQUENCE {sequences[0][0]} TO PUBLIC")


def ensure_shared_table(connection, target: str, create_sql: str) -> None:
    """Create *target* with *create_sql* if it is missing, shared with every role."""
    if not _exists(connection, target):
        connection.executeSql(create_sql)
        share_table(connection, target)


def stamp_postgis(layer: QgsMapLayer, provenance: dict, output: str = "") -> bool:
    """Append *provenance* to ``placelink_provenance`` beside a PostGIS output table.

    Goes through QGIS's own PostgreSQL connection (the layer's URI, authcfg included), so a
    password stays wherever QGIS keeps it. The table's comment says who made it and when.
    """
    uri = QgsDataSourceUri(layer.source())
    schema, table = uri.schema() or "public", uri.table()
    if not table:
        return False
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    connection = metadata.createConnection(layer.source(), {})
    target = f"{_identifier(schema)}.{_identifier(PROVENANCE_TABLE)}"
    document = json.dumps(provenance, sort_keys=True)
    if not _exists(connection, target):
        # one table for every officer's runs: whoever makes it lets the others add rows
        connection.executeSql(
            f"CREATE TABLE IF NOT EXISTS {target} ("
            "id bigserial PRIMARY KEY, table_schema text NOT NULL, table_name text NOT NULL, "
            "output text, algorithm text NOT NULL, plugin text NOT NULL, "
            "made_at timestamptz NOT NULL, provenance jsonb NOT NULL)"
        )
        share_table(connection, target)
    connection.executeSql(
        f"INSERT INTO {target} (table_schema, table_name, output, algorithm, plugin, made_at, "  # nosec B608 - quoted by _identifier()/_literal()
        f"provenance) VALUES ({_literal(schema)}, {_literal(table)}, {_literal(output)}, "
        f"{_literal(provenance['algorithm'])}, {_literal(provenance['plugin'])}, "
        f"{_literal(provenance['time'])}, {_literal(document)}::jsonb)"
    )
    comment = (
        f"Made by {provenance['plugin']} ({provenance['algorithm']}) at {provenance['time']}; "
        f"provenance in {schema}.{PROVENANCE_TABLE}"
    )
    connection.executeSql(
        f"COMMENT ON TABLE {_identifier(schema)}.{_identifier(table)} IS {_literal(comment)}"
    )
    return True
