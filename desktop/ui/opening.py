"""Opening a database from the window: a damaged file leads to the offer to restore it from a backup, a newer or
unreadable one to a plain message.

The window opens a file without reading every page first (``check=False``: a quick check of a 1 GB file takes
seconds); :class:`OpenChecker` then runs :func:`desktop.health.open_check` in the background on its own read
connection while the user works, and a damaged file found that way gets the same offer, a little later
(:func:`damage_found`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop import APP_NAME, health, paths
from desktop.backup.recover import recover_damaged, recover_interrupted
from desktop.errors import DatabaseDamagedError, KeyNeeded, LedgerError
from desktop.store import db, upgrade
from desktop.ui import dialogs, encryption, messages
from desktop.ui.workers import JobRunner, Worker

log = logging.getLogger(__name__)


def open_database(parent: QWidget | None, target: Path | str | None, create: bool = True) -> bool:
    """Open ``target`` and bind the models to it; on failure tell the user and return False (the database that was
    open before stays open). Every page is checked afterwards, in the background (:class:`OpenChecker`)."""
    try:
        if not db.is_server_url(target):
            recover_interrupted(target)  # tidy what a killed restore left; never touches the database
            if create and not encryption.prepare_new(parent, target):  # passphrase mode: choose one (ui/encryption.py)
                return False
            _upgrade_off_the_gui_thread(parent, target)
        database = db.open_database(target, create=create, check=False)
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
    except KeyNeeded:  # encrypted, key not stored here (or passphrase mode): ask for it, then open (ui/encryption.py)
        return encryption.unlock(parent, target) and open_database(parent, target, create=create)
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


def _offer_recovery(
    parent: QWidget | None, exc: DatabaseDamagedError, target, before_restore: Callable[[], None] | None = None
) -> bool:
    """Offer to restore the damaged ``target`` from a backup; ``before_restore`` runs once the user said yes (the
    window closes the damaged database it has open). True when a backup was restored and is open."""
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
    if before_restore is not None:
        before_restore()
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
        db.open_database(target, create=False, check=False)  # the window checks it in the background
    except LedgerError as again:
        dialogs.warn(parent, APP_NAME, messages.describe(again) or str(again))
        return False
    dialogs.inform(parent, APP_NAME, translate("Opening", "The database was restored from a backup and is open again."))
    return True


def damage_found(parent: QWidget, path: Path, detail: str, close: Callable[[], None]) -> bool:
    """The background check found ``path`` damaged after it was opened: the same offer as at opening. ``close``
    closes the window's use of the database before a restore replaces the file. True when a backup was restored and
    is open; otherwise the damaged database stays (or is again) open and the badge stays red."""
    closed: list[bool] = []

    def closing() -> None:
        close()
        closed.append(True)

    if _offer_recovery(parent, DatabaseDamagedError(str(path), detail), path, before_restore=closing):
        return True
    if closed:  # the restore failed after the database was closed: carry on with the damaged one, as before
        try:
            db.open_database(path, create=False, check=False)
        except LedgerError as exc:
            dialogs.warn(parent, APP_NAME, messages.describe(exc) or str(exc))
    return False


class OpenChecker(QObject):
    """Runs :func:`desktop.health.open_check` for a window in the background, on the worker's own read connection
    (the window keeps reading and writing meanwhile). ``started()``, then ``finished(OpenCheck)`` or
    ``failed(message)``; :meth:`stop` interrupts it (closing the window, opening another database) and says
    ``stopped()``."""

    started = Signal()
    finished = Signal(object)
    failed = Signal(str)
    #: a running check was stopped without a verdict
    stopped = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = JobRunner(self, latest=True)
        self.result: health.OpenCheck | None = None

    @property
    def running(self) -> bool:
        return self.runner.busy

    def start(self) -> None:
        """Check the open database (a check still running is stopped and its result dropped)."""
        self.result = None

        def job(worker: Worker) -> health.OpenCheck:
            return health.open_check(db.current(), progress=lambda *_: worker.check())

        self.started.emit()
        self.runner.read(job, self._done, self.failed.emit, name="open check")

    def _done(self, result: health.OpenCheck) -> None:
        self.result = result
        if result.damage:
            log.warning("the background check found the database damaged")
        elif result.problems:
            log.warning("the background check found %d audit problem(s)", len(result.problems))
        self.finished.emit(result)

    def stop(self) -> None:
        running = self.running
        self.runner.stop()
        if running:
            self.stopped.emit()
