"""What the Tools windows (the audit log, the backup dialogs, the health page) share: their translation catalogue
(``resources/translations/audit_<lang>.qm``, installed beside the app's own and following its language), showing
one without blocking, and telling the main window that its records changed (after an undo or a restore)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from desktop.ui import i18n

log = logging.getLogger(__name__)

DOMAIN = "audit"
_translator: QTranslator | None = None
_translator_language: str | None = None  # None: none installed yet
_forced_language: str | None = None


def ensure_translations(language: str | None = None) -> bool:
    """Install (or remove) the translator of these dialogs so it matches ``language`` (default: the window's).

    Called by every dialog here when it is built and when the language changes; installing sends a LanguageChange
    that makes them retranslate once more, with the texts now found. Returns True if that language is in use."""
    global _translator, _translator_language, _forced_language
    if language is not None:
        _forced_language = None if language == i18n.translations().language else language
    wanted = _forced_language or i18n.translations().language
    if wanted == _translator_language:
        return True
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    _translator_language = None
    translator = QTranslator(app)
    # English too has a catalogue: the plural forms of counted texts ("1 word", "3 words")
    if not translator.load(f"{DOMAIN}_{wanted}", str(i18n.translations_dir())):
        log.warning("no %s translation of the audit dialogs in %s", wanted, i18n.translations_dir())
        return wanted == "en"
    app.installTranslator(translator)
    _translator, _translator_language = translator, wanted
    return True


def launch(widget: QWidget) -> QWidget:
    """Show one of these windows without blocking (tests replace or inspect it)."""
    widget.show()
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        widget.raise_()
        widget.activateWindow()
    return widget


def notify_data_changed(widget: QWidget | None) -> None:
    """After an undo or restore: the window that shows the records reads them again (``reload_all``)."""
    while widget is not None:
        reload_all = getattr(widget, "reload_all", None)
        if callable(reload_all):
            try:
                reload_all()
            except Exception:  # the undo itself worked; a stale view is no reason to fail it
                log.exception("reload after an undo failed")
            return
        widget = widget.parentWidget()
