"""The problems list of the Check page: a tree over the dry run's problems that leads with what was found (the
whole sentence, wrapped), names files and fields by what they hold (the raw path or key in the tooltip) and puts
problems of one kind together (one line with a count, opening to each one); a filter and CSV export."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView, QWidget

from desktop import csv_export
from desktop.legacy.read import Problem
from desktop.ui.qtcompat import QT_TRANSLATE_NOOP
from desktop.ui.wizard.common import severity_icon
from desktop.ui.wizard.texts import field_label, file_label, problem_text, severity_label

COLUMNS = ("message", "severity", "file", "record", "field")
HEADERS = {
    "severity": QT_TRANSLATE_NOOP("ProblemsModel", "Kind"),
    "file": QT_TRANSLATE_NOOP("ProblemsModel", "File"),
    "record": QT_TRANSLATE_NOOP("ProblemsModel", "Record"),
    "field": QT_TRANSLATE_NOOP("ProblemsModel", "Field"),
    "message": QT_TRANSLATE_NOOP("ProblemsModel", "What was found"),
}
MORE_LIKE_THIS = QT_TRANSLATE_NOOP("ProblemsModel", "… and %n more like this (open the line to see [it|them]).")
SEVERAL_RECORDS = QT_TRANSLATE_NOOP("ProblemsModel", "%n record(s)")
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SortRole = Qt.ItemDataRole.UserRole + 1
SeverityRole = Qt.ItemDataRole.UserRole + 2
#: ``internalId`` of a top-level line; a problem inside a group has its group's number + 1.
TOP = 0


def header_text(column: str) -> str:
    return QCoreApplication.translate("ProblemsModel", HEADERS[column])


class ProblemsModel(QAbstractItemModel):
    """The problems of one dry run, texts in the window's language. Problems of the same kind (severity and
    code) are one line when there are several: its sentence is the first one's with how many more, and it opens
    to each of them. Read-only."""

    def __init__(self, icon_source: QWidget, parent=None) -> None:
        super().__init__(parent)
        self.icon_source = icon_source
        self.problems: list[Problem] = []
        self.groups: list[list[int]] = []  # per line: the problems it stands for (indexes into ``problems``)
        self._texts: dict[int, str] = {}
        self._icons: dict[str, object] = {}

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self.problems = list(problems)
        kinds: dict[tuple[str, str], list[int]] = {}
        for i, problem in enumerate(self.problems):
            kinds.setdefault((problem.severity, problem.code), []).append(i)
        self.groups = list(kinds.values())
        self._texts = {}
        self.endResetModel()

    def retranslate(self) -> None:
        self.beginResetModel()  # texts and heights change: views re-measure every line
        self._texts = {}
        self.endResetModel()

    # ---------------------------------------------------------------------------------------------- the tree
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()):  # noqa: B008
        if not 0 <= column < len(COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, TOP) if 0 <= row < len(self.groups) else QModelIndex()
        group = parent.row()
        if parent.internalId() != TOP or not 0 <= row < self._children(group):
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    def parent(self, index=None):  # without an index: QObject.parent()
        if index is None:
            return super().parent()
        if not index.isValid() or index.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, TOP)

    def _children(self, group: int) -> int:
        members = self.groups[group]
        return len(members) if len(members) > 1 else 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == TOP and parent.column() == 0:
            return self._children(parent.row())
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return len(COLUMNS)

    def problem_of(self, index: QModelIndex | QPersistentModelIndex) -> int | None:
        """The problem a line shows, or None for a group's line."""
        if not index.isValid():
            return None
        if index.internalId() == TOP:
            members = self.groups[index.row()]
            return members[0] if len(members) == 1 else None
        return self.groups[index.internalId() - 1][index.row()]

    # ---------------------------------------------------------------------------------------------- texts
    def message(self, row: int) -> str:
        if row not in self._texts:
            self._texts[row] = problem_text(self.problems[row])
        return self._texts[row]

    def text(self, row: int, column: str) -> str:
        """What one problem shows in ``column`` (also what a CSV export writes)."""
        problem = self.problems[row]
        if column == "severity":
            return severity_label(problem.severity)
        if column == "message":
            return self.message(row)
        if column == "file":
            return file_label(problem.file)
        if column == "field":
            return field_label(problem.field)
        return problem.record or ""

    def group_text(self, group: int, column: str) -> str:
        members = self.groups[group]
        first = members[0]
        if column == "message":
            more = QCoreApplication.translate("ProblemsModel", MORE_LIKE_THIS, None, len(members) - 1)
            return f"{self.message(first)}\n{more}"
        if column == "record":
            records = {self.problems[i].record for i in members if self.problems[i].record}
            return QCoreApplication.translate("ProblemsModel", SEVERAL_RECORDS, None, len(records)) if records else ""
        values = {self.text(i, column) for i in members}
        return values.pop() if len(values) == 1 else ""

    def tooltip(self, index: QModelIndex | QPersistentModelIndex, column: str) -> str:
        row = self.problem_of(index)
        members = [row] if row is not None else self.groups[index.row()]
        if column == "file":
            return "\n".join(sorted({self.problems[i].file for i in members}))
        if column == "field":
            fields = (self.problems[i].field for i in members)
            return "\n".join(sorted({name for name in fields if name}))
        return self.display(index, column)

    def display(self, index: QModelIndex | QPersistentModelIndex, column: str) -> str:
        row = self.problem_of(index)
        return self.text(row, column) if row is not None else self.group_text(index.row(), column)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        row = self.problem_of(index)
        severity = self.problems[row if row is not None else self.groups[index.row()][0]].severity
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(index, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(index, column)
        if role == Qt.ItemDataRole.DecorationRole and column == "message":
            if severity not in self._icons:
                self._icons[severity] = severity_icon(self.icon_source, severity)
            return self._icons[severity]
        if role == SortRole:
            if column == "severity" or (column == "message" and index.internalId() != TOP):
                order = index.row() if index.internalId() != TOP else self.groups[index.row()][0]
                return SEVERITY_ORDER.get(severity, 3) * 1_000_000 + order
            return self.display(index, column).casefold()
        if role == SeverityRole:
            return severity
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return header_text(COLUMNS[section])
        return None

    def rows(self, source_rows: list[int] | None = None) -> list[list[str]]:
        """Every problem's texts (one row each, groups opened), for export: all, or the given ones in that order."""
        wanted = range(len(self.problems)) if source_rows is None else source_rows
        return [[self.text(row, column) for column in COLUMNS] for row in wanted]


class WrappingDelegate(QStyledItemDelegate):
    """Lines as tall as their wrapped text needs at the column's width now (a tree view otherwise measures
    wrapped text too short, and cuts it). The view lays its lines out again when a column is resized."""

    PADDING = 8

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        view.header().sectionResized.connect(lambda *_: view.scheduleDelayedItemsLayout())

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return hint
        width = self.view.columnWidth(index.column())
        if index.column() == 0:
            depth, parent = 1, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= self.view.indentation() * depth + self.PADDING
            if index.data(Qt.ItemDataRole.DecorationRole) is not None:
                width -= option.decorationSize.width() + self.PADDING
        margin = self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, self.view)
        width = max(40, width - 2 * (margin + 1))
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), text
        )
        return QSize(hint.width(), max(hint.height(), bounds.height() + self.PADDING))


