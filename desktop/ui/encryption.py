"""Encryption at rest, as the window shows it: Tools ▸ Encrypt… (an explanation, a question, the conversion in a
worker with progress and Cancel, then the recovery key), asking for the recovery key or the passphrase when a
database or a backup needs one this computer does not hold, the status-bar indicator (not encrypted: an offer;
key kept in a file because there is no keychain: a warning), and the plain-text warning before an export.

The work is the core's (:mod:`desktop.store.cipher`, :mod:`desktop.keys`); the dialogs are in
:mod:`desktop.ui.recovery_key`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop import APP_NAME, keys
from desktop.errors import LedgerError
from desktop.store import cipher, db
from desktop.ui import dialogs
from desktop.ui.recovery_key import SecretDialog, show_recovery_key
from desktop.ui.widgets import Retranslating
from desktop.ui.workers import Worker

if TYPE_CHECKING:  # the window installs the indicator; the type only, for the annotations
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: What opens an encrypted file: the raw key, or a passphrase (SQLCipher derives the key from it).
Secret = bytes | keys.Passphrase

CONTEXT = "Encryption"
PLAIN_STYLE = "color:#8a5a00;"
WARNING_STYLE = "color:#ffffff; background:#b35c00; padding:1px 6px; border-radius:3px;"
LOCKED_STYLE = "color:#2d6a2d;"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def open_file_path() -> Path | None:
    """The open database's file, or None (no database, or a server database)."""
    try:
        db.current()
    except LedgerError:
        return None
    path = db.database_path()
    return Path(path) if path is not None else None


# -------------------------------------------------------------------------------------------------- Encrypt…
def encrypt_open_database(window: MainWindow) -> Worker | None:
    """Tools ▸ Encrypt…: explain, ask, convert the open database in a worker (progress, Cancel), then show the
    recovery key once. Returns the worker (tests wait for it), or None when nothing was started."""
    path = open_file_path()
    title = tr("Encrypt the database")
    if path is None:
        dialogs.inform(
            window,
            title,
            tr(
                "Only a database file on this computer can be encrypted here. A server database is protected by "
                "the server and its administrator."
            ),
        )
        return None
    if cipher.is_encrypted(path):
        dialogs.inform(window, title, tr("This database is already encrypted."))
        return None
    if not dialogs.ask(
        window,
        title,
        tr(
            "Encrypting scrambles the records on this computer's disk, so that a lost laptop, a copied file or a "
            "backup on a USB stick reveals nothing about your child. Day to day nothing changes: this computer "
            "keeps the key for you, and you will be shown a recovery key to write down."
        ),
        yes=tr("Encrypt"),
        no=tr("Not now"),
        details=tr(
            "A backup is made first, and the old file is removed only after the encrypted one has been checked. "
            "Backups made from now on are encrypted too."
        ),
    ):
        return None
    window.jobs.wait()
    working = tr("Encrypting the database…")

    def job(worker: Worker) -> cipher.Encrypted:
        return cipher.encrypt_database(
            path, progress=lambda done=0, total=0, *_: worker.report(done, total, working), cancel=worker.cancelled
        )

    def done(result: cipher.Encrypted) -> None:
        window.reload_all()
        refresh_indicator(window)
        window.statusBar().showMessage(tr("The database is encrypted."), 15_000)
        show_recovery_key(window, result.recovery, result.key_id)

    return window.jobs.start(
        job,
        tr("Encrypting"),
        on_done=done,
        on_error=lambda message: dialogs.warn(window, title, message),
        cancellable=True,
        on_cancel=lambda message: dialogs.inform(window, title, message),
    )


