"""Opening a database from the window: a damaged file leads to the offer to restore it from a backup, a newer or
unreadable one to a plain message."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QWidget

from desktop import APP_NAME, paths
from desktop.backup.recover import recover_damaged, recover_interrupted
from desktop.errors import DatabaseDamagedError, LedgerError
from desktop.store import db, upgrade
from desktop.ui import dialogs, messages
from desktop.ui.workers import JobRunner

log = logging.getLogger(__name__)


def open_database(parent: QWidget | None, target: Path | str | None, create: bool = True) -> bool:
    """Open ``target`` and bind the models to it; on failure tell the user and return False (the database that was
    open before stays open)."""
    try:
        if not db.is_server_url(target):
            recover_interrupted(target)  # tidy what a killed restore left; never touches the database
            _upgrade_off_the_gui_thread(parent, target)
        database = db.open_database(target, create=create)
        if getattr(database, "audit_repaired", None):
            dialogs.warn(
                parent,
                APP_NAME,
                QCoreApplication.translate(
                    "Opening",
                    "Another program had changed how this database records changes. The app has put the recording back "
                    "and noted that in the audit log. Tools ▸ Check database shows whether anything was changed while "
                    "it was off.",
                ),
            )
        return True
    except DatabaseDamagedError as exc:
        return _offer_recovery(parent, exc, target)
    except LedgerError as exc:
        dialogs.warn(parent, APP_NAME, messages.describe(exc) or str(exc))
        return False
    except Exception as exc:
        message = messages.known_storage_problem(exc)
        if message is None:
            raise
        dialogs.warn(parent, APP_NAME, message)
        return False


def _upgrade_off_the_gui_thread(parent: QWidget | None, target: Path | str | None) -> None:
    """An older file is upgraded (after its backup) in the background with a progress dialog: building the search
    index of a long audit log takes a while. Any failure is left to the open that follows, which reports it."""
    path = Path(target) if target is not None else paths.default_db_path()
    if not upgrade.needs_upgrade(path):
        return
    loop = QEventLoop()
    runner = JobRunner(parent)
    ended: list[bool] = []

    def finish(_result: object) -> None:
        ended.append(True)
        loop.quit()

    runner.start(
        lambda worker: db.open_sqlite(path, create=False).close(),
        QCoreApplication.translate("Opening", "Upgrading the database"),
        on_done=finish,
        on_error=finish,
    )
    if not ended:
        loop.exec()
    runner.wait()


def _offer_recovery(parent: QWidget | None, exc: DatabaseDamagedError, target) -> bool:
    log.warning("damaged database refused on open")
    translate = QCoreApplication.translate
    question = translate("Opening", "This database is damaged — restore it from a backup?\n\n{path}").format(
        path=exc.path
    )
    if not dialogs.ask(
        parent,
        APP_NAME,
        question,
        yes=translate("Opening", "Restore from a backup"),
        no=translate("Opening", "Not now"),
        details=translate("Opening", "The damaged file is kept beside it, renamed, so nothing is thrown away."),
    ):
        return False
    outcome: dict[str, object] = {}
    loop = QEventLoop()
    runner = JobRunner(parent)

    def done(result: object) -> None:
        outcome["ok"] = result
        loop.quit()

    def failed(message: str) -> None:
        outcome["error"] = message
        loop.quit()

    runner.start(
        lambda worker: recover_damaged(exc.path),
        translate("Opening", "Restoring from a backup"),
        on_done=done,
        on_error=failed,
    )
    if not outcome:
        loop.exec()
    runner.wait()
    if "error" in outcome:  # no backup passed its checks (NoGoodBackupError), or the restore failed
        dialogs.warn(parent, APP_NAME, str(outcome["error"]))
        return False
    try:
        db.open_database(target, create=False)
    except LedgerError as again:
        dialogs.warn(parent, APP_NAME, messages.describe(again) or str(again))
        return False
    dialogs.inform(parent, APP_NAME, translate("Opening", "The database was restored from a backup and is open again."))
    return True
