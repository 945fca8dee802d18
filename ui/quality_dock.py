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
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import QFileDialog, QTreeWidgetItem

from ..i18n import tr
from ..qgis_support.compat import LAYER_LINE, LAYER_POINT, LAYER_POLYGON, REQUEST_NO_GEOMETRY
from .dock_base import AlgorithmDock
from .layer_defaults import prefer_layer
from .map_focus import Highlight
from .results_folder import result_path

SEVERITY_COLOURS = {"error": "#c0392b", "warning": "#b9770e", "info": "#2471a3"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
ISSUE_ROLE = Qt.ItemDataRole.UserRole
MORE_ROLE = Qt.ItemDataRole.UserRole + 1
#: Problems read at a time when a rule is opened.
PAGE = 500
KEY_FIELDS = {"addresses": "uprn", "streets": "usrn"}


class QualityDock(AlgorithmDock):
    """Pick layers, run the checks in the background, browse issues grouped by rule."""

    STATE_WIDGETS = {
        "addresses": "addressesCombo", "streets": "streetsCombo", "boundary": "boundaryCombo",
        "postcodes": "postcodesCombo", "rules": "rulesEdit",
    }  # fmt: skip

    FORM = "quality_dock.ui"
    TITLE = "PlaceLink: Data quality"

    def __init__(self, iface, parent=None) -> None:
        super().__init__(iface, parent)
        #: A marker kept on the problem picked last (a flash alone is gone before one looks).
        self.highlight = Highlight(iface)
        # the marker belongs to this dock: closing the dock takes it off the map
        self.visibilityChanged.connect(lambda visible: visible or self.highlight.clear())
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
        prefer_layer(ui.addressesCombo, ("uprn",))  # a gazetteer, not the first point layer
        prefer_layer(ui.streetsCombo, ("usrn", "street_description"))  # an NSG, if loaded
        ui.severityFilter.addItem(self.tr("All severities"), None)
        for severity, label in (
            ("error", self.tr("Errors")),
            ("warning", self.tr("Warnings")),
            ("info", self.tr("Information")),
        ):  # shown in the reader's language, matched by the severity the rules store
            ui.severityFilter.addItem(label, severity)
        ui.severityFilter.currentIndexChanged.connect(self.apply_filter)
        ui.ruleFilter.textChanged.connect(lambda *_: self._filter_timer.start())
        ui.runButton.clicked.connect(self.run_checks)
        ui.issuesTree.itemClicked.connect(self._clicked)
        ui.issuesTree.itemExpanded.connect(self._expanded)
        self._filter_timer = QTimer(self)  # filter once typing pauses, not per key
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self.apply_filter)
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
        layer, summary = self._layer(results.get("ISSUES")), self._layer(results.get("SUMMARY"))
        self.issues_layer = layer
        self.populate(layer, summary)
        hints = []
        if summary is not None:
            from ..core.quality.hints import wrong_layer_hints

            names = summary.fields().names()
            hints = wrong_layer_hints(
                ({name: row[name] for name in names} for row in summary.getFeatures()), tr
            )
        self.ui.reportButton.setEnabled(self.report_path is not None and self.report_path.exists())
        score = results.get("SCORE")
        count = results.get("ISSUE_COUNT", layer.featureCount() if layer else 0)
        text = self.tr("{count:,} problem(s) found").format(count=int(count))
        if score is not None:
            text += self.tr("; overall score {score:.1f}%").format(score=float(score))
        self.ui.statusLabel.setText(" ".join([text + ".", *hints]))

    def _layer(self, value: object) -> QgsVectorLayer | None:
        """An output of the run as a layer (it may come as a layer id or a source)."""
        if value is None or isinstance(value, QgsMapLayer):
            return value
        return QgsProject.instance().mapLayer(str(value)) or QgsProcessingUtils.mapLayerFromString(
            str(value), self.run.context
        )

    def populate(self, layer: QgsVectorLayer | None, summary: QgsVectorLayer | None = None) -> None:
        """Fill the tree with one branch per rule and its count; a branch's problems are
        read when it is opened, a page at a time, so 300,000 problems never freeze QGIS."""
        tree = self.ui.issuesTree
        tree.clear()
        self._matching_rules = None
        if layer is None:
            return
        for rule_id, severity, title, count in self._rule_counts(layer, summary):
            group = QTreeWidgetItem(
                [f"{rule_id} {tr(title) if title else ''}".strip(), f"{count:,}"]
            )
            group.setData(0, ISSUE_ROLE, {"severity": severity, "rule_id": rule_id, "count": count})
            group.setForeground(0, QBrush(QColor(SEVERITY_COLOURS.get(severity, "#000"))))
            group.setToolTip(0, _rule_help(rule_id, severity))
            group.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            tree.addTopLevelItem(group)
        self.apply_filter()

    @staticmethod
    def _rule_counts(layer: QgsVectorLayer, summary: QgsVectorLayer | None) -> list[tuple]:
        """(rule, severity, title, problems) for each rule that found some, errors first:
        from the run's SUMMARY table, or (without it) one attribute-only pass."""
        counts: dict[str, list] = {}
        if summary is not None and summary.fields().indexOf("failures") >= 0:
            for row in summary.getFeatures():
                if int(row["failures"] or 0) > 0:
                    counts[row["rule_id"]] = [row["severity"], row["title"] or "", row["failures"]]
        else:
            request = QgsFeatureRequest().setFlags(REQUEST_NO_GEOMETRY)
            request.setSubsetOfAttributes(["rule_id", "severity", "title"], layer.fields())
            for row in layer.getFeatures(request):
                entry = counts.setdefault(row["rule_id"], [row["severity"], row["title"] or "", 0])
                entry[2] += 1
        rows = [(rule, sev, title, int(n)) for rule, (sev, title, n) in counts.items()]
        return sorted(rows, key=lambda r: (SEVERITY_ORDER.get(r[1], 9), r[0]))

    def load_leaves(self, group: QTreeWidgetItem, more: bool = False) -> int:
        """Read the next page of *group*'s problems (those that fit the text filter);
        returns how many were added."""
        data = group.data(0, ISSUE_ROLE) or {}
        if "rule_id" not in data or self.issues_layer is None:
            return 0
        done = group.childCount() - (1 if _is_more(group) else 0)
        if done and not more:
            return 0  # already read
        if _is_more(group):
            group.removeChild(group.child(group.childCount() - 1))
        layer = self.issues_layer
        expression = f'"rule_id" = {_quote(data["rule_id"])}'
        text = self.ui.ruleFilter.text().strip()
        if text and text.lower() not in group.text(0).lower():
            expression += f" AND ({_text_match(text)})"
        request = QgsFeatureRequest().setFilterExpression(expression)
        request.setFlags(REQUEST_NO_GEOMETRY)
        added = 0
        for n, feature in enumerate(layer.getFeatures(request)):
            if n < done:
                continue  # read in an earlier page
            if added == PAGE:
                group.addChild(_more_item(self.tr("Show more…")))
                break
            group.addChild(_leaf(feature, data))
            added += 1
        return added

    def _expanded(self, item: QTreeWidgetItem) -> None:
        self.load_leaves(item)

    def _clicked(self, item: QTreeWidgetItem, column: int = 0) -> None:
        if item.data(0, MORE_ROLE):
            self.load_leaves(item.parent(), more=True)
            return
        data = item.data(0, ISSUE_ROLE) or {}
        if "fid" not in data and "rule_id" in data:  # a rule: what it means and how to fix
            self.ui.statusLabel.setText(_rule_help(data["rule_id"], data.get("severity", "")))
            return
        self.show_issue(item, column)
        if "fid" in data:  # the whole problem, which a narrow list cuts short
            self.ui.statusLabel.setText(item.toolTip(0))

    def apply_filter(self) -> None:
        """Show only rules of the chosen severity whose title or problems match the text
        (problems are searched in the layer, read or not)."""
        wanted = self.ui.severityFilter.currentData()
        text = self.ui.ruleFilter.text().strip().lower()
        matching = self._rules_matching(text) if text else None
        tree = self.ui.issuesTree
        for i in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(i)
            data = group.data(0, ISSUE_ROLE)
            severity_ok = wanted is None or data["severity"] == wanted
            title_hit = bool(text) and text in group.text(0).lower()
            show = severity_ok and (
                not text or title_hit or (matching is not None and data["rule_id"] in matching)
            )
            group.setHidden(not show)
            for j in range(group.childCount()):
                leaf = group.child(j)
                fits = not text or title_hit or leaf.data(0, MORE_ROLE) or (
                    text in leaf.text(0).lower() or text in leaf.text(1)
                )  # fmt: skip
                leaf.setHidden(not fits)

    def _rules_matching(self, text: str) -> set[str]:
        """Rules with a problem whose message or key contains *text* (one filtered read)."""
        if self.issues_layer is None:
            return set()
        request = QgsFeatureRequest().setFilterExpression(_text_match(text))
        request.setFlags(REQUEST_NO_GEOMETRY)
        request.setSubsetOfAttributes(["rule_id"], self.issues_layer.fields())
        return {f["rule_id"] for f in self.issues_layer.getFeatures(request)}

    def show_issue(self, item: QTreeWidgetItem, column: int = 0) -> None:
        """Select the feature behind an issue on its layer, zoom to it, and mark the problem's
        place until the next pick."""
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
        issue = self.issues_layer.getFeature(data["fid"]) if self.issues_layer else None
        where = issue.geometry() if issue is not None and issue.hasGeometry() else None
        if extent is None and where is not None:
            extent = where.boundingBox()
        if extent is not None and canvas is not None:
            self.zoom_to(canvas, extent)
        if where is not None and not where.isEmpty():
            self.highlight.show(where.centroid().asPoint(), self.issues_layer.crs())

    @staticmethod
    def zoom_to(canvas, extent: QgsRectangle, margin: float = 50.0) -> None:
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
        self.ui.statusLabel.setText(self.tr("Report saved to {path}.").format(path=path))
        return path