class ProblemsFilter(QSortFilterProxyModel):
    """Filters by severity (``""`` = all) and by text in any column (a group shows when one of its problems
    matches); sorts by severity, then by text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.severity = ""
        self.setSortRole(SortRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setRecursiveFilteringEnabled(True)

    def set_severity(self, severity: str) -> None:
        self.beginFilterChange()
        self.severity = severity
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802 - Qt override
        model = self.sourceModel()
        if self.severity and model.index(source_row, 0, source_parent).data(SeverityRole) != self.severity:
            return False
        return super().filterAcceptsRow(source_row, source_parent)

    def visible_source_rows(self) -> list[int]:
        """The problems the filter shows, in the order shown (a group's problems in its place, open or not)."""
        model = cast(ProblemsModel, self.sourceModel())  # the check page sets it
        rows: list[int] = []
        for top in range(self.rowCount()):
            index = self.index(top, 0)
            indexes = [index, *(self.index(child, 0, index) for child in range(self.rowCount(index)))]
            for shown in indexes:  # a single problem, or a group (no problem of its own) and its problems
                problem = model.problem_of(self.mapToSource(shown))
                if problem is not None:
                    rows.append(problem)
        return rows


def export_csv(path: str | Path, model: ProblemsModel, source_rows: list[int] | None = None) -> int:
    """Write the problems (all, or the visible rows) as a CSV file a spreadsheet opens safely."""
    header = [header_text(column) for column in COLUMNS]
    rows = model.rows(source_rows)
    return csv_export.write_csv(path, header, rows)
