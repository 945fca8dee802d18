"""``make screenshots``: README screenshots of every PlaceLink dock, taken in real QGIS.

Run with the venv's Python, this file starts the QGIS desktop under Xvfb in a throw-away
profile with PlaceLink enabled, and hands itself to QGIS as the ``--code`` start-up script.
Inside QGIS (told apart by ``PLACELINK_SCREENSHOTS``) it loads the demo layers, opens each
dock through the plugin instance, puts it in a realistic state, grabs the main window into
``docs/screenshots/<width>x<height>/*.png`` and quits. It does so once per screen size
(``SIZES``: a small council laptop and a full-HD monitor), the main window maximised as an
officer would have it, so the pictures show what fits. A hard timeout stops a QGIS that hangs.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ENV_FLAG = "PLACELINK_SCREENSHOTS"  # JSON settings for the run inside QGIS
#: Screen sizes shot (``SCREENSHOTS_SIZES=1366x768`` picks some): each gets its own folder.
SIZES = ((1366, 768), (1920, 1080))
#: A dock's share of the window's width, as an officer drags it to read the lists.
DOCK_SHARE = 0.3
MAX_BYTES = 400_000  # README images stay small enough to commit
SEARCH_TEXT = "9a church st"


# ----------------------------------------------------------------------------------------
# Outside QGIS: make the profile, start QGIS under Xvfb, wait, report.
# ----------------------------------------------------------------------------------------
PROFILE_INI = """\
[PythonPlugins]
placelink=true

[qgis]
checkVersion=false
allowVersionCheck=false
askToSaveProjectChanges=false
messageTimeout=60

[core]
NewsFeed\\httpsfeedqgisorg\\disabled=true

[app]
askToSaveMemoryLayers=false
projections\\unknownCrsBehavior=UseProjectCrs
"""


def qgis_desktop_binary() -> str:
    """The ``qgis`` launcher: on Debian a shell wrapper that sets GRASS's library path and
    /etc/default/qgis options, then runs ``qgis.bin`` (called directly when there is no wrapper).
    """
    for name in ("qgis", "qgis.bin"):
        found = shutil.which(name)
        if found:
            return found
    raise FileNotFoundError("QGIS desktop is not installed: run `make setup` first")


def ensure_demo(root: Path) -> Path:
    """``output/demo.gpkg``, made by ``scripts/demo.py`` when it is missing."""
    gpkg = root / "output" / "demo.gpkg"
    if not gpkg.exists() or not (root / "output" / "catchment_map.png").exists():
        print("output/demo.gpkg is missing: running scripts/demo.py first", flush=True)
        subprocess.run([sys.executable, str(root / "scripts" / "demo.py")], check=True)
    return gpkg


def run_qgis(timeout: float, out_dir: Path, size: tuple[int, int]) -> dict:
    """Start QGIS under Xvfb (a *size* screen) with this file as its start-up code; return
    the inside's status."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from qgis_runner import ROOT, QgisProcess

    gpkg = ensure_demo(ROOT)
    workdir = Path(tempfile.mkdtemp(prefix="placelink-screenshots-"))
    try:
        runner = QgisProcess(workdir)  # private profile, home and plugin folder (a link here)
        ini = runner.profile / "profiles" / "default" / "QGIS" / "QGIS3.ini"
        ini.parent.mkdir(parents=True, exist_ok=True)
        ini.write_text(PROFILE_INI, encoding="utf-8")
        data = workdir / "demo.gpkg"  # a copy: nothing the docks do can touch output/
        shutil.copyfile(gpkg, data)
        status_file = workdir / "status.json"
        settings = {
            "root": str(ROOT),
            "demo": str(data),
            "sample": str(ROOT / "resources" / "sample" / "sample_council.gpkg"),
            "out": str(out_dir),
            "status": str(status_file),
            "size": list(size),
            "deadline": time.time() + timeout - 30,  # the watchdog inside QGIS
        }
        env = dict(runner.env, QT_QPA_PLATFORM="xcb", **{ENV_FLAG: json.dumps(settings)})
        env.pop("WAYLAND_DISPLAY", None)
        command = [
            "xvfb-run", "-a", "-s", f"-screen 0 {size[0]}x{size[1]}x24", qgis_desktop_binary(),
            "--nologo", "--noversioncheck", "--code", str(Path(__file__).resolve()),
        ]  # fmt: skip
        log = workdir / "qgis.log"
        with open(log, "w", encoding="utf-8") as log_file:
            process = subprocess.Popen(
                command, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
            )
            try:
                code = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                code = None
        status = json.loads(status_file.read_text()) if status_file.exists() else {}
        status["exit_code"] = code
        if not status.get("ok"):
            status["log_tail"] = log.read_text(errors="replace")[-3000:]
        return status
    finally:
        if os.environ.get("SCREENSHOTS_KEEP"):
            print(f"kept {workdir}", flush=True)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def sizes() -> list[tuple[int, int]]:
    """The screen sizes to shoot: ``SCREENSHOTS_SIZES`` (``1366x768,1920x1080``) or SIZES."""
    chosen = os.environ.get("SCREENSHOTS_SIZES", "")
    if not chosen:
        return list(SIZES)
    return [tuple(int(n) for n in item.split("x")) for item in chosen.split(",")]  # type: ignore[misc]


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    shots = root / "docs" / "screenshots"
    catchment_map = root / "output" / "catchment_map.png"  # the demo's exported map
    code = 0
    for size in sizes():
        out_dir = shots / f"{size[0]}x{size[1]}"
        out_dir.mkdir(parents=True, exist_ok=True)
        code = max(code, shoot(root, out_dir, size))
    if catchment_map.exists():
        shutil.copyfile(catchment_map, shots / catchment_map.name)
        print(f"  {(shots / catchment_map.name).relative_to(root)} (the demo's exported map)")
    else:
        print(f"  note: {catchment_map} is missing: run `make demo`")
    return code


