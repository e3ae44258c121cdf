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

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from desktop import keys, paths
from desktop.errors import LedgerError
from desktop.models import Profile
from desktop.settings import Settings
from desktop.store import cipher, db
from desktop.ui import dialogs
from desktop.ui.qtcompat import QT_TRANSLATE_NOOP
from desktop.ui.recovery_key import NewPassphraseDialog, SecretDialog, show_recovery_key
from desktop.ui.widgets import Retranslating
from desktop.ui.workers import Worker

if TYPE_CHECKING:  # the window installs the indicator; the types only, for the annotations
    from desktop.backup.encrypt import Encrypted
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


PLAIN_STYLE = "color:#8a5a00;"
WARNING_STYLE = "color:#ffffff; background:#b35c00; padding:1px 6px; border-radius:3px;"
LOCKED_STYLE = "color:#2d6a2d;"


def open_file_path() -> Path | None:
    """The open database's file, or None (no database, or a server database)."""
    try:
        db.current()
    except LedgerError:
        return None
    path = db.database_path()
    return Path(path) if path is not None else None


# -------------------------------------------------------------------------------------------------- Encrypt…
#: The engine's progress steps (``desktop.backup.encrypt.STEPS``), as the progress dialog says them.
STEP_TEXTS = {
    "backing up the database": QT_TRANSLATE_NOOP("Encryption", "Making a backup first…"),
    "encrypting the database": QT_TRANSLATE_NOOP("Encryption", "Encrypting the database…"),
    "copying into the encrypted file": QT_TRANSLATE_NOOP("Encryption", "Copying the records into the encrypted file…"),
    "verifying the encrypted copy": QT_TRANSLATE_NOOP("Encryption", "Checking the encrypted copy…"),
    "recording the encryption": QT_TRANSLATE_NOOP("Encryption", "Noting the encryption in the audit log…"),
    "putting the encrypted file in place": QT_TRANSLATE_NOOP("Encryption", "Putting the encrypted file in place…"),
    "removing the plain file": QT_TRANSLATE_NOOP("Encryption", "Removing the unencrypted file…"),
}


def step_text(text: str) -> str:
    """A progress step in the window's language (an unknown one as the engine wrote it)."""
    return translate("Encryption", STEP_TEXTS[text]) if text in STEP_TEXTS else text


def passphrase_mode(settings: Settings | None = None) -> bool:
    """The Settings choice "Lock with a passphrase asked at every start (shared computer)"."""
    return bool((settings or Settings()).get("passphrase_mode"))


def _confirm_encrypt(window: MainWindow, title: str, passphrase: bool) -> keys.Secret | None | bool:
    """The explanation and the question; in passphrase mode the passphrase chosen then. False: not now; None:
    encrypt with this computer's key; a Passphrase: with it."""
    if not dialogs.ask(
        window,
        title,
        translate(
            "Encryption",
            "Encrypting scrambles the records on this computer's disk, so that a lost laptop, a copied file or a "
            "backup on a USB stick reveals nothing about your child. Day to day nothing changes: this computer "
            "keeps the key for you, and you will be shown a recovery key to write down.",
        )
        if not passphrase
        else translate(
            "Encryption",
            "Encrypting scrambles the records on this computer's disk, so that a lost laptop, a copied file or a "
            "backup on a USB stick reveals nothing about your child. Because this is a shared computer (see "
            "Settings), the records will be locked with a passphrase asked for at every start.",
        ),
        yes=translate("Encryption", "Encrypt"),
        no=translate("Encryption", "Not now"),
        details=translate(
            "Encryption",
            "A backup is made first, and the old file is removed only after the encrypted one has been checked. "
            "Backups made from now on are encrypted too.",
        ),
    ):
        return False
    if not passphrase:
        return None
    chooser = NewPassphraseDialog(window)
    if not dialogs.run(chooser):
        return False
    return keys.Passphrase(chooser.passphrase)


