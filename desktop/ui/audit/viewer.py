"""Tools ▸ Audit log…: every change to the children's records, newest first, with filters, a field-by-field diff,
undo, "as it was on…", export and the audit chain's verdict.

The table is :class:`desktop.ui.audit.model.AuditLogModel` (a page at a time, in a worker); the pane below it is
:class:`desktop.ui.audit.details.DetailsPane`. Entry point for the main window: :func:`open_audit_log`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import audit, db, history
from desktop.errors import LedgerError
from desktop.history import LogFilter
from desktop.ui import dialogs
from desktop.ui.audit.as_of import AsOfDialog, open_as_of
from desktop.ui.audit.details import DetailsPane
from desktop.ui.audit.export import export_job
from desktop.ui.audit.model import AuditLogModel, Row
from desktop.ui.audit.names import (
    ACTION_NAMES,
    ACTOR_NAMES,
    TABLE_NAMES,
    TABLE_NOUNS,
    batch_title,
    error_text,
    explained,
    name_of,
    summary_text,
)
from desktop.ui.tool_windows import ensure_translations, launch, notify_data_changed
from desktop.ui.widgets import FilterBox, MessageBar, Retranslating
from desktop.ui.workers import JobRunner, Worker

#: The filters' "any" entry.
ALL = "\x00all"


class AuditLogViewer(Retranslating, QWidget):
    """The audit-log window. Filters: child, table, action, who, date range, text. Actions: undo the selected
    change or batch, "as it was on…", export CSV / JSON. Shows whether the audit chain verifies.

    Signals: ``undone(batch_id)`` after an undo was applied."""

    undone = Signal(str)

    def __init__(self, parent: QWidget | None = None, verify: bool = True) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        ensure_translations()
        self.setObjectName("auditLogViewer")
        self.jobs = JobRunner(self)
        self.chain_reader = JobRunner(self, latest=True)
        self.count_reader = JobRunner(self, latest=True)
        self.message = MessageBar()
        self.model = AuditLogModel(self)
        self.model.reloaded.connect(self._reloaded)
        self.model.loading_changed.connect(self._loading_changed)
        self.model.failed.connect(lambda message: self.message.show_message(message, "error"))
        self._profiles: list[tuple[str, str]] = []
        self._extra_children: list[str] = []
        self._gone: dict[str, str] = {}  # deleted children's names, by id
        self._updating_filters = False
        self.total: int | None = None
        self.chain_ok: bool | None = None
        self.chain_summary = ""
        self._build_filters()
        self._build_table()
        self._build_actions()
        self._lay_out()
        self.resize(1180, 760)
        self._fill_filters()
        self.retranslate()
        self._set_chain(None, "")
        if verify:
            self.verify_chain()

    def _build_filters(self) -> None:
        """Child, table, action, who (drop-down lists), a date range (each end ticked to apply), text."""
        self.child_box = QComboBox()
        self.table_box = QComboBox()
        self.action_box = QComboBox()
        self.actor_box = QComboBox()
        for box in (self.child_box, self.table_box, self.action_box, self.actor_box):
            # As wide as a short name, not the longest one: the filters fit an 800-pixel screen (the list that
            # drops down is as wide as its entries).
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10 if box is self.child_box else 7)
            box.currentIndexChanged.connect(self._filters_changed)
        self.from_check, self.to_check = QCheckBox(), QCheckBox()
        self.from_date, self.to_date = QDateEdit(), QDateEdit()
        today = QDate.currentDate()
        for check, edit, date in (
            (self.from_check, self.from_date, today.addDays(-7)),
            (self.to_check, self.to_date, today),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(date)
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._filters_changed)
            edit.dateChanged.connect(self._filters_changed)
        self.text_box = FilterBox()
        self.text_box.changed.connect(self._filters_changed)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_filters)
        self.child_label, self.table_label, self.action_label, self.actor_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.text_label = QLabel()

    def _build_table(self) -> None:
        """The changes (one line per entry or batch) and, below, the selected one field by field."""
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # arrows move inside; Tab moves on to the next control
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        for i, column in enumerate(AuditLogModel.COLUMNS):
            if column.width:
                self.table.setColumnWidth(i, column.width)
        self.table.doubleClicked.connect(lambda index: self.model.toggle(index.row()))
        self.table.activated.connect(lambda index: self.model.toggle(index.row()))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.details = DetailsPane()
        self.details.clear()

    def _build_actions(self) -> None:
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo_selected)
        self.undo_button.setEnabled(False)
        self.as_of_button = QPushButton()
        self.as_of_button.clicked.connect(self.open_as_of)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.chain_badge = QLabel()
        self.chain_badge.setObjectName("chainBadge")

    def _lay_out(self) -> None:
        filters1 = QHBoxLayout()
        for label, widget in (
            (self.child_label, self.child_box),
            (self.table_label, self.table_box),
            (self.action_label, self.action_box),
            (self.actor_label, self.actor_box),
        ):
            filters1.addWidget(label)
            filters1.addWidget(widget)
            filters1.addSpacing(6)
        filters1.addStretch(1)
        filters2 = QHBoxLayout()
        filters2.addWidget(self.from_check)
        filters2.addWidget(self.from_date)
        filters2.addWidget(self.to_check)
        filters2.addWidget(self.to_date)
        filters2.addSpacing(12)
        filters2.addWidget(self.text_label)
        filters2.addWidget(self.text_box, 1)
        filters2.addWidget(self.clear_button)
        filters2.addSpacing(6)
        filters2.addWidget(self.chain_badge)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.as_of_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters1)
        layout.addLayout(filters2)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # ---------------------------------------------------------------------------------------------- texts
    def retranslate(self) -> None:
        ensure_translations()
        self.setWindowTitle(self.tr("Audit log — Mastery Ledger"))
        self.child_label.setText(self.tr("Child:"))
        self.table_label.setText(self.tr("What:"))
        self.action_label.setText(self.tr("Action:"))
        self.actor_label.setText(self.tr("Who:"))
        self.from_check.setText(self.tr("From"))
        self.to_check.setText(self.tr("to"))
        self.text_label.setText(self.tr("Text:"))
        self.text_box.setPlaceholderText(self.tr("a word, a name, any value…"))
        # Screen readers say each filter by its label (the date boxes by their check boxes).
        for label, field in (
            (self.child_label, self.child_box),
            (self.table_label, self.table_box),
            (self.action_label, self.action_box),
            (self.actor_label, self.actor_box),
            (self.text_label, self.text_box),
            (self.from_check, self.from_date),
            (self.to_check, self.to_date),
        ):
            field.setAccessibleName(label.text().rstrip(":："))
        self.table.setAccessibleName(self.tr("Changes"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.as_of_button.setText(self.tr("As it was on…"))
        self.as_of_button.setToolTip(
            self.tr("See a child's records as they were at an earlier moment, and put them back if you want")
        )
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the changes the filters show as a CSV or JSON file"))
        self._update_undo()
        self._fill_filter_texts()
        self._set_chain(self.chain_ok, self.chain_summary)
        self._update_count(None)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(AuditLogModel.COLUMNS) - 1)

    def _fill_filters(self) -> None:
        self._updating_filters = True
        try:
            for box, codes in (
                (self.table_box, TABLE_NAMES),
                (self.action_box, ACTION_NAMES),
                (self.actor_box, ACTOR_NAMES),
            ):
                box.clear()
                box.addItem("", ALL)
                for code in codes:
                    box.addItem("", code)
            self.reload_children()
        finally:
            self._updating_filters = False

    def _fill_filter_texts(self) -> None:
        every = {
            self.child_box: self.tr("All children"),
            self.table_box: self.tr("Everything"),
            self.action_box: self.tr("Any"),
            self.actor_box: self.tr("Anyone"),
        }
        for box, table in (
            (self.table_box, TABLE_NAMES),
            (self.action_box, ACTION_NAMES),
            (self.actor_box, ACTOR_NAMES),
        ):
            for i in range(box.count()):
                code = box.itemData(i)
                box.setItemText(i, every[box] if code == ALL else name_of(table, code))
        self.child_box.setItemText(0, every[self.child_box])
        for i in range(1, self.child_box.count()):
            pid = self.child_box.itemData(i)
            if pid in self._extra_children:
                self.child_box.setItemText(i, self.gone_child_text(pid))

    def gone_child_text(self, profile_id: str) -> str:
        """A deleted child in the filter, by the name it had."""
        name = self._gone.get(profile_id) or self.tr("a deleted child")
        return self.tr("{name} (no longer exists)").format(name=name)

    def reload_children(self, extra: str | None = None) -> None:
        """Fill the child filter with the children that exist (and ``extra``, e.g. a deleted child's id)."""
        current = self.child_box.currentData() if self.child_box.count() else ALL
        if extra and extra not in self._extra_children:
            self._extra_children.append(extra)
        names = history.profile_names()
        self._gone = history.deleted_profile_names() if self._extra_children else {}
        self._profiles = sorted(names.items(), key=lambda kv: (kv[1].casefold(), kv[0]))
        was = self._updating_filters
        self._updating_filters = True
        try:
            self.child_box.clear()
            self.child_box.addItem(self.tr("All children"), ALL)
            for pid, name in self._profiles:
                self.child_box.addItem(name, pid)
            for pid in self._extra_children:
                if pid not in names:
                    self.child_box.addItem(self.gone_child_text(pid), pid)
            self.child_box.setCurrentIndex(max(0, self.child_box.findData(current)))
        finally:
            self._updating_filters = was

    # ---------------------------------------------------------------------------------------------- filters
    def current_filter(self) -> LogFilter:
        def code(box: QComboBox):
            value = box.currentData()
            return None if value in (ALL, None) else value

        since = until = None
        if self.from_check.isChecked():
            since = _local_midnight(self.from_date.date())
        if self.to_check.isChecked():
            until = _local_midnight(self.to_date.date().addDays(1))
        record = self.model.filter.record_id
        return LogFilter(
            profile_id=code(self.child_box),
            table=code(self.table_box),
            action=code(self.action_box),
            actor=code(self.actor_box),
            since=since,
            until=until,
            text=self.text_box.text().strip(),
            record_id=record,
        )

    def child_filter(self) -> str | None:
        value = self.child_box.currentData()
        return None if value in (ALL, None) else value

    def _filters_changed(self, *_args) -> None:
        if self._updating_filters:
            return
        self.apply_filter(self.current_filter())

    def apply_filter(self, f: LogFilter) -> None:
        self.details.clear()
        self._update_undo()
        self._update_count(None)
        self.count_reader.drop_reads()  # an older filter's count would slow this one's first page down
        self.model.set_filter(f)  # the count starts once the first page is in (they would share the disk)

    def _select_code(self, box: QComboBox, code: str | None) -> None:
        index = box.findData(ALL if code is None else code)
        if index < 0 and box is self.child_box and code is not None:
            self.reload_children(extra=code)
            index = box.findData(code)
        box.setCurrentIndex(max(0, index))

    def set_child(self, profile_id: str | None) -> None:
        self._select_code(self.child_box, profile_id)

    def set_table(self, table: str | None) -> None:
        self._select_code(self.table_box, table)

    def set_action(self, action: str | None) -> None:
        self._select_code(self.action_box, action)

    def set_actor(self, actor: str | None) -> None:
        self._select_code(self.actor_box, actor)

    def set_dates(self, start: QDate | None, end: QDate | None) -> None:
        """Changes from the start of ``start`` to the end of ``end`` (local days; ``None``: open)."""
        self._updating_filters = True
        try:
            for check, edit, date in ((self.from_check, self.from_date, start), (self.to_check, self.to_date, end)):
                check.setChecked(date is not None)
                if date is not None:
                    edit.setDate(date)
        finally:
            self._updating_filters = False
        self._filters_changed()

    def set_text(self, text: str) -> None:
        self.text_box.setText(text)
        self.text_box.apply()

    def set_scope(self, profile_id: str | None = None, table: str | None = None, record_id: object = None) -> None:
        """Show one child's changes, one table's, or one record's history (the "History" action); every other
        filter is cleared."""
        self._updating_filters = True
        try:
            self._reset_filters()
            self._select_code(self.child_box, profile_id)
            self._select_code(self.table_box, table)
            self.model.filter = self.model.filter.with_(record_id=None if record_id is None else str(record_id))
        finally:
            self._updating_filters = False
        self.apply_filter(self.current_filter())

    def clear_filters(self) -> None:
        self._updating_filters = True
        try:
            self._reset_filters()
        finally:
            self._updating_filters = False
        self.apply_filter(self.current_filter())

    def _reset_filters(self) -> None:
        for box in (self.child_box, self.table_box, self.action_box, self.actor_box):
            box.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.text_box.setText("")
        self.text_box.apply()
        self.model.filter = self.model.filter.with_(record_id=None)

    # ---------------------------------------------------------------------------------------------- counts and chain
    def _start_count(self, f: LogFilter) -> None:
        self._update_count(None)
        self.count_reader.read(lambda _w: history.count_log(f), self._update_count, lambda _m: None)

    def _update_count(self, total: int | None) -> None:
        self.total = total
        if total is None:
            self.count_label.setText(self.tr("Counting…"))
        else:
            self.count_label.setText(self.tr("%Ln change(s) [matches|match]", "", total))

    def verify_chain(self) -> None:
        """Recompute the audit chain in the background (it reads every audit row) and show the verdict."""
        self._set_chain(None, "")

        def job(worker: Worker):
            def progress(done, total, _text=""):
                worker.check()

            return audit.verify_chain(db.current(), progress=progress)

        self.chain_reader.read(
            job,
            lambda report: self._set_chain(report.ok, report.summary()),
            lambda message: self._set_chain(False, message),
        )

    def _set_chain(self, ok: bool | None, summary: str) -> None:
        self.chain_ok, self.chain_summary = ok, summary
        if ok is None:
            text, style = self.tr("Checking the audit trail…"), "color:#555; padding:2px 8px;"
            tip = self.tr("The audit trail's seals are being recomputed.")
        elif ok:
            text = self.tr("✔ Audit trail verified")
            style = "color:#ffffff; background:#2e7d32; padding:2px 8px; border-radius:3px;"
            tip = self.tr("Every change is recorded and nothing in the log was altered afterwards.") + "\n" + summary
        else:
            text = self.tr("✖ Audit trail damaged")
            style = "color:#ffffff; background:#c62828; padding:2px 8px; border-radius:3px;"
            tip = (
                self.tr(
                    "Some audit rows were altered, added or removed outside the app. Keep your backups and "
                    "open Tools ▸ Check database for details."
                )
                + "\n"
                + summary
            )
        self.chain_badge.setText(text)
        self.chain_badge.setStyleSheet(style)
        self.chain_badge.setToolTip(tip)

    # ---------------------------------------------------------------------------------------------- selection
    def selected_row(self) -> Row | None:
        index = self.table.currentIndex()
        return self.model.item_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.item_at(current.row()) if current.isValid() else None
        if row is None or row.more:
            self.details.clear()
        elif row.item.is_batch and row.depth == 0:
            self.details.show_batch(
                row.item, self.model.notes.get(row.item.batch_id or ""), self.model.child_name(row.item.profile_id)
            )
        else:
            entry = row.item.entry()
            if row.item.large:
                try:
                    entry = history.get_entry(row.item.id)
                except LedgerError as exc:
                    self.message.show_message(error_text(exc), "error")
            self.details.show_entry(
                entry, self.model.child_name(row.item.profile_id), self.model.notes.get(row.item.batch_id or "")
            )
        self._update_undo()

    def _update_undo(self) -> None:
        row = self.selected_row()
        batch = row is not None and row.item.is_batch and row.depth == 0 and not row.more
        self.undo_button.setText(self.tr("Undo this batch") if batch else self.tr("Undo this change"))
        self.undo_button.setEnabled(row is not None and not row.more and not self.jobs.busy)
        self.undo_button.setToolTip(
            self.tr("Apply the opposite change now (it is recorded too, so it can be undone as well)")
        )

    def _loading_changed(self, loading: bool) -> None:
        if loading and not self.model.rows:
            self.count_label.setText(self.tr("Reading the log…"))
        elif not loading and self.total is None:
            self.count_label.setText(self.tr("Counting…"))

    def _reloaded(self) -> None:
        self._start_count(self.model.filter)
        if self.model.rows and not self.table.currentIndex().isValid():
            self.table.scrollToTop()

    # ---------------------------------------------------------------------------------------------- undo
    def undo_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.more:
            return
        item, batch_id = row.item, row.item.batch_id
        job: Callable[[Worker], history.RevertResult]
        if item.is_batch and row.depth == 0 and batch_id is not None:
            question = self.tr(
                "Undo all {n} changes of this batch?\n\n{title}\n\nA backup of the database is made "
                "first. If any of these records was changed again since, nothing is undone and you "
                "are told what is in the way."
            ).format(n=f"{item.count:,}", title=batch_title(self.model.notes.get(batch_id), item))
            job = lambda _w: history.revert_batch(batch_id)  # noqa: E731
        else:
            question = self.tr(
                "Undo this change?\n\n{action} {what}: {summary}\n\nThe opposite change is made now "
                "and recorded in the log."
            ).format(
                action=name_of(ACTION_NAMES, item.action),
                what=name_of(TABLE_NOUNS, item.table_name),
                summary=summary_text(item),
            )
            job = lambda _w: history.revert_entry(item.id)  # noqa: E731
        if not dialogs.ask(self, self.tr("Undo"), question, yes=self.tr("Undo"), no=self.tr("Cancel")):
            return
        self.undo_button.setEnabled(False)
        self.jobs.start(
            explained(job),
            self.tr("Undoing…"),
            on_done=self._undone,
            on_error=lambda message: self._undo_failed(message),
        )

    def _undone(self, result: history.RevertResult) -> None:
        text = self.tr(
            "Undone: %n change(s) reversed. The undo is in the log too, so it can be undone as well.",
            "",
            result.reverted,
        )
        if result.backup_path is not None:
            text += " " + self.tr("A backup was saved first: {file}").format(file=result.backup_path.name)
        self.message.show_message(text, "info")
        self.undone.emit(result.batch_id)
        self.reload_children()
        self.model.reload()
        self.details.clear()
        notify_data_changed(self.parentWidget())
        self._update_undo()

    def _undo_failed(self, message: str) -> None:
        self.message.show_message(message, "error")
        self._update_undo()

    def open_as_of(self) -> AsOfDialog:
        """ "As it was on…" for the child the filter shows; a child put back is shown here at once."""
        dialog = open_as_of(self, self.child_filter())
        dialog.restored.connect(lambda _profile_id: self.model.reload())
        return dialog

    # ---------------------------------------------------------------------------------------------- export
    def export(self) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        suggested = str(Path.home() / f"audit-log-{stamp}.csv")
        path = dialogs.save_file(
            self, self.tr("Export the audit log"), suggested, self.tr("CSV for spreadsheets (*.csv);;JSON (*.json)")
        )
        if not path:
            return
        self.export_to(path)

    def export_to(self, path: str | Path) -> None:
        path = Path(path)
        children = {pid: self.model.child_name(pid) for pid in {**self.model.gone_names, **self.model.names}}
        header = [
            self.tr("No."),
            self.tr("When (local time)"),
            self.tr("When (UTC)"),
            self.tr("Who"),
            self.tr("Child"),
            self.tr("What"),
            self.tr("Record"),
            self.tr("Action"),
            self.tr("Change"),
            self.tr("Done together as"),
            self.tr("Before (JSON)"),
            self.tr("After (JSON)"),
        ]
        writing = self.tr("Exporting… {n} changes written")
        job = export_job(path, self.model.filter, header, dict(self.model.names), children, writing)
        self.jobs.start(
            job,
            self.tr("Exporting the audit log"),
            cancellable=True,
            on_done=lambda n: self.message.show_message(
                self.tr("%Ln change(s) exported to {file}", "", n).format(file=str(path)), "info"
            ),
            on_error=lambda message: self.message.show_message(message, "error"),
        )

    # ---------------------------------------------------------------------------------------------- closing
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Close):
            self.close()
            return
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            row = self.selected_row()
            if row and row.item.is_batch and row.depth == 0 and row.expanded == (event.key() == Qt.Key.Key_Left):
                self.model.toggle(self.table.currentIndex().row())
                return
        super().keyPressEvent(event)

    def wait_idle(self, msecs: int = 30_000) -> None:
        """Let every background read and job finish (closing, tests)."""
        self.jobs.wait(msecs)
        for reader in (self.model.reader, self.count_reader, self.chain_reader):
            reader.wait(msecs)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        for reader in (self.model.reader, self.count_reader, self.chain_reader):
            reader.stop()
        self.jobs.wait()
        super().closeEvent(event)


def _local_midnight(date: QDate) -> datetime:
    return datetime(date.year(), date.month(), date.day()).astimezone()


_open_viewers: dict[int, AuditLogViewer] = {}


def open_audit_log(
    parent: QWidget | None,
    profile_id: str | None = None,
    table: str | None = None,
    record_id: object = None,
    verify: bool = True,
) -> AuditLogViewer:
    """Open the audit log (or bring the open one forward), filtered to a child, a table or one record."""
    key = id(parent)
    viewer = _open_viewers.get(key)
    if viewer is None or not shiboken6.isValid(viewer) or not viewer.isVisible():
        viewer = AuditLogViewer(parent, verify=verify)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _open_viewers[key] = viewer
        changed = getattr(parent, "database_changed", None)
        if changed is not None:
            changed.connect(viewer.close)
    viewer.set_scope(profile_id, table, record_id)
    launch(viewer)
    return viewer
