"""A tab of records for the selected child: filter box, add box, the lazy table, a message bar and the actions on
selected rows (delete, copy, export). Words and grammar are the simple cases (:mod:`desktop.ui.record_pages`);
cards and chat build on the same base (:mod:`desktop.ui.cards`, :mod:`desktop.ui.chat`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import csv_export, services
from desktop.errors import LedgerError
from desktop.settings import Settings
from desktop.store import tables as queries
from desktop.ui import dialogs, messages
from desktop.ui.backups import making
from desktop.ui.table_model import RecordTableModel
from desktop.ui.widgets import FilterBox, MessageBar, Retranslating
from desktop.ui.workers import JobRunner

log = logging.getLogger(__name__)

BULK_DELETE_REASON = "before-bulk-delete"


class RecordTable(QTableView):
    """The table view: rows selectable, sorting by header click (done by the model in SQL), Ctrl+C copies."""

    paste_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # arrows move between cells; Tab moves on to the next control
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.verticalHeader().hide()
        self.horizontalHeader().setHighlightSections(False)

    def apply_columns(self, model: RecordTableModel) -> None:
        """Column widths from the model's declaration; the header's sort indicator from the model's order;
        then sorting by header click (set in this order so enabling sorting does not re-sort)."""
        header = self.horizontalHeader()
        for i, column in enumerate(model.COLUMNS):
            if column.stretch:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            elif column.width:
                self.setColumnWidth(i, column.width)
        header.setStretchLastSection(not any(c.stretch for c in model.COLUMNS))
        section, order = model.sort_column()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(section, order)
        self.setSortingEnabled(True)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            text = QGuiApplication.clipboard().text()
            if text.strip():
                self.paste_requested.emit(text)
            return
        super().keyPressEvent(event)

    def copy_selection(self) -> None:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        model = self.model()
        lines = []
        for row in rows:
            cells = [model.index(row, c).data() or "" for c in range(model.columnCount())]
            lines.append("\t".join(str(c) for c in cells))
        if lines:
            QGuiApplication.clipboard().setText("\n".join(lines))


class TablePage(Retranslating, QWidget):
    """One record tab. Subclasses set the model, the view and the texts that name their records.

    Signals: ``records_changed()`` after rows were added or deleted (the profile list's counts follow).
    """

    records_changed = Signal()
    HAS_ADD_BOX = True
    HAS_PASTE = False

    def __init__(
        self, model: RecordTableModel, jobs: JobRunner, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.jobs = jobs
        self.counts = JobRunner(self, latest=True)  # the filter's row count, off the GUI thread
        model.counter = self.counts
        self.settings = settings
        self._pending: tuple[str | None] | None = None  # (profile id,) to show when the tab is next shown
        self.filter_box = FilterBox()
        self.filter_box.changed.connect(self.apply_filter)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.add_box = QLineEdit()
        self.add_box.returnPressed.connect(self.add_from_box)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_from_box)
        self.paste_button = QPushButton()
        self.paste_button.clicked.connect(lambda: self.paste_list(""))
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_selected)
        self.message_bar = MessageBar()
        self.view = self.create_view()
        model.edit_failed.connect(lambda text: self.message_bar.show_message(text, "error"))
        model.dataChanged.connect(self.message_bar.clear)  # an edit saved: an older message no longer applies
        model.total_changed.connect(self._update_count)

        top = self.top_row = QHBoxLayout()
        top.addWidget(self.filter_box, 2)
        top.addWidget(self.count_label)
        top.addStretch(1)
        if self.HAS_ADD_BOX:
            top.addWidget(self.add_box, 2)
            top.addWidget(self.add_button)
        else:
            self.add_box.hide()
            self.add_button.hide()
        if self.HAS_PASTE:
            top.addWidget(self.paste_button)
        else:
            self.paste_button.hide()
        top.addWidget(self.delete_button)
        # On a narrow page (a small screen) adding and deleting move to a second row, so nothing is squeezed.
        self.second_row = QHBoxLayout()
        self._two_rows = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(self.second_row)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.main_widget(), 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # ---------------------------------------------------------------------------------------------- building
    def create_view(self) -> QAbstractItemView:
        view = RecordTable()
        view.setModel(self.model)
        view.apply_columns(self.model)
        view.paste_requested.connect(self.paste_list)
        return view

    def main_widget(self) -> QWidget:
        return self.view

    def retranslate(self) -> None:
        self.filter_box.setPlaceholderText(self.tr("Filter… (Ctrl+F)"))
        self.filter_box.setToolTip(self.filter_box.placeholderText())
        self.delete_button.setText(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Delete the selected rows (Delete key)"))
        self.paste_button.setText(self.tr("Paste a list…"))
        self.add_button.setText(self.tr("Add"))
        self.add_box.setPlaceholderText(self.texts()["add_placeholder"])
        self.filter_box.setAccessibleName(self.tr("Filter"))
        self.add_box.setAccessibleName(self.texts()["add_placeholder"].rstrip("…"))
        self.add_box.setToolTip(self.add_box.placeholderText())
        for box in (self.filter_box, self.add_box):  # wide enough for its hint (a long one: most of it)
            box.setMinimumWidth(min(box.fontMetrics().horizontalAdvance(box.placeholderText()) + 40, 200))
        self._arrange_rows(force=True)  # the texts changed their widths
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.model.columnCount() - 1))
        self.view.viewport().update()
        self._update_count(self.model.total)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange_rows()

    def _arrange_rows(self, force: bool = False) -> None:
        """One row of tools when they fit at their preferred widths, else two (adding and deleting below)."""
        movable = [self.add_box, self.add_button, self.paste_button, self.delete_button]
        staying = [w for w in (self.filter_box, self.count_label, *self.top_extra()) if not w.isHidden()]
        moving = [w for w in movable if not w.isHidden()]
        spacing = max(self.top_row.spacing(), 0)

        def width(widgets, preferred: bool) -> int:
            return (
                sum(
                    max((w.sizeHint() if preferred else w.minimumSizeHint()).width(), w.minimumWidth()) + spacing
                    for w in widgets
                )
                + 24
            )

        # The page never asks for more than two rows need (or the window could not shrink to a small screen and
        # this page would never get narrow enough to use them).
        self.setMinimumWidth(max(width(staying, False), width(moving, False), self.main_widget_min_width()))
        two_rows = width(staying + moving, True) > self.width()
        if two_rows == self._two_rows and not force:
            return
        self._two_rows = two_rows
        target = self.second_row if two_rows else self.top_row
        for widget in movable:
            self.top_row.removeWidget(widget)
            self.second_row.removeWidget(widget)
            target.addWidget(widget, 2 if widget is self.add_box else 0)

    def main_widget_min_width(self) -> int:
        return self.view.minimumSizeHint().width() + 12

    def top_extra(self) -> list[QWidget]:
        """Widgets a page adds to the first row of tools (they stay there)."""
        return []

    def texts(self) -> dict[str, str]:
        """What this page calls its records (translated), for buttons and questions."""
        return {
            "add_placeholder": "",
            "delete_one": self.tr("Delete “{label}”?"),
            "delete_many": self.tr("Delete {n} rows?"),
            "deleted_one": self.tr("“{label}” was deleted."),
            "deleted": self.tr("{n} rows deleted."),
            "count": self.tr("{n} rows"),
            "count_filtered": self.tr("{n} rows match"),
        }

    # ---------------------------------------------------------------------------------------------- scope
    def set_profile(self, profile_id: str | None) -> None:
        """Show this child's records: now if the tab is visible, else the first time it is shown."""
        self._pending = (profile_id,)
        self.message_bar.hide()
        if self.isVisible():
            self.ensure_loaded()

    def ensure_loaded(self) -> None:
        if self._pending is None:
            return
        (profile_id,) = self._pending
        self._pending = None
        self.filter_box.blockSignals(True)
        self.filter_box.clear()
        self.filter_box._applied = ""
        self.filter_box.blockSignals(False)
        self.load(profile_id)

    def load(self, profile_id: str | None) -> None:
        self.model.set_profile(profile_id)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.ensure_loaded()

    def reload(self) -> None:
        if self.model.profile_id is not None:
            self.model.reload()

    def apply_filter(self, text: str) -> None:
        self.model.set_filter(text)

    def focus_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    def focus_add(self) -> None:
        if self.HAS_ADD_BOX:
            self.add_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.add_box.selectAll()
        else:
            self.add_record()

    def _update_count(self, total: int) -> None:
        texts = self.texts()
        if self.model.query is None:
            self.count_label.setText("")
        elif self.model.counting:
            self.count_label.setText(self.tr("counting…"))
        elif self.model.query.text.strip():
            self.count_label.setText(texts["count_filtered"].format(n=f"{total:,}"))
        else:
            self.count_label.setText(texts["count"].format(n=f"{total:,}"))
        self._arrange_rows()  # a longer count may no longer fit on one row

    def _update_buttons(self) -> None:
        has_profile = self.model.profile_id is not None
        self.delete_button.setEnabled(has_profile and bool(self.selected_rows()))
        for widget in (self.add_box, self.add_button, self.paste_button, self.filter_box):
            widget.setEnabled(has_profile)

    # ---------------------------------------------------------------------------------------------- adding
    def add_from_box(self) -> None:
        text, profile_id = self.add_box.text(), self.model.profile_id
        if profile_id is None:
            return
        self.message_bar.clear()
        if not text.strip():
            self.add_record()
            return
        try:
            row = self.add(profile_id, text)
            if row is None:  # the user decided against it
                return
        except LedgerError as exc:
            self.message_bar.show_message(messages.describe(exc) or str(exc), "error")
            self.add_box.selectAll()
            return
        except Exception as exc:
            message = messages.known_storage_problem(exc)
            if message is None:
                raise
            self.message_bar.show_message(message, "error")
            return
        self.add_box.clear()
        self.after_add(row)

    def add(self, profile_id: str, text: str) -> dict | None:  # pragma: no cover - pages with an add box override
        """Add ``text``; the new row, or ``None`` if the user decided against it when asked."""
        raise NotImplementedError

    def add_record(self) -> None:
        """Add without the add box (a dialog); pages that can, override."""

    def after_add(self, row: dict) -> None:
        self.model.reload()
        index = self.model.row_of_id(row["id"])
        if index >= 0:
            self.view.setCurrentIndex(self.model.index(index, 0))
            self.view.scrollTo(self.model.index(index, 0))
        self.message_bar.show_message(self.added_text(row), "info")
        self.records_changed.emit()

    def added_text(self, row: dict) -> str:
        return self.tr("Added.")

    def paste_list(self, text: str = "") -> None:
        """Subclasses that accept pasted lists override."""

    # ---------------------------------------------------------------------------------------------- deleting
    def selected_rows(self) -> list[int]:
        selection = self.view.selectionModel()
        if selection is None:
            return []
        return sorted({i.row() for i in selection.selectedRows()})

    def row_label(self, row: int) -> str:
        return str(self.model.index(row, 0).data() or "")

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows or self.model.profile_id is None:
            return
        self.message_bar.clear()
        ids = [self.model.row_id(r) for r in rows]
        versions = {self.model.row_id(r): self.model.row_version(r) for r in rows}
        texts = self.texts()
        title = self.tr("Delete")
        if len(rows) == 1:
            label = self.row_label(rows[0])
            if self.settings.get("confirm_single_delete") and not dialogs.ask(
                self,
                title,
                texts["delete_one"].format(label=label),
                destructive=True,
                yes=self.tr("Delete"),
                no=self.tr("Keep"),
            ):
                return
            try:
                deleted = services.delete_rows(self.model.SPEC.table, ids, expected_versions=versions)
            except Exception as exc:
                self._show_failure(exc)
                return
            self._deleted(ids, deleted, None, label)
            return
        if not dialogs.ask(
            self,
            title,
            texts["delete_many"].format(n=f"{len(rows):,}"),
            destructive=True,
            yes=self.tr("Delete"),
            no=self.tr("Keep"),
            details=self.tr("A backup of the whole database is made first, so this can be undone by restoring it."),
        ):
            return
        table = self.model.SPEC.table
        backing_up, deleting = self.tr("Making a backup first…"), self.tr("Deleting…")

        def job(worker) -> tuple[int, Path]:
            services.check_versions(table, versions)  # changed elsewhere: refused, and no backup is made
            worker.report(0, 0, backing_up)
            backup = making.backup_into_chosen_folder(
                BULK_DELETE_REASON, progress=lambda done=0, total=0, *_: worker.report(done, total, backing_up)
            )
            worker.report(0, 0, deleting)
            return services.delete_rows(table, ids, expected_versions=versions), backup

        self.jobs.start(
            job,
            self.tr("Deleting"),
            on_done=lambda result: self._deleted(ids, result[0], result[1]),
            on_error=lambda message: self.message_bar.show_message(message, "error"),
        )

    def _deleted(self, ids: list, deleted: int, backup: Path | None, label: str = "") -> None:
        self.model.drop_rows(ids)
        texts = self.texts()
        if deleted == 1 and label:
            text = texts["deleted_one"].format(label=label)
        else:
            text = texts["deleted"].format(n=f"{deleted:,}")
        if backup is not None:
            text += " " + self.tr("A backup was saved first: {name}").format(name=Path(backup).name)
        self.message_bar.show_message(text, "info")
        self.records_changed.emit()

    def _show_failure(self, exc: Exception) -> None:
        message = messages.describe(exc)
        if message is None:
            raise exc
        if isinstance(exc, LedgerError):
            self.model.reload()
        self.message_bar.show_message(message, "error")

    # ---------------------------------------------------------------------------------------------- export
    def export_csv(self, path: str | Path, on_done: Callable[[int], None] | None = None) -> None:
        """Write every row of the current filter and order to a CSV file, in the background."""
        query = self.model.query
        if query is None:
            return
        self.message_bar.clear()
        model = self.model
        keys = [c.key for c in model.COLUMNS]
        header = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(keys))]
        positions = [model.SPEC.index(k) for k in keys]

        def job(worker) -> int:
            total = queries.count_rows(query)

            def rows():
                for row in queries.iter_rows(query, full=True):
                    worker.check()
                    yield [model.export_value(k, row[p], row) for k, p in zip(keys, positions, strict=True)]

            return csv_export.write_csv(path, header, rows(), progress=lambda n: worker.report(n, total, ""))

        def done(count: int) -> None:
            self.message_bar.show_message(
                self.tr("{n} rows exported to {path}").format(n=f"{count:,}", path=str(path)), "info"
            )
            if on_done is not None:
                on_done(count)

        self.jobs.start(
            job,
            self.tr("Exporting"),
            on_done=done,
            on_error=lambda message: self.message_bar.show_message(message, "error"),
            cancellable=True,
        )