def encrypt_open_database(window: MainWindow) -> Worker | None:
    """Tools ▸ Encrypt…: explain, ask, convert the open database in a worker (progress, Cancel), then show the
    recovery key once (none in passphrase mode). Returns the worker (tests wait for it), or None when nothing was
    started."""
    path = open_file_path()
    title = translate("Encryption", "Encrypt the database")
    if path is None:
        dialogs.inform(
            window,
            title,
            translate(
                "Encryption",
                "Only a database file on this computer can be encrypted here. A server database is protected by "
                "the server and its administrator.",
            ),
        )
        return None
    if cipher.is_encrypted(path):
        dialogs.inform(window, title, translate("Encryption", "This database is already encrypted."))
        return None
    secret = _confirm_encrypt(window, title, passphrase_mode(getattr(window, "settings", None)))
    if secret is False:
        return None
    window.jobs.wait()
    db.current().close()  # the conversion needs the file to itself: this thread's connection goes (it reopens)

    def job(worker: Worker) -> Encrypted:
        def report(done: int = 0, total: int = 0, text: str = "", *_: object) -> None:
            worker.report(done, total, step_text(text))

        chosen = secret if isinstance(secret, bytes | keys.Passphrase) else None
        from desktop.backup.encrypt import encrypt_database  # why: deferred; the conversion engine costs start-up time

        return encrypt_database(path, progress=report, cancel=worker.cancelled, secret=chosen)

    def done(result: Encrypted) -> None:
        window.reload_all()
        refresh_indicator(window)
        window.statusBar().showMessage(translate("Encryption", "The database is encrypted."), 15_000)
        if result.recovery:
            show_recovery_key(window, result.recovery, result.key_id)
        else:
            dialogs.inform(
                window,
                title,
                translate(
                    "Encryption",
                    "The database is encrypted. Mastery Ledger will ask for the passphrase every time it starts.",
                ),
            )

    return window.jobs.start(
        job,
        translate("Encryption", "Encrypting"),
        on_done=done,
        on_error=lambda message: dialogs.warn(window, title, message),
        cancellable=True,
        on_cancel=lambda message: dialogs.inform(window, title, message),
    )


def offer_recovery_key(window: QWidget) -> bool:
    """Show the open database's recovery key if this computer holds its key and the user has not yet said they
    kept it — once the database holds a child (a new database is encrypted silently; its key matters once there
    is something to lose). True if it was shown."""
    path = open_file_path()
    if path is None or not cipher.is_encrypted(path):
        return False
    try:
        secret = cipher.secret_for(path)
        holds_records = Profile.select().exists()
    except LedgerError:
        return False
    if not isinstance(secret, bytes) or keys.recovery_confirmed(keys.key_id(secret)) or not holds_records:
        return False
    show_recovery_key(window, keys.recovery_text(secret), keys.key_id(secret))
    return True


def offer_recovery_key_soon(window: QWidget) -> None:
    """:func:`offer_recovery_key` once the event loop is back (after a migration's own messages); never if
    ``window`` has gone by then."""
    QTimer.singleShot(0, window, lambda: offer_recovery_key(window))


