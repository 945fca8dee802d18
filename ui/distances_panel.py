"""The Distances part of the Catchments dock: one address's nearest schools and its route.

Pick an address (click on the map with *Pick on map*, or type it in the Find address dock
or the locator bar and go to it: both set ``current_address.CURRENT``, which this part
follows), see its nearest schools by the shortest walking route (to each school's nearest
gate) and the route to the nearest drawn on the map; export that route and its length as
a one-page PDF for a decision letter. An address picked while the Catchments dock is
closed (or behind another tab) is answered when the dock is shown, so looking addresses
up elsewhere never builds a walking graph nobody asked for. The look-up asks
``core.catchments.distances`` directly (an interactive look-up must answer at once);
the whole-area table is the ``placelink:facilitydistances`` algorithm. The walking graph
is built once per network, facilities and gates, then each look-up costs a few array
operations.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox, QgsMapToolEmitPoint
from qgis.PyQt.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..qgis_support.compat import LAYER_POINT
from .current_address import CURRENT

NEAREST = 3


class DistancesPanel(QGroupBox):
    """Nearest schools of one address, its route on the map, and the route as a PDF."""

    def __init__(self, dock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Distances"))
        self.setObjectName("distancesPanel")
        self.dock = dock
        self.iface = dock.iface
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.gatesCombo = QgsMapLayerComboBox(self)
        self.gatesCombo.setFilters(LAYER_POINT)
        self.gatesCombo.setAllowEmptyLayer(True)
        self.gatesCombo.setLayer(None)
        self.gateField = QgsFieldComboBox(self)
        self.gatesCombo.layerChanged.connect(self.gateField.setLayer)
        self.addressLabel = QLabel(self.tr("none yet: go to one in Find address, or pick on map"))
        self.addressLabel.setWordWrap(True)
        form.addRow(self.tr("Gates (optional)"), self.gatesCombo)
        form.addRow(self.tr("Gate's school field"), self.gateField)
        form.addRow(self.tr("Address"), self.addressLabel)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.pickButton = QPushButton(self.tr("Pick on map"), self)
        self.pickButton.clicked.connect(self.pick_on_map)
        self.pdfButton = QPushButton(self.tr("Export route as PDF"), self)
        self.pdfButton.setEnabled(False)
        self.pdfButton.clicked.connect(lambda: self.export_pdf())
        buttons.addWidget(self.pickButton)
        buttons.addWidget(self.pdfButton)
        layout.addLayout(buttons)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("School"), self.tr("Miles"), self.tr("m")])
        layout.addWidget(self.table)
        self.answerLabel = QLabel(self)
        self.answerLabel.setWordWrap(True)
        layout.addWidget(self.answerLabel)
        for name, widget, tip in (
            ("gatesCombo", self.gatesCombo,
             self.tr("Optional: the schools' gates as points; a school is reached at its "
                     "nearest gate (without gates, at its point).")),
            ("gateField", self.gateField, self.tr("The gates' field holding their school's name.")),
            ("addressLabel", self.addressLabel,
             self.tr("The address answered for: the one last picked in the Find address "
                     "dock, the locator bar or on the map.")),
            ("pickButton", self.pickButton,
             self.tr("Click an address on the map to list its nearest schools.")),
            ("pdfButton", self.pdfButton,
             self.tr("The route to the nearest school and its length as a one-page PDF "
                     "(for a decision letter); on once an address is chosen.")),
            ("distancesTable", self.table,
             self.tr("The nearest schools by the shortest walking route, nearest first.")),
        ):  # fmt: skip
            widget.setObjectName(name)
            widget.setToolTip(tip)
        self.route_layer: QgsVectorLayer | None = None
        self.answer: dict | None = None
        self._walk_key: tuple | None = None
        self._walk = None
        self._tool = None
        self._pending = False
        self._own_pick = False
        CURRENT.changed.connect(self._follow)
        dock.visibilityChanged.connect(self._shown)

    # -- inputs -------------------------------------------------------------------------

    def _inputs(self):
        ui = self.dock.ui
        return (
            ui.facilitiesCombo.currentLayer(),
            ui.nameField.currentField(),
            ui.addressesCombo.currentLayer(),
            ui.networkCombo.currentLayer(),
        )

    def _points(self, layer: QgsVectorLayer, crs, fields: list[str]):
        request = QgsFeatureRequest()
        request.setDestinationCrs(crs, QgsProject.instance().transformContext())
        xy, values = [], []
        for feature in layer.getFeatures(request):
            geom = feature.geometry()
            if geom is None or geom.isEmpty():
                continue
            p = geom.asPoint() if not geom.isMultipart() else geom.asMultiPoint()[0]
            xy.append((p.x(), p.y()))
            values.append([feature[f] for f in fields])
        return np.array(xy, dtype=float).reshape(-1, 2), values

    def _walking(self):
        """The walking graph for the chosen network, schools and gates (cached)."""
        import shapely

        from ..core.catchments import distances as dist

        facilities, name_field, addresses, network = self._inputs()
        gates = self.gatesCombo.currentLayer()
        gate_field = self.gateField.currentField()
        key = (
            *(
                (layer.id(), layer.subsetString()) if layer is not None else None
                for layer in (facilities, addresses, network, gates)
            ),
            name_field,
            gate_field,
        )
        if key == self._walk_key:
            return self._walk
        crs = addresses.crs()
        f_xy, f_vals = self._points(facilities, crs, [name_field] if name_field else [])
        names = [str(v[0]) if v else str(i) for i, v in enumerate(f_vals)]
        index_of = {n.casefold(): i for i, n in reversed(list(enumerate(names)))}
        g_xy, g_fac = [], []
        if gates is not None and gate_field:
            xy, vals = self._points(gates, crs, [gate_field])
            for point, (owner,) in zip(xy, vals):
                f = index_of.get(str(owner).casefold())
                if f is not None:
                    g_xy.append(point)
                    g_fac.append(f)
        for f in set(range(len(names))) - set(g_fac):
            g_xy.append(f_xy[f])
            g_fac.append(f)
        request = QgsFeatureRequest()
        request.setDestinationCrs(crs, QgsProject.instance().transformContext())
        lines = [
            shapely.from_wkb(bytes(f.geometry().asWkb()))
            for f in network.getFeatures(request)
            if not f.geometry().isEmpty()
        ]
        walk = dist.prepare_walking(lines, np.array(g_xy), np.array(g_fac), len(names))
        searches = dist.search_facilities(walk)
        self._walk = (walk, searches, names, crs)
        self._walk_key = key
        return self._walk

    # -- picking ------------------------------------------------------------------------

    def pick_on_map(self) -> None:
        if self.iface is None:
            return
        canvas = self.iface.mapCanvas()
        self._tool = QgsMapToolEmitPoint(canvas)
        self._tool.canvasClicked.connect(self._clicked)
        canvas.setMapTool(self._tool)
        self.answerLabel.setText(self.tr("Click an address on the map."))

    def _clicked(self, point: QgsPointXY, _button=None) -> None:
        canvas = self.iface.mapCanvas()
        addresses = self._inputs()[2]
        if addresses is None:
            return
        to_layer = QgsCoordinateTransform(
            canvas.mapSettings().destinationCrs(), addresses.crs(), QgsProject.instance()
        )
        self.pick_point(to_layer.transform(point))
        canvas.unsetMapTool(self._tool)

    def pick_point(self, point: QgsPointXY, tolerance: float = 50.0) -> dict | None:
        """Answer for the address nearest *point* (in the addresses layer's CRS); it
        becomes the current address (``CURRENT``) for every panel that follows it."""
        addresses = self._inputs()[2]
        if addresses is None:
            return None
        rect = QgsRectangle(point, point)
        rect.grow(tolerance)
        best = None
        for feature in addresses.getFeatures(QgsFeatureRequest().setFilterRect(rect)):
            d = feature.geometry().distance(QgsGeometry.fromPointXY(point))
            if best is None or d < best[0]:
                best = (d, feature)
        if best is None:
            self.answerLabel.setText(self.tr("No address within {m:.0f} m.").format(m=tolerance))
            return None
        feature = best[1]
        fields = addresses.fields()
        uprn = feature["uprn"] if fields.lookupField("uprn") >= 0 else feature.id()
        label = str(feature["address"]) if fields.lookupField("address") >= 0 else ""
        self._own_pick = True
        try:
            CURRENT.set(addresses, uprn, feature.geometry().asPoint(), label, "map")
        finally:
            self._own_pick = False
        return self.answer_current()

    # -- following the current address --------------------------------------------------

    def _follow(self) -> None:
        """The officer picked an address elsewhere: answer now if the dock is shown, else
        when it is."""
        if self._own_pick:
            return
        try:
            shown = self.dock.isVisible()
        except RuntimeError:  # the dock was deleted (the plugin unloaded)
            return
        if shown:
            self.answer_current()
        else:
            self._pending = True
            self.addressLabel.setText(self._address_text())

    def _shown(self, visible: bool) -> None:
        if visible and self._pending:
            self.answer_current()

    def _address_text(self) -> str:
        text = str(CURRENT.uprn) if CURRENT.uprn is not None else ""
        if CURRENT.label:
            text = f"{CURRENT.label} ({text})" if text else CURRENT.label
        return text

    def answer_current(self) -> dict | None:
        """Nearest schools of the current address, listed, with the route to the nearest
        drawn. The address's point is its own on the chosen addresses layer (found by
        UPRN), or the point it was picked at when that layer does not hold it."""
        self._pending = False
        if CURRENT.point is None:
            return None
        self.addressLabel.setText(self._address_text())
        addresses = self._inputs()[2]
        if addresses is None:
            self.answerLabel.setText(
                self.tr("Choose schools, addresses and a street network above.")
            )
            return None
        point = CURRENT.point
        if CURRENT.crs.isValid() and CURRENT.crs != addresses.crs():
            transform = QgsCoordinateTransform(CURRENT.crs, addresses.crs(), QgsProject.instance())
            point = transform.transform(point)
        label = CURRENT.label
        if (
            CURRENT.uprn is not None
            and CURRENT.layer_id != addresses.id()
            and addresses.fields().lookupField("uprn") >= 0
        ):
            request = QgsFeatureRequest().setFilterExpression(f'"uprn" = {int(CURRENT.uprn)}')
            feature = next(addresses.getFeatures(request.setLimit(1)), None)
            if feature is not None and not feature.geometry().isEmpty():
                point = feature.geometry().asPoint()
                if addresses.fields().lookupField("address") >= 0:
                    label = str(feature["address"])
        return self.answer_for(CURRENT.uprn, label, point)

    # -- answering ----------------------------------------------------------------------

    def answer_for(self, uprn: int | None, label: str, point: QgsPointXY) -> dict | None:
        """Nearest schools of the address at *point* (addresses layer's CRS), listed,
        with the route to the nearest drawn."""
        from ..core.catchments import distances as dist

        facilities, _name, addresses, network = self._inputs()
        if facilities is None or addresses is None or network is None:
            self.answerLabel.setText(
                self.tr("Choose schools, addresses and a street network above.")
            )
            return None
        walk, searches, names, crs = self._walking()
        xy = np.array([[point.x(), point.y()]])
        near = dist.nearest_facilities(walk, xy, names, k=NEAREST, searches=searches)
        self.table.setRowCount(0)
        rows = []
        for r in range(near.facility.shape[1]):
            f = int(near.facility[0, r])
            if f < 0:
                break
            metres = float(near.network_m[0, r])
            rows.append((names[f], metres))
            self.table.insertRow(r)
            self.table.setItem(r, 0, QTableWidgetItem(names[f]))
            self.table.setItem(r, 1, QTableWidgetItem(f"{metres / dist.MILE:.2f}"))
            self.table.setItem(r, 2, QTableWidgetItem(f"{metres:,.0f}"))
        if not rows:
            self.answerLabel.setText(str(near.status[0]))
            self.answer = {"uprn": uprn, "address": label, "schools": [], "route": None}
            self.pdfButton.setEnabled(False)
            return self.answer
        line = dist.route(walk, searches, near.places, xy, 0, int(near.facility[0, 0]))
        self._draw_route(line, crs, uprn, rows[0])
        text = dist.reason(1, "school", rows[0][0], rows[0][1])
        self.answerLabel.setText(f"UPRN {uprn}: {text}.")
        self.answer = {
            "uprn": uprn,
            "address": label,
            "schools": rows,
            "route": QgsGeometry(self.route_geometry),
            "reason": text,
        }
        self.pdfButton.setEnabled(True)
        if self.iface is not None:
            self.iface.mapCanvas().setExtent(self.route_geometry.boundingBox().buffered(100))
            self.iface.mapCanvas().refresh()
        return self.answer

    def _draw_route(self, line, crs, uprn, nearest: tuple[str, float]) -> None:
        geometry = QgsGeometry()
        geometry.fromWkb(line.wkb)
        self.route_geometry = geometry
        project = QgsProject.instance()
        if self.route_layer is None or project.mapLayer(self.route_layer.id()) is None:
            self.route_layer = QgsVectorLayer(
                f"LineString?crs={crs.authid()}&field=uprn:long&field=school:string"
                "&field=network_m:double",
                self.tr("Walking route to the nearest school"),
                "memory",
            )
            style = Path(__file__).resolve().parent.parent / "resources" / "styles"
            self.route_layer.loadNamedStyle(str(style / "facility_routes.qml"))
            project.addMapLayer(self.route_layer)
        provider = self.route_layer.dataProvider()
        provider.truncate()
        feature = QgsFeature(self.route_layer.fields())
        feature.setGeometry(geometry)
        feature.setAttributes(
            [int(uprn) if uprn is not None else None, nearest[0], round(nearest[1], 1)]
        )
        provider.addFeatures([feature])
        self.route_layer.updateExtents()
        self.route_layer.triggerRepaint()

    # -- PDF ----------------------------------------------------------------------------

    def export_pdf(self, path: str | None = None) -> Path | None:
        """The route and its length on one A4 page (the map a parent receives)."""
        from qgis.core import QgsLayoutItemLabel, QgsLayoutPoint, QgsLayoutSize
        from qgis.PyQt.QtGui import QFont

        from ..core.catchments.distances import MILE
        from ..qgis_support.compat import LAYOUT_MM, set_label_font
        from ..qgis_support.map_layout import (
            MARGIN,
            OS_ATTRIBUTION,
            PAGE_H,
            PAGE_W,
            PANEL_W,
            build_layout,
            export,
        )
        from .results_folder import result_path

        if not self.answer or self.answer.get("route") is None or self.route_layer is None:
            return None
        school, metres = self.answer["schools"][0]
        if path is None:
            path = str(result_path(f"route_{self.answer['uprn']}.pdf"))
        layers = [self.route_layer]
        network = self._inputs()[3]
        if network is not None:
            layers.append(network)
        title = self.tr("Walking route to {school}").format(school=school)
        extent = self.route_layer.extent()
        extent.grow(max(extent.width(), extent.height()) * 0.1 + 50)
        layout = build_layout(
            QgsProject.instance(),
            title,
            title,
            layers,
            [self.route_layer],
            extent,
            OS_ATTRIBUTION.format(year=date.today().year),
        )
        self.length_text = (
            f"UPRN {self.answer['uprn']}\n{self.answer.get('address', '')}\n\n"
            + self.tr("{miles:.2f} miles ({metres:,.0f} m) by the shortest walking route").format(
                miles=metres / MILE, metres=metres
            )
        )
        details = QgsLayoutItemLabel(layout)
        details.setText(self.length_text)
        set_label_font(details, QFont("Sans Serif", 10))
        layout.addLayoutItem(details)
        details.attemptMove(QgsLayoutPoint(PAGE_W - MARGIN - PANEL_W, PAGE_H - 100, LAYOUT_MM))
        details.attemptResize(QgsLayoutSize(PANEL_W, 45, LAYOUT_MM))
        self.layout = layout
        export(layout, path)
        self.answerLabel.setText(self.answerLabel.text() + " " + self.tr("PDF: ") + path)
        return Path(path)
