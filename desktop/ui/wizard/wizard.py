"""The migration wizard: six hand-written pages over the migration engine (:mod:`desktop.legacy.importer`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QPushButton, QWidget, QWizard

from desktop.legacy import importer
from desktop.legacy.result import MigrationResult
from desktop.ui import encryption
from desktop.ui.widgets import Retranslating
from desktop.ui.wizard.check import CheckPage, default_zone
from desktop.ui.wizard.done import DonePage
from desktop.ui.wizard.migrate import MigratePage
from desktop.ui.wizard.ready import ReadyPage
from desktop.ui.wizard.source import SourcePage
from desktop.ui.wizard.welcome import WelcomePage
from desktop.ui.workers import JobRunner, Worker, thaw_collector

WELCOME, SOURCE, CHECK, READY, MIGRATE, DONE = range(6)
PAGE_NAMES = ("welcome", "source", "check", "ready", "migrate", "done")


@dataclass
class Choices:
    """The answers the engine needs: who gets the cards, the zone of naive times, whether to skip bad records."""

    assign_to: str | None = None
    assume_tz: str = ""
    skip_invalid: bool = False


B = QWizard.WizardButton


class MigrationWizard(Retranslating, QWizard):
    """Moves the old app's JSON files into the open database: Welcome → Source → Check (dry run) → Ready →
    Migrate → Done.

    Signals: ``migrated(result)`` once, when a migration wrote records and the wizard closes (or "Open the
    records" is pressed) — the main window reloads; ``undone(restore_result)`` after "Undo this migration".
    """

    migrated = Signal(object)
    undone = Signal(object)

    def __init__(
        self, parent: QWidget | None = None, source: str | Path | None = None, *, search_usual_places: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("migrationWizard")
        self.source: Path | None = Path(source) if source else None
        self.search_usual_places = search_usual_places
        self.choices = Choices(assume_tz=default_zone())
        self.dry: MigrationResult | None = None
        self.migration_result: MigrationResult | None = None  # not "result": QDialog.result() is the exit code
        self.undone_result: object = None
        self.announced = False
        self.close_requested = False
        # The pages show the progress themselves; a search, a check and a migration may overlap.
        self.jobs = JobRunner(self, threads=2, progress_dialogs=False, pause_collector=True)
        if sys.platform != "darwin":
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button in (B.BackButton, B.CancelButton):
            # Leaving a page can leave the focus on Back (the focused field was hidden): Enter still goes on.
            cast(QPushButton, self.button(button)).setAutoDefault(False)  # QWizard's buttons are push buttons
        self.welcome_page = WelcomePage(self)
        self.source_page = SourcePage(self)
        self.check_page = CheckPage(self)
        self.ready_page = ReadyPage(self)
        self.migrate_page = MigratePage(self)
        self.done_page = DonePage(self)
        for page_id, page in enumerate(
            (self.welcome_page, self.source_page, self.check_page, self.ready_page, self.migrate_page, self.done_page)
        ):
            self.setPage(page_id, page)
        self.currentIdChanged.connect(lambda _id: self.update_buttons())
        self.setMinimumSize(QSize(720, 560))
        self.resize(880, 680)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import the old app's records"))
        self.setButtonText(B.BackButton, self.tr("< &Back"))
        self.setButtonText(B.NextButton, self.tr("&Next >"))
        self.setButtonText(B.CancelButton, self.tr("Cancel"))
        self.setButtonText(B.FinishButton, self.tr("&Close"))
        self.update_buttons()

    # -- state shared by the pages

    def set_source(self, source: Path) -> None:
        self.source = Path(source)

    def migration_job(self, *, dry_run: bool = False) -> Callable[[Worker], MigrationResult]:
        """The engine on the chosen folder with the answers as they are when it starts, for ``jobs.start``; a dry
        run writes nothing."""
        source, choices = self.source, self.choices

        def work(worker: Worker) -> MigrationResult:
            assert source is not None  # the Source page is complete only with a folder
            return importer.migrate(
                source,
                assume_tz=choices.assume_tz,
                assign_to=choices.assign_to,
                skip_invalid=choices.skip_invalid,
                dry_run=dry_run,
                progress=worker.report,
                cancel=worker.cancelled,
            )

        return work

    def update_buttons(self) -> None:
        """Which buttons the current page shows: no Back or Cancel while the migration runs (the page has its own
        Cancel), no Back after it."""
        page = self.currentId()
        if page == MIGRATE:
            running = self.migrate_page.running
            layout = [B.Stretch] if running else [B.Stretch, B.BackButton, B.CancelButton]
        elif page == DONE:
            layout = [B.Stretch, B.FinishButton]
        else:
            layout = [B.Stretch, B.BackButton, B.NextButton, B.CancelButton]
        self.setButtonLayout(layout)

    def announce(self) -> None:
        """Emit ``migrated`` once, if records were written and not undone."""
        result = self.migration_result
        if self.announced or result is None or result.status != "migrated" or self.undone_result is not None:
            return
        self.announced = True
        self.migrated.emit(result)

    @property
    def busy(self) -> bool:
        return self.jobs.busy

    def offer_recovery_key(self) -> None:
        """After a migration into an encrypted database: its recovery key, over the window (until the user kept
        it; ``ui/encryption.py``). A method of the wizard, so the connection goes with it."""
        parent = self.parentWidget()
        if parent is not None:
            encryption.offer_recovery_key_soon(parent)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until background jobs have ended (closing, tests)."""
        return self.jobs.wait(msecs)

    # -- closing

    def accept(self) -> None:
        self.announce()
        super().accept()

    def reject(self) -> None:
        """Esc or Cancel. While the migration runs this cancels it (nothing is written) and the window closes when
        the engine has rolled back; otherwise any check still running is stopped first."""
        if self.migrate_page.running:
            self.close_requested = True
            self.migrate_page.cancel()
            return
        if self.done_page.undo_state == "running":
            return  # a restore cannot be interrupted half-way; the page says it is running
        self.jobs.cancel_all()
        self.jobs.wait(10_000)
        self.announce()
        super().reject()

    def done(self, result: int) -> None:
        self.jobs.cancel_all()
        self.jobs.wait(10_000)
        super().done(result)
        thaw_collector()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.migrate_page.running or self.done_page.undo_state == "running":
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)
