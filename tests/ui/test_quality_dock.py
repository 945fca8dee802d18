"""The Data quality dock, driven headless: run, list by rule, filter, click to zoom, export."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)

pytest.importorskip("pandas")


def _addresses() -> QgsVectorLayer:
    from placelink.core import schema
    from placelink.qgis_support.fields import FeatureFactory

    factory = FeatureFactory(schema.ADDRESS_FIELDS)
    layer = QgsVectorLayer("Point?crs=EPSG:27700", "addresses", "memory")
    layer.dataProvider().addAttributes(factory.fields.toList())
    layer.updateFields()
    rows = [
        (100000000001, 450000, 210000, "AB1 2CD"),
        (100000000002, 450100, 210000, "AB1 2CD"),
        (100000000002, 450200, 210000, "AB1 2CD"),  # duplicate UPRN
        (100000000004, 452000, 212000, "NOT A PC"),  # bad postcode
    ]
    features = []
    for uprn, x, y, postcode in rows:
        record = schema.empty_address(
            uprn=uprn, usrn=10000001, pao_start_number=uprn % 100, street_description="HIGH STREET",
            town="EXAMPLETON", postcode=postcode, logical_status=1, blpu_state=2,
            classification="RD04", x=x, y=y,
        )  # fmt: skip
        feature = factory.point(record)
        feature.setFields(layer.fields(), False)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer)
    return layer


def _wait(run, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while run.ok is None and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    assert run.ok, "the checks did not finish successfully"


def test_dock_runs_lists_filters_zooms_and_exports(make_dock, iface, tmp_path: Path) -> None:
    from placelink.ui.quality_dock import QualityDock

    addresses = _addresses()
    dock = make_dock(QualityDock)
    dock.ui.addressesCombo.setLayer(addresses)
    dock.ui.rulesEdit.setText("A01,A*")
    dock.run_checks()
    assert not dock.ui.runButton.isEnabled() and dock.ui.cancelButton.isEnabled()
    _wait(dock.run)
    tree = dock.ui.issuesTree
    groups = {
        tree.topLevelItem(i).text(0).split()[0]: tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
    }
    assert "A01" in groups  # duplicate UPRN
    duplicate = groups["A01"]
    assert duplicate.childCount() == 0  # a rule's problems are read when it is opened
    assert "Duplicate" in duplicate.toolTip(0) or "UPRN" in duplicate.toolTip(0)
    tree.expandItem(duplicate)
    keys = {duplicate.child(j).text(1) for j in range(duplicate.childCount())}
    assert keys == {"100000000002"}
    assert "problem" in dock.ui.statusLabel.text()

    # filter: only warnings, then only text that matches nothing
    severities = dock.ui.severityFilter
    labels = [severities.itemText(i) for i in range(severities.count())]
    assert labels == ["All severities", "Errors", "Warnings", "Information"]
    severities.setCurrentIndex(severities.findData("warning"))  # A01 is an error
    assert duplicate.isHidden()
    severities.setCurrentIndex(severities.findData("error"))
    assert not duplicate.isHidden()
    severities.setCurrentIndex(0)
    dock.ui.ruleFilter.setText("no such text anywhere")
    dock.apply_filter()  # (typing pauses: the filter runs)
    assert all(tree.topLevelItem(i).isHidden() for i in range(tree.topLevelItemCount()))
    dock.ui.ruleFilter.setText("100000000002")  # a problem's key, in a rule not yet opened
    dock.apply_filter()
    assert not duplicate.isHidden()
    dock.ui.ruleFilter.setText("")
    dock.apply_filter()
    assert not duplicate.isHidden()

    # click: the feature is selected on its layer and the map zooms to it
    leaf = duplicate.child(0)
    dock._clicked(leaf)  # what a click does
    assert dock.ui.statusLabel.text() == leaf.text(0)  # the whole message, not cut short
    selected = {f["uprn"] for f in addresses.selectedFeatures()}
    assert selected == {100000000002}
    extent = iface.mapCanvas().extent()
    assert extent.contains(QgsPointXY(450100, 210000)) and extent.width() < 1000
    marked = dock.highlight.band.asGeometry().centroid().asPoint()  # kept, not only flashed
    assert (round(marked.x()), round(marked.y())) == (450100, 210000)

    saved = dock.export_report(str(tmp_path / "report.html"))
    assert saved and "<html" in Path(saved).read_text(encoding="utf-8").lower()


def test_dock_asks_for_addresses_first(make_dock, iface) -> None:
    from placelink.ui.quality_dock import QualityDock

    dock = make_dock(QualityDock)
    dock.ui.addressesCombo.setLayer(None)
    dock.run_checks()
    assert dock.run is None and "addresses" in dock.ui.statusLabel.text().lower()


def test_clicking_an_issue_without_a_key_does_not_fail(make_dock, iface) -> None:
    """An issue whose feature_key is NULL (e.g. a street without a USRN) zooms to its point."""
    from placelink.ui.quality_dock import QualityDock
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY

    issues = QgsVectorLayer(
        "Point?crs=EPSG:27700&field=rule_id:string&field=severity:string&field=title:string"
        "&field=message:string&field=layer:string&field=feature_key:long",
        "issues", "memory",
    )  # fmt: skip
    feature = QgsFeature(issues.fields())
    feature.setAttributes(["S01", "error", "USRN missing", "A street has no USRN", "streets", None])
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(451000, 211000)))
    issues.dataProvider().addFeatures([feature])
    dock = make_dock(QualityDock)
    dock.layers = {"addresses": None, "streets": None}
    dock.issues_layer = issues
    dock.populate(issues)
    dock.ui.issuesTree.expandItem(dock.ui.issuesTree.topLevelItem(0))
    leaf = dock.ui.issuesTree.topLevelItem(0).child(0)
    assert leaf.text(1) == ""
    dock.show_issue(leaf)
    assert iface.mapCanvas().extent().contains(QgsPointXY(451000, 211000))


def test_a_failed_run_says_why_in_the_dock(make_dock, iface) -> None:
    """The algorithm's own reason reaches the officer, not "see the log"."""
    from placelink.ui.quality_dock import QualityDock

    addresses = _addresses()
    wrong = QgsVectorLayer("Point?crs=EPSG:27700&field=code:string", "not postcodes", "memory")
    QgsProject.instance().addMapLayer(wrong)
    dock = make_dock(QualityDock)
    dock.ui.addressesCombo.setLayer(addresses)
    dock.ui.postcodesCombo.setLayer(wrong)
    dock.run_checks()
    deadline = time.monotonic() + 120
    while dock.run.ok is None and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    QgsApplication.processEvents()
    assert dock.run.ok is False
    status = dock.ui.statusLabel.text()
    assert status.startswith("The run failed: ") and "has no 'postcode' field" in status
    assert "see the log" not in status


