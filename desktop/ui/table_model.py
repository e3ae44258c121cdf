"""The lazy table model every table of records is built on: the record tables and the audit log.

:class:`LazyTableModel` holds only the rows the user has scrolled to: the first page when what is shown changes,
then one page more each time the view asks (``canFetchMore`` / ``fetchMore``). A subclass says how a page is read
(``fetch_page``) and what a cell holds (``cell``); its columns are declared once as :class:`Column` s.

:class:`RecordTableModel` is one child's rows of one table, read with a keyset cursor by :mod:`desktop.store.tables`.
Sorting and filtering are SQL. Edits go through :func:`desktop.services.update_row` with the row version that was
read; a refused edit is reported by ``edit_failed`` and the cell keeps its old value. Subclasses declare ``SPEC``
(what to read) and ``COLUMNS`` (what to show, headers marked for translation) once. With a ``counter`` (the page's
``JobRunner``) the number of matching rows is counted off the GUI thread: the first page shows at once, the count
when it comes (a filter on a 100,000-word child never freezes the window).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop import services
from desktop.errors import ConflictError, LedgerError, NotFoundError
from desktop.store import tables as queries
from desktop.ui import formatting, messages
from desktop.ui.workers import JobRunner

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """A shown column: ``key`` names what it shows (a field of a record model's ``TableSpec``); ``header`` is English
    source text marked with ``QT_TRANSLATE_NOOP`` in the model's ``HEADER_CONTEXT``; ``editable`` columns are saved
    to the database field ``key``; ``width`` is the starting width, a ``stretch`` column takes the room left."""

    key: str
    header: str
    editable: bool = False
    width: int = 0
    stretch: bool = False


class LazyTableModel(QAbstractTableModel):
    """Rows read a page at a time as the view scrolls. A subclass reads a page in ``fetch_page`` (adding its rows
    with ``append_rows``, setting ``_exhausted`` after the last) and says what a cell holds in ``cell``."""

    COLUMNS: tuple[Column, ...] = ()
    #: The translation context of the headers.
    HEADER_CONTEXT = "Columns"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._exhausted = True

    def has_more(self) -> bool:
        """Whether another page can be read now."""
        return not self._exhausted

    def fetch_page(self) -> None:
        """Read the next page (the view scrolled to the end of the rows read so far)."""
        raise NotImplementedError

    def append_rows(self, rows: list[Any]) -> None:
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def fetch_all(self) -> None:
        """Read every remaining page (tests, "select all" before a delete)."""
        while self.canFetchMore():
            self.fetchMore()

    def cell(self, row: Any, column: int, role: int) -> Any:
        """What the cell of ``row`` (one of the rows read) in ``column`` holds for ``role``."""
        raise NotImplementedError

    # Qt's side ---------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self.has_more()

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self.fetch_page()

    def headerData(  # noqa: N802 - Qt signature
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate(self.HEADER_CONTEXT, self.COLUMNS[section].header)
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.COLUMNS):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.COLUMNS[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class RecordTableModel(LazyTableModel):
    """One child's rows of one table, read a page at a time.

    Signals: ``edit_failed(message)`` when an edit is refused (validation, duplicate, conflict);
    ``total_changed(total)`` when the number of matching rows changes (``-1`` when a count has started in the
    background: ``counting`` is True until it arrives, and ``total`` is meanwhile the rows read so far);
    ``reloaded()`` after the rows were replaced.
    """

    SPEC: queries.TableSpec
    TIME_KEYS = frozenset({"added_at", "approved_at", "timestamp"})
    #: The most rows one page may hold (a subclass whose rows cost more to lay out lowers it).
    MAX_PAGE = 10_000

    edit_failed = Signal(str)
    total_changed = Signal(int)
    reloaded = Signal()

    def __init__(self, parent: QObject | None = None, page_size: int = queries.DEFAULT_PAGE_SIZE) -> None:
        super().__init__(parent)
        self.page_size = min(page_size, self.MAX_PAGE)
        self._cursor: queries.Cursor | None = None
        self._total = 0
        self._query: queries.TableQuery | None = None
        self._positions = [self.SPEC.index(c.key) for c in self.COLUMNS]
        self._id_pos = self.SPEC.index("id")
        self._version_pos = self.SPEC.index("version")
        #: Counts in the background when set (the page's runner, ``latest``: a newer count drops an older one).
        self.counter: JobRunner | None = None
        self.counting = False

    def set_page_size(self, rows: int) -> None:
        """Rows read per page from now on (the setting "Rows read at a time")."""
        self.page_size = max(1, min(int(rows), self.MAX_PAGE))

    # ---------------------------------------------------------------------------------------------- scope
    @property
    def query(self) -> queries.TableQuery | None:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def profile_id(self) -> str | None:
        return self._query.profile_id if self._query else None

    def set_profile(self, profile_id: str | None, language: str | None = None) -> None:
        """Show ``profile_id``'s rows (keeps sort, clears the filter); ``None`` empties the model."""
        if profile_id is None:
            self._query = None
        else:
            sort = self._query.sort if self._query else None
            descending = self._query.descending if self._query else None
            self._query = queries.TableQuery(self.SPEC, profile_id, language, sort, descending, "")
        self.reload()

    def set_filter(self, text: str) -> None:
        if self._query is not None and self._query.text != text:
            self._query = self._query.with_(text=text)
            self.reload()

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the rows are in (for the header's indicator); column -1 if not a shown column."""
        query = self._query or queries.TableQuery(self.SPEC, "")
        order = Qt.SortOrder.DescendingOrder if query.is_descending else Qt.SortOrder.AscendingOrder
        for i, column in enumerate(self.COLUMNS):
            if column.key == query.sort_key:
                return i, order
        return -1, order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS) or not self.SPEC.sortable(self.COLUMNS[column].key):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        key = self.COLUMNS[column].key
        if self._query is None or (self._query.sort_key == key and self._query.is_descending == descending):
            return
        self._query = self._query.with_(sort=key, descending=descending)
        self.reload()

    def reload(self) -> None:
        """Read the first page again (new scope, filter or sort; after rows were added)."""
        self.beginResetModel()
        self._rows, self._cursor, self._exhausted, total = [], None, True, 0
        try:
            if self._query is not None:
                page = queries.fetch_page(self._query, None, self.page_size)
                self._rows, self._cursor, self._exhausted = page.rows, page.cursor, page.exhausted
                # A first page that holds everything is its own count (saves a second scan for a rare filter).
                total = len(page.rows) if page.exhausted else -1
        finally:
            self.endResetModel()
        if total < 0 and self._query is not None:
            self._count(self._query)
        else:
            self.counting = False
            if self.counter is not None:
                self.counter.drop_reads()  # an older count would answer an older question
            self._set_total(total)
        self.reloaded.emit()

    def _count(self, query: queries.TableQuery) -> None:
        """Count the rows matching ``query``: in the background with a ``counter``, else here."""
        if self.counter is None:
            self.counting = False
            self._set_total(queries.count_rows(query))
            return

        def counted(total: int) -> None:
            if query is self._query:
                self.counting = False
                self._set_total(total)

        def failed(_message: str) -> None:  # the rows read so far stand in for the count
            if query is self._query:
                self.counting = False
                self._set_total(len(self._rows))

        self.counting = True
        self._total = len(self._rows)
        self.total_changed.emit(-1)
        self.counter.read(lambda _worker: queries.count_rows(query), counted, failed, name="row count")

    def _set_total(self, total: int) -> None:
        if total != self._total:
            self._total = total
        self.total_changed.emit(total)

    # ---------------------------------------------------------------------------------------------- lazy loading
    def has_more(self) -> bool:
        return self._query is not None and not self._exhausted

    def fetch_page(self) -> None:
        if self._query is None:
            return
        page = queries.fetch_page(self._query, self._cursor, self.page_size)
        self._exhausted = page.exhausted
        self._cursor = page.cursor
        self.append_rows(page.rows)

    # ---------------------------------------------------------------------------------------------- reading
    def cell(self, row: tuple, column: int, role: int) -> Any:
        key = self.COLUMNS[column].key
        value = row[self._positions[column]]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(key, value, row)
        if role == Qt.ItemDataRole.EditRole:
            return "" if value is None else value
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(key, value, row)
        if role == Qt.ItemDataRole.UserRole:
            return row[self._id_pos]
        return None

    def display(self, key: str, value: Any, row: tuple) -> str:
        """The text a cell shows; subclasses translate codes."""
        if key in self.TIME_KEYS:
            return formatting.local_time(value)
        return "" if value is None else str(value)

    def export_value(self, key: str, value: Any, row: tuple) -> Any:
        """The value a CSV export writes (runs in a worker: must only format, never touch Qt objects)."""
        return self.display(key, value, row)

    def tooltip(self, key: str, value: Any, row: tuple) -> str | None:
        if key in self.TIME_KEYS and value:
            return formatting.local_time(value, seconds=True)
        return None

    def row_tuple(self, row: int) -> tuple:
        return self._rows[row]

    def value(self, row: int, key: str) -> Any:
        return self._rows[row][self.SPEC.index(key)]

    def row_id(self, row: int) -> Any:
        return self._rows[row][self._id_pos]

    def row_version(self, row: int) -> int:
        return self._rows[row][self._version_pos]

    def row_of_id(self, row_id: Any) -> int:
        """The row showing ``row_id`` among the loaded rows, or -1."""
        for i, row in enumerate(self._rows):
            if row[self._id_pos] == row_id:
                return i
        return -1

    # ---------------------------------------------------------------------------------------------- editing
    def changes_for(self, key: str, value: Any) -> dict:
        """The ``update_row`` changes for an edit of column ``key`` (subclasses map display values to codes)."""
        return {key: value}

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self.COLUMNS[index.column()]
        if not column.editable:
            return False
        row = index.row()
        current = self._rows[row][self._positions[index.column()]]
        if value == current or (value == "" and current is None):
            return False
        try:
            services.update_row(
                self.SPEC.table, self.row_id(row), self.row_version(row), self.changes_for(column.key, value)
            )
        except ConflictError as exc:
            self.refresh_row(row)
            self.edit_failed.emit(messages.describe(exc) or str(exc))
            return False
        except NotFoundError as exc:
            self.drop_rows([self.row_id(row)])
            self.edit_failed.emit(messages.describe(exc) or str(exc))
            return False
        except LedgerError as exc:
            self.edit_failed.emit(messages.describe(exc) or str(exc))
            return False
        except Exception as exc:  # locked / disk full get a sentence; a bug goes to the excepthook
            message = messages.known_storage_problem(exc)
            if message is None:
                raise
            self.edit_failed.emit(message)
            return False
        self.refresh_row(row)
        return True

    def refresh_row(self, row: int) -> None:
        """Read one row again (after an edit or a conflict)."""
        fresh = queries.fetch_row(self.SPEC, self.row_id(row))
        if fresh is None:
            self.drop_rows([self.row_id(row)])
            return
        self._rows[row] = fresh
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def drop_rows(self, ids) -> int:
        """Take rows that were deleted out of the model without reading anything again."""
        wanted = set(ids)
        removed = 0
        row = len(self._rows) - 1
        while row >= 0:
            if self._rows[row][self._id_pos] in wanted:
                end = row
                while row - 1 >= 0 and self._rows[row - 1][self._id_pos] in wanted:
                    row -= 1
                self.beginRemoveRows(QModelIndex(), row, end)
                del self._rows[row : end + 1]
                self.endRemoveRows()
                removed += end - row + 1
            row -= 1
        if removed:
            self._set_total(max(0, self._total - removed))
        return removed