def _leaf(feature, group_data: dict) -> QTreeWidgetItem:
    key = feature["feature_key"]
    key = None if key is None or (hasattr(key, "isNull") and key.isNull()) else key
    leaf = QTreeWidgetItem([str(feature["message"]), "" if key is None else str(key)])
    leaf.setToolTip(0, str(feature["message"]))
    leaf.setData(
        0,
        ISSUE_ROLE,
        {"fid": feature.id(), "layer": feature["layer"], "key": key,
         "severity": group_data["severity"], "rule_id": group_data["rule_id"]},
    )  # fmt: skip
    return leaf


def _more_item(text: str) -> QTreeWidgetItem:
    item = QTreeWidgetItem([text, ""])
    item.setData(0, MORE_ROLE, True)
    return item


def _is_more(group: QTreeWidgetItem) -> bool:
    n = group.childCount()
    return bool(n) and bool(group.child(n - 1).data(0, MORE_ROLE))


def _quote(value: str) -> str:
    from qgis.core import QgsExpression

    return QgsExpression.quotedString(str(value))


def _text_match(text: str) -> str:
    """An expression the provider can run itself (GeoPackage: SQL): the problem's message
    contains *text*, or its key (UPRN, USRN) is *text*."""
    expression = f'"message" ILIKE {_quote(f"%{text}%")}'
    if text.strip().isdigit():
        expression += f' OR "feature_key" = {int(text)}'
    return expression


def _rule_help(rule_id: str, severity: str) -> str:
    """The rule's title, severity and explanation (what it means and how to fix it)."""
    try:
        from ..core.quality.registry import get_rule  # the rule families register on import

        rule = get_rule(rule_id)
    except (ImportError, KeyError):  # pandas missing, or a rule of another version
        return f"{rule_id} ({severity})"
    return f"{rule.id} {tr(rule.title)} ({rule.severity}): {tr(rule.explanation)}"