def shoot(root: Path, out_dir: Path, size: tuple[int, int]) -> int:
    """Every dock at one screen size into *out_dir*; 0 when all were taken."""
    timeout = float(os.environ.get("SCREENSHOTS_TIMEOUT", "420"))
    started = time.perf_counter()
    status = run_qgis(timeout, out_dir, size)
    images = list(status.get("images", []))
    for name in images:
        path = out_dir / name
        print(f"  {path.relative_to(root)}  {path.stat().st_size / 1024:.0f} KB")
    for note in status.get("notes", []):
        print(f"  note: {note}")
    elapsed = time.perf_counter() - started
    if status.get("exit_code") is None:
        print(f"QGIS did not finish within {timeout:.0f} s and was killed.", file=sys.stderr)
    elif status["exit_code"]:
        print(f"QGIS exited with code {status['exit_code']}.", file=sys.stderr)
    if not status.get("ok"):
        print(status.get("error", "QGIS wrote no status."), file=sys.stderr)
        print(status.get("log_tail", ""), file=sys.stderr)
        return 1
    print(f"{len(images)} screenshots in {out_dir.relative_to(root)} ({elapsed:.0f} s).")
    return 0


# ----------------------------------------------------------------------------------------
# Inside QGIS: the start-up code (``--code``), run once the main window is up.
# ----------------------------------------------------------------------------------------
def inside_qgis(settings: dict) -> None:
    """Schedule the screenshots on QGIS's event loop, with a watchdog that always quits."""
    from qgis.PyQt.QtCore import QTimer

    status = {"ok": False, "images": [], "notes": []}

    def finish() -> None:
        if status.get("finished"):
            return
        status["finished"] = True
        Path(settings["status"]).write_text(json.dumps(status, indent=1), encoding="utf-8")
        quit_qgis()

    def run() -> None:
        try:
            Shooter(settings, status).take_all()
            status["ok"] = "error" not in status
        except Exception:
            status.setdefault("error", traceback.format_exc())
        finish()

    def watchdog() -> None:  # fires inside any waiting loop, which then stops the run
        status["error"] = f"the screenshots did not finish in time (at {status.get('step')})"
        finish()

    QTimer.singleShot(500, run)
    remaining_ms = max(10_000, int((settings["deadline"] - time.time()) * 1000))
    QTimer.singleShot(remaining_ms, watchdog)


