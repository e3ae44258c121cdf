"""The audit log's table: the filtered log, newest first, a page at a time (a :class:`LazyTableModel`).

Pages are read through :func:`desktop.store.audit_log.fetch_log_page` (filters in SQL, keyset on id) in a worker, so even a
log of a million rows opens at once and a slow search never freezes the window (a newer filter interrupts the older
query). A batch (an import, a bulk delete, an undo) is one line with its count; expanding it reads its rows, a page
at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desktop import history
from desktop.settings import QT_TRANSLATE_NOOP
from desktop.store import audit, audit_log, db
from desktop.store.audit_log import LogFilter, LogItem, LogPage
from desktop.ui import formatting
from desktop.ui.audit.names import (
    ACTION_NAMES,
    ACTOR_NAMES,
    CHANGES,
    TABLE_NAMES,
    batch_title,
    name_of,
    summary_text,
    tr,
)
from desktop.ui.table_model import Column, LazyTableModel
from desktop.ui.workers import JobRunner, Worker


@dataclass
class Row:
    """One line of the table: an item (an entry or a batch), an entry inside an expanded batch (``depth`` 1), or
    the "show more of this batch" line (``more``)."""

    item: LogItem
    depth: int = 0
    more: bool = False
    expanded: bool = False
    next_before: int | None = None  # for a batch: where its next page of rows starts
    left: int = 0  # for a "more" line: how many rows of the batch are not shown yet


#: What a page read in the worker brings: the children's names (first page only), the page, its batches' notes.
Arrival = tuple[tuple[dict[str, str], dict[str, str]] | None, LogPage, dict[str, dict]]


class AuditLogModel(LazyTableModel):
    """The filtered audit log, a page at a time, newest first.

    Signals: ``loading_changed(bool)``; ``reloaded()`` after the first page of a new filter arrived;
    ``failed(message)`` when a read failed."""

    HEADER_CONTEXT = "AuditLog"
    COLUMNS = (
        Column("time", QT_TRANSLATE_NOOP("AuditLog", "When"), width=180),
        Column("who", QT_TRANSLATE_NOOP("AuditLog", "Who"), width=120),
        Column("child", QT_TRANSLATE_NOOP("AuditLog", "Child"), width=110),
        Column("what", QT_TRANSLATE_NOOP("AuditLog", "What"), width=110),
        Column("record", QT_TRANSLATE_NOOP("AuditLog", "Record"), width=120),
        Column("action", QT_TRANSLATE_NOOP("AuditLog", "Action"), width=80),
        Column("summary", QT_TRANSLATE_NOOP("AuditLog", "Change")),
    )

    loading_changed = Signal(bool)
    reloaded = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, page_size: int = 200) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.filter = LogFilter()
        self.names: dict[str, str] = {}
        self.gone_names: dict[str, str] = {}  # children deleted since, by the name they had
        self.notes: dict[str, dict] = {}
        self._before: int | None = None
        self._loading = False
        self._summaries: dict[int, str] = {}
        self.reader = JobRunner(self, latest=True)

    @property
    def rows(self) -> list[Row]:
        """The lines read so far (batches, their expanded rows, "more" lines)."""
        return self._rows

    # ---------------------------------------------------------------------------------------------- loading
    @property
    def loading(self) -> bool:
        return self._loading

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def set_filter(self, f: LogFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        """Read the first page of the current filter again (in the background)."""
        self.beginResetModel()
        self._rows, self._before, self._exhausted, self._summaries = [], None, False, {}
        self.endResetModel()
        self._fetch(first=True)

    def has_more(self) -> bool:
        return not self._exhausted and not self._loading

    def fetch_page(self) -> None:
        self._fetch()

    def _fetch(self, first: bool = False) -> None:
        f, before, size = self.filter, self._before, self.page_size

        def job(_worker: Worker) -> Arrival:
            names = (audit_log.profile_names(), audit_log.deleted_profile_names()) if first else None
            page = audit_log.fetch_log_page(f, before, size)
            batches = {i.batch_id for i in page.items if i.batch_id}
            return names, page, audit.batch_notes(db.current(), batches)

        self._set_loading(True)
        self.reader.read(job, lambda result: self._arrived(result, first), self._read_failed)

    def _arrived(self, result: Any, first: bool) -> None:
        names, page, notes = result
        if names is not None:
            self.names, self.gone_names = names
        self.notes.update(notes)
        self._before, self._exhausted = page.before_id, page.exhausted
        self.append_rows([Row(item) for item in page.items])
        self._set_loading(False)
        if first:
            self.reloaded.emit()

    def _read_failed(self, message: str) -> None:
        self._exhausted = True
        self._set_loading(False)
        self.failed.emit(message)

    def stop(self) -> None:
        self.reader.stop()

    # ---------------------------------------------------------------------------------------------- batches
    def toggle(self, row: int) -> None:
        """Expand a batch (its first page of rows, read now: the batch index makes it quick) or collapse it; on a
        "more" line, read the batch's next page."""
        if not 0 <= row < len(self._rows):
            return
        entry = self._rows[row]
        if entry.more:
            self._expand_more(row)
            return
        if not entry.item.is_batch:
            return
        if entry.expanded:
            end = row + 1
            while end < len(self._rows) and self._rows[end].depth == 1:
                end += 1
            if end > row + 1:
                self.beginRemoveRows(QModelIndex(), row + 1, end - 1)
                del self._rows[row + 1 : end]
                self.endRemoveRows()
            entry.expanded = False
            entry.next_before = None
        else:
            entry.expanded = True
            entry.next_before = entry.item.id + 1
            self._insert_children(row, row + 1, entry)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _insert_children(self, group_row: int, at: int, group: Row) -> None:
        f = self.filter.with_(batch_id=group.item.batch_id)
        page = audit_log.fetch_log_page(f, group.next_before, self.page_size, group=False)
        group.next_before = page.before_id
        new = [Row(item, depth=1) for item in page.items]
        shown = sum(1 for r in self._rows[group_row + 1 :] if r.depth == 1 and not r.more) + len(new)
        left = group.item.count - shown
        if not page.exhausted and left > 0:
            new.append(Row(group.item, depth=1, more=True, left=left))
        if new:
            self.beginInsertRows(QModelIndex(), at, at + len(new) - 1)
            self._rows[at:at] = new
            self.endInsertRows()

    def _expand_more(self, row: int) -> None:
        group_row = row - 1
        while group_row >= 0 and self._rows[group_row].depth == 1:
            group_row -= 1
        group = self._rows[group_row]
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self._insert_children(group_row, row, group)

    # ---------------------------------------------------------------------------------------------- reading
    def item_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def child_name(self, profile_id: str | None) -> str:
        """The child's name; a deleted child's as it was ("Mei (deleted)"), never an id."""
        if profile_id is None:
            return ""
        if profile_id in self.names:
            return self.names[profile_id]
        if profile_id in self.gone_names:
            return tr(QT_TRANSLATE_NOOP("AuditLog", "{name} (deleted)")).format(name=self.gone_names[profile_id])
        return tr(QT_TRANSLATE_NOOP("AuditLog", "a deleted child"))

    def cell(self, row: Row, column: int, role: int) -> Any:
        key = self.COLUMNS[column].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, key)
        gone = key == "child" and bool(row.item.profile_id) and row.item.profile_id not in self.names
        if role == Qt.ItemDataRole.FontRole:
            if row.more or gone:
                font = QFont()
                font.setItalic(True)
                return font
            if row.item.is_batch and row.depth == 0:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.ForegroundRole and (row.more or gone):
            return QBrush(QColor("#6b6b6b"))
        if role == Qt.ItemDataRole.UserRole:
            return row.item.id
        return None

    def display(self, row: Row, key: str) -> str:
        item = row.item
        if row.more:
            more = QT_TRANSLATE_NOOP("AuditLog", "▸ Show more of this batch ({n} not shown yet)")
            return tr(more).format(n=f"{row.left:,}") if key == "summary" else ""
        batch = item.is_batch and row.depth == 0
        several = tr(QT_TRANSLATE_NOOP("AuditLog", "several"))
        if key == "time":
            text = formatting.local_time(item.changed_at, seconds=True)
            if batch:
                return ("▾ " if row.expanded else "▸ ") + text
            return ("    " + text) if row.depth else text
        if key == "who":
            return name_of(ACTOR_NAMES, item.changed_by) if item.changed_by else "—"
        if key == "child":
            return self.child_name(item.profile_id) if not batch or item.same_child else several
        if key == "what":
            return name_of(TABLE_NAMES, item.table_name) if not batch or item.same_table else several
        if key == "record":
            return "" if batch else self.record_text(item)
        if key == "action":
            return name_of(ACTION_NAMES, item.action) if not batch or item.same_action else several
        if key == "summary":
            return self.summary(item, batch)
        return ""

    def summary(self, item: LogItem, batch: bool) -> str:
        """The "Change" column: a batch by what it was, an entry in a line (cached: it is the costliest cell)."""
        if batch:
            note = self.notes.get(item.batch_id or "")
            title = batch_title(note, item)
            return f"{title} — {tr(CHANGES, item.count)}" if note else title
        cached = self._summaries.get(item.id)
        if cached is None:
            cached = self._summaries[item.id] = summary_text(item)
        return cached

    def record_text(self, item: LogItem) -> str:
        """The record by what it holds (the word, the name, the card's front), not its number."""
        if item.large and item.old is None and item.new is None:
            return ""
        return history.record_label(item.table_name, item.new or item.old)

    def tooltip(self, row: Row, key: str) -> str | None:
        item = row.item
        if key == "time":
            return f"{formatting.local_time(item.changed_at, seconds=True)} ({item.changed_at} UTC)"
        if key == "child" and item.profile_id and item.profile_id not in self.names:
            return tr(QT_TRANSLATE_NOOP("AuditLog", "This child no longer exists."))
        # On a small screen the columns are narrow: whatever they shorten with "…" is whole in the tooltip.
        return self.display(row, key) or None
