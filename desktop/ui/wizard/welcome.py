"""Page 1: what will happen, and that nothing can be lost by trying."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QVBoxLayout

from desktop.ui.wizard.common import Page, text_label


class WelcomePage(Page):
    """Two sentences on what the wizard does, and its three promises (files only read, backup first, undo)."""

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.intro = text_label()
        self.promises = text_label(rich=True)
        self.start = text_label()
        for label in (self.intro, self.promises, self.start):
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * 1.15)
            label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addWidget(self.promises)
        layout.addSpacing(12)
        layout.addWidget(self.start)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Move your records from the old app"))
        self.setSubTitle(self.tr("Profiles, words, grammar points, cards and chat history — in a few clicks."))
        self.intro.setText(
            self.tr(
                "This assistant copies every child's records from the old app's files into Mastery Ledger. Afterwards "
                "it checks each record against the files, so you can see for yourself that nothing was lost."
            )
        )
        promises = (
            self.tr("The old files are only read — they are never changed."),
            self.tr(
                "A backup of the database is made first, and a copy of the old files is kept, so the move can "
                "be undone."
            ),
            self.tr("Nothing is written until you press Migrate."),
        )
        self.promises.setText(
            "<ul style='margin-left:0px; -qt-list-indent:1'>"
            + "".join(f"<li>{html.escape(p)}</li>" for p in promises)
            + "</ul>"
        )
        self.start.setText(self.tr("Press Next to choose the old app's folder."))