def quit_qgis() -> None:
    """Quit without questions (project cleared); hard exit if QGIS is still up 15 s later."""
    from qgis.core import QgsApplication, QgsProject
    from qgis.PyQt.QtCore import QTimer
    from qgis.utils import iface

    QgsApplication.taskManager().cancelAll()  # else QGIS asks whether to stop running tasks
    QgsProject.instance().clear()  # else QGIS asks about temporary layers and changes
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(15_000, lambda: os._exit(3))
    if iface is not None:
        iface.actionExit().trigger()
    else:
        QgsApplication.exit(0)


class Shooter:
    """Drives the real plugin's docks and grabs the main window after each."""

    def __init__(self, settings: dict, status: dict) -> None:
        from qgis import utils

        self.settings = settings
        self.status = status
        self.iface = utils.iface
        self.plugin = utils.plugins["placelink"]
        self.window = self.iface.mainWindow()
        self.canvas = self.iface.mapCanvas()
        self.out = Path(settings["out"])
        self.styles = Path(settings["root"]) / "resources" / "styles"
        self.layers: dict = {}

    # waiting ---------------------------------------------------------------------------
    def wait(self, seconds: float, until=None) -> bool:
        """Process events for *seconds*, or until ``until()`` is true (then True)."""
        from qgis.PyQt.QtCore import QCoreApplication, QEventLoop

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if "error" in self.status:  # the watchdog fired: stop here
                raise TimeoutError(self.status["error"])
            if until is not None and until():
                return True
            time.sleep(0.02)
        return until is None

    def wait_for_run(self, dock, what: str, seconds: float = 180) -> None:
        """Wait for the dock's background algorithm run (a QgsTask) to end successfully."""
        from qgis.core import QgsApplication

        manager = QgsApplication.taskManager()
        done = self.wait(
            seconds,
            lambda: dock.run is not None and dock.run.ok is not None
            and manager.countActiveTasks() == 0,
        )  # fmt: skip
        if not done:
            raise RuntimeError(f"{what} did not finish in {seconds:.0f} s")
        if not dock.run.ok:
            raise RuntimeError(f"{what} failed: {dock.ui.statusLabel.text()}")

    def render(self) -> None:
        """Redraw the canvas and wait for it (not refreshAllLayers: reloading drops selections)."""
        self.canvas.refresh()
        self.wait(0.3)
        self.canvas.waitWhileRendering()
        self.wait(60, lambda: not self.canvas.isDrawing())
        self.wait(1.5)  # flashes fade, labels settle

    def grab(self, name: str) -> None:
        """Save the main window as docs/screenshots/<size>/<name>.png."""
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtGui import QImage

        self.iface.messageBar().clearWidgets()  # e.g. a datum-transform notice over the map
        self.render()
        path = self.out / f"{name}.png"
        image = self.window.grab().toImage()
        if not image.save(str(path), "PNG", 9):
            raise RuntimeError(f"could not save {path}")
        if path.stat().st_size > MAX_BYTES:  # a busy map: 256 colours (hues shift a little)
            flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
            image.convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(path), "PNG", 9)
            self.status["notes"].append(f"{path.name} reduced to 256 colours to stay small")
        self.status["images"].append(path.name)

    # set-up ----------------------------------------------------------------------------
    def prepare_window(self) -> None:
        """The window maximised on the screen: Layers panel on the left, nothing else docked."""
        from qgis.PyQt.QtWidgets import QDockWidget

        for dock in self.window.findChildren(QDockWidget):
            if dock.objectName() != "Layers":
                dock.hide()
        width, height = self.settings["size"]
        self.window.setGeometry(0, 0, width, height)
        self.window.showMaximized()
        self.wait(1)
        self.window_size = (self.window.width(), self.window.height())
        if self.window_size[0] > width or self.window_size[1] > height:
            self.status["notes"].append(
                f"the window is {self.window_size[0]}x{self.window_size[1]}, "
                f"larger than the {width}x{height} screen"
            )

    def add_layer(self, key: str, uri: str, name: str, style: str | None = None):
        from qgis.core import QgsProject, QgsVectorLayer

        layer = QgsVectorLayer(uri, name, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"cannot open {uri}")
        if style:
            message, ok = layer.loadNamedStyle(str(self.styles / style))
            if not ok:
                self.status["notes"].append(f"style {style}: {message}")
        QgsProject.instance().addMapLayer(layer)
        self.layers[key] = layer
        return layer

    def load_layers(self) -> None:
        """The demo council: boundary, streets, addresses (styled), primary schools."""
        from placelink.qgis_support import styling
        from qgis.core import QgsFillSymbol, QgsProject

        demo, sample = self.settings["demo"], self.settings["sample"]
        QgsProject.instance().setCrs(self._crs())
        boundary = self.add_layer("boundary", f"{sample}|layername=boundary", "Boundary")
        boundary.renderer().setSymbol(
            QgsFillSymbol.createSimple(
                {"style": "no", "outline_color": "#444444", "outline_width": "0.6",
                 "outline_style": "dash"}
            )
        )  # fmt: skip
        self.iface.layerTreeView().refreshLayerSymbology(boundary.id())
        self.add_layer("streets", f"{demo}|layername=streets", "Streets (NSG)", "streets.qml")
        self.add_layer(
            "addresses", f"{demo}|layername=addresses", "Addresses (LLPG)", "addresses.qml"
        )
        schools = self.add_layer(
            "facilities",
            f"{sample}|layername=facilities|subset=\"type\" = 'primary school'",
            "Primary schools",
        )
        styling.style_facilities(schools, "name")
        self.add_layer("matched", f"{demo}|layername=matched_records", "Matched records")
        QgsProject.instance().layerTreeRoot().findLayer(
            self.layers["matched"]
        ).setItemVisibilityChecked(False)
        self.zoom_to_town()

    @staticmethod
    def _crs():
        from qgis.core import QgsCoordinateReferenceSystem

        return QgsCoordinateReferenceSystem("EPSG:27700")

    def zoom_to_town(self) -> None:
        extent = self.layers["addresses"].extent()
        extent.scale(1.08)
        self.canvas.setExtent(extent)

    def only_dock(self, module: str, class_name: str):
        """Open *class_name* through the plugin, hide the other PlaceLink docks, widen it."""
        from qgis.PyQt.QtCore import Qt

        for other in self.plugin.docks.values():
            other.hide()
        dock = self.plugin.show_dock(module, class_name)
        width = int(self.settings["size"][0] * DOCK_SHARE)
        self.window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
        self.wait(0.5)
        return dock

    # the docks -------------------------------------------------------------------------
    def quality(self) -> None:
        dock = self.only_dock("quality_dock", "QualityDock")
        dock.ui.addressesCombo.setLayer(self.layers["addresses"])
        dock.ui.streetsCombo.setLayer(self.layers["streets"])
        dock.ui.boundaryCombo.setLayer(self.layers["boundary"])
        dock.ui.runButton.click()
        self.wait_for_run(dock, "Data quality checks")
        self.wait(1)
        tree = dock.ui.issuesTree
        if tree.topLevelItemCount() == 0:
            raise RuntimeError("the Data quality dock lists no issues after the run")
        groups = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        biggest = max(groups, key=lambda item: item.childCount())
        biggest.setExpanded(True)  # a long list of one rule's problems
        # as a user would drag it, to read the messages and still see each problem's key
        tree.header().resizeSection(0, max(200, tree.viewport().width() - 120))
        leaf = biggest.child(min(2, biggest.childCount() - 1))
        tree.setCurrentItem(leaf)
        tree.scrollToItem(leaf)
        dock._clicked(leaf)  # what a click does: select, mark and zoom to it, say it whole
        self.note_selection("data_quality")
        self.wait(0.5)
        if self.canvas.scale() < 6000:
            self.canvas.zoomScale(6000)  # some context round the selected feature
        self.grab("data_quality")

    def find_address(self) -> None:
        dock = self.only_dock("find_address_dock", "FindAddressDock")
        dock.ui.gazetteerCombo.setLayer(self.layers["addresses"])
        dock.ui.searchEdit.setFocus()
        dock.ui.searchEdit.setText(SEARCH_TEXT)  # what typing does: search on every change
        results = dock.ui.resultsList
        self.wait(90, lambda: results.count() > 0)  # the index is built in the background
        self.wait(0.5)
        if results.count() == 0:
            raise RuntimeError(f"Find address found nothing for {SEARCH_TEXT!r}")
        results.setCurrentRow(0)
        dock.go_to(results.item(0))
        self.note_selection("find_address")
        self.wait(0.5)
        self.canvas.zoomScale(2000)
        self.grab("find_address")

    def review(self) -> None:
        dock = self.only_dock("review_dock", "ReviewDock")
        dock.ui.gazetteerCombo.setLayer(self.layers["addresses"])
        dock.ui.matchesCombo.setLayer(self.layers["matched"])
        dock.load_queue()
        self.wait(1)
        if not dock.queue:
            raise RuntimeError("the Review matches dock has nothing to review")
        dock.ui.candidatesList.setCurrentRow(0)
        self.grab("review_matches")

    def catchments(self) -> None:
        from qgis.core import QgsPointXY, QgsProject

        self.zoom_to_town()
        dock = self.only_dock("catchments_dock", "CatchmentsDock")
        ui = dock.ui
        ui.facilitiesCombo.setLayer(self.layers["facilities"])
        ui.nameField.setField("name")
        ui.addressesCombo.setLayer(self.layers["addresses"])
        ui.methodCombo.setCurrentIndex(1)  # along the street network
        ui.networkCombo.setLayer(self.layers["streets"])
        ui.boundaryCombo.setLayer(self.layers["boundary"])
        ui.titleEdit.setText("Brackenford primary school catchments")
        ui.runButton.click()
        self.wait(
            300,
            lambda: getattr(dock, "stage", "") == "map"
            and dock.run is not None and dock.run.ok is not None,
        )  # fmt: skip
        self.wait_for_run(dock, "Catchments")
        # the catchment map's styled copies tell the story: hide what they cover or repeat
        hidden = [self.layers[key] for key in ("addresses", "matched", "facilities")]
        hidden += QgsProject.instance().mapLayersByName("Quality issues")
        # (the run's own layers now sit in the map's group: one set, assignments switched off)
        hidden += QgsProject.instance().mapLayersByName("Band areas")
        for layer in hidden:
            node = self._node(layer) if layer is not None else None
            if node is not None:
                node.setItemVisibilityChecked(False)
        extent = dock.catchments.extent() if dock.catchments else self.layers["addresses"].extent()
        extent.scale(1.04)
        self.canvas.setExtent(extent)
        if dock.assignments is not None:
            feature = next(dock.assignments.getFeatures(), None)
            if feature is not None:
                point = feature.geometry().asPoint()
                dock.hover(QgsPointXY(point.x(), point.y()))  # what moving the mouse shows
        self.grab("catchments")

    def note_selection(self, step: str, key: str = "addresses") -> None:
        """Say what the dock selected (the driver prints it: a check that clicks worked)."""
        layer = self.layers[key]
        self.status["notes"].append(f"{step}: {layer.selectedFeatureCount()} {key} selected")

    @staticmethod
    def _node(layer):
        from qgis.core import QgsProject

        return QgsProject.instance().layerTreeRoot().findLayer(layer)

    def take_all(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        self.prepare_window()
        self.load_layers()
        only = os.environ.get("SCREENSHOTS_ONLY", "")  # e.g. "catchments,review" while tuning
        for step in (self.quality, self.find_address, self.review, self.catchments):
            if not only or step.__name__ in only.split(","):
                self.status["step"] = step.__name__
                started = time.perf_counter()
                step()
                self.status["notes"].append(
                    f"{step.__name__}: {time.perf_counter() - started:.1f} s"
                )


if os.environ.get(ENV_FLAG) and "qgis.utils" in sys.modules:
    inside_qgis(json.loads(os.environ[ENV_FLAG]))
elif __name__ == "__main__":
    sys.exit(main())
