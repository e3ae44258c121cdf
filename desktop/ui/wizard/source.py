"""Page 2: choose the old app's folder — from the usual places (searched in a worker) or with a folder picker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.legacy.problems import LegacySourceError
from desktop.ui import dialogs
from desktop.ui.wizard import legacy_folders
from desktop.ui.wizard.common import Page, StatusBox, format_size, format_time, text_label
from desktop.ui.wizard.texts import file_kind_label

PathRole = Qt.ItemDataRole.UserRole


def fit_rows(view, rows: int, row_height: int, header: int = 0, most: int = 8) -> None:
    """Make a list exactly as tall as its rows (at most ``most``; it scrolls beyond)."""
    row_height = max(row_height, view.fontMetrics().height() + 4)
    view.setFixedHeight(header + row_height * max(1, min(rows, most)) + 2 * view.frameWidth() + 8)


class SourcePage(Page):
    """The folder picker. Accepts ``<root>``, ``<root>/data`` or the files' own folder; lists the files found with
    size and date; says when the cards or chat file is missing (that is fine). Complete when a profiles file is
    found."""

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.description: legacy_folders.SourceDescription | None = None
        self.error = ""
        self.searched = False
        self.searching = False

        self.found_label = QLabel()
        self.found_list = QListWidget()
        self.found_list.itemActivated.connect(self._use_item)
        self.found_list.currentItemChanged.connect(lambda item, _old: self._use_item(item))
        self.search_status = QLabel()
        self.search_status.setWordWrap(True)

        self.folder_label = QLabel()
        self.folder_edit = QLineEdit()
        self.folder_edit.setClearButtonEnabled(True)
        self.folder_label.setBuddy(self.folder_edit)
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.browse)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(300)
        self._check_timer.timeout.connect(self.check_folder)
        self.folder_edit.textEdited.connect(lambda _text: self._check_timer.start())
        self.folder_edit.editingFinished.connect(self.check_folder)

        self.files_label = QLabel()
        self.files = QTreeWidget()
        self.files.setRootIsDecorated(False)
        self.files.setColumnCount(4)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.files.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.files.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.status = StatusBox()
        self.missing_note = text_label()

        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.found_label)
        layout.addWidget(self.found_list)
        layout.addWidget(self.search_status)
        layout.addSpacing(6)
        layout.addWidget(self.folder_label)
        layout.addLayout(row)
        layout.addSpacing(6)
        layout.addWidget(self.files_label)
        layout.addWidget(self.files)
        layout.addWidget(self.missing_note)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setTabOrder(self.found_list, self.folder_edit)
        self.setTabOrder(self.folder_edit, self.browse_button)
        self.retranslate()

    # -- texts

    def retranslate(self) -> None:
        self.setTitle(self.tr("Where are the old app's files?"))
        self.setSubTitle(
            self.tr(
                "Choose the old app's folder, its “data” folder, or the folder that holds the "
                "files. They are only read."
            )
        )
        self.found_label.setText(self.tr("Found on this computer:"))
        self.folder_label.setText(self.tr("&Folder of the old app:"))
        self.folder_edit.setPlaceholderText(self.tr("For example: Desktop/Curious Mario"))
        self.browse_button.setText(self.tr("B&rowse…"))
        self.files_label.setText(self.tr("Files in this folder:"))
        self.files.setHeaderLabels(
            [self.tr("File"), self.tr("What it holds"), self.tr("Size"), self.tr("Last changed")]
        )
        self._show_search_status()
        self._show_description()

    def _show_search_status(self) -> None:
        if self.searching:
            self.search_status.setText(
                self.tr("Looking in the usual places (Desktop, Downloads, Documents, your home folder)…")
            )
        elif self.searched and self.found_list.count() == 0:
            self.search_status.setText(
                self.tr(
                    "Nothing was found in the usual places (Desktop, Downloads, "
                    "Documents, your home folder). Choose the folder with Browse…"
                )
            )
        elif self.searched:
            self.search_status.setText(self.tr("Click a folder to use it, or choose another one with Browse…"))
        else:
            self.search_status.setText("")
        fit_rows(self.found_list, self.found_list.count(), self.found_list.sizeHintForRow(0), most=4)
        self.found_list.setVisible(self.found_list.count() > 0)
        self.found_label.setVisible(self.found_list.count() > 0 or self.searching)

    # -- the search in the usual places

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if self.wiz.source is not None and not self.folder_edit.text():
            self.folder_edit.setText(str(self.wiz.source))
            self.check_folder()
        if not self.searched and not self.searching and self.wiz.search_usual_places:
            self.searching = True
            self._show_search_status()
            self.wiz.jobs.read(
                lambda _worker: legacy_folders.find_usual_sources(),
                self._search_done,
                self._search_failed,
                name="find legacy folders",
            )

    def _search_done(self, found: object) -> None:
        self.searching = False
        self.searched = True
        self.found_list.clear()
        for path in found if isinstance(found, list) else []:
            item = QListWidgetItem(str(path))
            item.setData(PathRole, str(path))
            item.setToolTip(str(path))
            self.found_list.addItem(item)
        self._show_search_status()
        if self.found_list.count() and not self.folder_edit.text():
            self.found_list.setCurrentRow(0)

    def _search_failed(self, _message: str) -> None:
        self._search_done([])

    def _use_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.folder_edit.setText(item.data(PathRole))
        self.check_folder()

    def browse(self) -> None:
        start = self.folder_edit.text().strip() or str(Path.home())
        chosen = dialogs.choose_directory(self, self.tr("Choose the old app's folder"), start)
        if chosen:
            self.folder_edit.setText(chosen)
            self.check_folder()

    # -- the chosen folder

    def check_folder(self) -> None:
        self._check_timer.stop()
        text = self.folder_edit.text().strip()
        self.description, self.error = None, ""
        if text:
            try:
                self.description = legacy_folders.describe_source(text)
            except LegacySourceError:
                self.error = "missing"
            except OSError:
                self.error = "unreadable"
        self._show_description()
        self.refresh_buttons()

    def _show_description(self) -> None:
        self.files.clear()
        self.missing_note.clear()
        self.missing_note.hide()
        description = self.description
        if description is None:
            self.files_label.hide()
            self.files.hide()
            if self.error == "missing":
                self.status.show_status(
                    "error",
                    self.tr(
                        "There are no old-app files in this folder (the file child_profiles.json was not found in it, "
                        "nor in its “data” or “profiles” folder). Choose the old app's folder or its “data” folder."
                    ),
                )
            elif self.error == "unreadable":
                self.status.show_status("error", self.tr("This folder cannot be opened. Is the drive connected?"))
            else:
                self.status.clear_status()
            return
        self.files_label.show()
        self.files.show()
        for found in description.files:
            item = QTreeWidgetItem(
                [
                    found.relpath + ("/" if found.is_dir else ""),
                    file_kind_label(found.kind),
                    "" if found.is_dir else format_size(found.size),
                    format_time(found.modified),
                ]
            )
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if not found.migrated:
                for column in range(4):
                    item.setForeground(column, self.palette().placeholderText())
            self.files.addTopLevelItem(item)
        fit_rows(
            self.files,
            len(description.files),
            self.files.sizeHintForRow(0),
            header=self.files.header().sizeHint().height(),
            most=9,
        )
        notes = []
        if "cards" in description.missing:
            notes.append(self.tr("There is no cards file — that is fine: there are simply no cards to move."))
        if "chat" in description.missing:
            notes.append(
                self.tr("There is no chat history file — that is fine: there are simply no chat messages to move.")
            )
        if notes:
            self.missing_note.setText("\n".join(notes))
            self.missing_note.show()
        self.status.show_status(
            "ok", self.tr("The old app's files were found in {folder}.").format(folder=description.root)
        )

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.description is not None

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        self.check_folder()  # the folder may have changed since it was looked at
        if self.description is None:
            return False
        self.wiz.set_source(self.description.root)
        return True
