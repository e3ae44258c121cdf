"""Page 6: the proof, record by record (per kind: in the old files, added by this migration, identical, and the
result, green or red with the first differences), what the comparison with the database found (the same old id
with other content, an id taken by another child), and what to do next: open the records, save the report, or undo
the migration. After an undo it says so, and shows no counts of records that are no longer there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop import paths
from desktop.backup.restore import RestoreResult, restore_backup
from desktop.legacy import importer
from desktop.legacy.result import KINDS, KindCheck, MigrationResult
from desktop.store import db
from desktop.ui import dialogs
from desktop.ui.wizard.common import (
    Page,
    StatusBox,
    counts_table,
    fill_counts_table,
    format_count,
    save_to_chosen_file,
    text_label,
)
from desktop.ui.wizard.texts import kind_label, problem_text
from desktop.ui.workers import Worker

OK_BRUSH = QBrush(QColor("#e5f4e7"))
BAD_BRUSH = QBrush(QColor("#fde8e8"))


class DonePage(Page):
    """Shows ``wizard.migration_result``. "Open the records" emits ``wizard.migrated`` and closes; "Undo" restores the
    database backup made just before the migration (after asking) and emits ``wizard.undone``."""

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.undo_state = ""  # "", "running", "done", "failed"
        self.undo_message = ""
        self.job: Worker | None = None
        self.status = StatusBox()
        self.table = counts_table(len(KINDS), 5)
        self.proof = text_label()
        self.differences = QPlainTextEdit()
        self.differences.setReadOnly(True)
        self.differences.setMaximumHeight(110)
        self.notes_label = text_label()
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setMaximumHeight(90)
        self.where = text_label(selectable=True)
        self.undo_status = StatusBox()
        self.open_button = QPushButton()
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_records)
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self.save_report)
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addWidget(self.proof)
        layout.addWidget(self.differences)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.notes)
        layout.addWidget(self.where)
        layout.addStretch(1)
        layout.addWidget(self.undo_status)
        layout.addLayout(buttons)
        self.setTabOrder(self.open_button, self.report_button)
        self.setTabOrder(self.report_button, self.undo_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Done"))
        self.setSubTitle(self.tr("Every record was compared with the old files."))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kind of record"),
                self.tr("In the old files"),
                self.tr("Added now"),
                self.tr("Identical in the database"),
                self.tr("Result"),
            ]
        )
        self.open_button.setText(self.tr("&Open the records"))
        self.report_button.setText(self.tr("&Save report…"))
        self.undo_button.setText(self.tr("&Undo this migration"))
        self.show_result()

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.undo_state, self.undo_message = "", ""
        self.show_result()
        self.open_button.setFocus()

    # -- what happened

    def show_result(self) -> None:
        result = self.wiz.migration_result
        if result is None:
            return
        undone = self.undo_state == "done"  # the records counted here are no longer there
        rows = [
            (
                kind_label(check.kind),
                format_count(check.source),
                format_count(check.new),
                format_count(check.identical),
                self.verdict(check),
            )
            for check in result.checks
        ]
        brushes = [OK_BRUSH if check.ok else BAD_BRUSH for check in result.checks]
        fill_counts_table(self.table, rows, numbers=(1, 2, 3), backgrounds=brushes)
        self.table.setVisible(bool(result.checks) and not undone)
        self.proof.setText(self.proof_text(result))
        self.proof.setVisible(bool(result.checks) and not undone)
        self._show_differences(result, undone)
        self.status.show_status(*self.headline(result))
        lines = []
        if result.archive:
            lines.append(self.tr("A copy of the old files is kept in {path}").format(path=result.archive))
        if result.database_backup:
            lines.append(
                self.tr("The database as it was before is saved in {path}").format(path=result.database_backup)
            )
        self.where.setText("\n".join(lines))
        self.where.setVisible(bool(lines))
        self._show_buttons(result, undone)

    def _show_differences(self, result: MigrationResult, undone: bool) -> None:
        """The first records that differ from the old files, and those told apart from what was there."""
        different = sum(c.different for c in result.checks)
        differences = [f"{kind_label(c.kind)}: {d}" for c in result.checks for d in c.differences]
        self.differences.setPlainText(
            "\n".join(
                [self.tr("%Ln record(s) differ from the old files; the first ones:", "", different), *differences]
            )
        )
        self.differences.setVisible(bool(differences) and not undone)
        notes = result.identity_problems
        self.notes_label.setText(
            self.tr(
                "%Ln record(s) were told apart from what is already in the database (the same old id with different "
                "content — “same old id, different content” — or an id another child has) and were added as new "
                "records:",
                "",
                len(notes),
            )
        )
        self.notes.setPlainText("\n".join(problem_text(p) for p in notes))
        self.notes_label.setVisible(bool(notes) and not undone)
        self.notes.setVisible(bool(notes) and not undone)

    def _show_buttons(self, result: MigrationResult, undone: bool) -> None:
        migrated = result.status == "migrated"
        self.open_button.setVisible(not undone)
        self.report_button.setEnabled(True)
        can_undo = migrated and result.database_backup is not None
        self.undo_button.setVisible(migrated and not undone)
        self.undo_button.setEnabled(can_undo and self.undo_state in ("", "failed"))
        if migrated and not can_undo:
            self.undo_button.setToolTip(self.tr("No database backup is available to go back to."))
        self.show_undo()

    def verdict(self, check: KindCheck) -> str:
        if not check.ok:
            return "✗ " + self.tr(
                "%Ln different", "", max(check.different, check.source - check.identical - check.kept)
            )
        if check.kept:
            return "✓ " + self.tr("identical; %Ln kept as changed in the app", "", check.kept)
        return "✓ " + self.tr("identical")

    def proof_text(self, result: MigrationResult) -> str:
        identical, kept, source = result.proof()
        text = self.tr(
            "Every record of the old files was compared with its row in the database: {identical} of "
            "%Ln record(s) identical.",
            "",
            source,
        ).format(identical=format_count(identical))
        if kept:
            text += " " + self.tr(
                "%Ln record(s) imported before and changed or removed in the app since were left as they are now.",
                "",
                kept,
            )
        return text

    def headline(self, result: MigrationResult) -> tuple[str, str]:
        if self.undo_state == "done":
            return "info", self.tr(
                "This migration was undone: the database is back as it was before it, without the "
                "%Ln record(s) the migration had added.",
                "",
                result.total_new,
            )
        if result.status == "migrated" and result.ok:
            return "ok", self.tr(
                "Everything was moved and checked record by record: nothing was lost. This "
                "migration added %Ln record(s).",
                "",
                result.total_new,
            )
        if result.status == "nothing-new" and result.ok:
            return "ok", self.tr(
                "Already imported — 0 new records. Nothing was written; the records already in the "
                "database were compared with the old files one by one."
            )
        if result.status == "verification-failed":
            return "error", self.tr(
                "Some records did not match the old files after writing, so nothing was kept: "
                "the database is as it was. The differences are listed below; please save the "
                "report and ask whoever looks after the app."
            )
        if result.status == "cancelled":
            return "warning", self.tr("The migration was cancelled. Nothing was written to the database.")
        return "error", self.tr("Some records differ from the old files. The differences are listed below.")

    def show_undo(self) -> None:
        if self.undo_state == "running":
            self.undo_status.show_status("info", self.tr("Undoing the migration…"))
        elif self.undo_state == "done":
            self.undo_status.show_status("ok", self.undo_message)
        elif self.undo_state == "failed":
            self.undo_status.show_status("error", self.undo_message)
        else:
            self.undo_status.clear_status()

    # -- buttons

    def open_records(self) -> None:
        self.wiz.announce()
        self.wiz.accept()

    def save_report(self) -> None:
        result = self.wiz.migration_result
        if result is None:
            return

        def write(path: str) -> None:
            with paths.replacing(path, "w", encoding="utf-8") as out:  # owner-only, even over an old report
                out.write(importer.report_json(result))

        saved = save_to_chosen_file(
            self,
            self.tr("Save the migration report"),
            str(Path.home() / self.tr("migration-report.json")),
            self.tr("Reports (*.json)"),
            write,
            self.tr("The report could not be written: {reason}"),
        )
        if saved is not None:
            self.undo_status.show_status("info", self.tr("The report was saved to {path}.").format(path=saved[0]))

    def undo(self) -> None:
        result = self.wiz.migration_result
        if result is None or result.database_backup is None or self.undo_state == "running":
            return
        if not dialogs.ask(
            self,
            self.tr("Undo this migration"),
            self.tr(
                "Put the database back as it was just before this migration? The %Ln record(s) it added are "
                "removed again. Anything changed in the app since the migration is lost too — but the database as "
                "it is now is backed up first, so nothing is thrown away.",
                "",
                result.total_new,
            ),
            yes=self.tr("&Undo the migration"),
            no=self.tr("&Keep the records"),
            destructive=True,
        ):
            return
        backup_path, database_path = result.database_backup, db.database_path()
        # peewee keeps one connection per thread: the restore needs this thread's closed too (it reopens later).
        db.current().close()
        self.undo_state = "running"
        self.undo_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.show_undo()
        self.job = self.wiz.jobs.start(
            lambda worker: restore_backup(
                backup_path, database_path=database_path, progress=worker.report, safety_reason="before-undo-import"
            ),
            "undo migration",
            self._undone,
            self._undo_failed,
        )

    def _undone(self, restore: RestoreResult) -> None:
        self.job = None
        self.undo_state = "done"
        safety = restore.safety_backup
        message = self.tr("The migration was undone: the database is back as it was before it.")
        if safety is not None:
            message += " " + self.tr("The database with the migrated records was saved first in {path}.").format(
                path=safety.path
            )
        if restore.problems:
            self.undo_state = "failed"
            message += "\n" + "\n".join(restore.problems)
        self.undo_message = message
        self.open_button.setEnabled(True)
        self.wiz.undone_result = restore
        self.wiz.undone.emit(restore)
        self.show_result()

    def _undo_failed(self, message: str) -> None:
        self.job = None
        self.undo_state = "failed"
        self.undo_message = self.tr("The migration could not be undone: {reason}").format(reason=message)
        self.open_button.setEnabled(True)
        self.show_result()
