"""The problems table of the Check page: a model over the dry run's problems, a filter, and CSV export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QWidget

from desktop.legacy.read import Problem
from desktop.ui.wizard.common import severity_icon
from desktop.ui.wizard.texts import problem_text, severity_label

COLUMNS = ("severity", "file", "record", "field", "message")
HEADERS = {
    "severity": QT_TRANSLATE_NOOP("ProblemsModel", "Kind"),
    "file": QT_TRANSLATE_NOOP("ProblemsModel", "File"),
    "record": QT_TRANSLATE_NOOP("ProblemsModel", "Record"),
    "field": QT_TRANSLATE_NOOP("ProblemsModel", "Field"),
    "message": QT_TRANSLATE_NOOP("ProblemsModel", "What was found"),
}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SortRole = Qt.ItemDataRole.UserRole + 1
SeverityRole = Qt.ItemDataRole.UserRole + 2


def header_text(column: str) -> str:
    return QCoreApplication.translate("ProblemsModel", HEADERS[column])


class ProblemsModel(QAbstractTableModel):
    """The problems of one dry run, one row each (texts in the window's language). Read-only."""

    def __init__(self, icon_source: QWidget, parent=None) -> None:
        super().__init__(parent)
        self.icon_source = icon_source
        self.problems: list[Problem] = []
        self._texts: dict[int, str] = {}
        self._icons: dict[str, object] = {}

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self.problems = list(problems)
        self._texts = {}
        self.endResetModel()

    def retranslate(self) -> None:
        self._texts = {}
        if self.problems:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.problems) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def text(self, row: int, column: str) -> str:
        problem = self.problems[row]
        if column == "severity":
            return severity_label(problem.severity)
        if column == "message":
            if row not in self._texts:
                self._texts[row] = problem_text(problem)
            return self._texts[row]
        return getattr(problem, column) or ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), COLUMNS[index.column()]
        problem = self.problems[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == "severity":
            if problem.severity not in self._icons:
                self._icons[problem.severity] = severity_icon(self.icon_source, problem.severity)
            return self._icons[problem.severity]
        if role == SortRole:
            if column == "severity":
                return SEVERITY_ORDER.get(problem.severity, 3) * 1_000_000 + row
            return self.text(row, column).casefold()
        if role == SeverityRole:
            return problem.severity
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return header_text(COLUMNS[section])
        return None

    def rows(self, source_rows: list[int] | None = None) -> list[list[str]]:
        """The table's text, for export (all rows, or the given ones in that order)."""
        wanted = range(len(self.problems)) if source_rows is None else source_rows
        return [[self.text(row, column) for column in COLUMNS] for row in wanted]


class ProblemsFilter(QSortFilterProxyModel):
    """Filters by severity (``""`` = all) and by text in any column; sorts by severity, then by text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.severity = ""
        self.setSortRole(SortRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

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
        return [self.mapToSource(self.index(row, 0)).row() for row in range(self.rowCount())]


def export_csv(path: str | Path, model: ProblemsModel, source_rows: list[int] | None = None) -> int:
    """Write the problems (all, or the visible rows) as a CSV file a spreadsheet opens safely."""
    header = [header_text(column) for column in COLUMNS]
    rows = model.rows(source_rows)
    try:
        from desktop import csv_export
    except ImportError:  # pragma: no cover - the shared writer is part of the app; this is its minimal stand-in
        return _write_csv(Path(path), header, rows)
    return csv_export.write_csv(path, header, rows)


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> int:  # pragma: no cover - see above
    import csv

    def escape(value: str) -> str:
        return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value

    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([escape(h) for h in header])
        writer.writerows([[escape(v) for v in row] for row in rows])
    return len(rows)
