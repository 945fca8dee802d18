"""PlaceLink plugin entry: Processing provider, menu, toolbar and dependency check."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon

try:  # Qt6 (QGIS 4) moved QAction to QtGui
    from qgis.PyQt.QtGui import QAction
except ImportError:  # Qt5 (QGIS 3)
    from qgis.PyQt.QtWidgets import QAction

from .i18n import install_translator, remove_translators, tr
from .processing.base import ICON_DIR

MENU = "&PlaceLink"
#: Menu and toolbar entries that open an algorithm's dialog: (id, icon, text).
ALGORITHM_ACTIONS = (
    ("placelink:loadaddresses", "load_addresses.svg", "Load addresses…"),
    ("placelink:loadstreets", "load_streets.svg", "Load streets…"),
    ("placelink:loadpostcodes", "load_postcodes.svg", "Load postcodes…"),
    ("placelink:matchaddresses", "match_addresses.svg", "Match addresses to UPRNs…"),
)
#: Dock panels: (module under ui/, class, icon, text).
DOCKS = (
    ("quality_dock", "QualityDock", "check_quality.svg", "Data quality"),
    ("find_address_dock", "FindAddressDock", "find_address.svg", "Find address"),
    ("review_dock", "ReviewDock", "review_matches.svg", "Review matches"),
    ("catchments_dock", "CatchmentsDock", "catchments.svg", "Catchments"),
)


class PlaceLinkPlugin:
    """Adds the ``placelink`` provider, a PlaceLink menu and toolbar; removes them on unload.

    Works without an interface (``iface`` is None in ``qgis_process``): then only the
    Processing provider is registered.
    """

    def __init__(self, iface) -> None:
        self.iface = iface
        self.provider = None
        self.toolbar = None
        self.actions: list[QAction] = []
        self.docks: dict = {}
        self.translator = install_translator()  # QGIS's language (Welsh: cy), if shipped
        from .ui.dependencies import activate_profile_packages

        activate_profile_packages()  # packages PlaceLink installed earlier into the profile

    @staticmethod
    def tr(text: str) -> str:
        return tr(text)

    def initProcessing(self) -> None:
        """Register the Processing provider (QGIS calls this in qgis_process too)."""
        if self.provider is not None:
            return
        from .processing.provider import PlaceLinkProvider

        self.provider = PlaceLinkProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:
        self.initProcessing()
        if self.iface is None:
            return
        self.toolbar = self.iface.addToolBar(self.tr("PlaceLink"))
        self.toolbar.setObjectName("PlaceLinkToolbar")
        # triggered(bool) passes `checked`: the callbacks take and drop it
        for algorithm_id, icon, text in ALGORITHM_ACTIONS:
            self._add_action(
                icon, self.tr(text), lambda *_, a=algorithm_id: self._open_algorithm(a)
            )
        for module, class_name, icon, text in DOCKS:
            self._add_action(
                icon, self.tr(text), lambda *_, m=module, c=class_name: self.show_dock(m, c)
            )
        from .ui.dependencies import notify_missing, show_install_dialog
        from .ui.results_folder import choose_results_folder
        from .ui.sample import open_sample

        self._add_action(
            "placelink.svg",
            self.tr("Results folder for unsaved projects…"),
            lambda *_: choose_results_folder(self.iface.mainWindow()),
            toolbar=False,
        )
        self._add_action(
            "placelink.svg",
            self.tr("Open the sample council"),
            lambda *_: open_sample(self.iface),
            toolbar=False,
        )

        self._add_action(
            "placelink.svg",
            self.tr("Install missing Python packages…"),
            lambda *_: show_install_dialog(self.iface),
            toolbar=False,
        )
        notify_missing(self.iface)
        from .ui.locator_filter import AddressLocatorFilter

        self.locator_filter = AddressLocatorFilter(self.iface, self._find_dock_gazetteer)
        self.iface.registerLocatorFilter(self.locator_filter)  # Ctrl+K finds addresses
        project = QgsProject.instance()
        project.readProject.connect(self.restore_docks)
        project.writeProject.connect(self.save_docks)
        self._project_signals = True

    def _find_dock_gazetteer(self):
        """The gazetteer chosen in the Find address dock, if it was opened."""
        dock = self.docks.get("FindAddressDock")
        return dock.ui.gazetteerCombo.currentLayer() if dock is not None else None

    def save_docks(self, *_args) -> None:
        """Keep the open docks and their settings in the project being written."""
        from .ui import dock_state

        dock_state.save(QgsProject.instance(), self.docks)

    def restore_docks(self, *_args) -> list:
        """Reopen the docks a project was saved with, as they were set (docks already
        made take the project's settings too; the others do when first opened)."""
        from .ui import dock_state

        project = QgsProject.instance()
        for class_name, dock in self.docks.items():
            dock_state.apply_values(dock, dock_state.saved_values(project, class_name), project)
        shown = []
        for class_name in dock_state.saved_docks(project):
            module = next((m for m, c, _i, _t in DOCKS if c == class_name), None)
            if module is None:
                continue
            shown.append(self.show_dock(module, class_name))
        return shown

    def show_dock(self, module: str, class_name: str):
        """Show (creating it the first time) the dock panel ``ui.<module>.<class_name>``."""
        dock = self.docks.get(class_name)
        if dock is None:
            from importlib import import_module

            dock_class = getattr(import_module(f".ui.{module}", __package__), class_name)
            dock = dock_class(self.iface, self.iface.mainWindow())
            # tabbed with PlaceLink's other docks, not stacked (each stays full height)
            others = [d.objectName() for d in self.docks.values()]
            self.iface.addTabifiedDockWidget(
                Qt.DockWidgetArea.RightDockWidgetArea, dock, others, True
            )
            self.docks[class_name] = dock
            from .ui import dock_state

            project = QgsProject.instance()  # as the project last left it, if it says
            dock_state.apply_values(dock, dock_state.saved_values(project, class_name), project)
        dock.show()
        dock.raise_()
        return dock

    def _add_action(self, icon: str, text: str, callback, toolbar: bool = True) -> QAction:
        action = QAction(QIcon(str(ICON_DIR / icon)), text, self.iface.mainWindow())
        action.triggered.connect(callback)
        self.iface.addPluginToMenu(MENU, action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    @staticmethod
    def _open_algorithm(algorithm_id: str) -> None:
        from processing import execAlgorithmDialog

        execAlgorithmDialog(algorithm_id, {})

    def unload(self) -> None:
        """Remove everything initGui/initProcessing added."""
        for action in self.actions:
            if self.iface is not None:
                self.iface.removePluginMenu(MENU, action)
            action.deleteLater()
        self.actions = []
        from .ui.address_search import SEARCHES

        SEARCHES.cancel()  # no index build left running in a thread
        if getattr(self, "locator_filter", None) is not None:
            self.iface.deregisterLocatorFilter(self.locator_filter)
            self.locator_filter = None
        if getattr(self, "_project_signals", False):
            project = QgsProject.instance()
            project.readProject.disconnect(self.restore_docks)
            project.writeProject.disconnect(self.save_docks)
            self._project_signals = False
        for dock in self.docks.values():
            self.iface.removeDockWidget(dock)
            dock.deleteLater()
        self.docks = {}
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translators()
        self.translator = None
