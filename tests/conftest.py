"""Shared test set-up.

The checkout's folder is not named ``placelink``, so tests import the plugin through
``build/pluginpath/placelink``, a link to the checkout (the same layout QGIS uses).
Tests under ``tests/core`` run without QGIS (``pytest -p no:qgis tests/core``); the QGIS
fixtures below import QGIS only when a test asks for them.
"""

from __future__ import annotations

import shutil
import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_PATH = ROOT / "build" / "pluginpath"
SAMPLE_DIR = ROOT / "resources" / "sample"
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _link_plugin() -> None:
    PLUGIN_PATH.mkdir(parents=True, exist_ok=True)
    link = PLUGIN_PATH / "placelink"
    if not link.exists():
        try:
            link.symlink_to(ROOT, target_is_directory=True)
        except FileExistsError:  # another test process made it first
            pass


_link_plugin()
# Each test session starts without PlaceLink state in pytest-qgis's profile (index caches).
shutil.rmtree(ROOT / ".qgis-settings" / "profiles" / "default" / "placelink", ignore_errors=True)
# `python -m pytest` puts the checkout on sys.path, where our `processing/` package would
# shadow QGIS's own `processing` module: tests reach the plugin only as `placelink`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT]
for _path in (str(PLUGIN_PATH), str(ROOT / "scripts")):
    if _path not in sys.path:
        sys.path.insert(0, _path)
# The tests' own helper modules (postgis_server, gazetteer_file), last so they shadow nothing.
if str(ROOT / "tests") not in sys.path:
    sys.path.append(str(ROOT / "tests"))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """PlaceLink runs offline: any attempt to open a network connection fails the test."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        raise RuntimeError(f"test tried to open a network connection to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)


class _MenuIface:
    """pytest-qgis's iface with a real Plugins menu (its own stub records no menu entries).

    Like QGIS, ``addPluginToMenu`` makes a sub-menu per name and ``removePluginMenu``
    drops the sub-menu once it is empty; everything else is the pytest-qgis stub.
    """

    def __init__(self, iface) -> None:
        from qgis.PyQt.QtWidgets import QMenu

        self._iface = iface
        self._menu = QMenu("Plugins")

    def __getattr__(self, name: str):
        return getattr(self._iface, name)

    def pluginMenu(self):
        return self._menu

    def _submenu(self, name: str, create: bool):
        for action in self._menu.actions():
            if action.text() == name and action.menu():
                return action.menu()
        return self._menu.addMenu(name) if create else None

    def addPluginToMenu(self, name: str, action) -> None:
        self._submenu(name, create=True).addAction(action)

    def removePluginMenu(self, name: str, action) -> None:
        menu = self._submenu(name, create=False)
        if menu is None:
            return
        menu.removeAction(action)
        if not menu.actions():
            self._menu.removeAction(menu.menuAction())


def _give_real_layer_tree_view(qgis_iface) -> None:
    """pytest-qgis's iface answers ``layerTreeView()`` with a MagicMock, on which Processing's
    result loading (QGIS >= 3.40) fails: give it a real view of the project's layer tree."""
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    view = QgsLayerTreeView(qgis_iface.mainWindow())
    view.setModel(QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view))
    qgis_iface.layerTreeView = lambda: view


@pytest.fixture(scope="session")
def iface(qgis_iface):
    """The QGIS interface stub, with a working Plugins menu and a real layer tree view."""
    _give_real_layer_tree_view(qgis_iface)
    return _MenuIface(qgis_iface)


@pytest.fixture(scope="session")
def placelink_plugin(qgis_app, qgis_processing, iface):
    """The plugin loaded once for the session, as QGIS does: classFactory(iface).initGui()."""
    from placelink import classFactory

    plugin = classFactory(iface)
    plugin.initGui()
    yield plugin
    plugin.unload()


@pytest.fixture(scope="session")
def run_alg(placelink_plugin):
    """``processing.run`` for PlaceLink algorithms, with the provider registered."""
    import processing

    def run(algorithm: str, parameters: dict, **kwargs):
        return processing.run(algorithm, parameters, **kwargs)

    return run


@pytest.fixture
def make_dock(placelink_plugin, iface):
    """Build dock panels for a test; they are deleted at its end (before the canvas goes)."""
    from qgis.PyQt import sip

    made = []

    def make(dock_class):
        dock = dock_class(iface)
        made.append(dock)
        return dock

    yield make
    for dock in made:
        if not sip.isdeleted(dock):
            sip.delete(dock)


@pytest.fixture(scope="session")
def postgis_server():
    """A real PostgreSQL + PostGIS started once for the session (tests/postgis_server.py).

    Fails (never skips) with the reason when the server cannot start; always stopped and
    its folder removed at the end of the session.
    """
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from postgis_server import PostgisServer

    server = PostgisServer().start()
    try:
        yield server
    finally:
        server.stop()
