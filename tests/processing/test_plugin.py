"""The plugin as QGIS loads it: provider, menu, toolbar; unload removes all; load again works."""

from __future__ import annotations

from qgis.core import QgsApplication


def _registry():
    return QgsApplication.processingRegistry()


def _placelink_menu_actions(iface) -> list[str]:
    for action in iface.pluginMenu().actions():
        if action.text().replace("&", "") == "PlaceLink" and action.menu():
            return [a.text() for a in action.menu().actions()]
    return []


def test_provider_lists_its_algorithms(placelink_plugin) -> None:
    provider = _registry().providerById("placelink")
    assert provider is not None
    assert provider.name() == "PlaceLink"
    ids = {alg.id() for alg in provider.algorithms()}
    assert "placelink:loadaddresses" in ids
    for alg in provider.algorithms():
        assert alg.shortHelpString().strip(), alg.id()
        assert not alg.icon().isNull(), alg.id()
        assert alg.group() and alg.groupId(), alg.id()
        # findable by the words officers search with, beyond the two every one has
        assert len(set(alg.tags()) - {"PlaceLink", "gazetteer"}) >= 3, alg.id()
    tagged = {alg.id(): set(alg.tags()) for alg in provider.algorithms()}
    assert {"UPRN", "geocode"} <= tagged["placelink:matchaddresses"]
    assert {"LLPG", "UPRN"} <= tagged["placelink:loadaddresses"]
    assert {"NSG", "USRN"} <= tagged["placelink:loadstreets"]


def test_every_menu_entry_has_its_own_icon() -> None:
    from placelink.plugin import ALGORITHM_ACTIONS, DOCKS
    from placelink.processing.base import ICON_DIR

    icons = [icon for _a, icon, _t in ALGORITHM_ACTIONS] + [icon for *_m, icon, _t in DOCKS]
    assert len(set(icons)) == len(icons)  # Match, Find and Review no longer share one
    assert all((ICON_DIR / icon).is_file() for icon in icons)


def test_menu_and_toolbar(placelink_plugin, iface) -> None:
    assert "Load addresses…" in _placelink_menu_actions(iface)
    toolbar = placelink_plugin.toolbar
    assert toolbar is not None and toolbar.objectName() == "PlaceLinkToolbar"
    assert any(a.text() == "Load addresses…" for a in toolbar.actions())


def test_unload_removes_everything_and_load_again_works(placelink_plugin, iface) -> None:
    from placelink import classFactory

    placelink_plugin.unload()
    assert _registry().providerById("placelink") is None
    assert _placelink_menu_actions(iface) == []
    assert placelink_plugin.actions == [] and placelink_plugin.toolbar is None

    second = classFactory(iface)  # a fresh instance, as after a plugin reload
    second.initGui()
    assert _registry().providerById("placelink") is not None
    assert "Load addresses…" in _placelink_menu_actions(iface)
    second.unload()
    assert _registry().providerById("placelink") is None

    placelink_plugin.initGui()  # and the session's instance comes back for later tests
    assert _registry().algorithmById("placelink:loadaddresses") is not None
    assert "Load addresses…" in _placelink_menu_actions(iface)


def test_plugin_works_without_an_interface(qgis_app) -> None:
    """qgis_process loads plugins with iface=None: only the provider is added."""
    from placelink import classFactory

    plugin = classFactory(None)
    registered = _registry().providerById("placelink") is not None
    if registered:  # the session instance holds the id; check the no-iface path only
        plugin.initGui()
        assert plugin.toolbar is None and plugin.actions == []
        plugin.provider = None  # never registered by this instance
        return
    plugin.initGui()
    assert plugin.toolbar is None and _registry().providerById("placelink") is not None
    plugin.unload()


def test_docks_open_from_the_menu_and_go_on_unload(placelink_plugin, iface) -> None:
    from placelink.plugin import DOCKS
    from qgis.PyQt.QtWidgets import QScrollArea

    menu = _placelink_menu_actions(iface)
    placelink_plugin.unload()  # start with no docks
    placelink_plugin.initGui()
    opened: list[str] = []
    for module, class_name, _icon, text in DOCKS:
        assert text in menu
        dock = placelink_plugin.show_dock(module, class_name)
        assert type(dock).__name__ == class_name and dock.objectName() == class_name
        assert placelink_plugin.show_dock(module, class_name) is dock  # made once
        # scrolls rather than growing the window; tabbed with the docks already open
        assert isinstance(dock.widget(), QScrollArea) and dock.widget().widgetResizable()
        _area, tabbed, tab_with, _raise = iface.addTabifiedDockWidget.call_args.args
        assert tabbed is dock and tab_with == opened
        opened.append(class_name)
    placelink_plugin.unload()
    assert placelink_plugin.docks == {}
    placelink_plugin.initGui()


def test_menu_actions_open_their_docks_and_dialogs(
    placelink_plugin, iface, monkeypatch, tmp_path
) -> None:
    """Triggering a menu entry (as a click does, with its `checked` argument) works."""
    from qgis.PyQt.QtWidgets import QFileDialog

    opened = []
    monkeypatch.setattr(type(placelink_plugin), "_open_algorithm", staticmethod(opened.append))
    chosen = str(tmp_path / "chosen")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: chosen)
    for action in placelink_plugin.actions:
        if action.text().startswith("Install"):
            continue
        action.trigger()
    assert opened == [
        "placelink:loadaddresses", "placelink:loadstreets", "placelink:loadpostcodes",
        "placelink:matchaddresses",
    ]  # fmt: skip
    assert set(placelink_plugin.docks) == {
        "QualityDock", "FindAddressDock", "ReviewDock", "CatchmentsDock"
    }  # fmt: skip
    # "Results folder…" remembered the officer's choice for unsaved projects
    from placelink.ui.results_folder import SETTINGS_KEY
    from qgis.core import QgsProject, QgsSettings

    assert QgsSettings().value(SETTINGS_KEY) == chosen
    QgsSettings().remove(SETTINGS_KEY)
    # "Open the sample council" added the made-up district, styled, and went there

    group = QgsProject.instance().layerTreeRoot().findGroup("Sample council (Brackenford, made up)")
    assert group is not None
    names = [node.layer().name() for node in group.findLayers()]
    assert names[:2] == ["Sample facilities", "Sample addresses (LLPG)"]
    assert all(node.layer().isValid() for node in group.findLayers())
    assert iface.mapCanvas().extent().intersects(group.findLayers()[-1].layer().extent())
    sample = next(a for a in placelink_plugin.actions if a.text() == "Open the sample council")
    sample.trigger()  # again: zooms there, adds nothing twice
    assert len(group.findLayers()) == len(names)
    for node in group.findLayers():
        QgsProject.instance().removeMapLayer(node.layer().id())
    QgsProject.instance().layerTreeRoot().removeChildNode(group)


def test_the_shipped_model_has_a_readable_name_and_tags(placelink_plugin) -> None:
    model = _registry().algorithmById("placelink:councilworkflow")  # the id stays as saved
    assert model is not None and model.displayName() == "Council workflow"
    assert {"LLPG", "NSG", "catchment"} <= set(model.tags())
    again = model.create()
    assert again.displayName() == "Council workflow" and again.id() == model.id()
