"""The Data quality dock: run placelink:checkquality and walk through every problem on the map."""

from __future__ import annotations

import shutil
from pathlib import Path

from qgis.core import (
    QgsFeatureRequest,
    QgsMapLayer,
    QgsProcessingUtils,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import QFileDialog, QTreeWidgetItem

from ..processing.compat import LAYER_LINE, LAYER_POINT, LAYER_POLYGON, REQUEST_NO_GEOMETRY
from .dock_base import AlgorithmDock
from .results_folder import result_path

SEVERITY_COLOURS = {"error": "#c0392b", "warning": "#b9770e", "info": "#2471a3"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
ISSUE_ROLE = Qt.ItemDataRole.UserRole
KEY_FIELDS = {"addresses": "uprn", "streets": "usrn"}


class QualityDock(AlgorithmDock):
    """Pick layers, run the checks in the background, browse issues grouped by rule."""

    STATE_WIDGETS = {
        "addresses": "addressesCombo", "streets": "streetsCombo", "boundary": "boundaryCombo",
        "postcodes": "postcodesCombo", "rules": "rulesEdit",
    }  # fmt: skip

    FORM = "quality_dock.ui"
    TITLE = "PlaceLink: Data quality"

    def __init__(self, iface, parent=None) -> None:  # noqa: ANN001
        super().__init__(iface, parent)
        ui = self.ui
        ui.addressesCombo.setFilters(LAYER_POINT)
        for combo, kind in (
            (ui.streetsCombo, LAYER_LINE),
            (ui.boundaryCombo, LAYER_POLYGON),
            (ui.postcodesCombo, LAYER_POINT),
        ):
            combo.setFilters(kind)
            combo.setAllowEmptyLayer(True)
            combo.setLayer(None)
        ui.severityFilter.addItems([self.tr("All severities"), "error", "warning", "info"])
        ui.severityFilter.currentIndexChanged.connect(self.apply_filter)
        ui.ruleFilter.textChanged.connect(self.apply_filter)
        ui.runButton.clicked.connect(self.run_checks)
        ui.issuesTree.itemClicked.connect(self.show_issue)
        ui.reportButton.clicked.connect(self.export_report)
        self.issues_layer: QgsVectorLayer | None = None
        self.report_path: Path | None = None

    def run_checks(self) -> None:
        addresses = self.ui.addressesCombo.currentLayer()
        if addresses is None:
            self.ui.statusLabel.setText(self.tr("Choose an addresses layer first."))
            return
        self.report_path = result_path("quality_report.html")
        self.layers = {
            "addresses": addresses,
            "streets": self.ui.streetsCombo.currentLayer(),
        }
        parameters = {
            "ADDRESSES": addresses,
            "STREETS": self.ui.streetsCombo.currentLayer(),
            "BOUNDARY": self.ui.boundaryCombo.currentLayer(),
            "POSTCODES": self.ui.postcodesCombo.currentLayer(),
            "RULES": self.ui.rulesEdit.text().strip(),
            "ISSUES": self.output("quality_issues.gpkg", self.tr("Quality issues")),
            "SUMMARY": self.output("quality_summary.gpkg", self.tr("Quality summary")),
            "REPORT": str(self.report_path),
        }
        self.start("placelink:checkquality", {k: v for k, v in parameters.items() if v is not None})

    def on_finished(self, ok: bool, results: dict) -> None:
        if not ok:
            return
        layer = results.get("ISSUES")
        if not isinstance(layer, QgsMapLayer):
            layer = QgsProject.instance().mapLayer(
                str(layer)
            ) or QgsProcessingUtils.mapLayerFromString(str(layer), self.run.context)
        self.issues_layer = layer
        self.populate(layer)
        self.ui.reportButton.setEnabled(self.report_path is not None and self.report_path.exists())
        score = results.get("SCORE")
        count = results.get("ISSUE_COUNT", layer.featureCount() if layer else 0)
        summary = self.tr(f"{int(count):,} problem(s) found")
        if score is not None:
            summary += self.tr(f"; overall score {float(score):.1f}%")
        self.ui.statusLabel.setText(summary + ".")

    def populate(self, layer: QgsVectorLayer | None) -> None:
        """Fill the tree: one branch per rule (with its count), one leaf per problem."""
        tree = self.ui.issuesTree
        tree.clear()
        if layer is None:
            return
        groups: dict[str, QTreeWidgetItem] = {}
        counts: dict[str, int] = {}
        request = QgsFeatureRequest().setFlags(REQUEST_NO_GEOMETRY)
        rows = sorted(
            layer.getFeatures(request),
            key=lambda f: (SEVERITY_ORDER.get(f["severity"], 9), f["rule_id"], f.id()),
        )
        for feature in rows:
            rule_id, severity = feature["rule_id"], feature["severity"]
            group = groups.get(rule_id)
            if group is None:
                group = QTreeWidgetItem([f"{rule_id} {feature['title'] or ''}".strip(), ""])
                group.setData(0, ISSUE_ROLE, {"severity": severity, "rule_id": rule_id})
                group.setForeground(0, QBrush(QColor(SEVERITY_COLOURS.get(severity, "#000"))))
                group.setToolTip(0, f"{severity}")
                tree.addTopLevelItem(group)
                groups[rule_id] = group
            key = feature["feature_key"]
            key = None if key is None or (hasattr(key, "isNull") and key.isNull()) else key
            leaf = QTreeWidgetItem([str(feature["message"]), "" if key is None else str(key)])
            leaf.setToolTip(0, str(feature["message"]))
            leaf.setData(
                0,
                ISSUE_ROLE,
                {"fid": feature.id(), "layer": feature["layer"], "key": key, "severity": severity,
                 "rule_id": rule_id},
            )  # fmt: skip
            group.addChild(leaf)
            counts[rule_id] = counts.get(rule_id, 0) + 1
        for rule_id, group in groups.items():
            group.setText(1, f"{counts[rule_id]:,}")
        self.apply_filter()

    def apply_filter(self) -> None:
        """Show only problems of the chosen severity whose rule or text matches the filter."""
        severity = self.ui.severityFilter.currentText()
        wanted = None if self.ui.severityFilter.currentIndex() == 0 else severity
        text = self.ui.ruleFilter.text().strip().lower()
        tree = self.ui.issuesTree
        for i in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(i)
            data = group.data(0, ISSUE_ROLE)
            severity_ok = wanted is None or data["severity"] == wanted
            group_text = group.text(0).lower()
            visible = 0
            for j in range(group.childCount()):
                leaf = group.child(j)
                show = severity_ok and (
                    not text or text in group_text or text in leaf.text(0).lower()
                    or text in leaf.text(1)
                )  # fmt: skip
                leaf.setHidden(not show)
                visible += show
            group.setHidden(visible == 0)

    def show_issue(self, item: QTreeWidgetItem, column: int = 0) -> None:
        """Select the feature behind an issue on its layer, zoom to it and flash it."""
        data = item.data(0, ISSUE_ROLE) or {}
        if "fid" not in data:
            return
        source = getattr(self, "layers", {}).get(data["layer"])
        key_field = KEY_FIELDS.get(data["layer"])
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        extent = None
        if source is not None and data["key"] is not None and key_field:
            source.selectByExpression(f'"{key_field}" = {int(data["key"])}')
            if source.selectedFeatureCount():
                extent = source.boundingBoxOfSelected()
                if canvas is not None:
                    canvas.flashFeatureIds(source, source.selectedFeatureIds())
        if extent is None and self.issues_layer is not None:
            feature = self.issues_layer.getFeature(data["fid"])
            extent = feature.geometry().boundingBox()
        if extent is not None and canvas is not None:
            self.zoom_to(canvas, extent)

    @staticmethod
    def zoom_to(canvas, extent: QgsRectangle, margin: float = 50.0) -> None:  # noqa: ANN001
        """Zoom so *extent* fills the view with a margin (points get a 100 m wide view)."""
        grown = QgsRectangle(extent)
        grown.grow(margin)
        canvas.setExtent(grown)
        canvas.refresh()

    def export_report(self, path: str | None = None) -> str | None:
        """Copy the HTML report to *path* (asked for when not given)."""
        if self.report_path is None or not self.report_path.exists():
            return None
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save quality report"), "quality_report.html",
                self.tr("HTML files (*.html)"),
            )  # fmt: skip
        if not path:
            return None
        shutil.copyfile(self.report_path, path)
        self.ui.statusLabel.setText(self.tr(f"Report saved to {path}."))
        return path
