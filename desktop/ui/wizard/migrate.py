"""Page 5: the migration itself, in a worker thread, with a progress bar, the stage, and Cancel."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout

from desktop.legacy.importer import MigrationResult
from desktop.ui.wizard.common import Page, StatusBox, format_count, text_label
from desktop.ui.wizard.texts import stage_text
from desktop.ui.workers import Worker

IDLE, RUNNING, CANCELLING, CANCELLED, FAILED, FINISHED = (
    "idle",
    "running",
    "cancelling",
    "cancelled",
    "failed",
    "finished",
)


class MigratePage(Page):
    """Starts the migration when shown. The engine runs in a worker (its own database connection, closed at the
    end); progress arrives by queued signals; Cancel sets the flag the engine checks between batches, and the
    engine then rolls everything back. A finished migration moves on to the Done page by itself."""

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.state = IDLE
        self.job: Worker | None = None
        self.stage_key = ""
        self.message = ""
        self.intro = text_label()
        self.stage = QLabel()
        self.stage.setWordWrap(True)
        self.progress = QProgressBar()
        self.count = QLabel()
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.status = StatusBox()
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addWidget(self.stage)
        layout.addWidget(self.progress)
        layout.addLayout(row)
        layout.addSpacing(12)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Moving the records"))
        self.setSubTitle(self.tr("You can keep using the computer; this window stays open until it is done."))
        self.intro.setText(
            self.tr(
                "The records are written in one step and then checked one by one against the "
                "old files. If anything does not match, nothing is kept."
            )
        )
        self.cancel_button.setText(self.tr("&Cancel"))
        self.show_state()

    @property
    def running(self) -> bool:
        return self.state in (RUNNING, CANCELLING)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.start()

    def start(self) -> None:
        wiz = self.wiz
        wiz.migration_result = None
        self.state = RUNNING
        self.stage_key = ""
        self.message = ""
        self.progress.setRange(0, 0)
        self.count.setText("")
        self.job = wiz.jobs.start(
            wiz.migration_job(), "migration", self._done, self._failed, on_progress=self._progress
        )
        self.show_state()
        self.cancel_button.setFocus()

    def cancel(self) -> None:
        """Ask the engine to stop; it rolls back and reports "cancelled" (the flag is a threading.Event)."""
        if self.state == RUNNING and self.job is not None:
            self.job.cancel()
            self.state = CANCELLING
            self.show_state()

    def _progress(self, done: int, total: int, text: str) -> None:
        if not self.running:
            return
        self.stage_key = text
        self.stage.setText(stage_text(text, migrating=True))
        if text.startswith("Writing"):
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.count.setText(
                self.tr("{done} of %Ln record(s) written", "", total).format(done=format_count(min(done, total)))
            )
        elif total > 1 and text != "Done":
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.count.setText("")
        else:
            self.progress.setRange(0, 0)
            self.count.setText("")

    def _done(self, result: object) -> None:
        self.job = None
        if not isinstance(result, MigrationResult):
            self._failed(str(result))
            return
        if result.status == "cancelled":
            self.state = CANCELLED
        elif result.status in ("migrated", "nothing-new", "verification-failed"):
            self.state = FINISHED
            self.wiz.migration_result = result
        else:
            self.state = FAILED
            self.message = self.tr("The records could not be moved: {reason}").format(reason=result.message)
        self.show_state()
        self.wiz.update_buttons()
        self.refresh_buttons()
        if self.state == FINISHED:
            QTimer.singleShot(0, self.wiz.next)
        elif self.wiz.close_requested:
            QTimer.singleShot(0, self.wiz.reject)

    def _failed(self, message: str) -> None:
        self.job = None
        self.state = FAILED
        self.message = message
        self.show_state()
        self.wiz.update_buttons()
        self.refresh_buttons()
        if self.wiz.close_requested:
            QTimer.singleShot(0, self.wiz.reject)

    def show_state(self) -> None:
        self.cancel_button.setVisible(self.running)
        self.cancel_button.setEnabled(self.state == RUNNING)
        self.progress.setVisible(self.state in (RUNNING, CANCELLING, FINISHED))
        if self.state == RUNNING:
            self.status.clear_status()
            if not self.stage_key:
                self.stage.setText(self.tr("Starting…"))
        elif self.state == CANCELLING:
            self.stage.setText(self.tr("Cancelling — undoing what was written so far…"))
        elif self.state == CANCELLED:
            self.stage.setText("")
            self.count.setText("")
            self.status.show_status(
                "warning",
                self.tr(
                    "The migration was cancelled. Nothing was written to the database, and the old files were not "
                    "touched. Press Back to start again, or close this window."
                ),
            )
        elif self.state == FAILED:
            self.stage.setText("")
            self.count.setText("")
            self.status.show_status(
                "error", self.message + "\n" + self.tr("Nothing was written to the database. Press Back to try again.")
            )
        elif self.state == FINISHED:
            self.stage.setText(self.tr("Finished."))

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.state == FINISHED

    def cleanupPage(self) -> None:  # noqa: N802 - Qt override
        self.state = IDLE
        self.status.clear_status()