# -------------------------------------------------------------------------------------------------- the key
def looks_like_recovery_key(text: str) -> bool:
    """Whether ``text`` is written like a recovery key (``MLK1-…``) rather than a passphrase."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    return compact.startswith("MLK")


def secret_from_text(text: str, passphrase: bool) -> Secret:
    """What the user typed as a secret: the recovery key's bytes, or (in passphrase mode, unless it is written like
    a recovery key) the passphrase. A mistyped recovery key raises WrongKey."""
    if passphrase and not looks_like_recovery_key(text):
        return keys.Passphrase(text)
    return keys.parse_recovery(text)


def uses_passphrase(path: Path) -> bool:
    """Whether ``path`` is locked with a passphrase (asked at every start) rather than a stored key."""
    return False


def ask_secret(parent: QWidget | None, path: Path, *, what: str = "") -> Secret | None:
    """Ask for the secret that opens ``path`` (a database or a backup) and check it before anything changes: a
    wrong one is a sentence and the question again. None if the user cancelled."""
    passphrase = uses_passphrase(path)

    def check(text: str) -> Secret:
        secret = secret_from_text(text, passphrase)
        cipher.check_secret(path, secret)
        return secret

    dialog = SecretDialog(check, passphrase=passphrase, what=what or str(path), parent=parent)
    if not dialogs.run(dialog):
        return None
    return dialog.secret  # type: ignore[return-value]  # set by try_accept from check()


def still_locked(target: Path | str) -> bool:
    """Whether the database file ``target`` is encrypted and this run has no key for it (its question was closed)."""
    path = Path(target)
    try:
        return path.exists() and cipher.is_encrypted(path) and cipher.needs_secret(path)
    except (OSError, LedgerError):
        return False


def unlock(parent: QWidget | None, target: Path | str) -> bool:
    """The database ``target`` is encrypted and its key is not stored here (or it is in passphrase mode): ask for
    it, and keep it for this run (a raw key also goes into this computer's keychain). False if cancelled."""
    path = Path(target)
    secret = ask_secret(parent, path)
    if secret is None:
        log.info("unlocking a database was cancelled")
        return False
    cipher.remember_secret(path, secret)
    return True


# -------------------------------------------------------------------------------------------------- exports
#: The windows that said, in this run, that an export is plain text (once per window: a parent is told, not nagged).
_warned_plain: set[int] = set()


def warn_plain_text(parent: QWidget | None) -> bool:
    """Before an export from an encrypted database, the first time in this window: the file written is plain text.
    True if the note was shown (a plain database, or a second export, says nothing)."""
    path = open_file_path()
    if path is None or not cipher.is_encrypted(path):
        return False
    window = parent.window() if parent is not None else None
    if id(window) in _warned_plain:
        return False
    _warned_plain.add(id(window))
    dialogs.inform(
        parent,
        tr("Export"),
        tr(
            "The records are encrypted, but the file you export is not: anyone who gets hold of it can read it. "
            "Keep it on this computer, and delete it when you no longer need it."
        ),
    )
    return True


def guarded(parent: QWidget | None, action: Callable[[], object]) -> Callable[[], None]:
    """``action`` (an export) after :func:`warn_plain_text`."""

    def run() -> None:
        warn_plain_text(parent)
        action()

    return run


# -------------------------------------------------------------------------------------------------- indicator
class EncryptionIndicator(Retranslating, QLabel):
    """In the status bar: nothing for an encrypted database whose key is in the keychain; "Not encrypted" with a
    link to Encrypt… for a plain file; a warning when the key sits in a file because this computer has no keychain.
    ``state`` is ``""`` (nothing to say or not known yet), ``"plain"``, ``"file"`` or ``"keychain"``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("encryptionIndicator")
        self.window_ = window
        self.state = ""
        self.setTextFormat(Qt.TextFormat.RichText)
        self.linkActivated.connect(lambda _link: encrypt_open_database(window))
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.show_state(self.state)

    def show_state(self, state: str) -> None:
        self.state = state
        if state == "plain":
            self.setText(tr("Not encrypted — <a href='encrypt'>Encrypt…</a>"))
            self.setStyleSheet(PLAIN_STYLE)
            self.setToolTip(tr("The records are stored as plain text on this computer's disk."))
        elif state == "file":
            self.setText(tr("⚠ Key kept in a file"))
            self.setStyleSheet(WARNING_STYLE)
            self.setToolTip(
                tr(
                    "This computer has no keychain, so the key that opens the records is kept in a file only your "
                    "account can read, in the app's data folder. Keep your recovery key safe."
                )
            )
        elif state == "keychain":
            self.setText(tr("🔒 Encrypted"))
            self.setStyleSheet(LOCKED_STYLE)
            self.setToolTip(tr("The records are encrypted; this computer's keychain holds the key."))
        self.setVisible(bool(state))
        self.setAccessibleName(self.toolTip())


def storage_state(path: Path | None) -> str:
    """What the indicator shows for the database ``path`` (read off the GUI thread: the keychain may be slow)."""
    if path is None or not path.exists():
        return ""
    if not cipher.is_encrypted(path):
        return "plain"
    return "file" if keys.key_storage() == "file" else "keychain"


def install(window: MainWindow) -> EncryptionIndicator:
    """Put the indicator into ``window``'s status bar and keep it current (the window's one hook)."""
    indicator = EncryptionIndicator(window)
    window.statusBar().addPermanentWidget(indicator)
    window.database_changed.connect(lambda _target: refresh_indicator(window))
    refresh_indicator(window)
    return indicator


def refresh_indicator(window: MainWindow) -> None:
    indicator = window.findChild(EncryptionIndicator, "encryptionIndicator")
    if indicator is None:
        return
    path = open_file_path()
    window.jobs.read(lambda _worker: storage_state(path), indicator.show_state, name="encryption state")