def test_results_land_in_the_results_folder_and_a_rerun_replaces_them(
    make_dock, iface, results_folder: Path, tmp_path: Path
) -> None:
    from placelink.ui.quality_dock import QualityDock
    from placelink.ui.results_folder import results_folder as folder_of

    addresses = _addresses()
    dock = make_dock(QualityDock)
    dock.ui.addressesCombo.setLayer(addresses)
    for _ in range(2):  # the second run replaces the first: no stacked copies
        dock.run_checks()
        _wait(dock.run)
        QgsApplication.processEvents()
    project = QgsProject.instance()
    mine = [
        lyr for lyr in project.mapLayers().values()
        if Path(lyr.source().split("|")[0]).parent == results_folder
    ]  # fmt: skip
    assert sorted(lyr.name() for lyr in mine) == ["Quality issues", "Quality summary"]
    issues = [lyr for lyr in mine if lyr.name() == "Quality issues"]
    source = Path(issues[0].source().split("|")[0])
    assert source == results_folder / "quality_issues.gpkg" and source.exists()
    assert dock.report_path == results_folder / "quality_report.html"
    assert dock.report_path.exists()
    # once the project is saved, its results go beside it
    assert project.write(str(tmp_path / "council.qgz"))
    assert folder_of() == tmp_path / "council PlaceLink results"
    project.setFileName("")


