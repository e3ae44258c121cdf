"""The window's language: which one to use (command line, then the setting, then the system's) and loading the
compiled translations (ours and Qt's own, for standard buttons and dialogs) into the application.

Qt's own catalogue (``qtbase_*.qm``, from Qt's translations folder, or the bundle's) misses a few strings of the
file dialog (its "Look in:" and "Files of type:" labels); ``qt_extra_*.qm`` in our translations folder adds them.

Installing a translator makes Qt send every widget a LanguageChange event; our widgets retranslate themselves in
``changeEvent`` (see :class:`desktop.ui.widgets.Retranslating`), so switching language needs no restart.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from desktop import resources

log = logging.getLogger(__name__)

DOMAIN = "mastery_ledger"
#: Qt's own strings that Qt's catalogue lacks (same contexts as Qt's sources, e.g. ``QFileDialog``).
QT_EXTRA_DOMAIN = "qt_extra"
SUPPORTED = ("en", "zh_CN")
#: Shown in the language menu in their own language, never translated.
NATIVE_NAMES = {"en": "English", "zh_CN": "简体中文"}


def translations_dir() -> Path:
    return resources.translations_dir()


def qt_translations_dir() -> str:
    """Where Qt's own catalogues are: Qt's translations folder (the bundle keeps qtbase_* of our languages)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def system_language() -> str:
    """``zh_CN`` for any Chinese system locale (Simplified is what we have), otherwise English."""
    for name in QLocale.system().uiLanguages() or [QLocale.system().name()]:
        name = name.replace("-", "_")
        if name.startswith("zh"):
            return "zh_CN"
        if name.startswith("en"):
            return "en"
    return "en"


def resolve(cli_language: str | None, setting: str | None) -> str:
    """The language to use: ``--lang``, else the setting, else the system's."""
    for choice in (cli_language, setting):
        if choice in SUPPORTED:
            return choice
    return system_language()


class Translations:
    """The translators installed in the application (ours plus Qt's ``qtbase``); ``switch`` replaces them."""

    def __init__(self) -> None:
        self.language = "en"
        self._installed: list[QTranslator] = []

    def switch(self, language: str) -> bool:
        """Use ``language``; returns False if its translation could not be loaded (English is used then)."""
        app = QCoreApplication.instance()
        if language == "en" == self.language and self._installed:
            return True  # English already, with its plural forms: nothing to relabel
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        self.language = "en"
        QLocale.setDefault(QLocale("en_US"))
        if language == "en":
            # English has a catalogue of plural forms only ("1 word", "3 words"). Removing translators sends
            # LanguageChange too, so the widgets go back to English.
            plurals = QTranslator(app)
            if plurals.load(f"{DOMAIN}_en", str(translations_dir())):
                app.installTranslator(plurals)
                self._installed.append(plurals)
            _deliver_language_change()
            return True
        ours = QTranslator(app)
        if not ours.load(f"{DOMAIN}_{language}", str(translations_dir())):
            log.warning("no translation for %s in %s", language, translations_dir())
            return False
        for name, folder in (
            (f"qtbase_{language}", qt_translations_dir()),
            (f"{QT_EXTRA_DOMAIN}_{language}", str(translations_dir())),
        ):
            qt = QTranslator(app)
            if qt.load(name, folder):
                app.installTranslator(qt)
                self._installed.append(qt)
            else:
                log.warning("Qt's own texts stay in English: no %s in %s", name, folder)
        app.installTranslator(ours)
        self._installed.append(ours)
        self.language = language
        QLocale.setDefault(QLocale(language))
        _deliver_language_change()
        return True


def _deliver_language_change() -> None:
    """Qt posts LanguageChange events; deliver them now, so the window is relabelled when ``switch`` returns."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


_translations: Translations | None = None


def translations() -> Translations:
    global _translations
    if _translations is None:
        _translations = Translations()
    return _translations
