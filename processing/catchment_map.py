"""``placelink:catchmentmap``: a finished catchment map as PDF or PNG, and a layout in QGIS."""

from __future__ import annotations

import re
from datetime import date

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

from ..qgis_support import styling
from ..qgis_support.compat import FLAG_NO_THREADING, SOURCE_LINE, SOURCE_POINT, SOURCE_POLYGON
from ..qgis_support.map_layout import OS_ATTRIBUTION, build_layout, export
from .base import PlaceLinkAlgorithm

OS_SOURCES = re.compile(
    r"\bOS\b|Ordnance Survey|AddressBase|Open ?UPRN|Open ?USRN|Open ?Roads|Code-?Point|MasterMap",
    re.IGNORECASE,
)


def mentions_os_data(layer: QgsVectorLayer) -> bool:
    """True when the layer's source or its ``source`` field names an OS product."""
    if OS_SOURCES.search(layer.source()) or OS_SOURCES.search(layer.name()):
        return True
    index = layer.fields().indexOf("source")
    if index < 0:
        return False
    return any(OS_SOURCES.search(str(v)) for v in layer.uniqueValues(index, 50))


class CatchmentMap(PlaceLinkAlgorithm):
    """Render catchments, facilities and bands into a print-ready map."""

    ID = "catchmentmap"
    NAME = "Catchment map"
    GROUP = "Catchments"
    GROUP_ID = "catchments"
    TAGS = ("catchment", "map", "print layout", "PDF", "school", "admissions")
    ICON = "placelink.svg"
    HELP = (
        "Renders a finished catchment map on an A4 landscape page and exports it to PDF or "
        "PNG (by the OUTPUT file's extension).\n\n"
        "The map shows the catchments in distinct colours (up to ten facilities each get "
        "their own colour; with more, colours are reused only by catchments that do not "
        "touch), the facilities as labelled stars, band outlines if given, and the street "
        "network underneath if given. Beside it: the title, the date, a legend with each "
        "catchment's address count, a scale bar, a north arrow and, when OS data is used, "
        "the 'Contains OS data © Crown copyright and database right' attribution (ATTRIBUTION "
        "'auto' looks for OS products in the layers' sources and `source` fields).\n\n"
        "Run from QGIS, the styled layers and the print layout are also added to the project "
        "(group 'Catchment map'), so the analyst can edit the layout. Your own layers and "
        "their styles are not changed: the map uses styled copies."
    )

    CATCHMENTS = "CATCHMENTS"
    CATCHMENT_FIELD = "CATCHMENT_FIELD"
    COUNT_FIELD = "COUNT_FIELD"
    FACILITIES = "FACILITIES"
    NAME_FIELD = "NAME_FIELD"
    BAND_AREAS = "BAND_AREAS"
    NETWORK = "NETWORK"
    TITLE = "TITLE"
    ATTRIBUTION = "ATTRIBUTION"
    OUTPUT = "OUTPUT"
    ATTRIBUTION_OPTIONS = ("Auto (when OS data is used)", "Always", "Never")

    def flags(self):
        return super().flags() | FLAG_NO_THREADING  # layouts render on the main thread

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.CATCHMENTS, self.tr("Catchments"), [SOURCE_POLYGON]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CATCHMENT_FIELD,
                self.tr("Catchment name field"),
                defaultValue="facility_name",
                parentLayerParameterName=self.CATCHMENTS,
                optional=True,  # QGIS 3.22 refuses a missing field value even with a default
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.COUNT_FIELD,
                self.tr("Address count field"),
                defaultValue="address_count",
                parentLayerParameterName=self.CATCHMENTS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.FACILITIES, self.tr("Facilities"), [SOURCE_POINT], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.NAME_FIELD,
                self.tr("Facility label field"),
                defaultValue="name",
                parentLayerParameterName=self.FACILITIES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.BAND_AREAS, self.tr("Band areas"), [SOURCE_POLYGON], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.NETWORK, self.tr("Street network (background)"), [SOURCE_LINE], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.TITLE, self.tr("Title"), defaultValue="Catchment areas"
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.ATTRIBUTION,
                self.tr("OS attribution"),
                options=list(self.ATTRIBUTION_OPTIONS),
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("Map file"), "PDF files (*.pdf);;PNG files (*.png)"
            )
        )
        self.addOutput(QgsProcessingOutputString("LAYOUT_NAME", self.tr("Print layout name")))

    def processAlgorithm(self, parameters, context, feedback):
        catchments = self.parameterAsVectorLayer(parameters, self.CATCHMENTS, context)
        if catchments is None or not catchments.isValid():
            raise QgsProcessingException(self.tr("CATCHMENTS is not a readable polygon layer."))
        field = self.parameterAsString(parameters, self.CATCHMENT_FIELD, context) or "facility_name"
        if catchments.fields().indexOf(field) < 0:
            raise QgsProcessingException(f"CATCHMENTS has no field {field!r}.")
        count_field = self.parameterAsString(parameters, self.COUNT_FIELD, context) or None
        facilities = self.parameterAsVectorLayer(parameters, self.FACILITIES, context)
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context) or "name"
        bands = self.parameterAsVectorLayer(parameters, self.BAND_AREAS, context)
        network = self.parameterAsVectorLayer(parameters, self.NETWORK, context)
        title = self.parameterAsString(parameters, self.TITLE, context) or "Catchment areas"
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)

        feedback.setProgressText(self.tr("Styling layers"))
        map_catchments = self._copy(catchments, "Catchments")
        colours = styling.facility_colours(map_catchments, field)
        styling.style_catchments(map_catchments, field, colours, count_field)
        layers = [map_catchments]
        legend = [map_catchments]
        if bands is not None:
            map_bands = self._copy(bands, "Distance bands")
            if map_bands.fields().indexOf(field) >= 0:
                styling.style_band_outlines(map_bands, field, colours)
            layers.insert(0, map_bands)
            key = styling.band_outline_key(map_bands)  # says what the dashed lines are
            if key is not None:
                legend.append(key)
                self._extra_layers = [key]
        if facilities is not None:
            map_facilities = self._copy(facilities, "Facilities")
            if map_facilities.fields().indexOf(name_field) < 0:
                raise QgsProcessingException(f"FACILITIES has no field {name_field!r}.")
            styling.style_facilities(map_facilities, name_field)
            layers.insert(0, map_facilities)
            legend.insert(0, map_facilities)
        if network is not None:
            map_network = self._copy(network, "Streets")
            styling.style_lines(map_network)
            layers.insert(len(layers) - 1, map_network)

        choice = self.ATTRIBUTION_OPTIONS[
            self.parameterAsEnum(parameters, self.ATTRIBUTION, context)
        ]
        inputs = [layer for layer in (catchments, facilities, bands, network) if layer is not None]
        uses_os = choice == "Always" or (
            choice.startswith("Auto") and any(mentions_os_data(layer) for layer in inputs)
        )
        attribution = OS_ATTRIBUTION.format(year=date.today().year) if uses_os else None

        map_catchments.updateExtents()
        extent = QgsRectangle(map_catchments.extent())
        project = context.project() or QgsProject.instance()
        name = self._unique_name(project, title)
        feedback.setProgressText(self.tr("Rendering the map"))
        layout = build_layout(project, name, title, layers, legend, extent, attribution)
        if feedback.isCanceled():
            return {}
        try:
            export(layout, output)
        except RuntimeError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(f"Map written to {output}" + (" with OS attribution" if uses_os else ""))
        self._layout, self._layers = layout, layers
        return {self.OUTPUT: output, "LAYOUT_NAME": name}

    def postProcessAlgorithm(self, context, feedback):
        """Add the styled layers and the editable layout to the run's project (in QGIS: yours)."""
        layout = getattr(self, "_layout", None)
        project = context.project()
        if layout is None or project is None:
            return {}
        group = project.layerTreeRoot().insertGroup(0, f"Catchment map: {layout.name()}")
        for layer in [*self._layers, *getattr(self, "_extra_layers", [])]:
            project.addMapLayer(layer, False)
            group.addLayer(layer)
        project.layoutManager().addLayout(layout)
        feedback.pushInfo(f"Print layout '{layout.name()}' added to the project.")
        return {}

    def _copy(self, layer: QgsVectorLayer, name: str) -> QgsVectorLayer:
        """A copy to style: memory layers are materialised (a clone of one would be empty)."""
        if layer.providerType() == "memory":
            copy = layer.materialize(QgsFeatureRequest())
        else:
            copy = layer.clone()
        copy.setName(name)
        return copy

    @staticmethod
    def _unique_name(project: QgsProject, title: str) -> str:
        existing = {layout.name() for layout in project.layoutManager().layouts()}
        name, n = title, 2
        while name in existing:
            name, n = f"{title} ({n})", n + 1
        return name
