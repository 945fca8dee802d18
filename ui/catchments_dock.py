"""The Catchments dock: run placelink:catchments then placelink:catchmentmap; hover for answers."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsFeatureRequest,
    QgsMapLayer,
    QgsPointXY,
    QgsProcessingUtils,
    QgsProject,
    QgsSpatialIndex,
    QgsVectorLayer,
)

from ..qgis_support.compat import LAYER_LINE, LAYER_POINT, LAYER_POLYGON
from .distances_panel import DistancesPanel
from .dock_base import AlgorithmDock
from .results_folder import (
    mark_result_set,
    put_set_at,
    release_layout,
    result_path,
    take_out_set,
)

METHODS = ("Straight line", "Along the street network", "Along the network, with capacities")
HOVER_PIXELS = 8


class CatchmentsDock(AlgorithmDock):
    """Choose facilities, addresses, network and method; layers and a layout land in the project."""

    STATE_WIDGETS = {
        "facilities": "facilitiesCombo", "name_field": "nameField", "addresses": "addressesCombo",
        "method": "methodCombo", "network": "networkCombo", "capacity_field": "capacityField",
        "boundary": "boundaryCombo", "bands": "bandsEdit", "units": "bandUnits",
        "speed": "speedSpin", "title": "titleEdit",
    }  # fmt: skip

    FORM = "catchments_dock.ui"
    TITLE = "PlaceLink: Catchments"

    def __init__(self, iface, parent=None) -> None:
        super().__init__(iface, parent)
        ui = self.ui
        ui.mainLayout.addStretch()
        ui.facilitiesCombo.setFilters(LAYER_POINT)
        ui.addressesCombo.setFilters(LAYER_POINT)
        ui.networkCombo.setFilters(LAYER_LINE)
        ui.boundaryCombo.setFilters(LAYER_POLYGON)
        for combo in (ui.networkCombo, ui.boundaryCombo):
            combo.setAllowEmptyLayer(True)
        ui.nameField.setLayer(ui.facilitiesCombo.currentLayer())
        ui.capacityField.setLayer(ui.facilitiesCombo.currentLayer())
        ui.capacityField.setAllowEmptyFieldName(True)
        ui.facilitiesCombo.layerChanged.connect(ui.nameField.setLayer)
        ui.facilitiesCombo.layerChanged.connect(ui.capacityField.setLayer)
        ui.methodCombo.addItems([self.tr(m) for m in METHODS])
        ui.methodCombo.currentIndexChanged.connect(self._method_changed)
        ui.bandUnits.addItems([self.tr("metres"), self.tr("minutes")])
        ui.bandUnits.currentIndexChanged.connect(self._method_changed)
        ui.runButton.clicked.connect(self.make_catchments)
        self.assignments: QgsVectorLayer | None = None
        self.catchments: QgsVectorLayer | None = None
        self.bands: QgsVectorLayer | None = None
        self._place = None
        self.map_path: Path | None = None
        self._index: QgsSpatialIndex | None = None
        if iface is not None:
            iface.mapCanvas().xyCoordinates.connect(self.hover)
        self._method_changed()
        self.distances = DistancesPanel(self)
        ui.mainLayout.insertWidget(ui.mainLayout.count() - 1, self.distances)

    def _method_changed(self) -> None:
        """Enable what the method uses; a disabled control says why in its tooltip."""
        ui, method = self.ui, self.ui.methodCombo.currentIndex()
        ui.networkCombo.setEnabled(method > 0)
        ui.capacityField.setEnabled(method == 2)
        ui.speedSpin.setEnabled(ui.bandUnits.currentIndex() == 1)
        for widget, why in (
            (ui.networkCombo, self.tr("Off: the straight-line method needs no network.")),
            (ui.capacityField, self.tr("Off: only the method with capacities uses places.")),
            (ui.speedSpin, self.tr("Off: bands in metres need no speed.")),
        ):
            tip = widget.property("enabledTip") or widget.toolTip()
            widget.setProperty("enabledTip", tip)
            widget.setToolTip(tip if widget.isEnabled() else f"{why} {tip}")

    def parameters(self) -> dict:
        """The placelink:catchments parameters the form describes."""
        ui = self.ui
        method = ui.methodCombo.currentIndex()
        parameters = {
            "FACILITIES": ui.facilitiesCombo.currentLayer(),
            "NAME_FIELD": ui.nameField.currentField(),
            "ADDRESSES": ui.addressesCombo.currentLayer(),
            "BOUNDARY": ui.boundaryCombo.currentLayer(),
            "BANDS": ui.bandsEdit.text().strip(),
            "ASSIGNMENTS": self.output(
                "catchment_assignments.gpkg", self.tr("Address assignments")
            ),
            "CATCHMENTS": self.output("catchments.gpkg", self.tr("Catchments")),
            "BAND_AREAS": self.output("catchment_bands.gpkg", self.tr("Distance bands")),
        }
        if method > 0:
            parameters["NETWORK"] = ui.networkCombo.currentLayer()
        if method == 2 and ui.capacityField.currentField():
            parameters["CAPACITY_FIELD"] = ui.capacityField.currentField()
        if ui.bandUnits.currentIndex() == 1:
            parameters["SPEED_KMH"] = ui.speedSpin.value()
        return {key: value for key, value in parameters.items() if value not in (None, "")}

    def make_catchments(self) -> None:
        ui = self.ui
        if ui.facilitiesCombo.currentLayer() is None or ui.addressesCombo.currentLayer() is None:
            ui.statusLabel.setText(self.tr("Choose a facilities layer and an addresses layer."))
            return
        if ui.methodCombo.currentIndex() > 0 and ui.networkCombo.currentLayer() is None:
            ui.statusLabel.setText(self.tr("Choose a street network, or the straight-line method."))
            return
        self.stage = "catchments"
        # The project's catchment set (the demo's, or the last run's map) makes way for this
        # run's: its place in the Layers panel is kept for the new one.
        self._place = take_out_set()
        self.start("placelink:catchments", self.parameters())

    def on_finished(self, ok: bool, results: dict) -> None:
        if not ok:
            return
        if self.stage == "catchments":
            self.assignments = self._layer(results.get("ASSIGNMENTS"))
            self.catchments = self._layer(results.get("CATCHMENTS"))
            self.bands = self._layer(results.get("BAND_AREAS"))
            self._build_index()
            self._unreached = int(results.get("UNREACHED", 0) or 0)
            self.map_path = result_path("catchment_map.pdf")
            self.stage = "map"
            title = self.ui.titleEdit.text() or self.tr("Catchment areas")
            release_layout(title)  # the last run's map: replaced, not piled up as "(2)"
            parameters = {
                "CATCHMENTS": self.catchments,
                "FACILITIES": self.ui.facilitiesCombo.currentLayer(),
                "NAME_FIELD": self.ui.nameField.currentField(),
                "BAND_AREAS": self.bands,
                "NETWORK": self.ui.networkCombo.currentLayer(),  # the map shows the streets
                "TITLE": title,
                "OUTPUT": str(self.map_path),
            }
            self.start(
                "placelink:catchmentmap", {k: v for k, v in parameters.items() if v is not None}
            )
            return
        self._gather(results.get("LAYOUT_NAME"))
        text = self.tr("Catchments made. The map is in the project's layouts and at {path}.")
        if self._unreached:
            text += " " + self.tr(
                "{n:,} address(es) have no facility (hover one to see why)."
            ).format(n=self._unreached)
        self.ui.statusLabel.setText(text.format(path=self.map_path))

    def _gather(self, layout_name: object) -> None:
        """One catchment set in the project: the map's group (its styled layers read the
        run's files) takes the place of the set the run replaced, the run's own unstyled
        copies of the same files leave, and the address assignments (for hovering) join
        the group, switched off."""
        project = QgsProject.instance()
        root = project.layerTreeRoot()
        group = root.findGroup(f"Catchment map: {layout_name}") if layout_name else None
        if group is None:
            return
        group = put_set_at(group, getattr(self, "_place", None))
        mark_result_set(group)
        mapped = {layer.source(): layer for layer in (n.layer() for n in group.findLayers())}
        for name in ("catchments", "bands"):
            own = getattr(self, name, None)
            styled = mapped.get(own.source()) if own is not None else None
            if styled is not None and styled is not own:
                project.removeMapLayer(own.id())
                setattr(self, name, styled)
        node = root.findLayer(self.assignments.id()) if self.assignments is not None else None
        if node is not None and node.parent() is not group:
            moved = node.clone()
            moved.setItemVisibilityChecked(False)  # one point per address: for hovering
            moved.setExpanded(False)
            group.addChildNode(moved)
            node.parent().removeChildNode(node)

    def _layer(self, value: object) -> QgsVectorLayer | None:
        if value is None or isinstance(value, QgsMapLayer):
            return value
        return QgsProject.instance().mapLayer(str(value)) or QgsProcessingUtils.mapLayerFromString(
            str(value), self.run.context
        )

    def _build_index(self) -> None:
        self._index = None
        if self.assignments is not None:
            self._index = QgsSpatialIndex(
                self.assignments.getFeatures(QgsFeatureRequest().setNoAttributes())
            )

    def hover(self, point: QgsPointXY) -> str:
        """Show the facility and distance of the address under the mouse."""
        if self._index is None or self.assignments is None:
            return ""
        tolerance = HOVER_PIXELS * (
            self.iface.mapCanvas().mapUnitsPerPixel() if self.iface is not None else 1.0
        )
        nearest = self._index.nearestNeighbor(point, 1, tolerance)
        if not nearest:
            self.ui.hoverLabel.setText("")
            return ""
        feature = self.assignments.getFeature(nearest[0])
        if feature["reachable"] in (False, 0):
            text = self.tr("UPRN {uprn}: {reason}").format(  # full, or not reachable
                uprn=feature["uprn"], reason=feature["reason"]
            )
        else:
            text = self.tr("UPRN {uprn}: {facility}, {metres:,.0f} m").format(
                uprn=feature["uprn"],
                facility=feature["facility_name"],
                metres=float(feature["distance_m"] or 0),
            )
        self.ui.hoverLabel.setText(text)
        return text
