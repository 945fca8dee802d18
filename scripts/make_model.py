"""Write resources/models/council_workflow.model3: PlaceLink's whole council job as one model.

Load the address and street gazetteers → check their quality → match a service-records
table to UPRNs → catchments for a facilities layer → the catchment map. Built with the
Processing model API (so it stays valid), deterministic; rerun after changing an
algorithm's parameters: ``.venv/bin/python scripts/make_model.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "models" / "council_workflow.model3"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build():
    """The model (QgsProcessingModelAlgorithm), with the plugin's provider registered."""
    from placelink.qgis_support.compat import SOURCE_POINT, SOURCE_POLYGON, SOURCE_VECTOR
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterEnum,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterField,
        QgsProcessingParameterFile,
        QgsProcessingParameterString,
        QgsProcessingParameterVectorLayer,
    )
    from qgis.PyQt.QtCore import QPointF

    model = QgsProcessingModelAlgorithm("councilworkflow", "Workflows", "")
    model.setName("councilworkflow")
    model.setGroup("Workflows")
    model.setHelpContent(
        {
            "ALG_DESC": (
                "PlaceLink's whole council job in one run: load the address (LLPG/AddressBase/"
                "Open UPRN) and street (NSG/Open USRN/Open Roads) gazetteers, check their "
                "quality, match a service-records table to UPRNs, work out which facility "
                "serves every address along the street network, and export the catchment map."
            ),
            "ALG_CREATOR": "PlaceLink",
        }
    )

    def source_param(name: str, definition, x: float, y: float) -> None:
        parameter = QgsProcessingModelParameter(name)
        parameter.setPosition(QPointF(x, y))
        model.addModelParameter(definition, parameter)

    source_param("ADDRESS_FILE", QgsProcessingParameterFile(
        "ADDRESS_FILE", "Address gazetteer file (DTF 7.3, AddressBase, Open UPRN; CSV or zip)"),
        120, 60)  # fmt: skip
    source_param("STREET_FILE", QgsProcessingParameterFile(
        "STREET_FILE", "Street gazetteer file (DTF 8.1, DTF 7.3, Open USRN, Open Roads)"),
        120, 160)  # fmt: skip
    source_param("BOUNDARY", QgsProcessingParameterFeatureSource(
        "BOUNDARY", "Authority boundary", [SOURCE_POLYGON], optional=True), 120, 260)  # fmt: skip
    source_param("RECORDS", QgsProcessingParameterFeatureSource(
        "RECORDS", "Service records to match (table)", [SOURCE_VECTOR]), 120, 360)  # fmt: skip
    source_param("RECORD_ADDRESS_FIELDS", QgsProcessingParameterField(
        "RECORD_ADDRESS_FIELDS", "Address field(s) of the records",
        parentLayerParameterName="RECORDS", allowMultiple=True), 120, 420)  # fmt: skip
    source_param("RECORD_POSTCODE_FIELD", QgsProcessingParameterField(
        "RECORD_POSTCODE_FIELD", "Postcode field of the records",
        parentLayerParameterName="RECORDS", optional=True), 120, 480)  # fmt: skip
    source_param("FACILITIES", QgsProcessingParameterVectorLayer(
        "FACILITIES", "Facilities (points)", [SOURCE_POINT]), 120, 560)  # fmt: skip
    source_param("FACILITY_NAME_FIELD", QgsProcessingParameterField(
        "FACILITY_NAME_FIELD", "Facility name field", defaultValue="name",
        parentLayerParameterName="FACILITIES"), 120, 620)  # fmt: skip
    source_param("FACILITY_CAPACITY_FIELD", QgsProcessingParameterField(
        "FACILITY_CAPACITY_FIELD", "Facility capacity field (optional)",
        parentLayerParameterName="FACILITIES", optional=True), 120, 680)  # fmt: skip
    source_param("BANDS", QgsProcessingParameterString(
        "BANDS", "Distance bands (metres)", defaultValue="400,800,1600", optional=True),
        120, 740)  # fmt: skip
    source_param("MAP_TITLE", QgsProcessingParameterString(
        "MAP_TITLE", "Map title", defaultValue="Catchment areas"), 120, 800)  # fmt: skip
    source_param("ATTRIBUTION", QgsProcessingParameterEnum(
        "ATTRIBUTION", "OS attribution on the map",
        options=["Auto (when OS data is used)", "Always", "Never"], defaultValue=0),
        120, 860)  # fmt: skip

    def model_input(name: str) -> QgsProcessingModelChildParameterSource:
        return QgsProcessingModelChildParameterSource.fromModelParameter(name)

    def child_output(child: str, output: str) -> QgsProcessingModelChildParameterSource:
        return QgsProcessingModelChildParameterSource.fromChildOutput(child, output)

    def static(value: object) -> QgsProcessingModelChildParameterSource:
        return QgsProcessingModelChildParameterSource.fromStaticValue(value)

    def child(
        child_id: str, algorithm: str, description: str, x: float, y: float,
        sources: dict, outputs: dict[str, str],
    ) -> None:  # fmt: skip
        step = QgsProcessingModelChildAlgorithm(algorithm)
        step.setChildId(child_id)
        step.setDescription(description)
        step.setPosition(QPointF(x, y))
        for name, source in sources.items():
            step.addParameterSources(name, [source])
        for definition in step.algorithm().parameterDefinitions():  # defaults, made explicit
            name = definition.name()
            if name in sources or definition.isDestination():
                continue
            if definition.defaultValue() is not None:
                step.addParameterSources(name, [static(definition.defaultValue())])
        model_outputs = {}
        for output_name, label in outputs.items():
            out = QgsProcessingModelOutput(label, label)
            out.setChildId(child_id)
            out.setChildOutputName(output_name)
            out.setPosition(QPointF(x + 260, y))
            model_outputs[label] = out
        step.setModelOutputs(model_outputs)
        model.addChildAlgorithm(step)

    child("load_addresses", "placelink:loadaddresses", "Load addresses", 480, 60,
          {"INPUT": model_input("ADDRESS_FILE"), "FORMAT": static(0)},
          {"OUTPUT": "Addresses", "REJECTED": "Rejected address rows"})  # fmt: skip
    child("load_streets", "placelink:loadstreets", "Load streets", 480, 160,
          {"INPUT": model_input("STREET_FILE"), "FORMAT": static(0)},
          {"OUTPUT": "Streets", "REJECTED": "Rejected street rows"})  # fmt: skip
    child("check_quality", "placelink:checkquality", "Check gazetteer quality", 800, 110,
          {"ADDRESSES": child_output("load_addresses", "OUTPUT"),
           "STREETS": child_output("load_streets", "OUTPUT"),
           "BOUNDARY": model_input("BOUNDARY")},
          {"ISSUES": "Quality issues", "SUMMARY": "Quality summary",
           "REPORT": "Quality report"})  # fmt: skip
    child("match", "placelink:matchaddresses", "Match service records to UPRNs", 800, 380,
          {"INPUT": model_input("RECORDS"),
           "ADDRESS_FIELDS": model_input("RECORD_ADDRESS_FIELDS"),
           "POSTCODE_FIELD": model_input("RECORD_POSTCODE_FIELD"),
           "GAZETTEER": child_output("load_addresses", "OUTPUT")},
          {"OUTPUT": "Matched records"})  # fmt: skip
    child("catchments", "placelink:catchments", "Catchments along the street network", 800, 600,
          {"FACILITIES": model_input("FACILITIES"),
           "NAME_FIELD": model_input("FACILITY_NAME_FIELD"),
           "CAPACITY_FIELD": model_input("FACILITY_CAPACITY_FIELD"),
           "ADDRESSES": child_output("load_addresses", "OUTPUT"),
           "NETWORK": child_output("load_streets", "OUTPUT"),
           "BOUNDARY": model_input("BOUNDARY"),
           "BANDS": model_input("BANDS")},
          {"ASSIGNMENTS": "Address assignments", "CATCHMENTS": "Catchments",
           "BAND_AREAS": "Distance band areas"})  # fmt: skip
    child("map", "placelink:catchmentmap", "Catchment map", 1120, 600,
          {"CATCHMENTS": child_output("catchments", "CATCHMENTS"),
           "FACILITIES": model_input("FACILITIES"),
           "NAME_FIELD": model_input("FACILITY_NAME_FIELD"),
           "BAND_AREAS": child_output("catchments", "BAND_AREAS"),
           "NETWORK": child_output("load_streets", "OUTPUT"),
           "TITLE": model_input("MAP_TITLE"),
           "ATTRIBUTION": model_input("ATTRIBUTION")},
          {"OUTPUT": "Catchment map"})  # fmt: skip
    model.updateDestinationParameters()
    return model


def main() -> int:
    sys.path.insert(0, str(ROOT / "build" / "pluginpath"))
    (ROOT / "build" / "pluginpath").mkdir(parents=True, exist_ok=True)
    link = ROOT / "build" / "pluginpath" / "placelink"
    if not link.exists():
        link.symlink_to(ROOT, target_is_directory=True)
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from placelink.processing.provider import PlaceLinkProvider

    provider = PlaceLinkProvider(include_models=False)
    QgsApplication.processingRegistry().addProvider(provider)
    model = build()
    ok, errors = model.validate()
    if not ok:
        raise SystemExit("the model is not valid:\n" + "\n".join(errors))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    if not model.toFile(str(OUT)):
        raise SystemExit(f"could not write {OUT}")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
