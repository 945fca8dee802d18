"""The shipped model, run by qgis_process from the packaged zip installed in a clean profile,
on the sample council; then the demo's project reopens with its layers, layout and docks."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from qgis_runner import QgisProcess

pytestmark = pytest.mark.qgis_process
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[QgisProcess, Path]:
    """The zip from `make package`, unpacked into a clean profile's plugin folder."""
    from package import build

    work = tmp_path_factory.mktemp("installed")
    archive = build(work / "dist")
    with zipfile.ZipFile(archive) as z:
        z.extractall(work / "qp" / "plugins")
    qp = QgisProcess(work / "qp")
    qp.enable_plugin()
    return qp, work / "qp" / "plugins" / "placelink"


@pytest.fixture(scope="module")
def workflow(installed, tmp_path_factory) -> tuple[Path, dict]:
    """Outputs of placelink:councilworkflow on the installed copy's own sample council."""
    import demo

    qp, plugin = installed
    out = tmp_path_factory.mktemp("workflow")
    (out / "layers").mkdir()
    result = qp.run(
        "placelink:councilworkflow", demo.parameters(plugin / "resources" / "sample", out)
    )
    return out, result


def _count(gpkg: Path, table: str, where: str = "1") -> int:
    with sqlite3.connect(gpkg) as db:
        return db.execute(f'SELECT COUNT(*) FROM "{table}" WHERE {where}').fetchone()[0]


def test_model_is_listed_from_the_installed_copy(installed) -> None:
    qp, _ = installed
    listing = qp.command("list").stdout
    assert "placelink:councilworkflow" in listing
    help_text = qp.command("help", "placelink:councilworkflow").stdout
    assert "ADDRESS_FILE" in help_text and "FACILITIES" in help_text


def test_model_runs_every_step_on_the_sample(workflow) -> None:
    out, _result = workflow
    layers = out / "layers"
    assert _count(layers / "addresses.gpkg", "addresses") == 5000
    assert _count(layers / "addresses_rejected.gpkg", "addresses_rejected") == 0
    assert _count(layers / "streets.gpkg", "streets") == 227
    assert _count(layers / "quality_summary.gpkg", "quality_summary") >= 41
    assert "<html" in (out / "quality_report.html").read_text(encoding="utf-8").lower()
    matched = layers / "matched_records.gpkg"
    assert _count(matched, "matched_records") == 1500  # every record comes out
    assert _count(matched, "matched_records", "match_status = 'matched'") > 1300
    assert _count(layers / "catchments.gpkg", "catchments", "facility_id IS NOT NULL") == 3
    assert _count(layers / "assignments.gpkg", "assignments") == 5000
    pdf = (out / "catchment_map.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000


def test_demo_project_reopens_with_layers_layout_and_docks(workflow, placelink_plugin) -> None:
    import demo
    from qgis.core import QgsProject

    out, _ = workflow
    demo.merge_layers(out / "layers", out / "demo.gpkg")
    for table in ("addresses", "streets", "matched_records", "quality_summary"):  # no extra rows
        assert _count(out / "demo.gpkg", table) == _count(out / "layers" / f"{table}.gpkg", table)
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "write_project.py"), str(out),
         str(ROOT / "resources" / "sample"), "Primary schools"],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    project = QgsProject.instance()
    assert project.read(str(out / "demo.qgz"))
    layers = project.mapLayers().values()
    assert len(layers) >= 10 and all(layer.isValid() for layer in layers)
    assert project.layoutManager().layoutByName("Primary schools") is not None
    catchments = project.mapLayersByName("Catchments")[0]
    assert catchments.renderer().type() == "categorizedSymbol"
    # it opens on the council, points over fills, with only the first look switched on
    view = project.viewSettings().defaultViewExtent()
    boundary = project.mapLayersByName("Boundary")[0]
    assert not view.isEmpty() and view.contains(boundary.extent())
    order = [layer.name() for layer in project.layerTreeRoot().layerOrder()]
    assert order[0] == "Primary schools"
    assert order.index("Addresses (LLPG)") < order.index("Catchments") < order.index("Boundary")
    visible = {lyr.name() for lyr in project.layerTreeRoot().checkedLayers()}
    assert {"Primary schools", "Addresses (LLPG)", "Streets (NSG)", "Catchments"} <= visible
    assert not visible & {"Quality issues", "Matched service records", "Address assignments"}
    docks = {type(d).__name__: d for d in placelink_plugin.restore_docks()}
    assert set(docks) == {"CatchmentsDock"}  # one dock opens with the demo, not four
    from placelink.plugin import DOCKS

    for module, class_name, _icon, _text in DOCKS:  # the others keep their settings
        docks[class_name] = placelink_plugin.show_dock(module, class_name)
    assert docks["QualityDock"].ui.addressesCombo.currentLayer().name() == "Addresses (LLPG)"
    assert docks["CatchmentsDock"].ui.methodCombo.currentIndex() == 1
    assert docks["ReviewDock"].ui.matchesCombo.currentLayer().name() == "Matched service records"

    # a Catchments run from the demo replaces the demo's own catchments, in their place
    import time

    from qgis.core import QgsApplication

    root = project.layerTreeRoot()
    before = [node.name() for node in root.children()]
    demo_ids = [n.layerId() for n in root.findGroup("Catchments").findLayers()]
    dock = docks["CatchmentsDock"]
    dock.make_catchments()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not (
        dock.stage == "map" and dock.run is not None and dock.run.ok is not None
    ):
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert dock.run.ok, dock.ui.statusLabel.text()
    after = [node.name() for node in root.children()]
    at = before.index("Catchments")
    assert after[at] == "Catchment map: Primary schools" and "Catchments" not in after
    assert after[:at] == before[:at] and after[at + 1 :] == before[at + 1 :]
    assert all(project.mapLayer(layer_id) is None for layer_id in demo_ids)
    names = [layer.name() for layer in project.mapLayers().values()]
    assert names.count("Catchments") == 1 and names.count("Address assignments") == 1
    assert names.count("Distance bands") == 1
    project.clear()
