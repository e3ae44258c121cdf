"""Page 4: what will be written (new vs already imported, per kind), where the safety copies go, and Migrate."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWizard

from desktop import paths
from desktop.legacy.archive import archives_dir
from desktop.legacy.result import KINDS
from desktop.store import db
from desktop.ui.wizard.common import Page, StatusBox, counts_table, fill_counts_table, format_count, text_label
from desktop.ui.wizard.texts import kind_label


class ReadyPage(Page):
    """The summary before anything is written. Its Next button reads "Migrate"."""

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.summary = counts_table(len(KINDS), 3)
        self.status = StatusBox()
        self.where = text_label(selectable=True)
        self.skipped = text_label()
        self.press = text_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        layout.addWidget(self.skipped)
        layout.addWidget(self.where)
        layout.addStretch(1)
        layout.addWidget(self.press)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Ready to move the records"))
        self.setSubTitle(
            self.tr(
                "Check the numbers, then press Migrate. It is all-or-nothing: either everything "
                "below is written and checked, or nothing is."
            )
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Migrate"))
        self.summary.setHorizontalHeaderLabels(
            [self.tr("Kind of record"), self.tr("Will be added"), self.tr("Already in the database")]
        )
        self.press.setText(self.tr("Press Migrate to start. You can cancel while it runs; nothing is written then."))
        self.show_summary()

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.show_summary()

    def show_summary(self) -> None:
        dry = self.wiz.dry
        if dry is None:
            return
        rows = [
            (kind_label(kind), format_count(dry.new.get(kind, 0)), format_count(dry.already.get(kind, 0)))
            for kind in KINDS
        ]
        fill_counts_table(self.summary, rows, numbers=(1, 2))
        self.status.show_status(*self.status_text(dry.total_new, sum(dry.already.values())))
        if dry.skipped:
            self.skipped.setText(
                self.tr(
                    "%Ln record(s) that cannot be read [is|are] skipped ([it stays|they stay] in the old files).",
                    "",
                    len(dry.skipped),
                )
            )
            self.skipped.show()
        else:
            self.skipped.hide()
        self.where.setText(self.where_text())

    def status_text(self, new: int, already: int) -> tuple[str, str]:
        """The kind and text of the status box: how many records will be added, and whether any are there."""
        if not new:
            return "info", self.tr(
                "Already imported — 0 new records. Everything in these files is already in the database, so "
                "nothing will be written; Migrate only checks it again."
            )
        if already:
            return "info", self.tr(
                "These files were imported before. Already imported — %Ln new record(s) will be added; nothing "
                "already in the database is changed.",
                "",
                new,
            )
        return "ok", self.tr("%Ln record(s) will be added.", "", new)

    def where_text(self) -> str:
        """Where the safety copies go before anything is written, and which database the records go into."""
        database = db.database_path()
        if database is not None:
            backup_line = self.tr("a backup of the database is made in {folder}").format(folder=paths.backups_dir())
        else:
            backup_line = self.tr(
                "a server database is not backed up by this app: make sure the server's own backup is recent"
            )
        return "\n".join(
            (
                self.tr("Before anything is written:"),
                "• " + self.tr("a copy of the old files (zip) is kept in {folder}").format(folder=archives_dir()),
                "• " + backup_line,
                self.tr("The records go into the database {path}.").format(path=database or db.display_name()),
            )
        )
