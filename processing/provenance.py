"""Provenance on every output layer: plugin version, algorithm, parameters, input fingerprints
and time, written into the layer's metadata (inside the GeoPackage for GeoPackage outputs)."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone

from qgis.core import (
    QgsDataProvider,
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
        return value.source()
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        return value.source.staticValue()
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        return value.sink.staticValue()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


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


def record(algorithm, parameters: dict, context: QgsProcessingContext) -> dict:  # noqa: ANN001
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


def stamp_outputs(algorithm, results: dict, provenance: dict, context) -> int:  # noqa: ANN001
    """Stamp every layer output of a run; returns how many were stamped."""
    done = 0
    for output in algorithm.outputDefinitions():
        value = results.get(output.name())
        if not isinstance(value, str) or not value:
            continue
        if output.type() not in ("outputVector", "outputLayer", "outputRaster"):
            continue
        layer = QgsProcessingUtils.mapLayerFromString(value, context)
        if layer is not None and stamp(layer, provenance, output.name()):
            done += 1
    return done
