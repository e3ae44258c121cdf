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
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import history
from desktop.errors import LedgerError
from desktop.store import audit, audit_log, db, search
from desktop.store.audit_log import LogFilter
from desktop.ui import dialogs, encryption
from desktop.ui.audit.as_of import AsOfDialog, open_as_of
from desktop.ui.audit.details import DetailsPane
from desktop.ui.audit.export import export_job
from desktop.ui.audit.filters import LogFilterBar
from desktop.ui.audit.model import AuditLogModel, Row
from desktop.ui.audit.names import (
    ACTION_NAMES,
    TABLE_NOUNS,
    batch_title,
    error_text,
    explained,
    name_of,
    summary_text,
)
from desktop.ui.tool_windows import launch, notify_data_changed
from desktop.ui.widgets import MessageBar, Retranslating
from desktop.ui.workers import JobRunner, Worker


class AuditLogViewer(Retranslating, QWidget):
    """The audit-log window. Filters: child, table, action, who, date range, text. Actions: undo the selected
    change or batch, "as it was on…", export CSV / JSON. Shows whether the audit chain verifies.

    Signals: ``undone(batch_id)`` after an undo was applied."""

    undone = Signal(str)

    def __init__(self, parent: QWidget | None = None, verify: bool = True) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("auditLogViewer")
        self.jobs = JobRunner(self)
        self.chain_reader = JobRunner(self, latest=True)
        self.count_reader = JobRunner(self, latest=True)
        self.index_reader = JobRunner(self)
        self.message = MessageBar()
        self.model = AuditLogModel(self)
        self.model.reloaded.connect(self._reloaded)
        self.model.loading_changed.connect(self._loading_changed)
        self.model.failed.connect(lambda message: self.message.show_message(message, "error"))
        self.total: int | None = None
        self.chain_ok: bool | None = None
        self.chain_summary = ""
        self.filters = LogFilterBar()
        self.filters.changed.connect(self._filters_changed)
        self.filters.clear_requested.connect(self.clear_filters)
        self._build_table()
        self._build_actions()
        self._lay_out()
        self.resize(1180, 760)
        self.retranslate()
        self._set_chain(None, "")
        self._window_check = None  # the window's background check this viewer waits for, if any
        if verify:
            self.verify_chain()
        self.catch_up_search()

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
        self.filters.second_row.addWidget(self.chain_badge)
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
        layout.addWidget(self.filters)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # ---------------------------------------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Audit log — Mastery Ledger"))
        self.table.setAccessibleName(self.tr("Changes"))
        self.as_of_button.setText(self.tr("As it was on…"))
        self.as_of_button.setToolTip(
            self.tr("See a child's records as they were at an earlier moment, and put them back if you want")
        )
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the changes the filters show as a CSV or JSON file"))
        self._update_undo()
        self.filters.retranslate()
        self._set_chain(self.chain_ok, self.chain_summary)
        self._update_count(None)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(AuditLogModel.COLUMNS) - 1)

    # ---------------------------------------------------------------------------------------------- filters
    def current_filter(self) -> LogFilter:
        return self.filters.current(self.model.filter.record_id)

    def child_filter(self) -> str | None:
        return self.filters.code(self.filters.child_box)

    def _filters_changed(self) -> None:
        self.apply_filter(self.current_filter())

    def apply_filter(self, f: LogFilter) -> None:
        self.details.clear()
        self._update_undo()
        self._update_count(None)
        self.count_reader.drop_reads()  # an older filter's count would slow this one's first page down
        self.model.set_filter(f)  # the count starts once the first page is in (they would share the disk)

    def set_scope(self, profile_id: str | None = None, table: str | None = None, record_id: object = None) -> None:
        """Show one child's changes, one table's, or one record's history (the "History" action); every other
        filter is cleared."""
        self.filters.reset(profile_id, table)
        self.model.filter = self.model.filter.with_(record_id=None if record_id is None else str(record_id))
        self.apply_filter(self.current_filter())

    def clear_filters(self) -> None:
        self.filters.reset()
        self.model.filter = self.model.filter.with_(record_id=None)
        self.apply_filter(self.current_filter())

    # ---------------------------------------------------------------------------------------------- counts and chain
    def _start_count(self, f: LogFilter) -> None:
        self._update_count(None)
        self.count_reader.read(lambda _w: audit_log.count_log(f), self._update_count, lambda _m: None)

    def _update_count(self, total: int | None) -> None:
        self.total = total
        if total is None:
            self.count_label.setText(self.tr("Counting…"))
        else:
            self.count_label.setText(self.tr("%Ln change(s) [matches|match]", "", total))

    def verify_chain(self) -> None:
        """Recompute the audit chain in the background (it reads every audit row) and show the verdict. While the
        window's own background check is running (right after start-up), its verdict is shown instead: the chain
        is recomputed once, not twice at the same time on the same file."""
        self._set_chain(None, "")
        if self._window_check is not None:  # already waiting for the window's verdict
            return
        checker = getattr(self.parent(), "checker", None)
        if checker is not None and getattr(checker, "running", False):
            self._window_check = checker
            checker.finished.connect(self._window_checked)
            checker.failed.connect(self._window_check_failed)
            checker.stopped.connect(self._window_check_failed)
            return
        self._verify_now()

    def _stop_waiting_for_window(self) -> None:
        checker, self._window_check = self._window_check, None
        if checker is not None:
            checker.finished.disconnect(self._window_checked)
            checker.failed.disconnect(self._window_check_failed)
            checker.stopped.disconnect(self._window_check_failed)

    def _window_checked(self, result) -> None:
        self._stop_waiting_for_window()
        if result.chain is None:  # the file's pages failed their check first: the viewer's own check says how
            self._verify_now()
        else:
            self._set_chain(result.chain.ok, result.chain.summary())

    def _window_check_failed(self, _message: str = "") -> None:
        self._stop_waiting_for_window()
        self._verify_now()

    def _verify_now(self) -> None:
        def job(worker: Worker) -> audit.ChainReport:
            def progress(done: int, total: int, _text: str = "") -> None:
                worker.check()

            return audit.verify_chain(db.current(), progress=progress)

        self.chain_reader.read(
            job,
            lambda report: self._set_chain(report.ok, report.summary()),
            lambda message: self._set_chain(False, message),
        )

    def catch_up_search(self) -> None:
        """Bring the search index up to the newest audit rows in the background (a search is exact meanwhile,
        only slower on the rows not indexed yet)."""

        def job(worker: Worker) -> int:
            return search.catch_up(db.current(), cancel=worker.cancelled)

        self.index_reader.read(job, lambda _count: None, lambda _message: None, name="search index")

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
        self.filters.reload_children()
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
        encryption.warn_plain_text(self)  # an encrypted database's export is plain text: said once per window
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
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Close):
            self.close()
            return
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            row = self.selected_row()
            if row and row.item.is_batch and row.depth == 0 and row.expanded == (event.key() == Qt.Key.Key_Left):
                self.model.toggle(self.table.currentIndex().row())
                return
        super().keyPressEvent(event)

    @property
    def busy(self) -> bool:
        """A page, the count, the chain's check or a job (undo, export) is still under way."""
        readers = (self.model.reader, self.count_reader, self.chain_reader, self.index_reader)
        return self.model.loading or self.jobs.busy or any(reader.busy for reader in readers)

    def wait_idle(self, msecs: int = 30_000) -> None:
        """Let every background read and job finish (closing, tests)."""
        self.jobs.wait(msecs)
        for reader in (self.model.reader, self.count_reader, self.chain_reader, self.index_reader):
            reader.wait(msecs)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._stop_waiting_for_window()
        for reader in (self.model.reader, self.count_reader, self.chain_reader, self.index_reader):
            reader.stop()
        self.jobs.wait()
        super().closeEvent(event)


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
