"""QGIS glue for optional packages (placeholder until the dependency installer lands)."""

from __future__ import annotations


def activate_profile_packages() -> None:
    """Put the profile's PlaceLink package folder on sys.path."""


def notify_missing(iface) -> list:  # noqa: ANN001
    """Tell the user in the message bar which packages are missing."""
    return []


def show_install_dialog(iface) -> None:  # noqa: ANN001
    """Offer to install the missing packages."""
