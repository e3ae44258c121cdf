"""The wizard's own compiled translations (``resources/translations/wizard_<lang>.qm``; ``wizard_en.qm`` holds
only the English plural forms of counted strings, ``tr("…%Ln record(s)…", "", n)``).

The window's translator (``desktop.ui.i18n``) loads the project's file; the wizard's strings live in a file of
their own, so :func:`ensure_translator` installs it on the application when the wizard opens, in the language the
window uses (or the system's, before the window has chosen one). Calling it again with another language swaps it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.ui import i18n

log = logging.getLogger(__name__)

DOMAIN = "wizard"
_installed: dict[str, object] = {"language": None, "translator": None}  # language None: none installed yet


def current_language() -> str:
    """The window's language if it has chosen one, else the system's: ``zh_CN`` or ``en``."""
    language = i18n.translations().language
    if language != "en" or QLocale().language() != QLocale.Language.Chinese:
        return language
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def ensure_translator(language: str | None = None) -> str:
    """Install the wizard's translator for ``language`` (default: :func:`current_language`); returns the language
    in use (``en`` when there is no translation file for the one asked for)."""
    app = QCoreApplication.instance()
    language = language or current_language()
    if app is None or _installed["language"] == language:
        return language
    old = _installed["translator"]
    if isinstance(old, QTranslator):
        app.removeTranslator(old)
    _installed.update(language=None, translator=None)
    translator = QTranslator(app)
    # English too has a catalogue: the plural forms of counted texts ("1 problem", "3 problems")
    if not translator.load(f"{DOMAIN}_{language}", str(i18n.translations_dir())):
        if language != "en":
            log.warning("no wizard translation for %s in %s", language, i18n.translations_dir())
        return "en"
    app.installTranslator(translator)
    _installed.update(language=language, translator=translator)
    return language
