"""The app's language: which one to use (command line, then the setting, then the system's) and the one place that
installs translations into the application.

One catalogue holds every string of the app, the window's, the wizard's and the audit, backup and health dialogs'
(``resources/translations/mastery_ledger_<language>.qm``, written by ``update.py`` from every module of
``desktop/``); in English it holds only the plural forms of counted texts ("1 word", "3 words"). Qt's own
catalogue (``qtbase_*.qm``, from Qt's translations folder, or the bundle's) translates its standard buttons and
dialogs; it misses a few strings of the file dialog (its "Look in:" and "Files of type:" labels), which
``qt_extra_*.qm`` in our translations folder adds.

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
    """The translators installed in the application: our catalogue and Qt's own (``qtbase``, ``qt_extra``).
    ``switch`` replaces them; nothing else in the app installs a translator."""

    def __init__(self) -> None:
        self.language = "en"
        #: Our catalogue while one is installed (in English: the plural forms only).
        self.catalogue: QTranslator | None = None
        self._installed: list[QTranslator] = []

    def switch(self, language: str) -> bool:
        """Use ``language``; returns False if its translation could not be loaded (English is used then)."""
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("translations need a QApplication")
        if language == "en" == self.language and self._installed:
            return True  # English already, with its plural forms: nothing to relabel
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        self.catalogue = None
        self.language = "en"
        QLocale.setDefault(QLocale("en_US"))
        if language == "en":
            # Removing translators sends LanguageChange too, so the widgets go back to English.
            self._install(app, _load(f"{DOMAIN}_en", str(translations_dir())), ours=True)
            _deliver_language_change()
            return True
        ours = _load(f"{DOMAIN}_{language}", str(translations_dir()))
        if ours is None:
            log.warning("no translation for %s in %s", language, translations_dir())
            return False
        for name, folder in (
            (f"qtbase_{language}", qt_translations_dir()),
            (f"{QT_EXTRA_DOMAIN}_{language}", str(translations_dir())),
        ):
            qt = _load(name, folder)
            if qt is None:
                log.warning("Qt's own texts stay in English: no %s in %s", name, folder)
            self._install(app, qt)
        self._install(app, ours, ours=True)  # installed last, so asked first
        self.language = language
        QLocale.setDefault(QLocale(language))
        _deliver_language_change()
        return True

    def _install(self, app: QCoreApplication, translator: QTranslator | None, ours: bool = False) -> None:
        if translator is None:
            return
        app.installTranslator(translator)
        self._installed.append(translator)
        if ours:
            self.catalogue = translator


def _load(name: str, folder: str) -> QTranslator | None:
    """The compiled catalogue ``name`` (``.qm``) of ``folder``, or None if there is none."""
    translator = QTranslator(QCoreApplication.instance())
    return translator if translator.load(name, folder) else None


def _deliver_language_change() -> None:
    """Qt posts LanguageChange events; deliver them now, so the window is relabelled when ``switch`` returns."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


_translations: Translations | None = None


def translations() -> Translations:
    global _translations
    if _translations is None:
        _translations = Translations()
    return _translations
