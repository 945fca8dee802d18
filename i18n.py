"""PlaceLink's interface in the officer's language: one translation context for the plugin's
own strings, and the translator for QGIS's locale (Welsh: ``cy``).

Every user-facing string of the plugin goes through :func:`tr` (algorithms, docks and
menus use it through their ``tr`` methods), so one ``.ts`` file per language holds them
all: ``i18n/placelink_<lang>.ts``, kept up to date by ``scripts/i18n.py`` and compiled to
``.qm`` by ``lrelease`` when the plugin is packaged (the ``.qm`` is never committed).
Designer forms keep their own contexts (the form's class name), as ``uic`` writes them.
"""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

CONTEXT = "PlaceLink"
#: Where compiled translations are looked for: the packaged plugin's ``i18n`` folder, then
#: a development checkout's build folder (``scripts/i18n.py compile``).
QM_FOLDERS = (
    Path(__file__).resolve().parent / "i18n",
    Path(__file__).resolve().parent / "build" / "i18n",
)

_installed: list[QTranslator] = []


def tr(text: str) -> str:
    """*text* in the interface's language (as written when there is no translation)."""
    return QCoreApplication.translate(CONTEXT, text)


def user_language() -> str:
    """The language QGIS is set to (``cy`` for Welsh): its own locale setting if the user
    overrode the system's, else the system's."""
    settings = QSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        locale = str(settings.value("locale/userLocale", "") or "")
    else:
        locale = str(settings.value("locale/userLocale", "") or "") or QLocale.system().name()
    return locale.replace("-", "_").split("_")[0].lower()


def install_translator(language: str | None = None) -> QTranslator | None:
    """Load PlaceLink's translation for *language* (default: QGIS's) into the application;
    returns it, or None when there is none (English needs none)."""
    language = language or user_language()
    if not language or language == "en":
        return None
    for folder in QM_FOLDERS:
        path = folder / f"placelink_{language}.qm"
        if path.is_file():
            translator = QTranslator()
            if translator.load(str(path)):
                QCoreApplication.installTranslator(translator)
                _installed.append(translator)
                return translator
    return None


def remove_translators() -> None:
    """Take PlaceLink's translators out again (the plugin is unloading)."""
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())
