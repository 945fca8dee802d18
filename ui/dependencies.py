"""QGIS glue for PlaceLink's optional Python packages: sys.path, message bar, installer."""

from __future__ import annotations

from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtWidgets import QPushButton

from ..core.dependencies import (
    Requirement,
    activate,
    describe_missing,
    missing,
    packages_dir,
)
from ..i18n import tr

LOG_TAG = "PlaceLink"
_open: dict[str, object] = {}  # the open dialog and the message-bar notice, kept alive


def profile_packages_dir() -> Path:
    """This QGIS profile's PlaceLink package folder (for this Python version)."""
    return packages_dir(QgsApplication.qgisSettingsDirPath())


def activate_profile_packages() -> bool:
    """Put the profile's PlaceLink package folder on sys.path (GUI and qgis_process alike).

    Returns False when nothing has been installed there yet.
    """
    return activate(profile_packages_dir())


def notify_missing(iface) -> list[Requirement]:
    """Say in the message bar (and the log) exactly which packages are missing.

    One warning with an "Install…" button; nothing when all are present. Returns the missing.
    """
    _clear_notice()  # one notice at a time, also after a plugin reload
    lacking = missing()
    if not lacking:
        return []
    text = describe_missing(lacking)
    QgsMessageLog.logMessage(text, LOG_TAG, Qgis.MessageLevel.Warning)
    if iface is None:
        return lacking
    bar = iface.messageBar()
    item = bar.createMessage(tr("PlaceLink"), text)
    button = QPushButton(tr("Install…"), item)
    button.clicked.connect(lambda: show_install_dialog(iface))
    item.layout().addWidget(button)
    bar.pushWidget(item, Qgis.MessageLevel.Warning)
    _open["notice"] = (bar, item)
    return lacking


def _clear_notice() -> None:
    bar, item = _open.pop("notice", (None, None))
    if bar is not None:
        try:
            bar.popWidget(item)
        except RuntimeError:  # the user already closed it
            pass


def show_install_dialog(iface, requirements: list[Requirement] | None = None):
    """Open (without blocking) the dialog that installs the missing packages; returns it."""
    from .install_dialog import InstallDialog

    previous = _open.get("dialog")
    if previous is not None and previous.running():
        previous.raise_()
        return previous
    reqs = missing() if requirements is None else requirements
    parent = iface.mainWindow() if iface is not None else None
    dialog = InstallDialog(reqs, profile_packages_dir(), parent)
    dialog.installed.connect(_clear_notice)
    dialog.setModal(True)
    dialog.show()
    _open["dialog"] = dialog
    return dialog