# -------------------------------------------------------------------------------------------------- the key
def looks_like_recovery_key(text: str) -> bool:
    """Whether ``text`` is written like a recovery key (``MLK1-…``) rather than a passphrase."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    return compact.startswith(keys.RECOVERY_PREFIX)


def secret_from_text(text: str) -> keys.Secret:
    """What the user typed as a secret: a recovery key (written like one: a typing mistake raises WrongKey), else
    a passphrase."""
    if looks_like_recovery_key(text):
        return keys.parse_recovery(text)
    return keys.Passphrase(text)


def ask_secret(
    parent: QWidget | None, path: Path, *, what: str = "", passphrase: bool | None = None
) -> keys.Secret | None:
    """Ask for the secret that opens ``path`` (a database or a backup) and check it before anything changes: a
    wrong one is a sentence and the question again. The question speaks of a passphrase in passphrase mode
    (Settings), else of the recovery key; either is accepted. None if the user cancelled."""

    def check(text: str) -> keys.Secret:
        secret = secret_from_text(text)
        cipher.check_secret(path, secret)
        return secret

    if passphrase is None:
        passphrase = passphrase_mode()
    dialog = SecretDialog(check, passphrase=passphrase, what=what or str(path), parent=parent)
    if not dialogs.run(dialog):
        return None
    secret = dialog.secret
    return secret if isinstance(secret, bytes | keys.Passphrase) else None


def prepare_new(parent: QWidget | None, target: Path | str | None) -> bool:
    """Before a new database file is made at ``target``: in passphrase mode, choose its passphrase (kept for this run;
    the database is created locked with it). False if the user cancelled; True otherwise (nothing to ask)."""
    path = Path(target) if target is not None else paths.default_db_path()
    if not passphrase_mode() or (path.exists() and path.stat().st_size > 0):
        return True
    chooser = NewPassphraseDialog(parent)
    if not dialogs.run(chooser):
        return False
    cipher.remember_secret(path, keys.Passphrase(chooser.passphrase))
    return True


def still_locked(target: Path | str) -> bool:
    """Whether the database file ``target`` is encrypted and this run has no key for it (its question was closed)."""
    path = Path(target)
    try:
        return path.exists() and cipher.is_encrypted(path) and cipher.needs_secret(path)
    except (OSError, LedgerError):
        return False


def unlock(parent: QWidget | None, target: Path | str | None) -> bool:
    """The database ``target`` is encrypted and its key is not stored here (or it is in passphrase mode): ask for
    it, and keep it for this run (a recovery key also goes into this computer's keychain). False if cancelled."""
    path = Path(target) if target is not None else paths.default_db_path()
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
        translate("Encryption", "Export"),
        translate(
            "Encryption",
            "The records are encrypted, but the file you export is not: anyone who gets hold of it can read it. "
            "Keep it on this computer, and delete it when you no longer need it.",
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
        self.linkActivated.connect(self.encrypt)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.show_state(self.state)

    def encrypt(self, _link: str = "") -> None:
        encrypt_open_database(self.window_)

    def database_changed(self, _target: str = "") -> None:
        """Another database is open in the window: what it is, and its recovery key if not kept yet."""
        refresh_indicator(self.window_)
        offer_recovery_key(self.window_)

    def show_state(self, state: str) -> None:
        self.state = state
        if state == "plain":
            self.setText(translate("Encryption", "Not encrypted — <a href='encrypt'>Encrypt…</a>"))
            self.setStyleSheet(PLAIN_STYLE)
            self.setToolTip(translate("Encryption", "The records are stored as plain text on this computer's disk."))
        elif state == "file":
            self.setText(translate("Encryption", "⚠ Key kept in a file"))
            self.setStyleSheet(WARNING_STYLE)
            self.setToolTip(
                translate(
                    "Encryption",
                    "This computer has no keychain, so the key that opens the records is kept in a file only your "
                    "account can read, in the app's data folder. Keep your recovery key safe.",
                )
            )
        elif state == "keychain":
            self.setText(translate("Encryption", "🔒 Encrypted"))
            self.setStyleSheet(LOCKED_STYLE)
            self.setToolTip(
                translate("Encryption", "The records are encrypted; this computer's keychain holds the key.")
            )
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
    window.database_changed.connect(indicator.database_changed)  # bound methods: the connections go with them
    refresh_indicator(window)
    return indicator


def refresh_indicator(window: MainWindow) -> None:
    indicator = window.findChild(EncryptionIndicator, "encryptionIndicator")
    if indicator is None:
        return
    path = open_file_path()
    window.jobs.read(lambda _worker: storage_state(path), indicator.show_state, name="encryption state")
