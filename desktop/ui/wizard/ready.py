"""Page 4: what will be written (new vs already imported, per kind), where the safety copies go, and Migrate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWizard

from desktop import paths
from desktop.legacy import importer
from desktop.store import db
from desktop.ui.wizard.common import Page, StatusBox, format_count, text_label
from desktop.ui.wizard.texts import kind_label


class ReadyPage(Page):
    """The summary before anything is written. Its Next button reads "Migrate"."""

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.summary = QTableWidget(len(importer.KINDS), 3)
        self.summary.setTabKeyNavigation(False)  # arrows move inside; Tab moves on to the next control
        self.summary.verticalHeader().hide()
        self.summary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.summary.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.summary.horizontalHeader()
        header.setMinimumSectionSize(96)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
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
        for row, kind in enumerate(importer.KINDS):
            cells = (kind_label(kind), format_count(dry.new.get(kind, 0)), format_count(dry.already.get(kind, 0)))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.summary.setItem(row, column, item)
        rows_height = sum(self.summary.rowHeight(r) for r in range(self.summary.rowCount()))
        self.summary.setFixedHeight(rows_height + self.summary.horizontalHeader().height() + 4)
        new, already = dry.total_new, sum(dry.already.values())
        if not new:
            self.status.show_status(
                "info",
                self.tr(
                    "Already imported — 0 new records. Everything in these files is already in the database, so "
                    "nothing will be written; Migrate only checks it again."
                ),
            )
        elif already:
            self.status.show_status(
                "info",
                self.tr(
                    "These files were imported before. Already imported — %Ln new record(s) will be added; nothing "
                    "already in the database is changed.",
                    "",
                    new,
                ),
            )
        else:
            self.status.show_status("ok", self.tr("%Ln record(s) will be added.", "", new))
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
        database = db.database_path()
        if database is not None:
            backup_line = self.tr("a backup of the database is made in {folder}").format(folder=paths.backups_dir())
        else:
            backup_line = self.tr(
                "a server database is not backed up by this app: make sure the server's own backup is recent"
            )
        self.where.setText(
            "\n".join(
                (
                    self.tr("Before anything is written:"),
                    "• "
                    + self.tr("a copy of the old files (zip) is kept in {folder}").format(
                        folder=importer.archives_dir()
                    ),
                    "• " + backup_line,
                    self.tr("The records go into the database {path}.").format(path=database or db.display_name()),
                )
            )
        )