def test_a_big_rule_is_read_a_page_at_a_time(make_dock, iface) -> None:
    """1,200 problems of one rule: the tree shows the rule at once and 500 on opening."""
    from placelink.ui.quality_dock import PAGE, QualityDock
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY

    issues = QgsVectorLayer(
        "Point?crs=EPSG:27700&field=rule_id:string&field=severity:string&field=title:string"
        "&field=message:string&field=layer:string&field=feature_key:long",
        "issues", "memory",
    )  # fmt: skip
    features = []
    for n in range(1200):
        feature = QgsFeature(issues.fields())
        feature.setAttributes(["A05", "warning", "Postcode", f"bad postcode {n}", "addresses", n])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(451000 + n, 211000)))
        features.append(feature)
    issues.dataProvider().addFeatures(features)
    dock = make_dock(QualityDock)
    dock.issues_layer = issues
    dock.populate(issues)
    tree = dock.ui.issuesTree
    group = tree.topLevelItem(0)
    assert group.text(1) == "1,200" and group.childCount() == 0
    tree.expandItem(group)
    assert group.childCount() == PAGE + 1  # and "Show more…"
    more = group.child(PAGE)
    assert more.text(0) == "Show more…"
    dock._clicked(more)
    assert group.childCount() == 2 * PAGE + 1
    dock._clicked(group.child(2 * PAGE))
    assert group.childCount() == 1200  # the last page: no "Show more…"
    assert {group.child(i).text(1) for i in range(1200)} == {str(n) for n in range(1200)}
    dock._clicked(group)  # a rule: its explanation in the status line
    assert dock.ui.statusLabel.text().startswith("A05")


def test_a_quality_run_in_welsh_shows_welsh_messages(make_dock, iface, tmp_path: Path) -> None:
    """Each problem's message is built from its rule's template translated through the
    plugin's translator: Welsh in the ISSUES layer, the dock's list and the HTML report."""
    import subprocess
    import sys

    from placelink import i18n
    from placelink.ui.quality_dock import QualityDock

    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, str(root / "scripts" / "i18n.py"), "compile", str(tmp_path / "qm")],
        check=True,
    )
    addresses = _addresses()
    original = i18n.QM_FOLDERS
    i18n.QM_FOLDERS = (tmp_path / "qm",)
    try:
        assert i18n.install_translator("cy") is not None
        dock = make_dock(QualityDock)
        dock.ui.addressesCombo.setLayer(addresses)
        dock.ui.rulesEdit.setText("A01,A18")
        dock.run_checks()
        _wait(dock.run)
    finally:
        i18n.remove_translators()
        i18n.QM_FOLDERS = original
    messages = _messages(dock.issues_layer)
    assert (
        "Mae gan UPRN 100000000004 y cod post 'NOT A PC' nad yw yn fformat BS 7666"
        in (messages["A18"])
    )
    assert "Mae UPRN 100000000002 (feature 3) yn dyblygu UPRN feature 2" in messages["A01"]
    tree = dock.ui.issuesTree
    groups = {tree.topLevelItem(i).text(0).split()[0]: tree.topLevelItem(i) for i in range(2)}
    tree.expandItem(groups["A18"])
    listed = [groups["A18"].child(i).text(0) for i in range(groups["A18"].childCount())]
    assert sorted(listed) == sorted(messages["A18"])  # the dock lists them in Welsh
    report = dock.report_path.read_text(encoding="utf-8")
    assert "nad yw yn fformat BS 7666" in report and "not in BS 7666 format" not in report
    # the page's own words too: headings, cards, tables
    assert '<html lang="cy">' in report and "Sgoriau fesul rheol" in report
    assert "Scores by rule" not in report and "Overall score" not in report

    dock.run_checks()  # the translator gone, the next run is in English again
    _wait(dock.run)
    assert (
        "UPRN 100000000004 has postcode 'NOT A PC' which is not in BS 7666 format"
        in (_messages(dock.issues_layer)["A18"])
    )


def _messages(layer: QgsVectorLayer) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for feature in layer.getFeatures():
        found.setdefault(feature["rule_id"], []).append(feature["message"])
    return found
